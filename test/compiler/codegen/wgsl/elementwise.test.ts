// Elementwise kernels through the real pipeline (fusion, IR emitter, the
// per-element template), against the float64 reference interpreter.

import { afterAll, describe, expect, it } from "vitest";
import * as b from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import type { Graph } from "../../../../src/compiler/ir/graph";
import { elementsPerInvocation, PER_ELEMENT_MIN_GROUPS } from "../../../../src/compiler/codegen/wgsl/group-kernels";
import { expectReference, openTestGpu, randomInputs } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

function graph(f: (gb: GraphBuilder) => void): Graph {
  const gb = new GraphBuilder();
  f(gb);
  return gb.build();
}

describe.skipIf(!gpu)(`elementwise kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  it("broadcasts inputs and shares subexpressions (x * sigmoid(x) + b): one kernel reading x once", async () => {
    const g = graph((gb) => {
      const x = gb.input("x", "f32", [3, 5, 7]);
      gb.output("y", b.add(b.mul(x, b.sigmoid(x)), gb.input("b", "f32", [7])));
    });
    const { dispatchCount, program } = await expectReference(gpu!, g);
    expect(dispatchCount).toBe(1);
    // x is the first binding (t0): loaded once, its value shared by the product and the sigmoid.
    expect(program.kernels[0].kernel.wgsl.match(/\bt0\[/g)?.length).toBe(1);
  });

  it("writes several outputs, reads a middle-axis broadcast and an index", async () => {
    const g = graph((gb) => {
      const x = gb.input("x", "f32", [4, 3, 130]);
      const m = gb.input("m", "f32", [3, 1]);
      gb.output("relu", b.maximum(b.sub(x, m), 0));
      gb.output("positive", b.gt(x, 0));
      gb.output("index", b.add(b.mul(x, 0), b.cast(b.iota([4, 3, 130], 2), "f32")));
    });
    expect((await expectReference(gpu!, g, randomInputs(g, 3))).dispatchCount).toBe(1);
  });

  it("emits non-finite constants (WGSL rejects them in constant expressions)", async () => {
    const g = graph((gb) => {
      const x = gb.input("x", "f32", [9]);
      gb.output("o", b.where(b.gt(x, 0), x, b.constant(-Infinity)));
      gb.output("nan", b.add(x, b.constant(NaN)));
    });
    await expectReference(gpu!, g, randomInputs(g, 5));
  });
});

describe("elements per invocation of per-element kernels", () => {
  it("GPUs one; CPU adapters up to 64 while 32 workgroups remain", () => {
    expect(elementsPerInvocation(1 << 20, "tiled")).toBe(1);
    expect(elementsPerInvocation(4095, "cpu")).toBe(1);
    expect(elementsPerInvocation(4096, "cpu")).toBe(2);
    expect(elementsPerInvocation(200704, "cpu")).toBe(64);
    for (const n of [1, 100, 5000, 65536, 1e6, 1e8]) {
      const per = elementsPerInvocation(n, "direct");
      expect(per === 1 || Math.ceil(n / (64 * per)) >= PER_ELEMENT_MIN_GROUPS).toBe(true);
      expect(per).toBeLessThanOrEqual(64);
    }
  });
});
