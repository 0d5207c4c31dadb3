// examples/reverse.dlnet: checks clean; a short run of the LSTM on the
// answer-only loss (logits[:, 4:9]) goes from guessing to writing digits that
// are right far more often than chance (1 in 10 per digit).

import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { text } from "../../src/runtime/data/index";
import { expectChecksClean, ROOT, shortRun, trainSpecOf } from "./harness";

describe("examples/reverse.dlnet", () => {
  it("checks clean", () => expectChecksClean("reverse"));

  it("learns to answer in 40 steps", { timeout: 180_000 }, async () => {
    const spec = trainSpecOf("reverse");
    const dataset = text({ path: join(ROOT, "examples/data/reverse.txt"), context: 10, test: 100 });
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 40, dataset });
    // ln(12) ≈ 2.48 at the start (12 characters); the digits and the newline are learnt first.
    expect(first).toBeGreaterThan(2);
    expect(last).toBeLessThan(0.75 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.2);
  });
});
