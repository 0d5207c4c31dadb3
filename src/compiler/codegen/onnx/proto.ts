// Building, serializing and parsing ONNX ModelProto with onnx-proto's generated
// `onnx` namespace. Everything ONNX-specific about bytes lives here: dtype
// codes, the opset -> IR version table, raw_data little-endian packing, and
// turning protobuf's decode exceptions into a UserError that names the file.

import onnxPkg from "onnx-proto";
import { UserError } from "../../diagnostics";
import type { Dim } from "../../dims";

export const { onnx } = onnxPkg;
export type ModelProto = onnxPkg.onnx.ModelProto;
export type ITensorProto = onnxPkg.onnx.ITensorProto;
export type IValueInfoProto = onnxPkg.onnx.IValueInfoProto;
export type IAttributeProto = onnxPkg.onnx.IAttributeProto;
export type IGraphProto = onnxPkg.onnx.IGraphProto;
export type INodeProto = onnxPkg.onnx.INodeProto;

export const PRODUCER_NAME = "dlnet";
export const PRODUCER_VERSION = "0.1.0";

/**
 * The opset exported by default: the newest one ONNX Runtime 1.30 loads with
 * every op we emit (checked by test/compiler/codegen/onnx/opset.test.ts).
 */
export const DEFAULT_OPSET = 26;
/** Oldest opset we emit: Gelu needs 20; LayerNormalization 17, ReduceSum axes-as-input 13. */
export const MIN_OPSET = 18;

/**
 * IR version released together with each opset (onnx/helper.py VERSION_TABLE).
 * A model must declare an IR version at least as new as its opset's, and
 * runtimes reject IR versions newer than they know, so we pick the exact one.
 */
const IR_VERSION_FOR_OPSET: Record<number, number> = {
  13: 7, 14: 7, 15: 8, 16: 8, 17: 8, 18: 8, 19: 9, 20: 9, 21: 10, 22: 10, 23: 11, 24: 12, 25: 12, 26: 13,
};

export function irVersionForOpset(opset: number): number {
  const v = IR_VERSION_FOR_OPSET[opset];
  if (v === undefined) throw new RangeError(`no known IR version for ONNX opset ${opset}`);
  return v;
}

/** Element types we read and write. f16 data is carried as raw IEEE half bits. */
export type OnnxDType = "f32" | "f64" | "f16" | "i32" | "i64" | "i8" | "u8" | "bool";

export type TensorArray =
  | Float32Array
  | Float64Array
  | Uint16Array
  | Int32Array
  | BigInt64Array
  | Int8Array
  | Uint8Array;

/** A dense tensor as ONNX stores it: element type, concrete dims, flat row-major data. */
export interface TensorData {
  dtype: OnnxDType;
  dims: number[];
  data: TensorArray;
}

const DTYPE_CODE: Record<OnnxDType, number> = {
  f32: 1, u8: 2, i8: 3, i32: 6, i64: 7, bool: 9, f16: 10, f64: 11,
};
const CODE_DTYPE = new Map<number, OnnxDType>(
  Object.entries(DTYPE_CODE).map(([k, v]) => [v, k as OnnxDType]),
);
/** ONNX's own names, for the text dump and messages (as onnx.helper prints them). */
const CODE_NAME: Record<number, string> = {
  1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32", 7: "INT64",
  8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64",
  14: "COMPLEX64", 15: "COMPLEX128", 16: "BFLOAT16",
};

export function dtypeCodeName(code: number): string {
  return CODE_NAME[code] ?? `TYPE${code}`;
}

const BYTES: Record<OnnxDType, number> = { f32: 4, f64: 8, f16: 2, i32: 4, i64: 8, i8: 1, u8: 1, bool: 1 };

function allocate(dtype: OnnxDType, n: number): TensorArray {
  switch (dtype) {
    case "f32": return new Float32Array(n);
    case "f64": return new Float64Array(n);
    case "f16": return new Uint16Array(n);
    case "i32": return new Int32Array(n);
    case "i64": return new BigInt64Array(n);
    case "i8": return new Int8Array(n);
    case "u8": case "bool": return new Uint8Array(n);
  }
}

/** Protobuf int64 fields decode as Long objects (protobufjs 6 with `long`). */
export function toNumber(v: number | { toNumber(): number } | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === "number" ? v : v.toNumber();
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// ---- tensors ---------------------------------------------------------------

/** A TensorProto with raw_data (little-endian, the layout every runtime reads fastest). */
export function tensorProto(name: string, t: TensorData): ITensorProto {
  if (t.data.length !== product(t.dims)) {
    throw new RangeError(`tensor ${name}: ${t.data.length} values for dims [${t.dims.join(", ")}]`);
  }
  const bytes = new Uint8Array(t.data.byteLength);
  const src = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (LITTLE_ENDIAN || BYTES[t.dtype] === 1) bytes.set(src);
  else {
    const w = BYTES[t.dtype];
    for (let i = 0; i < t.data.length; i++)
      for (let b = 0; b < w; b++) bytes[i * w + b] = src[i * w + (w - 1 - b)];
  }
  return { name, dims: [...t.dims], dataType: DTYPE_CODE[t.dtype], rawData: bytes };
}

/**
 * The dense data of a TensorProto from raw_data or the typed repeated fields.
 * Returns a problem description instead of throwing, so the importer can
 * report it with the file and tensor name.
 */
export function tensorFromProto(
  p: onnxPkg.onnx.ITensorProto,
  readExternal?: (location: string, offset: number, length: number | undefined) => Uint8Array,
): TensorData | string {
  const code = p.dataType ?? 0;
  const dtype = CODE_DTYPE.get(code);
  if (!dtype) return `element type ${dtypeCodeName(code)} is not supported`;
  const dims = (p.dims ?? []).map(toNumber);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) return `invalid dims [${dims.join(", ")}]`;
  const n = product(dims);
  if (!Number.isSafeInteger(n)) return `dims [${dims.join(", ")}] are too large`;
  let raw = p.rawData && p.rawData.length > 0 ? p.rawData : undefined;
  if (p.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    const kv = new Map((p.externalData ?? []).map((e) => [e.key ?? "", e.value ?? ""]));
    const location = kv.get("location");
    if (!location) return "external data without a location";
    if (!readExternal) return `data is stored in an external file '${location}'`;
    const length = kv.has("length") ? Number(kv.get("length")) : undefined;
    try {
      raw = readExternal(location, Number(kv.get("offset") ?? 0), length);
    } catch (e) {
      return `cannot read external data '${location}': ${(e as Error).message}`;
    }
  }
  if (raw) {
    const w = BYTES[dtype];
    if (raw.length !== n * w) {
      return `raw data has ${raw.length} bytes, expected ${n * w} for ${dtypeCodeName(code)}[${dims.join(", ")}]`;
    }
    const out = allocate(dtype, n);
    const dst = new Uint8Array(out.buffer);
    if (LITTLE_ENDIAN || w === 1) dst.set(raw);
    else for (let i = 0; i < n; i++) for (let b = 0; b < w; b++) dst[i * w + b] = raw[i * w + (w - 1 - b)];
    return { dtype, dims, data: out };
  }
  // Typed fields: f32 in float_data; f16/i8/u8/bool/i32 in int32_data; i64 in int64_data.
  const values: ArrayLike<number | { toNumber(): number }> =
    dtype === "f32" ? (p.floatData ?? [])
    : dtype === "f64" ? (p.doubleData ?? [])
    : dtype === "i64" ? (p.int64Data ?? [])
    : (p.int32Data ?? []);
  if (values.length !== n) return `has ${values.length} values, expected ${n} for dims [${dims.join(", ")}]`;
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (out instanceof BigInt64Array) out[i] = typeof v === "number" ? BigInt(v) : BigInt((v as object).toString());
    else out[i] = toNumber(v);
  }
  return { dtype, dims, data: out };
}

// ---- attributes and nodes --------------------------------------------------

export type Attr =
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "ints"; value: readonly number[] }
  | { type: "floats"; value: readonly number[] }
  | { type: "string"; value: string }
  | { type: "tensor"; value: TensorData }
  | { type: "graph"; value: GraphSpec };

/** Attribute constructors: ONNX distinguishes int from float, JavaScript does not. */
export const attr = {
  int: (value: number): Attr => ({ type: "int", value }),
  float: (value: number): Attr => ({ type: "float", value }),
  ints: (value: readonly number[]): Attr => ({ type: "ints", value }),
  floats: (value: readonly number[]): Attr => ({ type: "floats", value }),
  string: (value: string): Attr => ({ type: "string", value }),
  tensor: (value: TensorData): Attr => ({ type: "tensor", value }),
  graph: (value: GraphSpec): Attr => ({ type: "graph", value }),
};

/** A subgraph held by an attribute (the body of Scan). It may read outer values by name. */
export interface GraphSpec {
  name: string;
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
  nodes: readonly NodeSpec[];
}

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  domain?: string;
  attrs?: Readonly<Record<string, Attr>>;
}

export interface ValueSpec {
  name: string;
  dtype: OnnxDType;
  /** Symbolic dims become dim_param, so a runtime accepts any size there. */
  shape: readonly Dim[];
}

/** A model-local function (FunctionProto): a custom op's body, called by (domain, name). */
export interface FunctionSpec {
  name: string;
  domain: string;
  inputs: readonly string[];
  outputs: readonly string[];
  nodes: readonly NodeSpec[];
}

export interface ModelSpec {
  graphName: string;
  opset: number;
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
  nodes: readonly NodeSpec[];
  initializers: ReadonlyMap<string, TensorData>;
  functions?: readonly FunctionSpec[];
  docString?: string;
}

const AT = onnx.AttributeProto.AttributeType;

function attributeProto(name: string, a: Attr): IAttributeProto {
  switch (a.type) {
    case "int": return { name, type: AT.INT, i: a.value };
    case "float": return { name, type: AT.FLOAT, f: a.value };
    case "ints": return { name, type: AT.INTS, ints: [...a.value] };
    case "floats": return { name, type: AT.FLOATS, floats: [...a.value] };
    case "string": return { name, type: AT.STRING, s: new TextEncoder().encode(a.value) };
    case "tensor": return { name, type: AT.TENSOR, t: tensorProto("", a.value) };
    case "graph": {
      const g = a.value;
      return { name, type: AT.GRAPH, g: { name: g.name, input: g.inputs.map(valueInfo), output: g.outputs.map(valueInfo), node: g.nodes.map(nodeProto) } };
    }
  }
}

export function valueInfo(v: ValueSpec): IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: DTYPE_CODE[v.dtype],
        shape: { dim: v.shape.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function nodeProto(n: NodeSpec): INodeProto {
  return {
    opType: n.op,
    domain: n.domain ?? "",
    name: n.name ?? "",
    input: [...n.inputs],
    output: [...n.outputs],
    attribute: Object.entries(n.attrs ?? {}).map(([k, a]) => attributeProto(k, a)),
  };
}

export function buildModel(spec: ModelSpec): ModelProto {
  const functions = spec.functions ?? [];
  // Custom domains (version 1) for the functions, imported by the model and by each function.
  const opsets = [{ domain: "", version: spec.opset }, ...[...new Set(functions.map((f) => f.domain))].map((domain) => ({ domain, version: 1 }))];
  return onnx.ModelProto.create({
    irVersion: irVersionForOpset(spec.opset),
    producerName: PRODUCER_NAME,
    producerVersion: PRODUCER_VERSION,
    opsetImport: opsets,
    docString: spec.docString,
    graph: {
      name: spec.graphName,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: [...spec.initializers].map(([name, t]) => tensorProto(name, t)),
      node: spec.nodes.map(nodeProto),
    },
    functions: functions.map((f) => ({
      name: f.name,
      domain: f.domain,
      input: [...f.inputs],
      output: [...f.outputs],
      node: f.nodes.map(nodeProto),
      opsetImport: opsets,
    })),
  });
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  return onnx.ModelProto.encode(buildModel(spec)).finish();
}

// ---- parsing ---------------------------------------------------------------

/**
 * Parse ONNX bytes. Protobuf is lenient (many byte strings decode to
 * something), so after decoding we also require what every ONNX model has:
 * an IR version, an opset import and a graph. `file` names the source in
 * the UserError; protobuf's own exception text is kept only as a detail.
 */
export function decodeModel(bytes: Uint8Array, file: string): ModelProto {
  if (bytes.length === 0) throw new UserError(`${file}: not an ONNX model: the file is empty`);
  let m: ModelProto;
  try {
    m = onnx.ModelProto.decode(bytes);
  } catch (e) {
    const detail = (e as Error).message;
    const truncated = /index out of range/.test(detail);
    throw new UserError(
      truncated
        ? `${file}: ONNX model is truncated or corrupt (the data ends in the middle of a field; ${bytes.length} bytes read)`
        : `${file}: not a valid ONNX model (protobuf decoding failed: ${detail})`,
    );
  }
  const ir = toNumber(m.irVersion);
  if (ir <= 0 || ir > 100 || !m.graph || m.opsetImport.length === 0) {
    const missing = [ir <= 0 || ir > 100 ? "ir_version" : "", m.opsetImport.length === 0 ? "opset_import" : "", !m.graph ? "graph" : ""]
      .filter(Boolean)
      .join(", ");
    throw new UserError(`${file}: not a valid ONNX model (missing or invalid ${missing})`);
  }
  return m;
}

/** The default-domain opset a model imports (0 when it has none). */
export function modelOpset(m: ModelProto): number {
  const entry = m.opsetImport.find((o) => !o.domain || o.domain === "ai.onnx");
  return entry ? toNumber(entry.version) : 0;
}
