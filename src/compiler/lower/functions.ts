// Lowerings of the built-in functions (relu … where, losses, metrics). The
// checker resolved every option: a reduction's `dim` is a sorted list of
// non-negative axes (all axes when omitted), axis options are non-negative.

import { InternalError } from "../diagnostics";
import {
  abs, accuracy, add, amax, amin, argmax, bce, bceWithLogits, cast, concat, constant, crossEntropy, cumsum, detach, elu, exp, gather, ge, gelu,
  huberLoss, floor, round, iota, klDiv, l1Loss, leakyRelu, le, log, logSoftmax, logsumexp, mish, nllLoss, oneHot, sign, softplus, sub, variance, where as select,
  maximum, mean, minimum, mse, mul, neg, randomNormal, randomUniform, reshape, sigmoid, silu, sin, cos, sliceAxis, softmax, sqrt, sum, tanh,
  transpose, permute, where, full, type Node, type NllOptions, type Reduction,
} from "../ir/builder";
import type { Args } from "../layers/registry";
import type { DType } from "../ir/types";
import type { ECall } from "../check/elaborated";
import { irDType } from "./context";
import { reluAny } from "./layers/dense";
import { newAxis } from "../layers/functions/reductions";
import type { FunctionLowering } from "./rules";
import { castLowering, gatherElements, lowerEinsum } from "./indexing";
import { checkedIndex, classesOf } from "./index-check";
import { parseEinsum, permutation, type Einsum } from "../layers/functions/indexing";

const unary = (f: (x: Node) => Node): FunctionLowering => (_cx, [x]) => f(x);

/** A compile-time list of numbers (class weights) as an f32 vector. */
function constVector(values: readonly number[]): Node {
  return values.length === 1 ? full([1], values[0]) : concat(values.map((v) => full([1], v)), 0);
}

const posWeight = (o: Args): Node | undefined => (o.pos_weight === undefined ? undefined : constVector(o.pos_weight as number[]));

/** cross_entropy's and nll's weight, ignore_index and reduction as nll_loss options. */
const classOptions = (o: Args, labelSmoothing: number): NllOptions => ({
  ...(o.weight === undefined ? {} : { weight: constVector(o.weight as number[]) }),
  ...(o.ignore_index === undefined ? {} : { ignoreIndex: o.ignore_index as number }),
  labelSmoothing,
  reduction: o.reduction as Reduction,
});

function axes(o: Args, rank: number): number[] {
  const d = o.dim;
  if (d === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = (Array.isArray(d) ? d : [d]) as number[];
  return list.map((a) => (a < 0 ? a + rank : a)).sort((p, q) => p - q);
}

/** Operands of an elementwise call in the result's dtype (check has unified them). */
function operands(xs: readonly Node[], e: ECall): Node[] {
  const dt: DType = irDType(e.type.dtype);
  return xs.map((x) => (x.dtype === dt || x.dtype === "bool" ? x : cast(x, dt)));
}

function extremum(pair: (a: Node, b: Node) => Node, reduce: typeof amax): FunctionLowering {
  return (_cx, xs, o, e) => {
    if (xs.length === 2) {
      const [a, b] = operands(xs, e);
      return pair(a, b);
    }
    return reduce(xs[0], axes(o, xs[0].shape.length), o.keepdim === true);
  };
}

/** -mean over positions of Σ_c target_c · log_softmax(logits)_c. */
function softCrossEntropy(logits: Node, target: Node): Node {
  return neg(mean(sum(mul(target, logSoftmax(logits, -1)), -1)));
}

/**
 * A random tensor of the call's shape. Salt: the call site (file and offset),
 * and how many times it was lowered before (a layer body applied twice draws
 * twice), so each call is its own stream.
 */
const random = (draw: typeof randomNormal): FunctionLowering => (cx, _xs, _o, e) =>
  draw(cx.seed(), cx.shapeOf(e), cx.salt(`${e.file}@${e.span.start}`, e.fn.name));

/** What an index along `dim` of x picks from: "the 5 entries along dim 0". */
const alongDim = (x: Node, dim: number) => `the ${String(x.shape[dim])} entries along dim ${dim}`;

/** torch.flip: gather along each axis with the reversed indices n-1 … 0. */
function flip(x: Node, axes: readonly number[]): Node {
  let y = x;
  for (const ax of axes) {
    const n = x.shape[ax] as number;
    y = gather(y, sub(constant(n - 1, "i32"), iota([n], 0, "i32")), ax);
  }
  return y;
}

/** tril/triu over the last two dims: keep x[i, j] where j - i ≤ k (tril) or j - i ≥ k (triu). */
function triangle(x: Node, k: number, lower: boolean): Node {
  const r = x.shape.length;
  const rows = x.shape[r - 2];
  const cols = x.shape[r - 1];
  const offset = sub(iota([rows, cols], 1, "i32"), iota([rows, cols], 0, "i32"));
  return select(lower ? le(offset, constant(k, "i32")) : ge(offset, constant(k, "i32")), x, 0);
}

/** A new size-1 axis at `dim` (torch.unsqueeze's numbering). */
const unsqueezeAt = (x: Node, dim: number): Node => {
  const shape = [...x.shape];
  shape.splice(newAxis(dim, x.shape.length)!, 0, 1);
  return reshape(x, shape);
};

export const FUNCTION_LOWERINGS: Readonly<Record<string, FunctionLowering>> = {
  relu: (_cx, [x]) => reluAny(x),
  gelu: unary((x) => gelu(x)),
  silu: unary(silu),
  tanh: unary(tanh),
  sigmoid: unary(sigmoid),
  exp: unary(exp),
  log: unary(log),
  sqrt: unary(sqrt),
  abs: unary(abs),
  sin: unary(sin),
  cos: unary(cos),
  sign: unary(sign),
  floor: unary(floor),
  round: unary(round),
  arange: (_cx, _xs, o) => {
    const [start, end] = o.end === undefined ? [0, o.start as number] : [o.start as number, o.end as number];
    return add(iota([end - start], 0, "i32"), constant(start, "i32"));
  },
  detach: unary(detach),
  softplus: (_cx, [x], o) => softplus(x, o.beta as number, o.threshold as number),
  leaky_relu: (_cx, [x], o) => leakyRelu(x, o.negative_slope as number),
  elu: (_cx, [x], o) => elu(x, o.alpha as number),
  mish: unary(mish),
  clamp: (_cx, [x], o) => {
    let y = x;
    if (typeof o.min === "number") y = maximum(y, o.min);
    if (typeof o.max === "number") y = minimum(y, o.max);
    return y;
  },
  logsumexp: (_cx, [x], o) => logsumexp(x, axes(o, x.shape.length), o.keepdim === true),
  var: (_cx, [x], o) => variance(x, axes(o, x.shape.length), o.keepdim === true, o.correction as number),
  std: (_cx, [x], o) => sqrt(variance(x, axes(o, x.shape.length), o.keepdim === true, o.correction as number)),
  argmax: (_cx, [x], o) => argmax(x, o.dim as number, o.keepdim === true),
  cumsum: (_cx, [x], o) => cumsum(x, o.dim as number),
  unsqueeze: (_cx, [x], o) => unsqueezeAt(x, o.dim as number),
  stack: (_cx, xs, o) => concat(xs.map((x) => unsqueezeAt(x, o.dim as number)), newAxis(o.dim as number, xs[0].shape.length)!),
  flip: (_cx, [x], o) => flip(x, axes({ dim: o.dims }, x.shape.length)),
  tril: (_cx, [x], o) => triangle(x, o.diagonal as number, true),
  triu: (_cx, [x], o) => triangle(x, o.diagonal as number, false),
  one_hot: (cx, [x], o, e) => {
    const c = o.num_classes as number;
    return oneHot(checkedIndex(cx, x, c, `the ${c} classes`, "one_hot", e), c);
  },
  randn: random(randomNormal),
  rand: random(randomUniform),
  randn_like: random(randomNormal),
  rand_like: random(randomUniform),
  softmax: (_cx, [x], o) => softmax(x, o.dim as number),
  log_softmax: (_cx, [x], o) => logSoftmax(x, o.dim as number),
  where: (_cx, [c, a, b], _o, e) => {
    const [p, q] = operands([a, b], e);
    return where(c, p, q);
  },
  sum: (_cx, [x], o) => sum(x, axes(o, x.shape.length), o.keepdim === true),
  mean: (_cx, [x], o) => mean(x, axes(o, x.shape.length), o.keepdim === true),
  max: extremum(maximum, amax),
  min: extremum(minimum, amin),
  transpose: (_cx, [x], o) => transpose(x, o.dim0 as number, o.dim1 as number),
  permute: (_cx, [x], o) => permute(x, permutation((Array.isArray(o.dims) ? o.dims : [o.dims]) as number[], x.shape.length)!),
  gather: (cx, [x, idx], o, e) => gatherElements(x, o.dim as number, checkedIndex(cx, idx, x.shape[o.dim as number], alongDim(x, o.dim as number), "gather", e)),
  index_select: (cx, [x, idx], o, e) => gather(x, checkedIndex(cx, idx, x.shape[o.dim as number], alongDim(x, o.dim as number), "index_select", e), o.dim as number),
  einsum: (_cx, xs, o) => lowerEinsum(xs, parseEinsum(String(o.equation), xs.length) as Einsum),
  f32: unary(castLowering("f32")),
  i32: unary(castLowering("i32")),
  bool: unary(castLowering("bool")),
  concat: (_cx, xs, o) => concat(xs, o.dim as number),
  // `split(..)[i]` arrives as an index; a bare split is its first chunk (its checked type).
  split: (_cx, [x], o) => sliceAxis(x, o.dim as number, 0, o.split_size as number),
  reshape: (cx, [x], _o, e) => reshape(x, cx.shapeOf(e)),
  cross_entropy: (cx, [logits, labels], o, e) => {
    const eps = (o.label_smoothing as number | undefined) ?? 0;
    const r = o.reduction as Reduction;
    if (labels.dtype === "i32") {
      const { size, what } = classesOf(logits);
      const target = checkedIndex(cx, labels, size, what, "cross_entropy", e, (o.ignore_index as number | undefined) ?? null);
      if (o.weight !== undefined || o.ignore_index !== undefined || r !== "mean")
        return nllLoss(logSoftmax(logits, -1), target, { ...classOptions(o, eps), of: "cross_entropy" });
      const ce = crossEntropy(logits, target);
      if (eps === 0) return ce;
      // PyTorch: (1-ε)·CE + ε·mean over positions of mean_c(-log p_c) (nll_loss's formula without weights)
      const uniform = neg(mean(mean(logSoftmax(logits, -1), -1)));
      return add(mul(ce, 1 - eps), mul(uniform, eps));
    }
    const target = labels;
    const classes = logits.shape[logits.shape.length - 1];
    if (eps !== 0 && typeof classes !== "number") throw new InternalError("label smoothing needs a concrete class count");
    const t = eps === 0 ? target : add(mul(target, 1 - eps), eps / (classes as number));
    if (o.weight === undefined && r === "mean") return softCrossEntropy(logits, t);
    // probabilities: -Σ_c w_c·t_c·log p_c per position; the mean is over positions (torch does not divide by weights here)
    const lp = logSoftmax(logits, -1);
    const per = neg(sum(mul(o.weight === undefined ? lp : mul(lp, constVector(o.weight as number[])), t), -1));
    return r === "none" ? per : r === "sum" ? sum(per) : mean(per);
  },
  mse: (_cx, [p, t], o) => mse(p, t, o.reduction as Reduction),
  l1: (_cx, [p, t], o) => l1Loss(p, t, o.reduction as Reduction),
  huber: (_cx, [p, t], o) => huberLoss(p, t, o.delta as number, o.reduction as Reduction),
  bce_with_logits: (_cx, [z, t], o) => bceWithLogits(z, t, posWeight(o), o.reduction as Reduction),
  nll: (cx, [lp, labels], o, e) => {
    const { size, what } = classesOf(lp);
    return nllLoss(lp, checkedIndex(cx, labels, size, what, "nll", e, (o.ignore_index as number | undefined) ?? null), classOptions(o, 0));
  },
  bce: (_cx, [p, t], o) => (o.logits === true ? bceWithLogits(p, t, posWeight(o), o.reduction as Reduction) : bce(p, t, o.reduction as Reduction)),
  kl_div: (_cx, [x, t], o) => klDiv(x, t, o.reduction as Reduction, o.log_target === true),
  accuracy: (_cx, [logits, labels]) => accuracy(logits, labels),
};
