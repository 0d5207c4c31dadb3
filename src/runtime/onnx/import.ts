// Weights in from an .onnx file: its initializers by name, as host tensors,
// and the check of those names and shapes against a model's parameters
// (`init = "model.onnx"` in a train block, `dlnet run --weights model.onnx`).
//
// A bad file is a user error, never a protobuf stack trace: every failure
// throws UserError naming the file and what is wrong with it.

import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { decodeModel, tensorFromProto, type TensorData } from "../../compiler/codegen/onnx/proto";
import { diag, UserError, type Diagnostic } from "../../compiler/diagnostics";
import type { Span } from "../../compiler/source";
import type { Tensor } from "../../compiler/tensor";

/** Read an .onnx file's initializers. Throws UserError on a missing, corrupt or truncated file. */
export function readOnnxInitializers(path: string): Map<string, Tensor> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
    throw new UserError(`${path}: cannot read ONNX file: ${why}`);
  }
  return onnxInitializers(bytes, path);
}

/**
 * The initializers of ONNX bytes, by name. `file` names the source in errors
 * and locates external data files (stored beside the model, as ONNX does).
 */
export function onnxInitializers(bytes: Uint8Array, file: string): Map<string, Tensor> {
  const model = decodeModel(bytes, file);
  const readExternal = (location: string, offset: number, length: number | undefined): Uint8Array => {
    if (isAbsolute(location) || location.split(/[\\/]/).includes("..")) {
      throw new Error("external data must be a relative path inside the model's folder");
    }
    const all = readFileSync(resolve(dirname(file), location));
    const end = length === undefined ? all.length : offset + length;
    if (end > all.length) throw new Error(`file has ${all.length} bytes, needs ${end}`);
    return all.subarray(offset, end);
  };
  const out = new Map<string, Tensor>();
  for (const t of model.graph?.initializer ?? []) {
    const name = t.name ?? "";
    if (!name) throw new UserError(`${file}: an initializer has no name`);
    if (out.has(name)) throw new UserError(`${file}: initializer '${name}' appears twice`);
    const d = tensorFromProto(t, readExternal);
    if (typeof d === "string") throw new UserError(`${file}: initializer '${name}': ${d}`);
    const host = toHost(d);
    if (typeof host === "string") throw new UserError(`${file}: initializer '${name}': ${host}`);
    out.set(name, host);
  }
  return out;
}

/** ONNX element types in the host dtypes: floats as f32 (f64 kept), integers as i32 when they fit. */
function toHost(t: TensorData): Tensor | string {
  const shape = t.dims;
  switch (t.dtype) {
    case "f32":
      return { dtype: "f32", shape, data: t.data as Float32Array };
    case "f64":
      return { dtype: "f64", shape, data: t.data as Float64Array };
    case "f16":
      return { dtype: "f32", shape, data: Float32Array.from(t.data as Uint16Array, halfToFloat) };
    case "bool":
      return { dtype: "bool", shape, data: t.data as Uint8Array };
    case "i32":
      return { dtype: "i32", shape, data: t.data as Int32Array };
    case "i8":
    case "u8":
      return { dtype: "i32", shape, data: Int32Array.from(t.data as Int8Array | Uint8Array) };
    case "i64": {
      const src = t.data as BigInt64Array;
      const out = new Int32Array(src.length);
      for (let i = 0; i < src.length; i++) {
        if (src[i] > 2147483647n || src[i] < -2147483648n) return `INT64 value ${src[i]} does not fit in i32`;
        out[i] = Number(src[i]);
      }
      return { dtype: "i32", shape, data: out };
    }
  }
}

/** IEEE 754 half bits to a number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

// ---- matching against a model's parameters ----------------------------------

export interface ParamMatch {
  /** Parameters found with the right shape, ready to load. */
  matched: Map<string, Tensor>;
  missing: string[];
  unexpected: string[];
  diagnostics: Diagnostic[];
}

export interface MatchOptions {
  /** Where the diagnostics point (the `init = "..."` setting); defaults to the weights file itself. */
  at?: { file: string; span: Span };
  /**
   * Transfer learning loads what matches: then missing and unexpected names
   * are warnings. Strict (the default) makes them errors.
   */
  strict?: boolean;
}

/**
 * Compare a model's parameters (name -> shape) with the tensors of a weights
 * file. Every problem is reported, in one list: missing names (with "did you
 * mean" when an unexpected name is close), unexpected names, and shape
 * mismatches (always errors: loading them would be wrong, not partial).
 */
export function matchParameters(
  expected: ReadonlyMap<string, readonly number[]>,
  found: ReadonlyMap<string, Tensor>,
  weightsFile: string,
  opts: MatchOptions = {},
): ParamMatch {
  const at = opts.at ?? { file: weightsFile, span: { start: 0, end: 0 } };
  const nameSeverity = opts.strict === false ? "warning" : "error";
  const diagnostics: Diagnostic[] = [];
  const matched = new Map<string, Tensor>();
  const missing: string[] = [];
  for (const [name, shape] of expected) {
    const t = found.get(name);
    if (!t) {
      missing.push(name);
      continue;
    }
    if (t.dtype !== "f32" && t.dtype !== "f64") {
      diagnostics.push(diag("DL4008", `${weightsFile}: parameter '${name}' is ${t.dtype}, expected f32`, at.file, at.span));
    } else if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      diagnostics.push(
        diag("DL4008", `${weightsFile}: parameter '${name}' has shape [${t.shape.join(", ")}], the model expects [${shape.join(", ")}]`, at.file, at.span),
      );
    } else {
      matched.set(name, t.dtype === "f64" ? { dtype: "f32", shape: t.shape, data: Float32Array.from(t.data) } : t);
    }
  }
  const unexpected = [...found.keys()].filter((n) => !expected.has(n));
  const unclaimed = new Set(unexpected);
  for (const name of missing) {
    const guess = nearestName(name, unclaimed);
    if (guess) unclaimed.delete(guess);
    const hint = guess ? ` (did you mean '${guess}'?)` : "";
    diagnostics.push(
      diag("DL4008", `${weightsFile}: no tensor for parameter '${name}'${hint}`, at.file, at.span, { severity: nameSeverity }),
    );
  }
  for (const name of unexpected) {
    diagnostics.push(
      diag("DL4008", `${weightsFile}: tensor '${name}' matches no parameter of the model`, at.file, at.span, { severity: nameSeverity }),
    );
  }
  return { matched, missing, unexpected, diagnostics };
}

/**
 * The candidate that most plausibly is `name` under another spelling: same
 * name after a prefix (`model.fc1.weight` for `fc1.weight`), or within a few
 * edits (`fc_1.weight`). Undefined when nothing is close.
 */
function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
  for (const c of candidates) {
    const score = c.endsWith("." + name) || name.endsWith("." + c) ? 0.5 : editDistance(name, c);
    if (score <= limit && score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}

