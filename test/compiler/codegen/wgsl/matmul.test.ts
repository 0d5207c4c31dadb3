// Matrix products through the real pipeline (fusion, kernel plan, GEMM
// templates) on every strategy, against the float64 reference interpreter.

import { afterAll, describe, expect, it } from "vitest";
import { cpuLanes } from "../../../../src/runtime/webgpu/executor";
import * as b from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import type { Graph } from "../../../../src/compiler/ir/graph";
import { chooseTile, type GemmStrategy, type TileLimits } from "../../../../src/compiler/codegen/wgsl/gemm";
import { compileProgram, DEFAULT_TARGET } from "../../../../src/compiler/codegen/wgsl/pipeline";
import type { MatmulSpec } from "../../../../src/compiler/codegen/wgsl/matmul";
import { expectReference, openTestGpu, randomInputs } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

/** A batched product C[z] = op(A[z]) op(B[z]); a shared operand (`aShared`) is one matrix broadcast over the batch. */
type Case = Pick<MatmulSpec, "batch" | "M" | "N" | "K" | "transA" | "transB"> & { aShared?: boolean; bShared?: boolean };

/** The product as an IR graph: operands stored transposed are transposed in the graph (index math the GEMM loads fuse). */
function product(c: Case): Graph {
  const gb = new GraphBuilder();
  const a = gb.input("a", "f32", [...(c.aShared ? [] : [c.batch]), ...(c.transA ? [c.K, c.M] : [c.M, c.K])]);
  const w = gb.input("b", "f32", [...(c.bShared ? [] : [c.batch]), ...(c.transB ? [c.N, c.K] : [c.K, c.N])]);
  gb.output("c", b.matmul(c.transA ? b.transpose(a) : a, c.transB ? b.transpose(w) : w));
  return gb.build();
}

// (`broadcast` takes two k per loop iteration when K is even: K = 500, 44 and 100 below; one otherwise.)
const cases: Case[] = [
  { batch: 1, M: 1, N: 1, K: 1 },
  { batch: 2, M: 37, N: 29, K: 45 },
  { batch: 2, M: 37, N: 29, K: 45, transA: true },
  { batch: 3, M: 70, N: 13, K: 33, transB: true },
  { batch: 2, M: 17, N: 66, K: 9, transA: true, transB: true },
  { batch: 3, M: 65, N: 130, K: 31, bShared: true },
  { batch: 1, M: 130, N: 67, K: 500 }, // 8x8 register blocks in `direct`, 16x8 in `broadcast`
  { batch: 2, M: 9, N: 33, K: 7, transA: true, transB: true }, // `broadcast`: 16-row blocks, one partial
  // Multiples of 4 along the contiguous axes: vec4 operands (A along k or m, B along n or k), partial tiles.
  { batch: 2, M: 20, N: 36, K: 44 },
  { batch: 2, M: 20, N: 36, K: 44, transA: true, transB: true },
  { batch: 1, M: 127, N: 68, K: 12, transA: true }, // A scalar (127 rows), B vec4
  { batch: 3, M: 3, N: 17, K: 65, aShared: true },
  { batch: 1, M: 96, N: 260, K: 100 }, // `broadcast` 32x8 blocks with vec4 B, a partial column block
];

describe.skipIf(!gpu)(`matmul kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  // `broadcast` needs 8- or 16-lane subgroups (lavapipe has them: 16 with LP_NATIVE_VECTOR_WIDTH=512).
  const broadcast = (gpu !== undefined && cpuLanes(gpu.handle));
  const strategies = ["tiled", "direct", ...(broadcast ? ["broadcast" as const] : [])] as const;
  // Every shape on `direct` (what lavapipe runs); the odd and partial-block
  // ones on `broadcast`, a few on `tiled`, whose compiles cost 1.5-5 s each
  // on lavapipe (the epilogue test below runs every strategy too).
  // `tiled` (vec4 tiles in workgroup memory) on a scalar-only, a vec4 and a
  // transposed vec4 case, and on tiles chosen for larger device limits.
  const big: TileLimits = { maxWorkgroupStorage: 32768, maxInvocations: 1024 };
  const all: { c: Case; strategy: GemmStrategy; tileLimits?: TileLimits }[] = [
    ...cases.map((c) => ({ c, strategy: "direct" as const })),
    ...(broadcast ? [0, 2, 3, 4, 6, 7, 8, 9, 11, 12].map((i) => ({ c: cases[i], strategy: "broadcast" as const })) : []),
    ...[4, 8, 9].map((i) => ({ c: cases[i], strategy: "tiled" as const })),
    { c: cases[12], strategy: "tiled", tileLimits: big },
  ];
  for (const { c, strategy, tileLimits } of all) {
    it(`${strategy}${tileLimits ? " (large tiles)" : ""}: ${JSON.stringify(c)}`, async () => {
      const g = product(c);
      const { dispatchCount } = await expectReference(gpu!, g, randomInputs(g, 10 + c.M), { strategy, ...(tileLimits ? { tileLimits } : {}) });
      // The transposes are loads of the GEMM, not kernels of their own.
      expect(dispatchCount).toBe(1);
    });
  }

  it.each(strategies)("fuses an epilogue (%s): relu(acc + bias) + residual, keeps the pre-activation", async (strategy) => {
    const gb = new GraphBuilder();
    const a = gb.input("a", "f32", [2, 19, 40]);
    const w = gb.input("b", "f32", [2, 40, 23]);
    const bias = gb.input("bias", "f32", [23]);
    const res = gb.input("res", "f32", [2, 19, 23]);
    const pre = b.add(b.matmul(a, w), bias);
    gb.output("y", b.add(b.relu(pre), res));
    gb.output("z", pre);
    const g = gb.build();
    const { dispatchCount } = await expectReference(gpu!, g, randomInputs(g, 5), { strategy });
    expect(dispatchCount).toBe(1);
  });
});

// K a multiple of 1024 puts A's rows 4 KiB apart: on CPU adapters (`cpu`) the
// product reads a transposed copy of A (src/compiler/passes/pack-operands.ts).
const aliasing: Case = { batch: 2, M: 257, N: 260, K: 1024, bShared: true };

describe("packed left operands (CPU adapters)", () => {
  /** The plan's stored values: op and shape, in kernel order. */
  const kernels = (c: Case, strategy: GemmStrategy) =>
    compileProgram(product(c), {}, { ...DEFAULT_TARGET, strategy }).plan.groups.map((g) => `${g.outputs[0].op} ${g.outputs[0].shape.join("x")}`);
  it("stores Aᵀ once and reads it transposed when K is a multiple of 1024 and the product is large", () => {
    expect(kernels(aliasing, "cpu")).toEqual(["permute 2x1024x257", "matmul 2x257x260"]);
    expect(kernels({ ...aliasing, batch: 1, bShared: false }, "cpu")).toEqual(["permute 1x1024x257", "matmul 1x257x260"]);
  });
  it("stores a B read through a transpose as the product reads it, [K, N]", () => {
    expect(kernels({ ...aliasing, transB: true }, "cpu").sort()).toEqual(["matmul 2x257x260", "permute 1024x260", "permute 2x1024x257"]);
    expect(kernels({ ...aliasing, transA: true, transB: true }, "cpu").sort()).toEqual(["matmul 2x257x260", "permute 1024x260"]);
  });
  it("leaves other products, operands read transposed already, and other strategies alone", () => {
    for (const c of [
      { ...aliasing, K: 1000 },
      { ...aliasing, K: 512 },
      { ...aliasing, M: 255 },
      { ...aliasing, N: 255 },
      { ...aliasing, transA: true },
    ])
      expect(kernels(c, "cpu"), JSON.stringify(c)).toEqual([expect.stringMatching(/^matmul /)]);
    for (const s of ["direct", "tiled"] as const) expect(kernels(aliasing, s), s).toEqual(["matmul 2x257x260"]);
  });
  it("stores a B computed from parameters alone whatever the sizes, in a refresh kernel (once per parameter write)", () => {
    // Batch-256 MLP inference's first product: x[256, 784] @ Wᵀ with W a Linear weight [128, 784].
    const mlp = (update: boolean) => {
      const gb = new GraphBuilder();
      const x = gb.input("x", "f32", [256, 784]);
      const w = gb.param("w", [128, 784]);
      gb.output("y", b.matmul(x, b.transpose(w)));
      if (update) gb.output("w", b.neg(w));
      return compileProgram(gb.build(), {}, { ...DEFAULT_TARGET, strategy: "cpu" });
    };
    const p = mlp(false);
    expect(p.plan.groups.map((g) => `${g.outputs[0].op} ${g.outputs[0].shape.join("x")}`)).toEqual(["permute 784x128", "matmul 256x128"]);
    expect([...p.refresh]).toEqual([0]);
    expect(p.memory.slots[p.memory.slotOf.get(p.plan.groups[0].outputs[0])!].kind).toBe("fixed");
    // A weight the graph updates (a training step's) changes every run: read through the transpose.
    const trained = mlp(true);
    expect(trained.plan.groups.map((g) => g.outputs[0].op)).toEqual(["matmul", "neg"]);
    expect(trained.refresh.size).toBe(0);
  });
  it.skipIf(!gpu)("transposes a packed operand by 4 x 4 blocks when both its axes are multiples of 4 (batched too)", async () => {
    const g = product({ ...aliasing, M: 256 });
    const { program } = await expectReference(gpu!, g, randomInputs(g, 9), { strategy: "cpu" });
    expect(program.kernels.map((k) => k.kernel.name)).toEqual(["transpose4x4_524288", expect.stringMatching(/^matmul_/)]);
  });
  it.skipIf(!gpu)("computes the product of the original operands", async () => {
    const g = product({ ...aliasing, transB: true });
    const { dispatchCount } = await expectReference(gpu!, g, randomInputs(g, 7), { strategy: "cpu" });
    expect(dispatchCount).toBe(3);
  });
});

describe("tiled GEMM tile choice", () => {
  it("fits the device's workgroup storage and invocations, and grows with them", () => {
    const limits = [
      { maxWorkgroupStorage: 16384, maxInvocations: 256 },
      { maxWorkgroupStorage: 8192, maxInvocations: 64 },
      { maxWorkgroupStorage: 32768, maxInvocations: 1024 },
    ];
    for (const l of limits)
      for (const [M, N, K] of [
        [1, 1, 1],
        [17, 300, 9],
        [512, 512, 512],
        [64, 33, 1000],
      ]) {
        const t = chooseTile(M, N, K, l);
        const threads = (t.TM / t.RM) * (t.TN / t.RN);
        expect(threads).toBeLessThanOrEqual(l.maxInvocations);
        expect((t.TM + t.TN) * t.TK * 4).toBeLessThanOrEqual(l.maxWorkgroupStorage);
        // Every invocation stages whole slots of 4.
        expect(((t.TM * t.TK) / 4) % threads).toBe(0);
        expect(((t.TN * t.TK) / 4) % threads).toBe(0);
      }
    const small = chooseTile(512, 512, 512, limits[1]);
    const large = chooseTile(512, 512, 512, limits[2]);
    expect(large.TM * large.TN).toBeGreaterThan(small.TM * small.TN);
    expect(chooseTile(10, 10, 10)).toMatchObject({ TM: 16, TN: 16 });
  });
});
