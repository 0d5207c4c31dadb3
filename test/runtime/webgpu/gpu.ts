// Shared by GPU test files: one device per file (top-level await), skipped with
// a reason outside CI when there is no adapter, a loud failure under CI=true.

import { mulberry32 } from "../../../src/runtime/data/prng";
import { acquireDevice, type GpuHandle } from "../../../src/runtime/webgpu/device";
import { BufferManager } from "../../../src/runtime/webgpu/buffers";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import type { WebGpuProgram, WebGpuTarget } from "../../../src/compiler/codegen/wgsl/pipeline";
import type { Graph } from "../../../src/compiler/ir/graph";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { compileForWebGPU } from "../../../src/runtime/webgpu/executor";
import { expect } from "vitest";

export interface TestGpu {
  handle: GpuHandle;
  buffers: BufferManager;
  pipelines: PipelineCache;
}

export async function openTestGpu(): Promise<{
  gpu?: TestGpu;
  skipReason?: string;
}> {
  const r = await acquireDevice();
  if ("error" in r) {
    if (process.env.CI === "true") throw new Error(`CI=true but no WebGPU device: ${r.error}`);
    return { skipReason: r.error };
  }
  return {
    gpu: {
      handle: r,
      buffers: new BufferManager(r.device),
      pipelines: new PipelineCache(r.device),
    },
  };
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32). */
export function rng(seed: number): () => number {
  const u = mulberry32(seed);
  return () => u() * 2 - 1;
}

export function randomArray(n: number, seed: number): Float32Array {
  const r = rng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = r();
  return a;
}

/** Largest |a-b| / (atol + rtol*|b|) over the arrays; <= 1 means close. */
export function maxError(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  atol = 1e-4,
  rtol = 1e-4,
): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / (atol + rtol * Math.abs(b[i]));
    if (!(e <= m)) m = Number.isNaN(e) ? Infinity : e;
  }
  return m;
}

/** Random f32 inputs in [-1, 1) and i32 inputs in [0, `intRange`) for every input of `g`. */
export function randomInputs(g: Graph, seed: number, intRange = 4): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const i of g.inputs) {
    const shape = i.node.shape as number[];
    const n = shape.reduce((p, d) => p * d, 1);
    if (i.node.dtype === "i32") {
      const r = rng(seed++);
      out[i.name] = makeTensor("i32", shape, Array.from({ length: n }, () => Math.floor(((r() + 1) / 2) * intRange)));
    } else out[i.name] = makeTensor("f32", shape, randomArray(n, seed++));
  }
  return out;
}

/**
 * The real pipeline against the float64 reference interpreter: compiles `g`
 * for this device (with `target` overriding the GEMM strategy or limits),
 * runs it once and expects every output close to runReference's (a NaN or an
 * infinity must be the same non-finite value). Returns the executable's plan
 * facts for further checks.
 */
export async function expectReference(
  gpu: TestGpu,
  g: Graph,
  inputs: Record<string, Tensor> = randomInputs(g, 1),
  target: Partial<WebGpuTarget> = {},
  tol: { atol?: number; rtol?: number } = {},
): Promise<{ dispatchCount: number; program: WebGpuProgram }> {
  const exe = await compileForWebGPU(g, gpu.handle, { pipelines: gpu.pipelines, target });
  const names = g.outputs.map((o) => o.name);
  const got = await exe.run(inputs, { readback: names });
  const want = runReference(g, inputs);
  for (const n of names) {
    const a = got[n].data;
    const b = want[n].data;
    const finite = Array.from(b, (v, i) => (Number.isFinite(v) ? i : -1)).filter((i) => i >= 0);
    for (let i = 0; i < b.length; i++)
      if (!Number.isFinite(b[i])) expect(Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i])), `${n}[${i}]: ${a[i]} vs ${b[i]}`).toBe(true);
    const e = maxError(finite.map((i) => a[i]), finite.map((i) => b[i]), tol.atol, tol.rtol);
    expect(e, `output ${n}`).toBeLessThan(1);
  }
  exe.destroy();
  return { dispatchCount: exe.dispatchCount, program: exe.program };
}
