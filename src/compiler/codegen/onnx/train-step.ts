// The whole training step as ONNX, so any ONNX runtime can train. Two models:
//
//   the step  inputs: a batch (the model's inputs, `data.<field>` for labels),
//             `lr` and `step` (f32 scalars: the learning rate and the 1-based
//             step number), every parameter, buffer and optimizer state
//             tensor (`optim.<param>.<state>`);
//             outputs: `loss`, the metrics, and for each tensor the step
//             updates its new value as `<name>.new` (`linear_0.weight.new`,
//             `optim.linear_0.weight.exp_avg.new`). Feed each `.new` output
//             back as the input of the same name on the next call.
//   the init  no inputs; its outputs (and initializers) are the starting
//             values of every parameter, buffer and optimizer state tensor,
//             under their input names: run it once to start training.
//             (Optimizer state from a checkpoint continues a dlnet run.)
//
// Parameters and state are plain inputs rather than initializers a caller may
// override: ONNX Runtime's Node.js binding, for one, only feeds a session's
// required inputs. dlnet's own training graph names an update exactly like
// its input (the runtime binds both to one buffer); ONNX names every value
// once, hence `.new`. Dropout masks are ONNX RandomUniformLike draws: dlnet's
// counter-based generator has no ONNX form, so a step with Dropout trains
// like dlnet's but with other masks (the `__seed` input is dropped). ONNX
// Runtime 1.30 runs the random ops only up to opset 21: such a step needs
// `opset: 21` (DL5002 otherwise).

import type { TrainSpec } from "../../check/elaborated";
import { diag, type Diagnostic } from "../../diagnostics";
import { Graph, isPersistent, rewrite } from "../../ir/graph";
import { isOp } from "../../ir/node";
import { getOp } from "../../ir/registry";
import type { Span } from "../../source";
import { buildTrainStep } from "../../train-graph/train-step";
import { zeros, type Tensor } from "../../tensor";
import { exportOnnx } from "./export";
import { DEFAULT_OPSET } from "./proto";
import { RANDOM_MAX_OPSET } from "./rules/elementwise";

export const NEW_SUFFIX = ".new";

export interface TrainStepExportOptions {
  /** Initial parameters and buffers by path. */
  params: ReadonlyMap<string, Tensor>;
  /** Optimizer state to start from (`optim.<param>.<state>`, a checkpoint's); missing entries start at zeros. */
  state?: ReadonlyMap<string, Tensor>;
  opset?: number;
  file?: string;
  span?: Span;
}

export interface TrainStepExport {
  /** The step model; empty when there are error diagnostics. */
  bytes: Uint8Array;
  /** The init model (starting values); empty when there are error diagnostics. */
  initBytes: Uint8Array;
  diagnostics: Diagnostic[];
  /** The exported step graph (state outputs renamed). */
  graph: Graph;
}

/** The training step with every state output renamed `<input>.new`. */
export function renameStateOutputs(step: Graph): Graph {
  const inputs = new Set(step.inputs.map((i) => i.name));
  return new Graph(
    step.inputs,
    step.outputs.map((o) => (inputs.has(o.name) ? { ...o, name: o.name + NEW_SUFFIX } : o)),
  );
}

function expandDropout(g: Graph): Graph {
  return rewrite(g, (n, ins) => (isOp(n, "dropout") ? getOp("dropout").expand!(ins, n.attrs) : undefined));
}

export function exportTrainStep(spec: TrainSpec, opts: TrainStepExportOptions): TrainStepExport {
  const { forward, step } = buildTrainStep(spec);
  const file = opts.file ?? spec.file;
  const at = opts.span ?? spec.decl.span;
  // Dropout: the forward's `dropout` and the backward's mask are one
  // random_uniform node once dropout is expanded (same seed, shape and salt),
  // so ONNX draws one mask per application and both passes use it.
  const graph = renameStateOutputs(forward.seedInput ? expandDropout(step) : step);
  const none = new Uint8Array(0);
  const opset = opts.opset ?? DEFAULT_OPSET;
  if (forward.seedInput && opset > RANDOM_MAX_OPSET) {
    const d = diag(
      "DL5002",
      `the training step of ${spec.model.name} draws random numbers (Dropout, randn, rand), which need ONNX's random ops, which ONNX Runtime 1.30 ` +
        `runs only up to opset ${RANDOM_MAX_OPSET}: export with --opset ${RANDOM_MAX_OPSET}`,
      file,
      at,
    );
    return { bytes: none, initBytes: none, diagnostics: [d], graph };
  }
  if (forward.diagnostics.length) return { bytes: none, initBytes: none, diagnostics: [...forward.diagnostics], graph };
  const r = exportOnnx(graph, { opset: opts.opset, name: `${spec.model.name}_train_step`, file, span: at });
  if (r.diagnostics.length) return { bytes: none, initBytes: none, diagnostics: r.diagnostics, graph };

  // The init model: each persistent input passed straight to an output of the same name.
  const persistent = graph.inputs.filter(isPersistent);
  const values = new Map<string, Tensor>();
  // (`ema.<param>` without a checkpoint's value starts at the parameter, as in dlnet train.)
  for (const i of persistent)
    values.set(i.name, opts.params.get(i.name) ?? opts.state?.get(i.name) ?? (i.name.startsWith("ema.") ? opts.params.get(i.name.slice(4)) : undefined) ?? zeros(i.node.shape as number[]));
  const init = exportOnnx(new Graph(persistent, persistent.map((i) => ({ name: i.name, node: i.node }))), {
    params: values,
    opset: opts.opset,
    name: `${spec.model.name}_train_init`,
    file,
    span: at,
  });
  return { bytes: r.bytes, initBytes: init.bytes, diagnostics: init.diagnostics, graph };
}
