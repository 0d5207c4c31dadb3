// The practitioner vocabulary (softplus … nll, LeakyReLU … Identity) against
// PyTorch, the independent oracle: each case is a one-output model written in
// .dlnet and the same expression in torch (float64). The reference
// interpreter's values and input gradients (of Σ y·r for a fixed random r)
// must match torch's autograd; the same graph then runs on WebGPU and in
// ONNX Runtime (exported) and must match the reference in f32.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grad } from "../../../src/compiler/autodiff/grad";
import { exportOnnx } from "../../../src/compiler/codegen/onnx/export";
import * as B from "../../../src/compiler/ir/builder";
import { Graph, rewrite, type GraphInput, type GraphOutput } from "../../../src/compiler/ir/graph";
import { lowerModel } from "../../../src/compiler/lower/index";
import { mulberry32 } from "../../../src/runtime/data/prng";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray, type Tensor } from "../../../src/compiler/tensor";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { WebGpuBackend } from "../../../src/runtime/webgpu/backend";
import { memoryHost } from "../check/helpers";
import { checkFile } from "../../../src/compiler/check/index";
import { runOrt } from "../codegen/onnx/ort";
import { describeTorch, expectOk, forked, PY_LOAD } from "../codegen/pytorch/python";
import { encodeSafetensors, readTensors } from "../../../src/runtime/checkpoint/safetensors";
import { dlnetInProcess } from "../../cli/run-cli";

interface In {
  shape: number[];
  /** i32 values in [0, ints) */
  ints?: number;
  /** fixed i32 values (labels with an ignore_index) */
  values?: number[];
  range?: [number, number];
}
interface Case {
  name: string;
  inputs: Record<string, In>;
  /** Layer declarations before the model. */
  layers?: string;
  /** Statements of the model body before `output out = dl` (named layers whose parameters the case reads). */
  body?: string[];
  dl: string;
  /** torch's expression; the model's parameters are `P["tok.weight"]` (the same random values as dlnet's). */
  torch: string;
}

const X = { shape: [2, 3, 4], range: [-4, 4] as [number, number] };
const Y = { shape: [2, 3, 4], range: [-2, 2] as [number, number] };
const P = { shape: [2, 3, 4], range: [0, 1] as [number, number] };
const L = { shape: [2, 3], ints: 4 };
const IMG = { shape: [2, 4, 5, 6], range: [-2, 2] as [number, number] };
const SEQ = { shape: [2, 3, 7], range: [-2, 2] as [number, number] };
/** Initial states [layers·directions, B, hidden] of the recurrent cases. */
const H4 = { shape: [4, 2, 5], range: [-1, 1] as [number, number] };
const H2 = { shape: [2, 2, 4], range: [-1, 1] as [number, number] };
/** Labels with two ignored positions (-100). */
const LI = { shape: [2, 3], ints: 4, values: [0, -100, 3, 1, 2, -100] };
const W4 = "[1.0, 2.0, 0.5, 1.5]";
const TW4 = "torch.tensor([1.0, 2.0, 0.5, 1.5])";
const ROWS = "x.reshape(-1, 4)";
const LROWS = "l.reshape(-1).long()";

/** torch's own multi-head attention (sequence-first) with the model's parameters `attn.*`, d 4, 2 heads. */
const mha = (q: string, k: string, v: string, extra = "") =>
  `F.multi_head_attention_forward(${q}.transpose(0, 1), ${k}.transpose(0, 1), ${v}.transpose(0, 1), 4, 2, P["attn.in_proj_weight"], P["attn.in_proj_bias"], None, None, False, 0.0, P["attn.out_proj.weight"], P["attn.out_proj.bias"], training=False, need_weights=False${extra})[0].transpose(0, 1)`;
const KV = { shape: [2, 5, 4], range: [-2, 2] as [number, number] };
/** Keys and values of other feature sizes (kdim 6, vdim 3): torch's separate q/k/v_proj_weight. */
const K6 = { shape: [2, 5, 6], range: [-2, 2] as [number, number] };
const V3 = { shape: [2, 5, 3], range: [-2, 2] as [number, number] };
const mhaSeparate = (q: string, k: string, v: string, extra = "") =>
  `F.multi_head_attention_forward(${q}.transpose(0, 1), ${k}.transpose(0, 1), ${v}.transpose(0, 1), 4, 2, None, P["attn.in_proj_bias"], None, None, False, 0.0, P["attn.out_proj.weight"], P["attn.out_proj.bias"], training=False, need_weights=False, use_separate_proj_weight=True, q_proj_weight=P["attn.q_proj_weight"], k_proj_weight=P["attn.k_proj_weight"], v_proj_weight=P["attn.v_proj_weight"]${extra})[0].transpose(0, 1)`;

const CASES: Case[] = [
  { name: "softplus", inputs: { x: X }, dl: "softplus(x)", torch: "F.softplus(x)" },
  { name: "softplus beta threshold", inputs: { x: X }, dl: "softplus(x, beta: 2, threshold: 5)", torch: "F.softplus(x, beta=2, threshold=5)" },
  { name: "leaky_relu", inputs: { x: X }, dl: "leaky_relu(x, 0.1)", torch: "F.leaky_relu(x, 0.1)" },
  { name: "elu", inputs: { x: X }, dl: "elu(x, alpha: 1.3)", torch: "F.elu(x, alpha=1.3)" },
  { name: "mish", inputs: { x: X }, dl: "mish(x)", torch: "F.mish(x)" },
  { name: "clamp both", inputs: { x: X }, dl: "clamp(x, -0.5, 0.7)", torch: "torch.clamp(x, -0.5, 0.7)" },
  { name: "clamp min", inputs: { x: X }, dl: "clamp(x, min: 0.25)", torch: "torch.clamp(x, min=0.25)" },
  { name: "sign", inputs: { x: X }, dl: "sign(x) * x", torch: "torch.sign(x) * x" },
  { name: "detach", inputs: { x: X }, dl: "detach(x) * x", torch: "x.detach() * x" },
  { name: "floor", inputs: { x: X }, dl: "floor(x) * x", torch: "torch.floor(x) * x" },
  { name: "round halves to even", inputs: { x: X }, dl: "round(floor(x * 4) / 2) + round(x)", torch: "torch.round(torch.floor(x * 4) / 2) + torch.round(x)" },
  { name: "arange", inputs: { x: X }, dl: "one_hot(arange(3), 4) * x + one_hot(arange(1, 4), 4)", torch: "F.one_hot(torch.arange(3), 4).double() * x + F.one_hot(torch.arange(1, 4), 4).double()" },
  { name: "sin cos", inputs: { x: X }, dl: "sin(x) + cos(2 * x)", torch: "torch.sin(x) + torch.cos(2 * x)" },
  { name: "logsumexp", inputs: { x: X }, dl: "logsumexp(x, dim: 1)", torch: "torch.logsumexp(x, 1)" },
  { name: "logsumexp keepdim", inputs: { x: X }, dl: "logsumexp(x, dim: [0, 2], keepdim: true)", torch: "torch.logsumexp(x, (0, 2), keepdim=True)" },
  { name: "var", inputs: { x: X }, dl: "var(x, dim: 1)", torch: "torch.var(x, 1)" },
  { name: "var biased", inputs: { x: X }, dl: "var(x, dim: [0, 2], correction: 0)", torch: "torch.var(x, (0, 2), unbiased=False)" },
  { name: "std", inputs: { x: X }, dl: "std(x)", torch: "torch.std(x)" },
  { name: "cumsum", inputs: { x: X }, dl: "cumsum(x, dim: 1)", torch: "torch.cumsum(x, 1)" },
  { name: "cumsum last", inputs: { x: X }, dl: "cumsum(x, dim: -1)", torch: "torch.cumsum(x, -1)" },
  { name: "flip", inputs: { x: X }, dl: "flip(x, dims: [0, 2])", torch: "torch.flip(x, [0, 2])" },
  { name: "flip one", inputs: { x: X, y: Y }, dl: "flip(x, dims: 1) * y", torch: "torch.flip(x, [1]) * y" },
  { name: "tril", inputs: { x: X }, dl: "tril(x)", torch: "torch.tril(x)" },
  { name: "tril -1", inputs: { x: X }, dl: "tril(x, -1)", torch: "torch.tril(x, -1)" },
  { name: "triu 1", inputs: { x: X }, dl: "triu(x, diagonal: 1)", torch: "torch.triu(x, 1)" },
  { name: "stack", inputs: { x: X, y: Y }, dl: "stack(x, y, dim: 1)", torch: "torch.stack([x, y], 1)" },
  { name: "stack last", inputs: { x: X, y: Y }, dl: "stack([x, y], dim: -1)", torch: "torch.stack([x, y], -1)" },
  { name: "unsqueeze", inputs: { x: X }, dl: "unsqueeze(x, -1) * unsqueeze(x, 2) -> unsqueeze(dim: 1)", torch: "(x.unsqueeze(-1) * x.unsqueeze(2)).unsqueeze(1)" },
  { name: "argmax", inputs: { x: X }, dl: "argmax(x, dim: 1)", torch: "torch.argmax(x, 1)" },
  { name: "argmax keepdim", inputs: { x: X }, dl: "argmax(x, dim: -1, keepdim: true)", torch: "torch.argmax(x, -1, keepdim=True)" },
  { name: "one_hot", inputs: { l: L, x: X }, dl: "one_hot(l, 4) * x", torch: "F.one_hot(l.long(), 4).double() * x" },
  { name: "l1", inputs: { x: X, y: Y }, dl: "l1(x, y)", torch: "F.l1_loss(x, y)" },
  { name: "huber", inputs: { x: X, y: Y }, dl: "huber(x, y, delta: 0.5)", torch: "F.huber_loss(x, y, delta=0.5)" },
  { name: "huber default", inputs: { x: X, y: Y }, dl: "huber(x, y)", torch: "F.huber_loss(x, y)" },
  { name: "nll", inputs: { x: X, l: L }, dl: "nll(log_softmax(x), l)", torch: "F.nll_loss(F.log_softmax(x, -1).reshape(-1, 4), l.reshape(-1).long())" },
  { name: "bce_with_logits", inputs: { x: X, p: P }, dl: "bce_with_logits(x, p)", torch: "F.binary_cross_entropy_with_logits(x, p)" },
  { name: "LeakyReLU", inputs: { x: X }, dl: "x -> LeakyReLU(0.2)", torch: "F.leaky_relu(x, 0.2)" },
  { name: "ELU", inputs: { x: X }, dl: "x -> ELU", torch: "F.elu(x)" },
  { name: "Softplus", inputs: { x: X }, dl: "x -> Softplus(beta: 2)", torch: "F.softplus(x, beta=2)" },
  { name: "Mish Identity", inputs: { x: X }, dl: "x -> Mish -> Identity", torch: "F.mish(x)" },
  { name: "permute", inputs: { x: X }, dl: "permute(x, 2, 0, 1)", torch: "x.permute(2, 0, 1)" },
  { name: "permute list negative", inputs: { x: X, y: Y }, dl: "permute(x, [0, -1, 1]) * (y -> permute(0, 2, 1))", torch: "x.permute(0, 2, 1) * y.permute(0, 2, 1)" },
  { name: "gather dim 2", inputs: { x: X, i: { shape: [2, 3, 5], ints: 4 } }, dl: "gather(x, 2, i)", torch: "torch.gather(x, 2, i.long())" },
  { name: "gather dim 0 smaller", inputs: { x: X, i: { shape: [2, 2, 4], ints: 2 } }, dl: "x -> gather(0, i)", torch: "torch.gather(x, 0, i.long())" },
  { name: "gather dim 1 repeats", inputs: { x: X, i: { shape: [2, 6, 3], ints: 3 } }, dl: "gather(x, dim: 1, i)", torch: "torch.gather(x, 1, i.long())" },
  { name: "index_select", inputs: { x: X, i: { shape: [5], ints: 3 } }, dl: "index_select(x, 1, i)", torch: "torch.index_select(x, 1, i.long())" },
  { name: "index by tensor", inputs: { x: X, i: { shape: [2, 3], ints: 4 } }, dl: "x[:, :, i] + x[..., 1:3, i][0, 0, 0, 0]", torch: "x[:, :, i.long()] + x[..., 1:3, i.long()][0, 0, 0, 0]" },
  { name: "index rows by tensor", inputs: { x: X, i: { shape: [4], ints: 2 } }, dl: "x[i]", torch: "x[i.long()]" },
  { name: "einsum bmm", inputs: { x: X, y: Y }, dl: 'einsum("bij,bkj->bik", x, y)', torch: 'torch.einsum("bij,bkj->bik", x, y)' },
  { name: "einsum sum out", inputs: { x: X, y: Y }, dl: 'einsum("bij,bij->j", x, y)', torch: 'torch.einsum("bij,bij->j", x, y)' },
  { name: "einsum three", inputs: { x: X, y: Y, p: P }, dl: 'einsum("abc,abd,aec->de", x, y, p)', torch: 'torch.einsum("abc,abd,aec->de", x, y, p)' },
  { name: "einsum implicit outer", inputs: { x: { shape: [3], range: [-1, 1] }, y: { shape: [4], range: [-1, 1] } }, dl: 'einsum("i,j", x, y) + einsum("ij->ji", einsum("j,i", x, y))', torch: 'torch.einsum("i,j", x, y) + torch.einsum("ij->ji", torch.einsum("j,i", x, y))' },
  { name: "einsum one operand", inputs: { x: X }, dl: 'einsum("abc->ca", x)', torch: 'torch.einsum("abc->ca", x)' },
  { name: "casts", inputs: { x: X, l: L }, dl: "unsqueeze(f32(l), -1) + (x -> i32 -> f32) * x + f32(bool(floor(x))) * x + f32(x > 0)", torch: "l.double().unsqueeze(-1) + x.int().double() * x + torch.floor(x).bool().double() * x + (x > 0).double()" },
  // Attention: self, cross (query from one input, keys/values from another), masks.
  { name: "MultiHeadAttention self", inputs: { x: X }, body: ["attn = MultiHeadAttention(heads: 2)"], dl: "x -> attn", torch: mha("x", "x", "x") },
  { name: "MultiHeadAttention cross", inputs: { x: X, m: KV }, body: ["attn = MultiHeadAttention(heads: 2)"], dl: "attn(x, m)", torch: mha("x", "m", "m") },
  { name: "MultiHeadAttention key value", inputs: { x: X, m: KV, n: KV }, body: ["attn = MultiHeadAttention(heads: 2)"], dl: "x -> attn(m, n)", torch: mha("x", "m", "n") },
  { name: "MultiHeadAttention kdim vdim", inputs: { x: X, m: K6, n: V3 }, body: ["attn = MultiHeadAttention(heads: 2, kdim: 6, vdim: 3)"], dl: "attn(x, m, n)", torch: mhaSeparate("x", "m", "n") },
  { name: "MultiHeadAttention kdim inferred, key as value, padding mask", inputs: { x: X, m: K6, len: { shape: [2], ints: 5, values: [3, 5] } }, body: ["attn = MultiHeadAttention(heads: 2)"], dl: "attn(x, m, key_padding_mask: arange(5) >= unsqueeze(len, 1))", torch: mhaSeparate("x", "m", "m", ", key_padding_mask=torch.arange(5) >= len.unsqueeze(1)") },
  {
    name: "MultiHeadAttention bool masks",
    inputs: { x: X, m: KV, len: { shape: [2], ints: 5 } },
    body: ["attn = MultiHeadAttention(heads: 2)"],
    dl: "attn(x, m, attn_mask: arange(5) > unsqueeze(arange(3), 1), key_padding_mask: arange(5) > unsqueeze(len, 1))",
    torch: mha("x", "m", "m", ", attn_mask=torch.arange(5) > torch.arange(3).unsqueeze(1), key_padding_mask=torch.arange(5) > len.unsqueeze(1)"),
  },
  {
    name: "MultiHeadAttention causal float mask [B, T, S]",
    inputs: { x: X, f: { shape: [2, 3, 3], range: [-1, 1] } },
    body: ["attn = MultiHeadAttention(heads: 2, causal: true)"],
    dl: "attn(x, attn_mask: f)",
    torch: mha("x", "x", "x", ', attn_mask=f.repeat_interleave(2, 0).masked_fill(torch.ones(3, 3, dtype=torch.bool).triu(1), float("-inf"))'),
  },
  {
    name: "MultiHeadAttention cross float mask [T, S]",
    inputs: { x: X, m: KV, f: { shape: [3, 5], range: [-1, 1] } },
    body: ["attn = MultiHeadAttention(heads: 2)"],
    dl: "attn(x, m, attn_mask: f)",
    torch: mha("x", "m", "m", ", attn_mask=f"),
  },
  // Parameters as values: the same tensor inside its layer and as a value (gradients from both uses add up).
  {
    name: "tied embedding",
    inputs: { l: L },
    body: ["tok = Embedding(4, 5)", "h = l -> tok"],
    dl: "h @ tok.weight.T",
    torch: 'F.embedding(l.long(), P["tok.weight"]) @ P["tok.weight"].T',
  },
  {
    name: "Linear weight and bias",
    inputs: { x: X },
    body: ["fc = Linear(4, 3)", "h = x -> fc"],
    dl: "h * (x @ fc.weight.T + fc.bias)",
    torch: 'F.linear(x, P["fc.weight"], P["fc.bias"]) * (x @ P["fc.weight"].T + P["fc.bias"])',
  },
  {
    name: "nested user layer parameters",
    inputs: { x: X },
    layers: "layer Inner {\n  input x: f32[B, T, 4]\n  param g: f32[4] = ones\n  q = Linear(4)\n  output y = (x -> q) * g\n}\n",
    body: ["blk = Inner", "h = x -> blk"],
    dl: "h + x @ blk.q.weight + blk.g",
    torch: 'F.linear(x, P["blk.q.weight"], P["blk.q.bias"]) * P["blk.g"] + x @ P["blk.q.weight"] + P["blk.g"]',
  },
  { name: "MaxPool1d", inputs: { s: SEQ }, dl: "s -> MaxPool1d(3, stride: 2, padding: 1)", torch: "F.max_pool1d(s, 3, stride=2, padding=1)" },
  { name: "AvgPool1d", inputs: { s: SEQ }, dl: "s -> AvgPool1d(2)", torch: "F.avg_pool1d(s, 2)" },
  { name: "AvgPool1d padded", inputs: { s: SEQ }, dl: "s -> AvgPool1d(3, stride: 2, padding: 1)", torch: "F.avg_pool1d(s, 3, stride=2, padding=1)" },
  { name: "AdaptiveAvgPool2d dividing", inputs: { x: IMG }, dl: "x -> AdaptiveAvgPool2d([5, 3])", torch: "F.adaptive_avg_pool2d(x, (5, 3))" },
  { name: "AdaptiveAvgPool2d 1", inputs: { x: IMG }, dl: "x -> AdaptiveAvgPool2d(1)", torch: "F.adaptive_avg_pool2d(x, 1)" },
  { name: "AdaptiveAvgPool2d uneven", inputs: { x: IMG }, dl: "x -> AdaptiveAvgPool2d([3, 4])", torch: "F.adaptive_avg_pool2d(x, (3, 4))" },
  { name: "AdaptiveAvgPool2d larger", inputs: { x: IMG }, dl: "x -> AdaptiveAvgPool2d([7, 4])", torch: "F.adaptive_avg_pool2d(x, (7, 4))" },
  { name: "Upsample nearest", inputs: { x: IMG }, dl: "x -> Upsample(scale_factor: 2)", torch: "F.interpolate(x, scale_factor=2, mode='nearest')" },
  { name: "Upsample nearest size", inputs: { x: IMG }, dl: "x -> Upsample(size: [7, 9])", torch: "F.interpolate(x, size=(7, 9), mode='nearest')" },
  { name: "Upsample nearest 1.5", inputs: { x: IMG }, dl: "x -> Upsample(scale_factor: 1.5)", torch: "F.interpolate(x, scale_factor=1.5, mode='nearest')" },
  { name: "Upsample bilinear", inputs: { x: IMG }, dl: "x -> Upsample(scale_factor: 2, mode: \"bilinear\")", torch: "F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)" },
  { name: "Upsample bilinear corners", inputs: { x: IMG }, dl: "x -> Upsample(scale_factor: 3, mode: \"bilinear\", align_corners: true)", torch: "F.interpolate(x, scale_factor=3, mode='bilinear', align_corners=True)" },
  { name: "Upsample bilinear down", inputs: { x: IMG }, dl: "x -> Upsample(size: [3, 8], mode: \"bilinear\")", torch: "F.interpolate(x, size=(3, 8), mode='bilinear', align_corners=False)" },
  { name: "GroupNorm", inputs: { x: IMG }, dl: "x -> GroupNorm(2, 4)", torch: "F.group_norm(x, 2, P['group_norm_0.weight'], P['group_norm_0.bias'])" },
  { name: "GroupNorm 1-d no affine", inputs: { s: SEQ }, dl: "s -> GroupNorm(3, affine: false, eps: 0.01)", torch: "F.group_norm(s, 3, eps=0.01)" },
  { name: "InstanceNorm2d", inputs: { x: IMG }, dl: "x -> InstanceNorm2d", torch: "F.instance_norm(x)" },
  { name: "InstanceNorm2d affine", inputs: { x: IMG }, dl: "x -> InstanceNorm2d(4, affine: true)", torch: "F.instance_norm(x, weight=P['instance_norm2d_0.weight'], bias=P['instance_norm2d_0.bias'])" },
  { name: "InstanceNorm1d", inputs: { s: SEQ }, dl: "s -> InstanceNorm1d", torch: "F.instance_norm(s)" },
  { name: "cross_entropy weight ignore_index", inputs: { x: X, l: LI }, dl: `cross_entropy(x, l, weight: ${W4}, ignore_index: -100)`, torch: `F.cross_entropy(${ROWS}, ${LROWS}, weight=${TW4}, ignore_index=-100)` },
  { name: "cross_entropy weight ignore smoothing", inputs: { x: X, l: LI }, dl: `cross_entropy(x, l, weight: ${W4}, ignore_index: -100, label_smoothing: 0.2)`, torch: `F.cross_entropy(${ROWS}, ${LROWS}, weight=${TW4}, ignore_index=-100, label_smoothing=0.2)` },
  { name: "cross_entropy ignore smoothing", inputs: { x: X, l: LI }, dl: "cross_entropy(x, l, ignore_index: -100, label_smoothing: 0.1)", torch: `F.cross_entropy(${ROWS}, ${LROWS}, ignore_index=-100, label_smoothing=0.1)` },
  { name: "cross_entropy ignore_index in range", inputs: { x: X, l: L }, dl: "cross_entropy(x, l, ignore_index: 2)", torch: `F.cross_entropy(${ROWS}, ${LROWS}, ignore_index=2)` },
  { name: "cross_entropy sum", inputs: { x: X, l: L }, dl: `cross_entropy(x, l, weight: ${W4}, reduction: "sum")`, torch: `F.cross_entropy(${ROWS}, ${LROWS}, weight=${TW4}, reduction='sum')` },
  { name: "cross_entropy none", inputs: { x: X, l: LI }, dl: 'cross_entropy(x, l, ignore_index: -100, reduction: "none", label_smoothing: 0.1)', torch: `F.cross_entropy(${ROWS}, ${LROWS}, ignore_index=-100, reduction='none', label_smoothing=0.1).reshape(2, 3)` },
  { name: "cross_entropy probabilities weight", inputs: { x: X, p: P }, dl: `cross_entropy(x, p, weight: ${W4})`, torch: `F.cross_entropy(${ROWS}, p.reshape(-1, 4), weight=${TW4})` },
  { name: "cross_entropy probabilities none", inputs: { x: X, p: P }, dl: 'cross_entropy(x, p, reduction: "none", label_smoothing: 0.3)', torch: "F.cross_entropy(x.reshape(-1, 4), p.reshape(-1, 4), reduction='none', label_smoothing=0.3).reshape(2, 3)" },
  { name: "nll weight ignore", inputs: { x: X, l: LI }, dl: `nll(log_softmax(x), l, weight: ${W4}, ignore_index: -100)`, torch: `F.nll_loss(F.log_softmax(${ROWS}, -1), ${LROWS}, weight=${TW4}, ignore_index=-100)` },
  { name: "nll none", inputs: { x: X, l: L }, dl: 'nll(log_softmax(x), l, reduction: "none")', torch: `F.nll_loss(F.log_softmax(${ROWS}, -1), ${LROWS}, reduction='none').reshape(2, 3)` },
  { name: "mse sum", inputs: { x: X, y: Y }, dl: 'mse(x, y, reduction: "sum")', torch: "F.mse_loss(x, y, reduction='sum')" },
  { name: "l1 none", inputs: { x: X, y: Y }, dl: 'l1(x, y, reduction: "none")', torch: "F.l1_loss(x, y, reduction='none')" },
  { name: "huber sum", inputs: { x: X, y: Y }, dl: 'huber(x, y, delta: 0.7, reduction: "sum")', torch: "F.huber_loss(x, y, delta=0.7, reduction='sum')" },
  { name: "bce none", inputs: { x: X, p: P }, dl: 'bce(sigmoid(x), p, reduction: "none")', torch: "F.binary_cross_entropy(torch.sigmoid(x), p, reduction='none')" },
  { name: "bce_with_logits pos_weight", inputs: { x: X, p: P }, dl: `bce_with_logits(x, p, pos_weight: ${W4})`, torch: `F.binary_cross_entropy_with_logits(x, p, pos_weight=${TW4})` },
  { name: "bce_with_logits pos_weight one none", inputs: { x: X, p: P }, dl: 'bce(x, p, logits: true, pos_weight: [3.0], reduction: "none")', torch: "F.binary_cross_entropy_with_logits(x, p, pos_weight=torch.tensor([3.0]), reduction='none')" },
  { name: "kl_div", inputs: { x: X, y: Y }, dl: "kl_div(log_softmax(x), softmax(y))", torch: "F.kl_div(F.log_softmax(x, -1), F.softmax(y, -1))" },
  { name: "kl_div batchmean zero targets", inputs: { x: X, y: Y }, dl: 'kl_div(log_softmax(x), detach(relu(y)), reduction: "batchmean")', torch: "F.kl_div(F.log_softmax(x, -1), torch.relu(y).detach(), reduction='batchmean')" },
  { name: "kl_div log_target", inputs: { x: X, y: Y }, dl: 'kl_div(log_softmax(x), log_softmax(y), log_target: true, reduction: "sum")', torch: "F.kl_div(F.log_softmax(x, -1), F.log_softmax(y, -1), log_target=True, reduction='sum')" },
  // Recurrent layers as torch.nn modules (batch_first) on the same parameters: bidirectional (torch's `_reverse`
  // names and [fwd | bwd] output), stacked layers, inter-layer dropout (identity in eval).
  { name: "GRU bidirectional", inputs: { s: SEQ }, dl: "s -> GRU(5, bidirectional: true)", torch: 'rnn(torch.nn.GRU(7, 5, batch_first=True, bidirectional=True), P, "gru_0.", s)' },
  { name: "LSTM 2 layers bidirectional dropout", inputs: { s: SEQ }, dl: "s -> LSTM(4, num_layers: 2, bidirectional: true, dropout: 0.3)", torch: 'rnn(torch.nn.LSTM(7, 4, num_layers=2, batch_first=True, bidirectional=True, dropout=0.3).eval(), P, "lstm_0.", s)' },
  { name: "RNN relu bidirectional no bias", inputs: { s: SEQ }, dl: 's -> RNN(3, nonlinearity: "relu", bias: false, bidirectional: true, num_layers: 2)', torch: 'rnn(torch.nn.RNN(7, 3, num_layers=2, nonlinearity="relu", bias=False, batch_first=True, bidirectional=True), P, "rnn_0.", s)' },
  // Initial states in (`gru(s, h)`, torch's h0 / (h0, c0)) and final states out (`gru.h_n`, `lstm.c_n`), in torch's
  // [layers·directions, B, hidden] layout; the input gradients include the initial states'.
  { name: "GRU h0 2 layers bidirectional", inputs: { s: SEQ, h: H4 }, dl: "GRU(5, num_layers: 2, bidirectional: true)(s, h)", torch: 'rnn(torch.nn.GRU(7, 5, num_layers=2, batch_first=True, bidirectional=True), P, "gru_0.", s, h)' },
  { name: "GRU h_n bidirectional", inputs: { s: SEQ }, body: ["gru = GRU(5, bidirectional: true)", "y = s -> gru"], dl: "gru.h_n", torch: 'rnn(torch.nn.GRU(7, 5, batch_first=True, bidirectional=True), P, "gru.", s, part=[1])' },
  { name: "LSTM h0 c0 to c_n 2 layers", inputs: { s: SEQ, h: H2, c: H2 }, body: ["lstm = LSTM(4, num_layers: 2)", "y = lstm(s, h, c)"], dl: "lstm.c_n", torch: 'rnn(torch.nn.LSTM(7, 4, num_layers=2, batch_first=True), P, "lstm.", s, (h, c), part=[1, 1])' },
  { name: "LSTM c0 only, output and h_n", inputs: { s: SEQ, c: { shape: [1, 2, 4], range: [-1, 1] } }, body: ["lstm = LSTM(4)", "y = lstm(s, c0: c)"], dl: "y[:, -1] * 0.5 + lstm.h_n[0]", torch: 'rnn(torch.nn.LSTM(7, 4, batch_first=True), P, "lstm.", s, (torch.zeros_like(c), c))[:, -1] * 0.5 + rnn(torch.nn.LSTM(7, 4, batch_first=True), P, "lstm.", s, (torch.zeros_like(c), c), part=[1, 0])[0]' },
  { name: "RNN h0 relu to h_n", inputs: { s: SEQ, h: { shape: [1, 2, 3], range: [-1, 1] } }, body: ['rnn = RNN(3, nonlinearity: "relu")', "y = s -> rnn(h)"], dl: "rnn.h_n", torch: 'rnn(torch.nn.RNN(7, 3, nonlinearity="relu", batch_first=True), P, "rnn.", s, h, part=[1])' },
];


interface Prepared {
  c: Case;
  src: string;
  graph: Graph;
  feeds: Record<string, Tensor>;
  floats: string[];
  /** Parameter paths (also in floats: their gradients are checked). */
  params: string[];
  r: number[];
}

function prepare(c: Case, k: number): Prepared {
  const decls = Object.entries(c.inputs).map(([n, i]) => `  input ${n}: ${i.ints ? "i32" : "f32"}[${i.shape.join(", ")}]`);
  const body = (c.body ?? []).map((b) => `  ${b}`);
  const src = `${c.layers ?? ""}model M {\n${[...decls, ...body].join("\n")}\n  output out = ${c.dl}\n}\n`;
  const checked = checkFile("/v.dlnet", memoryHost({ "/v.dlnet": src }));
  const errors = checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
  expect(errors, c.name).toEqual([]);
  const lowered = lowerModel(checked.elaborate("M")!, { mode: "eval" });
  const random = mulberry32(1000 + k);
  const feeds: Record<string, Tensor> = {};
  for (const [n, i] of Object.entries(c.inputs)) {
    const count = i.shape.reduce((a, b) => a * b, 1);
    const [lo, hi] = i.range ?? [0, 1];
    const data = i.values ?? Array.from({ length: count }, () => (i.ints ? Math.floor(random() * i.ints) : lo + (hi - lo) * random()));
    feeds[n] = fromArray(data, i.shape, i.ints ? "i32" : "f32");
  }
  // Parameters get random values too (fed to torch as P[path]): a parameter used as a value is checked like an input.
  const params = lowered.params.map((p) => p.path);
  for (const p of lowered.params) feeds[p.path] = fromArray(Array.from({ length: p.shape.reduce((a, b) => a * b, 1) }, () => random() - 0.5), [...p.shape], "f32");
  const y = lowered.graph.output("out");
  const floats = [...Object.entries(c.inputs).filter(([, i]) => !i.ints).map(([n]) => n), ...params];
  const r = Array.from({ length: y.shape.reduce((a: number, b) => a * (b as number), 1) }, () => Math.fround(random() * 2 - 1));
  const outputs = [{ name: "out", node: y }];
  if (y.dtype === "f32") {
    const ins = floats.map((n) => lowered.graph.input(n));
    const loss = B.sum(B.mul(y, B.input("r", "f32", y.shape)));
    grad(loss, ins).forEach((g, j) => outputs.push({ name: `d_${floats[j]}`, node: g }));
  }
  const rInput = outputs.length > 1 ? [{ name: "r", node: B.input("r", "f32", y.shape), role: "data" as const }] : [];
  const graph = new Graph([...lowered.graph.inputs, ...rInput], outputs);
  if (rInput.length) feeds.r = fromArray(r, y.shape as number[], "f32");
  return { c, src, graph, feeds, floats, params, r };
}

const PY = `
import json, sys
import torch
import torch.nn.functional as F
torch.set_default_dtype(torch.float64)

def rnn(m, P, prefix, x, *state, part=(0,)):
    """A torch.nn RNN/LSTM/GRU run on the case's parameters under \`prefix\` (its flat weights replaced; autograd reaches them)
    from the initial \`state\` if given; \`part\` picks from its result: (0,) the output, (1,) h_n, (1, 0) / (1, 1) an LSTM's h_n / c_n."""
    m._flat_weights = [P[prefix + n] for n in m._flat_weights_names]
    y = m(x, *state)
    for i in part:
        y = y[i]
    return y
out = []
for c in json.load(open(sys.argv[1])):
    env = {"torch": torch, "F": F, "P": {}}
    env["rnn"] = rnn
    for n, t in c["inputs"].items():
        v = torch.tensor(t["data"], dtype=torch.int32 if t["int"] else torch.float64).reshape(t["shape"])
        if not t["int"]:
            v.requires_grad_(True)
        (env["P"] if n in c["params"] else env)[n] = v
    y = eval(c["torch"], env)
    res = {"shape": list(y.shape), "y": y.detach().double().reshape(-1).tolist()}
    if y.is_floating_point():
        r = torch.tensor(c["r"], dtype=torch.float64).reshape(y.shape)
        xs = [env[n] if n in env else env["P"][n] for n in c["floats"]]
        gs = torch.autograd.grad((y * r).sum(), xs, allow_unused=True)
        res["grads"] = {n: (g if g is not None else torch.zeros_like(x)).reshape(-1).tolist() for n, g, x in zip(c["floats"], gs, xs)}
    out.append(res)
json.dump(out, open(sys.argv[2], "w"))
`;

// VOCAB_CASES=regex runs only the cases whose name matches (while working on a few; CI runs them all).
const only = process.env.VOCAB_CASES ? new RegExp(process.env.VOCAB_CASES) : undefined;
const prepared = CASES.map(prepare).filter((p) => !only || only.test(p.c.name));

function near(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string) {
  expect(got.length, what).toBe(want.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i]));
    if (!(e <= worst)) [worst, at] = [e, i];
  }
  expect(worst, `${what}: worst at [${at}] ${got[at]} vs ${want[at]}`).toBeLessThanOrEqual(tol);
}

describeTorch("vocabulary against PyTorch (float64 reference interpreter)", () => {
  it("values and input gradients match torch for every case", async () => {
    const payload = prepared.map(({ c, feeds, floats, params, r }) => ({
      torch: c.torch,
      floats,
      params,
      r,
      inputs: Object.fromEntries([...Object.keys(c.inputs), ...params].map((n) => [n, { shape: feeds[n].shape, data: Array.from(feeds[n].data), int: feeds[n].dtype === "i32" }])),
    }));
    const dir = mkdtempSync(join(tmpdir(), "dlnet-vocab-torch-"));
    writeFileSync(join(dir, "cases.json"), JSON.stringify(payload));
    expectOk(await forked(["-c", PY, join(dir, "cases.json"), join(dir, "torch.json")]), "torch");
    const torch = JSON.parse(readFileSync(join(dir, "torch.json"), "utf8")) as { shape: number[]; y: number[]; grads?: Record<string, number[]> }[];
    prepared.forEach((p, k) => {
      const ref = runReference(p.graph, p.feeds, { f64: true });
      expect(ref.out.shape, p.c.name).toEqual(torch[k].shape);
      near(ref.out.data, torch[k].y, 1e-9, `${p.c.name}: out`);
      for (const n of p.floats) {
        if (torch[k].grads) near(ref[`d_${n}`].data, torch[k].grads![n], 1e-9, `${p.c.name}: d${n}`);
      }
    });
  }, 120_000);
});

const DRIVER = PY_LOAD + String.raw`
for k, c in enumerate(json.load(open(sys.argv[1]))):
    io = load(c["dir"] + "/dlnet_io.py", f"io{k}")
    mod = load(c["dir"] + "/model.py", f"model{k}")
    xs, _ = io.read_safetensors(c["dir"] + "/inputs.safetensors")
    model = mod.M().eval()
    if c["params"]:
        # Strict: the export has exactly one tensor per dlnet parameter (a tied weight is not duplicated).
        mod.load_weights(model, io.read_safetensors(c["dir"] + "/params.safetensors")[0])
    with torch.no_grad():
        y = model(*[torch.from_numpy(xs[n]) for n in c["inputs"]])
    io.write_safetensors(c["dir"] + "/outputs.safetensors", {"out": y.float() if y.is_floating_point() else y.int()})
`;

describeTorch("vocabulary through dlnet export --pytorch", () => {
  it("every case's exported model.py computes the reference's values in PyTorch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dlnet-vocab-pt-"));
    const runs: { dir: string; inputs: string[]; params: string[] }[] = [];
    for (const [k, p] of prepared.entries()) {
      const file = join(dir, `case${k}.dlnet`);
      writeFileSync(file, p.src);
      const out = join(dir, `case${k}`);
      const r = await dlnetInProcess(["export", file, "--pytorch", out]);
      expect(r.stderr, p.c.name).not.toMatch(/error/);
      const inputs = Object.keys(p.c.inputs);
      writeFileSync(join(out, "inputs.safetensors"), encodeSafetensors(new Map(inputs.map((n) => [n, p.feeds[n]]))));
      if (p.params.length) writeFileSync(join(out, "params.safetensors"), encodeSafetensors(new Map(p.params.map((n) => [n, p.feeds[n]]))));
      runs.push({ dir: out, inputs, params: p.params });
    }
    writeFileSync(join(dir, "driver.py"), DRIVER);
    writeFileSync(join(dir, "runs.json"), JSON.stringify(runs));
    expectOk(await forked([join(dir, "driver.py"), join(dir, "runs.json")]), "driver.py");
    prepared.forEach((p, k) => {
      const want = runReference(p.graph, p.feeds).out;
      const got = readTensors(join(runs[k].dir, "outputs.safetensors")).tensors.get("out")!;
      expect(got.shape, p.c.name).toEqual(want.shape);
      near(got.data, want.data, 2e-5, `${p.c.name}: PyTorch export`);
    });
  }, 300_000);
});

describe("vocabulary in ONNX Runtime (exported) against the reference", () => {
  it("every case exports and runs with the reference's values and gradients", async () => {
    for (const p of prepared) {
      const ref = runReference(p.graph, p.feeds);
      const r = exportOnnx(p.graph, { opset: 18 });
      expect(r.diagnostics.map((d) => d.message), p.c.name).toEqual([]);
      const got = await runOrt(r.bytes, p.feeds);
      for (const o of p.graph.outputs) near(got[o.name].data, ref[o.name].data, 2e-5, `${p.c.name}: ${o.name}`);
    }
  }, 120_000);
});

/**
 * The cases' graphs side by side as one graph (case k's inputs and outputs named `k/name`), so that the
 * WebGPU case compiles one executable instead of one per case: lavapipe compiles each distinct kernel
 * at its first dispatch (about a quarter of a second of LLVM on a cold shader cache), and one plan for
 * all cases has fewer distinct kernels than their plans apart (327 instead of 423 for 110 cases).
 */
function sideBySide(cases: Prepared[]): { graph: Graph; feeds: Record<string, Tensor> } {
  const inputs: GraphInput[] = [];
  const outputs: GraphOutput[] = [];
  const feeds: Record<string, Tensor> = {};
  cases.forEach((p, k) => {
    const g = rewrite(p.graph, (n) => (n.op === "input" ? B.input(`${k}/${String(n.attrs.name)}`, n.dtype, n.shape) : undefined));
    for (const i of g.inputs) {
      inputs.push({ ...i, name: `${k}/${i.name}` });
      feeds[`${k}/${i.name}`] = p.feeds[i.name];
    }
    for (const o of g.outputs) outputs.push({ ...o, name: `${k}/${o.name}` });
  });
  return { graph: new Graph(inputs, outputs), feeds };
}

const gpu = await acquireDevice();

describe.skipIf("error" in gpu)("vocabulary on WebGPU against the reference", () => {
  const handle = "error" in gpu ? undefined : gpu;
  afterAll(() => handle?.release());

  it("every case compiles to WGSL and runs with the reference's values and gradients", async () => {
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    const all = sideBySide(prepared);
    // (a case that does not compile names itself)
    const exe = await b.compile(all.graph).catch(async (e) => {
      for (const p of prepared) await b.compile(p.graph).catch((f: Error) => Promise.reject(new Error(`${p.c.name}: ${f.message}`)));
      throw e;
    });
    const got = await exe.run(all.feeds, all.graph.outputs.map((o) => o.name));
    prepared.forEach((p, k) => {
      const ref = runReference(p.graph, p.feeds);
      for (const o of p.graph.outputs) near(got[`${k}/${o.name}`].data, ref[o.name].data, 2e-5, `${p.c.name}: ${o.name}`);
    });
    b.dispose();
  }, 600_000);
});
