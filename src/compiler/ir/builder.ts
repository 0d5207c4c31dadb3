// The IR builder: one function per op, in plain function style, used by the
// lowering, the derivative rules, the composites and the optimizers:
//     const h = relu(add(matmul(x, transpose(w)), b));
// Numbers are accepted wherever a tensor is and become scalar constants of
// the other operand's dtype. GraphBuilder collects named inputs and outputs.

import { InternalError } from "../diagnostics";
import { Graph, type InputRole } from "./graph";
import { isOp, makeNode, type AttrsArg, type Node } from "./node";
import type { AvgPoolAttrs, CompositeOp, ConvAttrs, OpAttrs, PoolAttrs } from "./op-attrs";
import { getOp } from "./registry";
import "./ops/index";
import { normAxisOrThrow, sameShape, type DType, type Dim, type Shape } from "./types";
import { addDims } from "../dims";

export type { Node } from "./node";
export type Operand = Node | number;

const lift = (v: Operand, like?: Node): Node =>
  typeof v === "number" ? constant(v, like && like.dtype !== "bool" ? like.dtype : "f32") : v;
function lift2(a: Operand, b: Operand): [Node, Node] {
  const na = typeof a === "number" ? undefined : a;
  const nb = typeof b === "number" ? undefined : b;
  return [lift(a, nb), lift(b, na)];
}
const axesOf = (x: Node, axes: number | readonly number[] | undefined): number[] =>
  axes === undefined ? x.shape.map((_, i) => i) : (typeof axes === "number" ? [axes] : axes).map((a) => normAxisOrThrow(a, x.shape.length)).sort((p, q) => p - q);

// ------------------------------------------------------------------ sources

/** A graph input; prefer GraphBuilder.input, which also records the name. */
export const input = (name: string, dtype: DType, shape: Shape): Node => makeNode("input", [], { name, dtype, shape });
/** A constant filled with `value` (scalar by default; broadcasting does the rest). */
export const constant = (value: number, dtype: DType = "f32", shape: Shape = []): Node =>
  makeNode("const", [], { value, dtype, shape });
export const full = (shape: Shape, value: number, dtype: DType = "f32"): Node => constant(value, dtype, shape);
/** 0, 1, 2, ... along `axis`, repeated along the others. */
export const iota = (shape: Shape, axis = 0, dtype: DType = "i32"): Node => makeNode("iota", [], { shape, axis, dtype });
/** The product of `dims` as an f32 scalar (the count of a mean over symbolic dims). */
export const dimSize = (dims: Shape): Node =>
  dims.every((d) => typeof d === "number") ? constant((dims as number[]).reduce((p, d) => p * d, 1)) : makeNode("dim_size", [], { dims });
/** Uniform [0,1) from a counter-based hash of (seed, salt, index); seed is an i32 scalar. */
export const randomUniform = (seed: Node, shape: Shape, salt = 0): Node => makeNode("random_uniform", [seed], { shape, salt });
export const randomNormal = (seed: Node, shape: Shape, salt = 0): Node => makeNode("random_normal", [seed], { shape, salt });

// --------------------------------------------------------------- elementwise

// Scalar constants fold at build time (`neg(1)` is the constant -1), so that
// derivative rules can be written plainly without littering the graph.
/** The ops without attributes that the elementwise builders make. */
type Plain = { [K in keyof OpAttrs]: OpAttrs[K] extends Record<never, never> ? (keyof OpAttrs[K] extends never ? K : never) : never }[keyof OpAttrs];
const scalarConst = (n: Node): number | undefined => (isOp(n, "const") && n.shape.length === 0 ? n.attrs.value : undefined);
function folded(op: Plain, ins: readonly Node[]): Node | undefined {
  const vs = ins.map(scalarConst);
  if (!vs.every((v) => v !== undefined)) return undefined;
  const def = getOp(op);
  if (!def.scalar || def.category === "compare" || ins[0].dtype !== "f32") return undefined;
  const v = def.scalar(...(vs as number[]));
  return Number.isFinite(v) ? constant(v, "f32") : undefined;
}
const un = (op: Plain) => (x: Node): Node => folded(op, [x]) ?? makeNode(op, [x]);
export const neg = un("neg");
export const exp = un("exp");
export const log = un("log");
export const sqrt = un("sqrt");
export const abs = un("abs");
export const tanh = un("tanh");
export const sigmoid = un("sigmoid");
export const relu = un("relu");
export const erf = un("erf");
export const sign = un("sign");
/** Identity whose gradient is zero (running statistics, targets). */
export const detach = un("detach");
export const sin = un("sin");
export const floor = un("floor");
export const round = un("round");
export const cos = un("cos");
export const cast = (x: Node, dtype: DType): Node => (x.dtype === dtype ? x : makeNode("cast", [x], { dtype }));

/** x + 0 = x, x - 0 = x, x · 1 = x, x / 1 = x (a scalar constant never changes x's shape). */
function identity(op: Plain, [a, b]: readonly Node[]): Node | undefined {
  const vb = scalarConst(b);
  if ((op === "add" || op === "sub") && vb === 0 && !Object.is(vb, -0)) return a;
  if ((op === "mul" || op === "div") && vb === 1) return a;
  const va = scalarConst(a);
  if (op === "add" && va === 0 && !Object.is(va, -0)) return b;
  if (op === "mul" && va === 1) return b;
  return undefined;
}
const bin = (op: Plain) => (a: Operand, b: Operand): Node => {
  const ins = lift2(a, b);
  return folded(op, ins) ?? (ins[0].dtype === "f32" ? identity(op, ins) : undefined) ?? makeNode(op, ins);
};
export const add = bin("add");
export const sub = bin("sub");
export const mul = bin("mul");
export const div = bin("div");
export const pow = bin("pow");
/** Elementwise max / min (the reductions are amax / amin). */
export const maximum = bin("max");
export const minimum = bin("min");
export const lt = bin("lt");
export const le = bin("le");
export const gt = bin("gt");
export const ge = bin("ge");
export const eq = bin("eq");
export const ne = bin("ne");
export function where(cond: Node, a: Operand, b: Operand): Node {
  const [na, nb] = lift2(a, b);
  return makeNode("where", [cond, na, nb]);
}
export const square = (x: Node): Node => mul(x, x);
export const reciprocal = (x: Node): Node => div(1, x);

// ------------------------------------------------------------------ movement

export const expand = (x: Node, shape: Shape): Node =>
  sameShape(x.shape, shape) ? x : makeNode("expand", [x], { shape });
// Reshape(Reshape(x)) = Reshape(x); Reshape(x) to x's shape = x
export function reshape(x: Node, shape: Shape): Node {
  if (isOp(x, "reshape")) return reshape(x.inputs[0], shape);
  return sameShape(x.shape, shape) ? x : makeNode("reshape", [x], { shape });
}
// Permute(Permute(x, p), q) = Permute(x, p∘q); the identity permutation is x
export function permute(x: Node, perm: readonly number[]): Node {
  if (isOp(x, "permute")) {
    const inner = x.attrs.perm;
    return permute(x.inputs[0], perm.map((q) => inner[q]));
  }
  return perm.every((p, i) => p === i) ? x : makeNode("permute", [x], { perm });
}
/** Swap two axes (default: the last two). */
export function transpose(x: Node, a = -2, b = -1): Node {
  const r = x.shape.length;
  const perm = x.shape.map((_, i) => i);
  const i = normAxisOrThrow(a, r);
  const j = normAxisOrThrow(b, r);
  [perm[i], perm[j]] = [perm[j], perm[i]];
  return permute(x, perm);
}
/** Python-style slice on all axes at once (ends clamped, negative steps unsupported). */
export function slice(x: Node, starts: readonly Dim[], ends: readonly Dim[], steps?: readonly number[]): Node {
  return makeNode("slice", [x], { starts, ends, steps: steps ?? starts.map(() => 1) });
}
/** `x[start:end:step]` on one axis; negative start/end count from the end (concrete dims). */
export function sliceAxis(x: Node, axis: number, start: number, end?: number, step = 1): Node {
  const ax = normAxisOrThrow(axis, x.shape.length);
  const d = x.shape[ax];
  const fix = (v: number): Dim => (v < 0 ? addDims(d, v) : v);
  const starts = x.shape.map((_, i) => (i === ax ? fix(start) : 0));
  const ends = x.shape.map((dd, i) => (i === ax && end !== undefined ? fix(end) : dd));
  const steps = x.shape.map((_, i) => (i === ax ? step : 1));
  return slice(x, starts, ends, steps);
}
/** XLA-style pad: lo/hi zeros (or `value`) around each axis, `interior` between elements. */
export function pad(x: Node, lo: readonly Dim[], hi: readonly Dim[], value = 0, interior?: readonly number[]): Node {
  return makeNode("pad", [x], { lo, hi, interior: interior ?? lo.map(() => 0), value });
}
export function concat(xs: readonly Node[], axis: number): Node {
  if (xs.length === 1) return xs[0];
  return makeNode("concat", xs, { axis: normAxisOrThrow(axis, xs[0].shape.length) });
}

/**
 * Sum `x` down to `shape` (the adjoint of broadcasting): extra leading axes
 * and axes where `shape` has 1 are summed. The autodiff driver's unbroadcast.
 */
export function sumTo(x: Node, shape: Shape): Node {
  const lead = x.shape.length - shape.length;
  const axes: number[] = [];
  x.shape.forEach((d, i) => {
    if (i < lead || (shape[i - lead] === 1 && d !== 1)) axes.push(i);
  });
  return reshape(axes.length ? sum(x, axes, true) : x, shape);
}

// ---------------------------------------------------------------- reductions

export const sum = (x: Node, axes?: number | readonly number[], keepdims = false): Node =>
  makeNode("reduce_sum", [x], { axes: axesOf(x, axes), keepdims });
export const amax = (x: Node, axes?: number | readonly number[], keepdims = false): Node =>
  makeNode("reduce_max", [x], { axes: axesOf(x, axes), keepdims });
export const amin = (x: Node, axes?: number | readonly number[], keepdims = false): Node =>
  neg(amax(neg(x), axes, keepdims));
export const argmax = (x: Node, axis = -1, keepdims = false): Node =>
  makeNode("argmax", [x], { axis: normAxisOrThrow(axis, x.shape.length), keepdims });

// ------------------------------------------------------------ linear algebra

/** Batched matmul [..., m, k] @ [..., k, n] with broadcast batch dims. */
/** idx, checked to lie in [0, size) (or be `allowed`) where it is used; see ops/gather.ts. */
export const checkIndex = (idx: Node, size: Dim, what: string, site: string, allowed: number | null = null): Node =>
  makeNode("check_index", [idx], { size, what, site, allowed });
export const matmul = (a: Node, b: Node): Node => makeNode("matmul", [a, b]);

export interface Conv2dAttrs {
  stride?: readonly number[];
  padding?: readonly number[];
  dilation?: readonly number[];
  groups?: number;
}
const convAttrs = (o: Conv2dAttrs = {}): ConvAttrs => ({
  stride: o.stride ?? [1, 1],
  padding: o.padding ?? [0, 0],
  dilation: o.dilation ?? [1, 1],
  groups: o.groups ?? 1,
});
/** NCHW convolution (cross-correlation, as PyTorch), weight [O, C/groups, KH, KW], no bias. */
export const conv2d = (x: Node, w: Node, o?: Conv2dAttrs): Node => makeNode("conv2d", [x, w], convAttrs(o));
/** dL/dx of conv2d (a transposed convolution) for an input of `inputShape`. */
export const conv2dGradInput = (dy: Node, w: Node, inputShape: Shape, o?: Conv2dAttrs): Node =>
  makeNode("conv2d_grad_input", [dy, w], { ...convAttrs(o), shape: inputShape });
/** dL/dw of conv2d for a weight of `weightShape`. */
export const conv2dGradWeight = (x: Node, dy: Node, weightShape: Shape, o?: Conv2dAttrs): Node =>
  makeNode("conv2d_grad_weight", [x, dy], { ...convAttrs(o), shape: weightShape });

export interface Pool2dAttrs {
  kernel: readonly number[];
  stride?: readonly number[];
  padding?: readonly number[];
  /** avg pool: divide by the full window (PyTorch count_include_pad=True, the default). */
  countIncludePad?: boolean;
}
const poolAttrs = (o: Pool2dAttrs): PoolAttrs => ({
  kernel: o.kernel,
  stride: o.stride ?? o.kernel,
  padding: o.padding ?? [0, 0],
});
export const maxPool2d = (x: Node, o: Pool2dAttrs): Node => makeNode("max_pool2d", [x], poolAttrs(o));
export const maxPool2dGrad = (x: Node, dy: Node, attrs: PoolAttrs): Node => makeNode("max_pool2d_grad", [x, dy], attrs);
export const avgPool2d = (x: Node, o: Pool2dAttrs): Node =>
  makeNode("avg_pool2d", [x], { ...poolAttrs(o), count_include_pad: o.countIncludePad ?? true });
export const avgPool2dGrad = (dy: Node, inputShape: Shape, attrs: AvgPoolAttrs): Node =>
  makeNode("avg_pool2d_grad", [dy], { ...attrs, shape: inputShape });

// -------------------------------------------------------------------- index

/** x.index_select(axis, idx) generalised: result shape x[:axis] + idx + x[axis+1:]. */
export const gather = (x: Node, idx: Node, axis = 0): Node => makeNode("gather", [x, idx], { axis: normAxisOrThrow(axis, x.shape.length) });
/** The adjoint of gather: zeros of `size` along `axis`, src slices added at idx. */
export const scatterAdd = (src: Node, idx: Node, axis: number, size: Dim): Node =>
  makeNode("scatter_add", [src, idx], { axis, size });

// --------------------------------------------------------------- composites

const comp = <K extends CompositeOp>(op: K, xs: readonly Node[], ...[attrs]: AttrsArg<K>): Node => makeNode(getOp(op), xs, attrs);
/** PyTorch GELU; approximate "none" is the erf form, "tanh" the tanh form. */
export const gelu = (x: Node, approximate: "none" | "tanh" = "none"): Node => comp("gelu", [x], { approximate });
export const silu = (x: Node): Node => comp("silu", [x]);
export const softmax = (x: Node, axis = -1): Node => comp("softmax", [x], { axis: normAxisOrThrow(axis, x.shape.length) });
export const logSoftmax = (x: Node, axis = -1): Node => comp("log_softmax", [x], { axis: normAxisOrThrow(axis, x.shape.length) });
export const logsumexp = (x: Node, axes?: number | readonly number[], keepdims = false): Node =>
  comp("logsumexp", [x], { axes: axesOf(x, axes), keepdims });
export const mean = (x: Node, axes?: number | readonly number[], keepdims = false): Node =>
  comp("reduce_mean", [x], { axes: axesOf(x, axes), keepdims });
/** Variance with Bessel's `correction` (0 = biased, as normalisation layers use; 1 = torch.var). */
export const variance = (x: Node, axes?: number | readonly number[], keepdims = false, correction = 0): Node =>
  comp("variance", [x], { axes: axesOf(x, axes), keepdims, correction });
/** Normalise over the last `normalizedDims` axes; gamma/beta (shape of those axes) optional. */
export const layerNorm = (x: Node, normalizedDims = 1, eps = 1e-5, gamma?: Node, beta?: Node): Node =>
  comp("layer_norm", [x, ...(gamma ? [gamma] : []), ...(beta ? [beta] : [])], { normalized_dims: normalizedDims, eps });
export const rmsNorm = (x: Node, normalizedDims = 1, eps = 1e-6, gamma?: Node): Node =>
  comp("rms_norm", [x, ...(gamma ? [gamma] : [])], { normalized_dims: normalizedDims, eps });
/** Batch norm with batch statistics over all axes but 1 (NCHW or NC); gamma, beta of [C]. */
export const batchNormTrain = (x: Node, gamma: Node, beta: Node, eps = 1e-5): Node =>
  comp("batch_norm_train", [x, gamma, beta], { eps });
/** Batch norm with running statistics. */
export const batchNormEval = (x: Node, runningMean: Node, runningVar: Node, gamma: Node, beta: Node, eps = 1e-5): Node =>
  comp("batch_norm_eval", [x, runningMean, runningVar, gamma, beta], { eps });
/** softmax(q kᵀ · scale [+ causal mask]) v over [..., T, d]; scale defaults to 1/sqrt(d). */
export const attention = (q: Node, k: Node, v: Node, causal = false, scale?: number): Node =>
  comp("attention", [q, k, v], { causal, scale: scale ?? null });
/** Inverted dropout: x / (1-p) where uniform(seed, salt) >= p, else 0. */
export const dropout = (x: Node, seed: Node, p: number, salt = 0): Node => comp("dropout", [x, seed], { p, salt });
export const oneHot = (labels: Node, classes: number): Node => comp("one_hot", [labels], { classes });
export const softplus = (x: Node, beta = 1, threshold = 20): Node => comp("softplus", [x], { beta, threshold });
export const leakyRelu = (x: Node, negativeSlope = 0.01): Node => comp("leaky_relu", [x], { negative_slope: negativeSlope });
export const elu = (x: Node, alpha = 1): Node => comp("elu", [x], { alpha });
export const mish = (x: Node): Node => comp("mish", [x]);
/** A loss's reduction, as torch's: "mean" (default), "sum", "none", or kl_div's "batchmean". */
export type Reduction = "mean" | "sum" | "none" | "batchmean";
export const huberLoss = (p: Node, t: Node, delta = 1, reduction: Reduction = "mean"): Node => comp("huber_loss", [p, t], { delta, reduction });
export interface NllOptions {
  /** Class weights [C]. */
  weight?: Node;
  ignoreIndex?: number;
  labelSmoothing?: number;
  reduction?: Reduction;
  /** The loss named in data-range messages ("cross_entropy"; default "nll"). */
  of?: string;
}
export const nllLoss = (logp: Node, labels: Node, o: NllOptions = {}): Node =>
  comp("nll_loss", o.weight ? [logp, labels, o.weight] : [logp, labels], {
    ignore_index: o.ignoreIndex ?? null,
    label_smoothing: o.labelSmoothing ?? 0,
    reduction: o.reduction ?? "mean",
    of: o.of ?? "nll",
  });
export const l1Loss = (p: Node, t: Node, reduction: Reduction = "mean"): Node => comp("l1_loss", [p, t], { reduction });
export const klDiv = (x: Node, t: Node, reduction: Reduction = "mean", logTarget = false): Node =>
  comp("kl_div", [x, t], { reduction, log_target: logTarget });
export const cumsum = (x: Node, axis: number): Node => comp("cumsum", [x], { axis: normAxisOrThrow(axis, x.shape.length) });
/** Mean over all positions of -log softmax(logits)[label]; classes on the last axis. */
export const crossEntropy = (logits: Node, labels: Node): Node => comp("cross_entropy", [logits, labels]);
export const mse = (pred: Node, target: Node, reduction: Reduction = "mean"): Node => comp("mse", [pred, target], { reduction });
/** Binary cross-entropy on probabilities (torch BCELoss: log clamped at -100). */
export const bce = (p: Node, target: Node, reduction: Reduction = "mean"): Node => comp("bce", [p, target], { reduction });
/** `posWeight` broadcasts against the logits (torch's pos_weight). */
export const bceWithLogits = (logits: Node, target: Node, posWeight?: Node, reduction: Reduction = "mean"): Node =>
  comp("bce_with_logits", posWeight ? [logits, target, posWeight] : [logits, target], { reduction });
/** Fraction of positions where argmax(logits) == label (no gradient). */
export const accuracy = (logits: Node, labels: Node): Node => comp("accuracy", [logits, labels]);

// ------------------------------------------------------------ graph builder

/** Collects named inputs and outputs; `build()` returns the immutable Graph. */
export class GraphBuilder {
  private readonly ins: { name: string; node: Node; role: InputRole }[] = [];
  private readonly outs: { name: string; node: Node }[] = [];

  input(name: string, dtype: DType, shape: Shape, role: InputRole = "data"): Node {
    if (this.ins.some((i) => i.name === name)) throw new InternalError(`duplicate graph input '${name}'`);
    const node = input(name, dtype, shape);
    this.ins.push({ name, node, role });
    return node;
  }
  param(name: string, shape: Shape): Node {
    return this.input(name, "f32", shape, "param");
  }
  output(name: string, node: Node): Node {
    if (this.outs.some((o) => o.name === name)) throw new InternalError(`duplicate graph output '${name}'`);
    this.outs.push({ name, node });
    return node;
  }
  build(): Graph {
    return new Graph(this.ins, this.outs);
  }
}
