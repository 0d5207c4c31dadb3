// examples/mnist_cnn.dlnet: checks clean; a short run (12 steps of batch 16,
// constant lr instead of the file's warmup, which alone would outlast the run)
// lowers the loss of the conv + residual + BatchNorm network and beats chance
// on held-out digits by far. (The reference interpreter's convolutions are
// slow: this is ~10 s of CPU time.)

import { describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/index";
import { expectChecksClean, shortRun, trainSpecOf } from "./harness";

describe("examples/mnist_cnn.dlnet", () => {
  it("checks clean", () => expectChecksClean("mnist_cnn"));

  it("learns digits in 12 steps", { timeout: 180_000 }, async () => {
    const { schedule: _warmupAndCosine, ...spec } = trainSpecOf("mnist_cnn");
    const { result, first, last } = await shortRun(spec, { batch: 16, steps: 12, dataset: mnist({ train: 192, test: 100 }), window: 3 });
    // From ln(10) ≈ 2.3 (the 12 losses run 2.40 … 1.70 with this seed); an untrained
    // network stays near 2.3 and 10% accuracy. Eval mode uses the BatchNorm
    // running statistics, which 12 steps have only started to move.
    expect(last).toBeLessThan(0.85 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.3);
  });
});
