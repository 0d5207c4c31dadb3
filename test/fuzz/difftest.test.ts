// The differential test in CI: generated programs (test/fuzz/generate.ts) run
// on the reference interpreter (float64), WebGPU and ONNX Runtime must agree
// (test/fuzz/difftest.ts), seeded and time-boxed; and every saved regression
// case (test/fuzz/regressions/*.dlnet, shrunk from a past failure) must pass.
// docs/testing.md: running more seeds, reproducing and shrinking a failure.
//
//   DLNET_FUZZ_SEED, DLNET_FUZZ_COUNT, DLNET_FUZZ_SECONDS, DLNET_FUZZ_GPU_KERNELS override the defaults below

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffProgram, type Finding } from "./difftest";
import { openGpu, runSeeds, type Gpu } from "./session";

const SEED = Number(process.env.DLNET_FUZZ_SEED ?? 1);
const COUNT = Number(process.env.DLNET_FUZZ_COUNT ?? 300);
const SECONDS = Number(process.env.DLNET_FUZZ_SECONDS ?? 45);
/** New WebGPU kernels the run may compile (~1 s each on lavapipe with a cold shader cache). */
const GPU_KERNELS = Number(process.env.DLNET_FUZZ_GPU_KERNELS ?? 120);

const opened = await openGpu();
if ("error" in opened && process.env.CI === "true") throw new Error(`CI=true but no WebGPU device: ${opened.error}`);
const gpu: Gpu | undefined = "error" in opened ? undefined : opened;
afterAll(() => gpu?.handle.release());

const show = (fs: Finding[]) => fs.map((f) => `  ${f.stage} ${f.what}: ${f.detail.split("\n")[0]}`).join("\n");

const REGRESSIONS = join(import.meta.dirname, "regressions");
const cases = readdirSync(REGRESSIONS).filter((f) => f.endsWith(".dlnet")).sort();

describe("regression cases (test/fuzz/regressions)", () => {
  for (const file of cases) {
    it(file, { timeout: 600_000 }, async () => {
      const findings = await diffProgram(readFileSync(join(REGRESSIONS, file), "utf8"), { gpu });
      expect(findings, `${file}:\n${show(findings)}`).toEqual([]);
    });
  }
});

describe("generated programs", () => {
  it(`seeds from ${SEED}: the reference, WebGPU and ONNX Runtime agree`, { timeout: (SECONDS + 300) * 1000 }, async () => {
    const ran = await runSeeds({ seed: SEED, count: COUNT, maxMs: SECONDS * 1000, gpu, gpuKernels: GPU_KERNELS });
    const failed = ran.filter((r) => r.findings.length);
    const onGpu = ran.filter((r) => r.gpu).length; // some of their graphs, as the kernel budget allowed
    console.log(`difftest: ${ran.length} programs (seeds ${SEED}..${SEED + ran.length - 1}), ${onGpu} also on WebGPU, ${failed.length} failing`);
    const report = failed
      .map((r) => `seed ${r.seed}${r.gpu ? "" : " (without WebGPU)"}:\n${show(r.findings)}\n  reproduce: node bin/run-ts.js scripts/difftest.ts --seed ${r.seed} --count 1 --shrink`)
      .join("\n");
    expect(failed.length, report).toBe(0);
  });
});
