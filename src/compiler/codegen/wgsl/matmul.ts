// Batched matmul on the GEMM template. Transposes are index math, so the
// backward pass (dA = dC·Bᵀ, dB = Aᵀ·dC) needs no transpose kernels. A batch
// stride of 0 broadcasts an operand over the batch (x @ W with shared W).

import { acc } from "./expr";
import { emitFusedBody, fusedBindings, type Fused } from "./elementwise";
import { gemmKernel, type GemmStrategy, type Tile } from "./gemm";
import { u, type Binding, type Kernel } from "./kernel";

export interface MatmulSpec {
  batch: number;
  M: number;
  N: number;
  K: number;
  /** A is stored [K, M] (per batch) instead of [M, K]. */
  transA?: boolean;
  /** B is stored [N, K] instead of [K, N]. */
  transB?: boolean;
  /** Elements between consecutive batches of A; 0 broadcasts. Default M*K. */
  aBatchStride?: number;
  bBatchStride?: number;
  /**
   * Elementwise work on each result element, over the output shape (product
   * batch*M*N, e.g. [batch, M, N]); `acc` is the product's value. Default:
   * store acc.
   */
  epilogue?: Fused;
  /** `tiled` (workgroup memory, for GPUs) or `direct` (for CPU adapters). */
  strategy?: GemmStrategy;
  /** Override the tile choice of `tiled` (benchmarks). */
  tile?: Tile;
}

export function plainEpilogue(shape: number[]): Fused {
  return { shape, inputs: [], outputs: [{ expr: acc(), type: "f32" }] };
}

/**
 * Bindings: `a`, `b`, then the epilogue's inputs `e0..`, then its outputs `out0..`.
 */
export function matmulKernel(spec: MatmulSpec): Kernel {
  const { batch, M, N, K } = spec;
  const sA = spec.aBatchStride ?? M * K;
  const sB = spec.bBatchStride ?? K * N;
  const epi = spec.epilogue ?? plainEpilogue([batch, M, N]);
  const aIdx = spec.transA ? `k * ${u(M)} + m` : `m * ${u(K)} + k`;
  const bIdx = spec.transB ? `n * ${u(K)} + k` : `k * ${u(N)} + n`;
  const base = (s: number) => (s === 0 ? "" : `b * ${u(s)} + `);
  const bindings: Binding[] = [
    { name: "a", type: "f32", access: "read" },
    { name: "b_", type: "f32", access: "read" },
    ...fusedBindings(epi, "e", "out"),
  ];
  return gemmKernel(
    {
      name: `matmul${spec.transA ? "_ta" : ""}${spec.transB ? "_tb" : ""}`,
      batch,
      M,
      N,
      K,
      bindings,
      loadA: [`return a[${base(sA)}${aIdx}];`],
      loadB: [`return b_[${base(sB)}${bIdx}];`],
      store: [
        `let flat = (b * ${u(M)} + m) * ${u(N)} + n;`,
        ...emitFusedBody(
          epi,
          "flat",
          (i) => `e${i}`,
          (j) => `out${j}`,
          "acc",
        ),
      ],
      aContiguous: spec.transA ? "m" : "k",
      bContiguous: spec.transB ? "k" : "n",
    },
    spec.strategy,
    spec.tile,
  );
}
