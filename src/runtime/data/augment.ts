// Image augmentation of training batches (`augment image = [crop(28, padding: 4),
// hflip(0.5), noise(0.1)]`), on the host before a batch is uploaded: one
// implementation, so the CPU and WebGPU backends train on identical batches.
//
// Every draw comes from the counter-based generator randn/rand use
// (uniformAt: a hash of (seed, salt, index)), keyed by (train seed, epoch,
// sample, field): a sample's augmentation does not depend on the batch size,
// on which batch it falls in, or on a resumed run's starting point, and it
// changes from one epoch to the next. Transform t of the list draws with salt
// t + 1: crop its top (index 0) and left (index 1) offsets, a flip one
// uniform compared with p (flip when u < p, as torchvision's `rand(1) < p`),
// noise a standard normal per value, by Box–Muller as random_normal draws them
// (with both its outputs: values 2i and 2i + 1 share the uniforms of index i).
// Validation, test and metric batches are never augmented (the trainer only
// calls this on training batches).

import type { AugmentSpec, AugmentStep } from "../../compiler/check/elaborated";
import { uniformAt, uniformKey, uniformOfKey } from "../../compiler/ir/ops/sources";
import type { Batch } from "./dataset";
import { hash32, mixSeed } from "./prng";

/** What one transform drew for one sample. */
export type Draw =
  | { kind: "crop"; top: number; left: number }
  | { kind: "flip"; flip: boolean }
  | { kind: "noise"; z: Float64Array };

/** The key of one sample's draws: (seed, epoch, the sample's index in the train split, the field). */
export function sampleKey(seed: number, epoch: number, sample: number, field: string): number {
  let h = 0;
  for (let i = 0; i < field.length; i++) h = hash32(h ^ field.charCodeAt(i));
  return mixSeed(seed, 0xa06e, epoch, sample, h);
}

/** The draws of transform `t` (its position in the list) for the sample keyed `key`. */
export function drawStep(step: AugmentStep, layout: readonly [number, number, number], key: number, t: number): Draw {
  const salt = t + 1;
  const [C, H, W] = layout;
  switch (step.kind) {
    case "crop": {
      const [l, top, r, b] = step.padding;
      const rangeY = H + top + b - step.size[0] + 1;
      const rangeX = W + l + r - step.size[1] + 1;
      return { kind: "crop", top: Math.floor(uniformAt(key, salt, 0) * rangeY), left: Math.floor(uniformAt(key, salt, 1) * rangeX) };
    }
    case "hflip":
    case "vflip":
      return { kind: "flip", flip: uniformAt(key, salt, 0) < step.p };
    case "noise": {
      const n = C * H * W;
      const z = new Float64Array(n);
      normals(uniformKey(key, salt), uniformKey(key, (salt ^ 0x68e31da4) >>> 0), z);
      return { kind: "noise", z };
    }
  }
}

/** Standard normals into `z` by Box–Muller, both outputs: values 2i and 2i + 1 from the uniforms of index i in the streams k1, k2. */
function normals(k1: number, k2: number, z: Float64Array): void {
  const n = z.length;
  for (let i = 0; 2 * i < n; i++) {
    const r = Math.sqrt(-2 * Math.log(1 - uniformOfKey(k1, i)));
    const a = 2 * Math.PI * uniformOfKey(k2, i);
    z[2 * i] = r * Math.cos(a);
    if (2 * i + 1 < n) z[2 * i + 1] = r * Math.sin(a);
  }
}

/**
 * One transform with its draw, from `src` (a C×H×W image, row-major) into `dst`
 * (same size; may not alias `src` for crop and flips).
 */
export function applyStep(step: AugmentStep, draw: Draw, layout: readonly [number, number, number], src: Float32Array, dst: Float32Array): void {
  const [C, H, W] = layout;
  switch (step.kind) {
    case "crop": {
      const { top, left } = draw as Extract<Draw, { kind: "crop" }>;
      // Window row y, column x reads the padded image at (top + y, left + x): the source
      // pixel (top + y - pad_top, left + x - pad_left) when inside, else fill.
      const [pl, pt] = step.padding;
      const [h, w] = step.size;
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < h; y++) {
          const sy = top + y - pt;
          const row = (c * h + y) * w;
          if (sy < 0 || sy >= H) {
            dst.fill(step.fill, row, row + w);
            continue;
          }
          const x0 = Math.max(0, pl - left);
          const x1 = Math.min(w, W + pl - left);
          if (x0 > 0) dst.fill(step.fill, row, row + Math.min(x0, w));
          if (x1 < w) dst.fill(step.fill, row + Math.max(x1, 0), row + w);
          if (x1 > x0) {
            const s = (c * H + sy) * W + (left + x0 - pl);
            dst.set(src.subarray(s, s + (x1 - x0)), row + x0);
          }
        }
      }
      return;
    }
    case "hflip":
    case "vflip": {
      if (!(draw as Extract<Draw, { kind: "flip" }>).flip) {
        dst.set(src);
        return;
      }
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < H; y++) {
          const sy = step.kind === "vflip" ? H - 1 - y : y;
          const d = (c * H + y) * W;
          const s = (c * H + sy) * W;
          if (step.kind === "vflip") dst.set(src.subarray(s, s + W), d);
          else for (let x = 0; x < W; x++) dst[d + x] = src[s + W - 1 - x];
        }
      }
      return;
    }
    case "noise": {
      const { z } = draw as Extract<Draw, { kind: "noise" }>;
      for (let i = 0; i < src.length; i++) dst[i] = src[i] + (step.mean + step.std * z[i]);
      return;
    }
  }
}

/** Every transform of `spec`, in order, on one sample (a copy of `image`); its draws keyed by `key`. */
export function augmentSample(image: Float32Array, spec: AugmentSpec, key: number): Float32Array {
  let cur = Float32Array.from(image);
  let next = new Float32Array(image.length);
  spec.steps.forEach((step, t) => {
    applyStep(step, drawStep(step, spec.layout, key, t), spec.layout, cur, next);
    [cur, next] = [next, cur];
  });
  return cur;
}

/** Augments a training batch's fields in place (a batch owns its arrays). `batch.samples` index the train split. */
export function augmentBatch(batch: Batch, specs: readonly AugmentSpec[], seed: number, epoch: number): void {
  for (const spec of specs) {
    const data = batch.fields[spec.field] as Float32Array;
    const k = spec.layout[0] * spec.layout[1] * spec.layout[2];
    for (let i = 0; i < batch.size; i++) {
      const image = data.subarray(i * k, (i + 1) * k);
      image.set(augmentSample(image, spec, sampleKey(seed, epoch, batch.samples[i], spec.field)));
    }
  }
}
