// Per-kernel breakdown of the inference (eval) plan of the bench models (not
// part of `npm run bench`; a tool for finding where an inference goes):
//   node bin/run-ts.js bench/infer-kernels.ts [--batch=256] [--model=mnist_cnn] [--ms=300] [--wgsl=INDEX]
// Compiles each model's eval graph at the batch for this adapter (as the run
// session does), then times the whole plan replayed (one submission per
// round) and every dispatch alone, best round of interleaved rounds and the
// median round's process CPU time (lavapipe's threads included: the steadier
// figure on a shared machine); prints
// name, workgroup grid, MFLOP and GFLOP/s per kernel and their sum.
//
// A/B of one kernel against hand-edited WGSL:
//   node bin/run-ts.js bench/infer-kernels.ts --model=mnist_cnn --index=3 --dump=k3.wgsl
//   (edit a copy of k3.wgsl)   ... --index=3 k3.wgsl k3-edited.wgsl [--ms=2000]
// `--dump` writes dispatch INDEX's WGSL with its grid as the first line
// (`// wg X Y Z`, which a variant may change); each file then runs in its
// place, on the same buffers (filled with fixed values), and is compared with
// the generated kernel's output and timed against it.
//
// Rounds wait as the executor does (QueueClock: the main thread sleeps through
// most of the expected time). Waiting on onSubmittedWorkDone alone keeps the
// main thread polling the device, on one of lavapipe's two cores: the CNN's
// batch-256 plan then took 49 ms instead of 27.

import { readFileSync, writeFileSync } from "node:fs";
import { compileProgram } from "../src/compiler/codegen/wgsl/pipeline";
import { specialize } from "../src/compiler/ir/graph";
import { BufferManager } from "../src/runtime/webgpu/buffers";
import { targetFor } from "../src/runtime/webgpu/executor";
import { PipelineCache } from "../src/runtime/webgpu/pipelines";
import { CommandList } from "../src/runtime/webgpu/runner";
import { planDispatches } from "./parts/traffic";
import { dlnetGpu, replays, timeInterleaved } from "./lib/common";
import { checkExample, dlnetInference, TRAIN_EXAMPLES } from "./lib/models";

const opt = (name: string, d: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d;
const batch = Number(opt("batch", "256"));
const only = opt("model", "");
const budgetMs = Number(opt("ms", "300"));
const wgsl = opt("wgsl", "");
const index = opt("index", "");
const dump = opt("dump", "");
const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (index && !only) throw new Error("--index needs --model");

const gpu = await dlnetGpu();
const pipelines = new PipelineCache(gpu.device);
const buffers = new BufferManager(gpu.device);
const cpu: Record<string, number[]> = {};
/** A contestant replaying `list`: process CPU ms per unit into cpu[name]. */
const round = (name: string, list: CommandList) => {
  const replay = replays(gpu, list);
  return async (k: number) => {
    const c0 = process.cpuUsage();
    await replay(k);
    const c = process.cpuUsage(c0);
    (cpu[name] ??= []).push((c.user + c.system) / 1000 / k);
  };
};
const medCpu = (name: string) => [...cpu[name]].sort((a, b) => a - b)[cpu[name].length >> 1];

for (const ex of TRAIN_EXAMPLES) {
  if (only && ex.id !== only) continue;
  const inf = dlnetInference(checkExample(ex.path).spec);
  const program = compileProgram(specialize(inf.graph, { [inf.batchDim]: batch }), {}, targetFor(gpu));
  const plan = planDispatches(program, buffers);
  // (fixed values, not zeros: a variant's output is compared with the generated kernel's)
  for (const buf of plan.slotBuffers)
    gpu.device.queue.writeBuffer(buf, 0, Float32Array.from({ length: buf.size / 4 }, (_, i) => Math.sin(i * 12.9898) * 0.5));
  if (index) {
    await variants(plan.dispatches[Number(index)]);
    break;
  }
  const whole = await CommandList.record(gpu.device, pipelines, plan.dispatches);
  const singles = await Promise.all(plan.dispatches.map((d) => CommandList.record(gpu.device, pipelines, [d])));
  const contestants: Record<string, (k: number) => Promise<void>> = { whole: round("whole", whole) };
  singles.forEach((l, i) => (contestants[String(i)] = round(String(i), l)));
  const reps = Object.fromEntries(Object.keys(contestants).map((k) => [k, 2]));
  const t = await timeInterleaved(contestants, reps, { budgetMs: budgetMs * singles.length });
  const refresh = program.refresh.size
    ? ` (and ${program.refresh.size} refresh kernels, run once per weight upload: ${[...program.refresh]
        .map((i) => program.steps[i])
        .map((k) => ("kernel" in k ? k.kernel.name : "loop"))
        .join(", ")})`
    : "";
  console.log(
    `${ex.id} batch ${batch}: ${plan.dispatches.length} dispatches${refresh}, whole plan best ${t.whole.minMs.toFixed(2)} ms (median ${t.whole.ms.toFixed(2)}, CPU ${medCpu("whole").toFixed(2)} ms)`,
  );
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

/** --index: the dispatch against the WGSL files in its place (output compared, then timed). */
async function variants(d: ReturnType<typeof planDispatches>["dispatches"][number]): Promise<void> {
  if (dump) writeFileSync(dump, `// wg ${d.kernel.workgroups.join(" ")}\n${d.kernel.wgsl}`);
  const lists: Record<string, CommandList> = { generated: await CommandList.record(gpu.device, pipelines, [d]) };
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const grid = /^\/\/ wg (\d+) (\d+) (\d+)/.exec(text)?.slice(1).map(Number) as [number, number, number] | undefined;
    const kernel = { ...d.kernel, name: f, wgsl: text, workgroups: grid ?? d.kernel.workgroups };
    lists[f] = await CommandList.record(gpu.device, pipelines, [{ ...d, kernel }]);
  }
  const out = d.buffers[d.kernel.bindings.findIndex((b) => b.access === "read_write")];
  const outputs: Record<string, Float32Array> = {};
  for (const [name, list] of Object.entries(lists)) {
    list.submit();
    outputs[name] = new Float32Array(await buffers.read(out, out.size));
  }
  for (const f of files) {
    let diff = 0;
    outputs[f].forEach((v, i) => (diff = Math.max(diff, Math.abs(v - outputs.generated[i]))));
    console.log(`${f}: max |difference| from the generated kernel's output ${diff}`);
  }
  const names = Object.keys(lists);
  const t = await timeInterleaved(
    Object.fromEntries(names.map((n) => [n, round(n, lists[n])])),
    Object.fromEntries(names.map((n) => [n, 2])),
    { budgetMs: budgetMs * names.length },
  );
  const mf = (d.kernel.flops ?? 0) / 1e6;
  for (const n of names)
    console.log(
      `${n === "generated" ? d.kernel.name : n}: best ${t[n].minMs.toFixed(3)} ms (${(mf / t[n].minMs).toFixed(1)} GFLOP/s), median ${t[n].ms.toFixed(3)} ms, CPU ${medCpu(n).toFixed(3)} ms`,
    );
}
