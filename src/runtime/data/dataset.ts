// What every data source produces: named fields with a dtype and a per-sample
// shape, a train and a test split stored column-wise (one typed array per
// field, samples back to back), and a batch iterator. Batches keep the last
// partial batch (drop_last = false): every sample is seen once per epoch.

import { UserError } from "../../compiler/diagnostics";
import { epochOrder } from "./prng";

export type FieldDtype = "f32" | "i32";
export type FieldData = Float32Array | Int32Array;

export interface FieldSpec {
  dtype: FieldDtype;
  /** Shape of one sample (`[784]`; `[]` for a scalar label). */
  shape: number[];
}

export interface Split {
  /** Number of samples. */
  size: number;
  /** Per field: `size × numel(shape)` values, sample-major. */
  fields: Record<string, FieldData>;
}

export interface Dataset {
  /** How it was made, for logs: `mnist(train: 8000, test: 2000)`. */
  description: string;
  fields: Record<string, FieldSpec>;
  train: Split;
  /** Size 0 when the source has no test split. */
  test: Split;
  /** Source-specific facts: `vocab` (text: the characters, in token order), `classes` (csv). */
  info: Record<string, unknown>;
}

export function sampleSize(spec: FieldSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

export function emptyArray(dtype: FieldDtype, n: number): FieldData {
  return dtype === "f32" ? new Float32Array(n) : new Int32Array(n);
}

/** The samples `indices` of a split, as a new split (used for train/test splits and batches). */
export function takeSamples(split: Split, fields: Record<string, FieldSpec>, indices: ArrayLike<number>): Split {
  const out: Record<string, FieldData> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const k = sampleSize(spec);
    const src = split.fields[name];
    const dst = emptyArray(spec.dtype, indices.length * k);
    for (let i = 0; i < indices.length; i++) {
      const s = indices[i] * k;
      if (k === 1) dst[i] = src[s];
      else dst.set(src.subarray(s, s + k), i * k);
    }
    out[name] = dst;
  }
  return { size: indices.length, fields: out };
}

/**
 * Splits `n` samples into train and test by `test`: a fraction in [0, 1) or a
 * count ≥ 1. Test samples are spread evenly over the data (every n/m-th
 * sample), not taken from the end, so a file sorted by class still tests
 * every class; no randomness is involved.
 */
export function evenSplit(n: number, test: number, what: string): { train: Int32Array; test: Int32Array } {
  const m = testCount(n, test, what);
  const isTest = new Uint8Array(n);
  for (let j = 0; j < m; j++) isTest[Math.floor(((j + 0.5) * n) / m)] = 1;
  const train = new Int32Array(n - m);
  const tst = new Int32Array(m);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isTest[i]) tst[b++] = i;
    else train[a++] = i;
  }
  return { train, test: tst };
}

/** The number of test samples `test` (fraction or count) asks for out of `n`. */
export function testCount(n: number, test: number, what: string): number {
  if (!(test >= 0) || (test >= 1 && !Number.isInteger(test))) {
    throw new UserError(`${what}: 'test' must be a fraction in [0, 1) or a whole number of samples, got ${test}`);
  }
  const m = test < 1 ? Math.round(test * n) : test;
  if (m >= n && n > 0) {
    throw new UserError(`${what}: 'test' asks for ${m} test samples but there are only ${n}; nothing would be left to train on`);
  }
  return m;
}

// ---------------------------------------------------------------- batches

export interface BatchOptions {
  batchSize: number;
  /** Shuffle with the order of (seed, epoch); off for evaluation. Default true. */
  shuffle?: boolean;
  seed?: number;
  /** 0-based epoch; with `seed` it fixes the order. */
  epoch?: number;
  /** Skip the first batches of the epoch (resuming mid-epoch). */
  startBatch?: number;
}

export interface Batch {
  /** 0-based batch number within the epoch. */
  index: number;
  /** Samples in this batch; the last batch may be smaller than batchSize. */
  size: number;
  /** Which samples of the split, in batch order. */
  samples: Int32Array;
  fields: Record<string, FieldData>;
}

/** Batches per epoch (the last partial batch counts). */
export function batchCount(size: number, batchSize: number): number {
  return Math.ceil(size / batchSize);
}

export function* batches(split: Split, fields: Record<string, FieldSpec>, opts: BatchOptions): Generator<Batch> {
  const { batchSize, shuffle = true, seed = 0, epoch = 0, startBatch = 0 } = opts;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UserError(`batch size must be a positive integer, got ${batchSize}`);
  const order = shuffle ? epochOrder(split.size, seed, epoch) : Int32Array.from({ length: split.size }, (_, i) => i);
  for (let b = startBatch; b * batchSize < split.size; b++) {
    const samples = order.subarray(b * batchSize, Math.min(split.size, (b + 1) * batchSize));
    const part = takeSamples(split, fields, samples);
    yield { index: b, size: part.size, samples: Int32Array.from(samples), fields: part.fields };
  }
}
