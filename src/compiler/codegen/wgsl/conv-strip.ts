// Direct forward convolution for CPU adapters (lavapipe): each invocation
// computes a strip of P consecutive output columns of one output row for a
// block of R output channels; the 8 lanes of a workgroup take 8 strips, and
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

import { opaqueK } from "./gemm";
import { bindingDecls, finishWgsl, u, type Kernel } from "./kernel";
import type { Conv2dShape, ConvIO } from "./conv";
import { convOutputSize } from "./conv";

/** Lanes per workgroup (lavapipe's 256-bit SIMD). */
const LANES = 8;

/** Columns per strip: the one of 8..4 that wastes the fewest columns of OW (the larger on a tie). */
export function stripColumns(OW: number): number {
  let best = 8;
  for (const P of [8, 7, 6, 5, 4]) if (Math.ceil(OW / P) * P < Math.ceil(OW / best) * best) best = P;
  return Math.min(best, OW);
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
}

/**
 * The forward convolution `io` describes (conv.ts ConvIO: load0 = x, load1 =
 * w, the store or storeRow/store split) as a strip kernel.
 */
export function stripConv(s: Conv2dShape, io: ConvIO, opt: StripOptions = {}): Kernel {
  const [OH, OW] = convOutputSize(s);
  const Cg = s.C / s.groups;
  const Og = s.O / s.groups;
  const R = opt.R ?? stripChannels(Og);
  const P = opt.P ?? stripColumns(OW);
  const [sh, sw] = s.stride;
  const [ph, pw] = s.padding;
  const [dh, dw] = s.dilation;
  // Input columns under a strip: P outputs at stride sw, KW taps at dilation dw.
  const L = (P - 1) * sw + (s.KW - 1) * dw + 1;
  const S = Math.ceil(OW / P);
  const strips = s.N * OH * S;
  const OB = Math.ceil(Og / R);
  const ind = (l: string[], n = 2) => l.map((x) => " ".repeat(n) + x);

  const pre: string[] = [
    `let strip = wid.x * ${u(LANES)} + lane;`,
    `let sc = min(strip, ${u(strips - 1)});`,
    `let nb = sc / ${u(OH * S)};`,
    `let oh = (sc / ${u(S)}) % ${u(OH)};`,
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
  for (let i = 0; i < R; i++) for (let p = 0; p < P; p++) pre.push(`var a${i}_${p} = 0.0f;`);

  const body: string[] = [
    `let ih = ih0 + i32(ky * ${u(dh)});`,
    `let rok = (ih >= 0i) & (ih < ${s.H}i);`,
    `let ihc = u32(clamp(ih, 0i, ${s.H - 1}i));`,
  ];
  for (let j = 0; j < L; j++) body.push(`let x${j} = select(0.0f, load0(nb, ci, ihc, iw${j}), rok & cok${j});`);
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
      body.push(`let w${kx}_${i} = subgroupBroadcast(wl${Math.floor(t / LANES)}, ${u(t % LANES)});`);
      for (let p = 0; p < P; p++) body.push(`a${i}_${p} = fma(w${kx}_${i}, x${p * sw + kx * dw}, a${i}_${p});`);
    }
  const loops = [
    `let cEnd = ${opaqueK(Cg, io.bindings)};`,
    "for (var c = 0u; c < cEnd; c++) {",
    `  let ci = g * ${u(Cg)} + c;`,
    `  for (var ky = 0u; ky < ${u(s.KH)}; ky++) {`,
    ...ind(body, 4),
    "  }",
    "}",
  ];

  // Stores from one call site (unrolled, each would inline the epilogue).
  const names: string[] = [];
  for (let i = 0; i < R; i++) for (let p = 0; p < P; p++) names.push(`a${i}_${p}`);
  const element = io.storeRow
    ? [
        `let i0 = nb;`,
        `let i2 = oh;`,
        `let i3 = ow0 + j;`,
        `let flat = ((i0 * ${u(s.O)} + i1) * ${u(OH)} + i2) * ${u(OW)} + i3;`,
        `let acc = accs[i * ${u(P)} + j];`,
        ...io.store,
      ]
    : [
        `storeOut(((nb * ${u(s.O)} + i1) * ${u(OH)} + oh) * ${u(OW)} + ow0 + j, nb, i1, oh, ow0 + j, accs[i * ${u(P)} + j]);`,
      ];
  const stores = [
    `if (strip >= ${u(strips)}) { return; }`,
    `var accs = array<f32, ${R * P}>(${names.join(", ")});`,
    `for (var i = 0u; i < ${u(R)}; i++) {`,
    `  if (ocb + i >= ${u(Og)}) { break; }`,
    `  let i1 = g * ${u(Og)} + ocb + i;`,
    ...ind(io.storeRow ?? []),
    `  for (var j = 0u; j < ${u(P)}; j++) {`,
    `    if (ow0 + j >= ${u(OW)}) { break; }`,
    ...ind(element, 4),
    "  }",
    "}",
  ];

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
    ...(io.storeRow ? [] : fn("storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32)", io.store)),
    `@compute @workgroup_size(${LANES})`,
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(subgroup_invocation_id) lane: u32) {",
    ...ind(pre),
    ...ind(loops),
    ...ind(stores),
    "}",
    "",
  ]);
  return {
    name: `conv2d_strip${R}x${P}`,
    wgsl,
    bindings: io.bindings,
    workgroups,
    flops: 2 * s.N * s.O * OH * OW * Cg * s.KH * s.KW,
  };
}
