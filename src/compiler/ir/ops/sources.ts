// Ops without tensor inputs (besides the RNG seed): graph inputs, constants,
// iota, symbolic sizes, counter-based random numbers.

import { InternalError } from "../../diagnostics";
import { registerOp } from "../registry";
import type { DType, Shape } from "../types";
import { alloc } from "./ref-util";

registerOp({
  name: "input",
  summary: "a named graph input (data, parameter, state, scalar); bound by the runtime",
  category: "source",
  arity: 0,
  infer: (_, a) => ({ dtype: a.dtype, shape: a.shape }),
  dimAttrs: ["shape"],
});

registerOp({
  name: "const",
  summary: "a tensor filled with one value (normally a scalar that broadcasting expands)",
  category: "source",
  arity: 0,
  infer: (_, a) => ({ dtype: a.dtype, shape: a.shape }),
  ref: (_, a) => {
    const t = alloc(a);
    t.data.fill(a.attrs.value);
    return t;
  },
  dimAttrs: ["shape"],
});

registerOp({
  name: "iota",
  summary: "0, 1, 2, ... along `axis`, repeated along the other axes",
  category: "source",
  arity: 0,
  infer: (_, a) => ({ dtype: a.dtype, shape: a.shape }),
  ref: (_, a) => {
    const t = alloc(a);
    const shape = a.out.shape;
    const ax = a.attrs.axis;
    let inner = 1;
    for (let i = ax + 1; i < shape.length; i++) inner *= shape[i];
    const d = shape[ax];
    for (let i = 0; i < t.data.length; i++) t.data[i] = Math.floor(i / inner) % d;
    return t;
  },
  dimAttrs: ["shape"],
});

registerOp({
  name: "dim_size",
  summary: "the product of `dims` as an f32 scalar; folds to a const once the dims are concrete",
  category: "source",
  arity: 0,
  infer: () => ({ dtype: "f32", shape: [] }),
  ref: (_, a) => {
    const dims = a.attrs.dims;
    if (!dims.every((d) => typeof d === "number")) throw new InternalError(`dim_size of symbolic [${dims}]`);
    const t = alloc(a);
    t.data[0] = (dims as number[]).reduce((p, d) => p * d, 1);
    return t;
  },
  dimAttrs: ["dims"],
});

// ------------------------------------------------------------------ random
//
// Counter-based RNG, bit-identical in WGSL (all arithmetic on u32, wrapping):
//   fn pcg(v: u32) -> u32 {                      // PCG-RXS-M-XS hash (Jarzynski & Olano 2020)
//     let s = v * 747796405u + 2891336453u;
//     let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
//     return (w >> 22u) ^ w;
//   }
//   key   = pcg(bitcast<u32>(seed) ^ pcg(salt))   // seed: i32 graph input, salt: per-op attr
//   bits  = pcg(index + key)                      // index: row-major flat index of the element
//   value = f32(bits >> 8u) * (1.0 / 16777216.0)  // exact 24-bit uniform in [0, 1)
// `salt` keeps two dropout layers fed by the same seed independent.

export function pcg(v: number): number {
  const s = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
  const w = Math.imul(((s >>> ((s >>> 28) + 4)) ^ s) >>> 0, 277803737) >>> 0;
  return ((w >>> 22) ^ w) >>> 0;
}

export function uniformAt(seed: number, salt: number, index: number): number {
  return uniformOfKey(uniformKey(seed, salt), index);
}

/** The `key` of (seed, salt) above, for drawing many indices of one stream. */
export function uniformKey(seed: number, salt: number): number {
  return pcg(((seed >>> 0) ^ pcg(salt >>> 0)) >>> 0);
}

/** uniformAt(seed, salt, index) given uniformKey(seed, salt). */
export function uniformOfKey(key: number, index: number): number {
  return (pcg((index + key) >>> 0) >>> 8) * (1 / 16777216);
}

registerOp({
  name: "random_uniform",
  summary: "uniform [0,1) from hash(seed, salt, index); the same integers as the WGSL kernel",
  category: "source",
  arity: 1,
  infer: (ins, a) => {
    if (ins[0].dtype !== "i32" || ins[0].shape.length !== 0) throw new InternalError("random_uniform seed must be an i32 scalar");
    return { dtype: "f32", shape: a.shape };
  },
  ref: ([seed], a) => {
    const t = alloc(a);
    const s = seed.data[0];
    const salt = a.attrs.salt;
    for (let i = 0; i < t.data.length; i++) t.data[i] = uniformAt(s, salt, i);
    return t;
  },
  dimAttrs: ["shape"],
});
