// Per-kernel breakdown of the inference (eval) plan of the bench models (not
// part of `npm run bench`; a tool for finding where an inference goes):
//   node bin/run-ts.js bench/infer-kernels.ts [--batch=256] [--model=mnist_cnn] [--ms=300] [--wgsl=INDEX]
// Compiles each model's eval graph at the batch for this adapter (as the run
// session does), then times the whole plan replayed (one submission per
// round) and every dispatch alone, best round of interleaved rounds and the
// median round's process CPU time (lavapipe's threads included: the steadier
// figure on a shared machine); prints
// name, workgroup grid, MFLOP and GFLOP/s per kernel and their sum.

import { compileProgram } from "../src/compiler/codegen/wgsl/pipeline";
import { specialize } from "../src/compiler/ir/graph";
import { BufferManager } from "../src/runtime/webgpu/buffers";
import { targetFor } from "../src/runtime/webgpu/executor";
import { PipelineCache } from "../src/runtime/webgpu/pipelines";
import { CommandList } from "../src/runtime/webgpu/runner";
import { planDispatches } from "./parts/traffic";
import { dlnetGpu, timeInterleaved } from "./lib/common";
import { checkExample, dlnetInference, TRAIN_EXAMPLES } from "./lib/models";

const opt = (name: string, d: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d;
const batch = Number(opt("batch", "256"));
const only = opt("model", "");
const budgetMs = Number(opt("ms", "300"));
const wgsl = opt("wgsl", "");

const gpu = await dlnetGpu();
const pipelines = new PipelineCache(gpu.device);
const buffers = new BufferManager(gpu.device);
for (const ex of TRAIN_EXAMPLES) {
  if (only && ex.id !== only) continue;
  const inf = dlnetInference(checkExample(ex.path).spec);
  const program = compileProgram(specialize(inf.graph, { [inf.batchDim]: batch }), {}, targetFor(gpu));
  const plan = planDispatches(program, buffers);
  const whole = await CommandList.record(gpu.device, pipelines, plan.dispatches);
  const singles = await Promise.all(plan.dispatches.map((d) => CommandList.record(gpu.device, pipelines, [d])));
  const cpu: Record<string, number[]> = {};
  const round = (name: string, list: CommandList) => async (k: number) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < k; i++) list.submit();
    await gpu.device.queue.onSubmittedWorkDone();
    const c = process.cpuUsage(c0);
    (cpu[name] ??= []).push((c.user + c.system) / 1000 / k);
  };
  const medCpu = (name: string) => [...cpu[name]].sort((a, b) => a - b)[cpu[name].length >> 1];
  const contestants: Record<string, (k: number) => Promise<void>> = { whole: round("whole", whole) };
  singles.forEach((l, i) => (contestants[String(i)] = round(String(i), l)));
  const reps = Object.fromEntries(Object.keys(contestants).map((k) => [k, 2]));
  const t = await timeInterleaved(contestants, reps, { budgetMs: budgetMs * singles.length });
  const refresh = program.refresh.size ? ` (and ${program.refresh.size} refresh kernels, run once per weight upload: ${[...program.refresh].map((i) => program.steps[i]).map((k) => ("kernel" in k ? k.kernel.name : "loop")).join(", ")})` : "";
  console.log(`${ex.id} batch ${batch}: ${plan.dispatches.length} dispatches${refresh}, whole plan best ${t.whole.minMs.toFixed(2)} ms (median ${t.whole.ms.toFixed(2)}, CPU ${medCpu("whole").toFixed(2)} ms)`);
  let sum = 0;
  plan.dispatches.forEach((d, i) => {
    const k = d.kernel;
    const ms = t[String(i)].minMs;
    sum += ms;
    const mf = (k.flops ?? 0) / 1e6;
    console.log(
      `  ${String(i).padStart(2)} ${k.name.padEnd(34)} wg=${k.workgroups.join("x").padEnd(10)} ${mf ? `${mf.toFixed(1).padStart(7)} MFLOP ${(mf / ms).toFixed(1).padStart(5)} GFLOP/s` : "".padEnd(27)} ${ms.toFixed(3)} ms (CPU ${medCpu(String(i)).toFixed(3)} ms)`,
    );
    if (wgsl === String(i)) console.log(k.wgsl);
  });
  console.log(`  sum of kernels alone ${sum.toFixed(2)} ms`);
  for (const b of plan.slotBuffers) buffers.release(b);
}
buffers.destroyAll();
process.exit(0);
