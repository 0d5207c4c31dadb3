// Kernels that compute each output element with a small loop over the input:
// argmax along an axis, max/avg pooling and their gradients, scatter_add.
// Operands are emitted in the loop body, so their producers fuse in too.
// These loops are short (classes, 2x2 windows, a batch of indices).

import type { Node, OpNode } from "../../ir/node";
import type { OpName } from "../../ir/op-attrs";
import type { KernelGroup } from "./fusion";
import { Bindings, perElementKernel, store, type CodegenOptions, type GroupKernel } from "./group-kernels";
import { NotFusable, unravel } from "./ir-emit";
import { product, u } from "./kernel";

const shapeOf = (n: Node) => n.shape as number[];
const ind = (ls: string[], n = 2) => ls.map((l) => " ".repeat(n) + l);

export function loopKernel(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  const A = g.anchor!;
  if (g.outputs.length !== 1 || g.outputs[0] !== A)
    throw new NotFusable(`${A.op} kernels store only their result`);
  const binds = new Bindings(g);
  const out = shapeOf(A);
  const c = out.map((_, d) => `c${d}`);
  if (!hasBody(A)) throw new NotFusable(`no kernel for ${A.op}`);
  const body = runBody(A, binds, c);
  return perElementKernel(binds, out, A.op, [...body.lines, store(A, 0, "i", body.value)], opts);
}

type Body<K extends OpName> = (A: OpNode<K>, b: Bindings, c: string[]) => { lines: string[]; value: string };
type PoolOp = "max_pool2d" | "max_pool2d_grad" | "avg_pool2d" | "avg_pool2d_grad";
type LoopOp = PoolOp | "argmax" | "scatter_add";

/** Lines computing `x` at `coords` inside a loop body, and its value. */
function at(
  b: Bindings,
  x: Node,
  coords: string[],
  prefix: string,
): { lines: string[]; v: string } {
  const em = b.emitter(prefix);
  const v = em.value(x, coords);
  return { lines: em.lines, v };
}

/** Pool geometry: window origin of output (oh, ow) is (oh*s - p, ow*s - p). */
function pool(A: OpNode<PoolOp>) {
  const { kernel: k, stride: s, padding: p } = A.attrs;
  return { k, s, p };
}

/** WGSL for the divisor of an avg-pool window at output (oh, ow) (PyTorch's count_include_pad rule). */
function avgDivisor(A: OpNode<"avg_pool2d" | "avg_pool2d_grad">, H: number, W: number, oh: string, ow: string): string {
  const { k, s, p } = pool(A);
  const h0 = `(i32(${oh}) * ${s[0]}i - ${p[0]}i)`;
  const w0 = `(i32(${ow}) * ${s[1]}i - ${p[1]}i)`;
  if (A.attrs.count_include_pad) {
    return `f32((min(${h0} + ${k[0]}i, ${H + p[0]}i) - ${h0}) * (min(${w0} + ${k[1]}i, ${W + p[1]}i) - ${w0}))`;
  }
  return `f32((min(${h0} + ${k[0]}i, ${H}i) - max(${h0}, 0i)) * (min(${w0} + ${k[1]}i, ${W}i) - max(${w0}, 0i)))`;
}

/** Window positions up to which windowLoop unrolls. */
const MAX_UNROLLED_WINDOW = 16;

/**
 * The window of output (oh, ow), binding `ih`, `iw` inside the image.
 * Windows of up to MAX_UNROLLED_WINDOW positions are unrolled, each position
 * in a block of its own: as loops with `continue`, lavapipe ran every
 * iteration for all lanes under masks, loop control included (with the one
 * window below, the MNIST CNN's 2 x 2 max-pool gradient at batch 64: 5.67 ->
 * 3.55 ms). Bigger windows (a global pool) stay loops: code size.
 */
function windowLoop(
  A: OpNode<PoolOp>,
  H: number,
  W: number,
  oh: string,
  ow: string,
  inner: string[],
): string[] {
  const { k, s, p } = pool(A);
  if (k[0] * k[1] > MAX_UNROLLED_WINDOW)
    return [
      `for (var kh = 0i; kh < ${k[0]}i; kh++) {`,
      `  let ih = i32(${oh}) * ${s[0]}i - ${p[0]}i + kh;`,
      `  if (ih < 0i || ih >= ${H}i) { continue; }`,
      `  for (var kw = 0i; kw < ${k[1]}i; kw++) {`,
      `    let iw = i32(${ow}) * ${s[1]}i - ${p[1]}i + kw;`,
      `    if (iw < 0i || iw >= ${W}i) { continue; }`,
      ...ind(inner, 4),
      "  }",
      "}",
    ];
  const lines: string[] = [];
  for (let kh = 0; kh < k[0]; kh++)
    for (let kw = 0; kw < k[1]; kw++)
      lines.push(
        "{",
        `  let ih = i32(${oh}) * ${s[0]}i - ${p[0]}i + ${kh}i;`,
        `  let iw = i32(${ow}) * ${s[1]}i - ${p[1]}i + ${kw}i;`,
        `  if (ih >= 0i && ih < ${H}i && iw >= 0i && iw < ${W}i) {`,
        ...ind(inner, 4),
        "  }",
        "}",
      );
  return lines;
}

/**
 * Loops over the outputs (oh, ow) whose window holds input (ih, iw) = (c2,
 * c3). Windows that tile (kernel = stride): the one window, no loop (the
 * loops ran kernel-size iterations, each masked, for one that holds it).
 */
function windowsOf(A: OpNode<PoolOp>, OH: number, OW: number, inner: string[]): string[] {
  const { k, s, p } = pool(A);
  if (k[0] === s[0] && k[1] === s[1])
    return [
      "{",
      `  let th = i32(c2) + ${p[0]}i;`,
      `  let tw = i32(c3) + ${p[1]}i;`,
      `  if (th / ${s[0]}i < ${OH}i && tw / ${s[1]}i < ${OW}i) {`,
      `    let oh = u32(th / ${s[0]}i);`,
      `    let ow = u32(tw / ${s[1]}i);`,
      ...ind(inner, 4),
      "  }",
      "}",
    ];
  return [
    `for (var kh = 0i; kh < ${k[0]}i; kh++) {`,
    `  let th = i32(c2) + ${p[0]}i - kh;`,
    `  if (th < 0i || th % ${s[0]}i != 0i || th / ${s[0]}i >= ${OH}i) { continue; }`,
    `  let oh = u32(th / ${s[0]}i);`,
    `  for (var kw = 0i; kw < ${k[1]}i; kw++) {`,
    `    let tw = i32(c3) + ${p[1]}i - kw;`,
    `    if (tw < 0i || tw % ${s[1]}i != 0i || tw / ${s[1]}i >= ${OW}i) { continue; }`,
    `    let ow = u32(tw / ${s[1]}i);`,
    ...ind(inner, 4),
    "  }",
    "}",
  ];
}

const hasBody = (A: Node): A is OpNode<LoopOp> => A.op in BODIES;

function runBody<K extends LoopOp>(A: OpNode<K>, b: Bindings, c: string[]): ReturnType<Body<K>> {
  const body: Body<K> = BODIES[A.op];
  return body(A, b, c);
}

const BODIES: { [K in LoopOp]: Body<K> } = {
  argmax(A, b, c) {
    const x = A.inputs[0];
    const ax = A.attrs.axis;
    const xc = A.attrs.keepdims
      ? c.map((v, d) => (d === ax ? "j" : v))
      : [...c.slice(0, ax), "j", ...c.slice(ax)];
    const { lines, v } = at(b, x, xc, "x");
    return {
      lines: [
        "var best = 0.0f;",
        "var arg = 0i;",
        `for (var j = 0u; j < ${u(shapeOf(x)[ax])}; j++) {`,
        ...ind(lines),
        `  if (j == 0u || ${v} > best) { best = ${v}; arg = i32(j); }`,
        "}",
      ],
      value: "arg",
    };
  },
  max_pool2d(A, b, c) {
    const [, , H, W] = shapeOf(A.inputs[0]);
    const { lines, v } = at(b, A.inputs[0], ["c0", "c1", "u32(ih)", "u32(iw)"], "x");
    return {
      lines: [
        "var best = 0.0f;",
        "var found = false;",
        ...windowLoop(A, H, W, c[2], c[3], [
          ...lines,
          `if (!found || ${v} > best) { best = ${v}; found = true; }`,
        ]),
      ],
      value: "best",
    };
  },
  avg_pool2d(A, b, c) {
    const [, , H, W] = shapeOf(A.inputs[0]);
    const { lines, v } = at(b, A.inputs[0], ["c0", "c1", "u32(ih)", "u32(iw)"], "x");
    return {
      lines: [
        "var total = 0.0f;",
        ...windowLoop(A, H, W, c[2], c[3], [...lines, `total += ${v};`]),
      ],
      value: `total / ${avgDivisor(A, H, W, c[2], c[3])}`,
    };
  },
  avg_pool2d_grad(A, b) {
    const dy = A.inputs[0];
    const [, , OH, OW] = shapeOf(dy);
    const [, , H, W] = shapeOf(A);
    const { lines, v } = at(b, dy, ["c0", "c1", "oh", "ow"], "g");
    return {
      lines: [
        "var total = 0.0f;",
        ...windowsOf(A, OH, OW, [...lines, `total += ${v} / ${avgDivisor(A, H, W, "oh", "ow")};`]),
      ],
      value: "total",
    };
  },
  max_pool2d_grad(A, b) {
    const [x, dy] = A.inputs;
    const [, , H, W] = shapeOf(x);
    const [, , OH, OW] = shapeOf(dy);
    // Recompute each window's first maximum; route dy there if it is this element.
    const cell = at(b, x, ["c0", "c1", "u32(ih)", "u32(iw)"], "x");
    const grad = at(b, dy, ["c0", "c1", "oh", "ow"], "g");
    const search = windowLoop(A, H, W, "oh", "ow", [
      ...cell.lines,
      `if (!found || ${cell.v} > best) { best = ${cell.v}; found = true; bh = ih; bw = iw; }`,
    ]);
    return {
      lines: [
        "var total = 0.0f;",
        ...windowsOf(A, OH, OW, [
          "var best = 0.0f;",
          "var found = false;",
          "var bh = -1i;",
          "var bw = -1i;",
          ...search,
          "if (bh == i32(c2) && bw == i32(c3)) {",
          ...ind(grad.lines),
          `  total += ${grad.v};`,
          "}",
        ]),
      ],
      value: "total",
    };
  },
  scatter_add(A, b, c) {
    const [src, idx] = A.inputs;
    const ax = A.attrs.axis;
    const is = shapeOf(idx);
    const jc = unravel("j", is);
    const i = at(b, idx, jc, "q");
    const s = at(b, src, [...c.slice(0, ax), ...jc, ...c.slice(ax + 1)], "s");
    return {
      lines: [
        "var total = 0.0f;",
        `for (var j = 0u; j < ${u(product(is))}; j++) {`,
        ...ind(i.lines),
        `  if (${i.v} != i32(${c[ax]})) { continue; }`,
        ...ind(s.lines),
        `  total += ${s.v};`,
        "}",
      ],
      value: "total",
    };
  },
};
