// Tensors as JSON for `dlnet run`: IN.json maps each model input to
// `{"shape": [...], "data": [...]}` or to a nested array, and the outputs are
// written back as `{"shape": [...], "data": [...]}` (flat, row-major).
//
// Every problem is a UserError naming the input, the type the model declares
// (symbolic dims as written) and what was given, so a user sees one line.

import { UserError } from "../compiler/diagnostics";
import { type Dim } from "../compiler/dims";
import { showType, type TensorType } from "../compiler/tensor-type";
import type { Graph } from "../compiler/ir/graph";
import { firstOutOfRange, indexChecks } from "../compiler/ir/index-checks";
import { evalDim, type DimEnv } from "../compiler/ir/types";
import type { Tensor, TensorDType } from "../compiler/tensor";
import { makeTensor } from "../compiler/tensor";

export interface DeclaredInput {
  readonly name: string;
  readonly type: TensorType;
}

/** Exit code of a bad inputs file: the input is user data (1), like bad weights. */
const BAD_INPUT = 1;

const fail = (msg: string): never => {
  throw new UserError(msg, BAD_INPUT);
};

/** A JSON value as shape + flat values, or a reason it is not a tensor. */
function flatten(v: unknown): { shape: number[]; values: unknown[] } | string {
  if (!Array.isArray(v)) return { shape: [], values: [v] };
  if (v.length === 0) return { shape: [0], values: [] };
  const parts = v.map(flatten);
  const bad = parts.find((p): p is string => typeof p === "string");
  if (bad) return bad;
  const first = parts[0] as { shape: number[] };
  for (const p of parts as { shape: number[]; values: unknown[] }[]) {
    if (p.shape.length !== first.shape.length || p.shape.some((d, i) => d !== first.shape[i])) {
      return `a ragged nested array (rows of shapes [${first.shape}] and [${p.shape}])`;
    }
  }
  return { shape: [v.length, ...first.shape], values: (parts as { values: unknown[] }[]).flatMap((p) => p.values) };
}

function given(value: unknown): { shape: number[]; values: unknown[] } | string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (!("shape" in o) || !("data" in o)) return "an object without both 'shape' and 'data'";
    const shape = o.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
      return `'shape' ${JSON.stringify(shape)}, not a list of non-negative integers`;
    }
    const data = flatten(o.data);
    if (typeof data === "string") return data;
    const n = shape.reduce((p: number, d: number) => p * d, 1);
    if (data.values.length !== n) return `shape [${shape.join(", ")}] (${n} values) with ${data.values.length} values in 'data'`;
    return { shape: shape as number[], values: data.values };
  }
  return flatten(value);
}

/**
 * Binds the symbolic dims of the declared inputs from the given shapes and
 * converts the values. Throws UserError (exit 1) on a missing or unknown
 * input, a wrong rank, size or dtype, or a symbol bound two ways.
 */
export function readInputs(json: unknown, declared: readonly DeclaredInput[], file: string): { feeds: Record<string, Tensor>; env: DimEnv } {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    fail(`${file}: expected a JSON object mapping input names to tensors (${declared.map((d) => d.name).join(", ")})`);
  }
  const obj = json as Record<string, unknown>;
  const names = declared.map((d) => d.name);
  const unknown = Object.keys(obj).filter((k) => !names.includes(k));
  if (unknown.length) fail(`${file}: '${unknown[0]}' is not an input of the model (its inputs: ${names.join(", ")})`);
  const env: Record<string, number> = {};
  const boundBy: Record<string, string> = {};
  const parsed: { d: DeclaredInput; shape: number[]; values: unknown[] }[] = [];
  for (const d of declared) {
    const want = showType(d.type);
    if (!(d.name in obj)) fail(`${file}: missing input '${d.name}' (expected ${want})`);
    const g = given(obj[d.name]);
    if (typeof g === "string") fail(`${file}: input '${d.name}' (expected ${want}) is ${g}`);
    const { shape } = g as { shape: number[] };
    const got = `shape [${shape.join(", ")}]`;
    if (shape.length !== d.type.shape.length) {
      fail(`${file}: input '${d.name}' expects ${want} (rank ${d.type.shape.length}), got ${got} (rank ${shape.length})`);
    }
    // Plain symbols bind first; formulas (`T+1`) are checked after every symbol is known.
    d.type.shape.forEach((dim, axis) => {
      if (typeof dim !== "string" || !/^[A-Za-z_]\w*$/.test(dim)) return;
      if (dim in env && env[dim] !== shape[axis]) {
        fail(`${file}: input '${d.name}' expects ${want}, got ${got}: '${dim}' is ${env[dim]} from input '${boundBy[dim]}' but ${shape[axis]} here`);
      }
      env[dim] = shape[axis];
      boundBy[dim] ??= d.name;
    });
    parsed.push({ d, ...(g as { shape: number[]; values: unknown[] }) });
  }
  const feeds: Record<string, Tensor> = {};
  for (const { d, shape, values } of parsed) {
    const want = showType(d.type);
    d.type.shape.forEach((dim: Dim, axis) => {
      const v = evalDim(dim, env);
      if (typeof v === "number" && v !== shape[axis]) {
        fail(`${file}: input '${d.name}' expects ${want}, got shape [${shape.join(", ")}]: dim ${axis} must be ${v}`);
      }
    });
    feeds[d.name] = toTensor(values, shape, d, file);
  }
  return { feeds, env };
}

function toTensor(values: unknown[], shape: number[], d: DeclaredInput, file: string): Tensor {
  const dtype: TensorDType = d.type.dtype === "i32" ? "i32" : d.type.dtype === "bool" ? "bool" : "f32";
  const out = makeTensor(dtype, shape);
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (dtype === "bool" && typeof v === "boolean") v = v ? 1 : 0;
    if (typeof v !== "number") fail(`${file}: input '${d.name}' (${showType(d.type)}) has a non-number value ${JSON.stringify(v)} at flat index ${i}`);
    const x = v as number;
    if (dtype === "i32" && (!Number.isInteger(x) || x < -(2 ** 31) || x >= 2 ** 31)) {
      fail(`${file}: input '${d.name}' is ${showType(d.type)}, so its values must be 32-bit integers; got ${x} at flat index ${i}`);
    }
    if (dtype === "bool" && x !== 0 && x !== 1) fail(`${file}: input '${d.name}' is bool; got ${x} at flat index ${i}`);
    out.data[i] = x;
  }
  return out;
}

/**
 * Index inputs (token ids into an Embedding, labels of one_hot) must lie
 * inside what they index: out of range, the CPU interpreter stops and a GPU
 * kernel would read another row. Checks every input the graph indexes with
 * (ir/index-checks.ts).
 */
export function checkIndexRanges(graph: Graph, feeds: Readonly<Record<string, Tensor>>, file: string): void {
  for (const c of indexChecks(graph)) {
    const t = feeds[c.input];
    if (!t) continue;
    const i = firstOutOfRange(t.data, c, t.shape.slice(1));
    if (i >= 0) fail(`${file}: input '${c.input}' holds ${t.data[i]} at flat index ${i}, outside ${c.what} (0 to ${c.size - 1}) that the model indexes with it`);
  }
}

/** Outputs as JSON text: `{"logits": {"shape": [2, 10], "data": [...]}}`. NaN and infinities become null. */
export function outputsToJson(outputs: Readonly<Record<string, Tensor>>): string {
  const o: Record<string, { shape: number[]; data: (number | null)[] }> = {};
  for (const [name, t] of Object.entries(outputs)) {
    o[name] = { shape: t.shape.slice(), data: Array.from(t.data, (x) => (Number.isFinite(x) ? x : null)) };
  }
  return JSON.stringify(o) + "\n";
}
