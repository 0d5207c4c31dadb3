// examples/resnet.dlnet: checks clean; the blocks that change stride or width
// (and only those) carry a 1x1 projection, with torch's parameter count; six
// steps of the file's optimizer (constant lr) on one batch of 16 digits fit
// them: the loss falls by more than 40%.
// (Seconds a step on the reference interpreter: kept short.)

import { describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/index";
import { expectChecksClean, shortRun, trainSpecOf } from "./harness";

describe("examples/resnet.dlnet", () => {
  it("checks clean", () => expectChecksClean("resnet"));

  it("projects the shortcut exactly where a block changes stride or width", () => {
    const spec = trainSpecOf("resnet");
    const projections = spec.model.parameters.map((p) => p.path).filter((p) => /\.conv2d_2\.weight$/.test(p));
    // Stage 0 keeps the stem's width at stride 1; stages 1 and 2 double it at stride 2, in their first block.
    expect(projections).toEqual(["repeat_0.1.basic_block_0.conv2d_2.weight", "repeat_0.2.basic_block_0.conv2d_2.weight"]);
    // torch's ResNet of docs/examples.md: 44,226 parameters plus 560 BatchNorm running-statistic elements.
    const count = (buffer: boolean) =>
      spec.model.parameters.filter((p) => p.buffer === buffer).reduce((n, p) => n + p.shape.reduce((a, b) => a * (b as number), 1), 0);
    expect([count(false), count(true)]).toEqual([44_226, 560]);
  });

  it("fits 16 digits in 6 steps", { timeout: 240_000 }, async () => {
    // Every gradient path (stem, both block kinds, projections, BatchNorm) has to be right
    // for the loss to fall this fast: 2.43, 2.08, 1.77, 1.50, 1.28, 1.08 with this seed.
    const { schedule: _warmupAndCosine, ...spec } = trainSpecOf("resnet");
    const { first, last } = await shortRun({ ...spec, epochs: 6 }, { batch: 16, steps: 6, dataset: mnist({ train: 16, test: 16 }), window: 2 });
    expect(last).toBeLessThan(0.6 * first);
  });
});
