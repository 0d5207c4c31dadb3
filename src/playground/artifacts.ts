// The playground's downloads, made from a trained backend in memory: the
// checkpoint exactly as `dlnet train` writes it (parameters, buffers,
// optimizer state, run position: `dlnet run --weights` and `--resume` take
// it), and the inference graph as `dlnet export --onnx` writes it.

import type { TrainSpec } from "../compiler/check/elaborated";
import { exportOnnx } from "../compiler/codegen/onnx";
import { isPersistent } from "../compiler/ir/graph";
import { lowerModel } from "../compiler/lower/index";
import { buildTrainStep } from "../compiler/train-graph/train-step";
import type { Backend } from "../runtime/backend";
import { encodeSafetensors } from "../runtime/checkpoint/safetensors";
import type { Tensor } from "../compiler/tensor";
import { CHECKPOINT_FORMAT } from "../runtime/train/checkpoint";

export async function checkpointBytes(spec: TrainSpec, backend: Backend, steps = 0): Promise<Uint8Array> {
  const graphs = buildTrainStep(spec);
  const tensors = new Map<string, Tensor>();
  for (const i of graphs.step.inputs) if (isPersistent(i)) tensors.set(i.name, await backend.getState(i.name));
  return encodeSafetensors(tensors, { format: CHECKPOINT_FORMAT, model: spec.model.name, seed: String(spec.seed ?? 0), step: String(steps), epoch: "0", batch: "0" });
}

export async function onnxBytes(spec: TrainSpec, backend: Backend): Promise<Uint8Array> {
  const model = spec.model;
  const lowered = lowerModel(model, { mode: "eval" });
  const params = new Map<string, Tensor>();
  for (const p of model.parameters) params.set(p.path, await backend.getState(p.path));
  const r = exportOnnx(lowered.graph, { params, name: model.name, file: model.file, span: model.decl.name.span });
  if (r.diagnostics.some((d) => d.severity === "error")) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.bytes;
}
