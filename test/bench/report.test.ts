// The benchmark page's judgement of issue #14's targets, and the run history
// line that counts them (bench/report/markdown.ts judgeTargets,
// bench/report/history.ts entry), on a run made up to sit on both sides of
// the bounds.

import { describe, expect, it } from "vitest";
import { judgeTargets } from "../../bench/report/markdown";
import { entry, history } from "../../bench/report/history";

const run = {
  environment: { date: "2026-12-07T05:00:00.000Z", versions: { commit: "abc1234" }, loadAtStart: [0.5, 0.4, 0.3] },
  parts: {
    step: { at: "2026-12-07T05:00:01.000Z", rows: [], ratios: { mnist_mlp: 0.05, mnist_cnn: 0.25 } },
    kernels: {
      rows: [],
      cases: [{ id: "matmul 512³" }, { id: "matmul 1024³" }, { id: "conv 64×1×28×28 → 16, 3×3" }],
      vsOrt: { "matmul 512³": 0.31, "matmul 1024³": 0.29, "conv 64×1×28×28 → 16, 3×3": 0.4 },
      vsTfjs: { "matmul 512³": 9, "matmul 1024³": 10, "conv 64×1×28×28 → 16, 3×3": 3 },
      vsJax: { "matmul 512³": 12, "matmul 1024³": 13, "conv 64×1×28×28 → 16, 3×3": 0.9 },
    },
    infer: { rows: [{ model: "mnist_mlp" }, { model: "mnist_cnn" }], ratios: { mnist_mlp: { "1": 9, "256": 3.2 }, mnist_cnn: { "1": 10, "256": 5.1 } } },
    compile: {
      rows: [
        { example: "resnet", totalMs: 49.9, totalCpuMs: 52 },
        { example: "mnist_mlp", totalMs: 2, totalCpuMs: 2 },
      ],
      big: { checkMs: 19.9, checkCpuMs: 20, checkParsedMs: 6, checkParsedCpuMs: 6 },
    },
    host: { replay: [{ model: "mnist_mlp", ratio: 1.31 }], memoryRatios: { mnist_mlp: 0.4, mnist_cnn: 0.5 } },
  },
};

describe("issue #14's targets on a run", () => {
  it("judges each target against its bound, and counts the met ones in the run's history line", () => {
    const met = Object.fromEntries(judgeTargets(run).map((t) => [t.cells[0], t.met]));
    expect(met).toEqual({
      "SimpleNet training step ≤ 0.1× tfjs-webgpu": true,
      "MNIST CNN training step ≤ 0.2× tfjs-webgpu": false,
      "matmul 512³ and 1024³ ≥ 30% of ONNX Runtime CPU's GFLOP/s": false,
      "every conv case ≥ 20% of ONNX Runtime CPU's GFLOP/s": true,
      "faster than tfjs-webgpu and jax-js on every kernel case (shown: the ratio to the faster of the two)": false,
      "batch-256 inference within 5× ONNX Runtime CPU": false,
      "check of a 2,000-line file < 20 ms (warm)": true,
      "SimpleNet step through `Executable.run` within 1.3× of its kernels replayed": false,
      "peak GPU buffer bytes of a training step below tfjs-webgpu's": true,
      "compile of every example < 50 ms (warm)": true,
    });
    const line = entry(run);
    expect(line).toEqual({
      date: "2026-12-07T05:00:01.000Z",
      commit: "abc1234",
      load: 0.5,
      stepRatios: { mnist_mlp: 0.05, mnist_cnn: 0.25 },
      matmul512VsOrt: 0.31,
      matmul1024VsOrt: 0.29,
      infer256VsOrt: { mnist_mlp: 3.2, mnist_cnn: 5.1 },
      checkMs: 19.9,
      slowestCompileMs: 49.9,
      targetsMet: [5, 10],
    });
  });

  it("leaves out what a run did not measure, and replaces a run's line when the same run is written again", () => {
    const partial = { environment: { date: "2026-12-07T06:00:00.000Z" }, parts: { compile: run.parts.compile } };
    expect(entry(partial)).toMatchObject({ targetsMet: [2, 2], matmul512VsOrt: undefined, slowestCompileMs: 49.9 });
    const h = history({ history: [entry(run)] }, partial);
    expect(h.map((x) => x.date)).toEqual([run.parts.step.at, "2026-12-07T06:00:00.000Z"]);
    expect(history({ history: h }, partial)).toHaveLength(2);
  });
});
