// Movement ops: Expand, Reshape, Transpose, Slice, Pad, Concat. Shapes that
// mention symbolic dims are computed in the graph (emitter.shape / dim), or
// avoided where ONNX has an idiom: Expand keeps a dim given as 1, Reshape
// copies a dim given as 0 (allowzero = 0).

import type { Dim, Shape } from "../../../ir/types";
import { isConcrete } from "../../../ir/types";
import { SLICE_END, Unsupported, type OnnxEmitter } from "../emitter";
import { attr } from "../proto";
import type { OnnxRules } from "./rule";

/** The Reshape of `x` (shape `from`) to `to`, copying equal symbolic dims in place with 0. */
export function reshapeTo(e: OnnxEmitter, x: string, from: Shape, to: Shape): string {
  if (isConcrete(to) && !to.includes(0)) return e.op("Reshape", [x, e.i64(to)]);
  if (!to.includes(0)) {
    const target = to.map((d, i) => (typeof d === "string" && from[i] === d ? 0 : d));
    if (isConcrete(target)) return e.op("Reshape", [x, e.i64(target)]);
  }
  // Literal zero sizes or symbols that must be computed: the full run-time shape, zeros meant as zeros.
  return e.op("Reshape", [x, e.shape(to)], { allowzero: attr.int(1) });
}

/** A slice bound as ONNX reads it: negative counts from the end, SLICE_END for "to the end". */
function bound(b: Dim, d: Dim, isEnd: boolean): Dim {
  if (b === d) return isEnd && typeof d === "string" ? SLICE_END : b;
  if (typeof b === "number") return typeof d === "number" && isEnd ? Math.min(b, d) : b;
  const m = typeof d === "string" ? new RegExp(`^${d.replace(/[()*+/]/g, "\\$&")}-(\\d+)$`).exec(b) : null;
  return m ? -Number(m[1]) : b;
}

export const MOVEMENT_RULES = {
  expand: {
    emit: (e, n, [x]) => {
      const xs = n.inputs[0].shape;
      const lead = n.shape.length - xs.length;
      // Expand broadcasts both ways: a target dim of 1 keeps the input's dim.
      const target = n.shape.map((d, i) => (typeof d === "string" && i >= lead && xs[i - lead] === d ? 1 : d));
      return e.op("Expand", [x, e.shape(target)]);
    },
  },
  reshape: { emit: (e, n, [x]) => reshapeTo(e, x, n.inputs[0].shape, n.shape) },
  permute: { emit: (e, n, [x]) => e.op("Transpose", [x], { perm: attr.ints(n.attrs.perm) }) },
  slice: {
    emit: (e, n, [x]) => {
      const xs = n.inputs[0].shape;
      const starts = n.attrs.starts;
      const ends = n.attrs.ends;
      const steps = n.attrs.steps;
      const axes: number[] = [];
      for (let i = 0; i < xs.length; i++) {
        const full = starts[i] === 0 && steps[i] === 1 && (ends[i] === xs[i] || (typeof ends[i] === "number" && typeof xs[i] === "number" && ends[i] >= xs[i]));
        if (!full) axes.push(i);
      }
      if (axes.length === 0) return e.op("Identity", [x], undefined, "slice");
      const s = axes.map((i) => bound(starts[i], xs[i], false));
      const t = axes.map((i) => bound(ends[i], xs[i], true));
      return e.op("Slice", [x, e.shape(s), e.shape(t), e.i64(axes), e.i64(axes.map((i) => steps[i]))]);
    },
  },
  // pad: lo/hi with ONNX Pad (negative pads crop, as XLA's). Interior padding
  // (the gradient of a strided slice) spreads each axis with Unsqueeze, Pad,
  // Reshape and a final Slice; it needs that axis to be concrete.
  pad: {
    emit: (e, n, [x]) => {
      const xs = n.inputs[0].shape;
      const lo = n.attrs.lo;
      const hi = n.attrs.hi;
      const interior = n.attrs.interior;
      const value = e.scalar(n.attrs.value, n.dtype);
      let cur = x;
      let shape = xs.slice();
      for (let a = 0; a < xs.length; a++) {
        const k = interior[a];
        if (k === 0) continue;
        if (!isConcrete(shape)) throw new Unsupported(`interior padding of the symbolic shape [${shape.join(", ")}]`);
        const d = shape[a] as number;
        if (d === 0) continue;
        const u = e.op("Unsqueeze", [cur, e.i64([a + 1])]);
        const pads = new Array(2 * (shape.length + 1)).fill(0);
        pads[shape.length + 1 + a + 1] = k;
        const spread = e.op("Pad", [u, e.i64(pads), value], { mode: attr.string("constant") });
        const flat = shape.slice() as number[];
        flat[a] = d * (k + 1);
        const r = e.op("Reshape", [spread, e.i64(flat)]);
        cur = e.op("Slice", [r, e.i64([0]), e.i64([d + (d - 1) * k]), e.i64([a])]);
        shape[a] = d + (d - 1) * k;
      }
      if (lo.every((v) => v === 0) && hi.every((v) => v === 0)) return cur === x ? e.op("Identity", [x], undefined, "pad") : cur;
      return e.op("Pad", [cur, e.shape([...lo, ...hi]), value], { mode: attr.string("constant") });
    },
  },
  concat: { emit: (e, n, ins) => e.op("Concat", ins, { axis: attr.int(n.attrs.axis) }) },
} satisfies OnnxRules;
