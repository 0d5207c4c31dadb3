// The nightly differential test: thousands of generated programs through the
// reference interpreter (float64), WebGPU and ONNX Runtime (see
// test/fuzz/difftest.ts and docs/testing.md). Prints the seed of every
// failure and how to reproduce it; with --shrink, also a minimal program,
// written to --out DIR/seed-S/case.dlnet beside its data.safetensors.
//
//   node bin/run-ts.js scripts/difftest.ts --seed 0 --count 2000
//   node bin/run-ts.js scripts/difftest.ts --seed 1234 --count 1 --shrink
//   node bin/run-ts.js scripts/difftest.ts --file test/fuzz/regressions/x.dlnet

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeCase } from "../test/fuzz/data";
import { diffProgram } from "../test/fuzz/difftest";
import { openGpu, runSeeds, shrinkFailure, type Gpu, type ProgramResult } from "../test/fuzz/session";

const OPTIONS = {
  seed: { type: "string", default: "0" },
  count: { type: "string", default: "1000" },
  minutes: { type: "string", default: "600" },
  "no-gpu": { type: "boolean", default: false },
  shrink: { type: "boolean", default: false },
  out: { type: "string", default: "difftest-failures" },
  file: { type: "string" },
  print: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  "gpu-kernels": { type: "string" },
} as const;

const usage = (): never => {
  console.error("usage: difftest.ts [--seed S] [--count N] [--minutes M] [--no-gpu] [--gpu-kernels K] [--shrink] [--verbose] [--out DIR] [--print] | --file CASE.dlnet");
  process.exit(2);
};
if (process.argv.includes("--help") || process.argv.includes("-h")) usage();
const parsed = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (e) {
    console.error(`difftest: ${(e as Error).message}`);
    return usage();
  }
})();
const { values } = parsed;
const int = (s: string) => (/^\d+$/.test(s) ? Number(s) : usage());

let gpu: Gpu | undefined;
if (!values["no-gpu"]) {
  const g = await openGpu();
  if ("error" in g) console.log(`no WebGPU (${g.error}): reference and ONNX Runtime only`);
  else gpu = g;
}

const cmd = (seed: number, extra = "") => `node bin/run-ts.js scripts/difftest.ts --seed ${seed} --count 1${values["no-gpu"] ? " --no-gpu" : ""}${extra}`;

if (values.file) {
  const findings = await diffProgram(readFileSync(values.file, "utf8"), { gpu });
  for (const f of findings) console.log(`  ${f.stage} ${f.what}: ${f.detail}`);
  console.log(findings.length ? `FAIL ${values.file}` : `ok ${values.file}`);
  process.exit(findings.length ? 1 : 0);
}

const seed = int(values.seed!);
const count = int(values.count!);
const failures: ProgramResult[] = [];
const t0 = performance.now();
const ran = await runSeeds({
  seed,
  count,
  maxMs: Number(values.minutes) * 60_000,
  gpu,
  gpuKernels: values["gpu-kernels"] === undefined ? undefined : int(values["gpu-kernels"]),
  onResult(r) {
    if (values.print) console.log(r.source);
    if (values.verbose) console.log(`seed ${r.seed}: ${r.findings.length ? "FAIL" : "ok"} in ${(r.ms / 1000).toFixed(1)} s${r.gpu ? "" : " (no WebGPU)"}`);
    if (!r.findings.length) {
      if ((r.seed - seed + 1) % 50 === 0) console.log(`… seed ${r.seed} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      return;
    }
    failures.push(r);
    console.log(`FAIL seed ${r.seed}${r.gpu ? "" : " (no WebGPU)"}`);
    for (const f of r.findings) console.log(`  ${f.stage} ${f.what}: ${f.detail.split("\n")[0]}`);
    console.log(`  reproduce: ${cmd(r.seed, " --print")}`);
  },
});

if (values.shrink) {
  for (const r of failures) {
    const small = await shrinkFailure(r.source, r.findings[0], r.gpu ? gpu : undefined);
    const dir = join(values.out!, `seed-${r.seed}`);
    mkdirSync(dir, { recursive: true });
    const path = writeCase(dir, "case.dlnet", small.source);
    console.log(`seed ${r.seed}: shrunk in ${small.tries} tries to ${path} (${small.source.split("\n").length} lines)`);
    console.log(`  re-run: node bin/run-ts.js scripts/difftest.ts --file ${path}`);
  }
}
const secs = ((performance.now() - t0) / 1000).toFixed(0);
console.log(`${failures.length ? `${failures.length} failing` : "no failure"} in ${ran.length} programs, seeds ${seed}..${seed + ran.length - 1} (${secs} s)`);
process.exit(failures.length ? 1 : 0);
