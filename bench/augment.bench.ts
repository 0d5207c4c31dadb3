// Host cost of `augment` per training batch: MNIST, batch 64, each transform
// alone and the usual list together, against gathering the batch itself
// (takeSamples, which every step does anyway). Prints the median of repeated
// timings and the machine's load (the CPU is shared).
//
//   node bin/run-ts.js bench/augment.bench.ts

import { loadavg } from "node:os";
import type { AugmentSpec, AugmentStep } from "../src/compiler/check/elaborated";
import { augmentBatch } from "../src/runtime/data/augment";
import { batches, mnist, type Batch } from "../src/runtime/data/index";

const ds = mnist({ train: 8000, test: 0 });
const BATCH = 64;
const REPEAT = 400;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Ms per batch of `work` over REPEAT batches of epoch 0 (after a warm-up pass): the
 * process's CPU time (user + system), which other processes on a shared machine
 * do not inflate as they do wall time, and the median wall time.
 */
function time(work: (b: Batch, i: number) => void): { cpu: number; wall: number } {
  const all = [...batches(ds.train, ds.fields, { batchSize: BATCH, seed: 1, epoch: 0 })];
  for (let i = 0; i < 50; i++) work(all[i % all.length], i);
  const ms: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < REPEAT; i++) {
    const b = all[i % all.length];
    const t = performance.now();
    work(b, i);
    ms.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000 / REPEAT, wall: median(ms) };
}

const spec = (steps: AugmentStep[]): AugmentSpec[] => [{ field: "image", layout: [1, 28, 28], steps }];
const crop: AugmentStep = { kind: "crop", size: [28, 28], padding: [4, 4, 4, 4], fill: 0 };
const hflip: AugmentStep = { kind: "hflip", p: 0.5 };
const noise: AugmentStep = { kind: "noise", std: 0.1, mean: 0 };

// The gather every step does anyway: one batch of the iterator per call.
let it = batches(ds.train, ds.fields, { batchSize: BATCH, seed: 1, epoch: 0 });
const rows: [string, { cpu: number; wall: number }][] = [
  [
    "gather a batch (takeSamples, every step)",
    time(() => {
      if (it.next().done) it = batches(ds.train, ds.fields, { batchSize: BATCH, seed: 1, epoch: 0 });
    }),
  ],
];
for (const [name, steps] of [
  ["crop(28, padding: 4)", [crop]],
  ["hflip(0.5)", [hflip]],
  ["noise(0.1)", [noise]],
  ["[crop(28, padding: 4), hflip(0.5), noise(0.1)]", [crop, hflip, noise]],
] as [string, AugmentStep[]][]) {
  rows.push([name, time((b, i) => augmentBatch(b, spec(steps), 1, i))]);
}
console.log(`augment, mnist batch ${BATCH}, ms per batch over ${REPEAT} batches: CPU time, median wall time (load ${loadavg()[0].toFixed(1)})`);
for (const [name, t] of rows) console.log(`  ${name.padEnd(50)} ${t.cpu.toFixed(3)} ms CPU   ${t.wall.toFixed(3)} ms wall`);
