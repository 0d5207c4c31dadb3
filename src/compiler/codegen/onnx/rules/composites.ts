// Composites that ONNX has as one op, exported before expansion: Gelu,
// Softmax, LogSoftmax, LayerNormalization, RMSNormalization, BatchNormalization
// (inference), the mean and log-sum-exp reductions, Attention. Every other
// composite (losses, variance, ...) is exported as its expansion,
// and so is one of these when the target opset predates its ONNX op.

import type { Node } from "../../../ir/node";
import { Unsupported, type OnnxEmitter } from "../emitter";
import { attr } from "../proto";
import type { OnnxRules } from "./rule";
import { reduce } from "./compute";

// SiLU stays expanded (x * Sigmoid(x)): ONNX has Swish since opset 24, but
// ONNX Runtime 1.30 has no kernel for it.

/** Ones of the normalized shape: ONNX's normalisations require a scale. */
function scaleOrOnes(e: OnnxEmitter, n: Node, ins: readonly string[], nd: number): string {
  if (ins.length > 1) return ins[1];
  const x = n.inputs[0];
  const shape = x.shape.slice(x.shape.length - nd);
  return e.op("ConstantOfShape", [e.shape(shape)], { value: attr.tensor({ dtype: "f32", dims: [1], data: Float32Array.of(1) }) }, "ones");
}

export const COMPOSITE_RULES = {
  gelu: {
    minOpset: 20,
    emit: (e, n, [x]) => e.op("Gelu", [x], { approximate: attr.string(n.attrs.approximate === "tanh" ? "tanh" : "none") }),
  },
  softmax: { emit: (e, n, [x]) => e.op("Softmax", [x], { axis: attr.int(n.attrs.axis) }) },
  log_softmax: { emit: (e, n, [x]) => e.op("LogSoftmax", [x], { axis: attr.int(n.attrs.axis) }) },
  reduce_mean: { emit: (e, n, [x]) => reduce(e, "ReduceMean", n, x) },
  logsumexp: { emit: (e, n, [x]) => reduce(e, "ReduceLogSumExp", n, x) },
  layer_norm: {
    emit: (e, n, ins) => {
      const nd = n.attrs.normalized_dims;
      const inputs = [ins[0], scaleOrOnes(e, n, ins, nd), ...(ins.length > 2 ? [ins[2]] : [])];
      return e.op("LayerNormalization", inputs, { axis: attr.int(-nd), epsilon: attr.float(n.attrs.eps) });
    },
  },
  rms_norm: {
    minOpset: 23,
    emit: (e, n, ins) => {
      const nd = n.attrs.normalized_dims;
      return e.op("RMSNormalization", [ins[0], scaleOrOnes(e, n, ins, nd)], { axis: attr.int(-nd), epsilon: attr.float(n.attrs.eps) });
    },
  },
  // Inference batch norm over axis 1: IR inputs (x, mean, var, gamma, beta), ONNX (X, scale, B, mean, var).
  batch_norm_eval: {
    emit: (e, n, [x, mean, variance, gamma, beta]) =>
      e.op("BatchNormalization", [x, gamma, beta, mean, variance], { epsilon: attr.float(n.attrs.eps) }),
  },
  // Dropout exports as what it is at inference: the identity.
  dropout: { emit: (e, _n, [x]) => e.op("Identity", [x], undefined, "dropout") },
  // Attention (opset 23) on [B, heads, T, d] (rank 3 gets a heads axis of 1).
  // A causal mask is only unambiguous for square scores (ONNX describes the
  // lower triangle there), so other causal shapes are exported expanded.
  attention: {
    minOpset: 23,
    emit: (e, n, ins) => {
      const [q, k, v] = n.inputs;
      const r = q.shape.length;
      if (r !== 3 && r !== 4) throw new Unsupported(`attention over rank ${r}`);
      if (k.shape.length !== r || v.shape.length !== r) throw new Unsupported("attention with inputs of different ranks");
      if (n.attrs.causal && q.shape[r - 2] !== k.shape[r - 2]) throw new Unsupported("causal attention with different query and key lengths");
      const attrs = {
        ...(n.attrs.causal ? { is_causal: attr.int(1) } : {}),
        ...(n.attrs.scale !== null && n.attrs.scale !== undefined ? { scale: attr.float(n.attrs.scale) } : {}),
      };
      if (r === 4) return e.op("Attention", ins, attrs);
      const one = e.i64([1]);
      const four = ins.map((x) => e.op("Unsqueeze", [x, one]));
      return e.op("Squeeze", [e.op("Attention", four, attrs), one], undefined, "attention");
    },
  },
} satisfies OnnxRules;
