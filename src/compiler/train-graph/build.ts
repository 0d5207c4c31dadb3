// The training step as IR graphs, built from a forward graph.
//
// Naming convention (all graphs here, and the forward graph): an output whose
// name equals an input's name is that input's value for the next step —
// parameters, optimizer state (`optim.<param>.<state>`), normalisation running
// statistics (a forward output named like a `state` input). The runtime binds
// both to one persistent buffer. State inputs that the host has no value for
// start at zeros.
//
// Three shapes of the same step:
//   buildTrainStep  one graph: forward, loss, backward, clip, update.
//   buildGradStep   forward + backward only: outputs `loss`, metrics, the
//                   forward's state updates and `grad.<param>` per trainable param.
//   buildUpdateStep inputs params, `grad.<param>`, optimizer state, lr, step:
//                   clip + update.
// Gradient accumulation (`accumulate = k`, Caffe's iter_size): the host runs
// the grad step on k micro-batches, averages the `grad.*` outputs (which is
// PyTorch's loss/k accumulation), then runs the update step once. With k = 1
// use the fused graph.

import { InternalError } from "../diagnostics";
import { grad } from "../autodiff/grad";
import { type Node } from "../ir/builder";
import { add, input, mul } from "../ir/builder";
import { Graph, type GraphInput, type GraphOutput } from "../ir/graph";
import { clipGradNorm } from "./clip";
import { optimizerStep, stateInputName, stateNames, type OptimizerSpec } from "./optimizers";

export interface TrainStepOptions {
  /** Name of the forward output that is the (scalar) loss. */
  loss: string;
  optimizer: OptimizerSpec;
  /** Trainable parameters (default: every input with role "param"); others get no gradient nodes. */
  trainable?: readonly string[];
  /** clip_grad_norm_(max_norm = clip); the pre-clip norm is output as `grad_norm`. */
  clip?: number;
  /** Forward outputs passed through (accuracy, logits, ...). */
  metrics?: readonly string[];
  /**
   * Parameter groups (torch.optim's): per parameter, its lr as a multiple of the
   * `lr` input (group lr / base lr, so a schedule scales every group alike) and
   * its own weight decay. Parameters not listed use `optimizer` as it is.
   */
  groups?: ReadonlyMap<string, { lrScale?: number; weightDecay?: number }>;
  /**
   * EMA of the weights (`ema = 0.999`): a state input `ema.<param>` per trainable
   * parameter, and after each update the output `ema.<param>` = ema · decay + new
   * param · (1 − decay) — timm's ModelEmaV2 (`ema.mul_(d).add_(p, alpha=1-d)`),
   * computed on the device with the update itself.
   */
  ema?: number;
}

export const LR = "lr";
export const STEP = "step";
export const gradName = (param: string) => `grad.${param}`;
export const emaName = (param: string) => `ema.${param}`;

interface Prepared {
  /** The forward's inputs, untrained "param"s retagged "frozen". */
  inputs: GraphInput[];
  params: GraphInput[];
  loss: Node;
  passThrough: GraphOutput[];
}

function prepare(forward: Graph, o: TrainStepOptions): Prepared {
  const loss = forward.output(o.loss);
  if (loss.shape.length !== 0 || loss.dtype !== "f32") throw new InternalError(`loss '${o.loss}' must be an f32 scalar`);
  const names = o.trainable ?? forward.inputs.filter((i) => i.role === "param").map((i) => i.name);
  const params = names.map((n) => {
    const i = forward.inputs.find((x) => x.name === n);
    if (!i) throw new InternalError(`no parameter input '${n}'`);
    return i;
  });
  const inputNames = new Set(forward.inputs.map((i) => i.name));
  const passThrough = [
    { name: "loss", node: loss },
    ...(o.metrics ?? []).filter((m) => m !== "loss").map((m) => ({ name: m, node: forward.output(m) })),
    // running statistics and other forward state updates keep their names
    ...forward.outputs.filter((x) => inputNames.has(x.name)),
  ];
  const trained = new Set(params.map((p) => p.name));
  const inputs = forward.inputs.map((i) => (i.role === "param" && !trained.has(i.name) ? { ...i, role: "frozen" as const } : i));
  return { inputs, params, loss, passThrough };
}

/** The scalar hyper inputs and per-parameter optimizer state inputs. */
function optimizerInputs(params: readonly GraphInput[], spec: OptimizerSpec) {
  const lr = input(LR, "f32", []);
  const step = input(STEP, "f32", []);
  const states = params.map((p) =>
    Object.fromEntries(stateNames(spec).map((s) => [s, input(stateInputName(p.name, s), "f32", p.node.shape)])),
  );
  const inputs: GraphInput[] = [
    { name: LR, node: lr, role: "hyper" },
    { name: STEP, node: step, role: "hyper" },
    ...params.flatMap((p, i) => Object.entries(states[i]).map(([s, node]) => ({ name: stateInputName(p.name, s), node, role: "state" as const }))),
  ];
  return { lr, step, states, inputs };
}

function update(params: readonly GraphInput[], grads: readonly Node[], o: TrainStepOptions) {
  const opt = optimizerInputs(params, o.optimizer);
  const outputs: GraphOutput[] = [];
  const emaInputs: GraphInput[] = [];
  let gs = grads.slice();
  if (o.clip !== undefined) {
    const c = clipGradNorm(gs, o.clip);
    gs = c.grads;
    outputs.push({ name: "grad_norm", node: c.totalNorm });
  }
  params.forEach((p, i) => {
    const g = o.groups?.get(p.name);
    const spec = g?.weightDecay !== undefined ? { ...o.optimizer, weightDecay: g.weightDecay } : o.optimizer;
    const lr = g?.lrScale !== undefined && g.lrScale !== 1 ? mul(opt.lr, g.lrScale) : opt.lr;
    const r = optimizerStep(spec, p.node, gs[i], opt.states[i], { lr, step: opt.step });
    outputs.push({ name: p.name, node: r.param });
    for (const [s, node] of Object.entries(r.state)) outputs.push({ name: stateInputName(p.name, s), node });
    if (o.ema !== undefined) {
      const e = input(emaName(p.name), "f32", p.node.shape);
      emaInputs.push({ name: emaName(p.name), node: e, role: "state" });
      outputs.push({ name: emaName(p.name), node: add(mul(e, o.ema), mul(r.param, 1 - o.ema)) });
    }
  });
  return { inputs: [...opt.inputs, ...emaInputs], outputs };
}

/** forward + backward + clip + optimizer update, one graph. */
export function buildTrainStep(forward: Graph, o: TrainStepOptions): Graph {
  const { inputs, params, loss, passThrough } = prepare(forward, o);
  const grads = grad(loss, params.map((p) => p.node));
  const u = update(params, grads, o);
  return new Graph([...inputs, ...u.inputs], [...passThrough, ...u.outputs]);
}

/** forward + backward: loss, metrics, state updates and `grad.<param>` outputs. */
export function buildGradStep(forward: Graph, o: Omit<TrainStepOptions, "optimizer" | "clip">): Graph {
  const { inputs, params, loss, passThrough } = prepare(forward, { ...o, optimizer: { kind: "sgd", lr: 0 } });
  const grads = grad(loss, params.map((p) => p.node));
  return new Graph(inputs, [...passThrough, ...params.map((p, i) => ({ name: gradName(p.name), node: grads[i] }))]);
}

/** clip + optimizer update from `grad.<param>` inputs (accumulated by the host). */
export function buildUpdateStep(forward: Graph, o: TrainStepOptions): Graph {
  const { params } = prepare(forward, o);
  const gradInputs = params.map((p) => input(gradName(p.name), "f32", p.node.shape));
  const u = update(params, gradInputs, o);
  return new Graph(
    [
      ...params.map((p) => ({ ...p, role: "param" as const })),
      ...params.map((p, i) => ({ name: gradName(p.name), node: gradInputs[i], role: "data" as const })),
      ...u.inputs,
    ],
    u.outputs,
  );
}
