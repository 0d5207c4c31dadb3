// Part 1: training-step time at batch 64, steady state. Every framework gets
// a fresh batch per step (what a training loop uploads) and is timed over N
// steps with one synchronization at the end: dlnet WebGPU waits for the queue
// (the loss stays on the GPU), tfjs reads the last loss back.

import { compileForWebGPU } from "../../src/runtime/webgpu/executor";
import { runReference } from "../../src/runtime/reference/interpreter";
import type { Tensor } from "../../src/compiler/tensor";
import { dlnetGpu, loadTf, log, round, tfBackend, timeInterleaved, timeRounds, type Options } from "../lib/common";
import { checkExample, dlnetTrain, tfTrain, TRAIN_EXAMPLES } from "../lib/models";

export const BATCH = 64;

export interface TrainRow {
  model: string;
  label: string;
  framework: string;
  /** ms per training step (median round), or undefined when skipped. */
  ms?: number;
  minMs?: number;
  steps?: number;
  skipped?: string;
}

export interface TrainResult {
  batch: number;
  rows: TrainRow[];
  /** dlnet WebGPU ms / tfjs-webgpu ms per model. */
  ratios: Record<string, number | undefined>;
  /** Kernels per step as each framework dispatches them. */
  kernelsPerStep: Record<string, Record<string, number>>;
  /** First dlnet WebGPU step (pipeline creation included) and compile. */
  dlnetSetupMs: Record<string, { compileMs: number; firstStepMs: number }>;
}

export async function trainStepBench(opts: Options): Promise<TrainResult> {
  const budget = opts.quick ? 1500 : 6000;
  const rows: TrainRow[] = [];
  const kernelsPerStep: TrainResult["kernelsPerStep"] = {};
  const dlnetSetupMs: TrainResult["dlnetSetupMs"] = {};
  const gpu = await dlnetGpu();
  for (const ex of TRAIN_EXAMPLES) {
    const { spec } = checkExample(ex.path);
    const t = dlnetTrain(spec, BATCH);
    kernelsPerStep[ex.id] = {};

    // dlnet WebGPU
    log(`train ${ex.id}: dlnet webgpu`);
    let t0 = performance.now();
    const exe = await compileForWebGPU(t.step, gpu);
    const compileMs = performance.now() - t0;
    t0 = performance.now();
    await exe.run(t.initial, { readback: ["loss"] });
    dlnetSetupMs[ex.id] = { compileMs: round(compileMs), firstStepMs: round(performance.now() - t0) };
    kernelsPerStep[ex.id]["dlnet-webgpu"] = exe.dispatchCount;
    let k = 1;
    const loss = await exe.run(t.batch(k++), { readback: ["loss"] });
    if (!Number.isFinite(loss.loss.data[0])) throw new Error(`${ex.id}: dlnet loss is ${loss.loss.data[0]}`);
    const cnn = ex.id === "mnist_cnn";
    const n = cnn ? 3 : 20;
    const contestants: Record<string, (reps: number) => Promise<void>> = {
      "dlnet-webgpu": async (reps) => {
        for (let i = 0; i < reps - 1; i++) await exe.run(t.batch(k++));
        // One readback at the end: the loss of the last step.
        await exe.run(t.batch(k++), { readback: ["loss"] });
      },
    };
    // tfjs-webgpu in alternating rounds with dlnet (see timeInterleaved): the
    // target is their ratio, which load changes on a shared machine must not skew.
    const { tf, reason } = opts.noPeers ? { tf: undefined, reason: "--no-peers" } : await loadTf();
    let tfWebgpu: ReturnType<typeof tfTrain> | undefined;
    let tfSkip = reason;
    if (tf && (await tfBackend(tf, "webgpu"))) {
      tfWebgpu = tfTrain(tf, ex.id, BATCH);
      let j = 0;
      contestants["tfjs-webgpu"] = async (reps) => {
        for (let i = 0; i < reps; i++) tfWebgpu!.step(j++);
        await tfWebgpu!.sync();
      };
    } else if (tf) tfSkip = "tfjs backend 'webgpu' did not start";
    log(`train ${ex.id}: ${Object.keys(contestants).join(" vs ")}`);
    const times = await timeInterleaved(
      contestants,
      Object.fromEntries(Object.keys(contestants).map((c) => [c, n])),
      // SimpleNet's rounds are short and noisy on a shared machine: more of them.
      { budgetMs: budget, minRounds: cnn ? 4 : 6 },
    );
    for (const [framework, g] of Object.entries(times)) {
      rows.push({ model: ex.id, label: ex.label, framework, ms: round(g.ms), minMs: round(g.minMs), steps: g.reps });
    }
    if (tfWebgpu) {
      kernelsPerStep[ex.id].tfjs = await tfWebgpu.kernelsPerStep();
      tfWebgpu.dispose();
    } else if (!opts.noPeers) rows.push({ model: ex.id, label: ex.label, framework: "tfjs-webgpu", skipped: tfSkip });
    exe.destroy();

    // dlnet CPU reference interpreter, for context (a few steps).
    log(`train ${ex.id}: dlnet cpu reference`);
    {
      const state: Record<string, Tensor> = { ...t.initial };
      const c = await timeRounds(
        async (reps) => {
          for (let i = 0; i < reps; i++) {
            const out = runReference(t.step, { ...state, ...t.batch(k++) });
            for (const name of Object.keys(state)) if (name in out) state[name] = out[name];
          }
        },
        // The CNN takes seconds a step here: one untimed and one timed step.
        { n: 1, budgetMs: opts.quick ? 500 : 3000, minRounds: cnn ? 1 : 2, warmup: 1 },
      );
      rows.push({ model: ex.id, label: ex.label, framework: "dlnet-cpu-ref", ms: round(c.ms), minMs: round(c.minMs), steps: c.reps });
    }

    if (opts.noPeers) continue;
    const framework = "tfjs-cpu";
    if (!tf) rows.push({ model: ex.id, label: ex.label, framework, skipped: reason });
    else if (!(await tfBackend(tf, "cpu"))) rows.push({ model: ex.id, label: ex.label, framework, skipped: "tfjs backend 'cpu' did not start" });
    else {
      log(`train ${ex.id}: ${framework}`);
      const m = tfTrain(tf, ex.id, BATCH);
      let j = 0;
      const r = await timeRounds(
        async (reps) => {
          for (let i = 0; i < reps; i++) m.step(j++);
          await m.sync();
        },
        // tfjs-cpu's CNN step takes most of a minute: one step, no warm-up (a
        // CPU backend has no pipelines to build; its first step is no slower).
        { n: cnn ? 1 : 2, budgetMs: cnn ? 0 : budget / 2, minRounds: cnn ? 1 : 2, warmup: cnn ? 0 : 1 },
      );
      m.dispose();
      rows.push({ model: ex.id, label: ex.label, framework, ms: round(r.ms), minMs: round(r.minMs), steps: r.reps });
    }
  }
  const ratios: TrainResult["ratios"] = {};
  for (const ex of TRAIN_EXAMPLES) {
    const d = rows.find((r) => r.model === ex.id && r.framework === "dlnet-webgpu")?.ms;
    const p = rows.find((r) => r.model === ex.id && r.framework === "tfjs-webgpu")?.ms;
    ratios[ex.id] = d !== undefined && p !== undefined ? round(d / p) : undefined;
  }
  return { batch: BATCH, rows, ratios, kernelsPerStep, dlnetSetupMs };
}
