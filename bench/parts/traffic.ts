// Part 5: what one training step asks of the device, and what the device
// gives. Per training step (batch 64): kernels dispatched, bytes the kernels
// read and write (each kernel's bound inputs and outputs once — compulsory
// traffic), FLOPs of the matmul/conv kernels, buffer footprint; then each
// kernel timed alone (its own command list, many submissions) so the sum of
// kernel times can be set against the whole step. Adapter probes: an empty
// dispatch, a submission round trip, a copy kernel's bandwidth and an
// FMA-only kernel's arithmetic peak — the ceilings the step runs under.

import { FLAG_WORDS } from "../../src/compiler/codegen/wgsl/index-flag";
import { bindsFlag } from "../../src/compiler/codegen/wgsl/kernel";
import type { Kernel } from "../../src/compiler/codegen/wgsl/kernel";
import { bytesOf } from "../../src/compiler/codegen/wgsl/memory-plan";
import { compileProgram, isLoop, type WebGpuProgram } from "../../src/compiler/codegen/wgsl/pipeline";
import type { KernelGroup } from "../../src/compiler/codegen/wgsl/fusion";
import type { GroupKernel } from "../../src/compiler/codegen/wgsl/group-kernels";
import { BufferManager } from "../../src/runtime/webgpu/buffers";
import { strategyFor } from "../../src/runtime/webgpu/executor";
import { PipelineCache } from "../../src/runtime/webgpu/pipelines";
import { CommandList, type Dispatch } from "../../src/runtime/webgpu/runner";
import type { GpuHandle } from "../../src/runtime/webgpu/device";
import { dlnetGpu, log, replays, round, timeRounds, type Options } from "../lib/common";
import { checkExample, dlnetTrain, TRAIN_EXAMPLES } from "../lib/models";
import { BATCH } from "./train-step";

export interface KernelProfile {
  name: string;
  kind: string;
  bytes: number;
  flops: number;
  /** ms per run of this kernel alone (one dispatch per submission, pipelined). */
  ms: number;
}

export interface StepTraffic {
  model: string;
  dispatches: number;
  bytesMoved: number;
  flops: number;
  transientBytes: number;
  persistentBytes: number;
  copies: number;
  /** Sum of the kernels' lone times. */
  kernelSumMs: number;
  /** The whole step, one submission (same buffers). */
  stepMs: number;
  kernels: KernelProfile[];
}

export interface AdapterProbes {
  /** µs per extra dispatch of a one-invocation kernel inside one compute pass. */
  emptyDispatchUs: number;
  /** ms for submit + onSubmittedWorkDone of one empty dispatch. */
  submitRoundTripMs: number;
  /** ms to read 64 bytes back to the host (copy to a mappable buffer, mapAsync). */
  readbackMs: number;
  /** GB/s of a 64 MiB → 64 MiB copy kernel (read + write counted). */
  copyGBs: number;
  /** GFLOP/s of an FMA-only kernel (no memory traffic). */
  fmaGflops: number;
}

export interface TrafficResult {
  batch: number;
  steps: StepTraffic[];
  probes: AdapterProbes;
}

/** Times `list` submitted `k` times then drained; ms per submission. */
async function timeList(gpu: GpuHandle, list: CommandList, budgetMs: number): Promise<number> {
  const t0 = performance.now();
  list.submit();
  await gpu.device.queue.onSubmittedWorkDone();
  const once = performance.now() - t0;
  const n = Math.max(1, Math.min(100, Math.round(40 / Math.max(once, 0.01))));
  const t = await timeRounds(replays(gpu, list), { n, budgetMs, minRounds: 3, warmup: 1 },
  );
  // Best round: these are ceilings and per-kernel costs, which other processes only inflate.
  return t.minMs;
}

function kernel(name: string, wgsl: string, bindings: number, workgroups: [number, number, number]): Kernel {
  return {
    name,
    wgsl,
    bindings: Array.from({ length: bindings }, (_, i) => ({ name: `b${i}`, type: "f32" as const, access: i === bindings - 1 ? ("read_write" as const) : ("read" as const) })),
    workgroups,
  };
}

async function probes(gpu: GpuHandle, pipelines: PipelineCache, buffers: BufferManager, quick: boolean): Promise<AdapterProbes> {
  const budget = quick ? 300 : 1500;
  const out = buffers.create(1 << 16);
  const empty = kernel(
    "empty",
    "@group(0) @binding(0) var<storage, read_write> o: array<f32>;\n@compute @workgroup_size(1) fn main() { o[0] = 1.0; }",
    1,
    [1, 1, 1],
  );
  const one = await CommandList.record(gpu.device, pipelines, [{ kernel: empty, buffers: [out] }]);
  const many = await CommandList.record(gpu.device, pipelines, Array.from({ length: 1000 }, () => ({ kernel: empty, buffers: [out] })));
  const oneT = await timeRounds(
    async (k) => {
      for (let i = 0; i < k; i++) {
        one.submit();
        await gpu.device.queue.onSubmittedWorkDone();
      }
    },
    { n: 20, budgetMs: budget },
  );
  const manyMs = await timeList(gpu, many, budget);
  const readT = await timeRounds(
    async (k) => {
      for (let i = 0; i < k; i++) await buffers.read(out, 64);
    },
    { n: 20, budgetMs: budget },
  );

  const words = 1 << 24; // 64 MiB of f32
  const src = buffers.create(words * 4);
  const dst = buffers.create(words * 4);
  const copy = kernel(
    "copy",
    `@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> o: array<vec4<f32>>;
@compute @workgroup_size(256) fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x + g.y * 65535u * 256u;
  if (i < ${words / 4}u) { o[i] = a[i]; }
}`,
    2,
    [Math.min(65535, words / 4 / 256), Math.ceil(words / 4 / 256 / 65535), 1],
  );
  const copyList = await CommandList.record(gpu.device, pipelines, [{ kernel: copy, buffers: [src, dst] }]);
  const copyMs = await timeList(gpu, copyList, budget);

  // 12 independent scalar FMA chains per invocation, the loop unrolled 8
  // times, 256-invocation workgroups: the fastest of the shapes tried on
  // lavapipe (Intel Xeon, 8 lanes: 126 GFLOP/s, against 98-113 with 4 vec4,
  // 16 or 20 chains and 77 with 8 vec4 chains, whose 32 accumulators per
  // lane spill). lavapipe has no fused multiply-add (it lowers fma to a
  // multiply and an add), so this is about the CPU's peak at that.
  const iters = 8192;
  const groups = 64;
  const chains = 12;
  const unroll = 8;
  const decl = Array.from({ length: chains }, (_, i) => `var a${i} = f32(g.x) * 1e-9 + ${i}.0;`).join("\n  ");
  const body = Array.from({ length: unroll }, () => Array.from({ length: chains }, (_, i) => `a${i} = fma(a${i}, m, s);`).join(" ")).join("\n    ");
  const fma = kernel(
    "fma",
    `@group(0) @binding(0) var<storage, read_write> o: array<f32>;
@compute @workgroup_size(256) fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let m = 0.999999f; let s = 1e-7f;
  ${decl}
  for (var i = 0u; i < ${iters / unroll}u; i++) {
    ${body}
  }
  o[g.x] = ${Array.from({ length: chains }, (_, i) => `a${i}`).join(" + ")};
}`,
    1,
    [groups, 1, 1],
  );
  const fmaList = await CommandList.record(gpu.device, pipelines, [{ kernel: fma, buffers: [buffers.create(groups * 256 * 4)] }]);
  const fmaMs = await timeList(gpu, fmaList, budget * 2);
  const fmaFlops = groups * 256 * iters * chains * 2;
  return {
    emptyDispatchUs: round(((manyMs - oneT.minMs) / 999) * 1000),
    submitRoundTripMs: round(oneT.minMs),
    readbackMs: round(readT.minMs),
    copyGBs: round((2 * words * 4) / copyMs / 1e6),
    fmaGflops: round(fmaFlops / fmaMs / 1e6),
  };
}

/**
 * The kernels of a warm run of a program (its steps but the refresh kernels,
 * which run once per parameter write), bound to fresh buffers of its memory
 * plan (contents do not change kernel time: no data-dependent branches): the
 * step's kernels without the executor around them, to replay as one command
 * list. `kernels` and `groups` are what each dispatch runs.
 */
export function planDispatches(
  program: WebGpuProgram,
  buffers: BufferManager,
): { dispatches: Dispatch[]; kernels: GroupKernel[]; groups: KernelGroup[]; slotBuffers: GPUBuffer[] } {
  const mem = program.memory;
  const slotBuffers = mem.slots.map((s) => buffers.create(Math.max(4, s.bytes)));
  // (kernels that check computed indices bind the index flag last)
  const flag = buffers.create(4 * FLAG_WORDS);
  const perRun = [...program.steps.entries()].filter(([i, s]) => !isLoop(s) && !program.refresh.has(i)) as [number, GroupKernel][];
  const kernels = perRun.map(([, k]) => k);
  const groups = perRun.map(([i]) => program.plan.groups[i]);
  const dispatches = kernels.map((k) => ({
    kernel: k.kernel,
    buffers: [
      ...[...k.reads, ...k.writes].map((n) => slotBuffers[mem.slotOf.get(n)!]),
      ...(k.kernel.params ? [buffers.uniform(k.kernel.params)] : []),
      ...(bindsFlag(k.kernel) ? [flag] : []),
    ],
  }));
  return { dispatches, kernels, groups, slotBuffers };
}

export async function trafficBench(opts: Options): Promise<TrafficResult> {
  const gpu = await dlnetGpu();
  const pipelines = new PipelineCache(gpu.device);
  const buffers = new BufferManager(gpu.device);
  const steps: StepTraffic[] = [];
  const target = {
    maxStorageBuffers: gpu.limits.maxStorageBuffersPerShaderStage,
    maxWorkgroupsPerDimension: gpu.limits.maxComputeWorkgroupsPerDimension,
    strategy: strategyFor(gpu),
  };
  for (const ex of TRAIN_EXAMPLES) {
    log(`traffic ${ex.id}`);
    const { spec } = checkExample(ex.path);
    const t = dlnetTrain(spec, BATCH);
    const program = compileProgram(t.step, {}, target);
    const mem = program.memory;
    const { dispatches, kernels: stepKernels, groups, slotBuffers } = planDispatches(program, buffers);
    const whole = await CommandList.record(gpu.device, pipelines, dispatches);
    const stepMs = await timeList(gpu, whole, opts.quick ? 500 : 2000);
    const kernels: KernelProfile[] = [];
    for (const [i, d] of dispatches.entries()) {
      const k = stepKernels[i];
      const list = await CommandList.record(gpu.device, pipelines, [d]);
      const ms = await timeList(gpu, list, opts.quick ? 50 : 150);
      kernels.push({
        name: k.kernel.name,
        kind: groups[i].kind,
        bytes: [...k.reads, ...k.writes].reduce((s, n) => s + bytesOf(n), 0),
        flops: k.kernel.flops ?? 0,
        ms: round(ms),
      });
    }
    for (const b of slotBuffers) buffers.release(b);
    steps.push({
      model: ex.id,
      dispatches: dispatches.length,
      bytesMoved: kernels.reduce((s, k) => s + k.bytes, 0),
      flops: kernels.reduce((s, k) => s + k.flops, 0),
      transientBytes: mem.transientBytes,
      persistentBytes: mem.persistentBytes,
      copies: mem.copies.length,
      kernelSumMs: round(kernels.reduce((s, k) => s + k.ms, 0)),
      stepMs: round(stepMs),
      kernels,
    });
  }
  log("traffic: adapter probes");
  const p = await probes(gpu, pipelines, buffers, opts.quick);
  buffers.destroyAll();
  return { batch: BATCH, steps, probes: p };
}
