// examples/swish.dlnet: the custom op with its hand-written derivative checks
// clean and trains: a short run (constant lr: the file's 100 warmup steps
// alone would outlast it) lowers the loss and classifies held-out digits.

import { describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/index";
import { expectChecksClean, shortRun, trainSpecOf } from "./harness";

describe("examples/swish.dlnet", () => {
  it("checks clean", () => expectChecksClean("swish"));

  it("learns digits in 40 steps through the custom op's gradient", { timeout: 180_000 }, async () => {
    const { schedule: _warmupAndCosine, ...spec } = trainSpecOf("swish");
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 40, dataset: mnist({ train: 1280, test: 500 }) });
    expect(last).toBeLessThan(0.5 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.8);
  });
});
