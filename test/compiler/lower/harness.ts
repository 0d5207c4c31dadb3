// Running lowered graphs on the reference interpreter, and a finite-difference
// gradient check of a whole lowered model (every parameter and float input).

import { grad } from "../../../src/compiler/autodiff/grad";
import { GraphBuilder, mul, sum, type Node } from "../../../src/compiler/ir/builder";
import { Graph, specialize } from "../../../src/compiler/ir/graph";
import type { DimEnv } from "../../../src/compiler/ir/types";
import type { ModelInstance } from "../../../src/compiler/check/elaborated";
import { initParams, lowerModel, type Mode } from "../../../src/compiler/lower/index";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { compareWithFiniteDifferences } from "../autodiff/gradcheck";

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function randn(shape: number[], r: () => number, scale = 1): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return makeTensor("f64", shape, Array.from({ length: n }, () => (r() * 2 - 1) * scale));
}

export function ints(shape: number[], values: number[]): Tensor {
  return makeTensor("i32", shape, values);
}

export function f64(t: Tensor): Tensor {
  return makeTensor("f64", t.shape, t.data);
}

/** Random parameters (uniform ±scale; variances positive) by path, in float64. */
export function randomParams(model: ModelInstance, seed: number, scale = 0.5): Map<string, Tensor> {
  const r = rng(seed);
  const out = new Map<string, Tensor>();
  for (const p of model.parameters) {
    const t = randn(p.shape as number[], r, scale);
    if (p.name === "running_var") for (let i = 0; i < t.data.length; i++) t.data[i] = 0.5 + Math.abs(t.data[i]);
    out.set(p.path, t);
  }
  return out;
}

export interface Run {
  outputs: Record<string, Tensor>;
  graph: Graph;
}

/** Lower, bind dims, run in float64. */
export function run(
  model: ModelInstance,
  mode: Mode,
  feeds: Record<string, Tensor>,
  params: Map<string, Tensor> = initParams(model.parameters, 1),
  dims: DimEnv = {},
  extra: Record<string, Tensor> = {},
): Run {
  const low = lowerModel(model, { mode });
  if (low.diagnostics.length) throw new Error(low.diagnostics.map((d) => d.message).join("\n"));
  const graph = specialize(low.graph, dims);
  const inputs: Record<string, Tensor> = { ...feeds, ...extra };
  for (const [k, v] of params) inputs[k] = v;
  return { outputs: runReference(graph, inputs, { f64: true }), graph };
}

/**
 * d(Σ out ⊙ R)/dθ from the lowered graph's autodiff against central
 * differences for every element of every parameter (and f32 model input).
 * Returns the worst |analytic - numeric| / (atol + rtol |numeric|).
 */
export function gradCheckModel(
  model: ModelInstance,
  mode: Mode,
  feeds: Record<string, Tensor>,
  params: Map<string, Tensor>,
  dims: DimEnv = {},
  extra: Record<string, Tensor> = {},
  opts: { h?: number; rtol?: number; atol?: number; output?: string } = {},
): { worst: number; checked: number; where: string } {
  const { h = 1e-6, rtol = 1e-5, atol = 1e-7 } = opts;
  const low = lowerModel(model, { mode });
  const g0 = specialize(low.graph, dims);
  const outName = opts.output ?? low.outputs[0];
  const out = g0.output(outName);
  const b = new GraphBuilder();
  for (const i of g0.inputs) b.input(i.name, i.node.dtype, i.node.shape, i.role);
  // GraphBuilder.input interns the same nodes (hash-consing), so g0's nodes are reused.
  const weight = b.input("__r", "f32", out.shape);
  const loss = sum(mul(out, weight));
  b.output("loss", loss);
  const wrt: Node[] = g0.inputs.filter((i) => i.node.dtype === "f32" && i.role !== "state").map((i) => i.node);
  grad(loss, wrt).forEach((gn, k) => b.output(`g${k}`, gn));
  const graph = b.build();
  const r = rng(99);
  const inputs: Record<string, Tensor> = { ...feeds, ...extra, __r: randn(out.shape as number[], r) };
  for (const [k, v] of params) inputs[k] = v;
  return compareWithFiniteDifferences(graph, inputs, wrt.map((w) => String(w.attrs.name)), h, rtol, atol);
}

/** Largest absolute difference between a tensor and plain numbers. */
export function maxDiff(t: Tensor, want: ArrayLike<number>): number {
  if (t.data.length !== want.length) return Infinity;
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(t.data[i] - want[i]));
  return m;
}

export function arr(t: Tensor): number[] {
  return Array.from(t.data);
}
