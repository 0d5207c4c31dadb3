// Running many generated programs: one WebGPU device and one pipeline cache
// for the whole run (lavapipe compiles each distinct kernel once), seeds in
// order, a count and a wall-clock budget. Shared by the CI test
// (test/fuzz/difftest.test.ts) and the nightly script (scripts/difftest.ts).

import { acquireDevice, type GpuHandle } from "../../src/runtime/webgpu/device";
import { PipelineCache } from "../../src/runtime/webgpu/pipelines";
import { diffProgram, type DiffOptions, type Finding } from "./difftest";
import { generate, type GenOptions } from "./generate";
import { shrink } from "./shrink";

export interface Gpu {
  handle: GpuHandle;
  pipelines: PipelineCache;
}

export async function openGpu(): Promise<Gpu | { error: string }> {
  const h = await acquireDevice();
  if ("error" in h) return h;
  return { handle: h, pipelines: new PipelineCache(h.device) };
}

export interface RunOptions {
  seed: number;
  count: number;
  /** Stop starting new programs after this many milliseconds. */
  maxMs: number;
  gpu?: Gpu;
  /** Which programs also run on WebGPU (default: all). */
  onGpu?: (seed: number, source: string) => boolean;
  /**
   * How many distinct new WebGPU kernels the run may compile (lavapipe takes ~1 s
   * each on a cold shader cache): a graph whose new kernels do not fit what is left
   * runs on the reference and ONNX Runtime only. Default: no limit.
   */
  gpuKernels?: number;
  gen?: GenOptions;
  onResult?: (r: ProgramResult) => void;
}

export interface ProgramResult {
  seed: number;
  source: string;
  gpu: boolean;
  findings: Finding[];
  ms: number;
}

/** Unrolled recurrent layers make hundreds of kernels: slow to compile on lavapipe. */
export const isRecurrent = (source: string) => /\b(LSTM|GRU|RNN)\(/.test(source);

export async function runSeeds(o: RunOptions): Promise<ProgramResult[]> {
  const t0 = performance.now();
  const results: ProgramResult[] = [];
  const newKernels = o.gpuKernels !== undefined ? { left: o.gpuKernels } : undefined;
  for (let seed = o.seed; seed < o.seed + o.count && performance.now() - t0 < o.maxMs; seed++) {
    const { source } = generate(seed, o.gen);
    const gpu = o.gpu && (o.onGpu?.(seed, source) ?? true) ? { ...o.gpu, newKernels, graphsRun: 0 } : undefined;
    const t = performance.now();
    const findings = await diffProgram(source, { gpu });
    const r = { seed, source, gpu: (gpu?.graphsRun ?? 0) > 0, findings, ms: performance.now() - t };
    results.push(r);
    o.onResult?.(r);
  }
  return results;
}

/** A key for "the same failure": stage, what, and for crashes the message without numbers. */
export function failureKey(f: Finding): string {
  return `${f.stage}|${f.what}${f.what === "crash" ? "|" + f.detail.replace(/\(at .*$/, "").replace(/\d+/g, "#").slice(0, 80) : ""}`;
}

/** Shrinks a failing program to a smaller one that fails with the same first finding. */
export async function shrinkFailure(source: string, finding: Finding, gpu: Gpu | undefined, maxMs = 120_000) {
  const key = failureKey(finding);
  return shrink(
    source,
    async (s) => {
      const fs = await diffProgram(s, { gpu, trainer: finding.stage === "trainer" });
      return fs.some((f) => failureKey(f) === key);
    },
    { maxMs },
  );
}
