// The GEMM for CPU adapters with 8-wide subgroups (lavapipe): one subgroup
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
// Rows and columns past the edge load a clamped (valid) index, so the k loop
// has no branches; their results are never stored.
//
// Not lavapipe's default yet (executor.ts strategyFor picks `direct`): it runs
// faster once compiled (matmul 256³ 1.9x, 512³ 1.3x, 1024³ 2.8x; conv
// 8x64x56x56 -> 64 3x3 2.0x, 64x16x14x14 -> 32 1.07x; same process,
// interleaved rounds, load average ~17 on 2 shared cores), but lavapipe compiles a pipeline's machine code at
// its first dispatch, and a cold first step of a small MLP's training graph
// took 275 s with it against 52 s with `direct` (same load, empty Mesa shader
// cache). Making it the default needs that compile cost down first.

import { checkGrid, gemmHeader, opaqueK, type GemmSpec } from "./gemm";
import { bindingDecls, finishWgsl, u, type Kernel } from "./kernel";

/** Lanes per subgroup this kernel is written for (lavapipe's 256-bit SIMD). */
export const BROADCAST_LANES = 8;

/**
 * Register block rows x columns per lane. Rows are multiples of 8 (one
 * broadcast source per lane); small outputs take small blocks so fewer
 * lanes idle, and LLVM's compile time grows with the block. Measured on
 * lavapipe at 512^3 (CPU time, shared machine): 16x8 2.2x faster than
 * `direct` 8x8, 16x4 2.0x, 32x4 1.4x and 8x8 1.1x (32 rows spill registers).
 */
export function broadcastBlock(
  M: number,
  N: number,
): { RM: number; RN: number } {
  return { RM: M <= 8 ? 8 : 16, RN: N <= 32 ? 4 : 8 };
}

export function broadcastGemm(spec: GemmSpec): Kernel {
  const { M, N, batch } = spec;
  const W = BROADCAST_LANES;
  const { RM, RN } = broadcastBlock(M, N);
  const cv = RN / 4;
  const decl: string[] = [];
  const inner: string[] = [];
  for (let r = 0; r < RM / W; r++)
    decl.push(`let mr${r} = min(m0 + lane + ${u(W * r)}, ${u(M - 1)});`);
  for (let j = 0; j < RN; j++)
    decl.push(`let nc${j} = min(n0 + lane + ${u(W * j)}, ${u(N - 1)});`);
  for (let r = 0; r < RM / W; r++)
    inner.push(`let al${r} = loadA(b, mr${r}, k);`);
  for (let c = 0; c < cv; c++) {
    const l = [0, 1, 2, 3].map((q) => `loadB(b, k, nc${4 * c + q})`).join(", ");
    inner.push(`let b${c} = vec4<f32>(${l});`);
  }
  for (let i = 0; i < RM; i++) {
    inner.push(
      `let a${i} = vec4<f32>(subgroupBroadcast(al${Math.floor(i / W)}, ${u(i % W)}));`,
    );
    for (let c = 0; c < cv; c++) {
      decl.push(`var acc${i}_${c} = vec4<f32>(0.0);`);
      inner.push(`acc${i}_${c} = fma(a${i}, b${c}, acc${i}_${c});`);
    }
  }
  const names: string[] = [];
  for (let i = 0; i < RM; i++)
    for (let c = 0; c < cv; c++) names.push(`acc${i}_${c}`);
  // One store call site (a loop over the block): unrolled calls, each
  // inlining the epilogue, multiply LLVM's compile time.
  const stores = [
    `var accs = array<vec4<f32>, ${names.length}>(${names.join(", ")});`,
    `for (var i = 0u; i < ${u(RM)}; i++) {`,
    "  let m = m0 + i;",
    `  if (m >= ${u(M)}) { break; }`,
    `  for (var j = 0u; j < ${u(RN)}; j++) {`,
    `    let n = n0 + lane + j * ${u(W)};`,
    `    if (n < ${u(N)}) { store(b, m, n, accs[i * ${u(cv)} + j / 4u][j % 4u]); }`,
    "  }",
    "}",
  ];
  const ind = (lines: string[], n: number) =>
    lines.map((l) => " ".repeat(n) + l);
  const workgroups: [number, number, number] = [
    Math.ceil(N / (RN * W)),
    Math.ceil(M / RM),
    batch,
  ];
  checkGrid(spec.name, workgroups);
  const wgsl = finishWgsl([
    "enable subgroups;",
    "",
    bindingDecls(spec.bindings),
    "",
    ...gemmHeader(spec),
    `@compute @workgroup_size(${W})`,
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32) {",
    "  let b = wid.z;",
    `  let m0 = wid.y * ${u(RM)};`,
    `  let n0 = wid.x * ${u(RN * W)};`,
    ...ind(decl, 2),
    `  let kEnd = ${opaqueK(spec.K, spec.bindings)};`,
    "  for (var k = 0u; k < kEnd; k++) {",
    ...ind(inner, 4),
    "  }",
    ...ind(stores, 2),
    "}",
    "",
  ]);
  return {
    name: `${spec.name}_bcast${RM}x${RN}`,
    wgsl,
    bindings: spec.bindings,
    workgroups,
    flops: spec.flops ?? 2 * batch * M * N * spec.K,
  };
}
