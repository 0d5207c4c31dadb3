// Losses and metrics for train blocks. All return a scalar f32[] (mean over
// every position). Unlike PyTorch, the class dimension of cross_entropy and
// accuracy is the LAST one, so [B, T, vocab] logits need no transpose.

import { shapeEq } from "../../dims";
import { showShape, showType, type TensorType } from "../../tensor-type";
import { fail, type FunctionDef, type ShapeError } from "../registry";
import { needFloat } from "../rules";

const SCALAR: TensorType = { dtype: "f32", shape: [] };

/** logits [.., C] against i32 labels [..] (or f32 probabilities [.., C]). */
function classTargets(logits: TensorType, target: TensorType, display: string): ShapeError | undefined {
  const err = needFloat(logits, display);
  if (err) return err;
  if (logits.shape.length < 1) return fail(`${display} expects logits [.., classes] but receives []`, "DL3002");
  const lead = logits.shape.slice(0, -1);
  if (target.dtype === "i32") {
    if (!shapeEq(lead, target.shape))
      return fail(`${display} expects labels of shape ${showShape(lead)} for logits ${showShape(logits.shape)} but receives ${showShape(target.shape)}`);
    return undefined;
  }
  if (target.dtype === logits.dtype && shapeEq(logits.shape, target.shape)) return undefined;
  return fail(`${display} expects i32 labels ${showShape(lead)} or class probabilities ${showType(logits)} but receives ${showType(target)}`, "DL3003");
}

export const cross_entropy: FunctionDef = {
  kind: "function",
  name: "cross_entropy",
  doc: "Mean cross-entropy of logits [.., C] (class dim last) against i32 labels [..] or probabilities [.., C].",
  category: "loss",
  tensors: { min: 2, max: 2 },
  args: [{ name: "label_smoothing", kind: "float", default: 0 }],
  infer([x, y], _a, { display }) {
    return classTargets(x, y, display) ?? { type: SCALAR };
  },
};

export const accuracy: FunctionDef = {
  kind: "function",
  name: "accuracy",
  doc: "Fraction of positions where argmax of logits [.., C] equals the i32 label [..].",
  category: "metric",
  tensors: { min: 2, max: 2 },
  args: [],
  infer([x, y], _a, { display }) {
    if (y.dtype !== "i32") return fail(`${display} expects i32 labels but receives ${showType(y)}`, "DL3003");
    return classTargets(x, y, display) ?? { type: SCALAR };
  },
};

function pointwise(name: string, doc: string, extra: FunctionDef["args"]): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "loss",
    tensors: { min: 2, max: 2 },
    args: extra,
    infer([x, y], _a, { display }) {
      const err = needFloat(x, display) ?? needFloat(y, display);
      if (err) return err;
      if (!shapeEq(x.shape, y.shape))
        return fail(`${display} expects prediction and target of the same shape but receives ${showShape(x.shape)} and ${showShape(y.shape)}`);
      return { type: SCALAR };
    },
  };
}

export const mse = pointwise("mse", "Mean squared error of two tensors of the same shape.", []);
export const l1 = pointwise("l1", "Mean absolute error of two tensors of the same shape (torch's L1Loss).", []);
export const huber = pointwise("huber", "Mean Huber loss: ½d² where |d| ≤ delta, else delta·(|d| − ½delta) (torch's HuberLoss).", [
  { name: "delta", kind: "float", default: 1 },
]);
export const bce_with_logits = pointwise("bce_with_logits", "Mean binary cross-entropy of raw scores, computed stably (torch's BCEWithLogitsLoss); the same as bce(x, t, logits: true).", []);

export const nll: FunctionDef = {
  kind: "function",
  name: "nll",
  doc: "Mean negative log-likelihood of log-probabilities [.., C] (class dim last) at i32 labels [..] (torch's NLLLoss after log_softmax).",
  category: "loss",
  tensors: { min: 2, max: 2 },
  args: [],
  infer([x, y], _a, { display }) {
    if (y.dtype !== "i32") return fail(`${display} expects i32 labels but receives ${showType(y)}`, "DL3003");
    return classTargets(x, y, display) ?? { type: SCALAR };
  },
};
export const bce = pointwise("bce", "Mean binary cross-entropy; `logits: true` takes raw scores (BCEWithLogits), else probabilities.", [
  { name: "logits", kind: "bool", default: false },
]);
