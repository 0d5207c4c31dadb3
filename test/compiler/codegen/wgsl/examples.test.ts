// The examples' training steps through the whole WebGPU path: golden WGSL
// (test/baselines/<example>.train.wgsl, for WebGPU's default limits and the
// tiled GEMM), then one step on the GPU against the reference interpreter.

import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../../../src/compiler/check/index";
import { emitWgsl } from "../../../../src/compiler/codegen/wgsl/emit";
import { Graph, specialize } from "../../../../src/compiler/ir/graph";
import * as B from "../../../../src/compiler/ir/builder";
import type { Node } from "../../../../src/compiler/ir/node";
import { productOf, type Dim } from "../../../../src/compiler/ir/types";
import { buildGradStep } from "../../../../src/compiler/train-graph/build";
import { initParams, lowerModel } from "../../../../src/compiler/lower/index";
import { buildTrainStep } from "../../../../src/compiler/train-graph/train-step";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../../src/compiler/tensor";
import { compileForWebGPU } from "../../../../src/runtime/webgpu/executor";
import { maxError, openTestGpu, randomArray, rng } from "../../../runtime/webgpu/gpu";
import { expectBaseline, ROOT } from "../../syntax/baseline";
import { diskHost } from "../../check/helpers";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

const host = diskHost();

/**
 * The example's training step, or for a model without a train block its
 * training-mode forward (tiny_gpt, char_lstm), at batch `batch`.
 */
function trainStep(name: string, batch?: number) {
  const r = checkFile(join(ROOT, "examples", `${name}.dlnet`), host);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (!r.trains.length) {
    const model = r.elaborate(r.models[0])!;
    const low = lowerModel(model, { mode: "train", dims: { T: 8 } });
    const step = specialize(low.graph, { batch: batch ?? 2 });
    return { step, params: initParams([...low.params, ...low.frozen, ...low.buffers], 42) };
  }
  const spec = r.elaborateTrain(r.trains[0])!;
  const t = buildTrainStep(spec);
  const step = specialize(t.step, { [t.forward.batchDim]: batch ?? spec.batch });
  const params = initParams([...t.forward.params, ...t.forward.frozen, ...t.forward.buffers], 42);
  return { step, params };
}

function inputsFor(g: Graph, params: Map<string, Tensor>, seed: number): Record<string, Tensor> {
  const r = rng(seed);
  const out: Record<string, Tensor> = {};
  for (const i of g.inputs) {
    const shape = i.node.shape as number[];
    const n = shape.reduce((p, d) => p * d, 1);
    if (params.has(i.name)) out[i.name] = params.get(i.name)!;
    else if (i.role === "state") out[i.name] = makeTensor("f32", shape);
    else if (i.name === "lr") out[i.name] = makeTensor("f32", [], [1e-3]);
    else if (i.name === "step") out[i.name] = makeTensor("f32", [], [1]);
    else if (i.node.dtype === "i32") {
      // labels, tokens, seeds: small non-negative integers valid for every example
      out[i.name] = makeTensor(
        "i32",
        shape,
        Array.from({ length: n }, () => Math.floor(((r() + 1) / 2) * 10)),
      );
    } else out[i.name] = makeTensor("f32", shape, randomArray(n, seed + 1));
  }
  return out;
}

const EXAMPLES = ["mnist_mlp", "mnist_cnn", "swish", "tiny_gpt", "char_lstm"];

describe("golden WGSL of the examples' training steps", () => {
  for (const ex of EXAMPLES) {
    it(ex, () => {
      const { step } = trainStep(ex);
      expectBaseline(`${ex}.train.wgsl`, emitWgsl(step));
    });
  }
  it("char_lstm's LSTM is a time loop: the same kernels at T = 8 and T = 32, within 8 storage buffers each", () => {
    // The model's forward and backward with T left symbolic (its train block fixes T = 32).
    const r = checkFile(join(ROOT, "examples", "char_lstm.dlnet"), host);
    const fwd = lowerModel(r.elaborate(r.models[0])!, { mode: "train" }).graph;
    const labels = B.input("labels", "i32", ["batch", "T"]);
    const flat = (n: Node, d: Dim[]) => B.reshape(n, [productOf(["batch", "T"]), ...d]);
    const loss = B.crossEntropy(flat(fwd.output("logits"), [96]), flat(labels, []));
    const g = new Graph([...fwd.inputs, { name: "labels", node: labels, role: "data" }], [{ name: "loss", node: loss }]);
    const step = buildGradStep(g, { loss: "loss" });
    const texts = [8, 32].map((T) => emitWgsl(step, { env: { batch: 4, T } }));
    const perKernel = (text: string) => text.split("// ---- kernel").slice(1).map((k) => k.split("var<storage").length - 1);
    expect(perKernel(texts[0]).length).toBe(perKernel(texts[1]).length);
    expect(Math.max(...perKernel(texts[1]))).toBeLessThanOrEqual(8);
    expect(texts[1]).toContain("// ---- loop");
  });
});

/**
 * Examples whose kernels take lavapipe minutes to compile on a cold shader
 * cache (convolutions, attention, LSTM): run with DLNET_GPU_EXAMPLES=all.
 */
const SLOW = new Set(["mnist_cnn", "tiny_gpt", "char_lstm"]);
const runAll = process.env.DLNET_GPU_EXAMPLES === "all";

describe.skipIf(!gpu)(
  `examples' training steps on WebGPU${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    for (const ex of EXAMPLES) {
      it.skipIf(SLOW.has(ex) && !runAll)(
        `${ex}: one step matches the reference`,
        { timeout: 600_000 },
        async () => {
          const { step, params } = trainStep(ex, 2);
          const exe = await compileForWebGPU(step, gpu!.handle);
          const values = inputsFor(step, params, 3);
          const names = step.outputs.map((o) => o.name);
          const got = await exe.run(values, { readback: names });
          const want = runReference(step, values);
          for (const n of names) {
            // Adam's first step moves every parameter by ±lr (the gradient's sign), so
            // parameters get an lr-sized tolerance; the gradients themselves are
            // checked through the optimizer state (exp_avg = 0.1 g).
            const [atol, rtol] = params.has(n)
              ? [2.5e-3, 1e-2]
              : n.startsWith("optim.")
                ? [1e-6, 2e-2]
                : [1e-3, 1e-2];
            expect(maxError(got[n].data, want[n].data, atol, rtol), n).toBeLessThan(1);
          }
          console.log(`${ex}: ${exe.dispatchCount} dispatches for the training step (batch 2)`);
          exe.destroy();
        },
      );
    }
  },
);
