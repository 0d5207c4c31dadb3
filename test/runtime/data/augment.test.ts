// Image augmentation of training batches (`augment image = [...]`): each
// transform against PyTorch applying the same draws (F.pad + slicing,
// torch.flip, adding the noise), the draws' distributions, determinism per
// (seed, epoch, sample), training batches only, and the CPU and WebGPU
// backends fed identical batches.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import type { AugmentSpec, AugmentStep } from "../../../src/compiler/check/elaborated";
import { LR } from "../../../src/compiler/train-graph/build";
import { CpuBackend, type Backend } from "../../../src/runtime/backend";
import { augmentBatch, augmentSample, drawStep, sampleKey, type Draw } from "../../../src/runtime/data/augment";
import { batches, mnist } from "../../../src/runtime/data/index";
import { mulberry32 } from "../../../src/runtime/data/prng";
import { train } from "../../../src/runtime/train/trainer";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { WebGpuBackend } from "../../../src/runtime/webgpu/backend";
import { describeTorch, expectOk, forked, PY_LOAD } from "../../compiler/codegen/pytorch/python";
import { exportPytorch } from "../../../src/compiler/codegen/pytorch";

const dir = mkdtempSync(join(tmpdir(), "dlnet-augment-"));

function randomImage(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

const numel = (l: readonly number[]) => l[0] * l[1] * l[2];

/** Every transform kind, with odd sizes and unequal paddings, on a 3×5×7 and a 1×28×28 image. */
const SPECS: AugmentSpec[] = [
  {
    field: "x",
    layout: [3, 5, 7],
    steps: [
      { kind: "crop", size: [5, 7], padding: [1, 2, 3, 0], fill: 0.5 },
      { kind: "hflip", p: 0.5 },
      { kind: "vflip", p: 0.3 },
      { kind: "noise", std: 0.2, mean: 0.1 },
      { kind: "crop", size: [5, 7], padding: [4, 4, 4, 4], fill: -1 },
    ],
  },
  { field: "image", layout: [1, 28, 28], steps: [{ kind: "crop", size: [28, 28], padding: [4, 4, 4, 4], fill: 0 }, { kind: "hflip", p: 0.5 }, { kind: "noise", std: 0.1, mean: 0 }] },
];

// PyTorch applies each draw: torchvision's RandomCrop is F.pad then a slice at (top, left);
// RandomHorizontalFlip/RandomVerticalFlip are torch.flip on the last/second-last dim.
const ORACLE = String.raw`
import json, sys
import torch
import torch.nn.functional as F
cases = json.load(open(sys.argv[1]))
out = []
for c in cases:
    C, H, W = c["layout"]
    x = torch.tensor(c["image"], dtype=torch.float32).reshape(C, H, W)
    for step, draw in zip(c["steps"], c["draws"]):
        if step["kind"] == "crop":
            l, t, r, b = step["padding"]
            h, w = step["size"]
            p = F.pad(x.unsqueeze(0), (l, r, t, b), mode="constant", value=step["fill"])[0]
            x = p[:, draw["top"]:draw["top"] + h, draw["left"]:draw["left"] + w]
        elif step["kind"] in ("hflip", "vflip"):
            if draw["flip"]:
                x = torch.flip(x, [2] if step["kind"] == "hflip" else [1])
        else:
            z = torch.tensor(draw["z"], dtype=torch.float64).reshape(C, H, W)
            x = (x.double() + (step["mean"] + step["std"] * z)).float()
    out.append(x.reshape(-1).tolist())
print(json.dumps(out))
`;

describeTorch("each transform against PyTorch on the same draws", () => {
  it("crop with padding and fill, flips and noise, in order, match torch to the last bit", async () => {
    const cases: unknown[] = [];
    const ours: Float32Array[] = [];
    for (const spec of SPECS) {
      for (let s = 0; s < 24; s++) {
        const key = sampleKey(9, 2, s, spec.field);
        const image = randomImage(numel(spec.layout), 100 + s);
        const draws = spec.steps.map((st, t) => drawStep(st, spec.layout, key, t));
        cases.push({ layout: spec.layout, steps: spec.steps, image: Array.from(image), draws: draws.map((d) => (d.kind === "noise" ? { z: Array.from(d.z) } : d)) });
        ours.push(augmentSample(image, spec, key));
      }
    }
    // Every branch happened: crops off the corner and flips both ways.
    const all = SPECS.flatMap((spec) => Array.from({ length: 24 }, (_, s) => spec.steps.map((st, t) => drawStep(st, spec.layout, sampleKey(9, 2, s, spec.field), t)))).flat();
    expect(all.some((d) => d.kind === "flip" && d.flip) && all.some((d) => d.kind === "flip" && !d.flip)).toBe(true);
    expect(all.some((d) => d.kind === "crop" && d.top === 0) && all.some((d) => d.kind === "crop" && d.left > 4)).toBe(true);
    const file = join(dir, "cases.json");
    writeFileSync(file, JSON.stringify(cases));
    const r = await forked(["-c", ORACLE, file]);
    expectOk(r, "the torch oracle");
    const want = JSON.parse(r.stdout) as number[][];
    expect(want.length).toBe(ours.length);
    for (let i = 0; i < ours.length; i++) expect(Array.from(ours[i])).toEqual(want[i]);
  }, 120_000);
});

// train.py (export --pytorch) augments its training batches with torch's generator: each
// output must be what the transform makes of its input for some draw.
const TRAIN_PY_CHECK = String.raw`
import itertools
import torch.nn.functional as F
tp = load(sys.argv[1] + "/train.py", "train_py")
print(json.dumps(tp.AUGMENT))
torch.manual_seed(0)
n, C, H, W = 64, 2, 5, 6
x = torch.rand(n, C * H * W)
def run(steps):
    tp.AUGMENT = [{"field": "x", "layout": [C, H, W], "steps": steps}]
    return tp.augment({"x": x, "y": torch.zeros(n)})["x"].reshape(n, C, H, W)
img = x.reshape(n, C, H, W)
assert torch.equal(run([{"kind": "hflip", "p": 1.0}]), img.flip(3))
assert torch.equal(run([{"kind": "vflip", "p": 1.0}]), img.flip(2))
assert torch.equal(run([{"kind": "hflip", "p": 0.0}]), img)
flipped = run([{"kind": "hflip", "p": 0.5}])
k = sum(torch.equal(flipped[i], img[i].flip(2)) for i in range(n))
assert 16 < k < 48, k
out = run([{"kind": "crop", "size": [H, W], "padding": [1, 2, 3, 0], "fill": 0.5}])
padded = F.pad(img, (1, 3, 2, 0), value=0.5)
seen = set()
for i in range(n):
    hits = [(t, l) for t, l in itertools.product(range(2 + 0 + 1), range(1 + 3 + 1)) if torch.equal(out[i], padded[i, :, t:t + H, l:l + W])]
    assert hits, i
    seen.update(hits)
assert len(seen) > 8, seen
z = run([{"kind": "noise", "std": 0.5, "mean": 0.25}]) - img
assert abs(float(z.mean()) - 0.25) < 0.05 and abs(float(z.std()) - 0.5) < 0.05, (float(z.mean()), float(z.std()))
print("ok")
`;

describeTorch("export --pytorch: train.py augments its training batches", () => {
  it("writes the train block's transforms, and its augment() makes what each transform makes", async () => {
    const spec = trainSpec();
    const exported = exportPytorch(spec.model, spec, { command: "test" });
    expect(exported.diagnostics).toEqual([]);
    const out = join(dir, "pt");
    mkdirSync(out, { recursive: true });
    for (const [name, text] of exported.files) writeFileSync(join(out, name), text);
    expect(exported.files.get("train.py")).toContain("batch = augment(take(train,");
    const r = await forked(["-c", PY_LOAD + TRAIN_PY_CHECK, out]);
    expectOk(r, "train.py's augment");
    const [augment, ok] = r.stdout.trim().split("\n");
    expect(JSON.parse(augment)).toEqual(JSON.parse(JSON.stringify(spec.augment)));
    expect(ok).toBe("ok");
  }, 120_000);
});

describe("the draws", () => {
  const counts = (n: number, f: (s: number) => number, size: number) => {
    const c = new Array<number>(size).fill(0);
    for (let s = 0; s < n; s++) c[f(s)]++;
    return c;
  };

  it("crop offsets are uniform over every position of the padded image; flips happen with probability p", () => {
    const crop: AugmentStep = { kind: "crop", size: [28, 28], padding: [4, 4, 4, 4], fill: 0 };
    const n = 9000;
    const top = counts(n, (s) => (drawStep(crop, [1, 28, 28], sampleKey(1, 0, s, "image"), 0) as Extract<Draw, { kind: "crop" }>).top, 9);
    const left = counts(n, (s) => (drawStep(crop, [1, 28, 28], sampleKey(1, 0, s, "image"), 0) as Extract<Draw, { kind: "crop" }>).left, 9);
    // Each of the 9 offsets has probability 1/9: within 5 standard deviations of n/9.
    const sd = Math.sqrt((n * (1 / 9) * 8) / 9);
    for (const c of [...top, ...left]) expect(Math.abs(c - n / 9)).toBeLessThan(5 * sd);
    for (const p of [0, 0.3, 1]) {
      const flips = counts(n, (s) => +(drawStep({ kind: "hflip", p }, [1, 28, 28], sampleKey(1, 0, s, "image"), 1) as Extract<Draw, { kind: "flip" }>).flip, 2)[1];
      expect(Math.abs(flips - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)));
    }
  });

  it("noise is standard normal: mean 0, variance 1, and its tails", () => {
    const d = drawStep({ kind: "noise", std: 1, mean: 0 }, [4, 100, 100], sampleKey(3, 1, 7, "image"), 0) as Extract<Draw, { kind: "noise" }>;
    const z = d.z;
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(z.length));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / z.length));
    // P(|z| > 1.96) = 0.05.
    const tail = z.filter((v) => Math.abs(v) > 1.96).length / z.length;
    expect(Math.abs(tail - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / z.length));
  });
});

describe("determinism", () => {
  const ds = mnist({ train: 64, test: 0 });
  const spec: AugmentSpec = SPECS[1];
  const batchOf = (epoch: number, batchSize: number, index = 0) => [...batches(ds.train, ds.fields, { batchSize, seed: 4, epoch })][index];

  it("the same seed gives the same batches; another epoch or seed other crops; one sample's augmentation does not depend on its batch", () => {
    const a = batchOf(0, 16);
    const b = batchOf(0, 16);
    augmentBatch(a, [spec], 4, 0);
    augmentBatch(b, [spec], 4, 0);
    expect(a.fields.image).toEqual(b.fields.image);
    const raw = batchOf(0, 16);
    expect(a.fields.image).not.toEqual(raw.fields.image);
    // Epoch 1 (the same samples, to compare crops): other draws.
    const again = batchOf(0, 16);
    augmentBatch(again, [spec], 4, 1);
    expect(again.fields.image).not.toEqual(a.fields.image);
    const offsets = (epoch: number) => Array.from(a.samples, (s) => (drawStep(spec.steps[0], spec.layout, sampleKey(4, epoch, s, "image"), 0) as Extract<Draw, { kind: "crop" }>));
    expect(offsets(0)).not.toEqual(offsets(1));
    const otherSeed = batchOf(0, 16);
    augmentBatch(otherSeed, [spec], 5, 0);
    expect(otherSeed.fields.image).not.toEqual(a.fields.image);
    // Batches of 4 instead of 16: each sample augmented alike.
    const small = [0, 1, 2, 3].map((i) => batchOf(0, 4, i));
    for (const s of small) augmentBatch(s, [spec], 4, 0);
    const joined = new Float32Array(16 * 784);
    small.forEach((s, i) => joined.set(s.fields.image, i * 4 * 784));
    expect(joined).toEqual(a.fields.image);
  });
});

const TRAIN = `model Small {
  input  x: f32[batch, 784]
  output logits = x -> Linear(16) -> ReLU -> Linear(10)
}
train Small {
  data      = mnist(train: 96, test: 40)
  augment image = [crop(28, padding: 4), hflip(0.5), noise(0.1)]
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  metrics   = [accuracy(logits, data.label)]
  optimizer = Adam(lr: 1e-3)
  validate  = 16
  batch     = 32
  epochs    = 2
  seed      = 11
}
`;

function trainSpec(text = TRAIN) {
  const path = join(dir, "small.dlnet");
  const r = checkFile(path, { readFile: (p) => (p === path ? text : undefined) });
  expect(r.diagnostics).toEqual([]);
  return r.elaborateTrain("Small")!;
}

/** A backend that records the data input `x` of every run: training steps (fed an lr) apart from evaluations. */
function recording(inner: Backend): { backend: Backend; steps: Float32Array[]; evals: Float32Array[] } {
  const steps: Float32Array[] = [];
  const evals: Float32Array[] = [];
  const backend: Backend = {
    name: inner.name,
    description: inner.description,
    async compile(g) {
      const exe = await inner.compile(g);
      return {
        run: (feeds, readback) => {
          if (feeds.x) (LR in feeds ? steps : evals).push(Float32Array.from(feeds.x.data as Float32Array));
          return exe.run(feeds, readback);
        },
      };
    },
    setState: (n, v) => inner.setState(n, v),
    getState: (n) => inner.getState(n),
    hasState: (n) => inner.hasState(n),
    stateNames: () => inner.stateNames(),
    dispose: () => inner.dispose(),
  };
  return { backend, steps, evals };
}

describe("training with augment", () => {
  it("augments training batches only: validation and test batches are the data as it is", async () => {
    const spec = trainSpec();
    const rec = recording(new CpuBackend());
    const r = await train({ spec, backend: rec.backend });
    expect(r.steps).toBe(6);
    // 2 epochs × 3 batches of the 80 training samples, each as augmentSample makes it.
    expect(rec.steps.length).toBe(6);
    const ds = mnist({ train: 96, test: 40 });
    const raw = new Set([...Array.from({ length: 96 }, (_, i) => ds.train.fields.image.subarray(i * 784, (i + 1) * 784).join())]);
    for (const b of rec.steps) for (let i = 0; i < b.length / 784; i++) expect(raw.has(b.subarray(i * 784, (i + 1) * 784).join())).toBe(false);
    // Held out: 16 validation samples after each epoch, then the 40 test samples, all unchanged.
    const evaluated = rec.evals.flatMap((b) => Array.from({ length: b.length / 784 }, (_, i) => b.subarray(i * 784, (i + 1) * 784).join()));
    expect(evaluated.length).toBe(16 * 2 + 40);
    for (const e of evaluated) expect(raw.has(e) || ds.test.fields.image.join().includes(e)).toBe(true);
    expect(evaluated.slice(-40)).toEqual(Array.from({ length: 40 }, (_, i) => ds.test.fields.image.subarray(i * 784, (i + 1) * 784).join()));
  }, 60_000);
});

describe("resuming with augment", () => {
  it("a run resumed from a checkpoint sees the augmented batches the uninterrupted run saw", async () => {
    const spec = trainSpec(TRAIN.replace("  validate  = 16\n", ""));
    const straight = recording(new CpuBackend());
    await train({ spec, backend: straight.backend, steps: 5, skipTest: true });
    const ck = join(dir, "half.safetensors");
    const first = recording(new CpuBackend());
    await train({ spec, backend: first.backend, steps: 2, out: ck, skipTest: true });
    const second = recording(new CpuBackend());
    await train({ spec, backend: second.backend, steps: 5, resume: ck, skipTest: true });
    expect([...first.steps, ...second.steps]).toEqual(straight.steps);
    expect(straight.steps.length).toBe(5);
  }, 60_000);
});

const gpu = await acquireDevice();
if ("error" in gpu && process.env.CI === "true") throw new Error(`CI=true but no WebGPU device: ${gpu.error}`);

describe.skipIf("error" in gpu)("augment on WebGPU", () => {
  const handle = "error" in gpu ? undefined : gpu;
  afterAll(() => handle?.release());

  it("trains on exactly the CPU backend's augmented batches", async () => {
    // One batch size and no held-out evaluation: a single step graph to compile (lavapipe compiles slowly).
    const spec = trainSpec(TRAIN.replace("mnist(train: 96, test: 40)", "mnist(train: 64, test: 0)").replace("  validate  = 16\n", ""));
    const cpu = recording(new CpuBackend());
    const ref = await train({ spec, backend: cpu.backend, steps: 3, logEvery: 1, skipTest: true });
    const web = recording(new WebGpuBackend({ ...handle!, release: () => {} }));
    const got = await train({ spec, backend: web.backend, steps: 3, logEvery: 1, skipTest: true });
    expect(web.steps.length).toBe(3);
    expect(web.steps).toEqual(cpu.steps);
    for (let i = 0; i < 3; i++) expect(got.losses[i].loss).toBeCloseTo(ref.losses[i].loss, 4);
  }, 300_000);
});
