// examples/char_lstm.dlnet: checks clean; a short run on the generated
// sentences takes the next-character loss from ln(96) (uniform over the
// model's 96 classes) to a model that knows the common letters.

import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { text } from "../../src/runtime/data/index";
import { expectChecksClean, ROOT, shortRun, trainSpecOf } from "./harness";

describe("examples/char_lstm.dlnet", () => {
  it("checks clean", () => expectChecksClean("char_lstm"));

  it("learns character statistics in 25 steps", { timeout: 180_000 }, async () => {
    const spec = trainSpecOf("char_lstm");
    const dataset = text({ path: join(ROOT, "examples/data/sentences.txt"), context: 32, test: 32 });
    const { result, first, last } = await shortRun(spec, { batch: 16, steps: 25, dataset });
    expect(first).toBeGreaterThan(3.5);
    expect(last).toBeLessThan(2.6);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.3);
  });
});
