// Part 3: matmul and conv kernel throughput. dlnet: a one-op IR graph compiled
// with compileForWebGPU (the kernel the code generator picks for this adapter),
// submitted many times and timed to queue completion. ONNX Runtime: the same
// one-op graph exported to ONNX (one MatMul / Conv node). tfjs-webgpu:
// tf.matMul / tf.conv2d (NHWC, its native layout), timed to a final readback.
// jax-js (optional): np.matmul / lax.conv on its WebGPU device, timed to
// blockUntilReady of every result of the round (it is lazy).

import * as b from "../../src/compiler/ir/builder";
import { GraphBuilder } from "../../src/compiler/ir/builder";
import type { Graph } from "../../src/compiler/ir/graph";
import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { makeTensor } from "../../src/compiler/tensor";
import { compileForWebGPU } from "../../src/runtime/webgpu/executor";
import { aloneAgainstOrt, dlnetGpu, loadJax, loadOrt, loadTf, log, randomData, round, tfBackend, timeInterleaved, type Jax, type Options, type Tf } from "../lib/common";

export interface KernelCase {
  id: string;
  kind: "matmul" | "conv";
  /** matmul: [M, N, K]; conv: NCHW input, OIHW weight, padding. */
  dims: Record<string, number>;
  flops: number;
}

export interface KernelRow {
  case: string;
  kind: string;
  framework: string;
  ms?: number;
  gflops?: number;
  skipped?: string;
  /** Median round's ms per run (`ms` is the best round's). */
  medianMs?: number;
  rounds?: number;
  /** dlnet: the kernels the plan used (name) and how many. */
  kernels?: string[];
}

export interface KernelResult {
  cases: KernelCase[];
  rows: KernelRow[];
  /** dlnet GFLOP/s / ORT GFLOP/s per case. */
  vsOrt: Record<string, number | undefined>;
  vsTfjs: Record<string, number | undefined>;
  vsJax?: Record<string, number | undefined>;
}

const MATMUL_SIZES = [64, 128, 256, 512, 1024];
/** [N, C, H, W, O, K]: the CNN's layers at batch 64, and a wider one. */
const CONVS: [number, number, number, number, number, number][] = [
  [64, 1, 28, 28, 16, 3],
  [64, 16, 14, 14, 16, 3],
  [64, 16, 14, 14, 32, 3],
  [8, 64, 56, 56, 64, 3],
];

export function kernelCases(quick: boolean): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const n of quick ? [64, 512] : MATMUL_SIZES) {
    cases.push({ id: `matmul ${n}³`, kind: "matmul", dims: { M: n, N: n, K: n }, flops: 2 * n * n * n });
  }
  for (const [N, C, H, W, O, K] of quick ? CONVS.slice(1, 2) : CONVS) {
    cases.push({
      id: `conv ${N}×${C}×${H}×${W} → ${O}, ${K}×${K}`,
      kind: "conv",
      dims: { N, C, H, W, O, K, pad: (K - 1) / 2 },
      flops: 2 * N * O * H * W * C * K * K,
    });
  }
  return cases;
}

function oneOpGraph(c: KernelCase): { graph: Graph; shapes: Record<string, number[]> } {
  const gb = new GraphBuilder();
  const d = c.dims;
  if (c.kind === "matmul") {
    const shapes = { a: [d.M, d.K], b: [d.K, d.N] };
    gb.output("y", b.matmul(gb.input("a", "f32", shapes.a), gb.input("b", "f32", shapes.b)));
    return { graph: gb.build(), shapes };
  }
  const shapes = { x: [d.N, d.C, d.H, d.W], w: [d.O, d.C, d.K, d.K] };
  const y = b.conv2d(gb.input("x", "f32", shapes.x), gb.input("w", "f32", shapes.w), { padding: [d.pad, d.pad] });
  gb.output("y", y);
  return { graph: gb.build(), shapes };
}

/** Rounds dlnet and ONNX Runtime get in every case, whatever the peers' rounds cost (quick runs: 3). */
const MIN_ROUNDS = 12;
const MIN_ROUNDS_QUICK = 3;

/** Enough repetitions that a round takes ~100 ms at ~1 GFLOP/s. */
function repsFor(flops: number): number {
  return Math.max(1, Math.min(200, Math.round(1e8 / flops)));
}

export async function kernelBench(opts: Options): Promise<KernelResult> {
  const budget = opts.quick ? 1000 : 4000;
  const cases = kernelCases(opts.quick);
  const rows: KernelRow[] = [];
  const gpu = await dlnetGpu();
  const { ort, reason: ortReason } = await loadOrt();
  let tf: Tf | undefined;
  let tfReason: string | undefined;
  if (!opts.noPeers) {
    const r = await loadTf();
    tf = r.tf;
    tfReason = r.reason;
    if (tf && !(await tfBackend(tf, "webgpu"))) {
      tf = undefined;
      tfReason = "tfjs webgpu backend did not start";
    }
  }
  let jax: Jax | undefined;
  let jaxReason: string | undefined;
  if (!opts.noPeers) ({ jax, reason: jaxReason } = await loadJax());
  for (const c of cases) {
    const { graph, shapes } = oneOpGraph(c);
    const inputs = Object.fromEntries(
      Object.entries(shapes).map(([k, s], i) => [k, randomData(s.reduce((p, x) => p * x, 1), i + 3)]),
    );
    const n = repsFor(c.flops);
    const row = (framework: string, ms?: number, extra: Partial<KernelRow> = {}): KernelRow => ({
      case: c.id,
      kind: c.kind,
      framework,
      ms: ms === undefined ? undefined : round(ms),
      gflops: ms === undefined ? undefined : round(c.flops / ms / 1e6),
      ...extra,
    });

    log(`kernels ${c.id}`);
    // Contestants timed in alternating rounds (see timeInterleaved).
    const contestants: Record<string, (k: number) => Promise<void>> = {};
    const cleanup: (() => Promise<void> | void)[] = [];

    const exe = await compileForWebGPU(graph, gpu);
    await exe.run(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, makeTensor("f32", shapes[k], v)])));
    await gpu.device.queue.onSubmittedWorkDone();
    contestants["dlnet-webgpu"] = async (k) => {
      for (let i = 0; i < k; i++) await exe.run({});
      await exe.settled();
    };
    cleanup.push(() => exe.destroy());

    if (ort) {
      const onnx = exportOnnx(graph);
      const session = await ort.InferenceSession.create(onnx.bytes);
      const feeds = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, new ort.Tensor("float32", v, shapes[k])]));
      contestants["onnxruntime-cpu"] = async (k) => {
        for (let i = 0; i < k; i++) await session.run(feeds);
      };
      cleanup.push(() => session.release?.());
    }

    if (tf) {
      const d = c.dims;
      const [x, w] =
        c.kind === "matmul"
          ? [tf.tensor(inputs.a, shapes.a), tf.tensor(inputs.b, shapes.b)]
          : [tf.tensor(randomData(d.N * d.H * d.W * d.C, 3), [d.N, d.H, d.W, d.C]), tf.tensor(randomData(d.K * d.K * d.C * d.O, 4), [d.K, d.K, d.C, d.O])];
      const op = () => (c.kind === "matmul" ? tf.matMul(x, w) : tf.conv2d(x, w, 1, "same"));
      contestants["tfjs-webgpu"] = async (k) => {
        let y: Tf | undefined;
        for (let i = 0; i < k; i++) {
          y?.dispose();
          y = op();
        }
        // One readback per round (the result is small next to the work but not free).
        await y.data();
        y.dispose();
      };
      cleanup.push(() => {
        x.dispose();
        w.dispose();
      });
    }

    if (jax) {
      const np = jax.numpy;
      const d = c.dims;
      // jax-js follows JAX: NCHW input, OIHW kernel, like dlnet.
      const [x, w] = Object.keys(shapes).map((k) => np.array(inputs[k], { shape: shapes[k] }));
      await x.blockUntilReady();
      await w.blockUntilReady();
      const op = () => (c.kind === "matmul" ? np.matmul(x.ref, w.ref) : jax.lax.conv(x.ref, w.ref, [1, 1], [[d.pad, d.pad], [d.pad, d.pad]]));
      contestants["jaxjs-webgpu"] = async (k) => {
        // jax-js is lazy: an array disposed before it is realized is never
        // computed (disposing each result as tfjs's round does ran a 128³
        // round 3-9x faster than computing them all), so a round keeps its k
        // results and waits for all of them.
        const ys: Jax[] = [];
        for (let i = 0; i < k; i++) ys.push(op());
        await Promise.all(ys.map((y) => y.blockUntilReady()));
        for (const y of ys) y.dispose();
      };
      cleanup.push(() => {
        x.dispose();
        w.dispose();
      });
    }

    // Two phases, each in alternating rounds: dlnet against ONNX Runtime
    // (the ratio the targets judge), then the WebGPU peers against each other.
    // Peers in dlnet's rotation slowed dlnet's rounds after theirs: at 1024³
    // dlnet's best round was 42.8 GFLOP/s with tfjs-webgpu in the rotation
    // against 56-57 with ONNX Runtime alone (52.6 with jax-js), in one
    // process, quiet machine. dlnet and ONNX Runtime take at least MIN_ROUNDS
    // rounds each: a best-of-3 (what 1024³'s budget gave when all four
    // alternated, ~1.1 s a round) is a noisier best.
    const phase = async (names: string[], minRounds?: number) => {
      const here = Object.fromEntries(Object.entries(contestants).filter(([k]) => names.includes(k)));
      if (!Object.keys(here).length) return {};
      return timeInterleaved(
        here,
        Object.fromEntries(Object.keys(here).map((k) => [k, n])),
        {
          budgetMs: budget / 2,
          minRoundsOf: minRounds ? Object.fromEntries(Object.keys(here).map((k) => [k, minRounds])) : undefined,
          // Each round as the framework would run alone (RoundHygiene): ONNX Runtime's spinning workers stopped, threads woken.
          hygiene: aloneAgainstOrt(Object.keys(here), "onnxruntime-cpu"),
        },
      );
    };
    const times = {
      ...(await phase(["dlnet-webgpu", "onnxruntime-cpu"], opts.quick ? MIN_ROUNDS_QUICK : MIN_ROUNDS)),
      ...(await phase(["tfjs-webgpu", "jaxjs-webgpu"])),
    };
    for (const f of cleanup) await f();
    // Best round, as kernel benchmarks report: on a shared machine the median
    // measures the other processes as much as the kernel (medians are kept too).
    const best = (f: string) => {
      const t = times[f];
      return t ? row(f, t.minMs, { medianMs: round(t.ms), rounds: t.reps / n }) : undefined;
    };
    rows.push({ ...best("dlnet-webgpu")!, kernels: exe.program.kernels.map((k) => k.kernel.name) });
    rows.push(best("onnxruntime-cpu") ?? row("onnxruntime-cpu", undefined, { skipped: ortReason }));
    if (!opts.noPeers) {
      rows.push(best("tfjs-webgpu") ?? row("tfjs-webgpu", undefined, { skipped: tfReason }));
      rows.push(best("jaxjs-webgpu") ?? row("jaxjs-webgpu", undefined, { skipped: jaxReason }));
    }
  }
  const ratio = (c: KernelCase, peer: string) => {
    const d = rows.find((r) => r.case === c.id && r.framework === "dlnet-webgpu")?.gflops;
    const p = rows.find((r) => r.case === c.id && r.framework === peer)?.gflops;
    return d !== undefined && p !== undefined ? round(d / p) : undefined;
  };
  return {
    cases,
    rows,
    vsOrt: Object.fromEntries(cases.map((c) => [c.id, ratio(c, "onnxruntime-cpu")])),
    vsTfjs: Object.fromEntries(cases.map((c) => [c.id, ratio(c, "tfjs-webgpu")])),
    vsJax: Object.fromEntries(cases.map((c) => [c.id, ratio(c, "jaxjs-webgpu")])),
  };
}
