// Each built-in layer lowered on a small concrete input and compared with an
// independent plain-TS computation of PyTorch's formula (naive.ts), then
// gradient-checked end to end (finite differences, float64).

import { describe, expect, it } from "vitest";
import type { ENode } from "../../../src/compiler/check/elaborated";
import type { Args } from "../../../src/compiler/layers/index";
import { Builder, inp } from "./enodes";
import { gradCheckModel, ints, maxDiff, randn, randomParams, rng, run } from "./harness";
import * as N from "./naive";

/** One layer on one input: the model, random params and the input tensor. */
function single(layer: string, args: Args, shape: number[], seed = 1, dtype: "f32" | "i32" = "f32", xs?: number[]) {
  const b = new Builder();
  const x = inp("x", dtype, ["batch", ...shape.slice(1)]);
  const y = b.layer(layer, args, x);
  const model = b.model([x], { y });
  const r = rng(seed);
  const xt = dtype === "i32" ? ints(shape, xs!) : randn(shape, r);
  const P = randomParams(model, seed + 100);
  const p = (name: string) => P.get(`${y.instance.path}.${name}`)?.data;
  return { model, x: xt, P, p, batch: shape[0], y };
}

function check(s: ReturnType<typeof single>, want: ArrayLike<number>, mode: "train" | "eval" = "eval", tol = 1e-10) {
  const { outputs } = run(s.model, mode, { x: s.x }, s.P, { batch: s.batch });
  expect(outputs.y.shape).toEqual(s.model.outputs[0].type.shape.map((d) => (d === "batch" ? s.batch : d)));
  expect(maxDiff(outputs.y, want)).toBeLessThan(tol);
}

function grads(s: ReturnType<typeof single>, mode: "train" | "eval" = "eval", h = 1e-6) {
  const res = gradCheckModel(s.model, mode, s.x.dtype === "i32" ? { x: s.x } : { x: s.x }, s.P, { batch: s.batch }, {}, { h });
  expect(res.worst, res.where).toBeLessThanOrEqual(1);
  expect(res.checked).toBeGreaterThan(0);
}

const conv = (stride: number[], padding: number[], dilation: number[], groups: number): N.Conv => ({
  stride: stride as [number, number],
  padding: padding as [number, number],
  dilation: dilation as [number, number],
  groups,
});

describe("convolution and pooling", () => {
  it("Conv2d with stride, padding, dilation, groups", () => {
    const s = single("Conv2d", { out_channels: 4, kernel_size: [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2 }, [2, 4, 5, 6]);
    const want = N.conv2d(s.x.data, [2, 4, 5, 6], s.p("weight")!, [4, 2, 3, 2], s.p("bias"), conv([2, 1], [1, 0], [1, 2], 2));
    check(s, want.y);
    grads(s);
  });

  it("Conv2d without bias, default stride", () => {
    const s = single("Conv2d", { out_channels: 3, kernel_size: 3, padding: 1, bias: false }, [1, 2, 4, 4]);
    expect(s.p("bias")).toBeUndefined();
    check(s, N.conv2d(s.x.data, [1, 2, 4, 4], s.p("weight")!, [3, 2, 3, 3], undefined, conv([1, 1], [1, 1], [1, 1], 1)).y);
  });

  it("Conv1d is a 1-d convolution over [B, C, L]", () => {
    const s = single("Conv1d", { out_channels: 3, kernel_size: 3, stride: 2, padding: 1 }, [2, 2, 7]);
    const want = N.conv2d(s.x.data, [2, 2, 1, 7], s.p("weight")!, [3, 2, 1, 3], s.p("bias"), conv([1, 2], [0, 1], [1, 1], 1));
    check(s, want.y);
    grads(s);
  });

  it("ConvTranspose2d scatters with stride, padding, output_padding, groups", () => {
    const s = single("ConvTranspose2d", { out_channels: 4, kernel_size: 3, stride: 2, padding: 1, output_padding: 1, groups: 2 }, [1, 2, 3, 3]);
    const want = N.convTranspose2d(s.x.data, [1, 2, 3, 3], s.p("weight")!, [2, 2, 3, 3], s.p("bias"), conv([2, 2], [1, 1], [1, 1], 2), [1, 1]);
    expect(want.shape).toEqual([1, 4, 6, 6]);
    check(s, want.y);
    grads(s);
  });

  it("ConvTranspose2d with dilation and asymmetric kernel", () => {
    const s = single("ConvTranspose2d", { out_channels: 3, kernel_size: [2, 3], stride: [1, 2], dilation: [2, 1], padding: [0, 1] }, [2, 2, 3, 4]);
    const want = N.convTranspose2d(s.x.data, [2, 2, 3, 4], s.p("weight")!, [2, 3, 2, 3], s.p("bias"), conv([1, 2], [0, 1], [2, 1], 1), [0, 0]);
    check(s, want.y);
    grads(s);
  });

  it("MaxPool2d and AvgPool2d (padding counted as zeros in the mean)", () => {
    const m = single("MaxPool2d", { kernel_size: 2 }, [2, 2, 4, 5]);
    check(m, N.pool2d("max", m.x.data, [2, 2, 4, 5], [2, 2], [2, 2], [0, 0]));
    grads(m);
    const a = single("AvgPool2d", { kernel_size: 3, stride: 2, padding: 1 }, [1, 2, 5, 5]);
    check(a, N.pool2d("avg", a.x.data, [1, 2, 5, 5], [3, 3], [2, 2], [1, 1]));
    grads(a);
  });

  it("GlobalAvgPool averages every spatial position", () => {
    const s = single("GlobalAvgPool", {}, [2, 3, 2, 2]);
    const want = Array.from({ length: 6 }, (_, k) => [0, 1, 2, 3].reduce((acc, i) => acc + s.x.data[k * 4 + i], 0) / 4);
    check(s, want);
    grads(s);
  });
});

describe("normalisation", () => {
  it("BatchNorm eval uses the running statistics", () => {
    const s = single("BatchNorm", {}, [3, 2, 2, 2]);
    const want = N.batchNorm(s.x.data, 3, 2, 4, s.p("running_mean")!, s.p("running_var")!, 1e-5, s.p("weight")!, s.p("bias")!);
    check(s, want);
    grads(s);
  });

  it("BatchNorm train uses batch statistics and moves the running ones (unbiased var, momentum 0.1)", () => {
    const s = single("BatchNorm", {}, [3, 2, 2, 2]);
    const st = N.channelStats(s.x.data, 3, 2, 4);
    check(s, N.batchNorm(s.x.data, 3, 2, 4, st.mean, st.biased, 1e-5, s.p("weight")!, s.p("bias")!), "train");
    const { outputs, graph } = run(s.model, "train", { x: s.x }, s.P, { batch: 3 });
    const rm = s.p("running_mean")!;
    const rv = s.p("running_var")!;
    expect(graph.inputs.find((i) => i.name === "batch_norm_0.running_mean")!.role).toBe("state");
    expect(maxDiff(outputs["batch_norm_0.running_mean"], [0, 1].map((c) => 0.9 * rm[c] + 0.1 * st.mean[c]))).toBeLessThan(1e-12);
    expect(maxDiff(outputs["batch_norm_0.running_var"], [0, 1].map((c) => 0.9 * rv[c] + 0.1 * st.unbiased[c]))).toBeLessThan(1e-12);
    grads(s, "train");
  });

  it("BatchNorm over [B, C] (BatchNorm1d) and without affine", () => {
    const s = single("BatchNorm", { affine: false, momentum: 0.3 }, [4, 3]);
    const st = N.channelStats(s.x.data, 4, 3, 1);
    check(s, N.batchNorm(s.x.data, 4, 3, 1, st.mean, st.biased, 1e-5, [1, 1, 1], [0, 0, 0]), "train");
    const { outputs } = run(s.model, "train", { x: s.x }, s.P, { batch: 4 });
    const rm = s.p("running_mean")!;
    expect(maxDiff(outputs["batch_norm_0.running_mean"], [0, 1, 2].map((c) => 0.7 * rm[c] + 0.3 * st.mean[c]))).toBeLessThan(1e-12);
  });

  it("a BatchNorm applied twice updates its running statistics twice, in order", () => {
    const b = new Builder();
    const x = inp("x", "f32", ["batch", 2]);
    const bn = b.layer("BatchNorm", {}, x);
    const y = b.reapply(bn, b.call("relu", [bn]));
    const model = b.model([x], { y });
    const xt = randn([4, 2], rng(2));
    const P = randomParams(model, 3);
    const { outputs } = run(model, "train", { x: xt }, P, { batch: 4 });
    const g = P.get("batch_norm_0.weight")!.data;
    const be = P.get("batch_norm_0.bias")!.data;
    const s1 = N.channelStats(xt.data, 4, 2, 1);
    const h = N.batchNorm(xt.data, 4, 2, 1, s1.mean, s1.biased, 1e-5, g, be).map((v) => Math.max(0, v));
    const s2 = N.channelStats(h, 4, 2, 1);
    const rm = P.get("batch_norm_0.running_mean")!.data;
    const want = [0, 1].map((c) => 0.9 * (0.9 * rm[c] + 0.1 * s1.mean[c]) + 0.1 * s2.mean[c]);
    expect(maxDiff(outputs["batch_norm_0.running_mean"], want)).toBeLessThan(1e-12);
  });

  it("LayerNorm and RMSNorm normalise the last dimension", () => {
    const l = single("LayerNorm", {}, [2, 3, 5]);
    check(l, N.layerNorm(l.x.data, 5, 1e-5, l.p("weight"), l.p("bias")));
    grads(l);
    const r = single("RMSNorm", {}, [2, 3, 5]);
    check(r, N.rmsNorm(r.x.data, 5, 1e-6, r.p("weight")));
    grads(r);
    const n = single("LayerNorm", { elementwise_affine: false, eps: 0.1 }, [2, 4]);
    check(n, N.layerNorm(n.x.data, 4, 0.1));
  });
});

describe("embeddings, dropout, shapes, activations", () => {
  it("Embedding looks up rows", () => {
    const idx = [3, 0, 2, 2, 1, 3];
    const s = single("Embedding", { num_embeddings: 4, embedding_dim: 3 }, [2, 3], 1, "i32", idx);
    const w = s.p("weight")!;
    check(s, idx.flatMap((i) => [0, 1, 2].map((j) => w[i * 3 + j])));
    grads(s);
  });

  it("PositionalEmbedding adds its table, or is the table as a value", () => {
    const s = single("PositionalEmbedding", { num_positions: 3, embedding_dim: 2 }, [2, 3, 2]);
    const w = s.p("weight")!;
    check(s, Array.from(s.x.data, (v, i) => v + w[i % 6]));
    grads(s);
    const b = new Builder();
    const x = inp("x", "f32", ["batch", 3, 2]);
    const pe = b.layer("PositionalEmbedding", { num_positions: 3, embedding_dim: 2 }, undefined);
    const model = b.model([x], { y: { kind: "binary", op: "+", left: x, right: pe, type: x.type, file: "t", span: { start: 0, end: 0 } } as ENode });
    const P = randomParams(model, 5);
    const xt = randn([2, 3, 2], rng(1));
    const out = run(model, "eval", { x: xt }, P, { batch: 2 }).outputs.y;
    expect(maxDiff(out, Array.from(xt.data, (v, i) => v + P.get("positional_embedding_0.weight")!.data[i % 6]))).toBeLessThan(1e-12);
  });

  it("Dropout: identity in eval; in train a seeded mask scaled by 1/(1-p)", () => {
    const s = single("Dropout", { p: 0.25 }, [4, 50]);
    check(s, s.x.data);
    const seed = ints([], [1234]);
    const a = run(s.model, "train", { x: s.x }, s.P, { batch: 4 }, { __seed: seed }).outputs.y;
    const b = run(s.model, "train", { x: s.x }, s.P, { batch: 4 }, { __seed: seed }).outputs.y;
    const c = run(s.model, "train", { x: s.x }, s.P, { batch: 4 }, { __seed: ints([], [99]) }).outputs.y;
    let zeros = 0;
    for (let i = 0; i < 200; i++) {
      if (a.data[i] === 0) zeros++;
      else expect(a.data[i]).toBeCloseTo(s.x.data[i] / 0.75, 12);
    }
    expect(zeros).toBeGreaterThan(25);
    expect(zeros).toBeLessThan(80);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it("Flatten and Reshape keep the element order", () => {
    const f = single("Flatten", {}, [2, 3, 2, 2]);
    check(f, f.x.data);
    const r = single("Reshape", { shape: [3, -1] }, [2, 12]);
    check(r, r.x.data);
    expect(r.model.outputs[0].type.shape).toEqual(["batch", 3, 4]);
  });

  it("activation layers", () => {
    const cases: [string, (v: number) => number][] = [
      ["ReLU", (v) => Math.max(0, v)],
      ["GELU", N.gelu],
      ["SiLU", (v) => v * N.sigmoid(v)],
      ["Tanh", Math.tanh],
      ["Sigmoid", N.sigmoid],
    ];
    for (const [name, f] of cases) {
      const s = single(name, {}, [2, 5]);
      check(s, Array.from(s.x.data, f));
      grads(s);
    }
    const sm = single("Softmax", { dim: 1 }, [2, 3, 4]);
    const x = sm.x.data;
    // softmax over dim 1 (size 3) of [2, 3, 4]
    const want = new Array(24);
    for (let b = 0; b < 2; b++)
      for (let k = 0; k < 4; k++) {
        const col = [0, 1, 2].map((j) => x[b * 12 + j * 4 + k]);
        N.softmaxRows(col, 3).forEach((v, j) => (want[b * 12 + j * 4 + k] = v));
      }
    check(sm, want);
    grads(sm);
  });
});

describe("recurrent layers", () => {
  const B = 2;
  const T = 3;
  const I = 3;
  const H = 2;
  for (const cell of ["RNN", "LSTM", "GRU"] as const) {
    it(`${cell} over T=${T} matches the PyTorch cell step by step`, () => {
      const s = single(cell, { hidden_size: H }, [B, T, I], 4);
      const x = s.x;
      const w = { wih: s.p("weight_ih_l0")!, whh: s.p("weight_hh_l0")!, bih: s.p("bias_ih_l0")!, bhh: s.p("bias_hh_l0")! };
      check(s, N.recurrentLayer(cell, x.data, B, T, I, H, w));
      grads(s);
    });
  }

  it("LSTM with two layers feeds layer 0's sequence into layer 1", () => {
    const s = single("LSTM", { hidden_size: H, num_layers: 2 }, [B, T, I], 5);
    const w = (l: number) => ({ wih: s.p(`weight_ih_l${l}`)!, whh: s.p(`weight_hh_l${l}`)!, bih: s.p(`bias_ih_l${l}`)!, bhh: s.p(`bias_hh_l${l}`)! });
    const h0 = N.recurrentLayer("LSTM", s.x.data, B, T, I, H, w(0));
    check(s, N.recurrentLayer("LSTM", h0, B, T, H, H, w(1)));
    grads(s);
  });

  it("RNN with relu and no bias", () => {
    const s = single("RNN", { hidden_size: H, nonlinearity: "relu", bias: false }, [B, T, I], 6);
    const z = new Array(H).fill(0);
    check(s, N.recurrentLayer("RNN", s.x.data, B, T, I, H, { wih: s.p("weight_ih_l0")!, whh: s.p("weight_hh_l0")!, bih: z, bhh: z }, "relu"));
  });

  /** [B, T, d] with the time axis reversed. */
  const flipT = (x: ArrayLike<number>, d: number) =>
    Array.from({ length: B * T * d }, (_, i) => {
      const [b, t, k] = [Math.floor(i / (T * d)), Math.floor(i / d) % T, i % d];
      return x[(b * T + (T - 1 - t)) * d + k];
    });
  /** Two [B, T, H] sequences side by side on the feature axis: [B, T, 2H]. */
  const sideBySide = (f: number[], r: number[]) =>
    Array.from({ length: B * T * 2 * H }, (_, i) => {
      const [bt, k] = [Math.floor(i / (2 * H)), i % (2 * H)];
      return k < H ? f[bt * H + k] : r[bt * H + k - H];
    });

  it("bidirectional: [forward | backward], the backward direction run over the reversed sequence (PyTorch's _reverse weights)", () => {
    const s = single("GRU", { hidden_size: H, bidirectional: true, num_layers: 2 }, [B, T, I], 7);
    const w = (n: string) => ({ wih: s.p(`weight_ih_${n}`)!, whh: s.p(`weight_hh_${n}`)!, bih: s.p(`bias_ih_${n}`)!, bhh: s.p(`bias_hh_${n}`)! });
    const layer = (x: ArrayLike<number>, i: number, l: number) =>
      sideBySide(N.recurrentLayer("GRU", x, B, T, i, H, w(`l${l}`)), flipT(N.recurrentLayer("GRU", flipT(x, i), B, T, i, H, w(`l${l}_reverse`)), H));
    expect(s.p("weight_ih_l1_reverse")!.length).toBe(3 * H * 2 * H); // layer 1 reads both directions
    check(s, layer(layer(s.x.data, I, 0), 2 * H, 1));
    grads(s);
  });

  it("dropout acts between stacked layers, in training only, and not after the last", async () => {
    const { lowerModel } = await import("../../../src/compiler/lower/index");
    const dropouts = (args: Args, mode: "train" | "eval") => {
      const b = new Builder();
      const x = inp("x", "f32", ["batch", 4, 3]);
      const low = lowerModel(b.model([x], { y: b.layer("LSTM", { hidden_size: 2, ...args }, x) }), { mode });
      expect(low.diagnostics).toEqual([]);
      return low.graph.nodes().filter((n) => n.op === "dropout").length;
    };
    expect(dropouts({ num_layers: 3, dropout: 0.5 }, "train")).toBe(2);
    expect(dropouts({ num_layers: 3, dropout: 0.5, bidirectional: true }, "train")).toBe(2);
    expect(dropouts({ num_layers: 3, dropout: 0.5 }, "eval")).toBe(0);
    expect(dropouts({ num_layers: 1, dropout: 0.5 }, "train")).toBe(0);
    expect(dropouts({ num_layers: 2 }, "train")).toBe(0);
  });

  it("a symbolic sequence length stays symbolic: the layer is a loop (scan), not unrolled", async () => {
    const b = new Builder();
    const x = inp("x", "f32", ["batch", "T", 3]);
    const model = b.model([x], { y: b.layer("LSTM", { hidden_size: 2 }, x) });
    const { lowerModel } = await import("../../../src/compiler/lower/index");
    const low = lowerModel(model, { mode: "eval" });
    expect(low.diagnostics).toEqual([]);
    expect(low.graph.output("y").shape).toEqual(["batch", "T", 2]);
    expect(low.graph.nodes().filter((n) => n.op === "scan")).toHaveLength(1);
    const bound = lowerModel(model, { mode: "eval", dims: { T: 2 } });
    expect(bound.diagnostics).toEqual([]);
    expect(bound.graph.output("y").shape).toEqual(["batch", 2, 2]);
  });
});

describe("MultiHeadAttention", () => {
  for (const causal of [false, true]) {
    it(`packed in_proj, ${causal ? "causal" : "full"} scaled dot-product, out_proj`, () => {
      const s = single("MultiHeadAttention", { num_heads: 2, causal }, [2, 3, 4], 8);
      const want = N.mha(s.x.data, 2, 3, 4, 2, s.p("in_proj_weight")!, s.p("in_proj_bias")!, s.p("out_proj.weight")!, s.p("out_proj.bias")!, causal);
      check(s, want);
      grads(s);
    });
  }

  it("attention dropout is active only in training", () => {
    const s = single("MultiHeadAttention", { num_heads: 1, causal: true, dropout: 0.5 }, [1, 4, 2], 9);
    const want = N.mha(s.x.data, 1, 4, 2, 1, s.p("in_proj_weight")!, s.p("in_proj_bias")!, s.p("out_proj.weight")!, s.p("out_proj.bias")!, true);
    check(s, want);
    const t = run(s.model, "train", { x: s.x }, s.P, { batch: 1 }, { __seed: ints([], [7]) });
    expect(t.graph.inputs.some((i) => i.name === "__seed" && i.role === "seed")).toBe(true);
    expect(maxDiff(t.outputs.y, want)).toBeGreaterThan(1e-6);
  });
});
