// Shared by GPU test files: one device per file (top-level await), skipped with
// a reason outside CI when there is no adapter, a loud failure under CI=true.

import { mulberry32 } from "../../../src/runtime/data/prng";
import { acquireDevice, type GpuHandle } from "../../../src/runtime/webgpu/device";
import { BufferManager, type TypedArray } from "../../../src/runtime/webgpu/buffers";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { runOnce } from "../../../src/runtime/webgpu/runner";
import type { Kernel } from "../../../src/compiler/codegen/wgsl/kernel";

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

/**
 * Runs one kernel: read-only bindings take `inputs` in order; each writable
 * binding gets a zeroed buffer of `outputLengths[j]` elements, read back.
 */
export async function runKernel(
  gpu: TestGpu,
  kernel: Kernel,
  inputs: TypedArray[],
  outputLengths: number[],
): Promise<TypedArray[]> {
  let i = 0;
  let j = 0;
  const outs: { buffer: GPUBuffer; bytes: number; type: string }[] = [];
  const buffers = kernel.bindings.map((b) => {
    if (b.access === "read") return gpu.buffers.fromArray(inputs[i++]);
    const bytes = outputLengths[j++] * 4;
    const buffer = gpu.buffers.create(bytes);
    outs.push({ buffer, bytes, type: b.type });
    return buffer;
  });
  if (i !== inputs.length || j !== outputLengths.length) throw new Error("binding count mismatch");
  await runOnce(gpu.handle.device, gpu.pipelines, [{ kernel, buffers }]);
  const data = await gpu.buffers.readMany(outs);
  for (const b of buffers) gpu.buffers.release(b);
  return data.map((d, k) =>
    outs[k].type === "f32"
      ? new Float32Array(d)
      : outs[k].type === "i32"
        ? new Int32Array(d)
        : new Uint32Array(d),
  );
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
