// Direct forward convolution for CPU adapters (lavapipe): each invocation
// computes a strip of P consecutive output columns of one output row for a
// block of R output channels; the 8 (or 16: StripOptions.lanes) lanes of a
// workgroup take as many strips, and
// the whole workgroup shares the channel block.
//
// Why: lavapipe runs the lanes as one SIMD vector and compiles a storage
// load whose address differs between lanes to a per-lane sequence (~110
// instructions), while a load whose address is the same in every lane (it
// depends on the workgroup id and loop counters only) is one scalar load and
// a splat. Here the weights are such lane-uniform loads, and the input is
// read once per (input channel, kernel row): the P + (KW - 1) values of the
// row segment under the strip, reused across the KW taps and the R channels,
// so there are no per-k index divisions and no im2col gathers (the implicit
// GEMM reads every input element KH x KW times).

import { DEFAULT_LANES, opaqueK } from "./gemm";
import { bindingDecls, finishWgsl, u, type Kernel } from "./kernel";
import type { Conv2dShape, ConvIO } from "./conv";
import { convOutputSize } from "./conv";

/**
 * Accumulators per invocation (R x rows x P) the defaults stay within when a
 * strip is not a whole row. Only pooled strips (two rows) reach it: 16
 * channels x 2 rows x 8 columns. The MNIST CNN's 16 -> 32 convolution +
 * pool on 14 x 14 at batch 256 (Intel Xeon, 8 lanes) ran 10% faster as
 * 8-column strips than as 4-column ones (the limit 128): the input rows are
 * read once per 8 outputs instead of 4. (As whole rows, below, faster still.)
 */
const MAX_ACCUMULATORS = 256;

/**
 * A strip is a whole output row (RH whole rows when pooled) when the row is
 * this narrow and R x OW accumulators per row stay within
 * MAX_ROW_ACCUMULATORS: then ow0 is 0 and
 * the column bounds of the input segment are constants the shader compiler
 * folds. The MNIST CNN's 16 -> 16 convolution on 14 x 14 (batch 256, with
 * its BatchNorm and ReLU epilogue) took 13.9, 13.1 and 17.1 ms of process
 * CPU (median of 20 alternating rounds; best 11.5, 11.7, 10.9) as 16 x 14
 * strips against 14.7, 14.9 and 17.5 (best 12.9, 12.9, 13.0) as 16 x 7, at
 * load ~5; 64x16x14x14 -> 32 (conv-bench) 15.1-23.0 against 10.9-18.0
 * GFLOP/s per CPU second. Wider rows do not gain: 8x64x56x56 -> 64 ran
 * at 17.1-17.6 GFLOP/s as 16 x 14 strips against 19.5-21.0 as 16 x 8.
 * Pooled (2 x 2): the MNIST CNN's 16 -> 32 convolution + pool on 14 x 14
 * at batch 256 took 8.8 ms as 16 x 2 x 14 strips (448 accumulators) against
 * 10.5-11.0 as 16 x 2 x 8 (16 columns computed for 14) and 10.9 as
 * 8 x 2 x 14 (Intel Xeon, 8 lanes, best of interleaved rounds).
 */
const MAX_ROW_COLUMNS = 16;
const MAX_ROW_ACCUMULATORS = 224;

/**
 * Stores are unrolled (unrolledStores) up to this many lines of WGSL;
 * longer ones take loops. LLVM's compile time grows faster than the code:
 * the CNN's ResBlock convolutions (224 elements with a BatchNorm epilogue,
 * one with a residual read; ~3,250 lines of stores) took 4.9 and 16.8 s to
 * compile unrolled against 0.6 and 0.8 s in loops, for no faster kernel;
 * its first convolution + pool (1,632 lines) 0.65 s against 0.37.
 */
const MAX_UNROLLED_STORE_LINES = 2000;

/**
 * Columns per strip: among the multiples of `step` (a pool window's width)
 * from `most` down to 4 (or `step`), the one that wastes the fewest columns
 * of OW (the larger on a tie).
 */
export function stripColumns(OW: number, most = 8, step = 1): number {
  let best = 0;
  const waste = (P: number) => Math.ceil(OW / P) * P;
  for (let P = most - (most % step); P >= Math.max(step, Math.min(4, most)); P -= step)
    if (!best || waste(P) < waste(best)) best = P;
  best ||= step;
  return Math.min(best, Math.ceil(OW / step) * step);
}

/** Output channels per workgroup: all of a group's channels up to 16. */
export function stripChannels(Og: number): number {
  return Math.min(Og, 16);
}

export interface StripOptions {
  /** Output channels per workgroup (default stripChannels). */
  R?: number;
  /** Output columns per invocation (default stripColumns). */
  P?: number;
  /** Lanes per subgroup (the adapter's; default 8): one strip each. */
  lanes?: number;
}

/**
 * A max-pool over the convolution's result, with windows that tile it
 * (kernel = stride, no padding), done in the store: the pre-pool values are
 * never written. `value` is lines over the store's names (i0..i3, acc, the
 * storeRow names) whose last defines `pv`, the pool's input at (i0..i3);
 * `store` stores `best` at `pflat`, the pooled element's flat index.
 */
export interface StripPool {
  kernel: [number, number];
  value: string[];
  store: string[];
}

/**
 * The forward convolution `io` describes (conv.ts ConvIO: load0 = x, load1 =
 * w, the store or storeRow/store split) as a strip kernel, optionally with
 * the max-pool `pool` over its result.
 */
export function stripConv(s: Conv2dShape, io: ConvIO, opt: StripOptions = {}, pool?: StripPool): Kernel {
  const [OH0, OW0] = convOutputSize(s);
  const LANES = opt.lanes ?? DEFAULT_LANES;
  const [kh, kw] = pool?.kernel ?? [1, 1];
  // Pooled: the rows and columns the windows cover (floor mode drops the rest).
  const PH = Math.floor(OH0 / kh);
  const PW = Math.floor(OW0 / kw);
  const OH = PH * kh;
  const OW = PW * kw;
  const Cg = s.C / s.groups;
  const Og = s.O / s.groups;
  const R = opt.R ?? stripChannels(Og);
  // A strip is RH rows x P columns: one row of windows when pooled.
  const RH = kh;
  const wholeRow = OW <= MAX_ROW_COLUMNS && R * OW <= MAX_ROW_ACCUMULATORS;
  const P = opt.P ?? (wholeRow ? OW : stripColumns(OW, Math.min(8, Math.floor(MAX_ACCUMULATORS / (R * RH))), kw));
  if (P % kw !== 0) throw new Error(`conv2d strip: ${P} columns do not hold whole ${kw}-wide windows`);
  const [sh, sw] = s.stride;
  const [ph, pw] = s.padding;
  const [dh, dw] = s.dilation;
  // Input columns under a strip: P outputs at stride sw, KW taps at dilation dw.
  const L = (P - 1) * sw + (s.KW - 1) * dw + 1;
  const S = Math.ceil(OW / P);
  const HB = OH / RH;
  const strips = s.N * HB * S;
  const OB = Math.ceil(Og / R);
  const ind = (l: string[], n = 2) => {
    const pad = " ".repeat(n);
    return l.map((x) => pad + x);
  };

  const pre: string[] = [
    `let strip = wid.x * ${u(LANES)} + lane;`,
    `let sc = min(strip, ${u(strips - 1)});`,
    `let nb = sc / ${u(HB * S)};`,
    `let oh = ((sc / ${u(S)}) % ${u(HB)}) * ${u(RH)};`,
    `let ow0 = (sc % ${u(S)}) * ${u(P)};`,
    `let g = wid.y / ${u(OB)};`,
    `let ocb = (wid.y % ${u(OB)}) * ${u(R)};`,
    `let ih0 = i32(oh * ${u(sh)}) - ${ph}i;`,
    `let iwb = i32(ow0 * ${u(sw)}) - ${pw}i;`,
  ];
  for (let j = 0; j < L; j++)
    pre.push(
      `let cok${j} = (iwb + ${j}i >= 0i) & (iwb + ${j}i < ${s.W}i);`,
      `let iw${j} = u32(clamp(iwb + ${j}i, 0i, ${s.W - 1}i));`,
    );
  // The accumulators a<i>_<r>_<p>, weights w<kx>_<i> and input values x<r>_<j>, named once:
  // the unrolled multiply-adds below are most of the kernel's text.
  const names: string[] = [];
  for (let i = 0; i < R; i++) for (let r = 0; r < RH; r++) for (let p = 0; p < P; p++) names.push(`a${i}_${r}_${p}`);
  for (const a of names) pre.push(`var ${a} = 0.0f;`);
  const wName: string[] = [];
  for (let kx = 0; kx < s.KW; kx++) for (let i = 0; i < R; i++) wName.push(`w${kx}_${i}`);

  const body: string[] = [];
  // The R x KW weights of (c, ky): lane l loads weights l, l + 8, ...
  // (channel t / KW, tap t % KW) and each reaches every lane by broadcast.
  const T = R * s.KW;
  for (let q = 0; q * LANES < T; q++) {
    pre.push(
      `let wt${q} = min(lane + ${u(q * LANES)}, ${u(T - 1)});`,
      `let wo${q} = g * ${u(Og)} + min(ocb + wt${q} / ${u(s.KW)}, ${u(Og - 1)});`,
      `let wx${q} = wt${q} % ${u(s.KW)};`,
    );
    body.push(`let wl${q} = load1(wo${q}, c, ky, wx${q});`);
  }
  for (let kx = 0; kx < s.KW; kx++)
    for (let i = 0; i < R; i++) {
      const t = i * s.KW + kx;
      body.push(`let ${wName[kx * R + i]} = subgroupBroadcast(wl${Math.floor(t / LANES)}, ${u(t % LANES)});`);
    }
  // Each output row of the strip reads its input row segment once per (c, ky).
  for (let r = 0; r < RH; r++) {
    body.push(
      `let ihr${r} = ih0 + i32(${u(r * sh)} + ky * ${u(dh)});`,
      `let rok${r} = (ihr${r} >= 0i) & (ihr${r} < ${s.H}i);`,
      `let ihc${r} = u32(clamp(ihr${r}, 0i, ${s.H - 1}i));`,
    );
    const xName: string[] = [];
    for (let j = 0; j < L; j++) {
      xName.push(`x${r}_${j}`);
      body.push(`let ${xName[j]} = select(0.0f, load0(nb, ci, ihc${r}, iw${j}), rok${r} & cok${j});`);
    }
    // Each accumulator takes its KW taps in one chained expression: lavapipe
    // keeps the accumulators on the stack and masks every store to one in
    // the loop, so that is one load, blend and store per KW multiply-adds
    // (the same operations in the same order per accumulator as one tap at a
    // time). The MNIST CNN's convolutions at batch 256: 6-8% faster.
    for (let i = 0; i < R; i++)
      for (let p = 0; p < P; p++) {
        const a = names[(i * RH + r) * P + p];
        let e = a;
        for (let kx = 0; kx < s.KW; kx++) e = `fma(${wName[kx * R + i]}, ${xName[p * sw + kx * dw]}, ${e})`;
        body.push(`${a} = ${e};`);
      }
  }
  // (indented as in main, the body once: it is most of the text)
  const loops = [
    ...ind([
      `let cEnd = ${opaqueK(Cg, io.bindings)};`,
      "for (var c = 0u; c < cEnd; c++) {",
      `  let ci = g * ${u(Cg)} + c;`,
      `  for (var ky = 0u; ky < ${u(s.KH)}; ky++) {`,
    ]),
    ...ind(body, 6),
    "    }",
    "  }",
  ];

  // The stores. An output element's names, as the epilogue reads them:
  // i0..i3, its flat index and its accumulator.
  const flat = `((i0 * ${u(s.O)} + i1) * ${u(OH0)} + i2) * ${u(OW0)} + i3`;
  const at = (r: string, j: string, acc: string) => [
    "let i0 = nb;",
    `let i2 = ${r === "0u" ? "oh" : `oh + ${r}`};`,
    `let i3 = ow0 + ${j};`,
    `let flat = ${flat};`,
    `let acc = ${acc};`,
  ];
  const pflat = (jc: string) => `let pflat = ((nb * ${u(s.O)} + i1) * ${u(PH)} + oh / ${u(kh)}) * ${u(PW)} + ow0 / ${u(kw)} + ${jc};`;
  const stores = [`if (strip >= ${u(strips)}) { return; }`, ...(unrolledStores() ?? loopedStores())];

  /**
   * Unrolled, each element reading its accumulator by name; undefined past
   * MAX_UNROLLED_STORE_LINES. In loops (below) the accumulators go through a
   * private array indexed by the loop counters, which lavapipe reads per
   * lane: the MNIST CNN's first convolution + pool (one input channel) at
   * batch 256 took 3.24 ms against 2.62 unrolled. Where the convolution's
   * loop is long the array costs little (its 16 -> 32 convolution + pool:
   * the same time both ways).
   */
  function unrolledStores(): string[] | undefined {
    // Guards only where the block or the strip can overhang the output.
    const guarded = (cond: string | false, lines: string[]) => (cond ? [`if (${cond}) {`, ...ind(lines), "}"] : ["{", ...ind(lines), "}"]);
    const acc = (i: number, r: number, j: number) => at(u(r), u(j), names[(i * RH + r) * P + j]);
    const element = (i: number, jc: number): string[] => {
      if (!pool) return guarded(OW % P !== 0 && `ow0 + ${u(jc)} < ${u(OW)}`, [...acc(i, 0, jc), ...io.store]);
      // Window (oh / kh, ow0 / kw + jc): its kh x kw values, the first maximum kept (as max_pool2d's kernel).
      const values: string[] = [];
      for (let q = 0; q < kh * kw; q++) {
        const take = q === 0 ? "best = pv;" : "if (pv > best) { best = pv; }";
        values.push(...guarded(false, [...acc(i, Math.floor(q / kw), jc * kw + (q % kw)), ...pool.value, take]));
      }
      const window = ["var best = 0.0f;", ...values, pflat(u(jc)), ...pool.store];
      return guarded(PW % (P / kw) !== 0 && `ow0 / ${u(kw)} + ${u(jc)} < ${u(PW)}`, window);
    };
    const lines: string[] = [];
    for (let i = 0; i < R; i++) {
      const cols: string[] = [];
      for (let jc = 0; jc < (pool ? P / kw : P); jc++) cols.push(...element(i, jc));
      const channel = [`let i1 = g * ${u(Og)} + ocb + ${u(i)};`, ...(io.storeRow ?? []), ...cols];
      lines.push(...guarded(Og % R !== 0 && `ocb + ${u(i)} < ${u(Og)}`, channel));
      // (past the limit, the rest is not generated)
      if (lines.length > MAX_UNROLLED_STORE_LINES) return undefined;
    }
    return lines;
  }

  /** From one call site, in loops over the block's channels and columns (and a window's values). */
  function loopedStores(): string[] {
    const accAt = (r: string, j: string) => `accs[(i * ${u(RH)} + ${r}) * ${u(P)} + ${j}]`;
    const element = pool
      ? // Window (oh / kh, ow0 / kw + jp): its kh x kw values, the first maximum kept (as max_pool2d's kernel).
        [
          "var best = 0.0f;",
          `for (var q = 0u; q < ${u(kh * kw)}; q++) {`,
          `  let r = q / ${u(kw)};`,
          `  let jq = jp * ${u(kw)} + q % ${u(kw)};`,
          ...ind(at("r", "jq", accAt("r", "jq"))),
          ...ind(pool.value),
          "  if (q == 0u || pv > best) { best = pv; }",
          "}",
          pflat("jp"),
          ...pool.store,
        ]
      : [...at("0u", "j", accAt("0u", "j")), ...io.store];
    const cols = pool ? ["jp", P / kw, `ow0 / ${u(kw)} + jp >= ${u(PW)}`] : ["j", P, `ow0 + j >= ${u(OW)}`];
    return [
      `var accs = array<f32, ${names.length}>(${names.join(", ")});`,
      `for (var i = 0u; i < ${u(R)}; i++) {`,
      `  if (ocb + i >= ${u(Og)}) { break; }`,
      `  let i1 = g * ${u(Og)} + ocb + i;`,
      ...ind(io.storeRow ?? []),
      `  for (var ${cols[0]} = 0u; ${cols[0]} < ${u(cols[1] as number)}; ${cols[0]}++) {`,
      `    if (${cols[2]}) { break; }`,
      ...ind(element, 4),
      "  }",
      "}",
    ];
  }

  const fn = (sig: string, lines: string[]) => [`fn ${sig} {`, ...ind(lines), "}", ""];
  const workgroups: [number, number, number] = [Math.ceil(strips / LANES), s.groups * OB, 1];
  if (workgroups.some((d) => d > 65535)) throw new Error(`conv2d: dispatch ${workgroups.join("x")} exceeds 65535 per dimension`);
  const wgsl = finishWgsl([
    "enable subgroups;",
    "",
    bindingDecls(io.bindings),
    "",
    ...(io.helpers ?? []),
    ...fn("load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32", io.load0),
    ...fn("load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32", io.load1),
    `@compute @workgroup_size(${LANES})`,
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32) {",
    ...ind(pre),
    ...loops,
    ...ind(stores),
    "}",
    "",
  ]);
  return {
    name: `conv2d_strip${R}x${RH > 1 ? `${RH}x` : ""}${P}${pool ? `_maxpool${kh}x${kw}` : ""}`,
    wgsl,
    bindings: io.bindings,
    workgroups,
    flops: 2 * s.N * s.O * OH0 * OW0 * Cg * s.KH * s.KW,
  };
}
