// The user definitions a generated program may use: `op`s (with a full, a
// partial or no grad block) and `layer`s (hyperparameters, raw params, inner
// layers, a residual). Each program defines a random subset, with a random
// activation inside, so the checker's layer instantiation and the custom-op
// derivative paths are exercised by every backend.

import type { Rand } from "./generate";

export interface UserOps {
  text: string[];
  /** Names of the unary ops (usable as a pipe stage). */
  unary: string[];
  /** Name of a binary op: `name(a, b)`. */
  binary: string;
}

export interface UserLayers {
  text: string[];
  /** A shape-preserving application of a user layer to a tensor of this kind, if one is defined. */
  forKind(kind: "vec" | "seq" | "img", shape: readonly (number | string)[]): string | undefined;
}

export interface UserDefs {
  ops: UserOps;
  layers: UserLayers;
}

const UNARY = [
  // a grad rule for the only argument
  ["tswish", "op tswish(x) = x * tanh(x) {\n  grad x = dy * (tanh(x) + x * (1 - tanh(x) * tanh(x)))\n}"],
  ["swish", "op swish(x) = x * sigmoid(x) {\n  grad x = dy * (sigmoid(x) * (1 + x * (1 - sigmoid(x))))\n}"],
  // no grad block: the derivative is derived from the body
  ["softsign", "op softsign(x) = x / (1 + abs(x))"],
  ["leaky", "op leaky(x) = relu(x) - 0.1 * relu(-x)"],
  ["bump", "op bump(x) = exp(-(x * x)) + 0.5 * x"],
] as const;

const BINARY = [
  ["gate", "op gate(a, b) = a * sigmoid(b) {\n  grad a = dy * sigmoid(b)\n  grad b = dy * a * sigmoid(b) * (1 - sigmoid(b))\n}"],
  // a partial grad block: b's derivative is derived
  ["blend", "op blend(a, b) = 0.25 * a + b * tanh(a) {\n  grad a = dy * (0.25 + b * (1 - tanh(a) * tanh(a)))\n}"],
  ["hyp", "op hyp(a, b) = sqrt(a * a + b * b + 1)"],
] as const;

export function defineOps(r: Rand): UserOps {
  const unary = UNARY.filter(() => r.chance(0.4));
  if (!unary.length) unary.push(r.pick(UNARY));
  const [binary, binText] = r.pick(BINARY);
  return { text: [...unary.map(([, t]) => t), binText, ""], unary: unary.map(([n]) => n), binary };
}

const ACT = ["ReLU", "GELU", "Tanh", "SiLU"];

export function defineLayers(r: Rand): UserLayers {
  const act = r.pick(ACT);
  const text: string[] = [];
  const vec: ((d: number) => string)[] = [];
  const seq: ((d: number) => string | undefined)[] = [];
  const img: ((c: number) => string)[] = [];
  if (r.chance(0.6)) {
    text.push(
      `layer MlpBlock(d: int, e: int = 2) {`,
      `  input x: f32[B, d]`,
      `  h = x -> Linear(e * d) -> ${act} -> Linear(d)`,
      `  output y = x + h`,
      `}`,
    );
    vec.push((d) => (r.chance(0.5) ? `MlpBlock(${d})` : `MlpBlock(${d}, e: 1)`));
  }
  if (r.chance(0.5)) {
    text.push(
      `layer Affine(d: int) {`,
      `  input x: f32[B, d]`,
      `  param w: f32[d] = ${r.pick(["ones", "normal(0.5)", "xavier"])}`,
      `  param b: f32[d] = zeros`,
      `  output y = x * w + b`,
      `}`,
    );
    vec.push((d) => `Affine(${d})`);
  }
  if (r.chance(0.5)) {
    text.push(
      `layer AttnBlock(d: int, heads: int = 1) {`,
      `  input x: f32[B, T, d]`,
      `  a = x -> LayerNorm -> MultiHeadAttention(heads: heads${r.chance(0.5) ? ", causal: true" : ""})`,
      `  output y = x + a`,
      `}`,
    );
    seq.push((d) => (d % 2 === 0 && r.chance(0.5) ? `AttnBlock(${d}, heads: 2)` : `AttnBlock(${d})`));
  }
  if (r.chance(0.5)) {
    text.push(
      `layer ConvBlock(ch: int) {`,
      `  input x: f32[B, ch, H, W]`,
      `  h = x -> Conv2d(ch, kernel: 3, padding: 1) -> BatchNorm -> ${act}`,
      `  output y = relu(x + h)`,
      `}`,
    );
    img.push((c) => `ConvBlock(${c})`);
  }
  if (text.length) text.push("");
  return {
    text,
    forKind(kind, shape) {
      const last = shape[shape.length - 1] as number;
      if (kind === "vec" && vec.length) return r.pick(vec)(last);
      if (kind === "seq" && seq.length) return r.pick(seq)(last);
      if (kind === "img" && img.length) return r.pick(img)(shape[1] as number);
      return undefined;
    },
  };
}
