// Shared by the example tests: the example as a user has it (checked from
// disk, `dlnet check` through the CLI), and a SHORT training run of its train
// block on the CPU reference backend — the file's own model, loss, optimizer
// and schedule; only the batch, the number of steps and (for MNIST) the data
// slice are cut down so each test stays within seconds.

import { join } from "node:path";
import { expect } from "vitest";
import { checkFile, renderDiagnostics } from "../../src/compiler/check/index";
import type { TrainSpec } from "../../src/compiler/check/elaborated";
import { CpuBackend } from "../../src/runtime/backend";
import type { Dataset } from "../../src/runtime/data/index";
import { train, type TrainResult } from "../../src/runtime/train/trainer";
import { dlnetInProcess, ROOT } from "../cli/run-cli";
import { diskHost } from "../compiler/check/helpers";

export { ROOT };

const host = diskHost();

/** `dlnet check examples/NAME.dlnet` exits 0 with no diagnostic at all (not even a warning). */
export async function expectChecksClean(name: string): Promise<void> {
  const r = await dlnetInProcess(["check", `examples/${name}.dlnet`]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe("checked 1 file: no errors\n");
  expect(r.code).toBe(0);
}

/** The example's train block, elaborated from the file on disk. */
export function trainSpecOf(name: string): TrainSpec {
  const r = checkFile(join(ROOT, "examples", `${name}.dlnet`), host);
  expect(renderDiagnostics(r.diagnostics, r.files)).toBe("");
  expect(r.trains).toHaveLength(1);
  return r.elaborateTrain(r.trains[0])!;
}

export interface ShortRun {
  result: TrainResult;
  /** Mean loss of the first and of the last `window` steps. */
  first: number;
  last: number;
}

/** Trains `steps` optimizer steps at batch size `batch` on the CPU, every step's loss read back. */
export async function shortRun(spec: TrainSpec, o: { batch: number; steps: number; dataset?: Dataset; window?: number }): Promise<ShortRun> {
  const result = await train({ spec: { ...spec, batch: o.batch }, backend: new CpuBackend(), steps: o.steps, dataset: o.dataset, logEvery: 1 });
  expect(result.steps).toBe(o.steps);
  const w = o.window ?? 5;
  const mean = (xs: { loss: number }[]) => xs.reduce((a, b) => a + b.loss, 0) / xs.length;
  return { result, first: mean(result.losses.slice(0, w)), last: mean(result.losses.slice(-w)) };
}
