// What the trainer does with held-out data after each epoch, on the CPU
// reference backend with a small MNIST slice: the validation split (drawn from
// the seed; its loss after training against a hand-written softmax cross
// entropy of the trained weights), the plateau schedule (its lr per epoch
// follows the held-out loss as torch's ReduceLROnPlateau state machine does;
// plateau.test.ts checks that machine against torch itself, and
// train-step.test.ts the whole run against train.py), early stopping, the best
// checkpoint (equal to a run stopped at the best epoch; a failing write leaves
// the previous one intact), and their state across a checkpoint and --resume.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import { Plateau } from "../../../src/compiler/train-graph/plateau";
import { CpuBackend, type Backend } from "../../../src/runtime/backend";
import { readTensors } from "../../../src/runtime/checkpoint/safetensors";
import { Evaluator, train, type TrainEvent } from "../../../src/runtime/train/trainer";
import { plateauOptions, withValidation } from "../../../src/runtime/train/held-out";
import { openDataset } from "../../../src/runtime/data/index";
import { UserError } from "../../../src/compiler/diagnostics";

// A write that fails part-way (a full disk) when `failWrites` is set: for the atomic-write test.
const io = vi.hoisted(() => ({ failWrites: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    if (io.failWrites) {
      (fs.writeSync as (fd: number, ...r: unknown[]) => number)(fd, ...rest.slice(0, 1), 0, 100);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }
    return (fs.writeSync as (fd: number, ...r: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const dir = mkdtempSync(join(tmpdir(), "dlnet-heldout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function specOf(settings: string, data = "mnist(train: 96, test: 32)") {
  const src = `
model Tiny {
  input x: f32[batch, 784]
  output logits = x -> Linear(10)
}
train Tiny {
  data      = ${data}
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  metrics   = [accuracy(logits, data.label)]
  batch     = 32
  seed      = 3
  ${settings}
}
`;
  const path = join(dir, "tiny.dlnet");
  const r = checkFile(path, { readFile: (p) => (p === path ? src : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return r.elaborateTrain("Tiny")!;
}

async function state(b: Backend, names: string[]) {
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, Array.from((await b.getState(n)).data)])));
}

type EpochEvent = Extract<TrainEvent, { kind: "epoch" }>;

describe("plateau schedule", () => {
  // An improvement counts only beyond 15% of the best loss: as training slows, the lr is cut several times.
  const PLATEAU = "optimizer = SGD(lr: 0.5)\n  schedule = plateau(factor: 0.5, patience: 0, threshold: 0.15, cooldown: 1)\n  epochs = 8";

  it("sets each epoch's lr from the held-out loss, as the state machine does over the losses the run reports", async () => {
    const spec = specOf(PLATEAU);
    const epochs: EpochEvent[] = [];
    const lrsSeen = new Set<number>();
    const backend = new CpuBackend();
    await train({ spec, backend, skipTest: true, onEvent: (e) => (e.kind === "epoch" ? epochs.push(e) : undefined) });
    expect(epochs).toHaveLength(8);
    // Replaying the reported held-out losses through the state machine gives the lrs the run reported.
    const p = new Plateau(0.5, plateauOptions(spec));
    for (const e of epochs) {
      expect(e.heldOut?.split).toBe("test");
      expect(e.heldOut?.samples).toBe(32);
      expect(e.lr).toBe(p.step(e.heldOut!.loss));
      lrsSeen.add(e.lr!);
    }
    expect(lrsSeen.size).toBeGreaterThan(2); // the lr was reduced at least twice
  });

  it("keeps its state across a checkpoint: a run resumed after 3 epochs ends as the uninterrupted one", async () => {
    const spec = specOf(PLATEAU);
    const straight = new CpuBackend();
    const lrs: number[] = [];
    await train({ spec, backend: straight, skipTest: true, onEvent: (e) => (e.kind === "epoch" ? lrs.push(e.lr!) : undefined) });

    const ck = join(dir, "plateau.safetensors");
    await train({ spec, backend: new CpuBackend(), epochs: 8, steps: 9, out: ck, skipTest: true });
    const meta = readTensors(ck).metadata;
    expect(Number(meta["plateau.lr"])).toBe(lrs[2]);
    expect(meta).toHaveProperty("plateau.best");
    expect(meta).toHaveProperty("plateau.num_bad_epochs");
    expect(meta).toHaveProperty("plateau.cooldown_counter");

    const resumed = new CpuBackend();
    const later: number[] = [];
    await train({ spec, backend: resumed, resume: ck, skipTest: true, onEvent: (e) => (e.kind === "epoch" ? later.push(e.lr!) : undefined) });
    expect(later).toEqual(lrs.slice(3));
    expect(new Set(lrs.slice(3)).size).toBeGreaterThan(1); // reductions after the resume
    const names = ["linear_0.weight", "linear_0.bias"];
    expect(await state(resumed, names)).toEqual(await state(straight, names));
  });

  it("needs held-out data: without a test split the run stops with a message", async () => {
    const spec = specOf(PLATEAU, "mnist(train: 96, test: 0)");
    await expect(train({ spec, backend: new CpuBackend(), skipTest: true })).rejects.toThrow(/plateau\(\.\.\.\) needs held-out data, but mnist.* has no test split/);
  });
});

describe("validation split, early stopping, best checkpoint", () => {
  it("holds out `validate` of the train split, chosen from the seed alone", () => {
    const d = openDataset({ source: "mnist", args: { train: 96, test: 32 } }, dir);
    const a = withValidation(d, 0.25, 3);
    const b = withValidation(d, 0.25, 3);
    const c = withValidation(d, 0.25, 4);
    expect(a.validation!.size).toBe(24);
    expect(a.dataset.train.size).toBe(72);
    expect(a.dataset.test).toBe(d.test);
    expect(a.validation!.fields.image).toEqual(b.validation!.fields.image);
    expect(a.validation!.fields.image).not.toEqual(c.validation!.fields.image);
    expect(withValidation(d, 10, 3).validation!.size).toBe(10);
    // Every training sample is in exactly one part (labels and images together).
    const key = (img: Float32Array | Int32Array, i: number) => Array.from(img.subarray(i * 784, i * 784 + 784)).join();
    const all = new Set(Array.from({ length: 96 }, (_, i) => key(d.train.fields.image, i)));
    const parts = [a.dataset.train, a.validation!].flatMap((sp) => Array.from({ length: sp.size }, (_, i) => key(sp.fields.image, i)));
    expect(parts.length).toBe(96);
    expect(new Set(parts)).toEqual(all);
    expect(() => withValidation(d, 96, 3)).toThrow(/asks for 96 validation samples but the train split .* has 96/);
    expect(() => withValidation(d, 0.001, 3)).toThrow(/holds out no sample/);
  });

  it("evaluates the validation split after each epoch: its loss is the trained weights' cross entropy on those samples", async () => {
    const spec = specOf("optimizer = SGD(lr: 0.1)\n  validate = 0.25\n  epochs = 2");
    const backend = new CpuBackend();
    const epochs: EpochEvent[] = [];
    let start: Extract<TrainEvent, { kind: "start" }> | undefined;
    await train({ spec, backend, skipTest: true, onEvent: (e) => (e.kind === "epoch" ? epochs.push(e) : e.kind === "start" ? (start = e) : undefined) });
    expect(start).toMatchObject({ trainSize: 72, validationSize: 24 });
    expect(epochs.map((e) => e.heldOut?.split)).toEqual(["validation", "validation"]);
    expect(epochs.every((e) => e.lr === undefined)).toBe(true); // no plateau: the lr is not reported
    // The oracle: softmax cross entropy and accuracy of x W^T + b over the validation samples, in f64.
    const val = withValidation(openDataset({ source: "mnist", args: { train: 96, test: 32 } }, dir), 0.25, 3).validation!;
    const W = (await backend.getState("linear_0.weight")).data;
    const bias = (await backend.getState("linear_0.bias")).data;
    let ce = 0;
    let correct = 0;
    for (let i = 0; i < val.size; i++) {
      const z = Array.from({ length: 10 }, (_, k) => {
        let v = bias[k];
        for (let j = 0; j < 784; j++) v += W[k * 784 + j] * val.fields.image[i * 784 + j];
        return v;
      });
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
      const y = val.fields.label[i];
      ce += lse - z[y];
      if (z.indexOf(m) === y) correct++;
    }
    const last = epochs[1].heldOut!;
    expect(last.samples).toBe(24);
    expect(Math.abs(last.loss - ce / val.size)).toBeLessThan(1e-5);
    expect(last.metrics.accuracy).toBeCloseTo(correct / val.size, 6);
  });

  // SGD at lr 1 overshoots on this slice: the validation loss stops improving within a few epochs.
  const STOPPING = "optimizer = SGD(lr: 1.0)\n  validate = 0.25\n  early_stopping = EarlyStopping(patience: 2, min_delta: 0.01)\n  keep_best = true\n  epochs = 40";

  it("stops when the validation loss has not improved by min_delta for `patience` epochs, and keeps the best epoch's checkpoint", async () => {
    const spec = specOf(STOPPING);
    const out = join(dir, "stop.safetensors");
    const epochs: EpochEvent[] = [];
    const bests: Extract<TrainEvent, { kind: "best" }>[] = [];
    let stopped: Extract<TrainEvent, { kind: "stopped" }> | undefined;
    const r = await train({
      spec, backend: new CpuBackend(), out, skipTest: true,
      onEvent: (e) => (e.kind === "epoch" ? epochs.push(e) : e.kind === "best" ? bests.push(e) : e.kind === "stopped" ? (stopped = e) : undefined),
    });
    // The oracle: Lightning's rule replayed over the reported validation losses.
    let best = Infinity;
    let wait = 0;
    let stopAt = -1;
    let bestEpoch = -1;
    let bestLoss = Infinity;
    for (const [i, e] of epochs.entries()) {
      const v = e.heldOut!.loss;
      if (v < bestLoss) (bestLoss = v), (bestEpoch = i);
      if (v < best - 0.01) (best = v), (wait = 0);
      else wait++;
      if (wait >= 2) {
        stopAt = i;
        break;
      }
    }
    expect(stopAt).toBeGreaterThan(0);
    expect(stopAt).toBeLessThan(39); // it did stop early
    expect(epochs).toHaveLength(stopAt + 1);
    expect(stopped?.epoch).toBe(stopAt);
    expect(stopped?.reason).toBe("val_loss has not improved by more than 0.01 for 2 epochs");
    expect(r.epochs).toBe(stopAt + 1);
    // keep_best: written at each new best; the last one is the best epoch, and holds its weights.
    expect(bests.at(-1)).toMatchObject({ epoch: bestEpoch, by: "val_loss", value: bestLoss, path: join(dir, "stop.best.safetensors") });
    const again = new CpuBackend();
    await train({ spec, backend: again, epochs: bestEpoch + 1, skipTest: true });
    const kept = readTensors(join(dir, "stop.best.safetensors"));
    for (const n of ["linear_0.weight", "linear_0.bias"]) expect(Array.from(kept.tensors.get(n)!.data)).toEqual(Array.from((await again.getState(n)).data));
    expect(kept.metadata).toMatchObject({ epoch: String(bestEpoch + 1) });
    // The run's own checkpoint keeps early stopping's state: resumed, it stays stopped.
    const meta = readTensors(out).metadata;
    expect(Number(meta["early_stopping.wait"])).toBe(2);
    expect(Number(meta["best.value"])).toBe(bestLoss);
    const resumed = await train({ spec, backend: new CpuBackend(), resume: out, skipTest: true });
    expect(resumed.steps).toBe(r.steps);
  });

  it("a best checkpoint whose write fails leaves the previous one intact, and the run stops with a message", async () => {
    const spec = specOf("optimizer = SGD(lr: 0.05)\n  validate = 0.25\n  keep_best = true\n  epochs = 3");
    const out = join(dir, "atomic.safetensors");
    const best = join(dir, "atomic.best.safetensors");
    let before: Buffer | undefined;
    const run = train({
      spec, backend: new CpuBackend(), out, skipTest: true,
      onEvent: (e) => {
        // After the first best is on disk, every later write fails part-way.
        if (e.kind === "best" && !before) (before = readFileSync(best)), (io.failWrites = true);
      },
    });
    try {
      await expect(run).rejects.toThrow(UserError);
      await expect(run).rejects.toThrow(/cannot write '.*atomic\.best\.safetensors': ENOSPC/);
    } finally {
      io.failWrites = false;
    }
    expect(readFileSync(best).equals(before!)).toBe(true);
    expect(readTensors(best).metadata).toMatchObject({ epoch: "1" });
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("ema", () => {
  it("keeps ema.<param> = ema * decay + weight * (1 - decay) after each step, from the initial weights, and evaluates with it", async () => {
    const spec = specOf("optimizer = SGD(lr: 0.2, momentum: 0.5)\n  ema = 0.7\n  validate = 16\n  epochs = 1");
    const names = ["linear_0.weight", "linear_0.bias"];
    // The weights after 0, 1, 2, 3 steps, each from its own (deterministic) run.
    const snaps: Record<string, number[]>[] = [];
    for (let k = 0; k <= 3; k++) {
      const b = new CpuBackend();
      let held: number | undefined;
      if (k > 0) await train({ spec, backend: b, steps: k, skipTest: true, onEvent: (e) => (e.kind === "epoch" && e.heldOut ? (held = e.heldOut.loss) : undefined) });
      else await train({ spec, backend: b, steps: 1, skipTest: true, stop: () => true });
      snaps.push(await state(b, names));
      if (k === 3) {
        const got = await state(b, names.map((n) => `ema.${n}`));
        for (const n of names) {
          // The oracle, in f64: e0 = w0, e_k = 0.7 e_(k-1) + 0.3 w_k.
          let e = snaps[0][n].slice();
          for (let s = 1; s <= 3; s++) e = e.map((v, i) => 0.7 * v + 0.3 * snaps[s][n][i]);
          const worst = Math.max(...e.map((v, i) => Math.abs(v - got[`ema.${n}`][i])));
          expect(worst, n).toBeLessThan(1e-6);
        }
        // The epoch's held-out loss is the EMA weights' (an evaluator over a backend holding only them).
        const alone = new CpuBackend();
        for (const n of names) alone.setState(n, await b.getState(`ema.${n}`));
        const val = withValidation(openDataset({ source: "mnist", args: { train: 96, test: 32 } }, dir), 16, 3).validation!;
        const want = await new Evaluator(spec, alone).run(val, { image: { dtype: "f32", shape: [784] }, label: { dtype: "i32", shape: [] } });
        expect(held).toBeDefined();
        expect(Math.abs(held! - want.loss)).toBeLessThan(1e-9);
      }
    }
    expect(snaps[3]["linear_0.bias"]).not.toEqual(snaps[0]["linear_0.bias"]);
  });
});
