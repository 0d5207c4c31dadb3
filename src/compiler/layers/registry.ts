// The one registry of built-ins: layers (Linear, Conv2d, …), functions (relu,
// softmax, cross_entropy, …) and train-block vocabulary (data sources,
// optimizers, schedules). Each built-in is one record that holds everything
// about it — doc, argument spec, shape rule, parameter declarations with
// PyTorch's names and layouts, init — so adding one touches one file. The
// lowering adds its `lower` function to the same records (see `lower` below).

import type { Dim } from "../dims";
import type { DType, TensorType } from "../tensor-type";
import type { DiagnosticCode } from "../diagnostics";

/** A compile-time argument value. Sizes may be symbolic (a `Dim` string). */
export type ArgValue = number | boolean | string | readonly ArgValue[];

/** Arguments after binding: every declared name (defaults filled in), by PyTorch's name. */
export type Args = Readonly<Record<string, ArgValue | undefined>>;

/**
 * What an argument accepts:
 * - `int`: an integer; `dim`: a size (integer >= 1 or a symbolic dim);
 * - `axis`: an integer axis, negative counts from the end;
 * - `float`, `bool`, `string`;
 * - `ints`: an integer or a list of integers (kernel sizes: `3` or `[3, 5]`);
 * - `dims`: a list of sizes (Reshape's target), `-1` allowed once;
 * - `floats`: a list of numbers (Adam's `betas`); `strings`: a list of strings.
 */
export type ArgKind = "int" | "dim" | "axis" | "float" | "bool" | "string" | "ints" | "dims" | "floats" | "strings";

export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
  /** Absent and not `required`: the argument is optional and stays undefined. */
  readonly default?: ArgValue;
  readonly required?: boolean;
  /** Other accepted keyword spellings (`kernel` for PyTorch's `kernel_size`). */
  readonly aliases?: readonly string[];
  /** Collects all remaining positional arguments into a list (Reshape's dims). */
  readonly rest?: boolean;
  readonly doc?: string;
}

/** A shape rule's refusal: the checker reports it at the stage that broke. */
export interface ShapeError {
  readonly error: string;
  /** DL3001 shape mismatch by default; DL3002 rank, DL3003 dtype, DL3004 broadcast, DL3008 range. */
  readonly code?: DiagnosticCode;
}

/** How a parameter is initialised (PyTorch's defaults unless a layer says otherwise). */
export type InitSpec =
  | { readonly kind: "zeros" }
  | { readonly kind: "ones" }
  /** U(low, high) */
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  /** N(mean, std²) */
  | { readonly kind: "normal"; readonly mean: number; readonly std: number }
  /** PyTorch's kaiming_uniform_(w, a): U(±bound), bound = sqrt(6 / ((1 + a²) fanIn)). */
  | { readonly kind: "kaiming_uniform"; readonly a: number; readonly fanIn: number; readonly bound: number }
  /** kaiming_normal_ (fan_in, relu gain): N(0, 2 / fanIn). */
  | { readonly kind: "kaiming_normal"; readonly fanIn: number; readonly std: number }
  /** xavier_uniform_: U(±bound), bound = sqrt(6 / (fanIn + fanOut)). */
  | { readonly kind: "xavier_uniform"; readonly fanIn: number; readonly fanOut: number; readonly bound: number };

/** A learnable tensor (or a buffer such as BatchNorm's running_mean) of a layer. */
export interface ParamDecl {
  /** PyTorch's name inside the module: `weight`, `bias`, `weight_ih_l0`, `out_proj.weight`. */
  readonly name: string;
  readonly shape: readonly Dim[];
  readonly dtype: DType;
  readonly init: InitSpec;
  /** A buffer: state updated by the forward pass in training, not by the optimizer. */
  readonly buffer?: boolean;
}

export interface LayerInference {
  readonly type: TensorType;
  /** The arguments with everything inferred filled in (in_features, num_features, …). */
  readonly args: Args;
}

export interface InferContext {
  /** The stage as the user wrote it, for messages: `Linear(784, 128)`. */
  readonly display: string;
  /** The extra tensor operands of this application, by name (LayerDef.operands). */
  readonly operands?: Readonly<Record<string, TensorType>>;
}

/**
 * A tensor a layer takes at application besides its input, as torch's
 * forward() does: MultiHeadAttention's `key`, `value`, `attn_mask`.
 * `attn(q, kv)` binds positional ones in order; `attn(x, attn_mask: m)` by name.
 */
export interface OperandSpec {
  readonly name: string;
  /** Accepted positionally (after the input), in this order. */
  readonly positional?: boolean;
  readonly doc: string;
}

/** A named extra result of a layer application (LayerDef.states). */
export interface StateSpec {
  readonly name: string;
  readonly doc: string;
  /** Its type for an application to `input` with the resolved args. */
  type(input: TensorType, args: Args): TensorType;
}

export interface LayerDef {
  readonly kind: "layer";
  /** PyTorch's class name. */
  readonly name: string;
  readonly doc: string;
  readonly args: readonly ArgSpec[];
  /**
   * Positional layouts by number of positional arguments, when they differ
   * from `args` order: Linear has `[["out_features"], ["in_features", "out_features"]]`.
   */
  readonly positional?: readonly (readonly string[])[];
  /** Tensors taken at application besides the input (absent: exactly one input). */
  readonly operands?: readonly OperandSpec[];
  /**
   * Tensors an application computes besides its result, read by name from the
   * named instance after it is applied once: an LSTM's final states
   * (`lstm.h_n`, `lstm.c_n`, torch's `output, (h_n, c_n) = lstm(x)`).
   */
  readonly states?: readonly StateSpec[];
  /** Applied to nothing it is a value (PositionalEmbedding's table). */
  readonly nullary?: boolean;
  /** Dropout-like: only active in training (DL4007 when it follows the output). */
  readonly dropout?: boolean;
  /** Shape rule. `input` is undefined only for a nullary use. Never throws. */
  infer(input: TensorType | undefined, args: Args, ctx: InferContext): LayerInference | ShapeError;
  /** Parameters and buffers, from the resolved args (the result of `infer`). */
  params(args: Args): readonly ParamDecl[];
}

export type FunctionCategory = "elementwise" | "reduction" | "shape" | "random" | "loss" | "metric";

export interface FunctionDef {
  readonly kind: "function";
  readonly name: string;
  readonly doc: string;
  readonly category: FunctionCategory;
  /** Number of leading tensor operands (the piped value is the first). */
  readonly tensors: { readonly min: number; readonly max: number };
  /** Non-tensor arguments: keyword, or positional after the tensors. */
  readonly args: readonly ArgSpec[];
  /** Positional numbers count as tensor operands (`max(x, 0.0)`, `where(c, x, 0)`). */
  readonly scalarOperands?: boolean;
  /**
   * Tensors and compile-time arguments may interleave positionally, as in
   * torch: `gather(x, 1, idx)`, `einsum("ij,jk->ik", a, b)`. Tensors are the
   * operands in order; the other positional values bind to `args` in order.
   * The layout as torch writes it, for docs: `["x", "dim", "index"]` (names of
   * `args` are arguments, the rest tensors).
   */
  readonly mixedOperands?: readonly string[];
  infer(inputs: readonly TensorType[], args: Args, ctx: InferContext): { readonly type: TensorType } | ShapeError;
}

export type Builtin = LayerDef | FunctionDef;

export function isShapeError(x: object): x is ShapeError {
  return "error" in x;
}

export function fail(error: string, code?: DiagnosticCode): ShapeError {
  return code ? { error, code } : { error };
}

// ---------------------------------------------------------------- init helpers

export function kaimingUniform(fanIn: number, a = Math.sqrt(5)): InitSpec {
  return { kind: "kaiming_uniform", a, fanIn, bound: Math.sqrt(6 / ((1 + a * a) * Math.max(1, fanIn))) };
}

/** PyTorch's bias default for Linear/Conv: U(±1/sqrt(fanIn)). */
export function fanInUniform(fanIn: number): InitSpec {
  const b = 1 / Math.sqrt(Math.max(1, fanIn));
  return { kind: "uniform", low: -b, high: b };
}

export function xavierUniform(fanIn: number, fanOut: number): InitSpec {
  return { kind: "xavier_uniform", fanIn, fanOut, bound: Math.sqrt(6 / Math.max(1, fanIn + fanOut)) };
}

export const ZEROS: InitSpec = { kind: "zeros" };
export const ONES: InitSpec = { kind: "ones" };

export function f32(name: string, shape: readonly Dim[], init: InitSpec, buffer = false): ParamDecl {
  return buffer ? { name, shape, dtype: "f32", init, buffer } : { name, shape, dtype: "f32", init };
}

/** A numeric size for init formulas; symbolic sizes count as 1 (params are concrete after check). */
export function num(d: ArgValue | undefined, fallback = 1): number {
  return typeof d === "number" ? d : fallback;
}
