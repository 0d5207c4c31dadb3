// `dlnet compile --emit ir|ir-train|wgsl`, `dlnet run` and `dlnet export` as a
// user runs them: outputs checked against a direct computation, the CPU and
// WebGPU backends against each other, exported ONNX in ONNX Runtime, and
// every bad input or weights file a one-line message with the right exit code.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFile } from "../../src/compiler/check";
import { initParams } from "../../src/compiler/lower";
import { encodeSafetensors } from "../../src/runtime/checkpoint/safetensors";
import { acquireDevice } from "../../src/runtime/webgpu/device";
import type { Tensor } from "../../src/compiler/tensor";
import { maxRelDiff, randomData, runOrt } from "../compiler/codegen/onnx/ort";
import { expectBaseline } from "../compiler/syntax/baseline";
import { dlnet, dlnetInProcess, ROOT } from "./run-cli";

// A copy of the MLP example as it was when these tests were written, so the
// example can evolve without changing what is tested here.
const MLP_SRC = `model SimpleNet {
  input  x: f32[batch, 784]
  output logits = x -> Linear(128) -> ReLU -> Linear(10)
}

train SimpleNet {
  data      = mnist(train: 8000, test: 2000)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam(lr: 1e-3)
  schedule  = cosine(warmup: 100)
  batch     = 64
  epochs    = 5
  metrics   = [accuracy(logits, data.label)]
  seed      = 42
}
`;
const CNN = join(ROOT, "examples/mnist_cnn.dlnet");
// Two inputs sharing the symbolic `n`, one of them i32.
const TWO = `model Two {
  input a: f32[n, 4]
  input ids: i32[n]
  h = a -> Linear(3)
  e = ids -> Embedding(10, 3)
  output y = h + e
}
`;

const gpuAvailable = !("error" in (await acquireDevice()));

let dir: string;
let MLP: string;
const at = (f: string) => join(dir, f);
const json = (f: string, v: unknown) => writeFileSync(at(f), JSON.stringify(v));

function paramsOf(path: string, seed: number): Map<string, Tensor> {
  const r = checkFile(path, { readFile: (p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) });
  return initParams(r.elaborate(r.models[0])!.parameters, seed);
}

function rows(n: number, width: number, seed: number): number[][] {
  const d = randomData(n * width, seed, 0, 1);
  return Array.from({ length: n }, (_, i) => Array.from(d.subarray(i * width, (i + 1) * width)));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-run-"));
  writeFileSync(at("two.dlnet"), TWO);
  MLP = at("mlp.dlnet");
  writeFileSync(MLP, MLP_SRC);
  writeFileSync(at("mlp.safetensors"), encodeSafetensors(paramsOf(MLP, 5)));
  writeFileSync(at("cnn.safetensors"), encodeSafetensors(paramsOf(CNN, 6)));
  writeFileSync(at("two.safetensors"), encodeSafetensors(paramsOf(at("two.dlnet"), 7)));
  json("mlp-in.json", { x: rows(3, 784, 11) });
  json("cnn-in.json", { x: { shape: [2, 1, 28, 28], data: rows(2, 784, 12).flat() } });
  json("two-in.json", { a: [[1, 2, 3, 4], [0, 0, 0, 1]], ids: [3, 9] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line on stderr, no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n").filter((l) => !l.startsWith("Warning: "));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

const outputOf = (stdout: string, name: string): Tensor => {
  const o = JSON.parse(stdout)[name];
  return { dtype: "f32", shape: o.shape, data: Float32Array.from(o.data) };
};

describe("dlnet compile --emit", () => {
  it("ir is the eval forward graph", async () => {
    const r = await dlnetInProcess(["compile", MLP, "--emit", "ir"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^%0: f32\[batch,784\] = input "x"  \/\/ data$/m);
    expect(r.stdout).toMatch(/= relu %\d+$/m);
    expect(r.stdout).not.toContain("exp_avg");
    expectBaseline("cli-mlp.ir", r.stdout);
  });

  it("ir-train is the whole training step: backward and Adam update, state outputs named like their inputs", async () => {
    const r = await dlnetInProcess(["compile", MLP, "--emit", "ir-train"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/= input "optim\.linear_0\.weight\.exp_avg"  \/\/ state/);
    expect(r.stdout).toMatch(/^output "linear_0\.weight" = %\d+$/m);
    expectBaseline("cli-mlp.step.ir", r.stdout);
  });

  it("wgsl: the training step's kernels at the train block's batch, each naming the IR ops it fused", async () => {
    const r = await dlnetInProcess(["compile", MLP, "--emit", "wgsl"]);
    expect(r.code).toBe(0);
    const kernels = r.stdout.split("// ---- kernel ").slice(1);
    expect(kernels.length).toBeGreaterThan(3);
    for (const k of kernels) {
      expect(k).toMatch(/\n\/\/ fuses: %\d+ [a-z_0-9]+/);
      expect(k).toMatch(/@compute @workgroup_size/);
    }
    expect(r.stdout).toContain('"x" f32[64,784]');
    const small = await dlnetInProcess(["compile", MLP, "--emit", "wgsl", "--batch", "8"]);
    expect(small.stdout).toContain('"x" f32[8,784]');
  });

  it("wgsl of a file without a train block: the forward at batch 64 (or --batch)", async () => {
    const r = await dlnetInProcess(["compile", at("two.dlnet"), "--emit", "wgsl", "--batch", "5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"a" f32[5,4]');
    expect(r.stdout).not.toContain("exp_avg");
  });
});

describe("dlnet run", () => {
  it("computes the MLP's logits on the CPU like a direct float64 computation", async () => {
    const r = await dlnetInProcess(["run", MLP, "--weights", at("mlp.safetensors"), "--inputs", at("mlp-in.json"), "--backend", "cpu"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const got = outputOf(r.stdout, "logits");
    expect(got.shape).toEqual([3, 10]);
    const p = paramsOf(MLP, 5);
    const [w0, b0, w1, b1] = ["linear_0.weight", "linear_0.bias", "linear_1.weight", "linear_1.bias"].map((k) => p.get(k)!.data);
    const x = rows(3, 784, 11);
    const want: number[] = [];
    for (const row of x) {
      const h = Array.from({ length: 128 }, (_, j) => Math.max(0, b0[j] + row.reduce((s, v, k) => s + v * w0[j * 784 + k], 0)));
      for (let o = 0; o < 10; o++) want.push(b1[o] + h.reduce((s, v, j) => s + v * w1[o * 128 + j], 0));
    }
    expect(maxRelDiff(got.data, want)).toBeLessThan(1e-5);
  });

  it.skipIf(!gpuAvailable)("WebGPU agrees with the CPU (MLP; CNN with BatchNorm and Dropout in eval mode)", async () => {
    for (const [file, w, inp] of [[MLP, "mlp.safetensors", "mlp-in.json"], [CNN, "cnn.safetensors", "cnn-in.json"]]) {
      const args = ["run", file, "--weights", at(w), "--inputs", at(inp)];
      const cpu = await dlnetInProcess([...args, "--backend", "cpu"]);
      const gpu = await dlnetInProcess([...args, "--backend", "webgpu"]);
      expect(cpu.code).toBe(0);
      expect(gpu.code).toBe(0);
      expect(maxRelDiff(outputOf(gpu.stdout, "logits").data, outputOf(cpu.stdout, "logits").data)).toBeLessThan(1e-4);
    }
  }, 120_000);

  it("reads .onnx weights, binds `n` from two inputs, writes --out", async () => {
    const e = await dlnetInProcess(["export", at("two.dlnet"), "--onnx", at("two.onnx"), "--weights", at("two.safetensors")]);
    expect(e.code).toBe(0);
    const viaSt = await dlnetInProcess(["run", at("two.dlnet"), "--weights", at("two.safetensors"), "--inputs", at("two-in.json"), "--backend", "cpu"]);
    const viaOnnx = await dlnetInProcess(["run", at("two.dlnet"), "--weights", at("two.onnx"), "--inputs", at("two-in.json"), "--backend", "cpu", "--out", at("out.json")]);
    expect(viaOnnx.code).toBe(0);
    expect(viaOnnx.stdout).toBe("");
    expect(readFileSync(at("out.json"), "utf8")).toBe(viaSt.stdout);
    // y = a·Wᵀ + b + E[ids]
    const p = paramsOf(at("two.dlnet"), 7);
    const [w, b, emb] = ["linear_0.weight", "linear_0.bias", "embedding_0.weight"].map((k) => p.get(k)!.data);
    const want = [[1, 2, 3, 4, 3], [0, 0, 0, 1, 9]].flatMap(([a0, a1, a2, a3, id]) =>
      [0, 1, 2].map((o) => b[o] + a0 * w[o * 4] + a1 * w[o * 4 + 1] + a2 * w[o * 4 + 2] + a3 * w[o * 4 + 3] + emb[id * 3 + o]),
    );
    expect(maxRelDiff(outputOf(viaSt.stdout, "y").data, want)).toBeLessThan(1e-5);
  });

  it("ignores a checkpoint's optimizer state", async () => {
    const p = paramsOf(at("two.dlnet"), 7);
    p.set("optim.linear_0.weight.exp_avg", { dtype: "f32", shape: [3, 4], data: new Float32Array(12) });
    writeFileSync(at("ckpt.safetensors"), encodeSafetensors(p));
    const r = await dlnetInProcess(["run", at("two.dlnet"), "--weights", at("ckpt.safetensors"), "--inputs", at("two-in.json"), "--backend", "cpu"]);
    expect(r.code).toBe(0);
  });

  const bad: [string, unknown, RegExp][] = [
    ["a missing input", { a: [[1, 2, 3, 4]] }, /missing input 'ids' \(expected i32\[n\]\)/],
    ["a wrong rank", { a: [1, 2, 3, 4], ids: [1] }, /input 'a' expects f32\[n, 4\] \(rank 2\), got shape \[4\] \(rank 1\)/],
    ["a wrong size", { a: [[1, 2, 3]], ids: [1] }, /input 'a' expects f32\[n, 4\], got shape \[1, 3\]: dim 1 must be 4/],
    ["a symbolic dim bound two ways", { a: [[1, 2, 3, 4], [1, 2, 3, 4]], ids: [1, 2, 3] }, /'n' is 2 from input 'a' but 3 here/],
    ["a fraction in an i32 input", { a: [[1, 2, 3, 4]], ids: [1.5] }, /input 'ids' is i32\[n\], so its values must be 32-bit integers; got 1.5/],
    ["a token id outside the Embedding", { a: [[1, 2, 3, 4], [1, 2, 3, 4]], ids: [3, 10] }, /input 'ids' holds 10 at flat index 1, outside a table of 10 rows \(0 to 9\)/],
    ["an unknown input", { a: [[1, 2, 3, 4]], ids: [1], b: 1 }, /'b' is not an input of the model \(its inputs: a, ids\)/],
    ["a ragged array", { a: [[1, 2, 3, 4], [1]], ids: [1, 2] }, /input 'a' \(expected f32\[n, 4\]\) is a ragged nested array/],
    ["shape and data disagreeing", { a: { shape: [2, 4], data: [1, 2] }, ids: [1, 2] }, /shape \[2, 4\] \(8 values\) with 2 values/],
  ];
  for (const [what, value, message] of bad) {
    it(`rejects ${what} with one line and exit 1`, async () => {
      json("bad.json", value);
      const r = await dlnetInProcess(["run", at("two.dlnet"), "--weights", at("two.safetensors"), "--inputs", at("bad.json"), "--backend", "cpu"]);
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toMatch(message);
    });
  }

  it("rejects weights of another model, naming every missing, extra and mis-shaped tensor (exit 1)", async () => {
    const r = await dlnetInProcess(["run", at("two.dlnet"), "--weights", at("mlp.safetensors"), "--inputs", at("two-in.json"), "--backend", "cpu"]);
    expect(r.code).toBe(1);
    const line = oneLine(r.stderr);
    expect(line).toContain("missing 'embedding_0.weight'");
    expect(line).toContain("unexpected 'linear_1.weight', 'linear_1.bias'");
    expect(line).toContain("parameter 'linear_0.weight' has shape [128, 784], the model expects [3, 4]");
  });

  it("unreadable files and a missing --weights are usage errors (exit 2), spawned as a user runs it", async () => {
    const noWeights = await dlnet(["run", at("two.dlnet"), "--weights", at("nope.safetensors"), "--inputs", at("two-in.json")]);
    expect(noWeights.code).toBe(2);
    expect(oneLine(noWeights.stderr)).toMatch(/nope\.safetensors/);
    const noInputs = await dlnet(["run", at("two.dlnet"), "--weights", at("two.safetensors"), "--inputs", at("nope.json")]);
    expect(noInputs.code).toBe(2);
    expect(oneLine(noInputs.stderr)).toMatch(/cannot read '.*nope\.json': no such file/);
    const missing = await dlnet(["run", at("two.dlnet"), "--inputs", at("two-in.json")]);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toMatch(/missing required option '--weights W'/);
  }, 60_000);
});

describe("dlnet export", () => {
  it("writes the eval graph with the given weights; ONNX Runtime computes what dlnet run does", async () => {
    const r = await dlnetInProcess(["export", MLP, "--onnx", at("mlp.onnx"), "--weights", at("mlp.safetensors")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("wrote " + at("mlp.onnx") + ": x f32[batch,784] -> logits f32[batch,10]; 101770 parameters in 4 tensors; opset 26\n");
    const x: Tensor = { dtype: "f32", shape: [3, 784], data: Float32Array.from(rows(3, 784, 11).flat()) };
    const ort = await runOrt(readFileSync(at("mlp.onnx")), { x });
    const run = await dlnetInProcess(["run", MLP, "--weights", at("mlp.safetensors"), "--inputs", at("mlp-in.json"), "--backend", "cpu"]);
    expect(maxRelDiff(ort.logits.data, outputOf(run.stdout, "logits").data)).toBeLessThan(1e-5);
  });

  it("without --weights initializes from --seed (default 0): same seed, same file", async () => {
    await dlnetInProcess(["export", MLP, "--onnx", at("s0.onnx")]);
    await dlnetInProcess(["export", MLP, "--onnx", at("s0b.onnx"), "--seed", "0"]);
    await dlnetInProcess(["export", MLP, "--onnx", at("s1.onnx"), "--seed", "1"]);
    expect(readFileSync(at("s0.onnx")).equals(readFileSync(at("s0b.onnx")))).toBe(true);
    expect(readFileSync(at("s0.onnx")).equals(readFileSync(at("s1.onnx")))).toBe(false);
  });

  it("an unsupported opset is DL5002 (exit 1) and writes nothing", async () => {
    const r = await dlnetInProcess(["export", MLP, "--onnx", at("old.onnx"), "--opset", "12"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DL5002]: ONNX opset 12 is not supported");
    expect(existsSync(at("old.onnx"))).toBe(false);
  });

  it("--train writes the training step and its init model; a Dropout model needs --opset 21", async () => {
    const r = await dlnetInProcess(["export", MLP, "--train", "SimpleNet", "--onnx", at("step.onnx")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("x f32[batch,784], data.label i32[batch], lr f32[], step f32[] -> loss f32[], accuracy f32[] (+12 state tensors");
    expect(r.stdout).toContain(`wrote ${at("step.init.onnx")}: the starting values of 12 parameter`);
    const init = await runOrt(readFileSync(at("step.init.onnx")), {});
    // The train block's seed (42) unless --seed is given.
    expect(init["linear_0.weight"].data).toEqual(paramsOf(MLP, 42).get("linear_0.weight")!.data);
    // Dropout's random masks need ONNX Runtime's random ops, which it runs up to opset 21.
    const cnn = await dlnetInProcess(["export", CNN, "--train", "MnistCNN", "--onnx", at("cnn-step.onnx")]);
    expect(cnn.code).toBe(1);
    expect(cnn.stderr).toContain("error[DL5002]: the training step of MnistCNN draws random numbers (Dropout, randn, rand)");
    expect(cnn.stderr).toContain("export with --opset 21");
    expect(existsSync(at("cnn-step.onnx"))).toBe(false);
    const cnn21 = await dlnetInProcess(["export", CNN, "--train", "MnistCNN", "--onnx", at("cnn-step.onnx"), "--opset", "21"]);
    expect(cnn21.code, cnn21.stderr).toBe(0);
    expect(cnn21.stdout).toContain("opset 21");
  });

  it("a model that draws randn exports at --opset 21 without a seed input, and run --seed picks the draw", async () => {
    const VAE = join(ROOT, "examples/vae.dlnet");
    const refused = await dlnetInProcess(["export", VAE, "--onnx", at("vae.onnx")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("random numbers (Dropout, rand, randn) need opset 21 or older");
    const r = await dlnetInProcess(["export", VAE, "--onnx", at("vae.onnx"), "--opset", "21"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("x f32[batch,784] -> mu f32[batch,16], logvar f32[batch,16], recon f32[batch,784];");
    const x = { dtype: "f32" as const, shape: [2, 784], data: randomData(2 * 784, 9, 0, 1) };
    const out = await runOrt(readFileSync(at("vae.onnx")), { x });
    expect(out.recon.shape).toEqual([2, 784]);
    // dlnet run: the same seed, the same draw; another seed, another.
    writeFileSync(at("vae-w.safetensors"), encodeSafetensors(paramsOf(VAE, 1)));
    json("vae-in.json", { x: { shape: [2, 784], data: Array.from(x.data) } });
    const run = (seed: string) => dlnetInProcess(["run", VAE, "--weights", at("vae-w.safetensors"), "--inputs", at("vae-in.json"), "--backend", "cpu", "--seed", seed]);
    const [a, b, c] = [await run("3"), await run("3"), await run("4")];
    expect(a.code, a.stderr).toBe(0);
    expect(outputOf(b.stdout, "recon").data).toEqual(outputOf(a.stdout, "recon").data);
    expect(outputOf(c.stdout, "recon").data).not.toEqual(outputOf(a.stdout, "recon").data);
    expect(outputOf(c.stdout, "mu").data).toEqual(outputOf(a.stdout, "mu").data); // mu draws nothing
  });

  it("--train --weights CHECKPOINT continues from the checkpoint's parameters and optimizer state", async () => {
    const ckpt = paramsOf(MLP, 5);
    const m = { dtype: "f32" as const, shape: [10], data: Float32Array.from({ length: 10 }, (_, i) => i / 100) };
    ckpt.set("optim.linear_1.bias.exp_avg", m);
    writeFileSync(at("mlp-ckpt.safetensors"), encodeSafetensors(ckpt));
    const r = await dlnetInProcess(["export", MLP, "--train", "SimpleNet", "--weights", at("mlp-ckpt.safetensors"), "--onnx", at("resume.onnx")]);
    expect(r.code, r.stderr).toBe(0);
    const init = await runOrt(readFileSync(at("resume.init.onnx")), {});
    expect(init["optim.linear_1.bias.exp_avg"].data).toEqual(m.data);
    expect(init["optim.linear_1.bias.exp_avg_sq"].data).toEqual(new Float32Array(10));
    expect(init["linear_0.weight"].data).toEqual(ckpt.get("linear_0.weight")!.data);
  });
});

// `ema = ...` checkpoints: `--ema` runs and exports the averaged weights.
describe("--ema (run and export with a checkpoint's EMA weights)", () => {
  const TINY = `model Tiny {
  input x: f32[batch, 4]
  output y = x -> Linear(3)
}

train Tiny {
  data      = tensors("tiny-data.safetensors")
  feed x    = data.x
  loss      = cross_entropy(y, data.label)
  optimizer = SGD(lr: 0.5)
  batch     = 4
  epochs    = 2
  ema       = 0.5
  seed      = 1
}
`;
  const input = [[0.5, -1, 2, 0.25], [1, 1, -0.5, 0]];

  /** y = x Wᵀ + b with the checkpoint's tensors `prefix + name`. */
  function direct(ck: Map<string, Tensor>, prefix: string): number[] {
    const w = ck.get(`${prefix}linear_0.weight`)!.data;
    const b = ck.get(`${prefix}linear_0.bias`)!.data;
    return input.flatMap((row) => [0, 1, 2].map((o) => b[o] + row.reduce((s, v, k) => s + v * w[o * 4 + k], 0)));
  }

  it("trains a real checkpoint with ema.*; run --ema and export --ema use it, run without --ema the model's own", async () => {
    writeFileSync(at("tiny.dlnet"), TINY);
    writeFileSync(at("tiny-data.safetensors"), encodeSafetensors(new Map<string, Tensor>([
      ["x", { dtype: "f32", shape: [8, 4], data: randomData(32, 21, -1, 1) }],
      ["label", { dtype: "i32", shape: [8], data: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1]) }],
    ])));
    json("tiny-in.json", { x: input });
    const t = await dlnetInProcess(["train", at("tiny.dlnet"), "--backend", "cpu", "--out", at("tiny.safetensors"), "--json"]);
    expect(t.code, t.stderr).toBe(0);
    const { readWeights } = await import("../../src/runtime/weights");
    const ck = readWeights(at("tiny.safetensors"));
    expect(ck.has("ema.linear_0.weight")).toBe(true);
    const args = ["run", at("tiny.dlnet"), "--weights", at("tiny.safetensors"), "--inputs", at("tiny-in.json"), "--backend", "cpu"];
    const own = await dlnetInProcess(args);
    const ema = await dlnetInProcess([...args, "--ema"]);
    expect(ema.code, ema.stderr).toBe(0);
    expect(maxRelDiff(outputOf(own.stdout, "y").data, direct(ck, ""))).toBeLessThan(1e-5);
    expect(maxRelDiff(outputOf(ema.stdout, "y").data, direct(ck, "ema."))).toBeLessThan(1e-5);
    // (two SGD steps at lr 0.5 move the weights well away from their average)
    expect(maxRelDiff(direct(ck, "ema."), direct(ck, ""))).toBeGreaterThan(1e-3);
    const e = await dlnetInProcess(["export", at("tiny.dlnet"), "--onnx", at("tiny-ema.onnx"), "--weights", at("tiny.safetensors"), "--ema"]);
    expect(e.code, e.stderr).toBe(0);
    const ort = await runOrt(readFileSync(at("tiny-ema.onnx")), { x: { dtype: "f32", shape: [2, 4], data: Float32Array.from(input.flat()) } });
    expect(maxRelDiff(ort.y.data, direct(ck, "ema."))).toBeLessThan(1e-5);
  });

  it("a checkpoint without ema.* tensors, and --ema without --weights, are one-line errors naming the problem", async () => {
    const r = await dlnetInProcess(["run", at("two.dlnet"), "--weights", at("two.safetensors"), "--inputs", at("two-in.json"), "--backend", "cpu", "--ema"]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/--ema: .*two\.safetensors holds no EMA weights \(no 'ema\.\*' tensors; .*`ema = \.\.\.`\); drop --ema/);
    const e = await dlnetInProcess(["export", at("two.dlnet"), "--onnx", at("none.onnx"), "--weights", at("two.safetensors"), "--ema"]);
    expect(e.code).toBe(1);
    expect(oneLine(e.stderr)).toMatch(/holds no EMA weights/);
    expect(existsSync(at("none.onnx"))).toBe(false);
    const w = await dlnetInProcess(["export", at("two.dlnet"), "--onnx", at("none.onnx"), "--ema"]);
    expect(oneLine(w.stderr)).toMatch(/--ema needs --weights/);
    expect(w.code).not.toBe(0);
  });
});

describe("dlnet run with an index the model computes", () => {
  it("stops with the call, its source position, the value and its position, exit 1, on each backend", async () => {
    writeFileSync(at("shift.dlnet"), "model Shift {\n  input tokens: i32[n, 3]\n  output y = (tokens + 1) -> Embedding(4, 2)\n}\n");
    writeFileSync(at("shift.safetensors"), encodeSafetensors(paramsOf(at("shift.dlnet"), 3)));
    json("shift-in.json", { tokens: [[0, 1, 2], [2, 3, 1]] });
    const want = "dlnet: Embedding 'embedding_0' at shift.dlnet:3:30: index 4 at position [1, 1] of its [2, 3] indices is outside a table of 4 rows (0 to 3); the indices are computed in the model, so check what produces them";
    for (const backend of gpuAvailable ? ["cpu", "webgpu"] : ["cpu"]) {
      const r = await dlnetInProcess(["run", "shift.dlnet", "--weights", "shift.safetensors", "--inputs", "shift-in.json", "--backend", backend], { cwd: dir });
      expect(r.code, backend).toBe(1);
      expect(oneLine(r.stderr)).toBe(want);
      expect(r.stdout).toBe("");
    }
  }, 60_000);
});
