import { afterAll, describe, expect, it } from "vitest";
import { matmulKernel, type MatmulSpec } from "../../../../src/compiler/codegen/wgsl/matmul";
import { acc, call, load } from "../../../../src/compiler/codegen/wgsl/expr";
import { chooseTile } from "../../../../src/compiler/codegen/wgsl/gemm";
import { maxError, openTestGpu, randomArray, runKernel } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

/** Plain-TS oracle with the same storage conventions as MatmulSpec. */
function matmulRef(s: MatmulSpec, a: Float32Array, b: Float32Array): Float64Array {
  const { batch, M, N, K } = s;
  const sA = s.aBatchStride ?? M * K;
  const sB = s.bBatchStride ?? K * N;
  const c = new Float64Array(batch * M * N);
  for (let z = 0; z < batch; z++)
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let t = 0;
        for (let k = 0; k < K; k++) {
          const av = a[z * sA + (s.transA ? k * M + m : m * K + k)];
          const bv = b[z * sB + (s.transB ? n * K + k : k * N + n)];
          t += av * bv;
        }
        c[(z * M + m) * N + n] = t;
      }
  return c;
}

const cases: MatmulSpec[] = [
  { batch: 1, M: 1, N: 1, K: 1 },
  { batch: 2, M: 37, N: 29, K: 45 },
  { batch: 2, M: 37, N: 29, K: 45, transA: true },
  { batch: 3, M: 70, N: 13, K: 33, transB: true },
  { batch: 2, M: 17, N: 66, K: 9, transA: true, transB: true },
  { batch: 3, M: 65, N: 130, K: 31, bBatchStride: 0 },
  { batch: 1, M: 130, N: 67, K: 500 }, // 8x8 register blocks in `direct`, 16x8 in `broadcast`
  { batch: 2, M: 9, N: 33, K: 7, transA: true, transB: true }, // `broadcast`: 16-row blocks, one partial
  // Multiples of 4 along the contiguous axes: vec4 operands (A along k or m, B along n or k), partial tiles.
  { batch: 2, M: 20, N: 36, K: 44 },
  { batch: 2, M: 20, N: 36, K: 44, transA: true, transB: true },
  { batch: 1, M: 127, N: 68, K: 12, transA: true }, // A scalar (127 rows), B vec4
  { batch: 3, M: 3, N: 17, K: 65, aBatchStride: 0 },
  { batch: 1, M: 96, N: 260, K: 100 }, // `broadcast` 32x8 blocks with vec4 B, a partial column block
];

describe.skipIf(!gpu)(`matmul kernel${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  // `broadcast` needs 8-lane subgroups (lavapipe has them).
  const broadcast = gpu?.handle.subgroupSize === 8;
  const strategies = ["tiled", "direct", ...(broadcast ? ["broadcast" as const] : [])] as const;
  // Every shape on `direct` (what lavapipe runs); the odd and partial-block
  // ones on `broadcast`, a few on `tiled`, whose compiles cost 1.5-5 s each
  // on lavapipe (the epilogue test below runs every strategy too).
  // `tiled` (vec4 tiles in workgroup memory) on a scalar-only, a vec4 and a
  // transposed vec4 case, and on tiles chosen for larger device limits.
  const big = { maxWorkgroupStorage: 32768, maxInvocations: 1024 };
  const all: MatmulSpec[] = [
    ...cases.map((c) => ({ ...c, strategy: "direct" as const })),
    ...(broadcast
      ? [0, 2, 3, 4, 6, 7, 8, 9, 11, 12].map((i) => ({ ...cases[i], strategy: "broadcast" as const }))
      : []),
    ...[4, 8, 9].map((i) => ({ ...cases[i], strategy: "tiled" as const })),
    { ...cases[12], strategy: "tiled", tile: chooseTile(96, 260, 100, big) },
  ];
  for (const s of all) {
    it(`${JSON.stringify(s)}`, async () => {
      const nA = (s.aBatchStride === 0 ? 1 : s.batch) * s.M * s.K;
      const nB = (s.bBatchStride === 0 ? 1 : s.batch) * s.K * s.N;
      const a = randomArray(nA, 10 + s.M);
      const b = randomArray(nB, 20 + s.N);
      const [out] = await runKernel(gpu!, matmulKernel(s), [a, b], [s.batch * s.M * s.N]);
      expect(maxError(out, matmulRef(s, a, b))).toBeLessThan(1);
    });
  }

  it.each(strategies)(
    "fuses an epilogue (%s): relu(acc + bias) + residual, keeps the pre-activation",
    async (strategy) => {
      const s: MatmulSpec = { batch: 2, M: 19, N: 23, K: 40, strategy };
      const shape = [2, 19, 23];
      const pre = call("({0} + {1})", "f32", acc(), load(0));
      const spec: MatmulSpec = {
        ...s,
        epilogue: {
          shape,
          inputs: [
            { shape: [23], type: "f32" },
            { shape, type: "f32" },
          ],
          outputs: [
            {
              expr: call("(max({0}, 0.0f) + {1})", "f32", pre, load(1)),
              type: "f32",
            },
            { expr: pre, type: "f32" },
          ],
        },
      };
      const a = randomArray(2 * 19 * 40, 5);
      const b = randomArray(2 * 40 * 23, 6);
      const bias = randomArray(23, 7);
      const res = randomArray(2 * 19 * 23, 8);
      const k = matmulKernel(spec);
      const [out, z] = await runKernel(gpu!, k, [a, b, bias, res], [res.length, res.length]);
      const c = matmulRef(s, a, b);
      const zWant = Array.from(c, (v, i) => v + bias[i % 23]);
      expect(maxError(z, zWant)).toBeLessThan(1);
      expect(
        maxError(
          out,
          zWant.map((v, i) => Math.max(v, 0) + res[i]),
        ),
      ).toBeLessThan(1);
    },
  );
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
