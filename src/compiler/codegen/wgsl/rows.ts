// Row kernels: reductions with their elementwise prologues and epilogues,
// one workgroup per row (a row = every element sharing the kept coordinates).
// A row kernel runs `stages` in order, each a pass over the row reducing an
// expression (sum/max/min) with a workgroup-memory tree; later stages and the
// outputs may use earlier results. So one kernel computes
//   softmax      = max x; sum exp(x - m); write exp(x - m) / s
//   log-softmax  + NLL, layer norm (mean, variance, normalize), plain sum/mean.

import {
  bindingDecls,
  finishWgsl,
  grid,
  linearWorkgroupId,
  literal,
  product,
  stridesOf,
  storageOf,
  u,
  type Binding,
  type Kernel,
  type Scalar,
} from "./kernel";

/** argmax: the first index of the row's maximum, as an i32 `red<i>`. */
export type ReduceOp = "sum" | "max" | "min" | "argmax";

const COMBINE: Record<Exclude<ReduceOp, "argmax">, (a: string, b: string) => string> = {
  sum: (a, b) => `${a} + ${b}`,
  max: (a, b) => `max(${a}, ${b})`,
  min: (a, b) => `min(${a}, ${b})`,
};
// Finite identities: a row of -inf still reduces to -inf under max.
const IDENTITY: Record<ReduceOp, number> = {
  sum: 0,
  max: -3.4028234663852886e38,
  argmax: -3.4028234663852886e38,
  min: 3.4028234663852886e38,
};

/** A stage's per-invocation loop and workgroup tree, ending with `red<i>` bound. */
function stageLines(op: ReduceOp, i: number, loop: string[], value: string, WG: number): string[] {
  const [head, ...rest] = loop;
  const tree = (combine: string) => [
    "  workgroupBarrier();",
    `  for (var s = ${u(WG / 2)}; s > 0u; s >>= 1u) {`,
    `    if (lid < s) { ${combine} }`,
    "    workgroupBarrier();",
    "  }",
  ];
  if (op === "argmax") {
    // Each invocation visits r in increasing order, so `>` keeps the first
    // maximum; the tree prefers the smaller index on ties.
    return [
      `  var part${i} = ${literal(IDENTITY[op], "f32")};`,
      `  var arg${i} = 0u;`,
      head,
      ...rest,
      `    if (${value} > part${i}) { part${i} = ${value}; arg${i} = r; }`,
      "  }",
      `  scratch[lid] = part${i};`,
      `  scratchIdx[lid] = arg${i};`,
      ...tree(
        "let vb = scratch[lid + s]; let ib = scratchIdx[lid + s]; " +
          "if (vb > scratch[lid] || (vb == scratch[lid] && ib < scratchIdx[lid])) { scratch[lid] = vb; scratchIdx[lid] = ib; }",
      ),
      `  let red${i} = i32(scratchIdx[0]);`,
      "  workgroupBarrier();",
    ];
  }
  return [
    `  var part${i} = ${literal(IDENTITY[op], "f32")};`,
    head,
    ...rest,
    `    part${i} = ${COMBINE[op](`part${i}`, value)};`,
    "  }",
    `  scratch[lid] = part${i};`,
    ...tree(`scratch[lid] = ${COMBINE[op]("scratch[lid]", "scratch[lid + s]")};`),
    `  let red${i} = scratch[0];`,
    // Every invocation must read scratch[0] before the next stage overwrites it.
    "  workgroupBarrier();",
  ];
}

export function rowWorkgroupSize(rowLength: number): number {
  let w = 32;
  while (w < rowLength && w < 256) w *= 2;
  return w;
}

/** WGSL for the full-shape flat index of row element `r` in row `row`. */
function elementIndex(shape: number[], axes: number[]): string {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const red = [...axes].sort((a, b) => a - b);
  const R = product(red.map((a) => shape[a]));
  // Reducing trailing axes: rows are contiguous.
  if (red.every((a, i) => a === shape.length - red.length + i)) return `row * ${u(R)} + r`;
  const full = stridesOf(shape);
  const terms = (dims: number[], v: string) => {
    const st = stridesOf(dims.map((d) => shape[d]));
    return dims.map((d, i) => {
      let c = st[i] === 1 ? v : `(${v} / ${u(st[i])})`;
      if (i > 0) c = `(${c} % ${u(shape[d])})`;
      return full[d] === 1 ? c : `${c} * ${u(full[d])}`;
    });
  };
  return [...terms(kept, "row"), ...terms(red, "r")].join(" + ") || "0u";
}

/**
 * What a row kernel computes, as code: the template supplies, in every scope,
 * `row`, `r`, the element's flat index `idx` (`idx0` for per-row outputs),
 * its coordinates `c0, c1, ...` (reduced ones are 0 in the per-row scope)
 * and `red0, red1, ...` for finished stages.
 */
export interface RowBody {
  shape: number[];
  axes: number[];
  bindings: Binding[];
  stageOps: ReduceOp[];
  /** Lines and the WGSL value reduced by stage `i` (at `idx`). */
  stage(i: number): { lines: string[]; value: string };
  /** Lines storing per-element outputs at `idx`; empty when there are none. */
  elementOutputs(): string[];
  /** Lines storing per-row outputs at `row`; empty when there are none. */
  rowOutputs(): string[];
  helpers?: string[];
}

/** Declarations of the coordinates `c<d>` of the dims `dims` from the flat `v` over them. */
function coordDecls(shape: number[], dims: number[], v: string): string[] {
  const st = stridesOf(dims.map((d) => shape[d]));
  return dims.map((d, i) => {
    let c = st[i] === 1 ? v : `(${v} / ${u(st[i])})`;
    if (i > 0) c = `(${c} % ${u(shape[d])})`;
    return `let c${d} = ${c};`;
  });
}

export function rowKernelFrom(body: RowBody, maxPerDim = 65535): Kernel {
  const { shape, axes } = body;
  const red = [...axes].sort((a, b) => a - b);
  const kept = shape.map((_, i) => i).filter((i) => !red.includes(i));
  const R = product(red.map((a) => shape[a]));
  const rows = product(shape) / R;
  const WG = rowWorkgroupSize(R);
  const workgroups = grid(rows, maxPerDim);
  const elem = elementIndex(shape, axes);
  const redCoords = coordDecls(shape, red, "r");
  const lines: string[] = [];
  const ind = (ls: string[]) => ls.map((l) => `    ${l}`);
  body.stageOps.forEach((op, i) => {
    const st = body.stage(i);
    const loop = [
      `  for (var r = lid; r < ${u(R)}; r += ${u(WG)}) {`,
      `    let idx = ${elem};`,
      ...ind([...redCoords, ...st.lines]),
    ];
    lines.push(...stageLines(op, i, loop, st.value, WG));
  });
  const perElement = body.elementOutputs();
  if (perElement.length) {
    lines.push(
      `  for (var r = lid; r < ${u(R)}; r += ${u(WG)}) {`,
      `    let idx = ${elem};`,
      ...ind([...redCoords, ...perElement]),
      "  }",
    );
  }
  const perRow = body.rowOutputs();
  if (perRow.length) {
    lines.push(
      "  if (lid == 0u) {",
      "    let r = 0u;",
      `    let idx0 = ${elem};`,
      ...ind([...redCoords, ...perRow]),
      "  }",
    );
  }
  const wgsl = finishWgsl(
    [
      ...(body.helpers ?? []),
      bindingDecls(body.bindings),
      "",
      `var<workgroup> scratch: array<f32, ${WG}>;`,
      body.stageOps.includes("argmax") ? `var<workgroup> scratchIdx: array<u32, ${WG}>;` : "",
      "",
      `@compute @workgroup_size(${WG})`,
      "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {",
      `  let row = ${linearWorkgroupId(workgroups)};`,
      // A 2-D grid may round up past the last row; those workgroups exit
      // together, so barriers stay uniform.
      workgroups[1] > 1 ? `  if (row >= ${u(rows)}) { return; }` : "",
      ...coordDecls(shape, kept, "row").map((l) => `  ${l}`),
      ...lines,
      "}",
      "",
    ].filter((l, i, a) => l !== "" || a[i - 1] !== ""),
  );
  return { name: `rows_${rows}x${R}`, wgsl, bindings: body.bindings, workgroups };
}
