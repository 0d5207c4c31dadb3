// The one GEMM core that matmul and every convolution instantiate:
// C[b][m][n] = sum_k A(b,m,k) * B(b,k,n), where A and B are WGSL functions
// (a plain strided load for matmul, an im2col gather for implicit-GEMM conv)
// and the result goes through a `store` function (where epilogues live).
//
// Each invocation keeps an RM x RN register block of C (vec4 rows). Three
// strategies share the operand reads, the k loop's multiply-adds, the stores
// and the returned record; they differ in who loads what:
//   tiled      A and B tiles staged through workgroup memory (GPUs)
//   direct     each invocation streams its own rows and columns (CPU adapters)
//   broadcast  8- or 16-lane subgroups share A rows by subgroupBroadcast (gemm-broadcast.ts)
//
// Vector loads: an operand whose spec gives `loadA4`/`loadB4` (a vec4 of four
// consecutive elements along its contiguous axis) and whose contiguous size
// is a multiple of 4 is read 16 bytes at a time, chosen here from the static
// shape; other operands (odd sizes, gathers) take the scalar path. The k loop
// then advances 4 at a time, with a scalar tail when K % 4 != 0.
//
// Bounds: rows and columns past the edge read a clamped (valid) index and
// their results are never stored; k past K (tiled only) loads a clamped
// index and selects zero. No branch sits in a k loop.

import { broadcastGemm, type BroadcastBlock } from "./gemm-broadcast";
import { bindingDecls, finishWgsl, u, type Binding, type Kernel } from "./kernel";

/** Lanes per subgroup the `cpu` strategy's kernels take by default: lavapipe's 256-bit vectors (WebGpuTarget.lanes). */
export const DEFAULT_LANES = 8;

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
  /**
   * Optional body of `fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32>`: A at
   * four consecutive indices of `aContiguous` from (m, k), whose index along
   * that axis is a multiple of 4 and in range. Used only when that axis's
   * size (K or M) is a multiple of 4.
   */
  loadA4?: string[];
  /** Same for B: `fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32>` along `bContiguous`. */
  loadB4?: string[];
  /** Body of `fn store(b: u32, m: u32, n: u32, acc: f32)`; called only in range. */
  store: string[];
  /**
   * Lines of the store that depend on b and m alone (a conv epilogue's
   * per-channel bias and BatchNorm values; see splitRowLines): run once per
   * row of the register block, before its columns, instead of once per
   * element. With them the store's lines are written into that loop (they
   * see these names) instead of a function.
   */
  storeRow?: string[];
  /** Which index of A / B is contiguous in memory. */
  aContiguous: "m" | "k";
  bContiguous: "k" | "n";
  /** Extra module-scope WGSL (helper functions). */
  helpers?: string[];
  flops?: number;
  /**
   * `broadcast`: the register block (RM a multiple of 8, RN of 4) where the
   * caller knows better than broadcastBlock's default (gemm-broadcast.ts).
   */
  broadcastBlock?: BroadcastBlock;
  /** Lanes per subgroup for `broadcast` (the adapter's: 8 on lavapipe, 16 with LP_NATIVE_VECTOR_WIDTH=512); default 8. */
  lanes?: number;
}

export interface Tile {
  TM: number;
  TN: number;
  TK: number;
  /** Register block: rows (a multiple of 4) and columns (a multiple of 4) per invocation. */
  RM: number;
  RN: number;
}

/** The device limits a tile must fit (WebGPU's defaults: 16 KiB, 256). */
export interface TileLimits {
  maxWorkgroupStorage: number;
  maxInvocations: number;
}

export const DEFAULT_TILE_LIMITS: TileLimits = { maxWorkgroupStorage: 16384, maxInvocations: 256 };

/**
 * The tile for `tiled`: the largest that the output fills and the device
 * allows. Register blocks grow with the tile (4x4, 8x4, 8x8) so 256
 * invocations cover up to 128 x 128; TK = 16 (32 when the workgroup
 * storage holds it and K is long).
 */
export function chooseTile(M: number, N: number, K = 64, limits: TileLimits = DEFAULT_TILE_LIMITS): Tile {
  const side = (d: number) => (d <= 16 ? 16 : d <= 32 ? 32 : d <= 64 ? 64 : 128);
  const candidates: Tile[] = [];
  for (const TM of [128, 64, 32, 16])
    for (const TN of [128, 64, 32, 16])
      for (const [RM, RN] of [
        [8, 8],
        [8, 4],
        [4, 8],
        [4, 4],
      ])
        for (const TK of [32, 16]) candidates.push({ TM, TN, TK, RM, RN });
  const fits = (t: Tile) => {
    const threads = (t.TM / t.RM) * (t.TN / t.RN);
    return (
      t.TM % t.RM === 0 &&
      t.TN % t.RN === 0 &&
      t.TM <= side(M) &&
      t.TN <= side(N) &&
      threads <= limits.maxInvocations &&
      threads >= 16 &&
      (t.TM + t.TN) * t.TK * 4 <= limits.maxWorkgroupStorage &&
      ((t.TM * t.TK) / 4) % threads === 0 &&
      ((t.TN * t.TK) / 4) % threads === 0 &&
      (t.TK === 16 || K >= 256)
    );
  };
  // Bigger output tiles first (fewer loads per FMA), then smaller register
  // blocks (more invocations), then the longer TK.
  const score = (t: Tile) => t.TM * t.TN * 1e6 - t.RM * t.RN * 1e3 + t.TK;
  const best = candidates.filter(fits).sort((a, b) => score(b) - score(a))[0];
  return best ?? { TM: 16, TN: 16, TK: 16, RM: 4, RN: 4 };
}

/**
 * How a GEMM uses the device. `tiled` stages A and B through workgroup memory
 * (right for GPUs). `direct` has each invocation stream its own rows and
 * columns from storage (CPU caches do the staging): on lavapipe it runs
 * faster than `tiled`, whose barriers and workgroup gathers cost more than
 * they save there. `broadcast` (gemm-broadcast.ts) needs 8- or 16-lane subgroups
 * and loads A once per subgroup instead of once per lane; not the default on
 * lavapipe (its first dispatch compiles ~5x longer; see gemm-broadcast.ts).
 */
export type GemmStrategy = "tiled" | "direct" | "broadcast" | "cpu";

/**
 * `cpu`: what a CPU adapter with 8- or 16-lane subgroups runs. Products of at least
 * 2^18 multiply-adds with 8 rows and 32 columns take `broadcast`; smaller
 * ones keep `direct` 4x4 (their time is the dispatch's, not the kernel's).
 * Measured on lavapipe (GFLOP/s per CPU second, interleaved): conv
 * 64x16x14x14 -> 16 3x3 (M = 16) forward 7.2 vs 1.5, grad input 7.6 vs 1.9,
 * grad weight 7.1 vs 1.7 against `direct` 4x4; matmul 128^3 12.3-12.8
 * (16x8, 32x8) vs 2.5, 64^3 5.9 vs 2.8 (load ~15 on 2 cores). Cold
 * compiles are alike: 128^3 took 0.50 s of CPU for `direct` 4x4, 0.53 s for
 * 16x8 and 0.73 s for 32x8 (Mesa's shader cache off).
 */
export function cpuStrategy(spec: Pick<GemmSpec, "M" | "N" | "K">): "direct" | "broadcast" {
  const { M, N, K } = spec;
  return M >= 8 && N >= 32 && M * N * K >= 1 << 18 ? "broadcast" : "direct";
}

/**
 * The same product transposed: Cᵀ = Bᵀ·Aᵀ, computed as M' = N, N' = M with
 * the operand and store functions swapped (their scalar forms; stores
 * stay at C's own indices). For `cpu`, a product with few columns and many
 * rows (a classifier head: batch 256 x 10 classes) takes `broadcast` this
 * way round, where the plain way it would run `direct` with most lanes idle.
 */
export function transposedGemm(spec: GemmSpec): GemmSpec {
  const fn = (sig: string, body: string[]) => [`fn ${sig} {`, ...body.map((l) => "  " + l), "}", ""];
  return {
    name: `${spec.name}_t`,
    lanes: spec.lanes,
    batch: spec.batch,
    M: spec.N,
    N: spec.M,
    K: spec.K,
    bindings: spec.bindings,
    helpers: [
      ...(spec.helpers ?? []),
      ...fn("loadA0(b: u32, m: u32, k: u32) -> f32", spec.loadA),
      ...fn("loadB0(b: u32, k: u32, n: u32) -> f32", spec.loadB),
      ...fn("store0(b: u32, m: u32, n: u32, acc: f32)", [...(spec.storeRow ?? []), ...spec.store]),
    ],
    loadA: ["return loadB0(b, k, m);"],
    loadB: ["return loadA0(b, n, k);"],
    store: ["store0(b, n, m, acc);"],
    aContiguous: spec.bContiguous === "n" ? "m" : "k",
    bContiguous: spec.aContiguous === "m" ? "n" : "k",
    flops: spec.flops ?? 2 * spec.batch * spec.M * spec.N * spec.K,
  };
}

export function gemmKernel(
  spec: GemmSpec,
  strategy: GemmStrategy = "tiled",
  tile?: Tile,
  limits?: TileLimits,
): Kernel {
  if (strategy === "cpu") {
    // Operands bound for `direct` are scalar (vectorOperands), as the transposed kernel reads them.
    const t = transposedGemm(spec);
    if (cpuStrategy(spec) === "direct" && cpuStrategy(t) === "broadcast") return broadcastGemm(t);
    strategy = cpuStrategy(spec);
  }
  if (strategy === "broadcast") return broadcastGemm(spec, spec.broadcastBlock);
  return strategy === "direct"
    ? directGemm(spec)
    : tiledGemm(spec, tile ?? chooseTile(spec.M, spec.N, spec.K, limits));
}

/**
 * Which operands a strategy reads as vec4 when they allow it: `tiled` both,
 * `broadcast` B along n, `direct` none (see directGemm). Callers bind only
 * those operands as vec4.
 */
export function vectorOperands(
  strategy: GemmStrategy,
  shape: Pick<GemmSpec, "M" | "N" | "K">,
): { a: ("m" | "k")[]; b: ("k" | "n")[] } {
  const s = strategy === "cpu" ? cpuStrategy(shape) : strategy;
  if (s === "tiled") return { a: ["m", "k"], b: ["k", "n"] };
  if (s === "broadcast") return { a: [], b: ["n"] };
  return { a: [], b: [] };
}

/** Which operands are read as vec4 (along their contiguous axis), from the static shape. */
export function vectorAxes(spec: GemmSpec): { a?: "m" | "k"; b?: "k" | "n" } {
  const size = { m: spec.M, n: spec.N, k: spec.K };
  return {
    a: spec.loadA4 && size[spec.aContiguous] % 4 === 0 ? spec.aContiguous : undefined,
    b: spec.loadB4 && size[spec.bContiguous] % 4 === 0 ? spec.bContiguous : undefined,
  };
}

export function gemmHeader(spec: GemmSpec): string[] {
  const ind = (lines: string[]) => lines.map((l) => "  " + l);
  const vec = vectorAxes(spec);
  const fn = (sig: string, body: string[]) => [`fn ${sig} {`, ...ind(body), "}", ""];
  return [
    ...(spec.helpers ?? []),
    ...fn("loadA(b: u32, m: u32, k: u32) -> f32", spec.loadA),
    ...(vec.a ? fn("loadA4(b: u32, m: u32, k: u32) -> vec4<f32>", spec.loadA4!) : []),
    ...fn("loadB(b: u32, k: u32, n: u32) -> f32", spec.loadB),
    ...(vec.b ? fn("loadB4(b: u32, k: u32, n: u32) -> vec4<f32>", spec.loadB4!) : []),
    ...(spec.storeRow ? [] : fn("store(b: u32, m: u32, n: u32, acc: f32)", spec.store)),
  ];
}

/**
 * Splits a store's lines into those that depend on none of `element` (the
 * names that vary along a row: the column, the flat index, `acc`) — `let`s
 * computed from the row's coordinates and constants — and the rest, in
 * their order: GemmSpec.storeRow and GemmSpec.store. On lavapipe every
 * storage load costs a per-lane sequence, so a conv epilogue's per-channel
 * loads (bias; BatchNorm's mean, variance, scale and shift) cost as much
 * as the k loop's gathers when done per element.
 */
export function splitRowLines(lines: readonly string[], element: readonly string[]): { row: string[]; rest: string[] } {
  const dep = new Set(element);
  const row: string[] = [];
  const rest: string[] = [];
  for (const line of lines) {
    const m = /^let (\w+) = (.*);$/.exec(line);
    if (m && !(m[2].match(/[A-Za-z_]\w*/g) ?? []).some((id) => dep.has(id))) row.push(line);
    else {
      rest.push(line);
      if (m) dep.add(m[1]);
    }
  }
  return { row, rest };
}

const ind = (lines: string[], n: number) => lines.map((l) => " ".repeat(n) + l);

/**
 * The multiply-adds of one k step into the register block `acc{i}_{c}`
 * (row i, vec4 of columns 4c..4c+3): `a(i, kk)` is the scalar A value of row
 * i at k + kk, `b(kk, c)` the vec4 of B at k + kk; KS k values per step.
 * In k order, one statement per product; `chained`: accumulator by
 * accumulator, each taking its KS products in one expression (one read and
 * one write of the accumulator per KS products).
 */
export function fmaBlock(
  RM: number,
  RN: number,
  KS: number,
  a: (i: number, kk: number) => string,
  b: (kk: number, c: number) => string,
  chained = false,
): string[] {
  const fma = (i: number, kk: number, c: number, acc: string) => `fma(vec4<f32>(${a(i, kk)}), ${b(kk, c)}, ${acc})`;
  const lines: string[] = [];
  if (chained)
    for (let i = 0; i < RM; i++)
      for (let c = 0; c < RN / 4; c++) {
        let e = `acc${i}_${c}`;
        for (let kk = 0; kk < KS; kk++) e = fma(i, kk, c, e);
        lines.push(`acc${i}_${c} = ${e};`);
      }
  else
    for (let kk = 0; kk < KS; kk++)
      for (let i = 0; i < RM; i++)
        for (let c = 0; c < RN / 4; c++) lines.push(`acc${i}_${c} = ${fma(i, kk, c, `acc${i}_${c}`)};`);
  return lines;
}

export function accDecls(RM: number, RN: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < RM; i++)
    for (let c = 0; c < RN / 4; c++) lines.push(`var acc${i}_${c} = vec4<f32>(0.0);`);
  return lines;
}

/**
 * How one k step reads an operand's part of the register block: `k` one
 * vec4 of 4 consecutive k per row (A) or column (B); `rows` one vec4 of 4
 * consecutive rows (A) or columns (B) per k; `scalar` one value per row and k.
 * `fetch(x, kk)` is the WGSL of that vec4 or value: x is the row / column
 * (or its group of 4 for `rows`), kk the k offset within the step.
 */
export interface StepOperand {
  kind: "k" | "rows" | "scalar";
  fetch: (x: number, kk: number) => string;
}

/**
 * One k step of KS values (KS = 4 when an operand is read along k) for an
 * RM x RN register block: loads into `let`s, then the multiply-adds.
 */
export function registerStep(RM: number, RN: number, KS: number, A: StepOperand, B: StepOperand): string[] {
  const lines: string[] = [];
  let a: (i: number, kk: number) => string;
  if (A.kind === "k") {
    for (let i = 0; i < RM; i++) lines.push(`let a${i} = ${A.fetch(i, 0)};`);
    a = (i, kk) => `a${i}[${kk}]`;
  } else if (A.kind === "rows") {
    for (let kk = 0; kk < KS; kk++)
      for (let r = 0; r < RM / 4; r++) lines.push(`let a${kk}_${r} = ${A.fetch(r, kk)};`);
    a = (i, kk) => `a${kk}_${i >> 2}[${i & 3}]`;
  } else {
    for (let kk = 0; kk < KS; kk++)
      for (let i = 0; i < RM; i++) lines.push(`let a${kk}_${i} = ${A.fetch(i, kk)};`);
    a = (i, kk) => `a${kk}_${i}`;
  }
  if (B.kind === "k") for (let j = 0; j < RN; j++) lines.push(`let bt${j} = ${B.fetch(j, 0)};`);
  for (let kk = 0; kk < KS; kk++)
    for (let c = 0; c < RN / 4; c++) {
      const q4 = [0, 1, 2, 3].map((q) => 4 * c + q);
      const v =
        B.kind === "rows"
          ? B.fetch(c, kk)
          : B.kind === "k"
            ? `vec4<f32>(${q4.map((j) => `bt${j}[${kk}]`).join(", ")})`
            : `vec4<f32>(${q4.map((j) => B.fetch(j, kk)).join(", ")})`;
      lines.push(`let b${kk}_${c} = ${v};`);
    }
  return [...lines, ...fmaBlock(RM, RN, KS, a, (kk, c) => `b${kk}_${c}`)];
}

/**
 * Stores the register block through `store` from one call site: unrolled
 * calls (each inlining the epilogue) made lavapipe's compile 2-3x slower.
 * Row i is m0 + i; column j is `col(j)` (a WGSL expression in the loop's j).
 */
export function storeLoop(spec: GemmSpec, RM: number, RN: number, col = "n0 + j"): string[] {
  const { M, N } = spec;
  const names: string[] = [];
  for (let i = 0; i < RM; i++) for (let c = 0; c < RN / 4; c++) names.push(`acc${i}_${c}`);
  const value = `accs[i * ${u(RN / 4)} + j / 4u][j % 4u]`;
  const element = spec.storeRow
    ? [`    if (n < ${u(N)}) {`, `      let acc = ${value};`, ...ind(spec.store, 6), "    }"]
    : [`    if (n < ${u(N)}) { store(b, m, n, ${value}); }`];
  return [
    `var accs = array<vec4<f32>, ${names.length}>(${names.join(", ")});`,
    `for (var i = 0u; i < ${u(RM)}; i++) {`,
    "  let m = m0 + i;",
    `  if (m >= ${u(M)}) { break; }`,
    ...ind(spec.storeRow ?? [], 2),
    `  for (var j = 0u; j < ${u(RN)}; j++) {`,
    `    let n = ${col};`,
    ...element,
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

/** What a strategy contributes to the one kernel shape every GEMM has. */
export interface GemmBody {
  /** Suffix of the kernel name, e.g. `direct8x8`. */
  variant: string;
  /** Lines before the bindings (`enable ...;`). */
  enables?: string[];
  /** Module-scope declarations after the operand functions (workgroup memory). */
  shared?: string[];
  workgroupSize: string;
  /** The entry point's parameters. */
  params: string;
  /** Main body up to the k loop (block origin, clamped indices, accumulators). */
  prologue: string[];
  /** The k loops. */
  loops: string[];
  /** The register block's origin and stores after the k loop. */
  epilogue: string[];
  workgroups: [number, number, number];
}

/** Assembles a GEMM kernel: bindings, operand functions, entry point, record. */
export function gemmModule(spec: GemmSpec, body: GemmBody): Kernel {
  checkGrid(spec.name, body.workgroups);
  const wgsl = finishWgsl([
    ...(body.enables ?? []),
    bindingDecls(spec.bindings),
    "",
    ...(body.shared ?? []),
    ...gemmHeader(spec),
    `@compute @workgroup_size(${body.workgroupSize})`,
    `fn main(${body.params}) {`,
    ...ind(body.prologue, 2),
    ...ind(body.loops, 2),
    ...ind(body.epilogue, 2),
    "}",
    "",
  ]);
  return {
    name: `${spec.name}_${body.variant}`,
    wgsl,
    bindings: spec.bindings,
    workgroups: body.workgroups,
    flops: spec.flops ?? 2 * spec.batch * spec.M * spec.N * spec.K,
  };
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

/**
 * `direct`: invocation (x, y) owns rows m0.. and columns n0.. of C and reads
 * them from storage itself, one k at a time, with scalar loads. (vec4 loads
 * measured slower here on lavapipe, whose storage loads run per lane and per
 * component either way: 512³ took 1.3-1.9x the CPU time with vec4 operands
 * and k stepping by 4, for every block from 4x4 to 8x8.)
 */
function directGemm(spec: GemmSpec): Kernel {
  const { M, N, K, batch } = spec;
  const RM = directBlock(M, N, K);
  const RN = RM;
  const decl: string[] = [];
  const inner: string[] = [];
  for (let i = 0; i < RM; i++) decl.push(`let mi${i} = min(m0 + ${u(i)}, ${u(M - 1)});`);
  for (let j = 0; j < RN; j++) decl.push(`let nj${j} = min(n0 + ${u(j)}, ${u(N - 1)});`);
  decl.push(...accDecls(RM, RN));
  inner.push(
    ...registerStep(
      RM,
      RN,
      1,
      { kind: "scalar", fetch: (i) => `loadA(b, mi${i}, k)` },
      { kind: "scalar", fetch: (j) => `loadB(b, k, nj${j})` },
    ),
  );
  return gemmModule(spec, {
    variant: `direct${RM}x${RN}`,
    workgroupSize: `${DW}, ${DW}`,
    params: "@builtin(global_invocation_id) g: vec3<u32>",
    prologue: [
      "let b = g.z;",
      `let m0 = g.y * ${u(RM)};`,
      `let n0 = g.x * ${u(RN)};`,
      `if (m0 >= ${u(M)} || n0 >= ${u(N)}) { return; }`,
      ...decl,
    ],
    loops: [`let kEnd = ${opaqueK(K, spec.bindings)};`, "for (var k = 0u; k < kEnd; k++) {", ...ind(inner, 2), "}"],
    epilogue: storeLoop(spec, RM, RN),
    workgroups: [Math.ceil(N / (RN * DW)), Math.ceil(M / (RM * DW)), batch],
  });
}

/**
 * `tiled`: a workgroup computes a TM x TN tile of C; K advances TK at a time
 * through workgroup memory. Each operand tile is stored as vec4s along the
 * operand's contiguous axis (A k-contiguous: [m][k/4]; m-contiguous:
 * [k][m/4]; B likewise), so staging is one vec4 load and one vec4 store per
 * slot of 4 values (4 scalar loads for operands without loadA4/loadB4), and
 * the inner loop reads RM + RN vec4s per 4 k for 4 x RM x RN multiply-adds.
 * Indices are clamped; values past K are zeroed by `select`.
 */
function tiledGemm(spec: GemmSpec, tile: Tile): Kernel {
  const { M, N, K, batch } = spec;
  const { TM, TN, TK, RM, RN } = tile;
  const tx = TN / RN;
  const threads = tx * (TM / RM);
  const vec = vectorAxes(spec);
  const aAlongK = spec.aContiguous === "k";
  const bAlongK = spec.bContiguous === "k";

  /** Staging of one operand: `rows` x TK values in slots of 4 along k or along the rows. */
  const stage = (
    S: string,
    rows: number,
    R: number,
    origin: string,
    alongK: boolean,
    vector: boolean,
    load: (r: string, k: string) => string,
    load4: (r: string, k: string) => string,
  ): string[] => {
    const per = (rows * TK) / 4 / threads;
    const lines = [`for (var t = 0u; t < ${u(per)}; t++) {`, `  let e = lid + t * ${u(threads)};`];
    if (alongK) {
      // slot e: row e / (TK/4), k 4 * (e % (TK/4)); stored at S[e] ([row][k/4]).
      lines.push(`  let gr = min(${origin} + e / ${u(TK / 4)}, ${u(R - 1)});`, `  let gk = k0 + (e % ${u(TK / 4)}) * 4u;`);
      if (vector) {
        lines.push(`  ${S}[e] = select(vec4<f32>(0.0), ${load4("gr", `min(gk, ${u(K - 4)})`)}, gk < ${u(K)});`);
      } else {
        // One load call site in a loop over the 4 values: unrolled, a gather
        // operand (conv's im2col) is inlined 4 times and compiles ~3x longer.
        lines.push(
          "  var v = vec4<f32>(0.0);",
          "  for (var q = 0u; q < 4u; q++) {",
          `    v[q] = select(0.0, ${load("gr", `min(gk + q, ${u(K - 1)})`)}, gk + q < ${u(K)});`,
          "  }",
          `  ${S}[e] = v;`,
        );
      }
    } else {
      // slot e: k e / (rows/4), rows 4 * (e % (rows/4)); stored at S[e] ([k][row/4]).
      lines.push(`  let gk = k0 + e / ${u(rows / 4)};`, `  let r4 = ${origin} + (e % ${u(rows / 4)}) * 4u;`);
      const kk = `min(gk, ${u(K - 1)})`;
      if (vector) {
        lines.push(`  ${S}[e] = select(vec4<f32>(0.0), ${load4(`min(r4, ${u(R - 4)})`, kk)}, gk < ${u(K)});`);
      } else {
        lines.push(
          "  var v = vec4<f32>(0.0);",
          "  for (var q = 0u; q < 4u; q++) {",
          `    v[q] = ${load(`min(r4 + q, ${u(R - 1)})`, kk)};`,
          "  }",
          `  ${S}[e] = select(vec4<f32>(0.0), v, gk < ${u(K)});`,
        );
      }
    }
    lines.push("}");
    return lines;
  };

  // Inner loop over kq (4 k at a time) reading the staged tiles.
  const A: StepOperand = aAlongK
    ? { kind: "k", fetch: (i) => `As[(ty * ${u(RM)} + ${u(i)}) * ${u(TK / 4)} + kq]` }
    : { kind: "rows", fetch: (r, kk) => `As[(kq * 4u + ${u(kk)}) * ${u(TM / 4)} + ty * ${u(RM / 4)} + ${u(r)}]` };
  const B: StepOperand = bAlongK
    ? { kind: "k", fetch: (j) => `Bs[(tx * ${u(RN)} + ${u(j)}) * ${u(TK / 4)} + kq]` }
    : { kind: "rows", fetch: (c, kk) => `Bs[(kq * 4u + ${u(kk)}) * ${u(TN / 4)} + tx * ${u(RN / 4)} + ${u(c)}]` };
  const loops = [
    `let kEnd = ${opaqueK(K, spec.bindings)};`,
    `for (var k0 = 0u; k0 < kEnd; k0 += ${u(TK)}) {`,
    ...ind(
      stage("As", TM, M, "tileM", aAlongK, vec.a !== undefined, (r, k) => `loadA(b, ${r}, ${k})`, (r, k) => `loadA4(b, ${r}, ${k})`),
      2,
    ),
    ...ind(
      stage("Bs", TN, N, "tileN", bAlongK, vec.b !== undefined, (r, k) => `loadB(b, ${k}, ${r})`, (r, k) => `loadB4(b, ${k}, ${r})`),
      2,
    ),
    "  workgroupBarrier();",
    // An opaque bound, so the loop is not unrolled: unrolled, lavapipe's cold
    // compile of a 32x32 tile took 4.5 s of CPU against 1.9 s (each step is
    // already 4 k unrolled).
    `  for (var kq = 0u; kq < ${opaqueK(TK / 4, spec.bindings)}; kq++) {`,
    ...ind(registerStep(RM, RN, 4, A, B), 4),
    "  }",
    "  workgroupBarrier();",
    "}",
  ];
  const layout = (alongK: boolean, row: string) => (alongK ? `[${row}][k/4]` : `[k][${row}/4]`);
  const vname = vec.a || vec.b ? `_v${vec.a ?? "s"}${vec.b ?? "s"}` : "";
  return gemmModule(spec, {
    variant: `tiled${TM}x${TN}x${TK}_${RM}x${RN}${vname}`,
    shared: [
      `var<workgroup> As: array<vec4<f32>, ${(TK * TM) / 4}>; // ${layout(aAlongK, "m")}`,
      `var<workgroup> Bs: array<vec4<f32>, ${(TK * TN) / 4}>; // ${layout(bAlongK, "n")}`,
      "",
    ],
    workgroupSize: `${threads}`,
    params: "@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32",
    prologue: [
      "let b = wid.z;",
      `let tileM = wid.y * ${u(TM)};`,
      `let tileN = wid.x * ${u(TN)};`,
      `let ty = lid / ${u(tx)};`,
      `let tx = lid % ${u(tx)};`,
      ...accDecls(RM, RN),
    ],
    loops,
    epilogue: [`let m0 = tileM + ty * ${u(RM)};`, `let n0 = tileN + tx * ${u(RN)};`, ...storeLoop(spec, RM, RN)],
    workgroups: [Math.ceil(N / TN), Math.ceil(M / TM), batch],
  });
}
