// The training step as ONNX: the gradient ops' decompositions against the
// reference interpreter, and whole training steps run in ONNX Runtime,
// each step's `.new` outputs fed back as inputs, against dlnet's own CPU
// training steps from the same initial values on the same batches.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../../../src/compiler/check";
import type { TrainSpec } from "../../../../src/compiler/check/elaborated";
import { onnxToText } from "../../../../src/compiler/codegen/onnx/text";
import { exportTrainStep, NEW_SUFFIX } from "../../../../src/compiler/codegen/onnx/train-step";
import { exportOnnx } from "../../../../src/compiler/codegen/onnx/export";
import * as B from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import { specialize } from "../../../../src/compiler/ir/graph";
import { initParams } from "../../../../src/compiler/lower";
import { buildTrainStep } from "../../../../src/compiler/train-graph/train-step";
import { CpuBackend } from "../../../../src/runtime/backend";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import { scalar, zeros, type Tensor } from "../../../../src/compiler/tensor";
import { maxRelDiff, randomData, runOrt } from "./ort";
import { ROOT } from "../../syntax/baseline";
import { diskHost } from "../../check/helpers";

const rand = (shape: number[], seed: number, lo = -1, hi = 1): Tensor => ({
  dtype: "f32",
  shape,
  data: randomData(shape.reduce((a, b) => a * b, 1), seed, lo, hi),
});

async function agreeWithReference(build: (b: GraphBuilder) => void, feeds: Record<string, Tensor>) {
  const b = new GraphBuilder();
  build(b);
  const g = b.build();
  const { bytes, diagnostics } = exportOnnx(g);
  expect(diagnostics).toEqual([]);
  const want = runReference(g, feeds);
  const got = await runOrt(bytes, feeds);
  expect(maxRelDiff(got.y.data, want.y.data)).toBeLessThan(1e-5);
}

describe("ONNX rules of the gradient ops", () => {
  const convCases = [
    { name: "stride 2, padding 1", x: [2, 3, 9, 9], dy: [2, 4, 5, 5], o: { stride: [2, 2], padding: [1, 1] } },
    { name: "stride 2 dropping a row", x: [2, 3, 10, 10], dy: [2, 4, 4, 4], o: { stride: [2, 2] } },
    { name: "dilation 2", x: [1, 2, 9, 8], dy: [1, 3, 9, 8], o: { dilation: [2, 2], padding: [2, 2] } },
  ];
  for (const c of convCases) {
    it(`conv2d_grad_weight: ${c.name}`, async () => {
      const w = [c.dy[1], c.x[1], 3, 3];
      await agreeWithReference(
        (b) => b.output("y", B.conv2dGradWeight(b.input("x", "f32", c.x), b.input("dy", "f32", c.dy), w, c.o)),
        { x: rand(c.x, 1), dy: rand(c.dy, 2) },
      );
    });
  }

  for (const include of [true, false]) {
    it(`avg_pool2d_grad, kernel 3 stride 2 padding 1, count_include_pad ${include}`, async () => {
      const attrs = { kernel: [3, 3], stride: [2, 2], padding: [1, 1], count_include_pad: include };
      await agreeWithReference((b) => b.output("y", B.avgPool2dGrad(b.input("dy", "f32", [2, 3, 5, 5]), [2, 3, 9, 9], attrs)), {
        dy: rand([2, 3, 5, 5], 3),
      });
    });
  }
  it("avg_pool2d_grad, kernel 2 on an odd size (the last row has no gradient)", async () => {
    const attrs = { kernel: [2, 2], stride: [2, 2], padding: [0, 0], count_include_pad: true };
    await agreeWithReference((b) => b.output("y", B.avgPool2dGrad(b.input("dy", "f32", [1, 2, 3, 3]), [1, 2, 7, 7], attrs)), {
      dy: rand([1, 2, 3, 3], 4),
    });
  });

  const poolCases = [
    { name: "kernel 3 stride 2 padding 1", x: [2, 3, 9, 9], dy: [2, 3, 5, 5], attrs: { kernel: [3, 3], stride: [2, 2], padding: [1, 1] } },
    { name: "kernel 2 on an odd size", x: [2, 3, 9, 9], dy: [2, 3, 4, 4], attrs: { kernel: [2, 2], stride: [2, 2], padding: [0, 0] } },
  ];
  for (const c of poolCases) {
    it(`max_pool2d_grad: ${c.name}`, async () => {
      await agreeWithReference(
        (b) => b.output("y", B.maxPool2dGrad(b.input("x", "f32", c.x), b.input("dy", "f32", c.dy), c.attrs)),
        { x: rand(c.x, 5), dy: rand(c.dy, 6) },
      );
    });
  }
  it("max_pool2d_grad routes ties to the first maximum (ReLU zeros)", async () => {
    const x = rand([2, 2, 8, 8], 7);
    for (let i = 0; i < x.data.length; i++) x.data[i] = Math.max(0, x.data[i]);
    await agreeWithReference(
      (b) => b.output("y", B.maxPool2dGrad(b.input("x", "f32", [2, 2, 8, 8]), b.input("dy", "f32", [2, 2, 4, 4]), { kernel: [2, 2], stride: [2, 2], padding: [0, 0] })),
      { x, dy: rand([2, 2, 4, 4], 8) },
    );
  });
});

// ---- whole training steps ------------------------------------------------------

const host = diskHost();

function trainSpec(path: string): TrainSpec {
  const r = checkFile(path, host);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.elaborateTrain(r.trains[0])!;
}

/** Random batches for every data input of the step (labels in [0, 10)). */
function batchFeeds(spec: TrainSpec, batch: number, seed: number): Record<string, Tensor> {
  const { forward } = buildTrainStep(spec);
  const feeds: Record<string, Tensor> = {};
  for (const d of forward.dataInputs) {
    const node = forward.graph.input(d.input);
    const shape = node.shape.map((x, i) => (i === 0 ? batch : (x as number)));
    if (node.dtype === "i32") {
      const u = randomData(shape.reduce((a, b) => a * b, 1), seed + 17, 0, 10);
      feeds[d.input] = { dtype: "i32", shape, data: Int32Array.from(u, Math.floor) };
    } else feeds[d.input] = rand(shape, seed, 0, 1);
  }
  return feeds;
}

async function compareSteps(spec: TrainSpec, steps: number, batch: number) {
  const params = initParams(spec.model.parameters, spec.seed ?? 0);
  const exported = exportTrainStep(spec, { params });
  expect(exported.diagnostics).toEqual([]);
  const step = exported.graph;
  const persistent = step.inputs.filter((i) => i.role === "param" || i.role === "frozen" || i.role === "state");

  // dlnet: the CPU backend runs the step graph the trainer runs.
  const cpu = new CpuBackend();
  for (const i of persistent) cpu.setState(i.name, params.get(i.name) ?? zeros(i.node.shape as number[]));
  const exe = await cpu.compile(specialize(buildTrainStep(spec).step, { [spec.batchDim]: batch }));

  // ONNX Runtime: start from the init model's outputs, then feed every `.new` back.
  let state = await runOrt(exported.initBytes, {});
  expect(Object.keys(state).sort()).toEqual(persistent.map((i) => i.name).sort());
  for (const [name, t] of params) expect(state[name].data, name).toEqual(t.data);
  for (let s = 1; s <= steps; s++) {
    const feeds = { ...batchFeeds(spec, batch, 100 + s), lr: scalar(0.01 / s), step: scalar(s) };
    const ours = await exe.run(feeds, ["loss"]);
    const theirs = await runOrt(exported.bytes, { ...feeds, ...state });
    expect(maxRelDiff(theirs.loss.data, ours.loss.data)).toBeLessThan(1e-4);
    state = {};
    for (const i of persistent) {
      const next = theirs[i.name + NEW_SUFFIX];
      expect(next, i.name).toBeDefined();
      expect(maxRelDiff(next.data, (await cpu.getState(i.name)).data), `${i.name} after step ${s}`).toBeLessThan(1e-4);
      state[i.name] = next;
    }
  }
}

describe("the exported training step trains like dlnet", () => {
  it("MLP with Adam: 3 steps in ONNX Runtime = 3 CPU steps", async () => {
    await compareSteps(trainSpec(join(ROOT, "examples/mnist_mlp.dlnet")), 3, 16);
  }, 60_000);

  it("Embedding over [batch, T] (a scatter_add with a 2-D index in the backward) with Adam: 3 steps", async () => {
    const src = `model Tagger {
  input  tokens: i32[batch, T]
  output logits = tokens -> Embedding(10, 8) -> LayerNorm -> Linear(10)
}
train Tagger {
  data      = text("corpus.txt", context: 6)
  feed tokens = data.tokens
  loss      = cross_entropy(logits, data.targets)
  optimizer = Adam(lr: 0.01)
  batch     = 4
  epochs    = 1
}
`;
    const files: Record<string, string> = { "tagger.dlnet": src, "corpus.txt": "0123456789".repeat(20) };
    const r = checkFile("tagger.dlnet", { readFile: (p) => files[p] });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    await compareSteps(r.elaborateTrain("Tagger")!, 3, 4);
  }, 60_000);

  for (const layer of ["LSTM(7)", "GRU(6, num_layers: 2)"]) {
    it(`${layer}: the loops forward and backward (ONNX Scan) with Adam: 3 steps`, async () => {
      const src = `model Tagger {
  input  tokens: i32[batch, T]
  output logits = tokens -> Embedding(10, 5) -> ${layer} -> Linear(10)
}
train Tagger {
  data      = text("corpus.txt", context: 6)
  feed tokens = data.tokens
  loss      = cross_entropy(logits, data.targets)
  optimizer = Adam(lr: 0.01)
  batch     = 4
  epochs    = 1
}
`;
      const files: Record<string, string> = { "tagger.dlnet": src, "corpus.txt": "0123456789".repeat(20) };
      const r = checkFile("tagger.dlnet", { readFile: (p) => files[p] });
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const spec = r.elaborateTrain("Tagger")!;
      const text = onnxToText(exportTrainStep(spec, { params: initParams(spec.model.parameters, 0) }).bytes);
      // forward loop and the derivative's loop backwards in time
      expect(text.match(/Scan\[/g)?.length).toBe(layer.startsWith("GRU") ? 4 : 2);
      await compareSteps(spec, 3, 4);
    }, 60_000);
  }

  it("CNN (conv, BatchNorm, max and average pooling) with SGD momentum: 3 steps", async () => {
    const src = `model SmallCNN {
  input  x: f32[batch, 1, 28, 28]
  output logits = x
    -> Conv2d(4, kernel: 3, padding: 1) -> BatchNorm -> ReLU -> MaxPool2d(2)
    -> Conv2d(6, kernel: 3, stride: 2) -> ReLU -> AvgPool2d(2)
    -> Flatten -> Linear(10)
}
train SmallCNN {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.05, momentum: 0.9)
  batch     = 8
  epochs    = 1
  seed      = 3
}
`;
    const r = checkFile("cnn.dlnet", { readFile: (p) => (p === "cnn.dlnet" ? src : undefined) });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    await compareSteps(r.elaborateTrain("SmallCNN")!, 3, 8);
  }, 60_000);

  it("Dropout: one ONNX random draw per application, shared by the forward and the backward", async () => {
    // loss = mean_b(y_b), y = (m ⊙ x / (1-p)) · w + b with a random mask m. With plain SGD,
    // Δw_j = -lr · mean_b(m_bj x_bj / (1-p)), so Σ_j w_j · (-Δw_j / lr) = loss - b exactly
    // when the backward uses the forward's mask, and not otherwise.
    const src = `model Drop {
  input  x: f32[batch, 784]
  output y = x -> Dropout(0.5) -> Linear(1)
}
train Drop {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  loss      = mean(y)
  optimizer = SGD(lr: 0.5)
  batch     = 8
  epochs    = 1
}
`;
    const r = checkFile("drop.dlnet", { readFile: (p) => (p === "drop.dlnet" ? src : undefined) });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const spec = r.elaborateTrain("Drop")!;
    const params = initParams(spec.model.parameters, 1);
    const refused = exportTrainStep(spec, { params });
    expect(refused.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/draws random numbers \(Dropout, randn, rand\).*export with --opset 21$/)]);
    const exported = exportTrainStep(spec, { params, opset: 21 });
    expect(exported.diagnostics).toEqual([]);
    expect(exported.graph.nodes().filter((n) => n.op === "random_uniform")).toHaveLength(1);
    const init = await runOrt(exported.initBytes, {});
    // Eight copies of one row: then -Δw_j / (lr · x_j) = 2 k_j / 8 with k_j the rows that keep input j.
    const row = rand([784], 9, 0.5, 1);
    const x: Tensor = { dtype: "f32", shape: [8, 784], data: Float32Array.from({ length: 8 * 784 }, (_, i) => row.data[i % 784]) };
    const out = await runOrt(exported.bytes, { ...init, x, lr: scalar(0.5), step: scalar(1) });
    expect(Object.keys(out)).not.toContain("__seed");
    const w = init["linear_0.weight"].data;
    const dw = out["linear_0.weight.new"].data;
    let sum = 0;
    for (let j = 0; j < w.length; j++) sum += w[j] * ((w[j] - dw[j]) / 0.5);
    const lossMinusBias = out.loss.data[0] - init["linear_0.bias"].data[0];
    expect(Math.abs(sum - lossMinusBias)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lossMinusBias)));
    // The masks are elementwise with p = 0.5 and scale 2: every ratio is a multiple of 1/4, and over
    // 784 columns of Binomial(8, 1/2) their mean is 1 ± 0.0125 (a band of 16 standard deviations).
    // ONNX Runtime's draw is unseeded, so this holds for any masks rather than for one.
    const ratios = Array.from(w, (wj, j) => (wj - dw[j]) / 0.5 / row.data[j]);
    for (const q of ratios) expect(Math.abs(q * 4 - Math.round(q * 4))).toBeLessThan(1e-3);
    const mean = ratios.reduce((a, q) => a + q, 0) / ratios.length;
    expect(mean).toBeGreaterThan(0.8);
    expect(mean).toBeLessThan(1.2);
    expect(new Set(ratios.map((q) => Math.round(q * 4))).size).toBeGreaterThan(3);
  });

  it("MnistCNN (with Dropout) exports its training step at opset 21; three steps in ONNX Runtime lower the loss on one batch", async () => {
    const spec = trainSpec(join(ROOT, "examples/mnist_cnn.dlnet"));
    const exported = exportTrainStep(spec, { params: initParams(spec.model.parameters, 0), opset: 21 });
    expect(exported.diagnostics).toEqual([]);
    let state = await runOrt(exported.initBytes, {});
    const feeds = batchFeeds(spec, 16, 5);
    const losses: number[] = [];
    for (let s = 1; s <= 3; s++) {
      const out = await runOrt(exported.bytes, { ...feeds, ...state, lr: scalar(1e-3), step: scalar(s) });
      losses.push(out.loss.data[0]);
      state = Object.fromEntries(Object.keys(state).map((k) => [k, out[k + NEW_SUFFIX]]));
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[2]).toBeLessThan(losses[0]);
  }, 60_000);
});
