// What every benchmark part shares: command-line options, timing with a time
// budget, the dlnet WebGPU device, and the peers (TensorFlow.js, ONNX Runtime)
// loaded lazily — a missing peer makes its rows "skipped" with the reason,
// never a failed run.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { acquireDevice, type GpuHandle } from "../../src/runtime/webgpu/device";
import { QueueClock } from "../../src/runtime/webgpu/queue-clock";
import type { CommandList } from "../../src/runtime/webgpu/runner";

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH_DIR);

export interface Options {
  /** Parts to run (all when empty). */
  only: Set<string>;
  /** Shorter budgets (smoke runs). */
  quick: boolean;
  /** Skip TensorFlow.js (ONNX Runtime, a root devDependency, still runs). */
  noPeers: boolean;
}

export function parseArgs(argv: string[]): Options {
  const only = new Set<string>();
  let quick = false;
  let noPeers = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const list = a === "--only" ? argv[++i] ?? "" : a.startsWith("--only=") ? a.slice(7) : undefined;
    if (list !== undefined) {
      for (const p of list.split(",")) if (p) only.add(p);
    } else if (a === "--quick") quick = true;
    else if (a === "--no-peers") noPeers = true;
    else throw new Error(`unknown argument '${a}' (use --only PART[,PART], --quick, --no-peers)`);
  }
  return { only, quick, noPeers };
}

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/**
 * Runs a TypeScript file of this repository in a child Node process (through
 * bin/run-ts.js) and returns the JSON object its standard output ends with.
 * For parts whose timing this process would disturb: its Dawn devices, the
 * peers' libraries and their heaps.
 */
export function childJson<T>(file: string, args: string[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "run-ts.js"), file, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}`));
      const start = text.indexOf("{");
      if (start < 0) return reject(new Error(`${file} printed no JSON`));
      resolve(JSON.parse(text.slice(start)) as T);
    });
  });
}

export interface Timing {
  /** Mean ms per unit over the timed reps (median of rounds). */
  ms: number;
  /** Fastest round's ms per unit. */
  minMs: number;
  reps: number;
}

/**
 * Times `round(n)` (which does n units of work and resolves when they are
 * done) in rounds: one warm-up round, then rounds of `n` units until
 * `budgetMs` is spent (at least `minRounds`). Reports the median round's ms
 * per unit (robust against other processes on a shared machine) and the best.
 */
export async function timeRounds(
  round: (n: number) => Promise<void>,
  opts: { n: number; budgetMs: number; minRounds?: number; warmup?: number },
): Promise<Timing> {
  if ((opts.warmup ?? opts.n) > 0) await round(opts.warmup ?? opts.n);
  const per: number[] = [];
  const start = performance.now();
  while (per.length < (opts.minRounds ?? 3) || performance.now() - start < opts.budgetMs) {
    const t = performance.now();
    await round(opts.n);
    per.push((performance.now() - t) / opts.n);
    if (per.length >= 50) break;
  }
  const s = [...per].sort((a, b) => a - b);
  return { ms: s[Math.floor(s.length / 2)], minMs: s[0], reps: per.length * opts.n };
}

/** What a contestant leaves running after its round, and what it needs before one (timeInterleaved). */
export interface RoundHygiene {
  /**
   * ms to wait after a round of this contestant before the next round: its
   * library's threads keep running after it returns. ONNX Runtime's intra-op
   * workers spin for ~40-50 ms after each run (one core busy: 36 ms of CPU in
   * the 50 ms after an MLP run here); timed right after it, dlnet's batch-256
   * MLP kernels took 2.45 ms against 1.7 ms with the machine to themselves.
   */
  settleMs?: number;
  /**
   * ms of untimed units (at least one) before each timed round: the
   * contestant's threads woken and its caches warm. After a pause ONNX
   * Runtime's batch-256 MLP took 0.51 ms a run after 5 untimed runs (~3 ms)
   * and 0.30-0.32 ms after 25 (~10 ms).
   */
  warmupMs?: number;
}

/**
 * Rounds as each contestant would run alone, against ONNX Runtime (named
 * `ort`): 15 ms of untimed units before every round, and after ONNX
 * Runtime's a 100 ms pause while its workers stop spinning.
 */
export function aloneAgainstOrt(names: string[], ort: string): Record<string, RoundHygiene> {
  return Object.fromEntries(names.map((k) => [k, { warmupMs: 15, ...(k === ort ? { settleMs: 100 } : {}) }]));
}

/**
 * Times several contestants in alternating rounds (A, B, C, A, B, C, ...):
 * on a machine shared with other processes, load changes hit every
 * contestant alike, so their ratio stays meaningful. Each gets one warm-up
 * round; `n[name]` units per round; median ms per unit per contestant.
 * `hygiene[name]` keeps a contestant's leftovers out of the next round and
 * warms it up before each of its own (each then runs as it would alone).
 */
export async function timeInterleaved(
  rounds: Record<string, (n: number) => Promise<void>>,
  n: Record<string, number>,
  opts: { budgetMs: number; minRounds?: number; minRoundsOf?: Record<string, number>; hygiene?: Record<string, RoundHygiene> },
): Promise<Record<string, Timing>> {
  const names = Object.keys(rounds);
  for (const k of names) await rounds[k](Math.min(n[k], 3));
  const per: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  const timed = async (k: string) => {
    const h = opts.hygiene?.[k];
    if (h?.warmupMs) for (const w0 = performance.now(); performance.now() - w0 < h.warmupMs; ) await rounds[k](1);
    const t = performance.now();
    await rounds[k](n[k]);
    per[k].push((performance.now() - t) / n[k]);
    if (h?.settleMs) await new Promise((r) => setTimeout(r, h.settleMs));
  };
  const start = performance.now();
  let r = 0;
  while (r < (opts.minRounds ?? 3) || performance.now() - start < opts.budgetMs) {
    for (const k of names) await timed(k);
    if (++r >= 30) break;
  }
  // Contestants owed more rounds (`minRoundsOf`) keep alternating among
  // themselves after the budget: a case where slow peers spend the budget
  // in a few rounds still gives the fast ones as many chances at a best round.
  const owed = () => names.filter((k) => per[k].length < (opts.minRoundsOf?.[k] ?? 0));
  for (let left = owed(); left.length; left = owed()) for (const k of left) await timed(k);
  return Object.fromEntries(
    names.map((k) => {
      const s = [...per[k]].sort((a, b) => a - b);
      return [k, { ms: s[Math.floor(s.length / 2)], minMs: s[0], reps: s.length * n[k] }];
    }),
  );
}

/**
 * A round of replays for timeRounds/timeInterleaved: `list` submitted `k`
 * times back to back, then the queue drained. The host waits as
 * `Executable.run` does (QueueClock: it sleeps through most of the expected
 * work instead of polling the device the whole time), so a comparison of the
 * two measures the host work of `run`, not who polls. The first round
 * compiles the pipelines and teaches the clock nothing.
 */
export function replays(gpu: GpuHandle, list: CommandList): (k: number) => Promise<void> {
  const clock = new QueueClock();
  let cold = true;
  return async (k) => {
    for (let i = 0; i < k; i++) {
      list.submit();
      clock.submitted(cold);
    }
    cold = false;
    await clock.wait(() => gpu.device.queue.onSubmittedWorkDone());
  };
}

/** Synchronous variant for CPU-only work (parse, check, compile). */
export function timeSync(
  f: () => void,
  opts: { budgetMs: number; minReps?: number; warmup?: number },
): Timing & { cpuMs: number } {
  for (let i = 0; i < (opts.warmup ?? 3); i++) f();
  const per: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (per.length < (opts.minReps ?? 5) || performance.now() - start < opts.budgetMs) {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    per.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
    if (per.length >= 200) break;
  }
  const s = [...per].sort((a, b) => a - b);
  const sc = [...cpu].sort((a, b) => a - b);
  // CPU time: on a machine shared with other processes, wall time waits for
  // the cores as well; single-threaded work's CPU time is its idle-machine wall time.
  return { ms: s[Math.floor(s.length / 2)], minMs: s[0], reps: per.length, cpuMs: sc[Math.floor(sc.length / 2)] };
}

let gpu: GpuHandle | undefined;
/** The adapter dlnet ran on (for the report). */
export let adapterSeen: Record<string, string> | undefined;

/** dlnet's device, opened once per process (all parts share it). */
export async function dlnetGpu(): Promise<GpuHandle> {
  if (gpu && !gpu.lost) return gpu;
  ensureXdg();
  const r = await acquireDevice();
  if ("error" in r) throw new Error(r.error);
  gpu = r;
  const i = r.adapter.info;
  adapterSeen = { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description };
  return r;
}

export function releaseGpu(): void {
  gpu?.release();
  gpu = undefined;
}

/** Mesa wants a private runtime folder. */
export function ensureXdg(): void {
  if (process.env.XDG_RUNTIME_DIR && existsSync(process.env.XDG_RUNTIME_DIR)) return;
  const dir = join(tmpdir(), `xdg-bench-${process.getuid?.() ?? "user"}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = dir;
}

// ── Peers ────────────────────────────────────────────────────────────────
// TensorFlow.js is a dependency of bench/ only (bench/package.json), so it is
// loaded by a computed specifier and used untyped: the root typecheck must
// pass without `npm install --prefix bench`.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tf = any;

const benchRequire = createRequire(join(BENCH_DIR, "package.json"));

function benchResolve(spec: string): string | undefined {
  try {
    return benchRequire.resolve(spec);
  } catch {
    return undefined;
  }
}

let navigatorSet: Promise<void> | undefined;

/**
 * navigator.gpu from a Dawn instance of the `webgpu` package, as the peers
 * expect in a browser (tfjs reads navigator.gpu; jax-js also userAgent).
 */
function browserLikeGpu(): Promise<void> {
  navigatorSet ??= (async () => {
    ensureXdg();
    const dawn = (await import("webgpu")) as unknown as { create(f: string[]): GPU; globals: object };
    for (const [k, v] of Object.entries(dawn.globals)) {
      if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
    }
    const g = globalThis as unknown as { navigator?: object };
    Object.defineProperty(globalThis, "navigator", {
      value: { ...(g.navigator ?? {}), gpu: dawn.create([]), userAgent: `Node.js/${process.version}` },
      configurable: true,
      writable: true,
    });
  })();
  return navigatorSet;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Jax = any;

let jaxLoaded: Promise<{ jax?: Jax; reason?: string }> | undefined;

/** jax-js (optional peer, bench/package.json) with its WebGPU device as the default. */
export function loadJax(): Promise<{ jax?: Jax; reason?: string }> {
  jaxLoaded ??= (async () => {
    const path = benchResolve("@jax-js/jax");
    if (!path) return { reason: "jax-js not installed: run `npm install --prefix bench`" };
    await browserLikeGpu();
    try {
      const jax = await import(path);
      const devices: string[] = await jax.init("webgpu");
      if (!devices.includes("webgpu")) return { reason: "jax-js found no WebGPU device" };
      jax.defaultDevice("webgpu");
      return { jax };
    } catch (e) {
      return { reason: `jax-js did not start: ${(e as Error).message}` };
    }
  })();
  return jaxLoaded;
}

let tfLoaded: Promise<{ tf?: Tf; reason?: string }> | undefined;

/**
 * TensorFlow.js with its WebGPU backend registered on a Dawn instance of the
 * `webgpu` package (navigator.gpu). The CPU backend is always there.
 */
export function loadTf(): Promise<{ tf?: Tf; reason?: string }> {
  tfLoaded ??= (async () => {
    const tfPath = benchResolve("@tensorflow/tfjs");
    const wgPath = benchResolve("@tensorflow/tfjs-backend-webgpu");
    if (!tfPath || !wgPath) return { reason: "TensorFlow.js not installed: run `npm install --prefix bench`" };
    await browserLikeGpu();
    const tf = await import(tfPath);
    await import(wgPath);
    // tfjs logs its own banner lines and Dawn's limit warnings; silence ours only.
    tf.env().set("WEBGPU_CPU_FORWARD", false);
    return { tf };
  })();
  return tfLoaded;
}

/** Switches tfjs to a backend; false when it cannot start there. */
export async function tfBackend(tf: Tf, name: "webgpu" | "cpu"): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Ort = any;

let ortLoaded: { ort?: Ort; reason?: string } | undefined;

/** ONNX Runtime for Node (a root devDependency, CPU execution provider). */
export async function loadOrt(): Promise<{ ort?: Ort; reason?: string }> {
  if (ortLoaded) return ortLoaded;
  try {
    const spec = "onnxruntime-node";
    const m = await import(spec);
    ortLoaded = { ort: m.default ?? m };
  } catch (e) {
    ortLoaded = { reason: `onnxruntime-node cannot be loaded: ${(e as Error).message}` };
  }
  return ortLoaded;
}

/** Deterministic pseudo-random floats in [-1, 1) (benchmarks need values, not quality). */
export function randomData(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 * scale - scale;
  }
  return out;
}

export const round = (x: number, digits = 3): number => {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** Math.max(0, digits - Math.ceil(Math.log10(Math.abs(x) + 1e-12)));
  return Math.round(x * f) / f;
};
