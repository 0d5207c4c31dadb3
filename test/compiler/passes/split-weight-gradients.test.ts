// splitWeightGradients: a weight gradient with few outputs and a long
// reduction becomes a grouped one over interleaved parts of the batch, its
// parts added. The oracle is the reference interpreter in float64 on the
// graph before and after, over strides, paddings, dilations and groups.

import { describe, expect, it } from "vitest";
import * as b from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import type { Graph } from "../../../src/compiler/ir/graph";
import { convOutDim } from "../../../src/compiler/dims";
import type { Conv2dShape } from "../../../src/compiler/codegen/wgsl/conv";
import { splitWeightGradients, weightGradientParts } from "../../../src/compiler/passes/split-weight-gradients";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { randomInputs } from "../../runtime/webgpu/gpu";

function gradWeight(c: Conv2dShape): Graph {
  const d = (n: number, k: number, i: 0 | 1) => convOutDim(n, k, c.stride[i], c.padding[i], c.dilation[i]) as number;
  const [OH, OW] = [d(c.H, c.KH, 0), d(c.W, c.KW, 1)];
  const gb = new GraphBuilder();
  const x = gb.input("x", "f32", [c.N, c.C, c.H, c.W]);
  const dy = gb.input("dy", "f32", [c.N, c.O, OH, OW]);
  const attrs = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
  gb.output("dw", b.conv2dGradWeight(x, dy, [c.O, c.C / c.groups, c.KH, c.KW], attrs));
  return gb.build();
}

const one: [number, number] = [1, 1];
const cases: Conv2dShape[] = [
  // the MNIST CNN's first layer at batch 16: 144 outputs over 12,544 terms
  { N: 16, C: 1, H: 28, W: 28, O: 16, KH: 3, KW: 3, stride: one, padding: one, dilation: one, groups: 1 },
  { N: 16, C: 4, H: 28, W: 30, O: 6, KH: 3, KW: 2, stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2 },
  { N: 12, C: 6, H: 30, W: 20, O: 9, KH: 2, KW: 3, stride: [1, 2], padding: [0, 2], dilation: [2, 1], groups: 3 },
];

describe("splitWeightGradients", () => {
  it("splits into powers of two that divide the batch and keep each part's reduction long", () => {
    expect(weightGradientParts(144, 64, 784)).toBe(16);
    expect(weightGradientParts(144, 16, 784)).toBe(8); // 16 parts: 784 terms each
    expect(weightGradientParts(144, 12, 784)).toBe(4); // 8 does not divide 12
    expect(weightGradientParts(4608, 64, 196)).toBe(2);
    expect(weightGradientParts(8192, 64, 784)).toBe(1); // outputs enough already
    expect(weightGradientParts(144, 64, 8)).toBe(1); // reductions too short
  });

  for (const c of cases)
    it(`the same weight gradient (float64 reference): ${JSON.stringify(c)}`, () => {
      const g = gradWeight(c);
      const split = splitWeightGradients(g);
      const conv = split.nodes().find((n) => n.op === "conv2d_grad_weight")!;
      const parts = (conv.attrs as { groups: number }).groups / c.groups;
      expect(parts).toBeGreaterThan(1);
      expect(conv.shape[0]).toBe(parts * c.O);
      const inputs = randomInputs(g, 3);
      const want = runReference(g, inputs, { f64: true }).dw.data;
      const got = runReference(split, inputs, { f64: true }).dw.data;
      expect(got.length).toBe(want.length);
      let err = 0;
      for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
      expect(err).toBeLessThan(1e-9);
    });

  it("leaves gradients with many outputs or short reductions alone", () => {
    const g = gradWeight({ N: 2, C: 3, H: 7, W: 6, O: 5, KH: 3, KW: 3, stride: one, padding: one, dilation: one, groups: 1 });
    expect(splitWeightGradients(g)).toBe(g);
  });
});
