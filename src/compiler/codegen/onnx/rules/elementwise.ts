// Sources and elementwise ops: one ONNX op each, except `ne` (Not(Equal)),
// constants (Constant / ConstantOfShape) and iota (Range, Reshape, Expand).

import { isConcrete, numel, type Shape } from "../../../ir/types";
import { DTYPE_CODE, ONNX_DTYPE, Unsupported, type OnnxEmitter } from "../emitter";
import { attr, type Attr } from "../proto";
import type { OnnxRules } from "./rule";

const same = (opType: string) => ({ emit: (e: OnnxEmitter, _n: unknown, ins: readonly string[]) => e.op(opType, ins) });

// ONNX orders numbers only: bools are compared as int32 (false < true).
const ordered = (opType: string) => ({
  emit: (e: OnnxEmitter, n: { inputs: readonly { dtype: string }[] }, ins: readonly string[]) => {
    const args = n.inputs[0].dtype === "bool" ? ins.map((v) => e.op("Cast", [v], { to: attr.int(DTYPE_CODE.i32) })) : ins;
    return e.op(opType, args);
  },
});

// Uniform [0, 1) of the node's shape. dlnet's values are a hash of (seed,
// salt, index); no ONNX op computes that hash, so this draws fresh random
// numbers on every run (the seed input goes unused): an exported training
// step with Dropout trains like dlnet's, with other masks. ONNX Runtime 1.30
// has no kernel for the random ops' opset-22 version, so this needs opset ≤ 21.
export const RANDOM_MAX_OPSET = 21;
const TOO_NEW = `random numbers (Dropout, rand, randn) need opset ${RANDOM_MAX_OPSET} or older: ONNX Runtime 1.30 cannot run the opset-22 RandomUniformLike and RandomNormalLike`;

/** Fresh random numbers of the node's shape from RandomUniformLike / RandomNormalLike. */
function random(e: OnnxEmitter, shape: Shape, opType: string, attrs: Record<string, Attr>): string {
  if (e.opset > RANDOM_MAX_OPSET) throw new Unsupported(TOO_NEW);
  const zeros = e.op("ConstantOfShape", [e.shape(shape)], { value: attr.tensor({ dtype: "f32", dims: [1], data: Float32Array.of(0) }) }, "zeros");
  return e.op(opType, [zeros], attrs, "random");
}

export const ELEMENTWISE_RULES = {
  input: { noRule: "a graph input is an ONNX graph input (export.ts), not a node" },
  neg: same("Neg"), exp: same("Exp"), log: same("Log"), sqrt: same("Sqrt"), abs: same("Abs"), tanh: same("Tanh"),
  sigmoid: same("Sigmoid"), relu: same("Relu"), erf: same("Erf"), sign: same("Sign"), detach: same("Identity"),
  sin: same("Sin"), cos: same("Cos"), floor: same("Floor"), round: same("Round"),
  add: same("Add"), sub: same("Sub"), mul: same("Mul"), div: same("Div"), pow: same("Pow"), max: same("Max"), min: same("Min"),
  eq: same("Equal"),
  lt: ordered("Less"), le: ordered("LessOrEqual"), gt: ordered("Greater"), ge: ordered("GreaterOrEqual"),
  // ONNX Runtime has no bool Where: select bools with And/Or.
  where: {
    emit: (e, n, [c, a, b]) => {
      if (n.dtype !== "bool") return e.op("Where", [c, a, b]);
      return e.op("Or", [e.op("And", [c, a]), e.op("And", [e.op("Not", [c]), b])], undefined, "where");
    },
  },
  ne: { emit: (e, _n, ins) => e.op("Not", [e.op("Equal", ins)], undefined, "ne") },
  cast: { emit: (e, n, ins) => e.op("Cast", ins, { to: attr.int(DTYPE_CODE[n.dtype]) }) },
  // const: a scalar (or one-element) Constant; larger fills are ConstantOfShape,
  // which also takes a run-time shape when the fill's shape is symbolic.
  const: {
    emit: (e, n) => {
      const v = n.attrs.value;
      const one = { dtype: ONNX_DTYPE[n.dtype], dims: [1], data: n.dtype === "f32" ? Float32Array.of(v) : n.dtype === "i32" ? Int32Array.of(v) : Uint8Array.of(v ? 1 : 0) };
      if (n.shape.length === 0) return e.scalar(v, n.dtype);
      if (isConcrete(n.shape) && numel(n.shape) === 1) return e.constant({ ...one, dims: n.shape.slice() });
      return e.op("ConstantOfShape", [e.shape(n.shape)], { value: attr.tensor(one) }, "fill");
    },
  },
  // iota: Range(0, d) along `axis`, reshaped to [1, .., d, .., 1] and expanded.
  iota: {
    emit: (e, n) => {
      const ax = n.attrs.axis;
      const r = n.shape.length;
      const range = e.op("Range", [e.dimScalar(0), e.dimScalar(n.shape[ax]), e.dimScalar(1)]);
      const typed = e.op("Cast", [range], { to: attr.int(DTYPE_CODE[n.dtype]) });
      if (r === 1) return typed;
      const line = e.op("Reshape", [typed, e.i64(n.shape.map((_, i) => (i === ax ? -1 : 1)))]);
      if (n.shape.every((d, i) => i === ax || d === 1)) return line;
      return e.op("Expand", [line, e.shape(n.shape)], undefined, "iota");
    },
  },
  // dim_size: the product of (possibly symbolic) dims as an f32 scalar.
  dim_size: {
    emit: (e, n) => {
      const dims = n.attrs.dims;
      if (isConcrete(dims)) return e.scalar(numel(dims), "f32");
      const p = e.op("ReduceProd", [e.shape(dims)], { keepdims: attr.int(0) });
      return e.op("Cast", [p], { to: attr.int(DTYPE_CODE.f32) }, "dim_size");
    },
  },
  random_uniform: { emit: (e, n) => random(e, n.shape, "RandomUniformLike", { low: attr.float(0), high: attr.float(1) }) },
  // Standard normal: fresh numbers on every run like random_uniform (dlnet's
  // Box–Muller of its hash is not an ONNX op).
  random_normal: { emit: (e, n) => random(e, n.shape, "RandomNormalLike", { mean: attr.float(0), scale: attr.float(1) }) },
} satisfies OnnxRules;
