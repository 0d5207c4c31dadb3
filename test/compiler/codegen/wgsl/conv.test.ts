// Convolutions and their two gradients through the real pipeline (fusion,
// kernel plan, the GEMM templates of conv.ts) on each strategy, against the
// float64 reference interpreter.

import { afterAll, describe, expect, it } from "vitest";
import { cpuLanes } from "../../../../src/runtime/webgpu/executor";
import * as b from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import type { Graph } from "../../../../src/compiler/ir/graph";
import { convOutDim } from "../../../../src/compiler/dims";
import { vectorX, type Conv2dShape } from "../../../../src/compiler/codegen/wgsl/conv";
import { expectReference, openTestGpu, randomInputs } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

type ConvCase = Conv2dShape;

function outSize(s: ConvCase): [number, number] {
  const d = (n: number, k: number, i: 0 | 1) => convOutDim(n, k, s.stride[i], s.padding[i], s.dilation[i]) as number;
  return [d(s.H, s.KH, 0), d(s.W, s.KW, 1)];
}

/** y = conv2d(x, w), dx = its input gradient for dy, dw = its weight gradient for dy: three kernels. */
function convGraph(s: ConvCase): Graph {
  const [OH, OW] = outSize(s);
  const attrs = { stride: s.stride, padding: s.padding, dilation: s.dilation, groups: s.groups };
  const gb = new GraphBuilder();
  const xShape = [s.N, s.C, s.H, s.W];
  const wShape = [s.O, s.C / s.groups, s.KH, s.KW];
  const x = gb.input("x", "f32", xShape);
  const w = gb.input("w", "f32", wShape);
  const dy = gb.input("dy", "f32", [s.N, s.O, OH, OW]);
  gb.output("y", b.conv2d(x, w, attrs));
  gb.output("dx", b.conv2dGradInput(dy, w, xShape, attrs));
  gb.output("dw", b.conv2dGradWeight(x, dy, wShape, attrs));
  return gb.build();
}

const base = { stride: [1, 1] as [number, number], padding: [0, 0] as [number, number], dilation: [1, 1] as [number, number], groups: 1 };
const cases: ConvCase[] = [
  { ...base, N: 2, C: 3, H: 7, W: 6, O: 5, KH: 3, KW: 3, padding: [1, 1] },
  { N: 1, C: 4, H: 9, W: 8, O: 6, KH: 3, KW: 2, stride: [2, 1], padding: [1, 0], dilation: [2, 1], groups: 2 },
  { ...base, N: 3, C: 4, H: 5, W: 5, O: 4, KH: 3, KW: 3, stride: [2, 2], padding: [1, 1], groups: 4 },
];

describe.skipIf(!gpu)(`conv2d kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  // Every shape on `direct` (what lavapipe runs); the grouped, strided,
  // dilated one on `broadcast` too where subgroups are 8 lanes wide.
  // `cpu` (lavapipe's default) on a layer of the MNIST CNN's size at batch
  // 10, big enough for `broadcast` in all three (16 output channels, 4.5M
  // multiply-adds each).
  const cnnLayer: ConvCase = { ...base, N: 10, C: 16, H: 14, W: 14, O: 16, KH: 3, KW: 3, padding: [1, 1] };
  const runs = [
    ...cases.map((c) => ({ c, strategy: "direct" as const })),
    ...((gpu !== undefined && cpuLanes(gpu.handle)) ? [{ c: cases[1], strategy: "broadcast" as const }] : []),
    { c: cnnLayer, strategy: "cpu" as const },
  ];
  for (const { c, strategy } of runs) {
    it(`forward, grad input, grad weight (${strategy}): ${JSON.stringify(c)}`, async () => {
      const g = convGraph(c);
      const { dispatchCount } = await expectReference(gpu!, g, randomInputs(g, 1), { strategy }, { atol: 1e-4, rtol: 1e-3 });
      expect(dispatchCount).toBe(3);
    });
  }

  // `broadcast` forward with x read by vec4s (vectorX: W and OW multiples of
  // 4, horizontal stride 1; its backward kernels are the ones above):
  // horizontal tap offsets of every residue mod 4 (KW = 5 with padding 2;
  // dilation 3 with padding 3, beside a vertical stride and groups), and
  // O = 64 for the 64-row block.
  const vecX: ConvCase[] = [
    { ...base, N: 2, C: 3, H: 5, W: 8, O: 64, KH: 3, KW: 5, padding: [1, 2] },
    { N: 3, C: 4, H: 9, W: 12, O: 16, KH: 2, KW: 3, stride: [2, 1], padding: [0, 3], dilation: [1, 3], groups: 2 },
  ];
  for (const s of vecX)
    it.skipIf(!(gpu !== undefined && cpuLanes(gpu.handle)))(`forward, x by vec4s (broadcast): ${JSON.stringify(s)}`, async () => {
      expect(vectorX(s, "broadcast")).toBe(true);
      const gb = new GraphBuilder();
      gb.output("y", b.conv2d(gb.input("x", "f32", [s.N, s.C, s.H, s.W]), gb.input("w", "f32", [s.O, s.C / s.groups, s.KH, s.KW]), s));
      const g = gb.build();
      const { program } = await expectReference(gpu!, g, randomInputs(g, 7), { strategy: "broadcast" }, { atol: 1e-4, rtol: 1e-3 });
      expect(program.kernels[0].kernel.wgsl).toContain("fn load0v");
    });

  // `cpu`'s forward is the strip kernel (conv-strip.ts): a strip that is a
  // whole row (13 columns), strips cut short by OW (19 columns in strips of
  // 5), partial channel blocks (20 of 16 + 16),
  // strides and dilations along each axis, groups, and a fused bias + relu
  // epilogue (its per-channel lines run once per channel).
  it.skipIf(!(gpu !== undefined && cpuLanes(gpu.handle)))("forward as strips (cpu): odd widths, channel blocks, strides, dilation, groups, fused max-pools", async () => {
    // (Reductions C/groups x KH x KW of at least 16: shorter ones take the implicit GEMM unless pooled.)
    const strips: ConvCase[] = [
      { ...base, N: 2, C: 3, H: 7, W: 13, O: 20, KH: 3, KW: 3, padding: [1, 1] },
      { N: 1, C: 8, H: 9, W: 20, O: 6, KH: 3, KW: 2, stride: [2, 1], padding: [1, 0], dilation: [2, 1], groups: 2 },
      { ...base, N: 2, C: 2, H: 4, W: 3, O: 20, KH: 3, KW: 3, padding: [1, 1] },
    ];
    const gb = new GraphBuilder();
    strips.forEach((s, i) => {
      const x = gb.input(`x${i}`, "f32", [s.N, s.C, s.H, s.W]);
      const y = b.conv2d(x, gb.input(`w${i}`, "f32", [s.O, s.C / s.groups, s.KH, s.KW]), s);
      gb.output(`y${i}`, i === 0 ? b.relu(b.add(y, gb.input("bias", "f32", [s.O, 1, 1]))) : y);
    });
    // Max-pools done in the strip kernel's store (fusion.ts fusePools): 2x2
    // after bias + relu with an odd row and column left out (floor mode; 11
    // windows a row in strips of 4), and
    // 3x2 windows after a conv with horizontal stride and dilation (a
    // reduction of 12, pooled, so still strips).
    const pooled: [ConvCase, number[]][] = [
      [{ ...base, N: 2, C: 3, H: 9, W: 23, O: 20, KH: 3, KW: 3, padding: [1, 1] }, [2, 2]],
      [{ ...base, N: 1, C: 2, H: 10, W: 13, O: 3, KH: 2, KW: 3, stride: [1, 2], padding: [0, 2], dilation: [2, 2] }, [3, 2]],
    ];
    pooled.forEach(([s, kernel], i) => {
      const x = gb.input(`px${i}`, "f32", [s.N, s.C, s.H, s.W]);
      let y = b.conv2d(x, gb.input(`pw${i}`, "f32", [s.O, s.C / s.groups, s.KH, s.KW]), s);
      if (i === 0) y = b.relu(b.add(y, gb.input("pbias", "f32", [s.O, 1, 1])));
      gb.output(`p${i}`, b.maxPool2d(y, { kernel }));
    });
    const g = gb.build();
    const { program, dispatchCount } = await expectReference(gpu!, g, randomInputs(g, 5), { strategy: "cpu" }, { atol: 1e-4, rtol: 1e-3 });
    expect(dispatchCount).toBe(strips.length + pooled.length);
    const names = program.kernels.map((k) => k.kernel.name);
    expect(names.every((n) => n.startsWith("conv2d_strip"))).toBe(true);
    expect(names.filter((n) => n.includes("maxpool"))).toHaveLength(pooled.length);
    expect(names.slice(0, 2)).toEqual(["conv2d_strip16x13", "conv2d_strip3x5"]);
    // Stores unrolled, or in loops where unrolled they would be long (conv-strip.ts
    // MAX_UNROLLED_STORE_LINES): each form with a partial channel block, columns cut short, and a pool.
    const looped = program.kernels.map((k) => k.kernel.wgsl.includes("var accs = array"));
    expect(names.slice(2)).toEqual(["conv2d_strip16x3", "conv2d_strip16x2x8_maxpool2x2", "conv2d_strip3x3x6_maxpool3x2"]);
    expect(looped).toEqual([true, false, false, true, false]);
  });

  it("tiled forward with a fused bias + relu epilogue", async () => {
    const s = cases[1];
    const gb = new GraphBuilder();
    const x = gb.input("x", "f32", [s.N, s.C, s.H, s.W]);
    const w = gb.input("w", "f32", [s.O, s.C / s.groups, s.KH, s.KW]);
    const bias = gb.input("bias", "f32", [s.O, 1, 1]);
    gb.output("y", b.relu(b.add(b.conv2d(x, w, s), bias)));
    const g = gb.build();
    const { dispatchCount } = await expectReference(gpu!, g, randomInputs(g, 4), { strategy: "tiled" });
    expect(dispatchCount).toBe(1);
  });

  // Weight gradients with few outputs and long reductions run as grouped ones over parts of
  // the batch (passes/split-weight-gradients.ts), their parts added with the SGD update fused.
  const splitCases: ConvCase[] = [
    { ...base, N: 16, C: 1, H: 28, W: 28, O: 16, KH: 3, KW: 3, padding: [1, 1] },
    { N: 16, C: 4, H: 28, W: 30, O: 6, KH: 3, KW: 2, stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2 },
  ];
  for (const strategy of ["cpu", "tiled"] as const)
    it.skipIf(strategy === "cpu" && !(gpu !== undefined && cpuLanes(gpu.handle)))(`weight gradients split into batch parts (${strategy})`, async () => {
      const gb = new GraphBuilder();
      splitCases.forEach((s, i) => {
        const [OH, OW] = outSize(s);
        const x = gb.input(`x${i}`, "f32", [s.N, s.C, s.H, s.W]);
        const dy = gb.input(`dy${i}`, "f32", [s.N, s.O, OH, OW]);
        const wShape = [s.O, s.C / s.groups, s.KH, s.KW];
        const w = gb.input(`w${i}`, "f32", wShape);
        gb.output(`w${i}_next`, b.sub(w, b.mul(b.conv2dGradWeight(x, dy, wShape, s), 0.1)));
      });
      const g = gb.build();
      const { program } = await expectReference(gpu!, g, randomInputs(g, 9), { strategy }, { atol: 1e-4, rtol: 1e-3 });
      const grads = program.kernels.filter((k) => k.kernel.name.startsWith("conv2d_grad_weight"));
      expect(grads).toHaveLength(2);
      // 8 parts of one group, 4 parts of two: 8 groups each, each its own workgroups
      expect(grads.map((k) => k.kernel.workgroups[2])).toEqual([8, 8]);
    });
});
