// Shared by the example tests: the example as a user has it (checked from
// disk, `dlnet check` through the CLI), and a SHORT training run of its train
// block on the CPU reference backend — the file's own model, loss, optimizer
// and schedule; only the batch, the number of steps and (for MNIST) the data
// slice are cut down so each test stays within seconds.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { checkFile, renderDiagnostics } from "../../src/compiler/check/index";
import type { TrainSpec } from "../../src/compiler/check/elaborated";
import { CpuBackend } from "../../src/runtime/backend";
import type { Dataset } from "../../src/runtime/data/index";
import { train, type TrainResult } from "../../src/runtime/train/trainer";
import { dlnetInProcess, ROOT } from "../cli/run-cli";
import { diskHost } from "../compiler/check/helpers";
import { lowerModel } from "../../src/compiler/lower/index";
import { specialize } from "../../src/compiler/ir/graph";
import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { runReference } from "../../src/runtime/reference/interpreter";
import { encodeSafetensors, readTensors } from "../../src/runtime/checkpoint/safetensors";
import type { Tensor } from "../../src/compiler/tensor";
import { runOrt } from "../compiler/codegen/onnx/ort";
import { expectOk, PY_LOAD, python } from "../compiler/codegen/pytorch/python";

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
export async function shortRun(spec: TrainSpec, o: { batch: number; steps: number; dataset?: Dataset; window?: number; out?: string }): Promise<ShortRun> {
  const result = await train({ spec: { ...spec, batch: o.batch }, backend: new CpuBackend(), steps: o.steps, dataset: o.dataset, logEvery: 1, out: o.out });
  expect(result.steps).toBe(o.steps);
  const w = o.window ?? 5;
  const mean = (xs: { loss: number }[]) => xs.reduce((a, b) => a + b.loss, 0) / xs.length;
  return { result, first: mean(result.losses.slice(0, w)), last: mean(result.losses.slice(-w)) };
}

/** An example's trained weights, some inputs and the reference's outputs for them: what the export parity checks compare against. */
export interface Reference {
  name: string;
  model: string;
  params: Map<string, Tensor>;
  /** In the model's input order (the exported forward() takes them positionally). */
  feeds: Record<string, Tensor>;
  outputs: Record<string, Tensor>;
}

/** The float64 reference interpreter's outputs of the example's model (eval mode) for `feeds`, its symbolic sizes bound by `dims`. */
export function referenceOf(name: string, model: string, params: Map<string, Tensor>, feeds: Record<string, Tensor>, dims: Record<string, number>): Reference {
  const m = checkFile(join(ROOT, "examples", `${name}.dlnet`), host).elaborate(model)!;
  const graph = specialize(lowerModel(m, { mode: "eval" }).graph, dims);
  const all = runReference(graph, { ...feeds, ...Object.fromEntries(params) });
  const outputs = Object.fromEntries(m.outputs.map((o) => [o.name, all[o.name]]));
  return { name, model, params, feeds, outputs };
}

/** The trained weights of a checkpoint (no optimizer state, no bookkeeping). */
export function weightsOf(checkpoint: string): Map<string, Tensor> {
  return new Map([...readTensors(checkpoint).tensors].filter(([k]) => !k.startsWith("optim.") && !k.startsWith("__")));
}

function expectClose(what: string, got: Tensor, want: Tensor, tol: number): void {
  expect(got.shape, what).toEqual(want.shape);
  let worst = 0;
  for (let i = 0; i < got.data.length; i++) worst = Math.max(worst, Math.abs(got.data[i] - want.data[i]) / Math.max(1, Math.abs(want.data[i])));
  expect(worst, what).toBeLessThan(tol);
}

/** `exportOnnx` of the eval graph with the trained weights; ONNX Runtime computes the reference's outputs. */
export async function expectOrtParity(r: Reference, tol = 1e-4): Promise<void> {
  const low = lowerModel(checkFile(join(ROOT, "examples", `${r.name}.dlnet`), host).elaborate(r.model)!, { mode: "eval" });
  const { bytes, diagnostics } = exportOnnx(low.graph, { params: r.params, name: r.model, file: `${r.name}.dlnet` });
  expect(diagnostics).toEqual([]);
  const got = await runOrt(bytes, r.feeds);
  for (const [k, want] of Object.entries(r.outputs)) expectClose(`ONNX Runtime: ${k}`, got[k], want, tol);
}

/** `dlnet export --pytorch`; the generated model.py loads the weights strictly and computes the reference's outputs. */
export async function expectTorchParity(r: Reference, tol = 1e-4): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `dlnet-${r.name}-`));
  const res = await dlnetInProcess(["export", join(ROOT, "examples", `${r.name}.dlnet`), "--pytorch", join(dir, "pt"), "--model", r.model]);
  expect(res.code, res.stderr).toBe(0);
  writeFileSync(join(dir, "weights.safetensors"), encodeSafetensors(r.params));
  writeFileSync(join(dir, "feeds.safetensors"), encodeSafetensors(new Map(Object.entries(r.feeds))));
  const outs = Object.keys(r.outputs);
  writeFileSync(
    join(dir, "drive.py"),
    PY_LOAD +
      String.raw`
d = sys.argv[1]
io = load(d + "/pt/dlnet_io.py", "dlnet_io")
mod = load(d + "/pt/model.py", "model")
model = getattr(mod, sys.argv[2])().eval()
mod.load_weights(model, io.read_safetensors(d + "/weights.safetensors")[0])
xs, _ = io.read_safetensors(d + "/feeds.safetensors")
with torch.no_grad():
    y = model(*[torch.from_numpy(xs[k]) for k in json.loads(sys.argv[3])])
outs = json.loads(sys.argv[4])
if not isinstance(y, dict):
    y = {outs[0]: y}
io.write_safetensors(d + "/outputs.safetensors", {k: y[k].float() for k in outs})
`,
  );
  expectOk(await python([join(dir, "drive.py"), dir, r.model, JSON.stringify(Object.keys(r.feeds)), JSON.stringify(outs)]), "drive.py");
  const got = readTensors(join(dir, "outputs.safetensors")).tensors;
  for (const [k, want] of Object.entries(r.outputs)) expectClose(`PyTorch: ${k}`, got.get(k)!, want, tol);
}
