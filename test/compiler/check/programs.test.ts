// Programs in the style of LANGUAGE.md that must check clean, with the
// output types the checker infers.

import { describe, expect, it } from "vitest";
import { renderDiagnostics } from "../../../src/compiler/check";
import { checkSources } from "./helpers";

const PROGRAMS: string[] = [
`model M {
  input x: f32[batch, 784]
  output logits = x -> Linear(128) as fc1 -> ReLU -> Linear(10) as fc2
}`,
`layer Attn(d: int) {
  input x: f32[B, T, d]
  q = x -> Linear(d)
  k = x -> Linear(d)
  v = x -> Linear(d)
  w = softmax((q @ transpose(k)) * 0.125, dim: -1)
  output y = w @ v
}
model M(d: int = 32) {
  input x: f32[batch, 16, d]
  output y = x -> Attn(d) -> Attn(d: d)
}`,
`model AE(z: int = 16) {
  input x: f32[batch, 784]
  code = x -> Linear(256) -> ReLU -> Linear(z)
  output recon = code -> Linear(32 * 7 * 7) -> Reshape(32, 7, 7) -> ConvTranspose2d(16, kernel: 4, stride: 2, padding: 1) -> ReLU
     -> ConvTranspose2d(1, kernel: 4, stride: 2, padding: 1) -> Sigmoid -> Flatten
  output z_out = code
}
train AE {
  data = mnist(train: 1000)
  feed x = data.image
  loss = mse(recon, x)
  optimizer = AdamW(lr: 1e-3, weight_decay: 0.01)
  schedule = step(step_size: 100, gamma: 0.5)
  epochs = 2
}`,
`model Cnn {
  input x: f32[batch, 3, 32, 32]
  output logits = x -> Conv2d(3, 32, 3, padding: 1) -> BatchNorm -> ReLU -> Conv2d(64, kernel: 3, stride: 2) -> GlobalAvgPool -> Dropout(0.2) -> Linear(10)
}`,
`model Seq(vocab: int = 50) {
  input tokens: i32[batch, T]
  h = tokens -> Embedding(vocab, 32) -> GRU(64, layers: 2)
  output last = h[:, -1] -> Linear(vocab)
  output all = h -> RMSNorm -> Linear(vocab) -> log_softmax
}`,
`op leaky(x) = where(x > 0.0, x, 0.01 * x)
model M {
  input x: f32[B, 10]
  mlp = Linear(32) -> leaky -> Linear(10)
  output y = x -> mlp -> tanh
}`,
];

const EXPECTED = [
  ["M logits: f32[batch, 10]"],
  ["M y: f32[batch, 16, 32]"],
  ["AE recon: f32[batch, 784]; z_out: f32[batch, 16]"],
  ["Cnn logits: f32[batch, 10]"],
  ["Seq last: f32[batch, 50]; all: f32[batch, T, 50]"],
  ["M y: f32[B, 10]"],
];

describe("language tour programs", () => {
  PROGRAMS.forEach((p, i) => {
    it(`program ${i} checks clean`, () => {
      const r = checkSources(p);
      expect(renderDiagnostics(r.diagnostics, r.files)).toBe("");
      const got = r.models.map((m) => {
        const e = r.elaborate(m)!;
        return `${m} ${e.outputs.map((o) => `${o.name}: ${o.type.dtype}[${o.type.shape.join(", ")}]`).join("; ")}`;
      });
      expect(got).toEqual(EXPECTED[i]);
      for (const t of r.trains) expect(r.elaborateTrain(t)).toBeDefined();
    });
  });
});
