// The training loop on real MNIST digits (a small slice), on the CPU
// reference backend and on WebGPU (lavapipe): losses fall, a resumed run is
// bit-identical to an uninterrupted one, gradient accumulation equals the
// larger batch, WebGPU follows the reference step by step, and broken
// checkpoints are refused with a message.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import { UserError } from "../../../src/compiler/diagnostics";
import { CpuBackend, type Backend } from "../../../src/runtime/backend";
import { encodeSafetensors, readTensors } from "../../../src/runtime/checkpoint/safetensors";
import { train, type TrainEvent } from "../../../src/runtime/train/trainer";
import { diskHost } from "../../compiler/check/helpers";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { WebGpuBackend } from "../../../src/runtime/webgpu/backend";

const dir = mkdtempSync(join(tmpdir(), "dlnet-train-"));

function specOf(settings: string, model = "x -> Linear(32) -> ReLU -> Dropout(0.1) -> Linear(10)") {
  const src = `
model Small {
  input x: f32[batch, 784]
  output logits = ${model}
}
train Small {
  data      = mnist(train: 512, test: 128)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  metrics   = [accuracy(logits, data.label)]
  ${settings}
}
`;
  const path = join(dir, "small.dlnet");
  const r = checkFile(path, { readFile: (p) => (p === path ? src : undefined) });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => d.message)).toEqual([]);
  return r.elaborateTrain("Small")!;
}

async function params(b: Backend, names: string[]) {
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, Array.from((await b.getState(n)).data)])));
}

describe("training on the CPU reference backend", () => {
  it("lowers the loss and evaluates on the test split", async () => {
    const spec = specOf("optimizer = Adam(lr: 3e-3)\n batch = 32\n epochs = 2\n seed = 1");
    const r = await train({ spec, backend: new CpuBackend() });
    expect(r.steps).toBe(32);
    const first = r.losses.slice(0, 4).reduce((a, b) => a + b.loss, 0) / 4;
    const last = r.losses.slice(-4).reduce((a, b) => a + b.loss, 0) / 4;
    expect(last).toBeLessThan(first * 0.6);
    expect(r.test!.metrics.accuracy).toBeGreaterThan(0.6);
  });

  it("resumes from a checkpoint exactly (parameters, optimizer state, data order)", async () => {
    const spec = specOf("optimizer = Adam(lr: 1e-3)\n schedule = cosine(warmup: 3)\n batch = 48\n epochs = 2\n seed = 7");
    const straight = new CpuBackend();
    await train({ spec, backend: straight, steps: 17, skipTest: true });
    const ck = join(dir, "half.safetensors");
    await train({ spec, backend: new CpuBackend(), steps: 9, out: ck, skipTest: true }); // stops inside epoch 1
    const resumed = new CpuBackend();
    const r = await train({ spec, backend: resumed, steps: 17, resume: ck, skipTest: true });
    expect(r.steps).toBe(17);
    const names = straight.stateNames();
    expect(names.some((n) => n.startsWith("optim."))).toBe(true);
    expect(await params(resumed, names)).toEqual(await params(straight, names));
    const meta = readTensors(ck).metadata;
    expect(meta).toMatchObject({ format: "dlnet-checkpoint/1", model: "Small", step: "9", epoch: "0", batch: "9" });
  });

  it("accumulates gradients: 2 × 32 equals one batch of 64 (SGD)", async () => {
    const model = "x -> Linear(16) -> Tanh -> Linear(10)";
    const a = specOf("optimizer = SGD(lr: 0.1)\n batch = 64\n epochs = 1\n seed = 3", model);
    const b = specOf("optimizer = SGD(lr: 0.1)\n batch = 32\n accumulate = 2\n epochs = 1\n seed = 3", model);
    const big = new CpuBackend();
    const acc = new CpuBackend();
    // Same samples: batch order (seed, epoch) is a permutation, and 32-batches
    // 0 and 1 hold exactly the 64-batch 0.
    await train({ spec: a, backend: big, steps: 1, skipTest: true });
    await train({ spec: b, backend: acc, steps: 1, skipTest: true });
    for (const n of ["linear_0.weight", "linear_1.bias"]) {
      const x = (await big.getState(n)).data;
      const y = (await acc.getState(n)).data;
      for (let i = 0; i < x.length; i++) expect(y[i]).toBeCloseTo(x[i], 6);
    }
  });

  it("counts progress in optimizer steps and averages the epoch over every batch (accumulate = 2)", async () => {
    const spec = specOf("optimizer = SGD(lr: 0.1)\n batch = 64\n accumulate = 2\n epochs = 1\n seed = 3", "x -> Linear(16) -> Tanh -> Linear(10)");
    const events: TrainEvent[] = [];
    const r = await train({ spec, backend: new CpuBackend(), skipTest: true, onEvent: (e) => events.push(e) });
    const start = events.find((e) => e.kind === "start")!;
    const steps = events.flatMap((e) => (e.kind === "step" ? [e.stepInEpoch] : []));
    expect(start.kind === "start" && start.stepsPerEpoch).toBe(4); // 8 batches of 64, two per step
    expect(steps).toEqual([1, 2, 3, 4]);
    const epoch = events.find((e) => e.kind === "epoch")!;
    // Every micro-batch's loss was read back (accumulation reads them): the epoch loss is their mean.
    expect(r.losses).toHaveLength(8);
    expect(epoch.kind === "epoch" && epoch.loss).toBeCloseTo(r.losses.reduce((a, b) => a + b.loss, 0) / 8, 5);
  });

  it("refuses a corrupt, truncated or foreign checkpoint with a message", async () => {
    const spec = specOf("optimizer = Adam()\n batch = 64\n epochs = 1");
    const ck = join(dir, "ok.safetensors");
    await train({ spec, backend: new CpuBackend(), steps: 1, out: ck, skipTest: true });
    const bytes = readFileSync(ck);
    const truncated = join(dir, "truncated.safetensors");
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await expect(train({ spec, backend: new CpuBackend(), resume: truncated })).rejects.toThrow(UserError);
    await expect(train({ spec, backend: new CpuBackend(), resume: truncated })).rejects.toThrow(/truncated\.safetensors/);
    const other = specOf("optimizer = Adam()\n batch = 64\n epochs = 1", "x -> Linear(20) -> ReLU -> Linear(10)");
    await expect(train({ spec: other, backend: new CpuBackend(), resume: ck })).rejects.toThrow(/shape \[32, 784\], expected \[20, 784\]/);
  });
});

const gpu = await acquireDevice();
if ("error" in gpu && process.env.CI === "true") throw new Error(`CI=true but no WebGPU device: ${gpu.error}`);

describe.skipIf("error" in gpu)("training on WebGPU", () => {
  const handle = "error" in gpu ? undefined : gpu;
  afterAll(() => handle?.release());

  it("follows the reference backend's losses step by step (f32 tolerance)", async () => {
    // Dropout active: the counter-based RNG gives WebGPU the same masks.
    const spec = specOf("optimizer = Adam(lr: 2e-3)\n batch = 64\n epochs = 1\n seed = 5");
    const cpu = new CpuBackend();
    const ref = await train({ spec, backend: cpu, steps: 6, logEvery: 1, skipTest: true });
    // Keep the device: WebGpuBackend.dispose would release it.
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    const got = await train({ spec, backend: b, steps: 6, logEvery: 1, skipTest: true });
    expect(got.losses.map((l) => l.step)).toEqual(ref.losses.map((l) => l.step));
    for (let i = 0; i < ref.losses.length; i++) expect(got.losses[i].loss).toBeCloseTo(ref.losses[i].loss, 4);
    // After six Adam steps every parameter agrees too (biases included: their gradient is a
    // batch sum that fusion once left unstored for the kernel updating Adam's first moment).
    for (const name of ["linear_0.weight", "linear_0.bias", "linear_1.weight", "linear_1.bias"]) {
      const w = (await b.getState(name)).data;
      const wr = (await cpu.getState(name)).data;
      let worst = 0;
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - wr[i]));
      expect(worst, name).toBeLessThan(1e-4);
    }
    b.dispose();
  });

  it("reports the same epoch loss and metrics as the reference, reading the loss back only at the logging interval", async () => {
    const spec = specOf("optimizer = Adam(lr: 2e-3)\n batch = 64\n epochs = 1\n seed = 5");
    const epochOf = async (backend: Backend, logEvery: number) => {
      const events: TrainEvent[] = [];
      const r = await train({ spec, backend, logEvery, skipTest: true, onEvent: (e) => events.push(e) });
      const e = events.find((x) => x.kind === "epoch")!;
      return { r, e: e.kind === "epoch" ? e : undefined };
    };
    const ref = await epochOf(new CpuBackend(), 1);
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    const got = await epochOf(b, 20);
    expect(got.r.losses).toHaveLength(1); // only the epoch's last step was read back
    expect(ref.e!.loss).toBeCloseTo(ref.r.losses.reduce((a, x) => a + x.loss, 0) / 8, 5);
    expect(got.e!.loss).toBeCloseTo(ref.e!.loss!, 4);
    expect(got.e!.metrics.accuracy).toBeCloseTo(ref.e!.metrics.accuracy, 4);
    b.dispose();
  });

  it("updates the EMA of the weights on the device as the reference does (ema = 0.9)", async () => {
    const spec = specOf("optimizer = SGD(lr: 0.1, momentum: 0.9)\n batch = 64\n epochs = 1\n seed = 3\n ema = 0.9", "x -> Linear(16) -> Tanh -> Linear(10)");
    const cpu = new CpuBackend();
    await train({ spec, backend: cpu, steps: 4, skipTest: true });
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    await train({ spec, backend: b, steps: 4, skipTest: true });
    for (const name of ["ema.linear_0.weight", "ema.linear_1.bias"]) {
      const w = (await b.getState(name)).data;
      const wr = (await cpu.getState(name)).data;
      let worst = 0;
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - wr[i]));
      expect(worst, name).toBeLessThan(1e-5);
    }
    b.dispose();
  });

  it("accumulates gradients on WebGPU as on the reference (the gradient graph takes no lr or step)", async () => {
    const spec = specOf("optimizer = SGD(lr: 0.1)\n batch = 64\n accumulate = 2\n epochs = 1\n seed = 3", "x -> Linear(16) -> Tanh -> Linear(10)");
    const cpu = new CpuBackend();
    await train({ spec, backend: cpu, steps: 1, skipTest: true });
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    await train({ spec, backend: b, steps: 1, skipTest: true });
    const w = (await b.getState("linear_0.weight")).data;
    const wr = (await cpu.getState("linear_0.weight")).data;
    let worst = 0;
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - wr[i]));
    expect(worst).toBeLessThan(1e-5);
    b.dispose();
  });

  it("trains issue #11's Embedding → LSTM → mean → Linear model as the reference does", async () => {
    // Used to crash at the first step: fusion merged two kernels and dropped the store of
    // a value a third kernel (holding its own copy of a reshape) still loaded.
    const src = `
model Seq {
  input tokens: i32[batch, 5]
  output logits = tokens -> Embedding(10, 8) -> LSTM(16) -> mean(dim: 1) -> Linear(3)
}
train Seq {
  data      = tensors("seq.safetensors")
  feed tokens = data.tokens
  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.1)
  batch     = 4
  epochs    = 1
}
`;
    let s = 11;
    const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
    writeFileSync(
      join(dir, "seq.safetensors"),
      encodeSafetensors({
        tokens: { dtype: "i32", shape: [8, 5], data: Int32Array.from({ length: 40 }, () => next() % 10) },
        label: { dtype: "i32", shape: [8], data: Int32Array.from({ length: 8 }, () => next() % 3) },
      }),
    );
    const path = join(dir, "seq.dlnet");
    writeFileSync(path, src);
    const r = checkFile(path, diskHost());
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const spec = r.elaborateTrain("Seq")!;
    const ref = await train({ spec, backend: new CpuBackend(), logEvery: 1, skipTest: true });
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    const got = await train({ spec, backend: b, logEvery: 1, skipTest: true });
    expect(got.losses.length).toBe(2);
    for (let i = 0; i < ref.losses.length; i++) expect(got.losses[i].loss).toBeCloseTo(ref.losses[i].loss, 4);
    b.dispose();
  }, 180_000);
});
