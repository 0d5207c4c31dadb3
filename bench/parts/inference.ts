// Part 2: inference of the same model, exported to ONNX and run by ONNX
// Runtime (CPU), against dlnet's run session on WebGPU (the API `dlnet run`
// uses: a plan per input shape kept warm, weights uploaded once). Latency at
// batch 1 and throughput at batch 256; both include getting the logits back
// to the host (an inference answer is only useful there). The session's first
// run (elaborate, lower, compile, build pipelines, run) is reported apart.

import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { compileProgram } from "../../src/compiler/codegen/wgsl/pipeline";
import { specialize } from "../../src/compiler/ir/graph";
import { BufferManager } from "../../src/runtime/webgpu/buffers";
import { targetFor } from "../../src/runtime/webgpu/executor";
import { PipelineCache } from "../../src/runtime/webgpu/pipelines";
import { CommandList } from "../../src/runtime/webgpu/runner";
import { planDispatches } from "./traffic";
import { makeTensor } from "../../src/compiler/tensor";
import { RunSession } from "../../src/cli/run-session";
import { WebGpuBackend } from "../../src/runtime/webgpu/backend";
import { aloneAgainstOrt, dlnetGpu, loadOrt, log, randomData, replays, round, timeInterleaved, type Options } from "../lib/common";
import { checkExample, dlnetInference, TRAIN_EXAMPLES } from "../lib/models";

export interface InferRow {
  model: string;
  label: string;
  framework: string;
  batch: number;
  /** ms per call (median round). */
  ms?: number;
  /** samples per second. */
  samplesPerS?: number;
  skipped?: string;
}

export interface InferResult {
  rows: InferRow[];
  /** ONNX model sizes (bytes) per model. */
  onnxBytes: Record<string, number>;
  /** dlnet WebGPU ms / ORT ms, per model and batch. */
  ratios: Record<string, Record<string, number | undefined>>;
  /** ms of the session's first run at each batch (plan, compile, pipelines, run), per model. */
  firstRunMs?: Record<string, Record<string, number>>;
  /** Where a warm run's time goes, per model and batch (same alternating rounds as the table). */
  breakdown?: Record<string, Record<string, InferBreakdown>>;
}

/**
 * A warm run taken apart, each part timed in the same alternating rounds:
 * the whole run through the session; its kernels replayed (the plan's
 * command list submitted back to back, the queue drained once a round: GPU
 * time); the transfers alone (the input written with writeBuffer, the
 * output's bytes copied to a staging buffer and mapped: one submission, one
 * map, no kernels); the rest is the host's part (JS in the session and
 * executor, encoding) and what does not overlap.
 */
export interface InferBreakdown {
  runMs: number;
  kernelsMs: number;
  transferMs: number;
  restMs: number;
  dispatches: number;
  /** The kernels, each alone (best rounds), slowest first. */
  kernels: { name: string; ms: number }[];
  /** The same session with the input uploaded through the ring of mapped staging buffers. */
  ringMs: number;
}

const BATCHES = [1, 256];

export async function inferenceBench(opts: Options): Promise<InferResult> {
  const budget = opts.quick ? 1000 : 4000;
  const rows: InferRow[] = [];
  const onnxBytes: Record<string, number> = {};
  const ratios: InferResult["ratios"] = {};
  const firstRunMs: Record<string, Record<string, number>> = {};
  const gpu = await dlnetGpu();
  const { ort, reason } = await loadOrt();
  const breakdown: Record<string, Record<string, InferBreakdown>> = {};
  const pipelines = new PipelineCache(gpu.device);
  const buffers = new BufferManager(gpu.device);
  for (const ex of TRAIN_EXAMPLES) {
    const { spec, check } = checkExample(ex.path);
    const inf = dlnetInference(spec);
    // One session per model, as a long-lived process would keep it: both batch sizes are plans of it.
    const backend = new WebGpuBackend(gpu, false);
    const session = new RunSession(check, spec.model.name, backend, { weights: () => inf.params });
    const ringBackend = new WebGpuBackend(gpu, false, { upload: "ring" });
    const ringSession = new RunSession(check, spec.model.name, ringBackend, { weights: () => inf.params });
    breakdown[ex.id] = {};
    firstRunMs[ex.id] = {};
    const exported = exportOnnx(inf.graph, { params: inf.params, name: spec.model.name });
    const errors = exported.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`${ex.id}: ONNX export failed: ${errors.map((d) => d.message).join("; ")}`);
    onnxBytes[ex.id] = exported.bytes.length;
    const ortSession = ort ? await ort.InferenceSession.create(exported.bytes) : undefined;
    ratios[ex.id] = {};
    for (const batch of BATCHES) {
      const shape = inf.inputShape(batch);
      const n = shape.reduce((p, d) => p * d, 1);
      const data = randomData(n, batch);
      const row = (framework: string, ms?: number, skipped?: string): InferRow => ({
        model: ex.id,
        label: ex.label,
        framework,
        batch,
        ms: ms === undefined ? undefined : round(ms),
        samplesPerS: ms === undefined ? undefined : round((batch * 1000) / ms),
        skipped,
      });
      const reps = batch === 1 ? 20 : 2;

      log(`infer ${ex.id} batch ${batch}`);
      // ORT and dlnet in alternating rounds (see timeInterleaved).
      const contestants: Record<string, (k: number) => Promise<void>> = {};
      if (ortSession) {
        const ortFeeds = { [inf.input]: new ort.Tensor("float32", data, shape) };
        contestants.ort = async (k) => {
          for (let i = 0; i < k; i++) await ortSession.run(ortFeeds);
        };
      }
      const feeds = { [inf.input]: makeTensor("f32", shape, data) };
      const t0 = performance.now();
      const first = await session.run(feeds);
      firstRunMs[ex.id][String(batch)] = round(performance.now() - t0);
      if (!(inf.output in first)) throw new Error(`${ex.id}: the session returned no '${inf.output}'`);
      contestants.dlnet = async (k) => {
        for (let i = 0; i < k; i++) await session.run(feeds);
      };
      // The breakdown's parts: the same graph's kernels (compiled as the session does, for this
      // adapter) replayed, and the run's transfers without kernels.
      await ringSession.run(feeds);
      contestants.ring = async (k) => {
        for (let i = 0; i < k; i++) await ringSession.run(feeds);
      };
      const program = compileProgram(specialize(inf.graph, { [inf.batchDim]: batch }), {}, targetFor(gpu));
      const plan = planDispatches(program, buffers);
      const list = await CommandList.record(gpu.device, pipelines, plan.dispatches);
      contestants.kernels = replays(gpu, list);
      const inBuf = buffers.create(n * 4);
      const outBuf = buffers.create(first[inf.output].data.length * 4);
      contestants.transfer = async (k) => {
        for (let i = 0; i < k; i++) {
          buffers.write(inBuf, data);
          await buffers.read(outBuf, first[inf.output].data.length * 4);
        }
      };
      const names = Object.keys(contestants);
      // Each round as the framework would run alone: after ONNX Runtime's spinning workers
      // have stopped, and after untimed runs that wake each framework's threads.
      const hygiene = aloneAgainstOrt(names, "ort");
      const t = await timeInterleaved(contestants, Object.fromEntries(names.map((k) => [k, reps])), { budgetMs: budget, hygiene });
      rows.push(t.ort ? row("onnxruntime-cpu", t.ort.ms) : row("onnxruntime-cpu", undefined, reason));
      rows.push(row("dlnet-webgpu", t.dlnet.ms));
      ratios[ex.id][String(batch)] = t.ort ? round(t.dlnet.ms / t.ort.ms) : undefined;
      const kernels: InferBreakdown["kernels"] = [];
      for (const d of plan.dispatches) {
        const one = await CommandList.record(gpu.device, pipelines, [d]);
        const k1 = await timeInterleaved(
          { one: replays(gpu, one) },
          { one: reps },
          { budgetMs: opts.quick ? 50 : 200 },
        );
        kernels.push({ name: d.kernel.name, ms: round(k1.one.minMs) });
      }
      breakdown[ex.id][String(batch)] = {
        runMs: round(t.dlnet.ms),
        kernelsMs: round(t.kernels.ms),
        transferMs: round(t.transfer.ms),
        restMs: round(t.dlnet.ms - t.kernels.ms - t.transfer.ms),
        dispatches: plan.dispatches.length,
        kernels: kernels.sort((a, b) => b.ms - a.ms),
        ringMs: round(t.ring.ms),
      };
      for (const b of [...plan.slotBuffers, inBuf, outBuf]) buffers.release(b);
    }
    await ortSession?.release?.();
    backend.dispose();
    ringBackend.dispose();
  }
  buffers.destroyAll();
  return { rows, onnxBytes, ratios, firstRunMs, breakdown };
}
