// A synthetic dataset shaped like a train block's data source: the same field
// names, dtypes and per-sample shapes (DataSpec.fields), generated from a seed,
// so a browser page can train a model written for `mnist(...)` or `csv(...)`
// without the files. Learnable on purpose: every sample has a class, scalar
// i32 fields hold it, and each f32 field is its class's fixed random prototype
// plus noise, so a loss that the model can lower falls. Deterministic across
// engines: mulberry32 and float32 arithmetic only (Node and a browser build
// the identical arrays, which the browser test relies on).

import type { TrainSpec } from "../compiler/check/elaborated";
import type { Dataset, FieldData, FieldSpec, Split } from "../runtime/data/dataset";
import { mixSeed, mulberry32 } from "../runtime/data/prng";

export interface SyntheticOptions {
  /** Training samples (default 256). */
  train?: number;
  /** Held-out samples (default 64). */
  test?: number;
  /** Number of classes: values of scalar i32 fields (default 10). */
  classes?: number;
  /** Noise amplitude around each class prototype, in [0, 1] (default 0.5). */
  noise?: number;
  seed?: number;
}

/** The per-sample fields a train block's data source provides (from the checker). */
export function fieldsOf(spec: TrainSpec): Record<string, FieldSpec> {
  const fields = spec.data.fields;
  if (!fields) throw new Error(`data source '${spec.data.source}' does not declare its fields; pass a Dataset instead`);
  const out: Record<string, FieldSpec> = {};
  for (const [name, t] of Object.entries(fields)) {
    const shape = t.shape.map((d) => {
      if (typeof d !== "number") throw new Error(`data field '${name}' has a symbolic size (${String(d)}); pass a Dataset instead`);
      return d;
    });
    out[name] = { dtype: t.dtype === "i32" ? "i32" : "f32", shape };
  }
  return out;
}

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function syntheticDataset(fields: Record<string, FieldSpec>, o: SyntheticOptions = {}): Dataset {
  const classes = o.classes ?? 10;
  const noise = o.noise ?? 0.5;
  const seed = o.seed ?? 0;
  const names = Object.keys(fields).sort();
  // Per f32 field: one prototype per class, from the field's own stream.
  const prototypes = new Map<string, Float32Array>();
  for (const name of names) {
    const f = fields[name];
    if (f.dtype !== "f32") continue;
    const k = numel(f.shape);
    const rand = mulberry32(mixSeed(seed, hashName(name), 1));
    const p = new Float32Array(classes * k);
    for (let i = 0; i < p.length; i++) p[i] = rand();
    prototypes.set(name, p);
  }
  const split = (size: number, which: number): Split => {
    const rand = mulberry32(mixSeed(seed, which, 2));
    const labels = new Int32Array(size);
    for (let i = 0; i < size; i++) labels[i] = Math.floor(rand() * classes);
    const out: Record<string, FieldData> = {};
    for (const name of names) {
      const f = fields[name];
      const k = numel(f.shape);
      if (f.dtype === "i32") {
        // A scalar i32 field is the class; a longer one (tokens) is class-coloured noise.
        const data = new Int32Array(size * k);
        const r = mulberry32(mixSeed(seed, which, hashName(name), 3));
        for (let i = 0; i < size; i++) {
          for (let j = 0; j < k; j++) data[i * k + j] = k === 1 ? labels[i] : (labels[i] + Math.floor(r() * 2)) % classes;
        }
        out[name] = data;
      } else {
        const proto = prototypes.get(name)!;
        const data = new Float32Array(size * k);
        const r = mulberry32(mixSeed(seed, which, hashName(name), 4));
        for (let i = 0; i < size; i++) {
          const base = labels[i] * k;
          for (let j = 0; j < k; j++) data[i * k + j] = (1 - noise) * proto[base + j] + noise * r();
        }
        out[name] = data;
      }
    }
    return { size, fields: out };
  };
  const train = o.train ?? 256;
  const test = o.test ?? 64;
  return {
    description: `synthetic(train: ${train}, test: ${test}, classes: ${classes}, seed: ${seed})`,
    fields: { ...fields },
    train: split(train, 0),
    test: split(test, 1),
    info: { classes },
  };
}

/** A stable number for a field name (FNV-1a), so each field has its own stream. */
function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
