// The graphs the WGSL cross-checks compile (group-loads.test.ts,
// shared-kernels.test.ts): a file's training step, and for generated
// programs its eval forward too, where every shape is concrete at the train
// block's batch.

import { checkFile } from "../../../../src/compiler/check/index";
import { specialize, type Graph } from "../../../../src/compiler/ir/graph";
import { lowerModel } from "../../../../src/compiler/lower/index";
import { buildTrainStep } from "../../../../src/compiler/train-graph/train-step";

/** Each training step (and, with `evalToo`, the eval graph) with concrete shapes, and the batch binding. */
export function concreteSteps(
  path: string,
  host: Parameters<typeof checkFile>[1],
  evalToo: boolean,
): [Graph, Record<string, number>][] {
  const r = checkFile(path, host);
  if (r.diagnostics.some((d) => d.severity === "error") || !r.trains.length) return [];
  const spec = r.elaborateTrain(r.trains[0])!;
  const t = buildTrainStep(spec);
  const env = { [t.forward.batchDim]: spec.batch };
  if (specialize(t.step, env).nodes().some((n) => n.shape.some((d) => typeof d !== "number"))) return [];
  const out: [Graph, Record<string, number>][] = [[t.step, env]];
  if (evalToo) {
    const ev = lowerModel(spec.model, { mode: "eval" });
    if (!ev.diagnostics.length) out.push([ev.graph, env]);
  }
  return out;
}
