// The safetensors format (https://github.com/huggingface/safetensors):
//   u64 little-endian N | N bytes of JSON header | raw little-endian data
// The header maps each tensor name to {dtype, shape, data_offsets: [begin, end]}
// (offsets relative to the data section) and may hold `__metadata__`, a
// string→string map. Reading validates everything before touching the data,
// so a corrupt or truncated file is a one-line UserError naming the file and
// the problem, never a RangeError. Writing is atomic (temp file, fsync,
// rename): a crash leaves the old checkpoint or the new one, never half of one.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../../compiler/diagnostics";
import type { Tensor } from "../../compiler/tensor";

/** Dtypes as dlnet holds them in memory. */
export type TensorDtype = "f32" | "f64" | "i32" | "i64" | "u8" | "bool";

export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;

/**
 * A tensor as stored: `data` is row-major, `bool` is a Uint8Array of 0/1.
 * Every runtime `Tensor` (src/compiler/tensor.ts) is one, so it can be written as is.
 */
export interface StoredTensor {
  readonly dtype: TensorDtype;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

export interface SafetensorsContents {
  /** In the order of the header (which is the order they were written). */
  tensors: Map<string, StoredTensor>;
  metadata: Record<string, string>;
}

/** File dtype → in-memory dtype and bytes per element. F16 and BF16 widen to f32. */
const FILE_DTYPES = {
  F32: { dtype: "f32", size: 4 },
  F64: { dtype: "f64", size: 8 },
  F16: { dtype: "f32", size: 2 },
  BF16: { dtype: "f32", size: 2 },
  I32: { dtype: "i32", size: 4 },
  I64: { dtype: "i64", size: 8 },
  U8: { dtype: "u8", size: 1 },
  BOOL: { dtype: "bool", size: 1 },
} as const satisfies Record<string, { dtype: TensorDtype; size: number }>;

type FileDtype = keyof typeof FILE_DTYPES;

const WRITE_DTYPE: Record<TensorDtype, FileDtype> = {
  f32: "F32",
  f64: "F64",
  i32: "I32",
  i64: "I64",
  u8: "U8",
  bool: "BOOL",
};

const ARRAY_FOR: Record<TensorDtype, new (n: number) => TensorData> = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  i64: BigInt64Array,
  u8: Uint8Array,
  bool: Uint8Array,
};

/** Headers larger than this are refused before parsing (the reference implementation uses 100 MB). */
const MAX_HEADER = 100_000_000;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error("safetensors: this module assumes a little-endian host");
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

// ---------------------------------------------------------------- encode / write

export function encodeSafetensors(
  tensors: ReadonlyMap<string, StoredTensor> | Readonly<Record<string, StoredTensor>>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const entries: [string, StoredTensor][] =
    tensors instanceof Map ? [...(tensors as ReadonlyMap<string, StoredTensor>)] : Object.entries(tensors);
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = { ...metadata };
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, t] of entries) {
    if (name === "__metadata__" || name === "") throw new Error(`safetensors: invalid tensor name '${name}'`);
    const n = numel(t.shape);
    if (t.shape.some((d) => !Number.isSafeInteger(d) || d < 0) || n !== t.data.length) {
      throw new Error(`safetensors: tensor '${name}' has shape [${t.shape}] but ${t.data.length} elements`);
    }
    if (!(t.data instanceof ARRAY_FOR[t.dtype])) {
      throw new Error(`safetensors: tensor '${name}' is ${t.dtype} but its data is a ${t.data.constructor.name}`);
    }
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    header[name] = { dtype: WRITE_DTYPE[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  // Pad the header with spaces to a multiple of 8 so the data section is aligned.
  // TextEncoder, not Buffer: the playground encodes checkpoints in a browser worker.
  const utf8 = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = new Uint8Array(utf8.length + ((8 - ((8 + utf8.length) % 8)) % 8)).fill(0x20);
  headerBytes.set(utf8);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Writes `bytes` to `path` atomically: a temp file beside it, fsync, rename. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o644);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file was never created or is already gone
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write '${path}': ${code ?? (e as Error).message}`);
  }
  // Make the rename itself durable; not every platform can fsync a folder.
  try {
    const dfd = openSync(dir, "r");
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // best effort
  }
}

export function writeSafetensors(
  path: string,
  tensors: ReadonlyMap<string, StoredTensor> | Readonly<Record<string, StoredTensor>>,
  metadata: Readonly<Record<string, string>> = {},
): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

// ---------------------------------------------------------------- decode / read

export function readSafetensors(path: string): SafetensorsContents {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? String(e));
    throw new UserError(`cannot read '${path}': ${why}`);
  }
  return decodeSafetensors(bytes, path);
}

/** Parses a safetensors file; `name` is only used in error messages. */
export function decodeSafetensors(bytes: Uint8Array, name: string): SafetensorsContents {
  const fail = (what: string): never => {
    throw new UserError(`'${name}' is not a valid safetensors file: ${what}`);
  };
  if (bytes.length < 8) fail(`it has ${bytes.length} bytes, fewer than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(bytes.length - 8)) {
    fail(`the header length ${n64} is larger than the rest of the file (${bytes.length - 8} bytes; truncated?)`);
  }
  const headerLen = Number(n64);
  if (headerLen > MAX_HEADER) fail(`the header length ${headerLen} is larger than ${MAX_HEADER} bytes`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    fail("the header is not a JSON object");
  }
  const data = bytes.subarray(8 + headerLen);
  const metadata: Record<string, string> = {};
  const spans: { name: string; begin: number; end: number }[] = [];
  const tensors = new Map<string, StoredTensor>();
  for (const [key, entry] of Object.entries(header as Record<string, unknown>)) {
    if (key === "__metadata__") {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) fail("__metadata__ is not an object");
      for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`__metadata__ value '${k}' is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const t = parseEntry(key, entry, data, fail);
    spans.push({ name: key, begin: t.begin, end: t.end });
    tensors.set(key, t.tensor);
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const [a, b] = [spans[i - 1], spans[i]];
    if (b.begin < a.end) fail(`tensors '${a.name}' and '${b.name}' overlap (bytes ${b.begin}..${a.end})`);
  }
  return { tensors, metadata };
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function parseEntry(
  key: string,
  entry: unknown,
  data: Uint8Array,
  fail: (what: string) => never,
): { tensor: StoredTensor; begin: number; end: number } {
  if (typeof entry !== "object" || entry === null) fail(`the entry of tensor '${key}' is not an object`);
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== "string" || !Object.hasOwn(FILE_DTYPES, dtype)) {
    fail(`tensor '${key}' has unsupported dtype ${JSON.stringify(dtype)} (supported: ${Object.keys(FILE_DTYPES).join(", ")})`);
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) fail(`tensor '${key}' has an invalid shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    fail(`tensor '${key}' has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as number[];
  if (begin > end) fail(`tensor '${key}' has data_offsets [${begin}, ${end}] that end before they begin`);
  if (end > data.length) {
    fail(`tensor '${key}' ends at byte ${end} but the data section has ${data.length} bytes (truncated?)`);
  }
  const spec = FILE_DTYPES[dtype as FileDtype];
  const count = numel(shape as number[]);
  if (end - begin !== count * spec.size) {
    fail(
      `tensor '${key}' (${dtype}[${(shape as number[]).join(", ")}]) needs ${count * spec.size} bytes ` +
        `but its data_offsets span ${end - begin}`,
    );
  }
  // A copy (Buffer#slice would be a view): aligned, and independent of the file buffer.
  const raw = new Uint8Array(data.subarray(begin, end));
  return { tensor: { dtype: spec.dtype, shape: [...(shape as number[])], data: convert(dtype as FileDtype, raw, count) }, begin, end };
}

function convert(dtype: FileDtype, raw: Uint8Array, count: number): TensorData {
  const buf = raw.buffer;
  switch (dtype) {
    case "F32":
      return new Float32Array(buf, 0, count);
    case "F64":
      return new Float64Array(buf, 0, count);
    case "I32":
      return new Int32Array(buf, 0, count);
    case "I64":
      return new BigInt64Array(buf, 0, count);
    case "U8":
      return raw;
    case "BOOL":
      return raw.map((b) => (b ? 1 : 0));
    case "F16": {
      const h = new Uint16Array(buf, 0, count);
      return Float32Array.from(h, halfToFloat);
    }
    case "BF16": {
      const h = new Uint16Array(buf, 0, count);
      const out = new Uint32Array(count);
      for (let i = 0; i < count; i++) out[i] = h[i] << 16;
      return new Float32Array(out.buffer);
    }
  }
}

/** IEEE 754 binary16 → number (subnormals, infinities and NaN included). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * A stored tensor as a runtime Tensor: i64 and u8 become i32 (an i64 value
 * outside the i32 range is a UserError naming the file and tensor).
 */
export function toRuntimeTensor(name: string, t: StoredTensor, file: string): Tensor {
  if (t.dtype === "f32" || t.dtype === "f64" || t.dtype === "i32" || t.dtype === "bool") {
    return { dtype: t.dtype, shape: t.shape, data: t.data as Exclude<TensorData, BigInt64Array> };
  }
  if (t.dtype === "u8") return { dtype: "i32", shape: t.shape, data: Int32Array.from(t.data as Uint8Array) };
  const src = t.data as BigInt64Array;
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (v > 2147483647n || v < -2147483648n) {
      throw new UserError(`'${file}': tensor '${name}' holds ${v}, which does not fit in i32`);
    }
    out[i] = Number(v);
  }
  return { dtype: "i32", shape: t.shape, data: out };
}

/** Every tensor of a safetensors file as runtime Tensors, in file order, with the metadata. */
export function readTensors(path: string): { tensors: Map<string, Tensor>; metadata: Record<string, string> } {
  const file = readSafetensors(path);
  const tensors = new Map<string, Tensor>();
  for (const [name, t] of file.tensors) tensors.set(name, toRuntimeTensor(name, t, path));
  return { tensors, metadata: file.metadata };
}
