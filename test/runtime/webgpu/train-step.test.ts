// A whole MLP training step (forward, cross-entropy, backward, Adam) as one
// submission: parameters and optimizer state stay on the GPU across steps and
// must track the reference interpreter step by step; the dispatch count is
// the fusion's headline number.

import { afterAll, describe, expect, it } from "vitest";
import * as b from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import { buildTrainStep } from "../../../src/compiler/train-graph/build";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { compileForWebGPU } from "../../../src/runtime/webgpu/executor";
import { maxError, openTestGpu, randomArray, rng } from "./gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

const [B, IN, H, C] = [16, 20, 32, 10];

function mlpTrainStep() {
  const gb = new GraphBuilder();
  const x = gb.input("x", "f32", [B, IN]);
  const labels = gb.input("labels", "i32", [B]);
  const w1 = gb.param("fc1.weight", [IN, H]);
  const b1 = gb.param("fc1.bias", [H]);
  const w2 = gb.param("fc2.weight", [H, C]);
  const b2 = gb.param("fc2.bias", [C]);
  const logits = b.add(b.matmul(b.relu(b.add(b.matmul(x, w1), b1)), w2), b2);
  gb.output("loss", b.crossEntropy(logits, labels));
  gb.output("accuracy", b.accuracy(logits, labels));
  return buildTrainStep(gb.build(), {
    loss: "loss",
    optimizer: { kind: "adam", lr: 0.01 },
    metrics: ["accuracy"],
  });
}

describe.skipIf(!gpu)(
  `training step on WebGPU${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    it("tracks the reference for 3 Adam steps with state kept on the GPU", async () => {
      const g = mlpTrainStep();
      const exe = await compileForWebGPU(g, gpu!.handle);
      const r = rng(7);
      const values: Record<string, Tensor> = {};
      for (const i of g.inputs) {
        const shape = i.node.shape as number[];
        const n = shape.reduce((p, d) => p * d, 1);
        if (i.role === "param")
          values[i.name] = makeTensor(
            "f32",
            shape,
            randomArray(n, n).map((v) => v * 0.3),
          );
        else if (i.role === "state") values[i.name] = makeTensor("f32", shape);
      }
      const persistentNames = g.inputs
        .filter((i) => i.role === "param" || i.role === "state")
        .map((i) => i.name);
      let ref = { ...values };
      for (let step = 1; step <= 3; step++) {
        const batch = {
          x: makeTensor("f32", [B, IN], randomArray(B * IN, 50 + step)),
          labels: makeTensor(
            "i32",
            [B],
            Array.from({ length: B }, () => Math.floor(((r() + 1) / 2) * C)),
          ),
          lr: makeTensor("f32", [], [0.01]),
          step: makeTensor("f32", [], [step]),
        };
        // The GPU gets parameters once; afterwards only data and hyperparameters.
        const got = await exe.run(step === 1 ? { ...values, ...batch } : batch, {
          readback: ["loss", "accuracy"],
        });
        const want = runReference(g, { ...ref, ...batch });
        expect(maxError(got.loss.data, want.loss.data, 1e-4, 1e-3)).toBeLessThan(1);
        expect(got.accuracy.data[0]).toBeCloseTo(want.accuracy.data[0], 5);
        ref = { ...ref, ...Object.fromEntries(persistentNames.map((n) => [n, want[n]])) };
      }
      for (const name of persistentNames) {
        const t = await exe.read(name);
        expect(maxError(t.data, ref[name].data, 1e-4, 1e-3), name).toBeLessThan(1);
      }
      console.log(
        `MLP train step: ${exe.dispatchCount} dispatches; kernels: ${exe.program.kernels.map((k) => k.kernel.name).join(", ")}`,
      );
      // 2 forward matmuls, log-softmax+NLL+argmax (+ dlogits), loss and accuracy means,
      // 3 backward matmuls and 2 bias-gradient reductions with the Adam updates fused in.
      expect(exe.dispatchCount).toBeLessThanOrEqual(9);
      exe.destroy();
    });
  },
);
