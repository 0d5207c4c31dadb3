// tensors(path): the tensors of a safetensors file are the data fields; each
// tensor's first dimension indexes samples (all must agree), the rest is the
// per-sample shape. Floats (F32, F64, F16, BF16) become f32 fields, integers
// and booleans (I32, I64, U8, BOOL) i32 fields.
// Splits: tensors named `train/NAME` and `test/NAME` give the two splits of
// field NAME explicitly (every field needs both, with the same per-sample
// shape); otherwise every tensor is a field and `test` (a fraction in [0, 1)
// or a count; default 0: no test split) holds out evenly spread samples.

import { UserError } from "../../compiler/diagnostics";
import { readSafetensors, type SafetensorsContents, type StoredTensor } from "../checkpoint/safetensors";
import { evenSplit, takeSamples, type Dataset, type FieldData, type FieldSpec, type Split } from "./dataset";
import { resolveDataPath } from "./files";

export interface TensorsArgs {
  path: string;
  test?: number;
}

function toField(name: string, t: StoredTensor, what: string): { spec: FieldSpec; size: number; data: FieldData } {
  if (t.shape.length === 0) throw new UserError(`${what}: tensor '${name}' is a scalar; its first dimension must index samples`);
  const [size, ...shape] = t.shape;
  let data: FieldData;
  if (t.dtype === "f32") data = t.data as Float32Array;
  else if (t.dtype === "f64") data = Float32Array.from(t.data as Float64Array);
  else if (t.dtype === "i64") {
    const src = t.data as BigInt64Array;
    data = new Int32Array(src.length);
    for (let i = 0; i < src.length; i++) {
      if (src[i] > 2147483647n || src[i] < -2147483648n) {
        throw new UserError(`${what}: tensor '${name}' holds ${src[i]}, which does not fit in i32`);
      }
      data[i] = Number(src[i]);
    }
  } else data = t.dtype === "i32" ? (t.data as Int32Array) : Int32Array.from(t.data as Uint8Array);
  const dtype = data instanceof Float32Array ? "f32" : "i32";
  return { spec: { dtype, shape }, size, data };
}

function assemble(tensors: [string, StoredTensor][], what: string, splitName: string): { fields: Record<string, FieldSpec>; split: Split } {
  const fields: Record<string, FieldSpec> = {};
  const data: Record<string, FieldData> = {};
  let size: number | undefined;
  let first = "";
  for (const [name, t] of tensors) {
    const f = toField(name, t, what);
    if (size === undefined) [size, first] = [f.size, name];
    else if (f.size !== size) {
      throw new UserError(`${what}: ${splitName}tensor '${name}' has ${f.size} samples but '${first}' has ${size}`);
    }
    fields[name] = f.spec;
    data[name] = f.data;
  }
  return { fields, split: { size: size ?? 0, fields: data } };
}

export function tensors(args: TensorsArgs, baseDir = "."): Dataset {
  return tensorsFrom(readSafetensors(resolveDataPath(args.path, baseDir)), args);
}

/** The dataset of a safetensors file already read (the playground holds its bytes in memory). */
export function tensorsFrom(file: SafetensorsContents, args: TensorsArgs): Dataset {
  const what = `tensors '${args.path}'`;
  const all = [...file.tensors];
  if (all.length === 0) throw new UserError(`${what}: the file holds no tensors`);
  const prefixed = all.filter(([n]) => n.startsWith("train/") || n.startsWith("test/"));
  const description = `tensors("${args.path}")`;
  if (prefixed.length === 0) {
    const { fields, split } = assemble(all, what, "");
    const parts = evenSplit(split.size, args.test ?? 0, what);
    return { description, fields, train: takeSamples(split, fields, parts.train), test: takeSamples(split, fields, parts.test), info: {} };
  }
  if (prefixed.length !== all.length) {
    const stray = all.find(([n]) => !n.startsWith("train/") && !n.startsWith("test/"))![0];
    throw new UserError(`${what}: tensor '${stray}' has no train/ or test/ prefix, but others do`);
  }
  if (args.test !== undefined && args.test !== 0) {
    throw new UserError(`${what}: the file has its own test/ split; 'test' cannot be given too`);
  }
  const strip = (p: string) => all.filter(([n]) => n.startsWith(p)).map(([n, t]) => [n.slice(p.length), t] as [string, StoredTensor]);
  const train = assemble(strip("train/"), what, "train/");
  const test = assemble(strip("test/"), what, "test/");
  for (const name of new Set([...Object.keys(train.fields), ...Object.keys(test.fields)])) {
    const [a, b] = [train.fields[name], test.fields[name]];
    if (!a || !b) throw new UserError(`${what}: field '${name}' needs both 'train/${name}' and 'test/${name}'`);
    if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join()) {
      throw new UserError(`${what}: 'train/${name}' is ${a.dtype}[${a.shape}] per sample but 'test/${name}' is ${b.dtype}[${b.shape}]`);
    }
  }
  return { description, fields: train.fields, train: train.split, test: test.split, info: {} };
}
