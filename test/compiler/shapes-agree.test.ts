// The checker's shapes and the IR's shapes are one computation: for input
// shapes written as random dim expressions (`H+H`, `2*T`, `H*W`), every
// built-in layer and function gives the same shape, spelled the same way,
// when checked and when lowered. Every registry entry must have a case here.

import { describe, expect, it } from "vitest";
import { FUNCTIONS, LAYERS } from "../../src/compiler/layers";
import { lowerModel } from "../../src/compiler/lower";
import { checkSources } from "./check/helpers";
import { rng } from "./lower/harness";

// Inputs (after k, which introduces the symbols B, H, W, T): a: f32[D0, 3, D1, D2], s: f32[D0, D1, 8], t: f32[D0, 3, 8] (fixed
// length for the recurrent layers), ids: i32[D0, D1], c: f32[D0, 3, D1].
const LAYER_CASES: Record<string, string[]> = {
  Linear: ["s -> Linear(5)"],
  Conv1d: ["c -> Conv1d(4, kernel: 3, stride: 2)", "c -> Conv1d(2, kernel: 3, padding: 1)"],
  Conv2d: ["a -> Conv2d(4, kernel: 3, stride: 2, padding: 1)", "a -> Conv2d(2, kernel: 2, dilation: 2)"],
  ConvTranspose2d: ["a -> ConvTranspose2d(2, kernel: 3, stride: 2)", "a -> ConvTranspose2d(2, kernel: 2, stride: 2)"],
  MaxPool2d: ["a -> MaxPool2d(2)"],
  AvgPool2d: ["a -> AvgPool2d(3, stride: 2, padding: 1)"],
  GlobalAvgPool: ["a -> GlobalAvgPool"],
  BatchNorm: ["a -> BatchNorm"],
  BatchNorm1d: ["c -> BatchNorm1d", "t -> Flatten -> BatchNorm1d"],
  BatchNorm2d: ["a -> BatchNorm2d"],
  BatchNorm3d: ["unsqueeze(a, 2) -> BatchNorm3d(3)"],
  LayerNorm: ["s -> LayerNorm"],
  RMSNorm: ["s -> RMSNorm"],
  Dropout: ["s -> Dropout(0.1) -> Tanh"],
  Embedding: ["ids -> Embedding(10, 4)"],
  PositionalEmbedding: ["t -> PositionalEmbedding(3, 8)"],
  RNN: ["t -> RNN(4)"],
  LSTM: ["t -> LSTM(4)"],
  GRU: ["t -> GRU(4)", "t -> GRU(4, bidirectional: true)", "t -> GRU(3, num_layers: 2, bidirectional: true, dropout: 0.1)"],
  MultiHeadAttention: ["s -> MultiHeadAttention(2)"],
  Flatten: ["a -> Flatten", "a -> Flatten(start_dim: 1, end_dim: 2) -> Flatten", "a -> Flatten(start_dim: 2)"],
  Reshape: ["a -> Reshape(3, -1)", "s -> Reshape(-1, 4)"],
  ReLU: ["a -> ReLU"],
  GELU: ["s -> GELU"],
  SiLU: ["s -> SiLU"],
  Tanh: ["s -> Tanh"],
  Sigmoid: ["s -> Sigmoid"],
  Softmax: ["a -> Softmax(dim: 2)"],
  LeakyReLU: ["a -> LeakyReLU(0.2)"],
  ELU: ["s -> ELU"],
  Softplus: ["s -> Softplus(beta: 2)"],
  Mish: ["s -> Mish"],
  Identity: ["a -> Identity"],
  MaxPool1d: ["c -> MaxPool1d(2)"],
  AvgPool1d: ["c -> AvgPool1d(3, stride: 2, padding: 1)"],
  AdaptiveAvgPool2d: ["a -> AdaptiveAvgPool2d([2, 3])", "a -> AdaptiveAvgPool2d(1)"],
  Upsample: ['a -> Upsample(scale_factor: 2)', 'a -> Upsample(scale_factor: 3, mode: "bilinear")', 'a -> Upsample(size: [4, 5], mode: "bilinear")'],
  GroupNorm: ["a -> GroupNorm(3)", "c -> GroupNorm(1, 3)"],
  InstanceNorm1d: ["c -> InstanceNorm1d"],
  InstanceNorm2d: ["a -> InstanceNorm2d(affine: true)"],
};

const FUNCTION_CASES: Record<string, string[]> = {
  relu: ["relu(a)"],
  gelu: ["gelu(s)"],
  silu: ["silu(s)"],
  tanh: ["tanh(s)"],
  sigmoid: ["sigmoid(s)"],
  exp: ["exp(s)"],
  log: ["log(s)"],
  sqrt: ["sqrt(s)"],
  abs: ["abs(s)"],
  softmax: ["softmax(a, dim: 1)"],
  log_softmax: ["log_softmax(s)"],
  where: ["where(s > 0.0, s, 0.0)"],
  sum: ["sum(a, dim: 2)", "sum(a)"],
  mean: ["mean(a, dim: [2, 3], keepdim: true)"],
  max: ["max(a, dim: 1)", "max(s, s)"],
  min: ["min(a, dim: -1)"],
  transpose: ["transpose(a, 1, 2)"],
  concat: ["concat(a, a, dim: 2)", "concat([s, s, s], dim: 1)"],
  split: ["split(s, 4, dim: -1)[1]"],
  reshape: ["reshape(s, -1)", "reshape(a, -1, 3)"],
  cross_entropy: ["cross_entropy(s, ids)"],
  accuracy: ["accuracy(s, ids)"],
  mse: ["mse(s, s)"],
  bce: ["bce(s, s, logits: true)"],
  sin: ["sin(s)"],
  cos: ["cos(a)"],
  sign: ["sign(s)"],
  floor: ["floor(s)"],
  round: ["round(s)"],
  detach: ["detach(a)"],
  softplus: ["softplus(s, beta: 2)"],
  leaky_relu: ["leaky_relu(a, 0.1)"],
  elu: ["elu(s)"],
  mish: ["mish(s)"],
  clamp: ["clamp(s, -1, 1)", "clamp(a, min: 0)"],
  logsumexp: ["logsumexp(a, dim: [1, 3])", "logsumexp(s, dim: 2, keepdim: true)"],
  var: ["var(a, dim: 2)", "var(s)"],
  std: ["std(s, dim: [0, 1], keepdim: true)"],
  argmax: ["argmax(s)", "argmax(a, dim: 2, keepdim: true)"],
  cumsum: ["cumsum(s, dim: -1)", "cumsum(a, dim: 1)"],
  unsqueeze: ["unsqueeze(s, -1)", "unsqueeze(a, 2)"],
  stack: ["stack(s, s, dim: 1)", "stack([a, a, a], dim: -1)"],
  flip: ["flip(s, dims: -1)", "flip(a, dims: [1])"],
  tril: ["tril(a)"],
  triu: ["triu(s, 1)"],
  one_hot: ["one_hot(ids, 5)"],
  arange: ["arange(4)", "arange(2, 7)"],
  randn: ["randn(3, 4)"],
  rand: ["rand(2, 8)"],
  randn_like: ["randn_like(a)"],
  rand_like: ["rand_like(s)"],
  l1: ["l1(s, s)"],
  huber: ["huber(a, a, delta: 0.5)"],
  bce_with_logits: ["bce_with_logits(s, s)"],
  nll: ["nll(log_softmax(s), ids)", 'nll(log_softmax(s), ids, reduction: "none", ignore_index: -100)'],
  kl_div: ["kl_div(log_softmax(s), softmax(s))", 'kl_div(s, s, log_target: true, reduction: "none")'],
  permute: ["permute(a, 0, 2, 3, 1)", "permute(s, [-1, 0, 1])"],
  gather: ["gather(t, 1, i32(t))", "gather(t, 0, i32(t))"],
  index_select: ["index_select(s, 1, ids)", "index_select(a, -1, ids)"],
  einsum: ['einsum("bij,bkj->bik", s, s)', 'einsum("abcd,aec->bde", a, c)', 'einsum("abc->ca", a[:, 0])'],
  f32: ["f32(ids)"],
  i32: ["i32(s)"],
  bool: ["bool(a)"],
};

// Not registry entries, but shape rules of their own: indexing, slicing, '@'.
const OTHER_CASES = ["s[ids]", "a[:, :, ids]", "s[..., 2:, ids]", "s[:, 1:]", "a[:, :, ::2]", "s[:, -2:]", "s[0]", "c[:, 1:-1:2]", "s @ transpose(s, 1, 2)", "s + s[:, :1]"];

/** A random dim expression over B, H, W, T as a user could write it in a type. */
function randomDim(r: () => number): string {
  const sym = () => "BHWT"[Math.floor(r() * 4)];
  const forms = [
    () => sym(),
    () => `${sym()} + ${sym()}`,
    () => `${2 + Math.floor(r() * 3)} * ${sym()}`,
    () => `${sym()} * ${sym()}`,
    () => `${sym()} + ${1 + Math.floor(r() * 4)}`,
    () => `(${sym()} + 1) * ${sym()}`,
  ];
  return forms[Math.floor(r() * forms.length)]();
}

function program(r: () => number, exprs: readonly string[]): string {
  const [d0, d1, d2] = [randomDim(r), randomDim(r), randomDim(r)];
  return [
    "model M {",
    "  input k: f32[B, H, W, T]", // introduces the symbols
    `  input a: f32[${d0}, 3, ${d1}, ${d2}]`,
    `  input s: f32[${d0}, ${d1}, 8]`,
    `  input t: f32[${d0}, 3, 8]`,
    `  input ids: i32[${d0}, ${d1}]`,
    `  input c: f32[${d0}, 3, ${d1}]`,
    ...exprs.map((e, i) => `  output o${i} = ${e}`),
    "}",
    "",
  ].join("\n");
}

describe("checker and IR shapes agree", () => {
  it("has a case for every built-in layer and function", () => {
    expect([...LAYERS.keys()].filter((n) => !LAYER_CASES[n])).toEqual([]);
    expect([...FUNCTIONS.keys()].filter((n) => !FUNCTION_CASES[n])).toEqual([]);
  });

  const exprs = [...Object.values(LAYER_CASES), ...Object.values(FUNCTION_CASES), OTHER_CASES].flat();
  it("for every layer and function, on random symbolic input shapes", () => {
    const r = rng(2026);
    for (let trial = 0; trial < 8; trial++) {
      const src = program(r, exprs);
      const checked = checkSources(src);
      expect(checked.diagnostics.map((d) => d.message), src).toEqual([]);
      const model = checked.elaborate("M")!;
      for (const mode of ["eval", "train"] as const) {
        const low = lowerModel(model, { mode });
        expect(low.diagnostics, src).toEqual([]);
        model.outputs.forEach((o, i) => {
          const ir = low.graph.output(o.name).shape;
          expect(ir, `${mode}: ${exprs[i]} in\n${src}`).toEqual(o.value.type.shape);
        });
      }
    }
  });
});
