// Row kernels (reductions with their producers as prologue and consumers as
// per-element or per-row outputs) through the real pipeline, against the
// float64 reference interpreter.

import { afterAll, describe, expect, it } from "vitest";
import * as b from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import type { Graph } from "../../../../src/compiler/ir/graph";
import { makeTensor } from "../../../../src/compiler/tensor";
import { expectReference, openTestGpu, randomInputs } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

function graph(f: (gb: GraphBuilder) => void): Graph {
  const gb = new GraphBuilder();
  f(gb);
  return gb.build();
}

describe.skipIf(!gpu)(`row kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  it("sum of squares over a middle axis longer than a workgroup (prologue x*x): one kernel", async () => {
    const g = graph((gb) => {
      const x = gb.input("x", "f32", [3, 300, 7]);
      gb.output("y", b.sum(b.mul(x, x), 1));
    });
    expect((await expectReference(gpu!, g)).dispatchCount).toBe(1);
  });

  it("mean over axes 0 and 2, max over the last axis, on a 2-D grid", async () => {
    const g = graph((gb) => {
      const x = gb.input("x", "f32", [4, 6, 5]);
      gb.output("mean", b.mean(x, [0, 2]));
      gb.output("max", b.amax(x, 2));
    });
    // At most 5 workgroups per dimension: 24 rows need a 5x5 grid.
    const { program } = await expectReference(gpu!, g, randomInputs(g, 2), { maxWorkgroupsPerDimension: 5 });
    expect(program.kernels.some((k) => k.kernel.workgroups[1] > 1)).toBe(true);
  });

  it("softmax over the last axis in one kernel", async () => {
    const g = graph((gb) => gb.output("y", b.softmax(b.mul(gb.input("x", "f32", [5, 130]), 4))));
    expect((await expectReference(gpu!, g, randomInputs(g, 3), {}, { atol: 1e-6 })).dispatchCount).toBe(1);
  });

  it("log-softmax + NLL with integer labels: per-row loss and log-probabilities", async () => {
    const g = graph((gb) => {
      const logp = b.logSoftmax(b.mul(gb.input("x", "f32", [6, 10]), 5), 1);
      gb.output("loss", b.nllLoss(logp, gb.input("labels", "i32", [6]), { reduction: "none" }));
      gb.output("logp", logp);
    });
    const inputs = { ...randomInputs(g, 4), labels: makeTensor("i32", [6], [3, 0, 9, 9, 1, 5]) };
    expect((await expectReference(gpu!, g, inputs)).dispatchCount).toBe(1);
  });

  it("layer norm with gamma and beta in one kernel", async () => {
    const g = graph((gb) => {
      const x = b.add(b.mul(gb.input("x", "f32", [3, 4, 50]), 3), 1);
      gb.output("y", b.layerNorm(x, 1, 1e-5, gb.input("gamma", "f32", [50]), gb.input("beta", "f32", [50])));
    });
    expect((await expectReference(gpu!, g, randomInputs(g, 5))).dispatchCount).toBe(1);
  });
});
