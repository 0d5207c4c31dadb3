// Matmul throughput on this machine's WebGPU adapter (not a test: run with
// `npx tsx test/runtime/webgpu/matmul-bench.ts [size]`). Reports GFLOP/s of
// each GEMM strategy (broadcast where subgroups are 8 lanes) through the real
// pipeline (a one-matmul graph compiled by compileForWebGPU), after a warm-up
// run (which includes compilation).

import type { GemmStrategy } from "../../../src/compiler/codegen/wgsl/gemm";
import { GraphBuilder, matmul } from "../../../src/compiler/ir/builder";
import { makeTensor } from "../../../src/compiler/tensor";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { compileForWebGPU } from "../../../src/runtime/webgpu/executor";
import { randomArray } from "./gpu";

const size = Number(process.argv[2] ?? 512);
const h = await acquireDevice();
if ("error" in h) throw new Error(h.error);
const [M, N, K] = [size, size, size];
const gb = new GraphBuilder();
gb.output("c", matmul(gb.input("a", "f32", [M, K]), gb.input("b", "f32", [K, N])));
const graph = gb.build();
const inputs = { a: makeTensor("f32", [M, K], randomArray(M * K, 1)), b: makeTensor("f32", [K, N], randomArray(K * N, 2)) };
console.log(`adapter: ${h.adapter.info.description || h.adapter.info.device} (${h.adapter.info.architecture})`);
for (const strategy of ["direct", "tiled", ...(h.subgroupSize === 8 ? ["broadcast"] : [])] as GemmStrategy[]) {
  let t = performance.now();
  const exe = await compileForWebGPU(graph, h, { target: { strategy } });
  await exe.run(inputs, { readback: ["c"] });
  const first = performance.now() - t;
  const reps = 5;
  t = performance.now();
  for (let i = 0; i < reps - 1; i++) await exe.run({});
  await exe.run({}, { readback: ["c"] });
  const ms = (performance.now() - t) / reps;
  const gflops = (2 * M * N * K) / (ms * 1e6);
  const name = exe.program.kernels[0].kernel.name;
  console.log(`${name} ${M}x${N}x${K}: ${ms.toFixed(1)} ms, ${gflops.toFixed(2)} GFLOP/s (first run incl. compile ${first.toFixed(0)} ms)`);
  exe.destroy();
}
h.release();
