// Indexing: gather (embedding lookup, index_select) and its adjoint scatter_add.

import { InternalError, UserError } from "../../diagnostics";
import { gather, scatterAdd } from "../builder";
import { registerOp } from "../registry";
import type { Dim } from "../types";
import { alloc } from "./ref-util";

/**
 * A computed index outside what it indexes: `where` names the op and its
 * source position. Indices fed from data are checked on the host before they
 * reach a backend (runtime/train/data-checks.ts, the CLI's inputs), so these
 * were computed in the model (`tokens + 1`, argmax): bad input or a bad
 * formula, never a compiler fault, so a UserError (exit 1) naming the op, the
 * value and where it is among the indices. The CPU reference throws it at the
 * first such value; WebGPU kernels flag it and the executor throws it when it
 * reads the flag back (runtime/webgpu/executor.ts).
 */
export class IndexOutOfRange extends UserError {
  constructor(
    readonly where: string,
    readonly value: number,
    readonly position: readonly number[],
    readonly indexShape: readonly number[],
    readonly what: string,
    readonly size: number,
    readonly allowed: number | null = null,
  ) {
    super(
      `${where}: index ${value} at position [${position.join(", ")}] of its ${indexShape.length ? `[${indexShape.join(", ")}]` : "scalar"} indices is outside ${what} (0 to ${size - 1}${allowed === null ? "" : `, or the ignore_index ${allowed}`}); the indices are computed in the model, so check what produces them`,
      1,
    );
  }
}

/** Coordinates of flat position `flat` in `shape` (row-major). */
export function unflatten(flat: number, shape: readonly number[]): number[] {
  const at: number[] = [];
  for (let i = shape.length - 1, f = flat; i >= 0; i--) {
    at[i] = f % shape[i];
    f = Math.floor(f / shape[i]);
  }
  return at;
}

function outOfRange(op: string, r: number, j: number, idxShape: readonly number[], d: number): never {
  throw new IndexOutOfRange(op, r, unflatten(j, idxShape), idxShape, `the ${d} rows it indexes`, d);
}

// y = idx, after checking every value is in [0, size) (or `allowed`): the
// lowering puts one before each computed index (an Embedding's token ids,
// index_select/gather indices, one_hot/cross_entropy/nll labels).
registerOp({
  name: "check_index",
  summary: "i32 indices passed through after checking each is in [0, size) (computed indices; WebGPU flags them)",
  category: "index",
  arity: 1,
  infer: ([idx]) => {
    if (idx.dtype !== "i32") throw new InternalError(`check_index of ${idx.dtype}`);
    return { dtype: "i32", shape: idx.shape };
  },
  ref: ([idx], a) => {
    const { size, allowed, site, what } = a.attrs;
    const d = size as number;
    for (let j = 0; j < idx.data.length; j++) {
      const r = idx.data[j];
      if (!(r >= 0 && r < d) && r !== allowed) throw new IndexOutOfRange(site, r, unflatten(j, idx.shape), idx.shape, what, d, allowed);
    }
    return { ...idx, shape: [...idx.shape], data: idx.data.slice() } as typeof idx;
  },
  noGrad: "indices carry no gradient",
  dimAttrs: ["size"],
});

// y[pre, j..., post] = x[pre, idx[j...], post]: ∂x = scatter_add(dy, idx), ∂idx = none
registerOp({
  name: "gather",
  summary: "x[:axis] + idx + x[axis+1:]: rows of x picked by i32 indices (Embedding)",
  category: "index",
  arity: 2,
  infer: ([x, idx], a) => {
    const ax = a.axis;
    if (idx.dtype !== "i32") throw new InternalError(`gather indices of ${idx.dtype}`);
    return { dtype: x.dtype, shape: [...x.shape.slice(0, ax), ...idx.shape, ...x.shape.slice(ax + 1)] };
  },
  ref: ([x, idx], a) => {
    const ax = a.attrs.axis;
    const out = alloc(a);
    const d = x.shape[ax];
    let inner = 1;
    for (let i = ax + 1; i < x.shape.length; i++) inner *= x.shape[i];
    const outer = x.data.length / (d * inner || 1);
    const m = idx.data.length;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < m; j++) {
        const r = idx.data[j];
        if (r < 0 || r >= d) outOfRange("gather", r, j, idx.shape, d);
        const src = (o * d + r) * inner;
        out.data.set(x.data.subarray(src, src + inner), (o * m + j) * inner);
      }
    }
    return out;
  },
  indexOperands: ([x], a) => [{ operand: 1, size: x.shape[a.axis], what: `a table of ${String(x.shape[a.axis])} rows` }],
  vjp: ({ inputs: [x, idx], attrs, dy }) => [scatterAdd(dy, idx, attrs.axis, x.shape[attrs.axis]), null],
});

// y = zeros[:axis, size, axis+1:], y[pre, idx[j], post] += src[pre, j, post]: ∂src = gather(dy, idx)
registerOp({
  name: "scatter_add",
  summary: "the adjoint of gather: sum src slices into `size` rows at idx",
  category: "index",
  arity: 2,
  infer: ([src, idx], a) => {
    const ax = a.axis;
    const k = idx.shape.length;
    return { dtype: src.dtype, shape: [...src.shape.slice(0, ax), a.size, ...src.shape.slice(ax + k)] };
  },
  ref: ([src, idx], a) => {
    const ax = a.attrs.axis;
    const out = alloc(a);
    const d = a.out.shape[ax];
    let inner = 1;
    for (let i = ax + 1; i < a.out.shape.length; i++) inner *= a.out.shape[i];
    const outer = out.data.length / (d * inner || 1);
    const m = idx.data.length;
    const acc = new Float64Array(out.data.length);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < m; j++) {
        const r = idx.data[j];
        if (r < 0 || r >= d) outOfRange("scatter_add (the gradient of a gather)", r, j, idx.shape, d);
        const s = (o * m + j) * inner;
        const t = (o * d + r) * inner;
        for (let q = 0; q < inner; q++) acc[t + q] += src.data[s + q];
      }
    }
    out.data.set(acc);
    return out;
  },
  indexOperands: (_, a) => [{ operand: 1, size: a.size, what: `${String(a.size)} rows` }],
  vjp: ({ inputs: [, idx], attrs, dy }) => [gather(dy, idx, attrs.axis), null],
  dimAttrs: ["size"],
});
