// Forward-convolution throughput of each kernel variant on this machine's
// WebGPU adapter, interleaved in one process (not a test: run with
// `node bin/run-ts.js test/runtime/webgpu/conv-bench.ts [rounds]`; CONV_CASE=i
// for one shape, BLOCKS=32x8,64x8 for those broadcast blocks). Variants: the kernel `cpu` picks, and the same with x read
// by scalars (scalarX).
// Shapes: the bench's conv cases (bench/parts/kernels.ts). Prints the best
// round's GFLOP/s per CPU second of each (process CPU time, lavapipe's
// threads included), the first dispatch's CPU time (includes the cold
// compile) and the largest difference from the first variant's output.

import {
  conv2dKernel,
  convOutputSize,
  type Conv2dShape,
  type Conv2dSpec,
} from "../../../src/compiler/codegen/wgsl/conv";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { BufferManager } from "../../../src/runtime/webgpu/buffers";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { CommandList } from "../../../src/runtime/webgpu/runner";
import { randomArray } from "./gpu";

/** CPU time of this process (lavapipe's threads included): steadier than wall time on a shared machine. */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const rounds = Number(process.argv[2] ?? 5);
const only = process.env.CONV_CASE;
const h = await acquireDevice();
if ("error" in h) throw new Error(h.error);
const buffers = new BufferManager(h.device);
const pipelines = new PipelineCache(h.device);
const base = {
  stride: [1, 1] as [number, number],
  dilation: [1, 1] as [number, number],
  groups: 1,
};
const shapes: Conv2dShape[] = [
  [64, 1, 28, 28, 16],
  [64, 16, 14, 14, 16],
  [64, 16, 14, 14, 32],
  [8, 64, 56, 56, 64],
].map(([N, C, H, W, O]) => ({
  ...base,
  N,
  C,
  H,
  W,
  O,
  KH: 3,
  KW: 3,
  padding: [1, 1] as [number, number],
}));

for (const [ci, s] of shapes.entries()) {
  if (only !== undefined && Number(only) !== ci) continue;
  const [OH, OW] = convOutputSize(s);
  const flops = 2 * s.N * s.O * OH * OW * s.C * s.KH * s.KW;
  const x = buffers.fromArray(randomArray(s.N * s.C * s.H * s.W, 1));
  const w = buffers.fromArray(randomArray(s.O * s.C * s.KH * s.KW, 2));
  const reps = Math.max(1, Math.round(2e8 / flops));
  const strips = (process.env.STRIPS ?? "").split(",").filter(Boolean).map((b) => b.split("x").map(Number));
  const specs: Conv2dSpec[] = [
    { ...s, strategy: "cpu", strip: false, scalarX: true },
    { ...s, strategy: "cpu", strip: false },
    { ...s, strategy: "cpu" },
    ...strips.map(([R, P]) => ({ ...s, strategy: "cpu" as const, strip: { R, P } })),
  ];
  const runs = [];
  const blocks = (process.env.BLOCKS ?? "").split(",").map((b) => b.split("x").map(Number));
  for (const [spec, [RM, RN]] of specs.flatMap((sp) => blocks.map((bl) => [sp, bl] as const))) {
    const kernel = conv2dKernel(RM ? { ...spec, broadcastBlock: { RM, RN } } : spec);
    if (process.env.NO_STORE) {
      // Experiment: skip the stores (a branch instead), keeping the arithmetic.
      const sig = "fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {";
      kernel.wgsl = kernel.wgsl.replace(sig, `${sig}\n  if (acc != 1234.5) { return; }`);
      kernel.name += "_nostore";
    }
    const y = buffers.create(s.N * s.O * OH * OW * 4);
    const list = await CommandList.record(h.device, pipelines, [{ kernel, buffers: [x, w, y] }]);
    const t = cpuMs();
    list.submit();
    await h.device.queue.onSubmittedWorkDone();
    runs.push({ kernel, list, y, first: cpuMs() - t, best: Infinity });
  }
  for (let r = 0; r < rounds; r++)
    for (const run of runs) {
      const t = cpuMs();
      for (let i = 0; i < reps; i++) run.list.submit();
      await h.device.queue.onSubmittedWorkDone();
      run.best = Math.min(run.best, (cpuMs() - t) / reps);
    }
  const outs = await buffers.readMany(runs.map((r) => ({ buffer: r.y, bytes: s.N * s.O * OH * OW * 4 })));
  const ref = new Float32Array(outs[0]);
  console.log(`conv ${s.N}x${s.C}x${s.H}x${s.W} -> ${s.O} (${(flops / 1e6).toFixed(1)} MFLOP)`);
  runs.forEach((run, i) => {
    const y = new Float32Array(outs[i]);
    let d = 0;
    for (let j = 0; j < y.length; j++) d = Math.max(d, Math.abs(y[j] - ref[j]));
    console.log(
      `  ${run.kernel.name.padEnd(28)} ${(flops / run.best / 1e6).toFixed(2).padStart(7)} GFLOP/s  ${run.best.toFixed(2)} ms  first ${run.first.toFixed(0)} ms  max|d| ${d.toExponential(1)}`,
    );
  });
}
h.release();
