// The one tiled GEMM template that matmul and every convolution instantiate:
// C[b][m][n] = sum_k A(b,m,k) * B(b,k,n), where A and B are WGSL functions
// (a plain strided load for matmul, an im2col gather for implicit-GEMM conv)
// and the result goes through a `store` function (where epilogues live).
//
// A workgroup computes a TM x TN tile of C; each invocation a register
// block (RM x RN, held as vec4 rows). K advances TK at a time through workgroup
// memory. Out-of-range rows, columns and k load zero, so any size works.

import { broadcastGemm } from "./gemm-broadcast";
import { bindingDecls, finishWgsl, u, type Binding, type Kernel } from "./kernel";

export interface GemmSpec {
  name: string;
  batch: number;
  M: number;
  N: number;
  K: number;
  bindings: Binding[];
  /** Body of `fn loadA(b: u32, m: u32, k: u32) -> f32`; called only with m < M, k < K. */
  loadA: string[];
  /** Body of `fn loadB(b: u32, k: u32, n: u32) -> f32`; called only with k < K, n < N. */
  loadB: string[];
  /** Body of `fn store(b: u32, m: u32, n: u32, acc: f32)`; called only in range. */
  store: string[];
  /** Which index of A / B is contiguous in memory: consecutive invocations load along it. */
  aContiguous: "m" | "k";
  bContiguous: "k" | "n";
  /** Extra module-scope WGSL (helper functions). */
  helpers?: string[];
  flops?: number;
}

export interface Tile {
  TM: number;
  TN: number;
  TK: number;
  /** Register block: rows and columns (a multiple of 4) per invocation. */
  RM: number;
  RN: number;
}

/** Small outputs get small tiles so few invocations idle; large ones 64 x 64. */
export function chooseTile(M: number, N: number): Tile {
  const side = (d: number) => (d <= 16 ? 16 : d <= 32 ? 32 : 64);
  return { TM: side(M), TN: side(N), TK: 16, RM: 4, RN: 4 };
}

/**
 * How a GEMM uses the device. `tiled` stages A and B through workgroup memory
 * (right for GPUs). `direct` has each invocation stream its own rows and
 * columns from storage (CPU caches do the staging): on lavapipe it runs 3-5x
 * faster than `tiled`, whose barriers and workgroup gathers cost more than
 * they save there. `broadcast` (gemm-broadcast.ts) needs 8-lane subgroups
 * and loads A once per subgroup instead of once per lane: on lavapipe it runs
 * 1.3-2.8x faster than `direct` once compiled, but is not the default there
 * yet (its first dispatch compiles ~5x longer; see gemm-broadcast.ts).
 */
export type GemmStrategy = "tiled" | "direct" | "broadcast";

export function gemmKernel(spec: GemmSpec, strategy: GemmStrategy = "tiled", tile?: Tile): Kernel {
  if (strategy === "broadcast") return broadcastGemm(spec);
  return strategy === "direct"
    ? directGemm(spec)
    : tiledGemm(spec, tile ?? chooseTile(spec.M, spec.N));
}

export function gemmHeader(spec: GemmSpec): string[] {
  const ind = (lines: string[]) => lines.map((l) => "  " + l);
  return [
    ...(spec.helpers ?? []),
    "fn loadA(b: u32, m: u32, k: u32) -> f32 {",
    ...ind(spec.loadA),
    "}",
    "",
    "fn loadB(b: u32, k: u32, n: u32) -> f32 {",
    ...ind(spec.loadB),
    "}",
    "",
    "fn store(b: u32, m: u32, n: u32, acc: f32) {",
    ...ind(spec.store),
    "}",
    "",
  ];
}

/** An 8 x 8 grid of invocations per workgroup for `direct`. */
const DW = 8;

/**
 * Register block side for `direct`: 8 runs ~1.5x faster than 4 on big
 * products but costs lavapipe ~1.5 s of LLVM time to compile instead of
 * ~0.3 s, which only big products repay.
 */
function directBlock(M: number, N: number, K: number): number {
  return M >= 32 && N >= 32 && M * N * K >= 1 << 22 ? 8 : 4;
}

function directGemm(spec: GemmSpec): Kernel {
  const { M, N, K, batch } = spec;
  const RM = directBlock(M, N, K);
  const RN = RM;
  const cv = RN / 4;
  const decl: string[] = [];
  const inner: string[] = [];
  const stores: string[] = [];
  // Rows/columns past the edge read the last valid one (no branch in the
  // k loop); their results are never stored.
  for (let i = 0; i < RM; i++) decl.push(`let mi${i} = min(m0 + ${u(i)}, ${u(M - 1)});`);
  for (let j = 0; j < RN; j++) decl.push(`let nj${j} = min(n0 + ${u(j)}, ${u(N - 1)});`);
  for (let c = 0; c < cv; c++) {
    const l = [0, 1, 2, 3].map((q) => `loadB(b, k, nj${4 * c + q})`).join(", ");
    inner.push(`let b${c} = vec4<f32>(${l});`);
  }
  for (let i = 0; i < RM; i++) {
    inner.push(`let a${i} = vec4<f32>(loadA(b, mi${i}, k));`);
    for (let c = 0; c < cv; c++) {
      decl.push(`var acc${i}_${c} = vec4<f32>(0.0);`);
      inner.push(`acc${i}_${c} = fma(a${i}, b${c}, acc${i}_${c});`);
    }
  }
  stores.push(...storeLoop(RM, RN, M, N));
  const ind = (lines: string[], n: number) => lines.map((l) => " ".repeat(n) + l);
  const workgroups: [number, number, number] = [
    Math.ceil(N / (RN * DW)),
    Math.ceil(M / (RM * DW)),
    batch,
  ];
  checkGrid(spec.name, workgroups);
  const wgsl = finishWgsl([
    bindingDecls(spec.bindings),
    "",
    ...gemmHeader(spec),
    `@compute @workgroup_size(${DW}, ${DW})`,
    "fn main(@builtin(global_invocation_id) g: vec3<u32>) {",
    "  let b = g.z;",
    `  let m0 = g.y * ${u(RM)};`,
    `  let n0 = g.x * ${u(RN)};`,
    `  if (m0 >= ${u(M)} || n0 >= ${u(N)}) { return; }`,
    ...ind(decl, 2),
    `  let kEnd = ${opaqueK(K, spec.bindings)};`,
    "  for (var k = 0u; k < kEnd; k++) {",
    ...ind(inner, 4),
    "  }",
    ...ind(stores, 2),
    "}",
    "",
  ]);
  return {
    name: `${spec.name}_direct${RM}x${RN}`,
    wgsl,
    bindings: spec.bindings,
    workgroups,
    flops: spec.flops ?? 2 * batch * M * N * K,
  };
}

/**
 * Stores a register block through `store` from one call site: unrolled
 * calls (each inlining the epilogue) made lavapipe's compile 2-3x slower.
 */
function storeLoop(RM: number, RN: number, M: number, N: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < RM; i++) for (let c = 0; c < RN / 4; c++) names.push(`acc${i}_${c}`);
  return [
    `var accs = array<vec4<f32>, ${names.length}>(${names.join(", ")});`,
    `for (var i = 0u; i < ${u(RM)}; i++) {`,
    "  let m = m0 + i;",
    `  if (m >= ${u(M)}) { break; }`,
    `  for (var j = 0u; j < ${u(RN)}; j++) {`,
    "    let n = n0 + j;",
    `    if (n < ${u(N)}) { store(b, m, n, accs[i * ${u(RN / 4)} + j / 4u][j % 4u]); }`,
    "  }",
    "}",
  ];
}

/**
 * K as a value the shader compiler cannot see through (binding lengths are
 * never 0), so it does not unroll the k loop: lavapipe's LLVM took ~3 s to
 * compile a fully unrolled K = 13 loop, against 0.3 s for the loop.
 */
export function opaqueK(K: number, bindings: Binding[]): string {
  const len = `arrayLength(&${bindings[0].name})`;
  return `select(${u(K)}, ${len}, ${len} == 0u)`;
}

export function checkGrid(name: string, w: [number, number, number]): void {
  if (w.some((d) => d > 65535))
    throw new Error(`${name}: dispatch ${w.join("x")} exceeds 65535 per dimension`);
}

function tiledGemm(spec: GemmSpec, tile: Tile): Kernel {
  const { M, N, K, batch } = spec;
  const { TM, TN, TK, RM, RN } = tile;
  const tx = TN / RN;
  const ty = TM / RM;
  const cv = RN / 4; // vec4 columns per register row
  const threads = tx * ty;
  const aLoads = (TM * TK) / threads;
  const bLoads = (TN * TK) / threads;

  const aMap =
    spec.aContiguous === "k"
      ? [`let mm = e / ${u(TK)};`, `let kk = e % ${u(TK)};`]
      : [`let kk = e / ${u(TM)};`, `let mm = e % ${u(TM)};`];
  const bMap =
    spec.bContiguous === "n"
      ? [`let kk = e / ${u(TN)};`, `let nn = e % ${u(TN)};`]
      : [`let nn = e / ${u(TK)};`, `let kk = e % ${u(TK)};`];

  const accDecl: string[] = [];
  const inner: string[] = [];
  const stores: string[] = [];
  for (let c = 0; c < cv; c++) {
    const bi = `kk * ${u(TN)} + tx * ${u(RN)} + ${u(4 * c)}`;
    inner.push(`let b${c} = vec4<f32>(Bs[${bi}], Bs[${bi} + 1u], Bs[${bi} + 2u], Bs[${bi} + 3u]);`);
  }
  for (let i = 0; i < RM; i++) {
    inner.push(`let a${i} = vec4<f32>(As[kk * ${u(TM)} + ty * ${u(RM)} + ${u(i)}]);`);
    for (let c = 0; c < cv; c++) {
      accDecl.push(`var acc${i}_${c} = vec4<f32>(0.0);`);
      inner.push(`acc${i}_${c} = fma(a${i}, b${c}, acc${i}_${c});`);
    }
  }
  stores.push(...storeLoop(RM, RN, M, N));
  const ind = (lines: string[], n: number) => lines.map((l) => " ".repeat(n) + l);

  const wgsl = finishWgsl([
    bindingDecls(spec.bindings),
    "",
    `var<workgroup> As: array<f32, ${TK * TM}>; // [k][m]`,
    `var<workgroup> Bs: array<f32, ${TK * TN}>; // [k][n]`,
    "",
    ...gemmHeader(spec),
    `@compute @workgroup_size(${threads})`,
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {",
    "  let b = wid.z;",
    `  let tileM = wid.y * ${u(TM)};`,
    `  let tileN = wid.x * ${u(TN)};`,
    `  let ty = lid / ${u(tx)};`,
    `  let tx = lid % ${u(tx)};`,
    ...ind(accDecl, 2),
    `  let kEnd = ${opaqueK(K, spec.bindings)};`,
    `  for (var k0 = 0u; k0 < kEnd; k0 += ${u(TK)}) {`,
    `    for (var t = 0u; t < ${u(aLoads)}; t++) {`,
    `      let e = lid + t * ${u(threads)};`,
    ...ind(aMap, 6),
    "      let gm = tileM + mm;",
    "      let gk = k0 + kk;",
    "      var v = 0.0;",
    `      if (gm < ${u(M)} && gk < ${u(K)}) { v = loadA(b, gm, gk); }`,
    `      As[kk * ${u(TM)} + mm] = v;`,
    "    }",
    `    for (var t = 0u; t < ${u(bLoads)}; t++) {`,
    `      let e = lid + t * ${u(threads)};`,
    ...ind(bMap, 6),
    "      let gk = k0 + kk;",
    "      let gn = tileN + nn;",
    "      var v = 0.0;",
    `      if (gk < ${u(K)} && gn < ${u(N)}) { v = loadB(b, gk, gn); }`,
    `      Bs[kk * ${u(TN)} + nn] = v;`,
    "    }",
    "    workgroupBarrier();",
    `    for (var kk = 0u; kk < ${u(TK)}; kk++) {`,
    ...ind(inner, 6),
    "    }",
    "    workgroupBarrier();",
    "  }",
    `  let m0 = tileM + ty * ${u(RM)};`,
    `  let n0 = tileN + tx * ${u(RN)};`,
    ...ind(stores, 2),
    "}",
    "",
  ]);
  checkGrid(spec.name, [Math.ceil(N / TN), Math.ceil(M / TM), batch]);
  return {
    name: `${spec.name}_${TM}x${TN}`,
    wgsl,
    bindings: spec.bindings,
    workgroups: [Math.ceil(N / TN), Math.ceil(M / TM), batch],
    flops: spec.flops ?? 2 * batch * M * N * K,
  };
}
