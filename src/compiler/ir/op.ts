// The op record: everything about one op, declared once (MLIR Toy / PyTorch
// derivatives.yaml style). Every op of the IR, primitive or composite, is one
// `OpDef` in the registry (registry.ts); passes, autodiff, the reference
// interpreter and the backends look ops up there and never list ops by hand.
//
// Who fills what:
//   - ir/op-attrs.ts: the op's attribute types (OpAttrs[name]) and which
//     of them have defaults (OpDefaults); registerOp checks the record
//     against them, and every rule reads typed attributes.
//   - ir/ops/*.ts (this folder): name, summary, category, infer, vjp or noGrad,
//     expand (composites), ref (primitives), dimAttrs, defaults.
//   - codegen/wgsl: `wgsl`, codegen/onnx: `onnx`. Their rule types are empty
//     interfaces here; each backend declares its fields by declaration merging
//     from its own folder, e.g.
//         declare module "../../ir/op" { interface WgslRule { expr?(args: string[], node: Node): string } }
//     and attaches the rules of its table, a total map over the primitive ops
//     (codegen/wgsl/op-rules.ts, codegen/onnx/rules/index.ts), to the records
//     (the two slots are the only mutable fields of a record).
//
// Contracts:
//   - infer(inputs, attrs) returns the result type or throws InternalError:
//     lowering runs only on checked programs, so a bad shape is a compiler bug.
//   - vjp({y, inputs, attrs, dy}) returns one gradient per input (null for
//     none, e.g. integer inputs). A gradient may have the *broadcast* shape of
//     y for elementwise ops: the autodiff driver sums it back to the input's
//     shape (unbroadcast) once, for every op. Rules are written with the IR
//     builder (builder.ts) and carry their math in a comment.
//   - An op with float inputs and no vjp must say why in `noGrad`; the
//     registry-wide gradient check (test/compiler/autodiff) enumerates every
//     op and fails on one that has neither a vjp, an expansion nor a noGrad.
//   - Composites have `expand` (a function building the op from primitives)
//     and no `ref`/`vjp` of their own: autodiff differentiates the expansion,
//     the interpreter runs it, WGSL is generated after expandComposites().
//     ONNX may export them directly (before expansion). A composite may also
//     have a `vjp` (custom ops with an explicit `grad`): then that rule wins.
//   - ref(inputs, {attrs, out, f64}) computes the op on concrete tensors; f32
//     values are Float64Array when f64 is set (gradient checks), Float32Array
//     otherwise. `out` is the node's (concrete) result type.

import type { Tensor } from "../tensor";
import type { Node } from "./node";
import type { Attrs, Dim, DType, TensorType } from "./types";

export type OpCategory =
  | "source" // no tensor inputs: input, const, iota, dim_size, random
  | "unary" // elementwise, one input
  | "binary" // elementwise, two inputs, NumPy broadcasting
  | "compare" // elementwise, two inputs -> bool
  | "select" // where(cond, a, b)
  | "cast"
  | "movement" // expand, reshape, permute, slice, pad, concat
  | "reduce" // sum, max, argmax over axes
  | "matmul"
  | "conv" // conv2d and its gradients
  | "pool"
  | "index" // gather, scatter_add
  | "composite"; // has `expand`

export interface VjpArgs<A extends Attrs = Attrs> {
  /** The node being differentiated; `y` of the math comments. */
  readonly y: Node;
  readonly inputs: readonly Node[];
  readonly attrs: A;
  /** dL/dy, same shape as y. */
  readonly dy: Node;
}
export type VjpRule<A extends Attrs = Attrs> = (a: VjpArgs<A>) => readonly (Node | null)[];

export interface RefArgs<A extends Attrs = Attrs> {
  readonly attrs: A;
  readonly out: { readonly dtype: DType; readonly shape: readonly number[] };
  readonly f64: boolean;
}
export type RefImpl<A extends Attrs = Attrs> = (inputs: readonly Tensor[], a: RefArgs<A>) => Tensor;

/** Filled by src/compiler/codegen/wgsl (declaration merging; see above). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WgslRule {}
/**
 * A back end's explicit "no rule" for an op, with the reason: the rule tables
 * of codegen/wgsl and codegen/onnx are total over the primitive ops, so an op
 * a target cannot compute says so there instead of being left out.
 */
export interface NoRule {
  readonly noRule: string;
}

/** Filled by src/compiler/codegen/onnx (declaration merging; see above). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OnnxRule {}

/** Operand `operand` holds indices into `size` things, described as `what` ("a table of 5 rows"). */
export interface IndexOperand {
  readonly operand: number;
  readonly size: Dim;
  readonly what: string;
  /** A value outside [0, size) that is allowed (a loss's ignore_index). */
  readonly allowed?: number;
}

/**
 * An op's record. `A` is its attributes' type (OpAttrs[name] for a built-in
 * op, op-attrs.ts); the rules are methods so that a record of typed
 * attributes is still an `OpDef` to the code that handles every op alike.
 */
export interface OpDef<A extends Attrs = Attrs> {
  readonly name: string;
  readonly summary: string;
  readonly category: OpCategory;
  /** Number of tensor inputs, or "variadic" (concat). */
  readonly arity: number | "variadic";
  /** Result type; composites may omit it (the type of their expansion is used). */
  infer?(inputs: readonly Node[], attrs: A): TensorType;
  vjp?(a: VjpArgs<A>): readonly (Node | null)[];
  /** Why an op with float inputs has no derivative (argmax, comparisons, ...). */
  readonly noGrad?: string;
  /** Composites: the op written in primitives (may use other composites). */
  expand?(inputs: readonly Node[], attrs: A): Node;
  ref?(inputs: readonly Tensor[], a: RefArgs<A>): Tensor;
  /** Elementwise ops: the math on one element (used by ref, handy for codegen tests). */
  readonly scalar?: (...xs: number[]) => number;
  /**
   * Integer operands that index something of a fixed size (gather's rows,
   * one_hot's classes): values outside [0, size) are bad data, which the
   * runtime checks on the host before feeding (ir/index-checks.ts).
   */
  indexOperands?(inputs: readonly Node[], attrs: A): readonly IndexOperand[];
  /** Attributes holding a Dim or Dim[] that specialize() binds (e.g. "shape"). */
  readonly dimAttrs?: readonly (keyof A & string)[];
  /** Default attribute values, so that `f(x)` and `f(x, {default})` intern to one node. */
  readonly defaults?: Partial<A>;
  /** A user op (autodiff/custom-op.ts): its parameter names, one per input. */
  readonly userParams?: readonly string[];
  wgsl?: WgslRule;
  onnx?: OnnxRule;
}
