// Running exported bytes in ONNX Runtime (the oracle) with host tensors.

import * as ort from "onnxruntime-node";
import type { Tensor } from "../../../../src/compiler/tensor";

const ORT_TYPE = { f32: "float32", f64: "float64", i32: "int32", bool: "bool" } as const;

export async function runOrt(bytes: Uint8Array, feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [k, t] of Object.entries(feeds)) {
      inputs[k] = t.dtype === "bool"
        ? new ort.Tensor("bool", Uint8Array.from(t.data), [...t.shape])
        : new ort.Tensor(ORT_TYPE[t.dtype], t.data as Float32Array, [...t.shape]);
    }
    const res = await session.run(inputs);
    const out: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(res)) {
      const shape = v.dims.map(Number);
      if (v.type === "float32") out[k] = { dtype: "f32", shape, data: v.data as Float32Array };
      else if (v.type === "int32") out[k] = { dtype: "i32", shape, data: v.data as Int32Array };
      else if (v.type === "int64") out[k] = { dtype: "i32", shape, data: Int32Array.from(v.data as BigInt64Array, Number) };
      else if (v.type === "bool") out[k] = { dtype: "bool", shape, data: Uint8Array.from(v.data as Uint8Array) };
      else if (v.type === "float64") out[k] = { dtype: "f64", shape, data: v.data as Float64Array };
      else throw new Error(`unexpected ORT output type ${v.type}`);
    }
    return out;
  } finally {
    await session.release();
  }
}

/** Deterministic pseudo-random values in [lo, hi) (mulberry32), so failures reproduce. */
export function randomData(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

/** Largest |a-b| / max(|b|, 0.1): relative, with an absolute floor near zero. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 0.1);
    if (Number.isNaN(d)) return Infinity;
    worst = Math.max(worst, d);
  }
  return worst;
}
