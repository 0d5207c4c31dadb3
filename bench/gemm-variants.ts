// A/B timing of GEMM kernel variants on this adapter (not part of `npm run
// bench`; a tool for choosing kernels):
//   node bin/run-ts.js bench/gemm-variants.ts ARG... [--ms=3000] [--wgsl]
// ARG is `M,N,K` (the code generator's `cpu` choice), `M,N,K:STRATEGY` (tiled,
// direct, broadcast), `M,N,K:STRATEGY:{MatmulSpec fields as JSON}` (e.g.
// {"transA":true}), `M,N,K:block:{"RM":16,"RN":8}` (`broadcast` with that
// register block; "KC":1 for one k per loop iteration instead of the default) or `M,N,K:file:PATH` (a WGSL file binding a, b, out whose
// first line is `// wg X Y Z`, e.g. a peer's kernel). Each variant is compiled (first dispatch: wall and process
// CPU time, which includes lavapipe's LLVM compile) and then timed in
// interleaved rounds; reports GFLOP/s of the best and median round (wall) and
// per CPU second over all rounds of the threads other than the JS main thread (lavapipe's
// workers; read from /proc, else the whole process): on a shared machine the
// CPU-second rate is the steadier comparison. Kernels are generated for the
// adapter's subgroup size (8 lanes, or 16 under LP_NATIVE_VECTOR_WIDTH=512).
// The main thread sleeps through most of each round's wait (QueueClock, as
// the executor does): polling the device (Dawn's setImmediate loop) for the
// whole wait took one of the two cores from lavapipe's workers, which made
// every kernel here look 1.6-1.9x slower than in `npm run bench` (512³: 25.6
// against 49 GFLOP/s, Intel Xeon, 2 cores).

import { readdirSync, readFileSync } from "node:fs";
import { matmulGemm, matmulKernel, type MatmulSpec } from "../src/compiler/codegen/wgsl/matmul";
import type { Kernel } from "../src/compiler/codegen/wgsl/kernel";
import { broadcastGemm } from "../src/compiler/codegen/wgsl/gemm-broadcast";

import { acquireDevice } from "../src/runtime/webgpu/device";
import { BufferManager } from "../src/runtime/webgpu/buffers";
import { PipelineCache } from "../src/runtime/webgpu/pipelines";
import { CommandList } from "../src/runtime/webgpu/runner";
import { replays } from "./lib/common";

/** CPU ms of this process's threads other than the main one (Linux), else of the whole process. */
function workerCpuMs(): number {
  try {
    let ms = 0;
    for (const t of readdirSync("/proc/self/task")) {
      if (Number(t) === process.pid) continue;
      const stat = readFileSync(`/proc/self/task/${t}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms
      ms += (Number(f[11]) + Number(f[12])) * 10;
    }
    return ms;
  } catch {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  }
}

const h = await acquireDevice();
if ("error" in h) throw new Error(h.error);
const buffers = new BufferManager(h.device);
// the subgroup size the code generator targets on this adapter (8, or 16 under LP_NATIVE_VECTOR_WIDTH=512)
const lanes = h.subgroupSize === 16 ? 16 : 8;
const pipelines = new PipelineCache(h.device);
const rand = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const budgetMs = Number(process.argv.find((a) => a.startsWith("--ms="))?.slice(5) ?? 3000);
interface V {
  label: string;
  kernel: Kernel;
  replay: (k: number) => Promise<void>;
  reps: number;
  wall: number[];
  cpu: number[];
}
const vs: V[] = [];
for (const arg of args) {
  const [dims, strategy, ...rest] = arg.split(":");
  const extra = rest.join(":");
  const [M, N, K] = dims.split(",").map(Number);
  let kernel: Kernel;
  if (strategy === "file") {
    // a WGSL file with bindings a, b, out and the workgroup grid in its first line: // wg X Y Z
    const text = readFileSync(extra, "utf8");
    const wg = text.split("\n")[0].split(" ").slice(2).map(Number) as [number, number, number];
    const f32 = (name: string, access: "read" | "read_write") => ({ name, type: "f32" as const, access });
    kernel = {
      name: `file:${extra}`,
      wgsl: text,
      bindings: [f32("a", "read"), f32("b", "read"), f32("out", "read_write")],
      workgroups: wg,
      flops: 2 * M * N * K,
    };
  } else if (strategy === "block") {
    // `broadcast` with another register block, e.g. 'M,N,K:block:{"RM":16,"RN":8}'
    // (other MatmulSpec fields may ride along: '...:block:{"RM":16,"RN":8,"transB":true}')
    const { RM, RN, KC, ...fields } = JSON.parse(extra);
    kernel = broadcastGemm(matmulGemm({ batch: 1, M, N, K, strategy: "broadcast", lanes, ...fields }), { RM, RN, KC });
  } else {
    const spec: MatmulSpec = { batch: 1, M, N, K, strategy: (strategy || "cpu") as MatmulSpec["strategy"], lanes };
    if (extra) Object.assign(spec, JSON.parse(extra));
    kernel = matmulKernel(spec);
  }
  if (process.argv.includes("--wgsl")) console.log(kernel.wgsl);
  const a = buffers.fromArray(rand(M * K));
  const b = buffers.fromArray(rand(K * N));
  const c = buffers.create(M * N * 4);
  const list = await CommandList.record(h.device, pipelines, [{ kernel, buffers: [a, b, c] }]);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  list.submit();
  await h.device.queue.onSubmittedWorkDone();
  const first = performance.now() - t0;
  const fc = process.cpuUsage(c0);
  // reps so that a round is ~50 ms at 30 GFLOP/s
  const reps = Math.max(1, Math.min(500, Math.round((30e9 * 0.05) / (2 * M * N * K))));
  vs.push({
    label: `${arg} ${kernel.name} wg=${kernel.workgroups.join("x")}`,
    kernel,
    replay: replays(h, list),
    reps,
    wall: [],
    cpu: [],
  });
  console.log(
    `compiled ${kernel.name} for ${dims}: first dispatch ${first.toFixed(0)} ms (CPU ${((fc.user + fc.system) / 1000).toFixed(0)} ms)`,
  );
}
const start = performance.now();
while (performance.now() - start < budgetMs * vs.length) {
  for (const v of vs) {
    const c0 = workerCpuMs();
    const t0 = performance.now();
    // (the main thread sleeps through most of the wait, as the executor's does:
    // polling the device the whole time would take one of lavapipe's cores)
    await v.replay(v.reps);
    const wall = (performance.now() - t0) / v.reps;
    v.wall.push(wall);
    v.cpu.push((workerCpuMs() - c0) / v.reps);
  }
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1];
const best = (x: number[]) => Math.min(...x);
for (const v of vs) {
  const f = (v.kernel.flops ?? 0) / 1e6;
  console.log(
    `${v.label}: best ${(f / best(v.wall)).toFixed(1)} med ${(f / med(v.wall)).toFixed(1)} GFLOP/s wall; ` +
      `${((f * v.cpu.length) / v.cpu.reduce((p, q) => p + q, 0)).toFixed(1)} per worker CPU s (med ${med(v.wall).toFixed(3)} ms, ${v.wall.length} rounds x ${v.reps})`,
  );
}
h.release();
