// Part 4: compile time of every example, stage by stage, after warm-up (the
// language server and `dlnet train` run in a warm process): parse, check
// (checkFile, which parses again: the check column includes its own parse),
// lower + autodiff (buildTrainStep: forward, backward, optimizer), and WGSL
// (specialize to batch 64, fusion, code generation, memory plan). Pipeline
// creation in Dawn is not included: that is the driver's compile, measured
// as the first step in part `step`. Also: checking a generated 2,000-line
// file (bench/lsp.bench.ts's generator). Measured in a child process of its
// own, as dlnet compiles in its own (`dlnet check`/`train`, the language
// server): in the bench's process, after the other parts had loaded
// TensorFlow.js, ONNX Runtime and their devices, the 2,000-line check took
// 15-16 ms against 7-9 alone, the same code.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkFile, type CheckResult, type ParseCache } from "../../src/compiler/check/index";
import { specialize } from "../../src/compiler/ir/graph";
import { lowerModel } from "../../src/compiler/lower/index";
import { buildTrainStep } from "../../src/compiler/train-graph/train-step";
import { allKernels, compileProgram, DEFAULT_TARGET, type WebGpuProgram, type WebGpuTarget } from "../../src/compiler/codegen/wgsl/pipeline";
import { SourceFile } from "../../src/compiler/source";
import { parse } from "../../src/compiler/syntax/index";
import { fileURLToPath } from "node:url";
import { childJson, log, parseArgs, round, timeSync, type Options } from "../lib/common";
import { diskHost, EXAMPLES_DIR } from "../lib/models";
import { bigFile } from "../lsp.bench";
import { hotspots, type Profile } from "../lib/profile";

export interface CompileRow {
  example: string;
  lines: number;
  /** ms per stage (median after warm-up). */
  parseMs: number;
  checkMs: number;
  lowerAutodiffMs?: number;
  wgslMs?: number;
  totalMs: number;
  /** CPU time of check + lower + WGSL (the wall time of an idle machine). */
  totalCpuMs: number;
  /** Wall ms of the example's first compile, all stages (the warm-up's first round: after the examples before it). */
  firstMs?: number;
  kernels?: number;
  /** Kernels with WGSL of their own (the others are a repeated block's: shared-kernels.ts). */
  distinctKernels?: number;
  /** Why a stage did not run (e.g. a symbolic sequence length). */
  note?: string;
}

export interface CompileResult {
  rows: CompileRow[];
  /** The warm-up before the rows were measured: rounds over every example, and how long they took. */
  warmUp?: { rounds: number; seconds: number };
  /** Self-time hotspots of the slowest example's WGSL stage (CPU profile). */
  wgslHotspots?: { example: string; hotspots: Profile };
  big: {
    lines: number;
    /** checkFile from text (parse included), wall and CPU ms. */
    checkMs: number;
    checkCpuMs: number;
    minMs: number;
    parseMs: number;
    parseCpuMs: number;
    /**
     * The same file with one syntax error in its last declaration: the fast
     * path reads up to it, then the Chevrotain parser reads the whole file
     * (what a cold parse of a broken file costs; the editor re-parses only
     * from the broken declaration on).
     */
    parseBrokenMs: number;
    parseBrokenCpuMs: number;
    /** checkFile with the parse cached (what the language server redoes after an edit's re-parse). */
    checkParsedMs: number;
    checkParsedCpuMs: number;
    errors: number;
    firstError?: string;
  };
  targets: { checkBigMs: number; compileExampleMs: number };
  /** Measured in a child process of its own (absent: in the bench's process, after the parts before it; runs before 2026-12-07). */
  process?: "child";
}

/** The lavapipe target (what compileForWebGPU picks on this machine), without a device. */
const TARGET: WebGpuTarget = { ...DEFAULT_TARGET, maxStorageBuffers: 16, strategy: "cpu" };

/** One example's compile, in the stages the table shows; `full` runs them all once. */
interface Job {
  file: string;
  path: string;
  text: string;
  host: { readFile(p: string): string | undefined };
  full: () => void;
}

function job(file: string): Job {
  const path = join(EXAMPLES_DIR, file);
  const text = readFileSync(path, "utf8");
  // Files (imports, data headers) read once: the timing is the compiler's, not the disk's.
  const cache = new Map<string, string | undefined>();
  const host = {
    readFile(p: string) {
      if (!cache.has(p)) cache.set(p, diskHost.readFile(p));
      return cache.get(p);
    },
  };
  const full = () => {
    const s = afterCheck(checkFile(path, host));
    s.lower?.();
    s.wgsl?.();
  };
  return { file, path, text, host, full };
}

/**
 * The stages after the check, as the table times them: lower (+ autodiff:
 * the train block's step, else the first model's inference graph) and, for a
 * step whose shapes are concrete at the train block's batch, WGSL. `note`
 * says why a stage is missing.
 */
function afterCheck(check: CheckResult): { lower?: () => unknown; wgsl?: () => WebGpuProgram; note?: string } {
  const spec = check.trains.length ? check.elaborateTrain(check.trains[0]) : undefined;
  if (spec) {
    const { step, forward } = buildTrainStep(spec);
    const env = { [forward.batchDim]: spec.batch };
    const lower = () => buildTrainStep(spec);
    if (specialize(step, env).nodes().some((n) => n.shape.some((d) => typeof d !== "number")))
      return { lower, note: "WGSL skipped: a dimension besides the batch stays symbolic" };
    return { lower, wgsl: () => compileProgram(step, env, TARGET) };
  }
  if (!check.models.length) return { note: "declarations only (imported by other examples)" };
  // A model without a train block: its inference graph.
  const model = check.elaborate(check.models[0]);
  return model ? { lower: () => lowerModel(model, { mode: "eval" }), note: "no train block: inference graph lowered, no WGSL" } : {};
}

/**
 * Compiles every example in turns until `budgetMs` has passed: V8 optimizes
 * the compiler's functions over the first few seconds of compiling (resnet's
 * WGSL stage, compiled alone from a fresh process, took 213, 87, 109 … ms
 * and settled near 35 ms only after ~30 compiles, its CPU time twice its wall
 * time meanwhile: TurboFan's thread). A per-example warm-up of a few compiles
 * measured that transition, not the compiler. Returns each example's first
 * compile (wall ms: in this process, after the examples before it).
 */
function warmUp(jobs: Job[], budgetMs: number): { firstMs: Map<string, number>; rounds: number; ms: number } {
  const firstMs = new Map<string, number>();
  const start = performance.now();
  let rounds = 0;
  do {
    for (const j of jobs) {
      const t = performance.now();
      try {
        j.full();
      } catch {
        // Reported by the measured pass below.
      }
      if (!firstMs.has(j.file)) firstMs.set(j.file, performance.now() - t);
    }
    rounds++;
  } while (performance.now() - start < budgetMs);
  return { firstMs, rounds, ms: performance.now() - start };
}

/** The part: measured in a child process (this file with `--child`). */
export function compileBench(opts: Options): Promise<CompileResult> {
  return childJson(fileURLToPath(import.meta.url), ["--child", ...(opts.quick ? ["--quick"] : [])]);
}

async function measureCompile(opts: Options): Promise<CompileResult> {
  const budget = opts.quick ? 150 : 600;
  const rows: CompileRow[] = [];
  const jobs = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".dlnet")).sort().map(job);
  log(`compile: warm-up (every example in turns)`);
  const warm = warmUp(jobs, opts.quick ? 500 : 5000);
  /** Each example's WGSL stage (for the slowest one's profile). */
  const wgslOf = new Map<string, () => WebGpuProgram>();
  for (const { file: f, path, text, host } of jobs) {
    log(`compile ${f}`);
    const parseT = timeSync(() => parse(new SourceFile(path, text)), { budgetMs: budget });
    const checkT = timeSync(() => checkFile(path, host), { budgetMs: budget });
    const check = checkFile(path, host);
    const row: CompileRow = {
      example: f.replace(/\.dlnet$/, ""),
      lines: text.split("\n").length,
      parseMs: round(parseT.ms),
      checkMs: round(checkT.ms),
      totalMs: 0,
      totalCpuMs: 0,
      firstMs: round(warm.firstMs.get(f)!),
    };
    let cpu = checkT.cpuMs;
    try {
      const s = afterCheck(check);
      row.note = s.note;
      if (s.lower) {
        const lowerT = timeSync(s.lower, { budgetMs: budget });
        row.lowerAutodiffMs = round(lowerT.ms);
        cpu += lowerT.cpuMs;
      }
      if (s.wgsl) {
        wgslOf.set(row.example, s.wgsl);
        const wgslT = timeSync(s.wgsl, { budgetMs: budget, warmup: 2, minReps: 3 });
        row.wgslMs = round(wgslT.ms);
        cpu += wgslT.cpuMs;
        const ks = allKernels(s.wgsl());
        row.kernels = ks.length;
        row.distinctKernels = new Set(ks.map((k) => k.kernel.wgsl)).size;
      }
    } catch (e) {
      row.note = `failed: ${(e as Error).message.split("\n")[0]}`;
    }
    row.totalMs = round(row.checkMs + (row.lowerAutodiffMs ?? 0) + (row.wgslMs ?? 0));
    row.totalCpuMs = round(cpu);
    rows.push(row);
  }

  // What the slowest example's WGSL stage spends its time in.
  let wgslHotspots: { example: string; hotspots: Profile } | undefined;
  const slowest = [...rows].filter((r) => r.wgslMs !== undefined).sort((a, b) => b.wgslMs! - a.wgslMs!)[0];
  if (slowest) {
    log(`compile: profile of ${slowest.example}'s WGSL stage`);
    const reps = Math.max(2, Math.round(1500 / slowest.wgslMs!));
    wgslHotspots = { example: slowest.example, hotspots: await hotspots(wgslOf.get(slowest.example)!, opts.quick ? 1 : reps) };
  }

  log("compile: 2,000-line file");
  const text = bigFile(2000);
  const path = "/bench/big.dlnet";
  const host = { readFile: (p: string) => (p === path ? text : undefined) };
  const bigCheck = timeSync(() => checkFile(path, host), { budgetMs: budget * 2, warmup: 5 });
  const bigParse = timeSync(() => parse(new SourceFile(path, text)), { budgetMs: budget, warmup: 5 });
  const cut = text.lastIndexOf("-> LayerNorm");
  const broken = text.slice(0, cut) + "-> -> LayerNorm" + text.slice(cut + "-> LayerNorm".length);
  const brokenParse = timeSync(() => parse(new SourceFile(path, broken)), { budgetMs: budget, warmup: 5 });
  const parseCache: ParseCache = new Map();
  const bigParsed = timeSync(() => checkFile(path, host, { parseCache }), { budgetMs: budget, warmup: 5 });
  // Reported, not fatal: the time is what is measured, whatever the checker says.
  const errors = checkFile(path, host).diagnostics.filter((d) => d.severity === "error");
  return {
    rows,
    warmUp: { rounds: warm.rounds, seconds: round(warm.ms / 1000) },
    wgslHotspots,
    big: {
      lines: text.split("\n").length,
      checkMs: round(bigCheck.ms),
      checkCpuMs: round(bigCheck.cpuMs),
      minMs: round(bigCheck.minMs),
      parseMs: round(bigParse.ms),
      parseCpuMs: round(bigParse.cpuMs),
      parseBrokenMs: round(brokenParse.ms),
      parseBrokenCpuMs: round(brokenParse.cpuMs),
      checkParsedMs: round(bigParsed.ms),
      checkParsedCpuMs: round(bigParsed.cpuMs),
      errors: errors.length,
      firstError: errors[0]?.message,
    },
    targets: { checkBigMs: 20, compileExampleMs: 50 },
    process: "child",
  };
}

if (process.argv[2] === "--child") {
  const opts = parseArgs(process.argv.slice(3));
  console.log(JSON.stringify(await measureCompile(opts)));
}
