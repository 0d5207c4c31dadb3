// Random tensors: randn/rand of a shape, randn_like/rand_like of a tensor's
// shape. Drawn from the counter-based RNG (ir/ops/sources.ts): a hash of the
// step's seed (the train block's `seed` mixed with the step), the call site
// and the element's index, so the CPU reference and WebGPU draw the same
// numbers and a run is reproducible step by step.

import { showShape } from "../../tensor-type";
import { fail, type FunctionDef } from "../registry";

function ofShape(name: string, doc: string): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "random",
    tensors: { min: 0, max: 0 },
    args: [{ name: "shape", kind: "dims", required: true, rest: true }],
    infer(_ts, a, { display }) {
      const shape = a.shape as (number | string)[];
      if (shape.length === 0) return fail(`${display} needs a shape, e.g. ${name}(batch, 16)`, "DL2005");
      const bad = shape.find((d) => typeof d === "number" && d < 1);
      if (bad !== undefined) return fail(`${display}: sizes must be at least 1, found ${bad} in ${showShape(shape)}`, "DL3005");
      return { type: { dtype: "f32", shape } };
    },
  };
}

function like(name: string, doc: string): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "random",
    tensors: { min: 1, max: 1 },
    args: [],
    infer([x]) {
      return { type: { dtype: "f32", shape: x.shape } };
    },
  };
}

export const randn = ofShape("randn", "randn(d0, d1, ..): f32 samples of N(0, 1), e.g. randn(batch, 16); new numbers every step, the same on every backend.");
export const rand = ofShape("rand", "rand(d0, d1, ..): f32 samples of U[0, 1); new numbers every step, the same on every backend.");
export const randn_like = like("randn_like", "f32 samples of N(0, 1) in x's shape (the reparameterization trick: mu + exp(0.5 * logvar) * randn_like(mu)).");
export const rand_like = like("rand_like", "f32 samples of U[0, 1) in x's shape.");
