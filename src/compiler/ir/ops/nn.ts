// Composite ops: defined by an expansion into primitives (and other
// composites), so they need no derivative, reference or WGSL of their own.
// ONNX may export them directly (Gelu, Softmax, LayerNormalization, ...).

import { InternalError } from "../../diagnostics";
import {
  abs, add, amax, argmax, cast, cos, detach, dimSize, div, eq, erf, exp, ge, gt, iota, le, log, logSoftmax, matmul, maximum, mean,
  mul, ne, neg, permute, oneHot, randomUniform, reshape, sigmoid, softmax, softplus, sqrt, square, sub, sum, tanh, transpose, variance, where,
} from "../builder";
import type { Node } from "../node";
import type { OpDef } from "../op";
import { registerOp } from "../registry";
import type { CompositeOp, DefaultsOf, ExtraArg, OpAttrs } from "../op-attrs";

export function composite<K extends CompositeOp>(
  name: K,
  summary: string,
  arity: OpDef["arity"],
  expand: (ins: readonly Node[], a: OpAttrs[K]) => Node,
  ...[extra]: ExtraArg<K, Partial<OpDef<OpAttrs[K]>>>
) {
  // ExtraArg checked the defaults against OpDefaults at the call; K is still generic here.
  registerOp({ ...extra, name, summary, category: "composite", arity, expand } as OpDef<OpAttrs[K]> & { name: K } & DefaultsOf<K>);
}

const lastAxes = (x: Node, k: number) => x.shape.map((_, i) => i).slice(x.shape.length - k);
/** [C] -> [1, C, 1, 1] for per-channel parameters of NC... tensors. */
const perChannel = (p: Node, x: Node) => reshape(p, x.shape.map((d, i) => (i === 1 ? d : 1)));
const allButChannel = (x: Node) => x.shape.map((_, i) => i).filter((i) => i !== 1);

/**
 * A loss's reduction, as torch's `reduction`: "mean" over every element,
 * "sum", "none" (the elementwise losses), "batchmean" (sum / size of dim 0,
 * kl_div's).
 */
function reduceLoss(l: Node, reduction: unknown): Node {
  switch (reduction) {
    case "none":
      return l;
    case "sum":
      return sum(l);
    case "batchmean":
      return div(sum(l), dimSize(l.shape.slice(0, 1)));
    default:
      return mean(l);
  }
}
const REDUCTION = { reduction: "mean" as const };

// GELU. "none" (PyTorch default): x/2 · (1 + erf(x/√2)); "tanh": x/2 · (1 + tanh(√(2/π)(x + 0.044715x³)))
composite("gelu", "Gaussian error linear unit (erf form, or tanh approximation)", 1, ([x], a) =>
  a.approximate === "tanh"
    ? mul(mul(x, 0.5), add(1, tanh(mul(add(x, mul(mul(square(x), x), 0.044715)), Math.sqrt(2 / Math.PI)))))
    : mul(mul(x, 0.5), add(1, erf(mul(x, Math.SQRT1_2)))),
  { defaults: { approximate: "none" } });

// silu(x) = x·σ(x)
composite("silu", "x * sigmoid(x) (swish)", 1, ([x]) => mul(x, sigmoid(x)));

// softmax(x)ᵢ = e^(xᵢ-m) / Σⱼ e^(xⱼ-m); m = max x is detached: the result does not depend on it.
composite("softmax", "softmax along `axis`", 1, ([x], a) => {
  const e = exp(sub(x, detach(amax(x, a.axis, true))));
  return div(e, sum(e, a.axis, true));
});

// log_softmax(x) = x - m - log Σ e^(x-m)
composite("log_softmax", "log of softmax along `axis`, computed stably", 1, ([x], a) => {
  const s = sub(x, detach(amax(x, a.axis, true)));
  return sub(s, log(sum(exp(s), a.axis, true)));
});

// logsumexp(x) = m + log Σ e^(x-m)
composite("logsumexp", "log Σ exp over axes", 1, ([x], a) => {
  const axes = a.axes;
  const m = detach(amax(x, axes, true));
  const r = add(log(sum(exp(sub(x, m)), axes, true)), m);
  return a.keepdims ? r : reshape(r, x.shape.filter((_, i) => !axes.includes(i)));
}, { defaults: { keepdims: false } });

// mean = Σ x / n; n from the (possibly symbolic) reduced dims, bound by specialize()
composite("reduce_mean", "mean over axes", 1, ([x], a) => {
  const axes = a.axes;
  return div(sum(x, axes, a.keepdims), dimSize(axes.map((i) => x.shape[i])));
}, { defaults: { keepdims: false } });

// var = Σ (x - mean)² / (n - correction)
composite("variance", "variance over axes with Bessel correction", 1, ([x], a) => {
  const axes = a.axes;
  const d = sub(x, mean(x, axes, true));
  return div(sum(square(d), axes, a.keepdims), sub(dimSize(axes.map((i) => x.shape[i])), a.correction));
}, { defaults: { keepdims: false, correction: 0 } });

// layer_norm(x) = (x - μ)/√(σ² + ε) · γ + β over the last `normalized_dims` axes (σ² biased)
composite("layer_norm", "layer normalization over the last axes; optional gamma, beta", "variadic", ([x, gamma, beta], a) => {
  const axes = lastAxes(x, a.normalized_dims);
  const mu = mean(x, axes, true);
  const v = variance(x, axes, true);
  let y = div(sub(x, mu), sqrt(add(v, a.eps)));
  if (gamma) y = mul(y, gamma);
  if (beta) y = add(y, beta);
  return y;
}, { defaults: { normalized_dims: 1, eps: 1e-5 } });

// rms_norm(x) = x / √(mean x² + ε) · γ
composite("rms_norm", "RMS normalization over the last axes; optional gamma", "variadic", ([x, gamma], a) => {
  const axes = lastAxes(x, a.normalized_dims);
  const y = div(x, sqrt(add(mean(square(x), axes, true), a.eps)));
  return gamma ? mul(y, gamma) : y;
}, { defaults: { normalized_dims: 1, eps: 1e-6 } });

// batch norm, training: statistics of the batch over all axes but 1 (biased variance, as PyTorch's forward)
composite("batch_norm_train", "batch normalization with batch statistics (x is [N, C, ...])", 3, ([x, gamma, beta], a) => {
  const axes = allButChannel(x);
  const y = div(sub(x, mean(x, axes, true)), sqrt(add(variance(x, axes, true), a.eps)));
  return add(mul(y, perChannel(gamma, x)), perChannel(beta, x));
}, { defaults: { eps: 1e-5 } });

// batch norm, evaluation: (x - running_mean)/√(running_var + ε) · γ + β
composite("batch_norm_eval", "batch normalization with running statistics", 5, ([x, rm, rv, gamma, beta], a) => {
  const y = div(sub(x, perChannel(rm, x)), sqrt(add(perChannel(rv, x), a.eps)));
  return add(mul(y, perChannel(gamma, x)), perChannel(beta, x));
}, { defaults: { eps: 1e-5 } });

// attention(q,k,v) = softmax(q kᵀ · scale + mask) v; causal mask keeps key j ≤ query i (torch SDPA is_causal)
composite("attention", "scaled dot-product attention over [..., T, d], optional causal mask", 3, ([q, k, v], a) => {
  const d = q.shape[q.shape.length - 1];
  const scale = (a.scale) ?? (typeof d === "number" ? 1 / Math.sqrt(d) : null);
  let s = matmul(q, transpose(k));
  s = scale === null ? div(s, sqrt(dimSize([d]))) : mul(s, scale);
  if (a.causal) {
    const tq = q.shape[q.shape.length - 2];
    const tk = k.shape[k.shape.length - 2];
    const keep = ge(iota([tq, 1], 0), iota([1, tk], 1));
    s = where(keep, s, -Infinity);
  }
  return matmul(softmax(s, -1), v);
}, { defaults: { causal: false, scale: null } });

// dropout: x/(1-p) where u >= p else 0, u = uniform(seed, salt, index) (inverted dropout, as PyTorch)
composite("dropout", "inverted dropout driven by an i32 seed input", 2, ([x, seed], a) => {
  const p = a.p;
  if (p <= 0) return x;
  if (p >= 1) return mul(x, 0);
  return where(ge(randomUniform(seed, x.shape, a.salt), p), mul(x, 1 / (1 - p)), 0);
}, { defaults: { salt: 0 } });

// Standard normal by Box–Muller from two uniform streams of the counter-based
// RNG (salts `salt` and salt ^ 0x68e31da4): z = √(-2 ln(1 - u₁)) · cos(2π u₂).
// 1 - u₁ ∈ (0, 1], so the log is finite; the same bits on every backend.
composite("random_normal", "standard normal N(0, 1) from hash(seed, salt, index) (Box–Muller)", 1, ([seed], a) => {
  const shape = a.shape;
  const salt = a.salt;
  const u1 = randomUniform(seed, shape, salt);
  const u2 = randomUniform(seed, shape, (salt ^ 0x68e31da4) >>> 0);
  return mul(sqrt(mul(log(sub(1, u1)), -2)), cos(mul(u2, 2 * Math.PI)));
}, { defaults: { salt: 0 }, dimAttrs: ["shape"] });

// softplus(x) = log(1 + e^(βx))/β, computed as (max(βx, 0) + log(1 + e^-|βx|))/β; x where βx > threshold (torch)
composite("softplus", "log(1 + exp(beta·x)) / beta, linear above threshold", 1, ([x], a) => {
  const beta = a.beta;
  const bx = mul(x, beta);
  const soft = div(add(maximum(bx, 0), log(add(1, exp(neg(abs(bx)))))), beta);
  return where(gt(bx, a.threshold), x, soft);
}, { defaults: { beta: 1, threshold: 20 } });

// leaky_relu(x) = x if x > 0 else s·x
composite("leaky_relu", "x where x > 0, else negative_slope·x", 1, ([x], a) => where(gt(x, 0), x, mul(x, a.negative_slope)),
  { defaults: { negative_slope: 0.01 } });

// elu(x) = x if x > 0 else α(e^x - 1)
composite("elu", "x where x > 0, else alpha·(exp(x) - 1)", 1, ([x], a) => where(gt(x, 0), x, mul(sub(exp(x), 1), a.alpha)),
  { defaults: { alpha: 1 } });

// mish(x) = x·tanh(softplus(x))
composite("mish", "x·tanh(softplus(x))", 1, ([x]) => mul(x, tanh(softplus(x))));

// huber(p, t) = mean of ½d² where |d| < δ, else δ(|d| - ½δ); d = p - t (torch HuberLoss)
composite("huber_loss", "mean Huber loss (quadratic below delta, linear above)", 2, ([p, t], a) => {
  const delta = a.delta;
  const d = sub(p, t);
  const ad = abs(d);
  return reduceLoss(where(le(ad, delta), mul(square(d), 0.5), mul(sub(ad, 0.5 * delta), delta)), a.reduction);
}, { defaults: { delta: 1, ...REDUCTION } });

// nll over log-probabilities lp [.., C] (classes last) at i32 labels y [..], as torch 1.13's
// nll_loss / cross_entropy with optional class weights w [C] (third input),
// ignore_index and label_smoothing ε:
//   l_i = m_i · ((1-ε)·w[y_i]·(-lp[i, y_i]) + ε/C · Σ_c w_c·(-lp[i, c])),   m_i = [y_i ≠ ignore_index]
//   mean = Σ l_i / Σ m_i·w[y_i]   (the weighted mean over the targets not ignored), sum = Σ l_i, none = l.
// Labels equal to ignore_index are exempt from the range check; the one-hot is
// written as eq(y, iota) (not one_hot) so that no unexempted check appears.
composite("nll_loss", "negative log-likelihood of log-probabilities with i32 labels (weights, ignore_index, label smoothing, reduction)", "variadic", ([lp, labels, weight], a) => {
  const c = lp.shape[lp.shape.length - 1];
  if (typeof c !== "number") throw new InternalError(`nll_loss needs a concrete class count, got ${c}`);
  const hot = cast(eq(reshape(labels, [...labels.shape, 1]), iota([c], 0)), "f32");
  const wlp = weight ? mul(lp, weight) : lp;
  let l = neg(sum(mul(wlp, hot), -1));
  const eps = a.label_smoothing as number;
  if (eps !== 0) l = add(mul(l, 1 - eps), mul(neg(sum(wlp, -1)), eps / c));
  const ignore = a.ignore_index as number | null;
  const kept = ignore === null ? undefined : cast(ne(labels, ignore), "f32");
  if (kept) l = mul(l, kept);
  if (a.reduction !== "mean" || (!weight && !kept)) return reduceLoss(l, a.reduction);
  const wy = weight ? sum(mul(hot, weight), -1) : undefined;
  return div(sum(l), sum(wy && kept ? mul(wy, kept) : (wy ?? kept)!));
}, {
  // `of`: the loss the user wrote (cross_entropy with options lowers to nll_loss), for messages
  defaults: { ignore_index: null, label_smoothing: 0, of: "nll", ...REDUCTION },
  indexOperands: ([lp], a) => {
    const c = lp.shape[lp.shape.length - 1];
    const ignore = a.ignore_index as number | null;
    return [{ operand: 1, size: c, what: `${String(a.of)} over ${String(c)} classes`, ...(ignore === null ? {} : { allowed: ignore }) }];
  },
});

// cumsum along `axis`: x moved to the last axis times the upper-triangular ones U[j, i] = [j ≤ i]
composite("cumsum", "running sum along axis", 1, ([x], a) => {
  const ax = a.axis;
  const n = x.shape[ax];
  if (typeof n !== "number") throw new InternalError(`cumsum needs a concrete size along axis ${ax}, got ${n}`);
  const last = x.shape.length - 1;
  const perm = x.shape.map((_, i) => (i === ax ? last : i === last ? ax : i));
  const upper = cast(le(iota([n, n], 0), iota([n, n], 1)), "f32");
  return ax === last ? matmul(x, upper) : permute(matmul(permute(x, perm), upper), perm);
});

// one_hot(l)[..., c] = [l = c]
composite("one_hot", "f32 one-hot of i32 labels, classes on a new last axis", 1, ([l], a) =>
  cast(eq(reshape(l, [...l.shape, 1]), iota([a.classes], 0)), "f32"),
  { indexOperands: (_, a) => [{ operand: 0, size: a.classes, what: `one_hot over ${String(a.classes)} classes` }] });

// cross_entropy = -mean over positions of log_softmax(z)[label]; classes on the last axis
composite("cross_entropy", "softmax cross-entropy with i32 labels, mean over all positions", 2, ([z, labels]) => {
  const c = z.shape[z.shape.length - 1];
  if (typeof c !== "number") throw new InternalError(`cross_entropy needs a concrete class count, got ${c}`);
  return neg(mean(sum(mul(logSoftmax(z, -1), oneHot(labels, c)), -1)));
}, { indexOperands: ([z]) => [{ operand: 1, size: z.shape[z.shape.length - 1], what: `cross_entropy over ${String(z.shape[z.shape.length - 1])} classes` }] });

// mse = mean (p - t)²
composite("mse", "squared error, reduced (mean by default)", 2, ([p, t], a) => reduceLoss(square(sub(p, t)), a.reduction), { defaults: REDUCTION });

// l1 = mean |p - t|
composite("l1_loss", "absolute error, reduced (mean by default)", 2, ([p, t], a) => reduceLoss(abs(sub(p, t)), a.reduction), { defaults: REDUCTION });

// kl_div(input, target) = target·(log target − input) (0 where target = 0), input log-probabilities;
// log_target: exp(target)·(target − input). As torch's F.kl_div, default reduction "mean" (over elements).
composite("kl_div", "Kullback-Leibler divergence of log-probabilities `input` from `target`", 2, ([x, t], a) => {
  if (a.log_target === true) return reduceLoss(mul(exp(t), sub(t, x)), a.reduction);
  const pos = gt(t, 0);
  return reduceLoss(where(pos, mul(t, sub(log(where(pos, t, 1)), x)), 0), a.reduction);
}, { defaults: { log_target: false, ...REDUCTION } });

// bce = -mean(t·log p + (1-t)·log(1-p)), logs clamped at -100 (torch BCELoss). A
// probability that is exactly 0 in f32 (a saturated sigmoid) takes the -100 through a
// where whose log branch sees 1 instead: the same value, and a zero gradient rather than
// 0·∞ = NaN.
const clampedLog = (q: Node) => {
  const pos = gt(q, 0);
  return maximum(where(pos, log(where(pos, q, 1)), -100), -100);
};
composite("bce", "binary cross-entropy on probabilities", 2, ([p, t], a) =>
  reduceLoss(neg(add(mul(t, clampedLog(p)), mul(sub(1, t), clampedLog(sub(1, p))))), a.reduction), { defaults: REDUCTION });

// bce_with_logits = mean(max(z,0) - z·t + log(1 + e^-|z|)); with pos_weight p (third input, broadcast
// against z) as torch: (1 - t)·z + (1 + (p - 1)·t)·(log(1 + e^-|z|) + max(-z, 0))
composite("bce_with_logits", "binary cross-entropy on logits, computed stably (optional pos_weight)", "variadic", ([z, t, pw], a) => {
  const softplusNeg = add(log(add(1, exp(neg(abs(z))))), maximum(neg(z), 0)); // log(1 + e^-z)
  const l = pw ? add(mul(sub(1, t), z), mul(add(1, mul(sub(pw, 1), t)), softplusNeg)) : add(sub(maximum(z, 0), mul(z, t)), log(add(1, exp(neg(abs(z))))));
  return reduceLoss(l, a.reduction);
}, { defaults: REDUCTION });

composite("accuracy", "fraction of positions with argmax(logits) == label", 2, ([z, labels]) =>
  mean(cast(eq(argmax(z, -1), labels), "f32")), { noGrad: "accuracy is piecewise constant" });
