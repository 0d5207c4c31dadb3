// Recurrent layers on WebGPU run as time loops (codegen/wgsl/time-loop.ts): the
// body of each scan (the cell, and in the backward pass the cell's
// derivative) is compiled once and dispatched once per step. Oracle: the
// reference interpreter (float64, the scan unrolled) on the same forward and
// backward graph — loss and every parameter gradient — at two sequence
// lengths; the generated kernels must not depend on the length.

import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import * as b from "../../../src/compiler/ir/builder";
import { Graph, specialize } from "../../../src/compiler/ir/graph";
import { initParams, lowerModel } from "../../../src/compiler/lower/index";
import { allKernels, isLoop } from "../../../src/compiler/codegen/wgsl/pipeline";
import { buildGradStep } from "../../../src/compiler/train-graph/build";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { compileForWebGPU } from "../../../src/runtime/webgpu/executor";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { maxError, openTestGpu, rng } from "./gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

const [V, C] = [11, 5];

/**
 * tokens [batch, T] -> chain -> logits, [batch, T, C] (a tagger: cross-entropy
 * over every position) or [batch, C] (a classifier: one label per sequence).
 */
function gradStep(chain: string, batch: number, T: number) {
  const src = `model Tagger {\n  input tokens: i32[batch, T]\n  output logits = tokens -> ${chain}\n}\n`;
  const r = checkFile("tagger.dlnet", { readFile: (p) => (p === "tagger.dlnet" ? src : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const low = lowerModel(r.elaborate(r.models[0])!, { mode: "train" });
  const fwd = specialize(low.graph, { batch, T });
  const logits = fwd.output("logits");
  const rows = logits.shape.length === 3 ? batch * T : batch;
  const labels = b.input("labels", "i32", logits.shape.length === 3 ? [batch, T] : [batch]);
  const loss = b.crossEntropy(b.reshape(logits, [rows, C]), b.reshape(labels, [rows]));
  const g = new Graph([...fwd.inputs, { name: "labels", node: labels, role: "data" }], [{ name: "loss", node: loss }]);
  return { step: buildGradStep(g, { loss: "loss" }), params: initParams(low.params, 5) };
}

const CASES: Record<string, string> = {
  LSTM: `Embedding(${V}, 6) -> LSTM(7) -> Linear(${C})`,
  "GRU, two layers": `Embedding(${V}, 6) -> GRU(5, num_layers: 2) -> Linear(${C})`,
  "RNN, relu": `Embedding(${V}, 4) -> RNN(6, nonlinearity: "relu") -> Linear(${C})`,
  // issue #11's model (it crashed on WebGPU at the first step)
  "LSTM, mean over time": `Embedding(${V}, 8) -> LSTM(16) -> mean(dim: 1) -> Linear(${C})`,
};

describe.skipIf(!gpu)(`recurrent layers as time loops on WebGPU${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  for (const [name, chain] of Object.entries(CASES)) {
    it(`${name}: loss and gradients match the reference at T = 3 and T = 9, with the same kernels`, { timeout: 300_000 }, async () => {
      const kernels: string[][] = [];
      const bodies: string[][] = [];
      // (shared: the loop bodies compile once for both lengths)
      const pipelines = new PipelineCache(gpu!.handle.device, gpu!.handle.limits.maxStorageBuffersPerShaderStage);
      for (const T of [3, 9]) {
        const batch = 2;
        const { step, params } = gradStep(chain, batch, T);
        const exe = await compileForWebGPU(step, gpu!.handle, { pipelines });
        kernels.push(allKernels(exe.program).map((k) => k.kernel.wgsl));
        bodies.push(exe.program.steps.filter(isLoop).flatMap((l) => allKernels(l.loop.body).map((k) => k.kernel.wgsl)));
        const r = rng(T);
        const ints = (shape: number[]) =>
          makeTensor("i32", shape, Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => Math.floor(((r() + 1) / 2) * C)));
        const values: Record<string, Tensor> = {
          ...Object.fromEntries(params),
          tokens: ints([batch, T]),
          labels: ints(step.input("labels").shape as number[]),
        };
        const names = step.outputs.map((o) => o.name);
        const got = await exe.run(values, { readback: names });
        const want = runReference(step, values);
        for (const n of names) expect(maxError(got[n].data, want[n].data, 1e-5, 1e-3), `${n} at T = ${T}`).toBeLessThan(1);
        console.log(`${name}, T = ${T}: ${allKernels(exe.program).length} kernels, ${exe.dispatchCount} dispatches per run`);
        exe.destroy();
      }
      // The loop bodies are the same kernels whatever T; only the outer ones see T in their sizes.
      expect(kernels[1].length).toBe(kernels[0].length);
      expect(bodies[0].length).toBeGreaterThan(0);
      expect(bodies[1]).toEqual(bodies[0]);
    });
  }
});
