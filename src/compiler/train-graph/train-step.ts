// A train block → the training-step graphs: lowerTrain's forward (loss,
// metrics, running-statistics updates) handed to src/compiler/train-graph,
// which adds backward, clipping and the optimizer update. The naming
// conventions are train-graph's (see its build.ts): parameters and optimizer
// state (`optim.<param>.<state>`) are inputs and, under the same name, outputs;
// scalar hyper inputs `lr` and `step`; `__seed` for dropout.

import { InternalError } from "../diagnostics";
import type { TrainSpec } from "../check/elaborated";
import type { Graph } from "../ir/graph";
import { buildGradStep, buildTrainStep as buildStep, buildUpdateStep } from "./build";
import type { OptimizerSpec } from "./optimizers";
import { lowerTrain, type LoweredTrain, type LowerOptions } from "../lower/index";

/** The train block's optimizer in train-graph's form (PyTorch's argument names mapped). */
export function optimizerSpec(o: TrainSpec["optimizer"]): OptimizerSpec {
  const a = o.args;
  const num = (k: string, d: number) => (typeof a[k] === "number" ? (a[k] as number) : d);
  const betas = (): [number, number] => {
    const b = a.betas;
    if (Array.isArray(b) && b.length === 2) return [b[0] as number, b[1] as number];
    return [num("beta1", 0.9), num("beta2", 0.999)];
  };
  switch (o.name) {
    case "SGD":
      return { kind: "sgd", lr: num("lr", 0.01), momentum: num("momentum", 0), dampening: num("dampening", 0), nesterov: a.nesterov === true, weightDecay: num("weight_decay", 0) };
    case "Adam":
      return { kind: "adam", lr: num("lr", 1e-3), betas: betas(), eps: num("eps", 1e-8), weightDecay: num("weight_decay", 0) };
    case "AdamW":
      return { kind: "adamw", lr: num("lr", 1e-3), betas: betas(), eps: num("eps", 1e-8), weightDecay: num("weight_decay", 0.01) };
    case "RMSProp":
      return { kind: "rmsprop", lr: num("lr", 0.01), alpha: num("alpha", 0.99), eps: num("eps", 1e-8), momentum: num("momentum", 0), weightDecay: num("weight_decay", 0) };
  }
  throw new InternalError(`optimizer ${o.name} has no training-step builder`);
}

export interface TrainGraphs {
  /** lowerTrain's result (train mode): the forward with loss and metrics. */
  readonly forward: LoweredTrain;
  readonly optimizer: OptimizerSpec;
  /** forward + backward + clip + update in one graph (use when accumulate = 1). */
  readonly step: Graph;
  /** With accumulate > 1: forward + backward (`grad.<param>` outputs) and the update from averaged grads. */
  readonly gradStep?: Graph;
  readonly updateStep?: Graph;
}

/** The training-step graph(s) of a train block. Frozen parameters get no gradient nodes. */
export function buildTrainStep(spec: TrainSpec, opts: Partial<Omit<LowerOptions, "mode">> = {}): TrainGraphs {
  const forward = lowerTrain(spec, { ...opts, mode: "train" });
  const optimizer = optimizerSpec(spec.optimizer);
  const groups = new Map<string, { lrScale?: number; weightDecay?: number }>();
  for (const g of spec.groups ?? [])
    for (const p of g.params) groups.set(p, { ...(g.lr !== undefined ? { lrScale: g.lr / optimizer.lr } : {}), ...(g.weightDecay !== undefined ? { weightDecay: g.weightDecay } : {}) });
  const o = { loss: forward.loss, optimizer, trainable: forward.params.map((p) => p.path), clip: spec.clip, metrics: forward.metrics, groups, ema: spec.ema };
  const step = buildStep(forward.graph, o);
  if (spec.accumulate <= 1) return { forward, optimizer, step };
  return {
    forward,
    optimizer,
    step,
    gradStep: buildGradStep(forward.graph, { loss: o.loss, trainable: o.trainable, metrics: o.metrics }),
    updateStep: buildUpdateStep(forward.graph, o),
  };
}
