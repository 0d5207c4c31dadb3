// The lowering: an elaborated (checked) model → a tensor IR graph.
//
// ── Graph interface conventions ──────────────────────────────────────────
// Inputs, in this order:
//   - model inputs by name (`x`, `tokens`), role "data", symbolic dims kept
//     (`f32[batch,784]`) unless bound with `dims`;
//   - every parameter and buffer of ModelInstance.parameters, in creation
//     order, named by its path (`linear_0.weight`, `batch_norm_0.running_mean`):
//     role "param" (trainable), "frozen" (a train block's `freeze`) or
//     "state" (buffers: BatchNorm's running_mean / running_var);
//   - in train mode, when the model has an active dropout: `__seed`, an i32
//     scalar, role "seed". The trainer feeds a fresh value every step; masks
//     are the IR's random_uniform(seed, salt) with a salt per dropout
//     application derived from its instance path.
// Outputs, in this order:
//   - lowerModel: the model outputs by name (`logits`);
//     lowerTrain: `loss`, then each metric by name (`accuracy`);
//   - in train mode, the new value of every buffer the step updated, as an
//     output named EXACTLY like its state input (`batch_norm_0.running_mean`).
//     `stateUpdates` lists the pairs; the trainer copies each output back into
//     its input's buffer after the step. Buffer paths always contain a dot, so
//     they never clash with model outputs, `loss` or metric names.
// Eval mode has no seed and no state outputs: dropout is the identity and
// BatchNorm uses its running statistics.

import type { Diagnostic } from "../diagnostics";
import { InternalError } from "../diagnostics";
import type { ENode, ModelInstance, ParamInfo, TrainSpec } from "../check/elaborated";
import type { Graph, InputRole } from "../ir/graph";
import type { Node } from "../ir/node";
import { reshape } from "../ir/builder";
import type { DimEnv } from "../ir/types";
import { irDType, Lowering, SEED_INPUT, type Mode, type StateUpdate } from "./context";
import { lowerNode } from "./expr";

export { initParam, initParams } from "./init";
export { LAYER_LOWERINGS, FUNCTION_LOWERINGS } from "./table";
export { SEED_INPUT, type Mode, type StateUpdate } from "./context";
export type { FunctionLowering, LayerLowering } from "./rules";

export interface LowerOptions {
  readonly mode: Mode;
  /** Values for symbolic dims (`{T: 64}`), applied to every shape; others stay symbolic. */
  readonly dims?: DimEnv;
}

export interface LoweredGraph {
  readonly graph: Graph;
  readonly mode: Mode;
  /** Trainable parameters (graph inputs with role "param", named by path). */
  readonly params: readonly ParamInfo[];
  /** Frozen parameters (role "frozen"); empty outside lowerTrain. */
  readonly frozen: readonly ParamInfo[];
  /** Buffers (role "state"). */
  readonly buffers: readonly ParamInfo[];
  /** Buffer updates of train mode: output → the state input it replaces. */
  readonly stateUpdates: readonly StateUpdate[];
  /** `__seed` when the graph takes a dropout seed, else undefined. */
  readonly seedInput?: string;
  /** Lowering limits. Empty on success (no lowering reports one today). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoweredModel extends LoweredGraph {
  /** Model input names (role "data"), in declaration order. */
  readonly inputs: readonly string[];
  /** Model output names, in declaration order. */
  readonly outputs: readonly string[];
}

export interface LoweredTrain extends LoweredGraph {
  /** The name of the scalar loss output: "loss". */
  readonly loss: string;
  /** Metric output names, in the train block's order. */
  readonly metrics: readonly string[];
  /** Data inputs of the graph and the data field each is fed from. */
  readonly dataInputs: readonly { readonly input: string; readonly field: string }[];
  /** The symbolic batch dimension (bind it with specialize before running). */
  readonly batchDim: string;
}

function declareParams(cx: Lowering, params: readonly ParamInfo[], frozen: ReadonlySet<string>) {
  const out = { params: [] as ParamInfo[], frozen: [] as ParamInfo[], buffers: [] as ParamInfo[] };
  for (const p of params) {
    const role: InputRole = p.buffer ? "state" : frozen.has(p.path) ? "frozen" : "param";
    cx.declareParam(p, role);
    (p.buffer ? out.buffers : role === "frozen" ? out.frozen : out.params).push(p);
  }
  return out;
}

function finish(cx: Lowering) {
  const stateUpdates: StateUpdate[] = [];
  if (cx.training) {
    for (const u of cx.bufferUpdates()) {
      cx.gb.output(u.path, u.node);
      stateUpdates.push({ input: u.path, output: u.path });
    }
  }
  return { graph: cx.gb.build(), stateUpdates, seedInput: cx.usesSeed ? SEED_INPUT : undefined, diagnostics: cx.diagnostics };
}

/** Lower a model's forward pass (train: dropout on, batch statistics; eval: inference). */
export function lowerModel(model: ModelInstance, opts: LowerOptions): LoweredModel {
  const cx = new Lowering(opts.mode, opts.dims ?? {}, lowerNode, model.sources);
  for (const i of model.inputs) cx.inputs.set(i.name, cx.input(i.name, irDType(i.type.dtype), i.type.shape, "data"));
  const groups = declareParams(cx, model.parameters, new Set());
  for (const o of model.outputs) cx.gb.output(o.name, cx.lower(o.value));
  return {
    ...groups,
    ...finish(cx),
    mode: opts.mode,
    inputs: model.inputs.map((i) => i.name),
    outputs: model.outputs.map((o) => o.name),
  };
}

/**
 * Lower a train block's forward pass and loss: outputs `loss` and the metrics
 * (and in train mode the buffer updates). Model inputs are fed from data
 * fields (`feed x = data.image`); a field the loss or a metric reads directly
 * (`data.label`) is a data input named `data.<field>`. Frozen parameters get
 * role "frozen". Use mode "eval" for held-out metrics.
 */
export function lowerTrain(spec: TrainSpec, opts: Partial<LowerOptions> = {}): LoweredTrain {
  const mode = opts.mode ?? "train";
  const model = spec.model;
  const cx = new Lowering(mode, opts.dims ?? {}, lowerNode, model.sources);
  const dataInputs: { input: string; field: string }[] = [];
  for (const i of model.inputs) {
    cx.inputs.set(i.name, cx.input(i.name, irDType(i.type.dtype), i.type.shape, "data"));
    const feed = spec.feeds.find((f) => f.input === i.name);
    if (!feed) throw new InternalError(`train ${model.name}: model input '${i.name}' has no feed`);
    dataInputs.push({ input: i.name, field: feed.field });
  }
  const groups = declareParams(cx, model.parameters, new Set(spec.frozenParams));
  const outputs = new Map<string, Node>();
  cx.resolveOutput = (name) => {
    let n = outputs.get(name);
    if (!n) {
      const o = model.outputs.find((x) => x.name === name);
      if (!o) throw new InternalError(`train ${model.name}: no model output '${name}'`);
      n = cx.lower(o.value);
      outputs.set(name, n);
    }
    return n;
  };
  const fields = new Map<string, Node>();
  cx.resolveData = (field: string, e: ENode) => {
    const fed = spec.feeds.find((f) => f.field === field);
    // A fed field read directly is the model input in the field's own shape (`feed x = data.image` reshapes).
    if (fed) return reshape(cx.modelInput(fed.input), e.type.shape);
    let n = fields.get(field);
    if (!n) {
      const name = `data.${field}`;
      n = cx.input(name, irDType(e.type.dtype), e.type.shape, "data");
      fields.set(field, n);
      dataInputs.push({ input: name, field });
    }
    return n;
  };
  cx.gb.output("loss", cx.lower(spec.loss));
  const metrics: string[] = [];
  for (const m of spec.metrics) {
    const name = m.name === "loss" || metrics.includes(m.name) ? `metric.${m.name}.${metrics.length}` : m.name;
    cx.gb.output(name, cx.lower(m.value));
    metrics.push(name);
  }
  return { ...groups, ...finish(cx), mode, loss: "loss", metrics, dataInputs, batchDim: spec.batchDim };
}
