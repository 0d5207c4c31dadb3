// examples/binarized.dlnet: checks clean, and learns through its binarized
// layers: sign() has a zero derivative almost everywhere, so the hidden
// layers train only through the op's straight-through grad. A short run lowers
// the loss and classifies held-out digits.

import { describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/index";
import { expectChecksClean, shortRun, trainSpecOf } from "./harness";

describe("examples/binarized.dlnet", () => {
  it("checks clean", () => expectChecksClean("binarized"));

  it("learns digits in 30 steps through the straight-through estimator", { timeout: 180_000 }, async () => {
    const spec = trainSpecOf("binarized");
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 30, dataset: mnist({ train: 960, test: 200 }) });
    expect(last).toBeLessThan(0.7 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.6);
  });
});
