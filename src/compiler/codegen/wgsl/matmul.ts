// Batched matmul on the GEMM template. Transposes are index math, so the
// backward pass (dA = dC·Bᵀ, dB = Aᵀ·dC) needs no transpose kernels. A batch
// stride of 0 broadcasts an operand over the batch (x @ W with shared W).

import { acc } from "./expr";
import { emitFusedBody, fusedBindings, type Fused } from "./elementwise";
import { gemmKernel, vectorOperands, type GemmSpec, type GemmStrategy, type Tile } from "./gemm";
import { elementAt, u, type Binding, type Kernel } from "./kernel";

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
  /** Lanes per subgroup for `broadcast` (GemmSpec.lanes). */
  lanes?: number;
}

export function plainEpilogue(shape: number[]): Fused {
  return { shape, inputs: [], outputs: [{ expr: acc(), type: "f32" }] };
}

/**
 * Bindings: `a`, `b`, then the epilogue's inputs `e0..`, then its outputs `out0..`.
 */
export function matmulKernel(spec: MatmulSpec): Kernel {
  return gemmKernel(matmulGemm(spec), spec.strategy, spec.tile);
}

/** The GEMM core's spec of a matmul (operands bound as vec4 where `spec.strategy` reads them so). */
export function matmulGemm(spec: MatmulSpec): GemmSpec {
  const { batch, M, N, K } = spec;
  const sA = spec.aBatchStride ?? M * K;
  const sB = spec.bBatchStride ?? K * N;
  const epi = spec.epilogue ?? plainEpilogue([batch, M, N]);
  const aIdx = spec.transA ? `k * ${u(M)} + m` : `m * ${u(K)} + k`;
  const bIdx = spec.transB ? `n * ${u(K)} + k` : `k * ${u(N)} + n`;
  const base = (s: number) => (s === 0 ? "" : `b * ${u(s)} + `);
  // An operand whose rows (along its contiguous axis) and batch stride are
  // whole vec4s is bound as vec4 (gemm.ts reads it 16 bytes at a time).
  const wants = vectorOperands(spec.strategy ?? "tiled", spec);
  const vecA = (spec.transA ? M : K) % 4 === 0 && sA % 4 === 0 && wants.a.includes(spec.transA ? "m" : "k");
  const vecB = (spec.transB ? K : N) % 4 === 0 && sB % 4 === 0 && wants.b.includes(spec.transB ? "k" : "n");
  const a: Binding = { name: "a", type: "f32", access: "read", vec4: vecA };
  const b: Binding = { name: "b_", type: "f32", access: "read", vec4: vecB };
  const bindings: Binding[] = [a, b, ...fusedBindings(epi, "e", "out")];
  return {
    lanes: spec.lanes,
    name: `matmul${spec.transA ? "_ta" : ""}${spec.transB ? "_tb" : ""}`,
    batch,
    M,
    N,
    K,
    bindings,
    loadA: [`return ${elementAt(a, base(sA) + aIdx)};`],
    loadB: [`return ${elementAt(b, base(sB) + bIdx)};`],
    loadA4: vecA ? [`return a[(${base(sA)}${aIdx}) / 4u];`] : undefined,
    loadB4: vecB ? [`return b_[(${base(sB)}${bIdx}) / 4u];`] : undefined,
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
  };
}
