import { afterAll, describe, expect, it } from "vitest";
import { matmulKernel, type MatmulSpec } from "../../../../src/compiler/codegen/wgsl/matmul";
import { acc, call, load } from "../../../../src/compiler/codegen/wgsl/expr";
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
];

describe.skipIf(!gpu)(`matmul kernel${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  // `broadcast` needs 8-lane subgroups (lavapipe has them).
  const broadcast = gpu?.handle.subgroupSize === 8;
  const strategies = ["tiled", "direct", ...(broadcast ? ["broadcast" as const] : [])] as const;
  // Every shape on `direct` (what lavapipe runs); the odd and partial-block
  // ones on `broadcast`, a few on `tiled`, whose compiles cost 1.5-5 s each
  // on lavapipe (the epilogue test below runs every strategy too).
  const all: MatmulSpec[] = [
    ...cases.map((c) => ({ ...c, strategy: "direct" as const })),
    ...(broadcast ? [cases[0], cases[2], cases[3], cases[4], cases[6], cases[7]].map((c) => ({ ...c, strategy: "broadcast" as const })) : []),
    ...[cases[4]].map((c) => ({ ...c, strategy: "tiled" as const })),
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
