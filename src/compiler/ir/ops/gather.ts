// Indexing: gather (embedding lookup, index_select) and its adjoint scatter_add.

import { InternalError, UserError } from "../../diagnostics";
import { gather, scatterAdd } from "../builder";
import { registerOp } from "../registry";
import type { Dim } from "../types";
import { alloc } from "./ref-util";

/**
 * An index outside its table in the reference interpreter. Indices fed from
 * data are checked before they get here (runtime/train/data-checks.ts, the
 * CLI's inputs), so these were computed in the model (`tokens + 1`, argmax):
 * bad input or a bad formula, never a compiler fault, so a UserError (exit 1)
 * naming the op, the value and where it is among the indices.
 */
function outOfRange(op: string, r: number, j: number, idxShape: readonly number[], d: number): never {
  const at: number[] = [];
  for (let i = idxShape.length - 1, f = j; i >= 0; i--) {
    at[i] = f % idxShape[i];
    f = Math.floor(f / idxShape[i]);
  }
  throw new UserError(
    `${op}: index ${r} at position [${at.join(", ")}] of its ${idxShape.length ? `[${idxShape.join(", ")}]` : "scalar"} indices is outside the ${d} rows it indexes (0 to ${d - 1}); the indices are computed in the model, so check what produces them`,
    1,
  );
}

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
        if (r < 0 || r >= d) outOfRange("gather (an Embedding, index_select or gather)", r, j, idx.shape, d);
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
