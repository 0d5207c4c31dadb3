// Losses and metrics for train blocks. A loss returns a scalar f32[] (the mean
// over every position by default) or, with torch's `reduction: "sum"` a sum
// and with `"none"` the per-position losses. Unlike PyTorch, the class
// dimension of cross_entropy and accuracy is the LAST one, so [B, T, vocab]
// logits need no transpose.

import { shapeEq } from "../../dims";
import { showShape, showType, type TensorType } from "../../tensor-type";
import { fail, type ArgSpec, type Args, type FunctionDef, type ShapeError } from "../registry";
import { needFloat } from "../rules";

const SCALAR: TensorType = { dtype: "f32", shape: [] };

const REDUCTIONS = ["mean", "sum", "none"];
const reductionArg = (doc = '"mean" (default), "sum" or "none" (the loss per position), as torch'): ArgSpec => ({ name: "reduction", kind: "string", default: "mean", doc });

/** The loss's type under `reduction` (`none`: the per-position shape), or an error naming the allowed values. */
function reduced(a: Args, perPosition: readonly (string | number)[], display: string, allowed = REDUCTIONS): { type: TensorType } | ShapeError {
  if (!allowed.includes(a.reduction as string))
    return fail(`${display}: reduction must be ${allowed.map((r) => JSON.stringify(r)).join(", ")}, found ${JSON.stringify(a.reduction)}`, "DL3005");
  return { type: a.reduction === "none" ? { dtype: "f32", shape: perPosition } : SCALAR };
}

/** A per-class list (`weight: [..]`) must have one number per class. */
function perClass(v: unknown, name: string, classes: string | number, display: string, one = false): ShapeError | undefined {
  if (v === undefined || typeof classes !== "number") return undefined;
  const n = (v as number[]).length;
  if (n === classes || (one && n === 1)) return undefined;
  return fail(`${display}: ${name} has ${n} values for ${classes} classes${one ? " (give one value or one per class)" : ""}`, "DL3001");
}

const CLASS_ARGS: ArgSpec[] = [
  { name: "weight", kind: "floats", doc: "a weight per class; the mean divides by the summed weights of the targets kept" },
  { name: "ignore_index", kind: "int", doc: "labels equal to it add nothing (nor to the mean's count); unset: every label must be a class" },
  reductionArg(),
];

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
  doc: "Cross-entropy of logits [.., C] (class dim last) against i32 labels [..] or probabilities [.., C], as torch's F.cross_entropy.",
  category: "loss",
  tensors: { min: 2, max: 2 },
  args: [{ name: "label_smoothing", kind: "float", default: 0 }, ...CLASS_ARGS],
  infer([x, y], a, { display }) {
    const err = classTargets(x, y, display) ?? perClass(a.weight, "weight", x.shape[x.shape.length - 1], display);
    if (err) return err;
    if (a.ignore_index !== undefined && y.dtype !== "i32") return fail(`${display}: ignore_index needs i32 labels, not probabilities`, "DL3005");
    return reduced(a, x.shape.slice(0, -1), display);
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

function pointwise(name: string, doc: string, extra: FunctionDef["args"], reductions = REDUCTIONS): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "loss",
    tensors: { min: 2, max: 2 },
    args: [...extra, reductionArg(reductions === REDUCTIONS ? undefined : reductions.map((r) => JSON.stringify(r)).join(", ") + ", as torch")],
    infer([x, y], a, { display }) {
      const err = needFloat(x, display) ?? needFloat(y, display);
      if (err) return err;
      if (!shapeEq(x.shape, y.shape))
        return fail(`${display} expects prediction and target of the same shape but receives ${showShape(x.shape)} and ${showShape(y.shape)}`);
      if (a.pos_weight !== undefined && a.logits === false) return fail(`${display}: pos_weight needs logits: true`, "DL3005");
      const pw = perClass(a.pos_weight, "pos_weight", x.shape[x.shape.length - 1], display, true);
      return pw ?? reduced(a, x.shape, display, reductions);
    },
  };
}

export const mse = pointwise("mse", "Squared error of two tensors of the same shape (torch's MSELoss).", []);
export const l1 = pointwise("l1", "Absolute error of two tensors of the same shape (torch's L1Loss).", []);
export const huber = pointwise("huber", "Huber loss: ½d² where |d| ≤ delta, else delta·(|d| − ½delta) (torch's HuberLoss).", [
  { name: "delta", kind: "float", default: 1 },
]);
export const bce_with_logits = pointwise("bce_with_logits", "Binary cross-entropy of raw scores, computed stably (torch's BCEWithLogitsLoss); the same as bce(x, t, logits: true).", [
  { name: "pos_weight", kind: "floats", doc: "weight of the positive term: one value, or one per class (last dim)" },
]);
export const kl_div = pointwise(
  "kl_div",
  "KL divergence of log-probabilities `input` from `target` (probabilities; log-probabilities with log_target: true), as torch's F.kl_div: target·(log target − input).",
  [{ name: "log_target", kind: "bool", default: false }],
  ["mean", "batchmean", "sum", "none"],
);

export const nll: FunctionDef = {
  kind: "function",
  name: "nll",
  doc: "Negative log-likelihood of log-probabilities [.., C] (class dim last) at i32 labels [..] (torch's NLLLoss after log_softmax).",
  category: "loss",
  tensors: { min: 2, max: 2 },
  args: CLASS_ARGS,
  infer([x, y], a, { display }) {
    if (y.dtype !== "i32") return fail(`${display} expects i32 labels but receives ${showType(y)}`, "DL3003");
    return classTargets(x, y, display) ?? perClass(a.weight, "weight", x.shape[x.shape.length - 1], display) ?? reduced(a, x.shape.slice(0, -1), display);
  },
};
export const bce = pointwise("bce", "Binary cross-entropy; `logits: true` takes raw scores (BCEWithLogits, with its pos_weight), else probabilities.", [
  { name: "logits", kind: "bool", default: false },
  { name: "pos_weight", kind: "floats", doc: "with logits: true, as bce_with_logits" },
]);
