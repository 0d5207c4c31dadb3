// examples/tiny_gpt.dlnet: checks clean; a short run of the Adder (a 2-block
// TinyGPT) on the answer-only loss lowers it and predicts sum digits better
// than chance.

import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { text } from "../../src/runtime/data/index";
import { expectChecksClean, ROOT, shortRun, trainSpecOf } from "./harness";

describe("examples/tiny_gpt.dlnet", () => {
  it("checks clean", () => expectChecksClean("tiny_gpt"));

  it("starts learning addition in 30 steps", { timeout: 180_000 }, async () => {
    const spec = trainSpecOf("tiny_gpt");
    const dataset = text({ path: join(ROOT, "examples/data/addition.txt"), context: 10, test: 200 });
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 30, dataset });
    // ln(13) ≈ 2.56 at the start; an untrained model is right on ~1 digit in 13.
    expect(first).toBeGreaterThan(2);
    expect(last).toBeLessThan(0.8 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.2);
  });
});
