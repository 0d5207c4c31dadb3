// Sources and elementwise ops: one ONNX op each, except `ne` (Not(Equal)),
// constants (Constant / ConstantOfShape) and iota (Range, Reshape, Expand).

import type { Node } from "../../../ir/node";
import { isConcrete, numel } from "../../../ir/types";
import { DTYPE_CODE, ONNX_DTYPE, Unsupported, type OnnxEmitter } from "../emitter";
import { attr } from "../proto";
import { onnxRule } from "./attach";

const same = (opType: string) => ({ emit: (e: OnnxEmitter, _n: Node, ins: readonly string[]) => e.op(opType, ins) });

const ONE_TO_ONE: [string, string][] = [
  ["neg", "Neg"], ["exp", "Exp"], ["log", "Log"], ["sqrt", "Sqrt"], ["abs", "Abs"], ["tanh", "Tanh"],
  ["sigmoid", "Sigmoid"], ["relu", "Relu"], ["erf", "Erf"], ["sign", "Sign"], ["detach", "Identity"], ["sin", "Sin"], ["cos", "Cos"], ["floor", "Floor"], ["round", "Round"],
  ["add", "Add"], ["sub", "Sub"], ["mul", "Mul"], ["div", "Div"], ["pow", "Pow"], ["max", "Max"], ["min", "Min"],
  ["eq", "Equal"],
];
for (const [ir, onnx] of ONE_TO_ONE) onnxRule(ir, same(onnx));

// ONNX orders numbers only: bools are compared as int32 (false < true).
for (const [ir, onnx] of [["lt", "Less"], ["le", "LessOrEqual"], ["gt", "Greater"], ["ge", "GreaterOrEqual"]]) {
  onnxRule(ir, {
    emit: (e, n, ins) => {
      const args = n.inputs[0].dtype === "bool" ? ins.map((v) => e.op("Cast", [v], { to: attr.int(DTYPE_CODE.i32) })) : ins;
      return e.op(onnx, args);
    },
  });
}

// ONNX Runtime has no bool Where: select bools with And/Or.
onnxRule("where", {
  emit: (e, n, [c, a, b]) => {
    if (n.dtype !== "bool") return e.op("Where", [c, a, b]);
    return e.op("Or", [e.op("And", [c, a]), e.op("And", [e.op("Not", [c]), b])], undefined, "where");
  },
});

onnxRule("ne", { emit: (e, _n, ins) => e.op("Not", [e.op("Equal", ins)], undefined, "ne") });

onnxRule("cast", { emit: (e, n, ins) => e.op("Cast", ins, { to: attr.int(DTYPE_CODE[n.dtype]) }) });

// const: a scalar (or one-element) Constant; larger fills are ConstantOfShape,
// which also takes a run-time shape when the fill's shape is symbolic.
onnxRule("const", {
  emit: (e, n) => {
    const v = n.attrs.value as number;
    const one = { dtype: ONNX_DTYPE[n.dtype], dims: [1], data: n.dtype === "f32" ? Float32Array.of(v) : n.dtype === "i32" ? Int32Array.of(v) : Uint8Array.of(v ? 1 : 0) };
    if (n.shape.length === 0) return e.scalar(v, n.dtype);
    if (isConcrete(n.shape) && numel(n.shape) === 1) return e.constant({ ...one, dims: n.shape.slice() });
    return e.op("ConstantOfShape", [e.shape(n.shape)], { value: attr.tensor(one) }, "fill");
  },
});

// iota: Range(0, d) along `axis`, reshaped to [1, .., d, .., 1] and expanded.
onnxRule("iota", {
  emit: (e, n) => {
    const ax = n.attrs.axis as number;
    const r = n.shape.length;
    const range = e.op("Range", [e.dimScalar(0), e.dimScalar(n.shape[ax]), e.dimScalar(1)]);
    const typed = e.op("Cast", [range], { to: attr.int(DTYPE_CODE[n.dtype]) });
    if (r === 1) return typed;
    const line = e.op("Reshape", [typed, e.i64(n.shape.map((_, i) => (i === ax ? -1 : 1)))]);
    if (n.shape.every((d, i) => i === ax || d === 1)) return line;
    return e.op("Expand", [line, e.shape(n.shape)], undefined, "iota");
  },
});

// dim_size: the product of (possibly symbolic) dims as an f32 scalar.
onnxRule("dim_size", {
  emit: (e, n) => {
    const dims = n.attrs.dims as (number | string)[];
    if (isConcrete(dims)) return e.scalar(numel(dims), "f32");
    const p = e.op("ReduceProd", [e.shape(dims)], { keepdims: attr.int(0) });
    return e.op("Cast", [p], { to: attr.int(DTYPE_CODE.f32) }, "dim_size");
  },
});

// Uniform [0, 1) of the node's shape. dlnet's values are a hash of (seed,
// salt, index); no ONNX op computes that hash, so this draws fresh random
// numbers on every run (the seed input goes unused): an exported training
// step with Dropout trains like dlnet's, with other masks. ONNX Runtime 1.30
// has no kernel for the random ops' opset-22 version, so this needs opset ≤ 21.
export const RANDOM_MAX_OPSET = 21;
const TOO_NEW = `random numbers (Dropout, rand, randn) need opset ${RANDOM_MAX_OPSET} or older: ONNX Runtime 1.30 cannot run the opset-22 RandomUniformLike and RandomNormalLike`;
onnxRule("random_uniform", {
  emit: (e, n) => {
    if (e.opset > RANDOM_MAX_OPSET) {
      throw new Unsupported(TOO_NEW);
    }
    const zeros = e.op("ConstantOfShape", [e.shape(n.shape)], { value: attr.tensor({ dtype: "f32", dims: [1], data: Float32Array.of(0) }) }, "zeros");
    return e.op("RandomUniformLike", [zeros], { low: attr.float(0), high: attr.float(1) }, "random");
  },
});

// Standard normal of the node's shape: RandomNormalLike, fresh numbers on
// every run like random_uniform above (dlnet's Box–Muller of its hash is not
// an ONNX op).
onnxRule("random_normal", {
  emit: (e, n) => {
    if (e.opset > RANDOM_MAX_OPSET) {
      throw new Unsupported(TOO_NEW);
    }
    const zeros = e.op("ConstantOfShape", [e.shape(n.shape)], { value: attr.tensor({ dtype: "f32", dims: [1], data: Float32Array.of(0) }) }, "zeros");
    return e.op("RandomNormalLike", [zeros], { mean: attr.float(0), scale: attr.float(1) }, "random");
  },
});
