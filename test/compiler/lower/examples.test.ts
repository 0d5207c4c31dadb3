// The examples through the real front end (parse → check → elaborate) and the
// lowering: golden IR text (test/baselines/<example>.ir for the eval forward,
// <example>.train.ir for the train block's forward + loss), whole-model
// numerics against plain-TS compositions of PyTorch's formulas, whole-model
// gradient checks, and training steps that lower the loss.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile, type CheckResult } from "../../../src/compiler/check/index";
import { specialize } from "../../../src/compiler/ir/graph";
import { printGraph } from "../../../src/compiler/ir/print";
import { verifyGraph } from "../../../src/compiler/ir/verify";
import { initParams, lowerModel, lowerTrain } from "../../../src/compiler/lower/index";
import { buildTrainStep } from "../../../src/compiler/train-graph/train-step";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { expectBaseline, ROOT } from "../syntax/baseline";
import { gradCheckModel, ints, maxDiff, randn, randomParams, rng, run } from "./harness";
import * as N from "./naive";
import { diskHost } from "../check/helpers";

const host = diskHost();

function example(name: string): CheckResult {
  const r = checkFile(join(ROOT, "examples", `${name}.dlnet`), host);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r;
}

/** Bindings the examples need for a concrete forward graph (CharLSTM's T has no train block to bind it). */
const DIMS: Record<string, Record<string, number>> = { char_lstm: { T: 8 } };

describe("golden IR of the examples", () => {
  for (const ex of ["mnist_mlp", "mnist_cnn", "swish", "tiny_gpt", "char_lstm"]) {
    it(ex, () => {
      const r = example(ex);
      const model = r.elaborate(r.models[0])!;
      const low = lowerModel(model, { mode: "eval", dims: DIMS[ex] });
      expect(low.diagnostics).toEqual([]);
      expect(verifyGraph(low.graph)).toEqual([]);
      expect(verifyGraph(lowerModel(model, { mode: "train", dims: DIMS[ex] }).graph)).toEqual([]);
      expectBaseline(`${ex}.ir`, printGraph(low.graph));
      for (const t of r.trains) {
        const tl = lowerTrain(r.elaborateTrain(t)!);
        expect(tl.diagnostics).toEqual([]);
        expect(verifyGraph(tl.graph)).toEqual([]);
        expectBaseline(`${ex}.train.ir`, printGraph(tl.graph));
      }
    });
  }
});

/** Parameters by path, as float64 arrays. */
const P = (m: Map<string, Tensor>) => (path: string) => {
  const t = m.get(path);
  if (!t) throw new Error(`no parameter ${path}`);
  return t.data;
};

describe("TinyGPT end to end", () => {
  const vocab = 5;
  const d = 8;
  const ctx = 3;
  const model = () => example("tiny_gpt").elaborate("TinyGPT", { vocab, d, n: 2, ctx })!;

  it("matches embedding + position → 2 pre-norm blocks (causal MHA, GELU MLP) → LayerNorm → Linear", () => {
    const m = model();
    const params = randomParams(m, 11, 0.4);
    const p = P(params);
    const tokens = [1, 4, 0, 3, 3, 2];
    const B = 2;
    const out = run(m, "eval", { tokens: ints([B, ctx], tokens) }, params, { batch: B }).outputs.logits;
    let x = tokens.flatMap((t, i) => Array.from({ length: d }, (_, j) => p("embedding_0.weight")[t * d + j] + p("positional_embedding_0.weight")[(i % ctx) * d + j]));
    for (let blk = 0; blk < 2; blk++) {
      const q = (s: string) => p(`repeat_0.${blk}.${s}`);
      const a = N.mha(N.layerNorm(x, d, 1e-5, q("layer_norm_0.weight"), q("layer_norm_0.bias")), B, ctx, d, 4,
        q("multi_head_attention_0.in_proj_weight"), q("multi_head_attention_0.in_proj_bias"),
        q("multi_head_attention_0.out_proj.weight"), q("multi_head_attention_0.out_proj.bias"), true);
      const h = x.map((v, i) => v + a[i]);
      const f1 = N.linear(N.layerNorm(h, d, 1e-5, q("layer_norm_1.weight"), q("layer_norm_1.bias")), B * ctx, d, q("linear_0.weight"), q("linear_0.bias"), 4 * d).map(N.gelu);
      const f2 = N.linear(f1, B * ctx, 4 * d, q("linear_1.weight"), q("linear_1.bias"), d);
      x = h.map((v, i) => v + f2[i]);
    }
    const want = N.linear(N.layerNorm(x, d, 1e-5, p("layer_norm_0.weight"), p("layer_norm_0.bias")), B * ctx, d, p("linear_0.weight"), p("linear_0.bias"), vocab);
    expect(out.shape).toEqual([B, ctx, vocab]);
    expect(maxDiff(out, want)).toBeLessThan(1e-10);
  });

  it("gradients of the whole train-mode forward (dropout masks fixed by the seed) match finite differences", () => {
    const m = example("tiny_gpt").elaborate("TinyGPT", { vocab, d: 4, n: 1, ctx })!;
    const res = gradCheckModel(m, "train", { tokens: ints([1, ctx], [2, 0, 4]) }, randomParams(m, 12, 0.4), { batch: 1 }, { __seed: ints([], [5]) });
    expect(res.worst, res.where).toBeLessThanOrEqual(1);
    expect(res.checked).toBeGreaterThan(200);
  });
});

describe("CharLSTM and MnistCNN end to end", () => {
  it("CharLSTM: Embedding → LSTM(128) → Linear(vocab) with T bound to 3", () => {
    const m = example("char_lstm").elaborate("CharLSTM", { vocab: 6 })!;
    const params = randomParams(m, 21, 0.3);
    const p = P(params);
    const tokens = [5, 0, 2];
    const low = lowerModel(m, { mode: "eval", dims: { T: 3 } });
    const out = runReference(specialize(low.graph, { batch: 1 }), { tokens: ints([1, 3], tokens), ...Object.fromEntries(params) }, { f64: true }).logits;
    const e = tokens.flatMap((t) => Array.from(p("embedding_0.weight").slice(t * 64, t * 64 + 64)));
    const h = N.recurrentLayer("LSTM", e, 1, 3, 64, 128, { wih: p("lstm_0.weight_ih_l0"), whh: p("lstm_0.weight_hh_l0"), bih: p("lstm_0.bias_ih_l0"), bhh: p("lstm_0.bias_hh_l0") });
    expect(maxDiff(out, N.linear(h, 3, 128, p("linear_0.weight"), p("linear_0.bias"), 6))).toBeLessThan(1e-10);
  });

  it("MnistCNN eval: conv → relu → pool → ResBlock (BatchNorm on running stats) → conv → pool → Linear", () => {
    const m = example("mnist_cnn").elaborate("MnistCNN")!;
    const params = randomParams(m, 31, 0.3);
    const p = P(params);
    const x = randn([1, 1, 28, 28], rng(32));
    const out = run(m, "eval", { x }, params, { batch: 1 }).outputs.logits;
    const same = { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 } as N.Conv;
    const conv = (v: ArrayLike<number>, shape: number[], path: string, co: number) =>
      N.conv2d(v, shape, p(`${path}.weight`), [co, shape[1], 3, 3], p(`${path}.bias`), same);
    const relu = (v: number[]) => v.map((z) => Math.max(0, z));
    const bn = (v: number[], path: string, C: number, S: number) => N.batchNorm(v, 1, C, S, p(`${path}.running_mean`), p(`${path}.running_var`), 1e-5, p(`${path}.weight`), p(`${path}.bias`));
    let a = relu(conv(x.data, [1, 1, 28, 28], "conv2d_0", 16).y);
    a = N.pool2d("max", a, [1, 16, 28, 28], [2, 2], [2, 2], [0, 0]);
    let h = relu(bn(conv(a, [1, 16, 14, 14], "res_block_0.conv2d_0", 16).y, "res_block_0.batch_norm_0", 16, 196));
    h = bn(conv(h, [1, 16, 14, 14], "res_block_0.conv2d_1", 16).y, "res_block_0.batch_norm_1", 16, 196);
    a = relu(a.map((v, i) => v + h[i]));
    a = N.pool2d("max", relu(conv(a, [1, 16, 14, 14], "conv2d_1", 32).y), [1, 32, 14, 14], [2, 2], [2, 2], [0, 0]);
    expect(maxDiff(out, N.linear(a, 1, 1568, p("linear_0.weight"), p("linear_0.bias"), 10))).toBeLessThan(1e-9);
  });
});

describe("training steps", () => {
  it("mnist_mlp: the step graph's Adam updates lower the loss on a fixed batch", () => {
    const spec = example("mnist_mlp").elaborateTrain("SimpleNet")!;
    const t = buildTrainStep(spec);
    expect(t.optimizer).toMatchObject({ kind: "adam", lr: 1e-3 });
    const g = specialize(t.step, { batch: 8 });
    const r = rng(41);
    const feeds: Record<string, Tensor> = {
      x: makeTensor("f32", [8, 784], Array.from({ length: 8 * 784 }, () => r())),
      "data.label": ints([8], [0, 1, 2, 3, 4, 5, 6, 7]),
    };
    const state: Record<string, Tensor> = Object.fromEntries(initParams(spec.model.parameters, 42));
    for (const i of g.inputs) if (i.role === "state" && !state[i.name]) state[i.name] = makeTensor("f32", i.node.shape as number[]);
    const losses: number[] = [];
    for (let step = 1; step <= 5; step++) {
      const out = runReference(g, { ...feeds, ...state, lr: makeTensor("f32", [], [1e-3]), step: makeTensor("f32", [], [step]) });
      losses.push(out.loss.data[0]);
      for (const o of g.outputs) if (state[o.name]) state[o.name] = out[o.name];
    }
    expect(losses[4]).toBeLessThan(losses[0] - 0.05);
    expect(Number.isFinite(losses[4])).toBe(true);
  });

  it("mnist_cnn: running statistics are step outputs under their input names; the seed input is fed", () => {
    const spec = example("mnist_cnn").elaborateTrain("MnistCNN")!;
    const t = buildTrainStep(spec);
    const outs = new Set(t.step.outputs.map((o) => o.name));
    for (const u of t.forward.stateUpdates) {
      expect(outs.has(u.output)).toBe(true);
      expect(t.step.inputs.find((i) => i.name === u.input)?.role).toBe("state");
    }
    expect(t.forward.stateUpdates.map((u) => u.input)).toEqual([
      "res_block_0.batch_norm_0.running_mean", "res_block_0.batch_norm_0.running_var",
      "res_block_0.batch_norm_1.running_mean", "res_block_0.batch_norm_1.running_var",
    ]);
    expect(t.forward.seedInput).toBe("__seed");
    expect(t.step.inputs.find((i) => i.name === "__seed")?.role).toBe("seed");
  });

  it("frozen parameters are inputs with role frozen and get no update; accumulate adds grad/update graphs", () => {
    const spec = example("mnist_mlp").elaborateTrain("SimpleNet")!;
    const t = buildTrainStep({ ...spec, frozenParams: ["linear_0.weight", "linear_0.bias"], accumulate: 2 });
    expect(t.forward.frozen.map((p) => p.path)).toEqual(["linear_0.weight", "linear_0.bias"]);
    expect(t.forward.params.map((p) => p.path)).toEqual(["linear_1.weight", "linear_1.bias"]);
    expect(t.step.inputs.find((i) => i.name === "linear_0.weight")?.role).toBe("frozen");
    const outs = t.step.outputs.map((o) => o.name);
    expect(outs).toContain("linear_1.weight");
    expect(outs).not.toContain("linear_0.weight");
    expect(t.gradStep!.outputs.map((o) => o.name).filter((n) => n.startsWith("grad."))).toEqual(["grad.linear_1.weight", "grad.linear_1.bias"]);
    expect(t.updateStep!.outputs.map((o) => o.name)).toContain("linear_1.bias");
  });

  it("lowerTrain in eval mode (held-out metrics): no seed, no state outputs, running statistics used", () => {
    const spec = example("mnist_cnn").elaborateTrain("MnistCNN")!;
    const low = lowerTrain(spec, { mode: "eval" });
    expect(low.seedInput).toBeUndefined();
    expect(low.stateUpdates).toEqual([]);
    expect(low.graph.outputs.map((o) => o.name)).toEqual(["loss", ...low.metrics]);
    expect(low.graph.nodes().some((n) => n.op === "batch_norm_eval")).toBe(true);
    expect(low.graph.nodes().some((n) => n.op === "dropout" || n.op === "batch_norm_train")).toBe(false);
  });
});
