// Movement primitives: expand, reshape, permute, slice (with step), pad (with
// interior padding, XLA-style, so that it is slice's exact adjoint), concat.

import { InternalError } from "../../diagnostics";
import { pad, permute, reshape, slice } from "../builder";
import type { Node } from "../node";
import { registerOp } from "../registry";
import { addDims, ceilDivDims, mulDims, subDims } from "../../dims";
import { broadcastOrThrow, concrete, productOf, shapeEq, showShape, type Dim, type Shape } from "../types";
import { alloc, broadcastOffsets } from "./ref-util";
import { stridesOf, type Tensor } from "../../tensor";

/** Offsets `base + Σ idx·strides` of every index of `shape`, in row-major order. */
function stridedOffsets(shape: readonly number[], strides: readonly number[], base: number): Int32Array {
  let n = 1;
  for (const d of shape) n *= d;
  const offs = new Int32Array(n);
  const r = shape.length;
  const idx = new Array(r).fill(0);
  let o = base;
  for (let i = 0; i < n; i++) {
    offs[i] = o;
    for (let ax = r - 1; ax >= 0; ax--) {
      idx[ax]++;
      o += strides[ax];
      if (idx[ax] < shape[ax]) break;
      o -= strides[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  return offs;
}

function stridedCopy(src: Tensor, base: number, strides: readonly number[], out: Tensor): Tensor {
  const offs = stridedOffsets(out.shape, strides, base);
  for (let i = 0; i < offs.length; i++) out.data[i] = src.data[offs[i]];
  return out;
}

// y = broadcast of x to `shape`: ∂x = Σ over the broadcast axes of dy (done by the driver's unbroadcast)
registerOp({
  name: "expand",
  summary: "NumPy-broadcast x to `shape` (new axes on the left, size-1 axes stretched)",
  category: "movement",
  arity: 1,
  infer: ([x], a) => {
    const shape = a.shape;
    if (!shapeEq(broadcastOrThrow(x.shape, shape), shape)) throw new InternalError(`cannot expand ${showShape(x.shape)} to ${showShape(shape)}`);
    return { dtype: x.dtype, shape };
  },
  ref: ([x], a) => {
    const out = alloc(a);
    const offs = broadcastOffsets(x.shape, a.out.shape);
    for (let i = 0; i < offs.length; i++) out.data[i] = x.data[offs[i]];
    return out;
  },
  vjp: ({ dy }) => [dy],
  dimAttrs: ["shape"],
});

// y = x viewed with another shape: ∂x = reshape(dy, shape x)
registerOp({
  name: "reshape",
  summary: "same elements in row-major order, another shape",
  category: "movement",
  arity: 1,
  infer: ([x], a) => {
    const shape = a.shape;
    const p = productOf(x.shape);
    const q = productOf(shape);
    if (typeof p === "number" && typeof q === "number" && p !== q) throw new InternalError(`cannot reshape ${showShape(x.shape)} to ${showShape(shape)}`);
    return { dtype: x.dtype, shape };
  },
  ref: ([x], a) => ({ dtype: x.dtype, shape: a.out.shape.slice(), data: x.data }),
  vjp: ({ inputs: [x], dy }) => [reshape(dy, x.shape)],
  dimAttrs: ["shape"],
});

// y = x with axes reordered (y axis i = x axis perm[i]): ∂x = permute(dy, perm⁻¹)
registerOp({
  name: "permute",
  summary: "reorder axes: result axis i is input axis perm[i]",
  category: "movement",
  arity: 1,
  infer: ([x], a) => {
    const perm = a.perm;
    if (perm.length !== x.shape.length || [...perm].sort().some((p, i) => p !== i)) throw new InternalError(`bad permutation [${perm}]`);
    return { dtype: x.dtype, shape: perm.map((p) => x.shape[p]) };
  },
  ref: ([x], a) => {
    const perm = a.attrs.perm;
    const s = stridesOf(x.shape);
    return stridedCopy(x, 0, perm.map((p) => s[p]), alloc(a));
  },
  vjp: ({ attrs, dy }) => {
    const perm = attrs.perm;
    const inv = perm.map((_, i) => perm.indexOf(i));
    return [permute(dy, inv)];
  },
});

// y = x[start:end:step] per axis: ∂x = dy placed back with zeros around and between (pad)
registerOp({
  name: "slice",
  summary: "x[starts:ends:steps] on every axis (steps ≥ 1)",
  category: "movement",
  arity: 1,
  infer: ([x], a) => {
    const starts = a.starts;
    const ends = a.ends;
    const steps = a.steps;
    if (starts.length !== x.shape.length || ends.length !== x.shape.length || steps.length !== x.shape.length) {
      throw new InternalError(`slice of rank ${x.shape.length} with ${starts.length} bounds`);
    }
    const shape = x.shape.map((d, i) => {
      let e = ends[i];
      if (typeof e === "number" && typeof d === "number") e = Math.min(e, d);
      return ceilDivDims(subDims(e, starts[i]), steps[i]);
    });
    if (shape.some((d) => typeof d === "number" && d < 0)) throw new InternalError(`empty slice bounds on ${showShape(x.shape)}`);
    return { dtype: x.dtype, shape };
  },
  ref: ([x], a) => {
    const s = stridesOf(x.shape);
    const starts = concrete(a.attrs.starts, "slice starts");
    const steps = a.attrs.steps;
    let base = 0;
    for (let i = 0; i < s.length; i++) base += starts[i] * s[i];
    return stridedCopy(x, base, s.map((st, i) => st * steps[i]), alloc(a));
  },
  vjp: ({ y, inputs: [x], attrs, dy }) => {
    const starts = attrs.starts;
    const steps = attrs.steps;
    // last taken index = start + (n-1)·step; hi = d - last - 1
    const hi = x.shape.map((d, i) => (y.shape[i] === 0 ? subDims(d, starts[i]) : subDims(subDims(d, starts[i]), addDims(mulDims(subDims(y.shape[i], 1), steps[i]), 1))));
    return [pad(dy, starts, hi, 0, steps.map((s) => s - 1))];
  },
  dimAttrs: ["starts", "ends"],
});

// y = x with lo/hi values around and `interior` between elements: ∂x = dy[lo : lo+(d-1)(i+1)+1 : i+1]
registerOp({
  name: "pad",
  summary: "pad with `value`: lo before, hi after, interior between elements (XLA Pad)",
  category: "movement",
  arity: 1,
  defaults: { value: 0 },
  infer: ([x], a) => {
    const lo = a.lo;
    const hi = a.hi;
    const interior = a.interior;
    const shape = x.shape.map((d, i) => addDims(addDims(lo[i], hi[i]), d === 0 ? 0 : addDims(d, mulDims(subDims(d, 1), interior[i]))));
    return { dtype: x.dtype, shape };
  },
  ref: ([x], a) => {
    const out = alloc(a);
    out.data.fill(a.attrs.value);
    const lo = concrete(a.attrs.lo, "pad lo");
    const interior = a.attrs.interior;
    const os = stridesOf(a.out.shape);
    let base = 0;
    for (let i = 0; i < lo.length; i++) base += lo[i] * os[i];
    // x goes to the strided window of out: the adjoint of slice's stridedCopy
    const offs = stridedOffsets(x.shape, os.map((s, i) => s * (interior[i] + 1)), base);
    for (let i = 0; i < offs.length; i++) out.data[offs[i]] = x.data[i];
    return out;
  },
  vjp: ({ inputs: [x], attrs, dy }) => {
    const lo = attrs.lo;
    const interior = attrs.interior;
    const ends = x.shape.map((d, i) => addDims(lo[i], d === 0 ? 0 : addDims(mulDims(subDims(d, 1), interior[i] + 1), 1)));
    return [slice(dy, lo, ends, interior.map((s) => s + 1))];
  },
  dimAttrs: ["lo", "hi"],
});

// y = [x₀, x₁, ...] along axis: ∂xᵢ = the slice of dy at xᵢ's offset
registerOp({
  name: "concat",
  summary: "join tensors along `axis`",
  category: "movement",
  arity: "variadic",
  infer: (xs, a) => {
    const ax = a.axis;
    const first = xs[0];
    let total: Dim = 0;
    for (const x of xs) {
      if (x.dtype !== first.dtype || x.shape.length !== first.shape.length || x.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
        throw new InternalError(`concat of ${showShape(first.shape)} and ${showShape(x.shape)} on axis ${ax}`);
      }
      total = addDims(total, x.shape[ax]);
    }
    return { dtype: first.dtype, shape: first.shape.map((d, i) => (i === ax ? total : d)) };
  },
  ref: (xs, a) => {
    const out = alloc(a);
    const ax = a.attrs.axis;
    let outer = 1;
    for (let i = 0; i < ax; i++) outer *= a.out.shape[i];
    const rowOut = out.data.length / Math.max(outer, 1);
    let off = 0;
    for (const x of xs) {
      const row = x.data.length / Math.max(outer, 1);
      for (let o = 0; o < outer; o++) out.data.set(x.data.subarray(o * row, (o + 1) * row), o * rowOut + off);
      off += row;
    }
    return out;
  },
  vjp: ({ inputs, attrs, dy }) => {
    const ax = attrs.axis;
    let off: Dim = 0;
    return inputs.map((x: Node) => {
      const starts = x.shape.map((_, i) => (i === ax ? off : 0));
      const ends = x.shape.map((d, i) => (i === ax ? addDims(off, d) : d));
      off = addDims(off, x.shape[ax]);
      return slice(dy, starts, ends);
    });
  },
});
