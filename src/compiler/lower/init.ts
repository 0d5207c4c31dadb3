// Parameter initialisation with PyTorch's default distributions (the InitSpec
// each layer record declares) from a seeded, counter-based generator, so the
// same seed gives the same weights on every machine and in every order:
//
//   salt(p)  = FNV-1a 32-bit hash of the parameter's path ("linear_0.weight")
//   u(p, i)  = uniformAt(seed, salt(p), i)       the IR's random_uniform stream
//              (PCG-RXS-M-XS hash of seed, salt and the counter i; 24-bit
//              uniform in [0, 1); see src/compiler/ir/ops/sources.ts)
//   uniform  element i = low + (high - low)·u(p, i)
//   normal   element i = mean + std·√(-2 ln(1 - u(p, 2i)))·cos(2π u(p, 2i+1))  (Box–Muller)
//
// A parameter's values depend only on (seed, its path, its shape), never on
// which other parameters exist: adding a layer leaves the others' init alone.

import type { ParamInfo } from "../check/elaborated";
import type { InitSpec } from "../layers/registry";
import { uniformAt } from "../ir/ops/sources";
import { makeTensor, sizeOf, type Tensor } from "../tensor";
import { fnv1a } from "./context";

function fill(n: number, seed: number, salt: number, spec: InitSpec): Float32Array {
  const out = new Float32Array(n);
  const u = (i: number) => uniformAt(seed, salt, i);
  const uniform = (lo: number, hi: number) => {
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * u(i);
  };
  const normal = (mean: number, std: number) => {
    for (let i = 0; i < n; i++) {
      const r = Math.sqrt(-2 * Math.log(1 - u(2 * i)));
      out[i] = mean + std * r * Math.cos(2 * Math.PI * u(2 * i + 1));
    }
  };
  switch (spec.kind) {
    case "zeros":
      break;
    case "ones":
      out.fill(1);
      break;
    case "uniform":
      uniform(spec.low, spec.high);
      break;
    case "normal":
      normal(spec.mean, spec.std);
      break;
    case "kaiming_uniform":
    case "xavier_uniform":
      uniform(-spec.bound, spec.bound);
      break;
    case "kaiming_normal":
      normal(0, spec.std);
      break;
  }
  return out;
}

/** One parameter's initial value. */
export function initParam(p: ParamInfo, seed: number): Tensor {
  const n = sizeOf(p.shape);
  const data = fill(n, seed >>> 0, fnv1a(p.path), p.init);
  return p.dtype === "i32" ? makeTensor("i32", p.shape, data) : makeTensor("f32", p.shape, data);
}

/** Initial values of parameters and buffers by path. */
export function initParams(params: readonly ParamInfo[], seed: number): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const p of params) out.set(p.path, initParam(p, seed));
  return out;
}
