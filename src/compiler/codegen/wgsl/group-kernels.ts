// Kernel plan group -> WGSL kernel. Each group kind instantiates one template
// (elementwise, GEMM for matmul and conv, row kernel, or a per-element loop
// for argmax, pooling and scatter_add) with code from the IR emitter.
// Bindings: the nodes the kernel loads (`t0, t1, ...`, first use first), then
// the nodes it stores (`o0, o1, ...`, the group's outputs in order).

import { attrsOf, isOp, type Node, type OpNode } from "../../ir/node";
import { concrete, sameElements, sameShape } from "../../ir/types";
import type { KernelGroup } from "./fusion";
import {
  conv2dGradInputKernel,
  conv2dGradWeightKernel,
  conv2dKernel,
  stripFor,
  vectorX,
  type ConvIO,
  type Conv2dShape,
} from "./conv";
import { gemmKernel, splitRowLines, vectorOperands, type GemmStrategy, type TileLimits } from "./gemm";
import {
  IrEmitter,
  NotFusable,
  broadcastCoords,
  isPlainCoord,
  keptDimsCoords,
  permuteCoords,
  ravel,
  unravel,
  type EmitContext,
} from "./ir-emit";
import {
  bindingDecls,
  finishWgsl,
  grid,
  linearWorkgroupId,
  product,
  storageOf,
  u,
  type Binding,
  type Kernel,
} from "./kernel";
import { rowKernelFrom, type ReduceOp } from "./rows";
import { FLAG_BINDING } from "./index-flag";
import { loopKernel } from "./loop-kernels";

export interface GroupKernel {
  kernel: Kernel;
  /** Nodes bound to the read bindings, in binding order. */
  reads: Node[];
  /** Nodes bound to the written bindings (the group's outputs). */
  writes: Node[];
}

export interface CodegenOptions {
  strategy: GemmStrategy;
  tileLimits?: TileLimits;
  maxPerDim?: number;
  /** Lanes per subgroup of a CPU adapter (`cpu` strategy's broadcast GEMM and strip convolution); default 8. */
  lanes?: number;
}

const shapeOf = (n: Node) => n.shape as number[];

/** Coordinates agree, except that any coordinate of a size-1 dim is 0. */
function coordsMatch(got: string[], want: string[], shape: readonly number[]): boolean {
  return got.length === want.length && got.every((c, i) => c === want[i] || shape[i] === 1);
}

const FLAG: Binding = { name: FLAG_BINDING, type: "u32", access: "read_write", atomic: true };

export class Bindings {
  readonly reads: Node[] = [];
  private readonly names = new Map<Node, string>();
  readonly helpers = new Set<string>();
  /** Offsets passed as uniform parameters (never deduplicated: the text must not depend on values). */
  readonly params: number[] = [];
  /** Nodes bound as `array<vec4<f32>>` (vectorized GEMM operands; a transpose's input and output). */
  readonly vec4 = new Set<Node>();
  /** A computed-index check reports into the flag buffer (bound last). */
  flagged = false;

  constructor(
    readonly group: KernelGroup,
    readonly held?: EmitContext["held"],
    readonly element?: EmitContext["element"],
  ) {}

  context(): EmitContext {
    return {
      members: this.group.members,
      helpers: this.helpers,
      held: this.held,
      element: this.element,
      vec4: this.vec4,
      flag: () => {
        this.flagged = true;
      },
      param: (v) => {
        const k = this.params.push(v) - 1;
        return `prm[${k >> 2}].${"xyzw"[k & 3]}`;
      },
      bindingOf: (n) => {
        let s = this.names.get(n);
        if (!s) {
          s = `t${this.reads.length}`;
          this.names.set(n, s);
          this.reads.push(n);
        }
        return s;
      },
    };
  }

  emitter(prefix: string): IrEmitter {
    return new IrEmitter(this.context(), prefix);
  }

  /** The kernel's result: its bindings' nodes, and its parameters if it has any. */
  finish(kernel: Kernel): GroupKernel {
    if (this.params.length) kernel.params = this.params.slice();
    return { kernel, reads: this.reads, writes: this.group.outputs };
  }

  list(): Binding[] {
    const prm: Binding[] = this.params.length
      ? [{ name: "prm", type: "u32", access: "uniform", size: Math.ceil(this.params.length / 4) }]
      : [];
    return [
      ...this.reads.map((n, i): Binding => ({
        name: `t${i}`,
        type: storageOf(n.dtype),
        access: "read",
        ...(this.vec4.has(n) ? { vec4: true } : {}),
      })),
      ...this.group.outputs.map((n, j): Binding => ({
        name: `o${j}`,
        type: storageOf(n.dtype),
        access: "read_write",
        ...(this.vec4.has(n) ? { vec4: true } : {}),
      })),
      ...prm,
      ...(this.flagged ? [FLAG] : []),
    ];
  }
}

export function store(n: Node, j: number, at: string, v: string): string {
  return `o${j}[${at}] = ${n.dtype === "bool" ? `select(0u, 1u, ${v})` : v};`;
}

export function groupKernel(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  const kernel = build(g, opts);
  return kernel;
}

function build(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  switch (g.kind) {
    case "elementwise":
      return elementwise(g, opts);
    case "rows":
      return rows(g, opts);
    case "matmul":
      return matmul(g, opts);
    case "conv2d":
    case "conv2d_grad_input":
    case "conv2d_grad_weight":
      return conv(g, opts);
    default:
      return loopKernel(g, opts);
  }
}

/**
 * Elements each invocation of a per-element kernel computes. GPUs: one (many
 * small invocations hide memory latency). CPU adapters (every strategy but
 * `tiled`; lavapipe runs a workgroup's invocations as one SIMD loop on one
 * thread) pay a fixed cost per workgroup, about 1 µs here: a 200,704-element
 * elementwise kernel took 3.1 ms at one element per invocation, 0.49 ms at
 * 16 and 0.36 ms at 64 (best rounds, load ~7). Up to 64 per invocation while
 * at least PER_ELEMENT_MIN_GROUPS workgroups remain to spread over the cores.
 */
export function elementsPerInvocation(n: number, strategy: GemmStrategy): number {
  if (strategy === "tiled") return 1;
  let per = 1;
  while (per < 64 && n >= 2 * per * 64 * PER_ELEMENT_MIN_GROUPS) per *= 2;
  return per;
}

/** Workgroups a CPU adapter's per-element kernel keeps at least (when it has that many elements). */
export const PER_ELEMENT_MIN_GROUPS = 32;

/**
 * A kernel over every element of `shape` (flat index `i`, coordinates `c0,
 * c1, ...`) running `body`, which computes and stores that element: 64
 * invocations a workgroup, each doing elementsPerInvocation elements
 * (consecutive invocations on consecutive elements); named
 * `<name>_<elements>`. Elementwise groups and the loop kernels (pooling,
 * argmax, scatter_add) are this with another body.
 */
export function perElementKernel(b: Bindings, shape: readonly number[], name: string, body: readonly string[], opts: CodegenOptions): GroupKernel {
  const n = product(shape);
  const per = elementsPerInvocation(n, opts.strategy);
  const workgroups = grid(Math.ceil(n / (64 * per)), opts.maxPerDim);
  const element = [
    `if (i >= ${u(n)}) { return; }`,
    ...unravel("i", shape).map((c, d) => `let c${d} = ${c};`),
    ...body,
  ];
  const wid = linearWorkgroupId(workgroups);
  const main =
    per === 1
      ? [`  let i = (${wid}) * 64u + lid;`, ...element.map((l) => `  ${l}`)]
      : [
          // (past the end, every later element is too: `return` ends the invocation)
          `  let base = (${wid}) * ${u(64 * per)} + lid;`,
          `  for (var r = 0u; r < ${u(per)}; r++) {`,
          `    let i = base + r * 64u;`,
          ...element.map((l) => `    ${l}`),
          "  }",
        ];
  const wgsl = finishWgsl([
    ...b.helpers,
    bindingDecls(b.list()),
    "",
    "@compute @workgroup_size(64)",
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {",
    ...main,
    "}",
    "",
  ]);
  return b.finish({ name: `${name}_${n}`, wgsl, bindings: b.list(), workgroups });
}

function elementwise(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  const tiles = opts.strategy === "tiled" ? undefined : transposeTiles(g, opts);
  if (tiles) return tiles;
  const coords = g.shape.map((_, d) => `c${d}`);
  const b = new Bindings(g, undefined, { coords, shape: g.shape, flat: "i" });
  const em = b.emitter("v");
  const stores = g.outputs.map((o, j) => {
    if (!sameShape(shapeOf(o), g.shape))
      throw new NotFusable(`output ${o.op} is not over the kernel's elements`);
    return store(o, j, "i", em.value(o, coords));
  });
  return perElementKernel(b, g.shape, "elementwise", [...em.lines, ...stores], opts);
}

/**
 * A kernel that only stores a buffer with its last two axes swapped (a GEMM
 * operand packed by pack-operands.ts), on CPU adapters: one 4 x 4 block per
 * invocation, read and written by vec4s. Lavapipe compiles a storage access
 * whose address differs between lanes to a per-lane sequence, so 8 vec4
 * accesses per 16 values beat the per-element kernel's 32 scalar ones:
 * [1024, 1024] in 1.67 against 3.18 ms (process CPU 3.24 against 5.71 ms,
 * best of 40 rounds of 10). Undefined for any other group, or when either
 * axis is not a multiple of 4.
 */
function transposeTiles(g: KernelGroup, opts: CodegenOptions): GroupKernel | undefined {
  const [o] = g.outputs;
  if (g.outputs.length !== 1 || g.members.size !== 1 || !isOp(o, "permute") || o.dtype !== "f32") return undefined;
  const shape = shapeOf(o);
  const r = shape.length;
  if (r < 2 || o.attrs.perm.some((p, d) => p !== (d < r - 2 ? d : 2 * r - 3 - d))) return undefined;
  const [P, Q] = shape.slice(-2);
  if (P % 4 !== 0 || Q % 4 !== 0) return undefined;
  const b = new Bindings(g);
  const x = o.inputs[0];
  b.vec4.add(x);
  b.vec4.add(o);
  const t = b.context().bindingOf(x);
  // Block (z, pb, qb): out[z, 4pb + i, 4qb + j] = x[z, 4qb + j, 4pb + i], in vec4 units of 4 columns.
  const blocks = product(shape) / 16;
  const workgroups = grid(Math.ceil(blocks / 64), opts.maxPerDim);
  const at = (row: string, rows: number, cols: number, col4: string) => `(z * ${u(rows * cols)} + (${row}) * ${u(cols)}) / 4u + ${col4}`;
  const wgsl = finishWgsl([
    bindingDecls(b.list()),
    "",
    "@compute @workgroup_size(64)",
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {",
    `  let blk = (${linearWorkgroupId(workgroups)}) * 64u + lid;`,
    `  if (blk >= ${u(blocks)}) { return; }`,
    `  let qb = blk % ${u(Q / 4)};`,
    `  let pb = (blk / ${u(Q / 4)}) % ${u(P / 4)};`,
    `  let z = blk / ${u((P / 4) * (Q / 4))};`,
    ...[0, 1, 2, 3].map((j) => `  let x${j} = ${t}[${at(`qb * 4u + ${u(j)}`, Q, P, "pb")}];`),
    ...[0, 1, 2, 3].map((i) => `  o0[${at(`pb * 4u + ${u(i)}`, P, Q, "qb")}] = vec4<f32>(${[0, 1, 2, 3].map((j) => `x${j}.${"xyzw"[i]}`).join(", ")});`),
    "}",
    "",
  ]);
  return b.finish({ name: `transpose4x4_${product(shape)}`, wgsl, bindings: b.list(), workgroups });
}

/** The epilogue's `held`: the anchor's value is `acc`, at the element's own coordinates only. */
function accHeld(anchor: Node, coords: string[]): EmitContext["held"] {
  return (n, c) => {
    if (n !== anchor) return undefined;
    if (!coordsMatch(c, coords, shapeOf(anchor)))
      throw new NotFusable("epilogue reads the product elsewhere");
    return "acc";
  };
}

function epilogueStores(g: KernelGroup, b: Bindings, coords: string[], flat: string): string[] {
  const em = b.emitter("e");
  const stores = g.outputs.map((o, j) => {
    if (!sameShape(shapeOf(o), g.shape))
      throw new NotFusable(`output ${o.op} is not over the product's elements`);
    return store(o, j, flat, em.value(o, coords));
  });
  return [...em.lines, ...stores];
}

function matmul(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  const A = g.anchor!;
  const out = shapeOf(A);
  const [a, bb] = A.inputs;
  const batchShape = out.slice(0, -2);
  const [M, N] = out.slice(-2);
  const K = shapeOf(a)[shapeOf(a).length - 1];
  const bc = unravel("b", batchShape);
  const coords = [...bc, "m", "n"];
  const binds = new Bindings(g, accHeld(A, coords));
  const at = (x: Node, last: [string, string]) => [
    ...broadcastCoords(bc, batchShape, shapeOf(x).slice(0, -2)),
    ...last,
  ];
  // An operand that is a plain read of an f32 buffer whose innermost
  // coordinate is one of the product's axes, with whole vec4 rows, is
  // bound as vec4: `vec` is that axis (what gemm.ts may read 16 bytes at a time).
  const plain = (x: Node, last: [string, string]) => {
    const p = binds.emitter("p").plainLoad(x, at(x, last));
    if (!p || p.node.dtype !== "f32") return undefined;
    const ps = shapeOf(p.node);
    const inner = p.coords[p.coords.length - 1];
    if (!last.includes(inner) || ps[ps.length - 1] % 4 !== 0) return undefined;
    return { ...p, axis: inner };
  };
  const wants = vectorOperands(opts.strategy, { M, N, K });
  const pa = [plain(a, ["m", "k"])].find((p) => p && (wants.a as string[]).includes(p.axis));
  const pb = [plain(bb, ["k", "n"])].find((p) => p && (wants.b as string[]).includes(p.axis));
  for (const p of [pa, pb]) if (p) binds.vec4.add(p.node);
  const operand = (x: Node, prefix: string, last: [string, string]) => {
    const em = binds.emitter(prefix);
    const v = em.value(x, at(x, last));
    return [...em.lines, `return ${v};`];
  };
  const vector = (p: typeof pa) =>
    p && [`return ${binds.context().bindingOf(p.node)}[(${ravel(p.coords, shapeOf(p.node))}) / 4u];`];
  const loadA = operand(a, "la", ["m", "k"]);
  const loadB = operand(bb, "lb", ["k", "n"]);
  // What depends on the row alone (a per-row bias) runs once per row.
  const epi = splitRowLines(epilogueStores(g, binds, coords, "flat"), ["n", "flat", "acc"]);
  const storeLines = [`let flat = (b * ${u(M)} + m) * ${u(N)} + n;`, ...epi.rest];
  const kernel = gemmKernel(
    {
      lanes: opts.lanes,
      name: "matmul",
      batch: product(batchShape),
      M,
      N,
      K,
      bindings: binds.list(),
      helpers: [...binds.helpers],
      loadA,
      loadB,
      loadA4: vector(pa),
      loadB4: vector(pb),
      store: storeLines,
      storeRow: epi.row.length ? epi.row : undefined,
      aContiguous: pa?.axis === "m" ? "m" : "k",
      bContiguous: pb?.axis === "k" ? "k" : "n",
    },
    opts.strategy,
    undefined,
    opts.tileLimits,
  );
  return binds.finish(kernel);
}

function convShape(A: Node): Conv2dShape {
  const [p, q] = A.inputs;
  const gradIn = isOp(A, "conv2d_grad_input");
  const gradW = isOp(A, "conv2d_grad_weight");
  const at = gradIn ? A.attrs : gradW ? A.attrs : attrsOf(A, "conv2d");
  const target = gradIn || gradW ? concrete(A.attrs.shape, "conv gradient shape") : [];
  const x = gradIn ? target : shapeOf(p);
  const w = gradW ? target : shapeOf(q);
  const two = (v: readonly number[]): [number, number] => [v[0], v[1]];
  return {
    N: x[0],
    C: x[1],
    H: x[2],
    W: x[3],
    O: w[0],
    KH: w[2],
    KW: w[3],
    stride: two(at.stride),
    padding: two(at.padding),
    dilation: two(at.dilation),
    groups: at.groups,
  };
}

/** The max-pool a forward conv kernel stores instead of its own result (fusion.ts fusePools), if it has one. */
function pooledConv(g: KernelGroup): OpNode<"max_pool2d"> | undefined {
  const o = g.outputs[0];
  return g.outputs.length === 1 && isOp(o, "max_pool2d") && g.members.has(o) ? o : undefined;
}

function conv(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  const A = g.anchor!;
  const coords = ["i0", "i1", "i2", "i3"];
  const binds = new Bindings(g, accHeld(A, coords));
  const shape = convShape(A);
  // The forward's x bound as vec4 when it is a plain NCHW buffer and the
  // kernel reads it by vec4s (conv.ts vectorX).
  let load0v: string[] | undefined;
  const pool = pooledConv(g);
  if (A.op === "conv2d" && vectorX(shape, opts.strategy, stripFor(shape, opts.strategy, pool !== undefined))) {
    const p = binds.emitter("p").plainLoad(A.inputs[0], coords);
    if (p && p.node.dtype === "f32" && sameShape(shapeOf(p.node), shapeOf(A.inputs[0])) && p.coords.every((c, d) => c === coords[d])) {
      binds.vec4.add(p.node);
      load0v = [`return ${binds.context().bindingOf(p.node)}[i / 4u];`];
    }
  }
  const load = (x: Node, prefix: string) => {
    const em = binds.emitter(prefix);
    const v = em.value(x, coords);
    return [...em.lines, `return ${v};`];
  };
  const load0 = load(A.inputs[0], "la");
  const load1 = load(A.inputs[1], "lb");
  const element = ["flat", "i0", "i2", "i3", "acc"];
  let out: Pick<ConvIO, "store" | "storeRow" | "pool">;
  if (pool) {
    // The max-pool done in the store (conv-strip.ts): the pool's input at each window element, then the window's max stored.
    const { kernel, stride, padding } = pool.attrs;
    if (A.op !== "conv2d" || !stripFor(shape, opts.strategy, true))
      throw new NotFusable("a max-pool fuses only into the forward strip convolution");
    if (kernel.some((k, d) => k !== stride[d]) || padding.some((p) => p !== 0))
      throw new NotFusable("a fused max-pool's windows must tile the input (kernel = stride, no padding)");
    const em = binds.emitter("e");
    const v = em.value(pool.inputs[0], coords);
    const epi = splitRowLines([...em.lines, `let pv = ${v};`], element);
    out = {
      store: [],
      storeRow: epi.row.length ? epi.row : undefined,
      pool: { kernel: [kernel[0], kernel[1]], value: epi.rest, store: [store(pool, 0, "pflat", "best")] },
    };
  } else {
    const storeLines = epilogueStores(g, binds, coords, "flat");
    // The forward's per-output-channel values (bias, BatchNorm) run once per channel of a block.
    const epi = A.op === "conv2d" ? splitRowLines(storeLines, element) : undefined;
    out = epi?.row.length ? { store: epi.rest, storeRow: epi.row } : { store: storeLines };
  }
  const spec = {
    ...shape,
    strategy: opts.strategy,
    tileLimits: opts.tileLimits,
    lanes: opts.lanes,
    io: { bindings: binds.list(), load0, load1, ...out, helpers: [...binds.helpers], load0v },
  };
  const kernel =
    A.op === "conv2d"
      ? conv2dKernel(spec)
      : A.op === "conv2d_grad_input"
        ? conv2dGradInputKernel(spec)
        : conv2dGradWeightKernel(spec);
  return binds.finish(kernel);
}

const REDUCE_OPS: Record<string, ReduceOp> = {
  reduce_sum: "sum",
  reduce_max: "max",
  argmax: "argmax",
};

/** The reduced axes of a row stage (argmax has one `axis`), sorted. Not to be changed: shared (nodes are immutable). */
export function stageAxes(n: Node): readonly number[] {
  let axes = stageAxesOf.get(n);
  if (!axes)
    stageAxesOf.set(
      n,
      (axes =
        n.op === "argmax"
          ? [attrsOf(n, "argmax").axis]
          : [...attrsOf(n, n.op === "reduce_max" ? "reduce_max" : "reduce_sum").axes].sort((a, b) => a - b)),
    );
  return axes;
}
const stageAxesOf = new WeakMap<Node, readonly number[]>();

/** A rows kernel's shape, reduced axes and coordinate names: one per kept (row) dim, `0u` for a reduced one. */
function rowFrame(g: KernelGroup) {
  const S = g.shape;
  const A = g.axes;
  const kept = S.map((_, d) => d).filter((d) => !A.includes(d));
  const keptDims = kept.map((d) => S[d]);
  return {
    S,
    A,
    kept,
    keptDims,
    all: S.map((_, d) => `c${d}`),
    keepCoords: S.map((_, d) => (A.includes(d) ? "0u" : `c${d}`)),
    rowCoords: kept.map((d) => `c${d}`),
    nRows: product(keptDims),
  };
}

function rows(g: KernelGroup, opts: CodegenOptions): GroupKernel {
  const { S, A, all, keptDims, keepCoords, rowCoords, nRows } = rowFrame(g);
  let done = 0;
  const held: EmitContext["held"] = (n, c) => {
    const j = g.stages.indexOf(n);
    if (j < 0) return undefined;
    if (j >= done) throw new NotFusable("a reduction is used before it is complete");
    const want = n.attrs.keepdims ? keepCoords : rowCoords;
    if (!coordsMatch(c, want, shapeOf(n)))
      throw new NotFusable("a reduction is read outside its row");
    return `red${j}`;
  };
  const binds = new Bindings(g, held, { coords: all, shape: S, flat: "idx" });
  for (const s of g.stages) {
    if (!sameShape(shapeOf(s.inputs[0]), S))
      throw new NotFusable("row stages reduce different shapes");
    if (!sameShape(stageAxes(s), A)) throw new NotFusable("row stages reduce different axes");
    if (s.inputs[0].dtype !== "f32") throw new NotFusable("row kernels reduce f32 values");
  }
  const isElement = (o: Node) => sameShape(shapeOf(o), S) && !g.stages.includes(o);
  const indexed = g.outputs.map((o, j) => ({ o, j }));
  const perElement = indexed.filter(({ o }) => isElement(o));
  const perRow = indexed.filter(({ o }) => !isElement(o));
  for (const { o } of perRow) {
    if (product(shapeOf(o)) !== nRows)
      throw new NotFusable(`output ${o.op} is neither per element nor per row`);
  }
  const kernel = rowKernelFrom(
    {
      shape: S,
      axes: A,
      get bindings() {
        return binds.list();
      },
      get helpers() {
        return [...binds.helpers];
      },
      stageOps: g.stages.map((s) => {
        const op = REDUCE_OPS[s.op];
        if (!op) throw new NotFusable(`${s.op} is not a row reduction`);
        return op;
      }),
      stage(i) {
        done = i;
        const em = binds.emitter(`s${i}_`);
        const value = em.value(g.stages[i].inputs[0], all);
        done = i + 1;
        return { lines: em.lines, value };
      },
      elementOutputs() {
        if (!perElement.length) return [];
        const em = binds.emitter("e");
        const st = perElement.map(({ o, j }) => store(o, j, "idx", em.value(o, all)));
        return [...em.lines, ...st];
      },
      rowOutputs() {
        if (!perRow.length) return [];
        const em = binds.emitter("w");
        const st = perRow.map(({ o, j }) => {
          const os = shapeOf(o);
          const coords = sameShape(
            os,
            keepCoords.map((_, d) => (A.includes(d) ? 1 : S[d])),
          )
            ? keepCoords
            : sameShape(os, keptDims)
              ? rowCoords
              : unravel("row", os);
          return store(o, j, "row", em.value(o, coords));
        });
        return [...em.lines, ...st];
      },
    },
    opts.maxPerDim,
  );
  return binds.finish(kernel);
}

/**
 * The nodes a group's kernel would load, found without generating it: a walk
 * of what the IR emitter evaluates, from the same roots in the same order,
 * carrying the same coordinates where they are plain selections of the
 * kernel's (broadcasting, permutes, reshapes of size-1 dims; `null` where
 * the emitter would compute new ones). Undefined when only generating the
 * kernel can tell: a check that would fail or that unknown coordinates
 * decide (a held value — the product, a row stage — read at coordinates
 * not known to be its own), an op the emitter cannot compute, or a kind
 * whose kernel has no walk here (pooling, argmax and scatter_add loops). So
 * when this returns loads, generating the kernel succeeds and binds exactly
 * these nodes (and the group's outputs): fusion asks this first and
 * generates only the kernels it cannot decide this way.
 */
export function groupLoads(g: KernelGroup, marks = new WalkMarks()): { loads: Node[]; bindings: number } | undefined {
  const w = walkLoads(g, marks);
  // (a computed-index check binds the index flag too: index-flag.ts)
  return w && { loads: w.loads, bindings: w.loads.length + g.outputs.length + (w.flagged ? 1 : 0) };
}

function walkLoads(g: KernelGroup, marks: WalkMarks): LoadWalk | undefined {
  switch (g.kind) {
    case "elementwise":
      return elementwiseLoads(g, marks);
    case "rows":
      return rowLoads(g, marks);
    case "matmul":
      return productLoads(g, marks, [...unravel("b", shapeOf(g.anchor!).slice(0, -2)), "m", "n"]);
    case "conv2d":
    case "conv2d_grad_input":
    case "conv2d_grad_weight":
      // (a fused max-pool: generating the kernel tells whether the strategy has one)
      return pooledConv(g) ? undefined : productLoads(g, marks, ["i0", "i1", "i2", "i3"]);
    default:
      return undefined;
  }
}

/** What a load walk has seen of a node: the walk's number, the coordinates it visited it at, whether it loaded it. */
interface Mark {
  walk: number;
  /** The first coordinates it was visited at (most members are visited at one), then any others. */
  coords: Coords;
  more: Coords[] | undefined;
  loaded: number;
}

/**
 * The marks of many load walks, one per node, reused from walk to walk (by
 * walk number): fusion walks ~600 candidate kernels of resnet, and a map
 * and a set per walk were a third of planning's allocation. One per
 * planning; it holds the nodes it has seen.
 */
export class WalkMarks {
  private walks = 0;
  private readonly marks = new Map<Node, Mark>();

  /** A new walk's number. */
  begin(): number {
    return ++this.walks;
  }

  of(n: Node): Mark {
    let m = this.marks.get(n);
    if (!m) this.marks.set(n, (m = { walk: 0, coords: [], more: undefined, loaded: 0 }));
    return m;
  }
}

type Coords = readonly (string | null)[];

/**
 * What `IrEmitter.value` reaches from a kernel's roots: `visit(n, coords)`
 * is false when only generating the code can tell whether it is legal.
 * `held(n, coords)`: undefined when n is not a held value, else whether
 * reading it there is known to be legal.
 */
class LoadWalk {
  /** The nodes loaded, first load first. */
  readonly loads: Node[] = [];
  /** Evaluates a check_index (the kernel binds the index flag). */
  flagged = false;
  private readonly walk: number;

  constructor(
    private readonly members: ReadonlySet<Node>,
    private readonly marks: WalkMarks,
    private readonly held?: (n: Node, c: Coords) => boolean | undefined,
  ) {
    this.walk = marks.begin();
  }

  visit(n: Node, c: Coords): boolean {
    const h = this.held?.(n, c);
    if (h !== undefined) return h;
    const m = this.marks.of(n);
    if (!this.members.has(n)) {
      if (m.loaded !== this.walk) {
        m.loaded = this.walk;
        this.loads.push(n);
      }
      return true;
    }
    // Visited at these coordinates already (compared element by element: a key string per visit was most of the walk's allocation)?
    if (m.walk !== this.walk) {
      m.walk = this.walk;
      m.coords = c;
      m.more = undefined;
    } else if (sameElements(m.coords, c)) return true;
    else if (!m.more) m.more = [c];
    else if (m.more.some((x) => sameElements(x, c))) return true;
    else m.more.push(c);
    const ins = n.inputs;
    const shape = shapeOf(n);
    switch (n.op) {
      case "const":
      case "dim_size":
      case "iota":
        return true;
      case "random_uniform":
        return this.visit(ins[0], []);
      case "check_index":
        this.flagged = true;
        return this.visit(ins[0], c);
      case "expand":
        return this.visit(ins[0], broadcastCoords(c as string[], shape, shapeOf(ins[0])));
      case "reshape":
        return this.visit(ins[0], keptDimsCoords(c, shape, shapeOf(ins[0]), "0u") ?? new Array<null>(ins[0].shape.length).fill(null));
      case "permute":
        return this.visit(ins[0], permuteCoords(attrsOf(n, "permute").perm, c));
      case "slice": {
        // A whole axis read from its start keeps its coordinate (named by the emitter when not plain).
        const a = attrsOf(n, "slice");
        const inner = c.map((ci, i) =>
          ci !== null && isPlainCoord(ci) && a.starts[i] === 0 && a.steps[i] === 1 && shape[i] === shapeOf(ins[0])[i] ? ci : null,
        );
        return this.visit(ins[0], inner);
      }
      case "pad": {
        const a = attrsOf(n, "pad");
        return this.visit(ins[0], c.map((ci, i) => (a.lo[i] === 0 && a.hi[i] === 0 && a.interior[i] === 0 ? ci : null)));
      }
      case "concat": {
        const ax = attrsOf(n, "concat").axis;
        const inner = c.map((ci, i) => (i === ax ? null : ci));
        for (let j = ins.length - 1; j >= 0; j--) if (!this.visit(ins[j], inner)) return false;
        return true;
      }
      case "gather": {
        const ax = attrsOf(n, "gather").axis;
        const k = ins[1].shape.length;
        return this.visit(ins[1], c.slice(ax, ax + k)) && this.visit(ins[0], [...c.slice(0, ax), null, ...c.slice(ax + k)]);
      }
    }
    const rule = n.def.wgsl;
    if (!rule || rule.kind !== "elementwise" || !rule.expr) return false;
    for (let i = 0; i < ins.length; i++) {
      const x = ins[i];
      // An input of the node's own shape without size-1 dims is read at the same coordinates.
      const xs = shapeOf(x);
      const same = xs === shape || (sameShape(xs, shape) && !shape.includes(1));
      if (!this.visit(x, same ? c : broadcastCoords(c as string[], shape, xs))) return false;
    }
    return true;
  }
}

/** coordsMatch where a coordinate may be unknown (then only a size-1 dim is known to match). */
function knownToMatch(got: Coords, want: readonly string[], shape: readonly number[]): boolean {
  return got.length === want.length && got.every((c, i) => shape[i] === 1 || (c !== null && c === want[i]));
}

function elementwiseLoads(g: KernelGroup, marks: WalkMarks): LoadWalk | undefined {
  const coords = g.shape.map((_, d) => `c${d}`);
  const w = new LoadWalk(g.members, marks);
  for (const o of g.outputs) if (!sameShape(shapeOf(o), g.shape) || !w.visit(o, coords)) return undefined;
  return w;
}

/** matmul and conv: the operands (below the product, where it cannot be read), then the epilogue at the product's `coords`. */
function productLoads(g: KernelGroup, marks: WalkMarks, coords: string[]): LoadWalk | undefined {
  const A = g.anchor!;
  const w = new LoadWalk(g.members, marks, (n, c) => (n === A ? knownToMatch(c, coords, shapeOf(A)) : undefined));
  for (const x of A.inputs) if (!w.visit(x, x.shape.map(() => null))) return undefined;
  for (const o of g.outputs) if (!sameShape(shapeOf(o), g.shape) || !w.visit(o, coords)) return undefined;
  return w;
}

/** rows: the checks of `rows`, then the stages in order, the per-element outputs and the per-row outputs. */
function rowLoads(g: KernelGroup, marks: WalkMarks): LoadWalk | undefined {
  const { S, A, all, keptDims, keepCoords, rowCoords, nRows } = rowFrame(g);
  const stageIndex = new Map<Node, number>();
  for (const [i, s] of g.stages.entries()) {
    if (!sameShape(shapeOf(s.inputs[0]), S) || !sameShape(stageAxes(s), A) || s.inputs[0].dtype !== "f32") return undefined;
    if (!REDUCE_OPS[s.op]) return undefined;
    // (a stage listed twice is known by its first index, as `indexOf` in `rows` finds it)
    if (!stageIndex.has(s)) stageIndex.set(s, i);
  }
  let done = 0;
  const w = new LoadWalk(g.members, marks, (n, c) => {
    const j = stageIndex.get(n);
    if (j === undefined) return undefined;
    return j < done && knownToMatch(c, n.attrs.keepdims ? keepCoords : rowCoords, shapeOf(n));
  });
  for (let i = 0; i < g.stages.length; i++) {
    done = i;
    if (!w.visit(g.stages[i].inputs[0], all)) return undefined;
  }
  done = g.stages.length;
  const isElement = (o: Node) => sameShape(shapeOf(o), S) && !stageIndex.has(o);
  for (const o of g.outputs) if (isElement(o) && !w.visit(o, all)) return undefined;
  for (const o of g.outputs) {
    if (isElement(o)) continue;
    const os = shapeOf(o);
    if (product(os) !== nRows) return undefined;
    const coords = sameShape(os, keepCoords.map((_, d) => (A.includes(d) ? 1 : S[d])))
      ? keepCoords
      : sameShape(os, keptDims)
        ? rowCoords
        : unravel("row", os);
    if (!w.visit(o, coords)) return undefined;
  }
  return w;
}
