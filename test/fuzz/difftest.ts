// Differential testing of one program across the backends: the CPU reference
// interpreter in float64 is the oracle; WebGPU (f32 kernels) and ONNX Runtime
// (on `dlnet export`'s graph, and on `export --train`'s training step) must
// agree with it within f32 tolerance:
//   - the model's inference graph (eval mode), outputs compared (on WebGPU, then
//     again after new weights are written into the same executable);
//   - one training step (forward, loss, backward, clipping, optimizer update)
//     at the train block's batch size: loss, metrics, every updated parameter
//     and optimizer-state tensor; with `accumulate`, the gradient step too;
//   - the trainer itself (schedule, accumulation) runs two steps on the CPU.
// Anything thrown on the way is a finding too ("crash"), as is a program the
// checker rejects: the generator only writes well-typed programs.

import { checkFile, renderDiagnostics } from "../../src/compiler/check/index";
import type { TrainSpec } from "../../src/compiler/check/elaborated";
import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { exportTrainStep, NEW_SUFFIX } from "../../src/compiler/codegen/onnx/train-step";
import { specialize, type Graph } from "../../src/compiler/ir/graph";
import type { DimEnv } from "../../src/compiler/ir/types";
import { initParams, lowerModel } from "../../src/compiler/lower/index";
import { buildTrainStep } from "../../src/compiler/train-graph/train-step";
import { CpuBackend } from "../../src/runtime/backend";
import { runReference } from "../../src/runtime/reference/interpreter";
import { scalar, zeros, type Tensor } from "../../src/compiler/tensor";
import { train } from "../../src/runtime/train/trainer";
import type { GpuHandle } from "../../src/runtime/webgpu/device";
import { compileForWebGPU, targetFor } from "../../src/runtime/webgpu/executor";
import { compileProgram } from "../../src/compiler/codegen/wgsl/pipeline";
import type { PipelineCache } from "../../src/runtime/webgpu/pipelines";
import { runOrt } from "../compiler/codegen/onnx/ort";
import { datasetOf, fieldTensors, fuzzHost, parseDataLine } from "./data";

export const CASE_PATH = "/fuzz/case.dlnet";

export interface Finding {
  /** Where: check, lower, eval, step, grad-step, onnx-eval, onnx-step, trainer. */
  stage: string;
  /** Which backend or output disagreed, or `crash`. */
  what: string;
  detail: string;
}

export interface DiffOptions {
  /**
   * WebGPU device and a pipeline cache shared across programs (absent: WebGPU is
   * skipped). With `newKernels`, a graph runs on WebGPU only if the pipelines it
   * still needs fit in what is left (lavapipe compiles each new kernel in ~1 s),
   * and uses them up: a budget counted in kernels, so a seed's run does not depend
   * on the machine's speed.
   */
  gpu?: { handle: GpuHandle; pipelines: PipelineCache; newKernels?: { left: number }; graphsRun?: number };
  /** Compare with ONNX Runtime (default true). */
  ort?: boolean;
  /** Run the trainer for two steps on the CPU (default true). */
  trainer?: boolean;
}

/** Everything the backends disagree on for one program (empty: they agree). */
export async function diffProgram(source: string, opts: DiffOptions = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  const guard = (stage: string, f: () => Promise<void> | void) => guardInto(findings, stage, async () => f());
  const fields = parseDataLine(source);
  const r = checkFile(CASE_PATH, fuzzHost(CASE_PATH, source));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return [{ stage: "check", what: "rejected", detail: renderDiagnostics(errors, r.files) }];
  const trainName = r.trains[0];
  const spec = r.elaborateTrain(trainName);
  if (!spec) return [{ stage: "check", what: "rejected", detail: `train ${trainName} does not elaborate` }];
  const data = fieldTensors(fields, spec.batch, 1);
  const dataOf = (field: string): Tensor => {
    const t = data[field];
    return { dtype: t.dtype as "f32" | "i32", shape: t.shape, data: t.data as Float32Array };
  };

  await guard("eval", () => evalForward(r, spec, dataOf, opts, findings));
  await guard("step", () => trainStep(spec, dataOf, opts, findings));
  if (opts.trainer ?? true) {
    await guard("trainer", async () => {
      const res = await train({ spec, backend: new CpuBackend(), steps: 2, dataset: datasetOf(source), logEvery: 1, skipTest: true });
      if (!res.losses.every((l) => Number.isFinite(l.loss))) findings.push({ stage: "trainer", what: "loss", detail: `not finite: ${res.losses.map((l) => l.loss)}` });
    });
  }
  return findings;
}

type CheckResult = ReturnType<typeof checkFile>;

/** The symbolic dims of the declared inputs, bound by the data's per-sample shapes. */
function boundDims(r: CheckResult, spec: TrainSpec): DimEnv {
  const env: Record<string, number> = { [spec.batchDim]: spec.batch };
  const declared = r.elaborate(spec.model.name);
  for (const i of declared?.inputs ?? []) {
    const bound = spec.model.inputs.find((b) => b.name === i.name)!;
    i.type.shape.forEach((d, k) => {
      if (typeof d === "string" && typeof bound.type.shape[k] === "number") env[d] = bound.type.shape[k] as number;
    });
  }
  return env;
}

async function evalForward(r: CheckResult, spec: TrainSpec, dataOf: (f: string) => Tensor, opts: DiffOptions, findings: Finding[]) {
  // Lowered with its sequence dims symbolic when it can be (so the ONNX graph is too); an
  // unrolled RNN needs them bound.
  const env = boundDims(r, spec);
  let lowered = lowerModel(r.elaborate(spec.model.name)!, { mode: "eval" });
  if (lowered.diagnostics.length) lowered = lowerModel(spec.model, { mode: "eval" });
  if (lowered.diagnostics.length) throw new Error(lowered.diagnostics[0].message);
  const params = initParams([...lowered.params, ...lowered.buffers], spec.seed ?? 0);
  const feeds: Record<string, Tensor> = {};
  for (const name of lowered.inputs) feeds[name] = dataOf(spec.feeds.find((f) => f.input === name)!.field);
  const g = specialize(lowered.graph, env);
  const all = { ...feeds, ...Object.fromEntries(params) };
  const want = runReference(g, all, { f64: true });
  const outputs = g.outputs.map((o) => o.name);
  if (opts.gpu) {
    // Then new weights, as a session reloading a checkpoint: what was computed from the first
    // weights (refresh kernels, codegen/wgsl/pipeline.ts) must not outlive them.
    const params2 = Object.fromEntries(initParams([...lowered.params, ...lowered.buffers], (spec.seed ?? 0) + 1));
    const [got, got2] = (await onGpu(g, [all, { ...feeds, ...params2 }], outputs, opts.gpu)) ?? [];
    compare(findings, "eval", "webgpu", got, want, () => [1e-4, 1e-3]);
    if (got2) compare(findings, "eval", "webgpu (new weights)", got2, runReference(g, { ...all, ...params2 }, { f64: true }), () => [1e-4, 1e-3]);
  }
  if (opts.ort ?? true) {
    await guardInto(findings, "onnx-eval", async () => {
      const ex = exportOnnx(lowered.graph, { params, name: spec.model.name });
      if (ex.diagnostics.length) throw new Error(`export: ${ex.diagnostics[0].message}`);
      const got = await runOrt(ex.bytes, feeds);
      compare(findings, "onnx-eval", "onnxruntime", got, want, () => [1e-4, 1e-3]);
    });
  }
}

async function trainStep(spec: TrainSpec, dataOf: (f: string) => Tensor, opts: DiffOptions, findings: Finding[]) {
  const t = buildTrainStep(spec);
  const f = t.forward;
  const params = initParams([...f.params, ...f.frozen, ...f.buffers], spec.seed ?? 0);
  const lr = t.optimizer.lr;
  const feeds: Record<string, Tensor> = { lr: scalar(lr), step: scalar(1) };
  for (const d of f.dataInputs) feeds[d.input] = dataOf(d.field);
  if (f.seedInput) feeds[f.seedInput] = scalar(12345, "i32");
  const env = { [f.batchDim]: spec.batch };
  const state = (g: Graph) => {
    const s: Record<string, Tensor> = {};
    for (const i of g.inputs) {
      if (i.role === "param" || i.role === "frozen" || i.role === "state") s[i.name] = params.get(i.name) ?? zeros(i.node.shape as number[]);
    }
    return s;
  };
  const step = specialize(t.step, env);
  const inputs = { ...feeds, ...state(step) };
  const want = runReference(step, inputs, { f64: true });
  // A normalizing optimizer's first step moves a parameter by about ±lr whatever the
  // gradient's size, so a gradient near zero may flip it: parameters get an lr-sized
  // tolerance there, and the gradients are checked through the optimizer state.
  const normalizing = t.optimizer.kind !== "sgd";
  const tol = (name: string): [number, number] =>
    name.startsWith("accuracy") ? [0.34, 0] : normalizing && params.has(name) ? [1.5 * lr * (t.optimizer.kind === "rmsprop" ? 10 : 1), 1e-2] : [1e-4, 2e-3];
  // A gradient that is zero in exact arithmetic (a conv bias before BatchNorm) is f32
  // rounding noise on the other backends, which a normalizing optimizer scales up to a
  // full-size step: such elements (the second moment below 1e-14) are not compared in
  // the parameter or in RMSProp's momentum of normalized steps.
  const moment = (name: string) => {
    const p = name.startsWith("optim.") ? name.slice(6).replace(/\.momentum_buffer$/, "") : name;
    if (p !== name && !name.endsWith(".momentum_buffer")) return undefined;
    return want[`optim.${p}.exp_avg_sq`] ?? want[`optim.${p}.square_avg`];
  };
  const skip = (name: string) => {
    const v = normalizing ? moment(name) : undefined;
    return v ? (i: number) => Math.abs(v.data[i]) < 1e-14 : undefined;
  };
  const names = step.outputs.map((o) => o.name);
  if (opts.gpu) {
    const got = (await onGpu(step, [inputs], names, opts.gpu))?.[0];
    compare(findings, "step", "webgpu", got, want, tol, skip);
    if (t.gradStep) {
      await guardInto(findings, "grad-step", async () => {
        const gs = specialize(t.gradStep!, env);
        const gi = Object.fromEntries(gs.inputs.map((i) => [i.name, inputs[i.name]]));
        const gw = runReference(gs, gi, { f64: true });
        compare(findings, "grad-step", "webgpu", (await onGpu(gs, [gi], gs.outputs.map((o) => o.name), opts.gpu!))?.[0], gw, tol, skip);
      });
    }
  }
  if ((opts.ort ?? true) && !f.seedInput) {
    await guardInto(findings, "onnx-step", async () => {
      const ex = exportTrainStep(spec, { params });
      if (ex.diagnostics.length) throw new Error(`export --train: ${ex.diagnostics[0].message}`);
      const ortFeeds = Object.fromEntries(ex.graph.inputs.map((i) => [i.name, inputs[i.name]]));
      const out = await runOrt(ex.bytes, ortFeeds);
      const got: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(out)) got[k.endsWith(NEW_SUFFIX) ? k.slice(0, -NEW_SUFFIX.length) : k] = v;
      compare(findings, "onnx-step", "onnxruntime", got, want, tol, skip);
    });
  }
}

async function guardInto(findings: Finding[], stage: string, f: () => Promise<void>) {
  try {
    await f();
  } catch (e) {
    const err = e as Error;
    const at = (err.stack ?? "").split("\n").find((l) => l.includes("/src/"))?.trim() ?? "";
    findings.push({ stage, what: "crash", detail: `${err.message.split("\n")[0]}${at ? ` (${at})` : ""}` });
  }
}

/** Under a kernel budget, a graph needing more new kernels than this is left out (most need fewer). */
const MAX_NEW_KERNELS = 30;

/**
 * The graph's outputs on WebGPU for each input set, one run each in order
 * (the first set holds every input, later ones what changes), or undefined
 * when its new kernels do not fit the budget.
 */
async function onGpu(g: Graph, sets: Record<string, Tensor>[], names: string[], gpu: NonNullable<DiffOptions["gpu"]>): Promise<Record<string, Tensor>[] | undefined> {
  if (gpu.newKernels) {
    const { kernels } = compileProgram(g, {}, targetFor(gpu.handle));
    const fresh = new Set(kernels.filter((k) => !gpu.pipelines.has(k.kernel)).map((k) => k.kernel.wgsl)).size;
    if (fresh > Math.min(gpu.newKernels.left, MAX_NEW_KERNELS)) return undefined;
    gpu.newKernels.left -= fresh;
  }
  gpu.graphsRun = (gpu.graphsRun ?? 0) + 1;
  const exe = await compileForWebGPU(g, gpu.handle, { pipelines: gpu.pipelines });
  try {
    const outs: Record<string, Tensor>[] = [];
    for (const set of sets) {
      const used = Object.fromEntries(g.inputs.filter((i) => i.name in set).map((i) => [i.name, set[i.name]]));
      outs.push(await exe.run(used, { readback: names }));
    }
    return outs;
  } finally {
    exe.destroy();
  }
}

/**
 * Every output of `want` (f64) against `got`: |got - want| <= atol·scale + rtol·|want|,
 * scale the output's largest magnitude (at least 1), so large activations get room.
 */
function compare(
  findings: Finding[],
  stage: string,
  backend: string,
  got: Record<string, Tensor> | undefined,
  want: Record<string, Tensor>,
  tol: (name: string) => [number, number],
  skip: (name: string) => ((i: number) => boolean) | undefined = () => undefined,
) {
  if (!got) return;
  for (const [name, w] of Object.entries(want)) {
    const g = got[name];
    if (!g) {
      findings.push({ stage, what: `${backend}: ${name}`, detail: "missing output" });
      continue;
    }
    if (g.data.length !== w.data.length) {
      findings.push({ stage, what: `${backend}: ${name}`, detail: `${g.data.length} values, want ${w.data.length}` });
      continue;
    }
    const [atol, rtol] = tol(name);
    const skipped = skip(name);
    let scale = 1;
    for (let i = 0; i < w.data.length; i++) scale = Math.max(scale, Math.abs(w.data[i]));
    let worst = -1;
    let worstErr = 0;
    for (let i = 0; i < w.data.length; i++) {
      if (skipped?.(i)) continue;
      const d = Math.abs(g.data[i] - w.data[i]);
      const ok = d <= atol * scale + rtol * Math.abs(w.data[i]);
      const e = Number.isNaN(d) ? Infinity : d;
      if (!ok && (worst < 0 || e > worstErr)) [worst, worstErr] = [i, e];
    }
    if (worst >= 0) {
      findings.push({
        stage,
        what: `${backend}: ${name}`,
        detail: `[${worst}] = ${g.data[worst]}, reference ${w.data[worst]} (|diff| ${worstErr.toPrecision(3)}, ${w.data.length} values)`,
      });
    }
  }
}
