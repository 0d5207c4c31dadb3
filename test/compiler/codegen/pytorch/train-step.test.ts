// The exported train.py trains like dlnet: from the same initial weights, on
// the same samples, a few optimizer steps of train.py (real PyTorch) give the
// losses, parameters, BatchNorm statistics and optimizer state of dlnet's own
// trainer on the CPU reference backend. Each case's batch is the whole
// training set, so every step sees the same samples in both, whatever order
// each shuffles them in; the steps still differ (schedule, optimizer state).
// No Dropout here: its masks come from different generators.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkFile } from "../../../../src/compiler/check";
import type { TrainSpec } from "../../../../src/compiler/check/elaborated";
import { exportPytorch } from "../../../../src/compiler/codegen/pytorch";
import { initParams } from "../../../../src/compiler/lower";
import { buildTrainStep } from "../../../../src/compiler/train-graph/train-step";
import { CpuBackend } from "../../../../src/runtime/backend";
import { encodeSafetensors, readTensors } from "../../../../src/runtime/checkpoint/safetensors";
import type { Dataset } from "../../../../src/runtime/data/dataset";
import type { Tensor } from "../../../../src/compiler/tensor";
import { withValidation } from "../../../../src/runtime/train/held-out";
import { train } from "../../../../src/runtime/train/trainer";
import { ROOT } from "../../../cli/run-cli";
import { randomData } from "../onnx/ort";
import { describeTorch, expectOk, forked } from "./python";

const STEPS = 3;

interface Case {
  name: string;
  source: string;
  /** Samples in the training set (= the batch, or batch × accumulate). */
  samples: number;
  /** Samples in the test split (default none); a plateau schedule evaluates on it after each epoch. */
  testSamples?: number;
}

const SMALL_CNN = (train: string) => `model SmallCNN {
  input  x: f32[batch, 1, 28, 28]
  output logits = x
    -> Conv2d(4, kernel: 3, padding: 1) -> BatchNorm -> ReLU -> MaxPool2d(2)
    -> Conv2d(6, kernel: 3, stride: 2) -> ReLU -> AvgPool2d(2)
    -> Flatten -> Linear(10)
}
train SmallCNN {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
${train}
  metrics   = [accuracy(logits, data.label)]
  seed      = 3
}
`;

const MLP = (train: string) => `model Mlp {
  input  x: f32[batch, 784]
  output logits = x -> Linear(32) -> Tanh -> Linear(10)
}
train Mlp {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
${train}
  seed      = 5
}
`;

const CASES: Case[] = [
  { name: "examples/mnist_mlp.dlnet (Adam, label smoothing, cosine warmup)", source: readFileSync(join(ROOT, "examples/mnist_mlp.dlnet"), "utf8"), samples: 32 },
  {
    name: "CNN with BatchNorm: SGD nesterov momentum, weight decay, clip, step schedule",
    source: SMALL_CNN(`  optimizer = SGD(lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-3)
  schedule  = step(step_size: 2, gamma: 0.5)
  clip      = 0.5
  batch     = 8
  epochs    = 3`),
    samples: 8,
  },
  {
    name: "CNN with BatchNorm: Adam with weight decay, linear schedule",
    source: SMALL_CNN(`  optimizer = Adam(lr: 0.01, weight_decay: 1e-2)
  schedule  = linear(end_lr: 1e-3)
  batch     = 8
  epochs    = 3`),
    samples: 8,
  },
  {
    name: "MLP: AdamW with betas, accumulate 2",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = AdamW(lr: 0.01, betas: [0.8, 0.99])
  accumulate = 2
  batch     = 6
  epochs    = 3`),
    samples: 12,
  },
  {
    name: "MLP: RMSProp with momentum and weight decay, warmup",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = RMSProp(lr: 0.005, alpha: 0.9, momentum: 0.5, weight_decay: 1e-3)
  schedule  = warmup(steps: 2)
  batch     = 10
  epochs    = 3`),
    samples: 10,
  },
  {
    name: "MLP: named values, a model binding in the loss (not an output), named metrics",
    source: `model Mlp {
  input  x: f32[batch, 784]
  h      = x -> Linear(32) -> Tanh
  output logits = h -> Linear(10)
}
train Mlp {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  ce        = cross_entropy(Mlp.logits, data.label)
  act       = mean(Mlp.h * Mlp.h)
  loss      = ce + 0.5 * act
  metric activation = act
  metrics   = [ce, accuracy(logits, data.label)]
  optimizer = Adam(lr: 0.01)
  batch     = 12
  epochs    = 3
  seed      = 7
}
`,
    samples: 12,
  },
  {
    name: "conv autoencoder: the loss reads the model input x, fed reshaped from data.image",
    source: `model Ae {
  input  x: f32[batch, 1, 28, 28]
  output recon = x -> Conv2d(4, kernel: 3, stride: 2, padding: 1) -> ReLU
    -> ConvTranspose2d(1, kernel: 3, stride: 2, padding: 1, output_padding: 1) -> Sigmoid
}
train Ae {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  loss      = mse(recon, x)
  optimizer = Adam(lr: 0.01)
  batch     = 10
  epochs    = 3
  seed      = 4
}
`,
    samples: 10,
  },
  {
    // (No conv bias: before BatchNorm its gradient is zero up to rounding, which Adam without decay would amplify.)
    name: "CNN with BatchNorm: AdamW parameter groups (no decay on biases and norms, a head lr), an L2 term on a parameter, cosine to min_lr",
    source: `model SmallCNN {
  input  x: f32[batch, 1, 28, 28]
  output logits = x
    -> Conv2d(4, kernel: 3, padding: 1, bias: false) -> BatchNorm -> ReLU -> MaxPool2d(2)
    -> Flatten -> Linear(10) as head
}
train SmallCNN {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  l2        = sum(SmallCNN.head.weight * SmallCNN.head.weight)
  loss      = cross_entropy(logits, data.label) + 1e-3 * l2
  metric l2 = l2
  optimizer = AdamW(lr: 0.01, weight_decay: 0.1)
  groups    = [group("*.bias|*norm*", weight_decay: 0), group("head.*", lr: 0.03, weight_decay: 0.5)]
  schedule  = cosine(min_lr: 1e-3, warmup: 1)
  batch     = 8
  epochs    = 3
  seed      = 11
}
`,
    samples: 8,
  },
  {
    name: "MLP: SGD momentum, a group with its own lr and weight decay, step schedule",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.05, momentum: 0.9, weight_decay: 1e-3)
  groups    = [group("linear_1.*", lr: 0.2, weight_decay: 0)]
  schedule  = step(step_size: 1, gamma: 0.5)
  batch     = 10
  epochs    = 3`),
    samples: 10,
  },
  {
    name: "MLP: Adam, onecycle (train.py runs torch's OneCycleLR) with a group lr",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = Adam(lr: 0.02)
  groups    = [group("linear_0.*", lr: 0.005)]
  schedule  = onecycle(pct_start: 0.4, anneal_strategy: "linear")
  batch     = 10
  epochs    = 3`),
    samples: 10,
  },
  {
    name: "MLP: RMSProp, multistep (train.py runs torch's MultiStepLR)",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = RMSProp(lr: 0.01)
  schedule  = multistep(milestones: [1, 2], gamma: 0.3)
  batch     = 10
  epochs    = 3`),
    samples: 10,
  },
  {
    // A threshold of half the best loss: every epoch after the first is a plateau, whichever
    // f32 rounding each side has, so both reduce at the same epochs (the decisions themselves
    // are checked against torch's own in plateau.test.ts).
    name: "MLP: SGD, a group lr, plateau on the test loss (train.py runs torch's ReduceLROnPlateau)",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.1, momentum: 0.5)
  groups    = [group("linear_1.*", lr: 0.3)]
  schedule  = plateau(factor: 0.5, patience: 0, threshold: 0.5, min_lr: 0.03)
  batch     = 10
  epochs    = 3`),
    samples: 10,
    testSamples: 7,
  },
  {
    // 12 samples, 3 held out for validation (val/ in data.safetensors, as `export --pytorch` writes it):
    // each epoch is one step over the other 9. A min_delta no step can beat: both stop after epoch 3.
    name: "MLP: SGD, validate, early stopping, keep_best (train.py stops at the same epoch and keeps the same best)",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  metrics   = [accuracy(logits, data.label)]
  optimizer = SGD(lr: 0.1, momentum: 0.9)
  validate  = 3
  early_stopping = EarlyStopping(patience: 2, min_delta: 10.0)
  keep_best = true
  batch     = 9
  epochs    = 6`),
    samples: 12,
  },
  {
    // The checkpoints' ema.<param> tensors are compared with the rest: train.py's hand-written EMA.
    name: "MLP: SGD momentum, ema = 0.8 (train.py keeps a hand-written EMA, timm's ModelEmaV2)",
    source: MLP(`  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.1, momentum: 0.9)
  ema       = 0.8
  batch     = 10
  epochs    = 3`),
    samples: 10,
  },
];

function specOf(c: Case): TrainSpec {
  const file = join(ROOT, "examples", "case.dlnet");
  const r = checkFile(file, { readFile: (p) => (p === file ? c.source : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error"), c.name).toEqual([]);
  return r.elaborateTrain(r.trains[0])!;
}

/** MNIST-shaped random samples: image f32[784] in [0, 1], label i32 in [0, 10). */
function dataset(n: number, seed: number, nTest = 0): Dataset {
  const split = (m: number, s: number) => ({ size: m, fields: { image: randomData(m * 784, s, 0, 1), label: Int32Array.from(randomData(m, s + 1, 0, 10), Math.floor) } });
  return {
    description: `random(${n})`,
    fields: { image: { dtype: "f32", shape: [784] }, label: { dtype: "i32", shape: [] } },
    train: split(n, seed),
    test: split(nTest, seed + 50),
    info: {},
  };
}

/** max |a - b| over the largest |b| (at least 1e-3): a tolerance for whole tensors, small entries included. */
function scaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let scale = 1e-3;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  return Number.isNaN(worst) ? Infinity : worst;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-pt-step-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeTorch("train.py against dlnet's trainer (CPU reference backend)", () => {
  CASES.forEach((c, k) => {
    it(`${STEPS} steps: ${c.name}`, async () => {
      const spec = specOf(c);
      const out = join(dir, `case${k}`);
      const exported = exportPytorch(spec.model, spec, { command: "test" });
      expect(exported.diagnostics).toEqual([]);
      mkdirSync(out);
      for (const [name, text] of exported.files) writeFileSync(join(out, name), text);

      // The same samples and initial weights for both.
      const all = dataset(c.samples, 100 + k, c.testSamples);
      const { dataset: data, validation } = withValidation(all, spec.validate, spec.seed ?? 0);
      const parts = { train: data.train, val: validation ?? { size: 0, fields: {} }, test: data.test };
      const splits = (["train", "val", "test"] as const).filter((sp) => parts[sp].size > 0);
      writeFileSync(
        join(out, "data.safetensors"),
        encodeSafetensors(
          new Map<string, Tensor>(
            splits.flatMap((sp): [string, Tensor][] => [
              [`${sp}/image`, { dtype: "f32" as const, shape: [parts[sp].size, 784], data: parts[sp].fields.image }],
              [`${sp}/label`, { dtype: "i32" as const, shape: [parts[sp].size], data: parts[sp].fields.label }],
            ]),
          ),
        ),
      );
      const lowered = buildTrainStep(spec).forward;
      const init = initParams([...lowered.params, ...lowered.frozen, ...lowered.buffers], spec.seed ?? 0);
      writeFileSync(join(out, "init.safetensors"), encodeSafetensors(init));

      // dlnet: the trainer, as `dlnet train --backend cpu --steps 3` runs it.
      const losses: number[] = [];
      const epochLosses: number[] = [];
      const epochMetrics: Record<string, number>[] = [];
      const heldOut: { loss: number; lr?: number }[] = [];
      let stoppedAfter: number | undefined;
      const result = await train({
        spec,
        backend: new CpuBackend(),
        steps: STEPS,
        dataset: all,
        out: join(out, "dlnet.safetensors"),
        skipTest: true,
        onEvent: (e) => {
          if (e.kind === "step" && e.loss !== undefined) losses.push(e.loss);
          if (e.kind === "epoch" && e.loss !== undefined) (epochLosses.push(e.loss), epochMetrics.push(e.metrics));
          if (e.kind === "epoch" && e.heldOut) heldOut.push({ loss: e.heldOut.loss, lr: e.lr });
          if (e.kind === "stopped") stoppedAfter = e.epoch + 1;
        },
      });
      expect(result.steps).toBe(STEPS);

      // PyTorch: train.py on one process (forked from a Python that imported torch once).
      const r = await forked([join(out, "train.py"), "--steps", String(STEPS), "--init", join(out, "init.safetensors"), "--out", join(out, "torch.safetensors"), "--log-every", "1"], { cwd: out });
      expectOk(r, "train.py");
      // Each epoch is one step over the whole set: the epoch means agree (printed to 4 decimals).
      const torchEpochs = [...r.stdout.matchAll(/^epoch \d+: loss (\S+)/gm)].map((m) => Number(m[1]));
      expect(torchEpochs).toHaveLength(STEPS);
      expect(epochLosses).toHaveLength(STEPS);
      for (let s = 0; s < STEPS; s++) expect(Math.abs(torchEpochs[s] - epochLosses[s]), `epoch ${s + 1} loss`).toBeLessThan(1e-4 * Math.max(1, Math.abs(epochLosses[s])) + 5e-5);
      // The metrics by name, as train.py prints them (sorted, 4 decimals).
      const torchMetrics = [...r.stdout.matchAll(/^epoch \d+: loss \S+((?: [A-Za-z_]\w* -?[\d.]+)*) \(/gm)].map((m) =>
        Object.fromEntries([...m[1].matchAll(/ (\w+) (\S+)/g)].map((x) => [x[1], Number(x[2])])),
      );
      for (let s = 0; s < STEPS; s++) {
        expect(Object.keys(torchMetrics[s]).sort(), `epoch ${s + 1} metric names`).toEqual(Object.keys(epochMetrics[s]).sort());
        for (const [m, v] of Object.entries(epochMetrics[s])) expect(Math.abs(torchMetrics[s][m] - v), `epoch ${s + 1} ${m}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(v)) + 5e-5);
      }
      // The step's own loss (6 decimals) where one batch is the step; with accumulation it is one micro-batch's.
      if (spec.accumulate <= 1) {
        const torchLosses = [...r.stdout.matchAll(/^step (\d+)\/\d+ loss (\S+)$/gm)].map((m) => Number(m[2]));
        expect(torchLosses).toHaveLength(STEPS);
        expect(losses).toHaveLength(STEPS);
        for (let s = 0; s < STEPS; s++) expect(Math.abs(torchLosses[s] - losses[s]), `loss at step ${s + 1}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(losses[s])) + 1e-6);
      }

      // With accumulation the two shuffles split the set into different micro-batches, so the
      // f32 gradient sums round differently, and Adam's normalization magnifies that on tiny gradients.
      const tolerance = spec.accumulate > 1 ? 3e-4 : 1e-4;
      const want = readTensors(join(out, "dlnet.safetensors"));
      const got = readTensors(join(out, "torch.safetensors"));
      expect([...got.tensors.keys()].sort()).toEqual([...want.tensors.keys()].sort());
      expect(want.tensors.size).toBeGreaterThan(init.size);
      for (const [name, t] of want.tensors) {
        const g = got.tensors.get(name)!;
        expect(g.shape, name).toEqual(t.shape);
        expect(scaledDiff(g.data, t.data), `${name} after ${STEPS} steps`).toBeLessThan(tolerance);
      }
      // The parameters moved well beyond that tolerance: not two copies of the init.
      const moved = Math.max(...[...init].map(([name, t]) => scaledDiff(want.tensors.get(name)!.data, t.data)));
      expect(moved).toBeGreaterThan(1e-3);
      expect(want.metadata).toMatchObject({ step: String(STEPS) });
      expect(got.metadata).toMatchObject({ step: String(STEPS) });

      // Validation, early stopping and keep_best: the same held-out losses, the same stop, the same best checkpoint.
      if (spec.earlyStopping) {
        const torchHeld = [...r.stdout.matchAll(/^held-out \(validation\): loss (\S+)/gm)].map((m) => Number(m[1]));
        expect(torchHeld).toHaveLength(STEPS);
        for (let s = 0; s < STEPS; s++) expect(Math.abs(torchHeld[s] - heldOut[s].loss), `validation loss after epoch ${s + 1}`).toBeLessThan(1e-4 * Math.abs(heldOut[s].loss) + 5e-6);
        expect(stoppedAfter).toBe(STEPS);
        expect(r.stdout).toContain(`stopped early after epoch ${STEPS}: val_loss has not improved by more than 10.0 for 2 epochs`);
        const wantBest = readTensors(join(out, "dlnet.best.safetensors"));
        const gotBest = readTensors(join(out, "torch.best.safetensors"));
        expect(gotBest.metadata.epoch).toBe(wantBest.metadata.epoch);
        for (const [name, t] of wantBest.tensors) expect(scaledDiff(gotBest.tensors.get(name)!.data, t.data), `best ${name}`).toBeLessThan(tolerance);
        for (const key of ["early_stopping.wait", "best.value", "early_stopping.best"]) expect(Number(got.metadata[key]), key).toBeCloseTo(Number(want.metadata[key]), 4);
      }

      // A plateau schedule: the held-out loss after each epoch and the lr it leads to, and
      // its state in the checkpoint (torch's state_dict names), the same in both.
      if (spec.schedule?.name === "plateau") {
        const torchHeld = [...r.stdout.matchAll(/^held-out \(test\): loss (\S+).* lr (\S+)$/gm)].map((m) => ({ loss: Number(m[1]), lr: Number(m[2]) }));
        expect(torchHeld).toHaveLength(STEPS);
        expect(heldOut).toHaveLength(STEPS);
        for (let s = 0; s < STEPS; s++) {
          expect(Math.abs(torchHeld[s].loss - heldOut[s].loss), `held-out loss after epoch ${s + 1}`).toBeLessThan(1e-4 * Math.abs(heldOut[s].loss) + 5e-6);
          expect(torchHeld[s].lr, `lr after epoch ${s + 1}`).toBeCloseTo(heldOut[s].lr!, 8);
        }
        // Two reductions of 0.1, the second held at min_lr: 0.1, 0.05, 0.03.
        expect(heldOut.map((h) => h.lr)).toEqual([0.1, 0.05, 0.03]);
        for (const key of ["plateau.num_bad_epochs", "plateau.cooldown_counter"]) expect(got.metadata[key], key).toBe(want.metadata[key]);
        for (const key of ["plateau.lr", "plateau.best"]) expect(Number(got.metadata[key]), key).toBeCloseTo(Number(want.metadata[key]), 5);
      }
    }, 120_000);
  });
});
