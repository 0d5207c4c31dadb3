// Helpers for the reference implementations (`ref`) of the op records:
// allocation in the interpreter's precision and NumPy-broadcast loops.

import { allocData, stridesOf, type Tensor, type TensorDType } from "../../tensor";
import type { RefArgs } from "../op";
import { sameShape, type DType } from "../types";

export function tensorDType(d: DType, f64: boolean): TensorDType {
  return d === "f32" ? (f64 ? "f64" : "f32") : d;
}

/** A zero tensor of the node's result type. */
export function alloc(a: RefArgs): Tensor {
  const dtype = tensorDType(a.out.dtype, a.f64);
  let n = 1;
  for (const d of a.out.shape) n *= d;
  return { dtype, shape: a.out.shape.slice(), data: allocData(dtype, n) };
}

/** Strides of `shape` read as broadcast to `outShape` (0 on broadcast axes). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const s = stridesOf(shape);
  const r = outShape.length - shape.length;
  return outShape.map((_, i) => (i < r || shape[i - r] === 1 ? 0 : s[i - r]));
}

/** For each output element, its offset into a tensor of `shape` broadcast to `outShape`. */
export function broadcastOffsets(shape: readonly number[], outShape: readonly number[]): Int32Array {
  let n = 1;
  for (const d of outShape) n *= d;
  const offs = new Int32Array(n);
  const st = broadcastStrides(shape, outShape);
  const idx = new Array(outShape.length).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    offs[i] = o;
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      idx[ax]++;
      o += st[ax];
      if (idx[ax] < outShape[ax]) break;
      o -= st[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  return offs;
}

/**
 * Elementwise map over broadcast inputs. Each input is read directly (same
 * shape), as a constant (one element) or through broadcast offsets.
 */
export function elementwise(inputs: readonly Tensor[], a: RefArgs, f: (...xs: number[]) => number): Tensor {
  const out = alloc(a);
  const y = out.data;
  const n = y.length;
  const views = inputs.map((t) => {
    if (sameShape(t.shape, a.out.shape)) return t.data;
    if (t.data.length === 1) return new Float64Array(n).fill(t.data[0]);
    const offs = broadcastOffsets(t.shape, a.out.shape);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = t.data[offs[i]];
    return v;
  });
  if (views.length === 1) {
    const x = views[0];
    for (let i = 0; i < n; i++) y[i] = f(x[i]);
  } else if (views.length === 2) {
    const [p, q] = views;
    for (let i = 0; i < n; i++) y[i] = f(p[i], q[i]);
  } else {
    const [p, q, r] = views;
    for (let i = 0; i < n; i++) y[i] = f(p[i], q[i], r[i]);
  }
  return out;
}
