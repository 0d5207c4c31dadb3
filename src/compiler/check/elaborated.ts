// The elaborated network: what `check` hands to the lowering. A model here is
// fully instantiated (hyperparameters evaluated, user layers expanded per
// instantiation, `repeat` unrolled), fully typed (every node carries its
// TensorType) and fully resolved (every built-in's arguments known, inferred
// sizes filled in, parameters declared with their final paths and shapes).
// The lowering walks it without re-checking anything: if `check` reported no
// error, every node below has a type and every built-in's args satisfy its
// shape rule.
//
// ── Instance and parameter naming ────────────────────────────────────────
// Every layer instance has a path; a parameter's path is `<instance path>.<name>`
// with PyTorch's name inside the module (`weight`, `bias`, `running_mean`,
// `weight_ih_l0`, `in_proj_weight`, `out_proj.weight`). Paths are what
// checkpoints, `init =` weight loading, `freeze = [...]` and ONNX initializers use.
//   - `fc1 = Linear(10)` (a binding) or `Linear(10) as fc1` names the instance `fc1`.
//   - An unnamed instance is named from its type in snake_case and a counter
//     per type per enclosing scope, in source order: `linear_0`, `linear_1`,
//     `conv2d_0`, `batch_norm_0`, `multi_head_attention_0`, `res_block_0`.
//     Adding a ReLU does not renumber the Linears. A pipe-layer applied inline
//     (`x -> (Linear(8) -> ReLU)`) is `sequential_N`; `repeat(..)` is `repeat_N`.
//   - A user layer instance is a scope: its children are `res_block_0.conv2d_0`.
//   - `repeat(n, L)` is a container whose copies are `<name>.0` … `<name>.(n-1)`,
//     each with its own weights: `blocks.0.multi_head_attention_0.in_proj_weight`.
//   - A pipe-layer bound to a name (`mlp = Linear(512) -> GELU -> Linear(128)`)
//     is a container: `mlp.linear_0.weight`, `mlp.linear_1.weight`.
//   - A `param w: f32[d, d]` in a user layer is `<layer instance path>.w`.
//   - The model itself is the root scope (path ""): `linear_0.weight`.
//   - A named instance used twice is the SAME LayerInstance object (shared
//     weights); its parameters appear once in ModelInstance.parameters.
// Examples: SimpleNet → linear_0.weight [128, 784], linear_0.bias [128],
// linear_1.weight [10, 128], linear_1.bias [10]. TinyGPT → embedding_0.weight
// [96, 128], positional_embedding_0.weight [64, 128],
// repeat_0.0.layer_norm_0.weight [128], repeat_0.0.multi_head_attention_0.in_proj_weight
// [384, 128], …, layer_norm_0.weight, linear_0.weight [96, 128].
//
// ── Expression trees ─────────────────────────────────────────────────────
// ENode is a DAG: a binding used twice is the same ENode object (lower it
// once; the IR's hash-consing also dedupes). User layers, pipe-layers and
// repeats are INLINED: their EApply carries `body`, the elaborated output with
// the caller's input substituted for the layer's input, so the lowering only
// needs rules for built-in layers, functions, ops and arithmetic.
//
// ── Getting one ──────────────────────────────────────────────────────────
// checkFile(path, host).elaborate(model, hparamOverrides?, { inputs? }) and
// .elaborateTrain(model). Both return undefined when the program has errors
// (syntax errors anywhere, or errors in this model with these values). The
// objects are shared with the checker's caches: treat them as read-only.
// Parameter shapes are concrete; activation shapes may keep symbolic dims
// (`batch`, and e.g. CharLSTM's `T` unless bound through `inputs` or a train
// block). `+x` is elided; comparisons produce bool tensors; constants are
// scalars typed to fit their partner.

import type { SourceFile, Span } from "../source";
import type { LayerDecl, OpDecl, TrainDecl } from "../syntax/ast";
import type { Args, FunctionDef, InitSpec, LayerDef } from "../layers/registry";
import type { Dim } from "../dims";
import type { DType, TensorType } from "../tensor-type";

/** A hyperparameter value after compile-time evaluation. */
export type HValue = number | boolean | string;

// ---------------------------------------------------------------- parameters

export interface ParamInfo {
  /** Full path: `repeat_0.1.linear_0.weight`. Unique in a model. */
  readonly path: string;
  /** Name inside its owner: `weight`, `out_proj.bias`, or a user `param`'s name. */
  readonly name: string;
  /** Path of the owning instance ("" for a `param` declared in the model body). */
  readonly owner: string;
  /** Always concrete after a clean check (symbolic sizes in a parameter are DL3006). */
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly init: InitSpec;
  /** Buffers (BatchNorm's running stats) are state, not trained by the optimizer. */
  readonly buffer: boolean;
  /** Where it is declared: the layer's constructor call or the `param` statement. */
  readonly file: string;
  readonly span: Span;
}

// ---------------------------------------------------------------- instances

interface InstanceBase {
  /** Full dotted path ("" for the model root). */
  readonly path: string;
  /** Last path segment (`fc1`, `linear_0`, `3`). */
  readonly name: string;
  /** The constructor expression that created it. */
  readonly file: string;
  readonly span: Span;
  /** How many times it is applied (more than one: shared weights). */
  applications: number;
}

/** An instance of a built-in layer (Linear, Conv2d, …). */
export interface BuiltinInstance extends InstanceBase {
  readonly kind: "builtin";
  readonly def: LayerDef;
  /**
   * Arguments by PyTorch name, defaults filled, inferred sizes resolved at
   * the first application (Linear's in_features, BatchNorm's num_features,
   * LSTM's input_size, MHA's embed_dim), int-or-pair args as lists
   * (Conv2d kernel_size [3, 3]), axes non-negative (Softmax dim).
   */
  args: Args;
  /** Parameters and buffers with full paths; empty until first applied. */
  params: readonly ParamInfo[];
  /** A state of it is read (`lstm.h_n`): exporters keep the whole result of the call. */
  statesRead?: boolean;
}

/** An instance of a user `layer` (or the model itself, path ""). */
export interface UserLayerInstance extends InstanceBase {
  readonly kind: "user";
  readonly decl: LayerDecl;
  readonly declFile: string;
  readonly hparams: Readonly<Record<string, HValue>>;
  /** Child instances by name, in creation order. */
  readonly children: Map<string, LayerInstance>;
  /** `param` statements of the layer body. */
  params: ParamInfo[];
}

/** A pipe of layers bound to a name (`mlp = Linear(512) -> GELU -> Linear(128)`). */
export interface SequentialInstance extends InstanceBase {
  readonly kind: "sequential";
  readonly children: Map<string, LayerInstance>;
}

/** `repeat(n, L)`: children "0" … "n-1", each its own copy of L. */
export interface RepeatInstance extends InstanceBase {
  readonly kind: "repeat";
  readonly count: number;
  readonly children: Map<string, LayerInstance>;
}

export type LayerInstance = BuiltinInstance | UserLayerInstance | SequentialInstance | RepeatInstance;

// ---------------------------------------------------------------- expressions

interface ENodeBase {
  /** Every node is typed; shapes keep symbolic dims such as `batch`. */
  readonly type: TensorType;
  readonly file: string;
  readonly span: Span;
}

/** A model input (user-layer inputs are substituted away by inlining). */
export interface EInput extends ENodeBase {
  readonly kind: "input";
  readonly name: string;
}

/**
 * A scalar constant (shape []). Literals and hyperparameters used in tensor
 * arithmetic. Its dtype is already the one the arithmetic needs: `x * 0.5`
 * with x f32 gives an f32 constant; `tokens + 1` with tokens i32 an i32 one.
 */
export interface EConst extends ENodeBase {
  readonly kind: "const";
  readonly value: number | boolean;
}

/** A raw `param` of a user layer. */
export interface EParam extends ENodeBase {
  readonly kind: "param";
  readonly param: ParamInfo;
}

/**
 * Application of a layer instance.
 * - builtin: lower `instance.def` with `instance.args`, `instance.params` on
 *   `input` (absent only for a nullary use: PositionalEmbedding as a value,
 *   whose result is its [ctx, d] table).
 * - user / sequential / repeat: `body` is the inlined result; lower `body`
 *   and ignore `input` (it already appears inside `body`).
 */
export interface EApply extends ENodeBase {
  readonly kind: "apply";
  readonly instance: LayerInstance;
  readonly input?: ENode;
  /** A built-in's extra tensor operands by name (MultiHeadAttention's key, value, attn_mask, key_padding_mask). */
  readonly extra?: Readonly<Record<string, ENode>>;
  readonly body?: ENode;
  /** For user layers with several outputs: all of them (`body` is the first). */
  readonly outputs?: ReadonlyMap<string, ENode>;
}

/**
 * A built-in function call: tensor operands in order (the piped value first),
 * options resolved: defaults filled; `axis` options non-negative; a reduction's
 * `dim` a sorted non-negative number[] (all dims when omitted). `max`/`min`
 * with two operands are elementwise, with one they reduce. `split(..)[i]` is
 * elaborated as an EIndex slice, never as a call.
 */
export interface ECall extends ENodeBase {
  readonly kind: "call";
  readonly fn: FunctionDef;
  readonly args: readonly ENode[];
  readonly options: Args;
}

/**
 * Application of a user `op`: `body` and `grads` are elaborated for this
 * application's operand types, over EOpArg leaves (and EGradIn in grads).
 * `grads[i]` is the gradient for operand i, or undefined when the op has no
 * `grad` rule for it (then differentiate `body`). A grad's shape may be the
 * broadcast shape: sum it back to the operand's shape.
 */
export interface EOpApply extends ENodeBase {
  readonly kind: "op";
  readonly op: OpDecl;
  readonly args: readonly ENode[];
  readonly body: ENode;
  readonly grads: readonly (ENode | undefined)[];
}

/** Operand `index` of the enclosing op, inside EOpApply.body / grads. */
export interface EOpArg extends ENodeBase {
  readonly kind: "opArg";
  readonly index: number;
  readonly name: string;
}

/** `dy`, the incoming gradient, inside an EOpApply grad; type = the op's result type. */
export interface EGradIn extends ENodeBase {
  readonly kind: "gradIn";
}

/** `-x`. (`+x` is elaborated as x.) */
export interface EUnary extends ENodeBase {
  readonly kind: "neg";
  readonly operand: ENode;
}

export type EBinaryOp = "+" | "-" | "*" | "/" | "%" | "**" | "@" | "==" | "!=" | "<" | "<=" | ">" | ">=";

/**
 * Broadcasting arithmetic (result type given), comparisons (bool result), and
 * `@`: matmul with NumPy semantics (1-D operands promoted, batch dims broadcast).
 */
export interface EBinary extends ENodeBase {
  readonly kind: "binary";
  readonly op: EBinaryOp;
  readonly left: ENode;
  readonly right: ENode;
}

/**
 * One selector per dimension of the object (an ellipsis is expanded to `all`s,
 * missing trailing selectors are `all`). For a dim of known size, indices are
 * non-negative and slices clamped with start/end in [0, size]. For a symbolic
 * dim a negative index or bound counts from the end (Python semantics).
 */
export type IndexSel =
  | { readonly kind: "at"; readonly index: number }
  | { readonly kind: "slice"; readonly start: number; readonly end?: number; readonly step: number }
  | { readonly kind: "all" };

export interface EIndex extends ENodeBase {
  readonly kind: "index";
  readonly object: ENode;
  readonly items: readonly IndexSel[];
}

/** A data field in a train block's loss/metric: type is [batch, ...per-sample]. */
export interface EDataField extends ENodeBase {
  readonly kind: "data";
  readonly field: string;
}

/** A named extra result of a built-in's application (LayerDef.states): `lstm.h_n`, `lstm.c_n`. */
export interface EState extends ENodeBase {
  readonly kind: "state";
  readonly of: EApply;
  readonly name: string;
}

/** A model output referenced from a train block's loss/metric. */
export interface EOutput extends ENodeBase {
  readonly kind: "output";
  readonly name: string;
}

export type ENode =
  | EInput
  | EConst
  | EParam
  | EApply
  | ECall
  | EOpApply
  | EOpArg
  | EGradIn
  | EUnary
  | EBinary
  | EIndex
  | EDataField
  | EState
  | EOutput;

// ---------------------------------------------------------------- models

export interface ModelInstance {
  readonly name: string;
  readonly file: string;
  readonly decl: LayerDecl;
  /** Every hyperparameter, defaults and overrides applied. */
  readonly hparams: Readonly<Record<string, HValue>>;
  readonly inputs: readonly { readonly name: string; readonly type: TensorType; readonly span: Span }[];
  readonly outputs: readonly { readonly name: string; readonly type: TensorType; readonly value: ENode; readonly span: Span }[];
  /**
   * The body's tensor bindings (`mu = h -> Linear(16)`) by name: a train block's
   * loss and metrics read them as `model.mu`. Not outputs: exports leave them out.
   */
  readonly bindings: ReadonlyMap<string, ENode>;
  /** The root scope (path ""); its children are the model's top-level instances. */
  readonly root: UserLayerInstance;
  /** Every instance by path (the root under ""). */
  readonly instances: ReadonlyMap<string, LayerInstance>;
  /** Every parameter and buffer, unique by path, in creation order. */
  readonly parameters: readonly ParamInfo[];
  /** The texts of the files the checker read, for file:line:column in messages the lowering makes. */
  readonly sources: ReadonlyMap<string, SourceFile>;
}

// ---------------------------------------------------------------- training

export interface DataSpec {
  /** `mnist`, `csv`, `text`, `tensors`. */
  readonly source: string;
  /** Arguments with defaults; `path` resolved against the .dlnet file's folder. */
  readonly args: Args;
  /** Resolved path for file sources. */
  readonly path?: string;
  /** Per-sample field types (no batch dim); for `tensors`, from the file's safetensors header. */
  readonly fields?: Readonly<Record<string, TensorType>>;
}

/** One transform of `augment FIELD = [...]`, its arguments resolved (sizes in pixels). */
export type AugmentStep =
  /** RandomCrop: pad by [left, top, right, bottom] with `fill`, cut [h, w] at a drawn position. */
  | { readonly kind: "crop"; readonly size: readonly [number, number]; readonly padding: readonly [number, number, number, number]; readonly fill: number }
  /** RandomHorizontalFlip / RandomVerticalFlip with probability p. */
  | { readonly kind: "hflip" | "vflip"; readonly p: number }
  /** Additive Gaussian noise mean + std·N(0, 1). */
  | { readonly kind: "noise"; readonly std: number; readonly mean: number };

/** `augment image = [...]`: the transforms of one f32 data field, seen as a [C, H, W] image. */
export interface AugmentSpec {
  readonly field: string;
  readonly layout: readonly [number, number, number];
  readonly steps: readonly AugmentStep[];
}

/** A torch.optim parameter group: its parameters (by path, first matching group wins) and what it overrides. */
export interface ParamGroup {
  /** The globs as written (`*.bias|*norm*`). */
  readonly patterns: readonly string[];
  /** Trainable parameter paths in the model's order. */
  readonly params: readonly string[];
  readonly lr?: number;
  readonly weightDecay?: number;
}

export interface TrainSpec {
  readonly decl: TrainDecl;
  readonly file: string;
  /**
   * The model, elaborated with its inputs' non-batch symbolic dims bound to
   * the fed fields' sizes (CharLSTM's T becomes the text context), so only
   * the batch dim stays symbolic.
   */
  readonly model: ModelInstance;
  /** The symbol of the batch dimension (dim 0 of the model's inputs), e.g. "batch". */
  readonly batchDim: string;
  readonly data: DataSpec;
  /**
   * `feed x = data.image`: model input ← data field. When the two per-sample
   * shapes differ (mnist's image [784] fed to an input [batch, 1, 28, 28]) they
   * have the same element count and the field is reshaped to `inputShape`.
   */
  readonly feeds: readonly {
    readonly input: string;
    readonly field: string;
    /** The field's per-sample shape. */
    readonly fieldShape: readonly Dim[];
    /** The input's per-sample shape (dims after the batch), concrete after binding. */
    readonly inputShape: readonly Dim[];
  }[];
  /** Scalar f32[] loss over EOutput / EDataField leaves. */
  readonly loss: ENode;
  /** Scalar metrics; `name` is the called function (`accuracy`, a second one `accuracy_2`), else the source text. */
  readonly metrics: readonly { readonly name: string; readonly value: ENode }[];
  readonly optimizer: { readonly name: string; readonly args: Args };
  readonly schedule?: { readonly name: string; readonly args: Args };
  readonly batch: number;
  readonly epochs: number;
  readonly seed?: number;
  /** Clip the global gradient norm to this value. */
  readonly clip?: number;
  /** Accumulate gradients over this many batches per optimizer step (default 1). */
  readonly accumulate: number;
  /** Write a checkpoint every this many epochs. */
  readonly saveEvery?: number;
  /** Weights to load by parameter path (resolved path; .safetensors or .onnx). */
  readonly init?: string;
  /** Frozen instance paths as written (`backbone`, `blocks.0`). */
  readonly freeze: readonly string[];
  /** The parameter paths they cover (no gradient kernels are emitted for these). */
  readonly frozenParams: readonly string[];
  /** `groups = [group(...)]`: per-group lr / weight_decay; parameters in none keep the optimizer's. */
  readonly groups: readonly ParamGroup[];
  /** `validate = 0.1`: a fraction (< 1) or a count of the train split held out for validation, chosen from the seed. */
  readonly validate?: number;
  /** `early_stopping = EarlyStopping(...)`: stop when the held-out `monitor` has not improved by `minDelta` for `patience` epochs. */
  readonly earlyStopping?: { readonly patience: number; readonly minDelta: number; readonly monitor: string; readonly mode: "min" | "max" };
  /** `keep_best = true`: write the checkpoint of the best held-out epoch beside the run's own. */
  readonly keepBest?: boolean;
  /** `ema = 0.999`: keep an exponential moving average of the trainable weights (the decay), used for evaluation. */
  readonly ema?: number;
  /** `augment FIELD = [...]`: image augmentation of training batches, per field (absent: none). */
  readonly augment?: readonly AugmentSpec[];
}
