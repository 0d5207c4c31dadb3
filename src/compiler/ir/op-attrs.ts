// The attributes of every built-in IR op, typed per op: one entry per op
// name. An op's record (registerOp), its builder call (makeNode), its rules
// in the back ends (codegen/wgsl/op-rules.ts, codegen/onnx/rules/) and any
// pass that reads a node of a known op (isOp / attrsOf in node.ts) all see
// these types, so an attribute is spelled and typed once and no reader casts.
//
// Primitive ops (a float64 reference, a kernel in every back end) are in
// `PrimitiveAttrs`; composites (an expansion into other ops) in
// `CompositeAttrs`. The back ends' rule tables are total maps over
// `PrimOp`: a new primitive is not done until tsc accepts its rules.
//
// Attribute types are object-literal types (not interfaces) so that they
// stay assignable to the untyped `Attrs` that hashing and printing read.

import type { AttrValue, Dim, DType, Shape } from "./types";

type None = Record<never, never>;
type Axis = { axis: number };
type Axes = { axes: readonly number[]; keepdims: boolean };
type Eps = { eps: number };
type Norm = { normalized_dims: number; eps: number };
/** A loss's reduction, as torch's (kl_div also "batchmean"). */
type Reduce = { reduction: "mean" | "sum" | "none" | "batchmean" };
/** conv2d and its gradients: per spatial axis (H, W) stride, padding, dilation. */
export type ConvAttrs = { stride: readonly number[]; padding: readonly number[]; dilation: readonly number[]; groups: number };
/** Pooling windows: kernel, stride and padding per spatial axis (H, W). */
export type PoolAttrs = { kernel: readonly number[]; stride: readonly number[]; padding: readonly number[] };
export type AvgPoolAttrs = PoolAttrs & { count_include_pad: boolean };
/** The attributes a scan hands to its body op (rnn_cell's cell/act, ...). */
export type BodyAttrs = { readonly [k: string]: AttrValue };

export interface PrimitiveAttrs {
  // sources
  input: { name: string; dtype: DType; shape: Shape };
  const: { value: number; dtype: DType; shape: Shape };
  iota: { shape: Shape; axis: number; dtype: DType };
  dim_size: { dims: Shape };
  random_uniform: { shape: Shape; salt: number };
  // elementwise
  neg: None; exp: None; log: None; sqrt: None; abs: None; sign: None; tanh: None; sigmoid: None;
  relu: None; erf: None; sin: None; cos: None; floor: None; round: None; detach: None;
  cast: { dtype: DType };
  add: None; sub: None; mul: None; div: None; pow: None; max: None; min: None;
  lt: None; le: None; gt: None; ge: None; eq: None; ne: None;
  where: None;
  // movement
  expand: { shape: Shape };
  reshape: { shape: Shape };
  permute: { perm: readonly number[] };
  slice: { starts: readonly Dim[]; ends: readonly Dim[]; steps: readonly number[] };
  pad: { lo: readonly Dim[]; hi: readonly Dim[]; interior: readonly number[]; value: number };
  concat: Axis;
  // reductions
  reduce_sum: Axes;
  reduce_max: Axes;
  argmax: { axis: number; keepdims: boolean };
  // compute
  matmul: None;
  gather: Axis;
  /** Computed indices checked against `size` (`what` names it, `site` the call; `allowed`: an exempt value, ignore_index). */
  check_index: { size: Dim; what: string; site: string; allowed: number | null };
  scatter_add: { axis: number; size: Dim };
  conv2d: ConvAttrs;
  conv2d_grad_input: ConvAttrs & { shape: Shape };
  conv2d_grad_weight: ConvAttrs & { shape: Shape };
  max_pool2d: PoolAttrs;
  max_pool2d_grad: PoolAttrs;
  avg_pool2d: AvgPoolAttrs;
  avg_pool2d_grad: AvgPoolAttrs & { shape: Shape };
}

export interface CompositeAttrs {
  gelu: { approximate: "none" | "tanh" };
  silu: None;
  softmax: Axis;
  log_softmax: Axis;
  logsumexp: Axes;
  reduce_mean: Axes;
  variance: Axes & { correction: number };
  layer_norm: Norm;
  rms_norm: Norm;
  batch_norm_train: Eps;
  batch_norm_eval: Eps;
  attention: { causal: boolean; scale: number | null };
  dropout: { p: number; salt: number };
  random_normal: { shape: Shape; salt: number };
  softplus: { beta: number; threshold: number };
  leaky_relu: { negative_slope: number };
  elu: { alpha: number };
  mish: None;
  huber_loss: { delta: number } & Reduce;
  /** ignore_index: a label that adds nothing (null: none); of: the loss named in data-range messages. */
  nll_loss: { ignore_index: number | null; label_smoothing: number; of: string } & Reduce;
  l1_loss: Reduce;
  kl_div: { log_target: boolean } & Reduce;
  cumsum: Axis;
  one_hot: { classes: number };
  cross_entropy: None;
  mse: Reduce;
  bce: Reduce;
  bce_with_logits: Reduce;
  accuracy: None;
  rnn_cell: { cell: "RNN" | "LSTM" | "GRU"; act: "tanh" | "relu" };
  /** autodiff/scan.ts; axis: where xs and ys keep time, 1 ([R, T, ·]) or 0 ([T, R, ·]). */
  scan: BodyAttrs & { body: string; reverse: boolean; axis: number };
  /** One backward step of a scan whose body is `of`; the rest are the body's attributes. */
  scan_adjoint: BodyAttrs & { of: string };
}

export interface OpAttrs extends PrimitiveAttrs, CompositeAttrs {}

/**
 * The attributes with a default value, per op: the op's record must give
 * exactly these in `defaults` (registerOp checks), and a node may be built
 * without them (makeNode fills them in).
 */
export interface OpDefaults {
  pad: "value";
  reduce_sum: "keepdims";
  reduce_max: "keepdims";
  argmax: "keepdims";
  conv2d: keyof ConvAttrs;
  conv2d_grad_input: keyof ConvAttrs;
  conv2d_grad_weight: keyof ConvAttrs;
  max_pool2d: "padding";
  max_pool2d_grad: "padding";
  avg_pool2d: "padding" | "count_include_pad";
  avg_pool2d_grad: "padding" | "count_include_pad";
  gelu: "approximate";
  logsumexp: "keepdims";
  reduce_mean: "keepdims";
  variance: "keepdims" | "correction";
  layer_norm: keyof Norm;
  rms_norm: keyof Norm;
  batch_norm_train: "eps";
  batch_norm_eval: "eps";
  attention: "causal" | "scale";
  dropout: "salt";
  random_normal: "salt";
  softplus: "beta" | "threshold";
  leaky_relu: "negative_slope";
  elu: "alpha";
  huber_loss: "delta" | "reduction";
  nll_loss: "ignore_index" | "label_smoothing" | "of" | "reduction";
  l1_loss: "reduction";
  kl_div: "log_target" | "reduction";
  mse: "reduction";
  bce: "reduction";
  bce_with_logits: "reduction";
  rnn_cell: "act";
  scan: "reverse" | "axis";
}

type DefaultedKeys<K extends OpName> = K extends keyof OpDefaults ? OpDefaults[K] & keyof OpAttrs[K] : never;
/** What building a node of `K` takes: its attributes, those with a default optional. */
export type OpAttrsIn<K extends OpName> = Omit<OpAttrs[K], DefaultedKeys<K>> & Partial<Pick<OpAttrs[K], DefaultedKeys<K>>>;
/** An op record's optional fields, with the `defaults` it must have. */
export type ExtraArg<K extends OpName, Extra> = [DefaultedKeys<K>] extends [never] ? [extra?: Extra] : [extra: Extra & DefaultsOf<K>];
/** The `defaults` an op's record must have (exactly the keys of OpDefaults[K]), or none. */
export type DefaultsOf<K extends OpName> = [DefaultedKeys<K>] extends [never]
  ? { readonly defaults?: undefined }
  : { readonly defaults: Pick<OpAttrs[K], DefaultedKeys<K>> };

/** Every built-in op's name. */
export type OpName = keyof OpAttrs;
/** The primitive ops: what every back end must compute (its rule tables are total over these). */
export type PrimOp = keyof PrimitiveAttrs;
export type CompositeOp = keyof CompositeAttrs;
/** The ops without attributes (the elementwise ops but cast, matmul, the losses). */
export type PlainOp = { [K in OpName]: keyof OpAttrs[K] extends never ? K : never }[OpName];
