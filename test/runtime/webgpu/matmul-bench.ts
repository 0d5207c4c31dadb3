// Matmul throughput on this machine's WebGPU adapter (not a test: run with
// `npx tsx test/runtime/webgpu/matmul-bench.ts [size]`). Reports GFLOP/s of
// each GEMM strategy (broadcast where subgroups are 8 lanes) after a warm-up dispatch (which includes compilation).

import { matmulKernel } from "../../../src/compiler/codegen/wgsl/matmul";
import type { GemmStrategy } from "../../../src/compiler/codegen/wgsl/gemm";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { BufferManager } from "../../../src/runtime/webgpu/buffers";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { CommandList } from "../../../src/runtime/webgpu/runner";
import { randomArray } from "./gpu";

const size = Number(process.argv[2] ?? 512);
const h = await acquireDevice();
if ("error" in h) throw new Error(h.error);
const buffers = new BufferManager(h.device);
const pipelines = new PipelineCache(h.device);
const [M, N, K] = [size, size, size];
const a = buffers.fromArray(randomArray(M * K, 1));
const b = buffers.fromArray(randomArray(K * N, 2));
const c = buffers.create(M * N * 4);
console.log(
  `adapter: ${h.adapter.info.description || h.adapter.info.device} (${h.adapter.info.architecture})`,
);
for (const strategy of ["direct", "tiled", ...(h.subgroupSize === 8 ? ["broadcast"] : [])] as GemmStrategy[]) {
  const kernel = matmulKernel({ batch: 1, M, N, K, strategy });
  const list = await CommandList.record(h.device, pipelines, [{ kernel, buffers: [a, b, c] }]);
  let t = performance.now();
  list.submit();
  await h.device.queue.onSubmittedWorkDone();
  const first = performance.now() - t;
  const reps = 5;
  t = performance.now();
  for (let i = 0; i < reps; i++) list.submit();
  await h.device.queue.onSubmittedWorkDone();
  const ms = (performance.now() - t) / reps;
  const gflops = (2 * M * N * K) / (ms * 1e6);
  console.log(
    `${kernel.name} ${M}x${N}x${K}: ${ms.toFixed(1)} ms, ${gflops.toFixed(2)} GFLOP/s (first dispatch incl. compile ${first.toFixed(0)} ms)`,
  );
}
h.release();
