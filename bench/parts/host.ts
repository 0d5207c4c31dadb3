// Part 7: the host side of a training step. (1) `Executable.run` — a fresh
// batch uploaded, the commands encoded and submitted, at most MAX_IN_FLIGHT
// steps in flight, the loss read back at the end — against the same kernels replayed
// as one recorded command list on the plan's buffers, in alternating rounds:
// what the executor adds to the kernels. (2) 10,000 SimpleNet steps through
// `Executable.run` (the loss read back every 20, as the trainer logs): JS heap
// after a full GC and GPU buffers alive, before and after — a loop that
// allocates per step shows here. (3) Peak GPU buffer bytes of a training
// step, dlnet and tfjs-webgpu on the same model: dlnet's counted by wrapping
// the device's createBuffer/destroy (bench/lib/gpu-memory.ts), tfjs's by
// wrapping its buffer manager's acquire/release (the bytes its tensors use).

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { compileForWebGPU, MAX_IN_FLIGHT } from "../../src/runtime/webgpu/executor";
import { BufferManager } from "../../src/runtime/webgpu/buffers";
import { PipelineCache } from "../../src/runtime/webgpu/pipelines";
import { CommandList } from "../../src/runtime/webgpu/runner";
import { dlnetGpu, loadTf, log, replays, round, tfBackend, timeInterleaved, type Options, type Tf } from "../lib/common";
import { trackBuffers } from "../lib/gpu-memory";
import { checkExample, dlnetTrain, tfTrain, TRAIN_EXAMPLES } from "../lib/models";
import { planDispatches } from "./traffic";
import { BATCH } from "./train-step";

export interface ReplayRow {
  model: string;
  /** ms per step through Executable.run, and replayed (median rounds, alternating). */
  runMs: number;
  replayMs: number;
  /** runMs / replayMs. */
  ratio: number;
  /** ms per step through Executable.run uploading through the ring of mapped staging buffers (upload: "ring"). */
  ringMs?: number;
  steps: number;
}

export interface FlatRun {
  model: string;
  steps: number;
  /** Read back the loss every this many steps. */
  logEvery: number;
  msPerStep: number;
  /** JS heap used after a full GC, before and after the steps. */
  heapBefore: number;
  heapAfter: number;
  /** (heapAfter - heapBefore) / steps. */
  heapBytesPerStep: number;
  /** GPU buffers alive before and after, and createBuffer calls during the steps. */
  buffersBefore: number;
  buffersAfter: number;
  buffersCreated: number;
}

export interface MemoryRow {
  model: string;
  framework: string;
  /** Most GPU buffer bytes alive at once: setup and the measured steps. */
  peakBytes?: number;
  /** Buffers alive after the steps. */
  buffers?: number;
  steps?: number;
  skipped?: string;
}

export interface HostResult {
  batch: number;
  /** Steps `Executable.run` keeps in flight. */
  maxInFlight?: number;
  replay: ReplayRow[];
  flat?: FlatRun;
  memory: MemoryRow[];
  /** dlnet peak bytes / tfjs-webgpu peak bytes, per model. */
  memoryRatios: Record<string, number | undefined>;
}

/** A full garbage collection (V8's gc, exposed at run time). */
function fullGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

export async function hostBench(opts: Options): Promise<HostResult> {
  const gpu = await dlnetGpu();
  const replay: ReplayRow[] = [];
  const memory: MemoryRow[] = [];
  let flat: FlatRun | undefined;
  const { tf, reason } = opts.noPeers ? { tf: undefined, reason: "--no-peers" } : await loadTf();
  for (const ex of TRAIN_EXAMPLES) {
    const { spec } = checkExample(ex.path);
    const t = dlnetTrain(spec, BATCH);
    const cnn = ex.id === "mnist_cnn";
    const steps = cnn ? 3 : 20;

    // dlnet: every buffer the executable makes, counted from compile through the steps.
    log(`host ${ex.id}: dlnet run vs replay`);
    const tracker = trackBuffers(gpu.device);
    const exe = await compileForWebGPU(t.step, gpu);
    let k = 0;
    // The first run, a step without and one with a read-back: every buffer a step needs.
    await exe.run(t.initial, { readback: ["loss"] });
    await exe.run(t.batch(k++));
    await exe.run(t.batch(k++), { readback: ["loss"] });
    tracker.stop();
    const pipelines = new PipelineCache(gpu.device);
    const buffers = new BufferManager(gpu.device);
    const { dispatches } = planDispatches(exe.program, buffers);
    const list = await CommandList.record(gpu.device, pipelines, dispatches);
    // The same loop with the batches uploaded through the ring of mapped staging buffers.
    const ringExe = await compileForWebGPU(t.step, gpu, { pipelines, upload: "ring" });
    await ringExe.run(t.initial, { readback: ["loss"] });
    const times = await timeInterleaved(
      {
        run: async (n) => {
          for (let i = 0; i < n - 1; i++) await exe.run(t.batch(k++));
          await exe.run(t.batch(k++), { readback: ["loss"] });
        },
        ring: async (n) => {
          for (let i = 0; i < n - 1; i++) await ringExe.run(t.batch(k++));
          await ringExe.run(t.batch(k++), { readback: ["loss"] });
        },
        replay: replays(gpu, list),
      },
      { run: steps, ring: steps, replay: steps },
      { budgetMs: opts.quick ? 1500 : 6000, minRounds: cnn ? 4 : 8 },
    );
    buffers.destroyAll();
    ringExe.destroy();
    replay.push({ model: ex.id, runMs: round(times.run.ms), replayMs: round(times.replay.ms), ratio: round(times.run.ms / times.replay.ms), ringMs: round(times.ring.ms), steps: times.run.reps });
    memory.push({ model: ex.id, framework: "dlnet-webgpu", peakBytes: tracker.peakBytes, buffers: tracker.live, steps: 3 });

    if (!cnn) flat = await flatRun(exe, t, opts.quick ? 1000 : 10000);
    exe.destroy();

    // tfjs-webgpu: its device, from before the model's variables to after its steps.
    if (!tf) memory.push({ model: ex.id, framework: "tfjs-webgpu", skipped: reason });
    else if (!(await tfBackend(tf, "webgpu"))) memory.push({ model: ex.id, framework: "tfjs-webgpu", skipped: "tfjs backend 'webgpu' did not start" });
    else memory.push(await tfMemory(tf, ex.id, steps));
  }
  const memoryRatios: HostResult["memoryRatios"] = {};
  for (const ex of TRAIN_EXAMPLES) {
    const d = memory.find((r) => r.model === ex.id && r.framework === "dlnet-webgpu")?.peakBytes;
    const p = memory.find((r) => r.model === ex.id && r.framework === "tfjs-webgpu")?.peakBytes;
    memoryRatios[ex.id] = d !== undefined && p !== undefined ? round(d / p) : undefined;
  }
  return { batch: BATCH, maxInFlight: MAX_IN_FLIGHT, replay, flat, memory, memoryRatios };
}

/** Many steps through Executable.run: heap and GPU buffers before and after. */
async function flatRun(
  exe: Awaited<ReturnType<typeof compileForWebGPU>>,
  t: ReturnType<typeof dlnetTrain>,
  steps: number,
): Promise<FlatRun> {
  const logEvery = 20;
  log(`host: ${steps} steps, heap and buffers`);
  const gc = fullGc();
  const tracker = trackBuffers((await dlnetGpu()).device);
  const buffersBefore = exe.gpuBuffers.count;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let k = 1; k <= steps; k++) await exe.run(t.batch(k), { readback: k % logEvery === 0 ? ["loss"] : [] });
  const msPerStep = (performance.now() - t0) / steps;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  tracker.stop();
  return {
    model: "mnist_mlp",
    steps,
    logEvery,
    msPerStep: round(msPerStep),
    heapBefore,
    heapAfter,
    heapBytesPerStep: round((heapAfter - heapBefore) / steps),
    buffersBefore,
    buffersAfter: exe.gpuBuffers.count,
    buffersCreated: tracker.created,
  };
}

/**
 * tfjs-webgpu's bytes in use: its buffer manager's acquire and release,
 * counted from before the model's variables to after its steps. (Its pool also
 * keeps released buffers for reuse, which this does not count: the figure is
 * a lower bound on what tfjs holds.)
 */
async function tfMemory(tf: Tf, id: string, steps: number): Promise<MemoryRow> {
  log(`host ${id}: tfjs-webgpu memory`);
  const bm = tf.backend().bufferManager;
  if (typeof bm?.acquireBuffer !== "function" || typeof bm?.releaseBuffer !== "function") {
    return { model: id, framework: "tfjs-webgpu", skipped: "tfjs-webgpu has no buffer manager to count" };
  }
  const { acquireBuffer, releaseBuffer } = bm;
  let used = 0;
  let peak = 0;
  let live = 0;
  // Sizes from the buffers themselves: the methods' other arguments differ between tfjs versions.
  bm.acquireBuffer = function (...args: unknown[]) {
    const b = acquireBuffer.apply(this, args) as GPUBuffer;
    used += b.size;
    live++;
    peak = Math.max(peak, used);
    return b;
  };
  bm.releaseBuffer = function (buffer: GPUBuffer, ...rest: unknown[]) {
    used -= buffer.size;
    live--;
    return releaseBuffer.call(this, buffer, ...rest);
  };
  try {
    const m = tfTrain(tf, id, BATCH);
    for (let j = 0; j < steps; j++) m.step(j);
    await m.sync();
    const row: MemoryRow = { model: id, framework: "tfjs-webgpu", peakBytes: peak, buffers: live, steps };
    m.dispose();
    return row;
  } finally {
    bm.acquireBuffer = acquireBuffer;
    bm.releaseBuffer = releaseBuffer;
  }
}
