// `npm run bench`: dlnet against its peers on the same machine and Dawn
// adapter, in one process. Parts (each alone with `--only NAME[,NAME]`):
//   step     training-step time, batch 64 (dlnet WebGPU, tfjs-webgpu, tfjs-cpu, dlnet CPU)
//   infer    inference latency (batch 1) and throughput (batch 256): ONNX Runtime vs dlnet's warm run session
//   kernels  matmul and conv GFLOP/s: dlnet kernels vs ONNX Runtime vs tfjs-webgpu
//   compile  parse → check → lower → autodiff → WGSL per example; check of a 2,000-line file
//   traffic  kernels and bytes per training step; empty-dispatch and submission overhead
//   lsp      editor latency on a 2,000-line file (bench/lsp.bench.ts, in a child process)
//   host     Executable.run vs the same kernels replayed; heap and GPU buffers over
//            10,000 steps (1,000 with --quick); peak GPU buffer bytes per step, dlnet vs tfjs-webgpu
// Results: bench/results/latest.json, and docs/benchmarks.md regenerated
// from it (a partial run merges into the previous results).
//
//   npm run bench [-- --only step,kernels] [--quick] [--no-peers (no TensorFlow.js)]
// The npm script installs bench/'s own dependencies (TensorFlow.js) first.
//   npm run bench -- --only report     (re-render docs/benchmarks.md from latest.json)
//   node bin/run-ts.js bench/run.ts --help   (this text)

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_DIR, ensureXdg, log, parseArgs, releaseGpu, ROOT, type Options } from "./lib/common";
import { environment } from "./lib/env";
import { trainStepBench } from "./parts/train-step";
import { inferenceBench } from "./parts/inference";
import { kernelBench } from "./parts/kernels";
import { compileBench } from "./parts/compile-time";
import { trafficBench } from "./parts/traffic";
import { lspBench } from "./parts/lsp";
import { hostBench } from "./parts/host";
import { renderMarkdown } from "./report/markdown";
import { history } from "./report/history";

const PARTS: Record<string, (o: Options) => Promise<unknown>> = {
  step: trainStepBench,
  infer: inferenceBench,
  kernels: kernelBench,
  compile: compileBench,
  traffic: trafficBench,
  lsp: lspBench,
  host: hostBench,
};

const RESULTS = join(BENCH_DIR, "results", "latest.json");
const DOC = join(ROOT, "docs", "benchmarks.md");

/** The comment this file opens with: the usage. */
function usage(): string {
  const lines = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
  const end = lines.findIndex((l) => !l.startsWith("//"));
  return lines.slice(0, end).map((l) => l.replace(/^\/\/ ?/, "")).join("\n") + "\n";
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage());
    return;
  }
  let opts: Options;
  try {
    opts = parseArgs(argv);
    for (const p of opts.only) if (!(p in PARTS) && p !== "report") throw new Error(`unknown part '${p}' (parts: ${Object.keys(PARTS).join(", ")}, report)`);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}; --help for usage\n`);
    process.exit(2);
  }
  ensureXdg();
  // Before any part runs: the end-of-run load average includes this process's own threads.
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, "utf8")) : {};
  const results: Record<string, unknown> = { ...previous, parts: { ...(previous.parts ?? {}) } };
  const parts = results.parts as Record<string, unknown>;
  const started = performance.now();
  const durations: Record<string, number> = { ...(previous.durationsS ?? {}) };
  for (const [name, run] of Object.entries(PARTS)) {
    if (opts.only.size && !opts.only.has(name)) continue;
    log(`part ${name}`);
    const t = performance.now();
    try {
      parts[name] = { ...((await run(opts)) as object), at: new Date().toISOString(), quick: opts.quick };
    } catch (e) {
      log(`part ${name} failed: ${(e as Error).stack}`);
      parts[name] = { error: (e as Error).message, at: new Date().toISOString() };
    }
    durations[name] = Math.round((performance.now() - t) / 100) / 10;
    log(`part ${name}: ${durations[name]} s`);
  }
  releaseGpu();
  // (`--only report` re-renders the page: the results, their history and timings stay as recorded)
  const reportOnly = opts.only.size === 1 && opts.only.has("report");
  if (!reportOnly) {
    results.environment = { ...(await environment()), loadAtStart };
    results.history = history(previous, results);
    results.durationsS = durations;
    results.lastRunS = Math.round((performance.now() - started) / 1000);
  }
  mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
  writeFileSync(`${RESULTS}.tmp`, JSON.stringify(results, null, 2) + "\n");
  renameSync(`${RESULTS}.tmp`, RESULTS);
  writeFileSync(DOC, renderMarkdown(results));
  log(`wrote ${RESULTS} and ${DOC}`);
}

await main();
// Dawn instances (tfjs's) keep Node alive; the results are written.
process.exit(0);
