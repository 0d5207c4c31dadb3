// The MNIST-MLP path: Linear, ReLU, cross_entropy, accuracy, through
// lowerModel and lowerTrain, against plain-TS formulas; gradient check.

import { describe, expect, it } from "vitest";
import type { TrainSpec, EOutput, EDataField } from "../../../src/compiler/check/elaborated";
import { specialize } from "../../../src/compiler/ir/graph";
import { lowerModel, lowerTrain } from "../../../src/compiler/lower/index";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { Builder, inp, file, span } from "./enodes";
import { arr, gradCheckModel, ints, maxDiff, randn, randomParams, rng, run } from "./harness";
import * as N from "./naive";

function mlp() {
  const b = new Builder();
  const x = inp("x", "f32", ["batch", 6]);
  const h = b.layer("ReLU", {}, b.layer("Linear", { out_features: 5 }, x));
  const logits = b.layer("Linear", { out_features: 4 }, h);
  return { b, model: b.model([x], { logits }) };
}

function trainSpec() {
  const { b, model } = mlp();
  const logits: EOutput = { kind: "output", name: "logits", type: model.outputs[0].type, file, span };
  const label: EDataField = { kind: "data", field: "label", type: { dtype: "i32", shape: ["batch"] }, file, span };
  const spec = {
    file,
    model,
    batchDim: "batch",
    data: { source: "mnist", args: {} },
    feeds: [{ input: "x", field: "image" }],
    loss: b.call("cross_entropy", [logits, label]),
    metrics: [{ name: "accuracy", value: b.call("accuracy", [logits, label]) }],
    optimizer: { name: "Adam", args: {} },
    batch: 3,
    epochs: 1,
    accumulate: 1,
    freeze: [],
    frozenParams: [],
  } as unknown as TrainSpec;
  return { spec, model };
}

describe("MLP lowering", () => {
  it("names graph inputs and outputs by model input, parameter path and output", () => {
    const { model } = mlp();
    const low = lowerModel(model, { mode: "eval" });
    expect(low.graph.inputs.map((i) => [i.name, i.role, i.node.shape.join(",")])).toEqual([
      ["x", "data", "batch,6"],
      ["linear_0.weight", "param", "5,6"],
      ["linear_0.bias", "param", "5"],
      ["linear_1.weight", "param", "4,5"],
      ["linear_1.bias", "param", "4"],
    ]);
    expect(low.graph.outputs.map((o) => o.name)).toEqual(["logits"]);
    expect(low.graph.output("logits").shape).toEqual(["batch", 4]);
    expect(low.stateUpdates).toEqual([]);
    expect(low.seedInput).toBeUndefined();
  });

  it("computes x W1ᵀ + b1 → relu → · W2ᵀ + b2", () => {
    const { model } = mlp();
    const r = rng(3);
    const x = randn([3, 6], r);
    const P = randomParams(model, 4);
    const { outputs } = run(model, "eval", { x }, P, { batch: 3 });
    const h = N.linear(x.data, 3, 6, P.get("linear_0.weight")!.data, P.get("linear_0.bias")!.data, 5).map((v) => Math.max(0, v));
    const want = N.linear(h, 3, 5, P.get("linear_1.weight")!.data, P.get("linear_1.bias")!.data, 4);
    expect(maxDiff(outputs.logits, want)).toBeLessThan(1e-12);
  });

  it("lowerTrain: loss = mean cross-entropy, accuracy = mean [argmax = label]", () => {
    const { spec, model } = trainSpec();
    const low = lowerTrain(spec);
    expect(low.graph.outputs.map((o) => o.name)).toEqual(["loss", "accuracy"]);
    expect(low.dataInputs).toEqual([{ input: "x", field: "image" }, { input: "data.label", field: "label" }]);
    expect(low.params.map((p) => p.path)).toEqual(["linear_0.weight", "linear_0.bias", "linear_1.weight", "linear_1.bias"]);
    const r = rng(5);
    const x = randn([3, 6], r, 2);
    const P = randomParams(model, 6, 1);
    const labels = [0, 3, 1];
    const g = specialize(low.graph, { batch: 3 });
    const inputs = { x, "data.label": ints([3], labels), ...Object.fromEntries(P) };
    const out = runReference(g, inputs, { f64: true });
    const logits = runReference(specialize(lowerModel(model, { mode: "eval" }).graph, { batch: 3 }), inputs, { f64: true }).logits;
    const L = arr(logits);
    let ce = 0;
    let hits = 0;
    for (let i = 0; i < 3; i++) {
      const row = L.slice(i * 4, i * 4 + 4);
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
      ce += lse - row[labels[i]];
      if (row.indexOf(m) === labels[i]) hits++;
    }
    expect(out.loss.data[0]).toBeCloseTo(ce / 3, 12);
    expect(out.accuracy.data[0]).toBeCloseTo(hits / 3, 12);
  });

  it("gradients of the lowered MLP match finite differences", () => {
    const { model } = mlp();
    const r = rng(7);
    const res = gradCheckModel(model, "eval", { x: randn([2, 6], r) }, randomParams(model, 8), { batch: 2 });
    expect(res.worst, res.where).toBeLessThanOrEqual(1);
    expect(res.checked).toBe(2 * 6 + 5 * 6 + 5 + 4 * 5 + 4);
  });
});
