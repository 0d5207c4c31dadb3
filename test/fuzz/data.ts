// The data a generated program trains on. Its second line declares the
// fields of a virtual `data.safetensors`:
//   // data: x f32[3, 4]; label i32[] < 3; target f32[2] in 0..1
// Values are drawn from a seed (f32 uniform in [lo, hi), default [-1, 1);
// i32 uniform in [0, hi)), so every backend sees the same batch.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CompilerHost } from "../../src/compiler/check/index";
import { encodeSafetensors, type StoredTensor } from "../../src/runtime/checkpoint/safetensors";
import type { Dataset, FieldSpec } from "../../src/runtime/data/dataset";
import { mulberry32 } from "../../src/runtime/data/prng";

export interface FieldDecl {
  name: string;
  dtype: "f32" | "i32";
  /** Per-sample shape. */
  shape: number[];
  lo?: number;
  hi: number;
}

/** Samples in the virtual file: enough for two batches of every generated batch size. */
export const SAMPLES = 8;

export function parseDataLine(source: string): FieldDecl[] {
  const line = source.split("\n").find((l) => l.startsWith("// data:"));
  if (!line) throw new Error("a fuzz case needs a '// data: ...' line declaring its fields");
  return line
    .slice("// data:".length)
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(\w+) (f32|i32)\[([\d, ]*)\](?: < (\d+)| in ([-\d.]+)\.\.([-\d.]+))?$/.exec(s);
      if (!m) throw new Error(`cannot read the data field '${s}'`);
      const shape = m[3].trim() ? m[3].split(",").map((d) => Number(d.trim())) : [];
      const dtype = m[2] as "f32" | "i32";
      if (dtype === "i32") return { name: m[1], dtype, shape, hi: Number(m[4] ?? 2) };
      return { name: m[1], dtype, shape, lo: Number(m[5] ?? -1), hi: Number(m[6] ?? 1) };
    });
}

/** `n` samples of every field, seeded. */
export function fieldTensors(fields: FieldDecl[], n: number, seed: number): Record<string, StoredTensor> {
  const out: Record<string, StoredTensor> = {};
  fields.forEach((f, k) => {
    const u = mulberry32(seed * 131 + k);
    const size = n * f.shape.reduce((a, b) => a * b, 1);
    const shape = [n, ...f.shape];
    if (f.dtype === "i32") out[f.name] = { dtype: "i32", shape, data: Int32Array.from({ length: size }, () => Math.floor(u() * f.hi)) };
    else {
      const lo = f.lo ?? -1;
      out[f.name] = { dtype: "f32", shape, data: Float32Array.from({ length: size }, () => lo + (f.hi - lo) * u()) };
    }
  });
  return out;
}

/** A compiler host holding one program at `path` and its data file beside it. */
export function fuzzHost(path: string, source: string, seed = 0): CompilerHost {
  const bytes = encodeSafetensors(fieldTensors(parseDataLine(source), SAMPLES, seed));
  const data = Buffer.from(bytes).toString("latin1");
  const dataPath = join(path, "..", "data.safetensors");
  return { readFile: (p) => (p === path ? source : p === dataPath ? data : undefined) };
}

/** The program's dataset, as the trainer takes it (no test split). */
export function datasetOf(source: string, seed = 0): Dataset {
  const fields = parseDataLine(source);
  const t = fieldTensors(fields, SAMPLES, seed);
  const specs: Record<string, FieldSpec> = {};
  for (const f of fields) specs[f.name] = { dtype: f.dtype, shape: f.shape };
  return {
    description: "fuzz data",
    fields: specs,
    train: { size: SAMPLES, fields: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.data as Float32Array | Int32Array])) },
    test: { size: 0, fields: Object.fromEntries(fields.map((f) => [f.name, f.dtype === "f32" ? new Float32Array() : new Int32Array()])) },
    info: {},
  };
}

/** Writes the program and its data file into `dir`, so `dlnet train` runs it as a user would. */
export function writeCase(dir: string, name: string, source: string, seed = 0): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  writeFileSync(join(dir, "data.safetensors"), encodeSafetensors(fieldTensors(parseDataLine(source), SAMPLES, seed)));
  return path;
}
