// Row kernels: reductions with their elementwise prologues and epilogues,
// one workgroup per row (a row = every element sharing the kept coordinates).
// A row kernel runs `stages` in order, each a pass over the row reducing an
// expression (sum/max/min) with a workgroup-memory tree; later stages and the
// outputs may use earlier results. So one kernel computes
//   softmax      = max x; sum exp(x - m); write exp(x - m) / s
//   log-softmax  + NLL, layer norm (mean, variance, normalize), plain sum/mean.

import { ExprEmitter, type Expr } from "./expr";
import { loadInput, storeValue, type EwInput } from "./elementwise";
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

export type ReduceOp = "sum" | "max" | "min";

export interface RowStage {
  op: ReduceOp;
  /** Reduced over the row; may use loads, `index`, and earlier stages. */
  expr: Expr;
}

export interface RowOutput {
  expr: Expr;
  type: Scalar;
  /**
   * true: one value per row (shape = kept dims), evaluated once; its loads
   * must be constant along the reduced axes. false: one value per element.
   */
  reduced: boolean;
}

export interface RowSpec {
  /** The iteration shape; inputs broadcast to it. */
  shape: number[];
  /** Reduced axes (the row). */
  axes: number[];
  inputs: EwInput[];
  stages: RowStage[];
  outputs: RowOutput[];
}

const COMBINE: Record<ReduceOp, (a: string, b: string) => string> = {
  sum: (a, b) => `${a} + ${b}`,
  max: (a, b) => `max(${a}, ${b})`,
  min: (a, b) => `min(${a}, ${b})`,
};
// Finite identities: a row of -inf still reduces to -inf under max.
const IDENTITY: Record<ReduceOp, number> = {
  sum: 0,
  max: -3.4028234663852886e38,
  min: 3.4028234663852886e38,
};

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

export function rowKernel(spec: RowSpec, maxPerDim = 65535): Kernel {
  const { shape, axes } = spec;
  const R = product(axes.map((a) => shape[a]));
  const rows = product(shape) / R;
  const WG = rowWorkgroupSize(R);
  const workgroups = grid(rows, maxPerDim);
  const bindings: Binding[] = [
    ...spec.inputs.map((x, i): Binding => ({
      name: `in${i}`,
      type: storageOf(x.type),
      access: "read",
    })),
    ...spec.outputs.map((o, j): Binding => ({
      name: `out${j}`,
      type: storageOf(o.type),
      access: "read_write",
    })),
  ];
  const elem = elementIndex(shape, axes);
  const full = stridesOf(shape);
  let scope = 0;
  const emitter = (idx: string) =>
    new ExprEmitter((e) => {
      switch (e.kind) {
        case "load":
          return loadInput(`in${e.input}`, spec.inputs[e.input], shape, idx);
        case "reduced":
          if (e.stage >= stagesDone) throw new Error(`stage ${e.stage} used before it is computed`);
          return `red${e.stage}`;
        case "index": {
          let c = full[e.axis] === 1 ? idx : `(${idx} / ${u(full[e.axis])})`;
          if (e.axis > 0) c = `(${c} % ${u(shape[e.axis])})`;
          return c;
        }
        default:
          throw new Error(`${e.kind} is not valid in a row kernel`);
      }
    }, `s${scope++}_`);
  let stagesDone = 0;
  const body: string[] = [];
  const ind = (lines: string[]) => lines.map((l) => `    ${l}`);
  spec.stages.forEach((st, i) => {
    const em = emitter("idx");
    const v = em.emit(st.expr);
    body.push(
      `  var part${i} = ${literal(IDENTITY[st.op], "f32")};`,
      `  for (var r = lid; r < ${u(R)}; r += ${u(WG)}) {`,
      `    let idx = ${elem};`,
      ...ind(em.lines),
      `    part${i} = ${COMBINE[st.op](`part${i}`, v)};`,
      "  }",
      `  scratch[lid] = part${i};`,
      "  workgroupBarrier();",
      `  for (var s = ${u(WG / 2)}; s > 0u; s >>= 1u) {`,
      `    if (lid < s) { scratch[lid] = ${COMBINE[st.op]("scratch[lid]", "scratch[lid + s]")}; }`,
      "    workgroupBarrier();",
      "  }",
      `  let red${i} = scratch[0];`,
      // Every invocation must read scratch[0] before the next stage overwrites it.
      "  workgroupBarrier();",
    );
    stagesDone = i + 1;
  });
  const perElement = spec.outputs.map((o, j) => ({ o, j })).filter(({ o }) => !o.reduced);
  if (perElement.length) {
    const em = emitter("idx");
    const stores = perElement.map(
      ({ o, j }) => `out${j}[idx] = ${storeValue(o.type, em.emit(o.expr))};`,
    );
    body.push(
      `  for (var r = lid; r < ${u(R)}; r += ${u(WG)}) {`,
      `    let idx = ${elem};`,
      ...ind([...em.lines, ...stores]),
      "  }",
    );
  }
  const perRow = spec.outputs.map((o, j) => ({ o, j })).filter(({ o }) => o.reduced);
  if (perRow.length) {
    const em = emitter("idx0");
    const stores = perRow.map(
      ({ o, j }) => `out${j}[row] = ${storeValue(o.type, em.emit(o.expr))};`,
    );
    body.push(
      "  if (lid == 0u) {",
      `    let r = 0u;`,
      `    let idx0 = ${elem};`,
      ...ind([...em.lines, ...stores]),
      "  }",
    );
  }
  const wgsl = finishWgsl(
    [
      bindingDecls(bindings),
      "",
      `var<workgroup> scratch: array<f32, ${WG}>;`,
      "",
      `@compute @workgroup_size(${WG})`,
      "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {",
      `  let row = ${linearWorkgroupId(workgroups)};`,
      // A 2-D grid may round up past the last row; those workgroups exit
      // together, so barriers stay uniform.
      workgroups[1] > 1 ? `  if (row >= ${u(rows)}) { return; }` : "",
      ...body,
      "}",
      "",
    ].filter((l, i, a) => l !== "" || a[i - 1] !== ""),
  );
  return { name: `rows_${rows}x${R}`, wgsl, bindings, workgroups };
}
