// Train blocks over safetensors data, run as a user runs them: split
// prefixes, the `test:` argument, and a feed reshaped by the model input that
// the loss also reads in the field's own shape.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSafetensors } from "../../src/runtime/checkpoint/safetensors";
import { dlnetInProcess } from "./run-cli";

let dir: string;
const f32 = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => ((i * 7) % 13) / k);
const i64 = (n: number) => BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 2));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-feeds-"));
  writeSafetensors(join(dir, "split.safetensors"), {
    "train/a": { dtype: "f32", shape: [8, 3], data: f32(24, 10) },
    "train/y": { dtype: "i64", shape: [8], data: i64(8) },
    "test/a": { dtype: "f32", shape: [4, 3], data: f32(12, 7) },
    "test/y": { dtype: "i64", shape: [4], data: i64(4) },
  });
  writeSafetensors(join(dir, "flat.safetensors"), {
    image: { dtype: "f32", shape: [8, 12], data: f32(96, 13) },
    label: { dtype: "i32", shape: [8], data: Int32Array.from(i64(8), Number) },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function program(name: string, data: string, model: string, loss: string, feed = "data.a"): string {
  const text = `${model}
train M {
  data = ${data}
  feed x = ${feed}
  loss = ${loss}
  optimizer = SGD(lr: 0.1)
  batch = 4
  epochs = 1
}
`;
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const CLASSIFIER = `model M {
  input x: f32[batch, 3]
  output logits = x -> Linear(2)
}`;

describe("tensors() data", () => {
  it("train/ and test/ prefixed tensors are the fields a and y, for the checker as for the runtime", async () => {
    const file = program("split.dlnet", `tensors("split.safetensors")`, CLASSIFIER, "cross_entropy(logits, data.y)");
    expect((await dlnetInProcess(["check", file])).code).toBe(0);
    const r = await dlnetInProcess(["train", file, "--backend", "cpu", "--out", join(dir, "a.safetensors")]);
    expect(r.stdout).toMatch(/8 samples, batch 4, 2 steps\/epoch/);
    expect(r.stdout).toMatch(/test \(4 samples\): loss \d/);
    expect(r.code).toBe(0);
  });

  it("the documented test: argument holds samples out", async () => {
    const file = program("frac.dlnet", `tensors("flat.safetensors", test: 0.25)`, CLASSIFIER.replace("3]", "12]"), "cross_entropy(logits, data.label)", "data.image");
    expect((await dlnetInProcess(["check", file])).stdout).toMatch(/no errors/);
    const r = await dlnetInProcess(["train", file, "--backend", "cpu", "--out", join(dir, "b.safetensors")]);
    expect(r.stdout).toMatch(/6 samples, batch 4/);
    expect(r.stdout).toMatch(/test \(2 samples\)/);
    expect(r.code).toBe(0);
  });
});

describe("a feed reshaped by the model input", () => {
  const AE = `model M {
  input x: f32[batch, 1, 3, 4]
  output y = x -> Flatten -> Linear(12)
}`;
  it("mse(y, data.image) reads the field in its own shape: ir-train compiles and training runs", async () => {
    const file = program("ae.dlnet", `tensors("flat.safetensors")`, AE, "mse(y, data.image)", "data.image");
    const ir = await dlnetInProcess(["compile", file, "--emit", "ir-train"]);
    expect(ir.stderr).toBe("");
    expect(ir.code).toBe(0);
    expect(ir.stdout).toMatch(/f32\[batch,12\] = reshape %0\b/);
    const r = await dlnetInProcess(["train", file, "--backend", "cpu", "--steps", "2", "--out", join(dir, "c.safetensors")]);
    expect(r.stdout).toMatch(/loss \d/);
    expect(r.code).toBe(0);
  });
});
