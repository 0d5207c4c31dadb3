// examples/mnist_mlp.dlnet: checks clean; a short run of its train block on
// 1,280 real digits (constant lr: the file's 100 warmup steps alone would
// outlast the run) lowers the loss and classifies held-out digits far above
// chance.

import { describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/index";
import { expectChecksClean, shortRun, trainSpecOf } from "./harness";

describe("examples/mnist_mlp.dlnet", () => {
  it("checks clean", () => expectChecksClean("mnist_mlp"));

  it("learns digits in 40 steps", { timeout: 180_000 }, async () => {
    const { schedule: _warmupAndCosine, ...spec } = trainSpecOf("mnist_mlp");
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 40, dataset: mnist({ train: 1280, test: 500 }) });
    expect(last).toBeLessThan(0.5 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.8);
  });
});
