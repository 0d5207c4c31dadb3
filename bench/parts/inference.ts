// Part 2: inference of the same model, exported to ONNX and run by ONNX
// Runtime (CPU), against dlnet's own WebGPU executable. Latency at batch 1 and
// throughput at batch 256; both include getting the logits back to the host
// (an inference answer is only useful there).

import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { specialize } from "../../src/compiler/ir/graph";
import { makeTensor } from "../../src/compiler/tensor";
import { compileForWebGPU } from "../../src/runtime/webgpu/executor";
import { dlnetGpu, loadOrt, log, randomData, round, timeInterleaved, type Options } from "../lib/common";
import { checkExample, dlnetInference, TRAIN_EXAMPLES } from "../lib/models";

export interface InferRow {
  model: string;
  label: string;
  framework: string;
  batch: number;
  /** ms per call (median round). */
  ms?: number;
  /** samples per second. */
  samplesPerS?: number;
  skipped?: string;
}

export interface InferResult {
  rows: InferRow[];
  /** ONNX model sizes (bytes) per model. */
  onnxBytes: Record<string, number>;
  /** dlnet WebGPU ms / ORT ms, per model and batch. */
  ratios: Record<string, Record<string, number | undefined>>;
}

const BATCHES = [1, 256];

export async function inferenceBench(opts: Options): Promise<InferResult> {
  const budget = opts.quick ? 1000 : 4000;
  const rows: InferRow[] = [];
  const onnxBytes: Record<string, number> = {};
  const ratios: InferResult["ratios"] = {};
  const gpu = await dlnetGpu();
  const { ort, reason } = await loadOrt();
  for (const ex of TRAIN_EXAMPLES) {
    const { spec } = checkExample(ex.path);
    const inf = dlnetInference(spec);
    const exported = exportOnnx(inf.graph, { params: inf.params, name: spec.model.name });
    const errors = exported.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`${ex.id}: ONNX export failed: ${errors.map((d) => d.message).join("; ")}`);
    onnxBytes[ex.id] = exported.bytes.length;
    const session = ort ? await ort.InferenceSession.create(exported.bytes) : undefined;
    ratios[ex.id] = {};
    for (const batch of BATCHES) {
      const shape = inf.inputShape(batch);
      const n = shape.reduce((p, d) => p * d, 1);
      const data = randomData(n, batch);
      const row = (framework: string, ms?: number, skipped?: string): InferRow => ({
        model: ex.id,
        label: ex.label,
        framework,
        batch,
        ms: ms === undefined ? undefined : round(ms),
        samplesPerS: ms === undefined ? undefined : round((batch * 1000) / ms),
        skipped,
      });
      const reps = batch === 1 ? 20 : 2;

      log(`infer ${ex.id} batch ${batch}`);
      // ORT and dlnet in alternating rounds (see timeInterleaved).
      const contestants: Record<string, (k: number) => Promise<void>> = {};
      if (session) {
        const feeds = { [inf.input]: new ort.Tensor("float32", data, shape) };
        contestants.ort = async (k) => {
          for (let i = 0; i < k; i++) await session.run(feeds);
        };
      }
      const g = specialize(inf.graph, { [inf.batchDim]: batch });
      const exe = await compileForWebGPU(g, gpu);
      const x = makeTensor("f32", shape, data);
      await exe.run({ [inf.input]: x, ...Object.fromEntries(inf.params) }, { readback: [inf.output] });
      contestants.dlnet = async (k) => {
        for (let i = 0; i < k; i++) await exe.run({ [inf.input]: x }, { readback: [inf.output] });
      };
      const t = await timeInterleaved(contestants, { ort: reps, dlnet: reps }, { budgetMs: budget });
      exe.destroy();
      rows.push(t.ort ? row("onnxruntime-cpu", t.ort.ms) : row("onnxruntime-cpu", undefined, reason));
      rows.push(row("dlnet-webgpu", t.dlnet.ms));
      ratios[ex.id][String(batch)] = t.ort ? round(t.dlnet.ms / t.ort.ms) : undefined;
    }
    await session?.release?.();
  }
  return { rows, onnxBytes, ratios };
}
