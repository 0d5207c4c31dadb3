// Indexing: gather (embedding lookup, index_select) and its adjoint scatter_add.

import { InternalError } from "../../diagnostics";
import { gather, scatterAdd } from "../builder";
import { registerOp } from "../registry";
import type { Dim } from "../types";
import { alloc } from "./ref-util";

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
        if (r < 0 || r >= d) throw new RangeError(`gather index ${r} out of range [0, ${d})`);
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
        if (r < 0 || r >= d) throw new RangeError(`scatter_add index ${r} out of range [0, ${d})`);
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
