// The GEMM for CPU adapters with 8- or 16-wide subgroups (lavapipe at 256 or
// 512 bits: GemmSpec.lanes; the figures below are 8-lane ones): one subgroup
// per workgroup, and A's values reach the lanes by subgroupBroadcast instead
// of by loads.
//
// Why: lavapipe runs a subgroup as one 8-lane SIMD vector, but compiles every
// storage-buffer load inside a loop to a per-lane sequence (extract the
// address, bounds-check, branch, scalar load, insert): ~110 instructions per
// loaded vector against ~5 for a multiply-add. So the cost of a GEMM there is
// the loads per multiply-add. Each lane keeps an RM x RN block of C (rows
// shared by the subgroup, columns its own); per k it loads RN values of B
// and RM/8 values of A (lane l loads row m0 + l + 8r), and the RM row values
// every lane needs are broadcast from the lane that loaded them (an
// extract + splat). At RM = 16, RN = 4 that is 6 loads per 64 multiply-adds
// where `direct` 8x8 needs 16 per 64.
//
// B is read as a vec4 of 4 consecutive columns per lane when the operand has
// loadB4 and N % 4 == 0 (lane l owns columns n0 + 4l + 32c + 0..3): one
// per-lane load sequence instead of four. Measured at 512³ (CPU time of the
// process, load average ~18 on 2 shared cores): 16x8 1.18x and 32x8 1.25x
// the rate of scalar B.
//
// Rows and columns past the edge load a clamped (valid) index, so the k loop
// has no branches; their results are never stored.
//
// Lavapipe's default for big products (strategy `cpu`, gemm.ts cpuStrategy):
// matmul 512³ runs at 3.3x `direct` 8x8 (18 against 5.4 GFLOP/s per CPU
// second, interleaved rounds). Lavapipe compiles a pipeline's machine code at
// its first dispatch: cold (no Mesa shader cache) 512³ took 5.1 s for 32x8
// against 8.1 s for `direct` 8x8 in the same run, and a cold first step of
// the MNIST MLP's training graph 13.3 s of CPU against 12.1 s with `direct`.

import { accDecls, DEFAULT_LANES, fmaBlock, gemmModule, opaqueK, storeLoop, vectorAxes, type GemmSpec } from "./gemm";
import { u, type Kernel } from "./kernel";

/**
 * Register block rows x columns per lane. Rows are multiples of 8 (one
 * broadcast source per lane); small outputs take small blocks so fewer
 * lanes idle, and LLVM's compile time grows with the block. Measured on
 * lavapipe at 512^3 (CPU time, shared machine), scalar B: 16x8 2.2x faster
 * than `direct` 8x8, 16x4 2.0x, 32x4 1.4x and 8x8 1.1x; with vec4 B, 32x8
 * 19.0 and 16x8 17.4 GFLOP/s per CPU second.
 */
export function broadcastBlock(
  M: number,
  N: number,
): { RM: number; RN: number } {
  return { RM: M <= 8 ? 8 : M <= 16 || N <= 32 ? 16 : 32, RN: N <= 32 ? 4 : 8 };
}

/** A register block, and optionally the k values per loop iteration (default broadcastChunk). */
export interface BroadcastBlock {
  RM: number;
  RN: number;
  KC?: number;
}

/**
 * k values per iteration of the k loop: 2 when K is even, else 1. Lavapipe
 * keeps few of the block's accumulators in registers: each multiply-add
 * loads its accumulator from the stack, blends it under the loop's execution
 * mask and stores it back (GALLIVM_DEBUG=asm: vmulps, vaddps, vblendvps and
 * a load and store per multiply-add, no FMA contraction). With two k per
 * iteration each accumulator takes both products in one chained expression,
 * so the load, blend and store come once per two. Measured on an Intel Xeon
 * with AVX-512, 8 lanes (bench/gemm-variants.ts, best round, interleaved):
 * 512³ 49.0 against 38.0 GFLOP/s, 1024³ 49.4 against 39.2, 256x128x784 (the
 * MNIST MLP's first layer at batch 256) 46.7 against 37.1; 4 per iteration
 * gained no more (46.5 at 512³) and cost more LLVM compile time (a cold
 * first dispatch at 512³: 2.7 s for 1, 4.0 s for 2, 4.9 s for 4). Other
 * blocks with 2 per iteration: 64x8 50.9-51.2, 48x8 48.0, 64x4 42.8, 16x8
 * 40.7, 32x4 39.9. The same kernel with its loads moved out of the loop
 * (wrong results; what the rest costs) runs at 74.8, without the B loads
 * only 59.6, without the A loads 56.7: a third of the time is loads, the
 * rest the multiply-adds on spilled accumulators (a multiply, an add, a
 * blend, a load and a store each; lavapipe has no FMA), against an
 * arithmetic peak of 126 (bench part 5's FMA-only probe).
 */
export function broadcastChunk(K: number): number {
  return K % 2 === 0 ? 2 : 1;
}

/** The k loop of the shared GEMM core (gemm.ts) with A rows shared by subgroupBroadcast; scalar loads. */
export function broadcastGemm(spec: GemmSpec, block: BroadcastBlock = broadcastBlock(spec.M, spec.N)): Kernel {
  const { M, N, batch } = spec;
  const W = spec.lanes ?? DEFAULT_LANES;
  const { RM, RN } = block;
  const KC = block.KC ?? broadcastChunk(spec.K);
  if (spec.K % KC !== 0) throw new Error(`broadcast GEMM: K = ${spec.K} is not a multiple of ${KC} k per iteration`);
  const cv = RN / 4;
  const vb = vectorAxes(spec).b === "n";
  const decl: string[] = [];
  const inner: string[] = [];
  for (let r = 0; r < RM / W; r++)
    decl.push(`let mr${r} = min(m0 + lane + ${u(W * r)}, ${u(M - 1)});`);
  if (vb)
    for (let c = 0; c < cv; c++)
      decl.push(`let nv${c} = min(n0 + lane * 4u + ${u(4 * W * c)}, ${u(N - 4)});`);
  else
    for (let j = 0; j < RN; j++)
      decl.push(`let nc${j} = min(n0 + lane + ${u(W * j)}, ${u(N - 1)});`);
  decl.push(...accDecls(RM, RN));
  // Names of k step q of an iteration (the first keeps the one-step names).
  const at = (name: string, q: number) => (KC === 1 ? name : `${name}_${q}`);
  for (let q = 0; q < KC; q++) {
    const k = q === 0 ? "k" : `k + ${u(q)}`;
    for (let r = 0; r < RM / W; r++)
      inner.push(`let ${at(`al${r}`, q)} = loadA(b, mr${r}, ${k});`);
    for (let c = 0; c < cv; c++) {
      const l = [0, 1, 2, 3].map((j) => `loadB(b, ${k}, nc${4 * c + j})`).join(", ");
      inner.push(vb ? `let ${at(`b${c}`, q)} = loadB4(b, ${k}, nv${c});` : `let ${at(`b${c}`, q)} = vec4<f32>(${l});`);
    }
    for (let i = 0; i < RM; i++)
      inner.push(`let ${at(`a${i}`, q)} = subgroupBroadcast(${at(`al${Math.floor(i / W)}`, q)}, ${u(i % W)});`);
  }
  inner.push(...fmaBlock(RM, RN, KC, (i, q) => at(`a${i}`, q), (q, c) => at(`b${c}`, q), true));
  return gemmModule(spec, {
    variant: `bcast${RM}x${RN}${KC > 1 ? `k${KC}` : ""}${vb ? "_vn" : ""}`,
    enables: ["enable subgroups;", ""],
    workgroupSize: `${W}`,
    params: "@builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32",
    prologue: ["let b = wid.z;", `let m0 = wid.y * ${u(RM)};`, `let n0 = wid.x * ${u(RN * W)};`, ...decl],
    loops: [
      `let kEnd = ${opaqueK(spec.K, spec.bindings)};`,
      `for (var k = 0u; k < kEnd; k += ${u(KC)}) {`,
      ...inner.map((l) => "  " + l),
      "}",
    ],
    epilogue: storeLoop(spec, RM, RN, vb ? `n0 + lane * 4u + (j / 4u) * ${u(4 * W)} + j % 4u` : `n0 + lane + j * ${u(W)}`),
    workgroups: [Math.ceil(N / (RN * W)), Math.ceil(M / RM), batch],
  });
}
