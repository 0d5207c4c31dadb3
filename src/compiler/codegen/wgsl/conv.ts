// 2-D convolution (NCHW, OIHW weights) as implicit GEMM on the GEMM template,
// one GEMM batch per group, and its two backward convolutions:
//   forward      y[n,o,p]    = W[o, (c,kh,kw)]  · im2col(x)[(c,kh,kw), (n,p)]
//   grad input   dx[n,c,q]   = Wᵀ[c, (o,kh,kw)] · gather(dy)[(o,kh,kw), (n,q)]
//   grad weight  dW[o,(c,k)] = dy[o, (n,p)]     · im2col(x)ᵀ[(n,p), (c,kh,kw)]
// No im2col buffer is ever built: loadA/loadB compute the gather per element.

import { acc } from "./expr";
import { emitFusedBody, fusedBindings, type Fused } from "./elementwise";
import { cpuStrategy, gemmKernel, type GemmStrategy, type TileLimits } from "./gemm";
import type { BroadcastBlock } from "./gemm-broadcast";
import { u, type Binding, type Kernel } from "./kernel";
import { stripConv, type StripOptions, type StripPool } from "./conv-strip";

export interface Conv2dShape {
  N: number;
  C: number;
  H: number;
  W: number;
  /** Output channels. */
  O: number;
  KH: number;
  KW: number;
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
}

/**
 * How a convolution kernel reads its two operands and writes its result, as
 * WGSL function bodies: `fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32`
 * (and load1) return an operand at 4-D coordinates; `fn storeOut(flat: u32,
 * i0: u32, i1: u32, i2: u32, i3: u32, acc: f32)` stores the result element.
 * Operands: forward (x, w), grad input (dy, w), grad weight (x, dy).
 */
export interface ConvIO {
  bindings: Binding[];
  load0: string[];
  load1: string[];
  store: string[];
  helpers?: string[];
  /**
   * Body of `fn load0v(i: u32) -> vec4<f32>`: operand 0's elements i..i+3
   * (i a multiple of 4) as one vec4, when operand 0 is a plain NCHW buffer
   * bound as vec4 (see vectorX).
   */
  load0v?: string[];
  /**
   * Forward only: lines of the store that depend on the output channel
   * `i1` alone (gemm.ts splitRowLines); `store` may use their names. They
   * run once per output channel of a register block, not per element.
   */
  storeRow?: string[];
  /** Forward on the strip kernel only: a max-pool done in the store (conv-strip.ts StripPool), which then replaces `store`. */
  pool?: StripPool;
}

export interface Conv2dSpec extends Conv2dShape {
  /** Over the kernel's output shape; `acc` is the convolution's value. */
  epilogue?: Fused;
  /** Replaces the default bindings (operands `x`/`w`/`dy`, then the epilogue's). */
  io?: ConvIO;
  strategy?: GemmStrategy;
  tileLimits?: TileLimits;
  /** Default bindings only: read x by scalars even where vectorX allows vec4 (A/B measurements). */
  scalarX?: boolean;
  /** `broadcast`'s register block instead of the default (A/B measurements). */
  broadcastBlock?: BroadcastBlock;
  /** Lanes per subgroup for the strip kernel and `broadcast` (the adapter's); default 8. */
  lanes?: number;
  /**
   * Forward only: the strip kernel (conv-strip.ts) with these options, or
   * `false` for the implicit GEMM, instead of what stripFor chooses.
   */
  strip?: StripOptions | false;
}

/**
 * Whether the forward convolution runs as the strip kernel (conv-strip.ts):
 * on CPU adapters with 8- or 16-lane subgroups, except a reduction too short to
 * repay a strip's setup and stores (C/groups x KH x KW < 16) when no pool is
 * fused into it: conv 64x1x28x28 -> 16 3x3 ran at 3.9 GFLOP/s per CPU second
 * as strips against 4.9 as the implicit GEMM (interleaved, load ~7), where
 * 64x16x14x14 -> 16 ran at 21.7 against 10.9.
 */
export function stripFor(s: Conv2dShape, strategy: GemmStrategy = "tiled", pooled = false): boolean {
  return strategy === "cpu" && (pooled || (s.C / s.groups) * s.KH * s.KW >= 16);
}

export function convOutputSize(s: Conv2dShape): [number, number] {
  const oh =
    Math.floor((s.H + 2 * s.padding[0] - s.dilation[0] * (s.KH - 1) - 1) / s.stride[0]) + 1;
  const ow =
    Math.floor((s.W + 2 * s.padding[1] - s.dilation[1] * (s.KW - 1) - 1) / s.stride[1]) + 1;
  return [oh, ow];
}

function flatOf(shape: number[]): string {
  const [, d1, d2, d3] = shape;
  return `((i0 * ${u(d1)} + i1) * ${u(d2)} + i2) * ${u(d3)} + i3`;
}

/** Plain storage operands and an Expr epilogue: the IO of the kernel tests and simple callers. */
function defaultIO(
  names: [string, string],
  shapes: [number[], number[]],
  out: number[],
  epi?: Fused,
  vec0 = false,
): ConvIO {
  const e = epi ?? { shape: out, inputs: [], outputs: [{ expr: acc(), type: "f32" as const }] };
  return {
    bindings: [
      { name: names[0], type: "f32", access: "read", ...(vec0 ? { vec4: true } : {}) },
      { name: names[1], type: "f32", access: "read" },
      ...fusedBindings(e, "e", "out"),
    ],
    load0: [`return ${names[0]}[${vec0 ? `(${flatOf(shapes[0])}) / 4u][i3 % 4u` : flatOf(shapes[0])}];`],
    ...(vec0 ? { load0v: [`return ${names[0]}[i / 4u];`] } : {}),
    load1: [`return ${names[1]}[${flatOf(shapes[1])}];`],
    store: emitFusedBody(
      e,
      "flat",
      (i) => `e${i}`,
      (j) => `out${j}`,
      "acc",
    ),
  };
}

function ioFunctions(io: ConvIO): string[] {
  const ind = (l: string[]) => l.map((x) => `  ${x}`);
  return [
    ...(io.helpers ?? []),
    ...(io.load0v ? ["fn load0v(i: u32) -> vec4<f32> {", ...ind(io.load0v), "}", ""] : []),
    "fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {",
    ...ind(io.load0),
    "}",
    "",
    "fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {",
    ...ind(io.load1),
    "}",
    "",
    ...(io.storeRow
      ? []
      : ["fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {", ...ind(io.store), "}", ""]),
  ];
}

/**
 * WGSL: x (operand `op`) at (n, c, ih, iw) with ih/iw signed, zero outside
 * the image: the load reads a clamped (valid) pixel and `select` zeroes it,
 * so the GEMM's k loop has no branch.
 */
function xGather(s: Conv2dShape, op: string): string[] {
  return [
    "fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {",
    `  let inside = (ih >= 0i) & (iw >= 0i) & (ih < ${s.H}i) & (iw < ${s.W}i);`,
    `  let v = ${op}(n, c, u32(clamp(ih, 0i, ${s.H - 1}i)), u32(clamp(iw, 0i, ${s.W - 1}i)));`,
    "  return select(0.0, v, inside);",
    "}",
    "",
  ];
}

function geometry(s: Conv2dShape) {
  const [OH, OW] = convOutputSize(s);
  return { OH, OW, Cg: s.C / s.groups, Og: s.O / s.groups, KK: s.KH * s.KW };
}

/**
 * Whether the forward convolution reads x as vec4s: when the GEMM runs as
 * `broadcast` (B by vec4s along n: 4 consecutive output pixels per lane),
 * the 4 pixels lie in one output row (OW % 4 == 0), read 4 consecutive
 * input pixels (horizontal stride 1), and input rows start on a vec4
 * (W % 4 == 0). Callers then bind x as vec4 and give ConvIO.load0v.
 * (`tiled` could take the same loadB4; it stays scalar, unmeasured here
 * without a GPU.)
 */
export function vectorX(s: Conv2dShape, strategy: GemmStrategy = "tiled", strip = stripFor(s, strategy)): boolean {
  if (strip) return false;
  const { OW, Cg, Og, KK } = geometry(s);
  const shape = { M: Og, N: s.N * convOutputSize(s)[0] * OW, K: Cg * KK };
  const bcast = strategy === "broadcast" || (strategy === "cpu" && cpuStrategy(shape) === "broadcast");
  return bcast && OW % 4 === 0 && s.W % 4 === 0 && s.stride[1] === 1;
}

/**
 * WGSL body of the forward GEMM's loadB4: the im2col values at k of 4
 * consecutive output pixels (n..n+3, one row), from the two aligned vec4s
 * of the input row that hold them. The horizontal offset d of tap kw
 * depends on k alone, so the shift (d mod 4) that picks the 4 values is the
 * same in every lane. Values outside the image are zeroed by select; the
 * vec4 reads are clamped to the row, and only values that are zeroed come
 * from a clamped read.
 */
function xGather4(s: Conv2dShape): string[] {
  const { OW, Cg, KK } = geometry(s);
  const P = convOutputSize(s)[0] * OW;
  return [
    `let c = k / ${u(KK)};`,
    `let r = k % ${u(KK)};`,
    `let nb = n / ${u(P)};`,
    `let p = n % ${u(P)};`,
    `let ih = i32((p / ${u(OW)}) * ${u(s.stride[0])} + (r / ${u(s.KW)}) * ${u(s.dilation[0])}) - ${s.padding[0]}i;`,
    `let d = i32((r % ${u(s.KW)}) * ${u(s.dilation[1])}) - ${s.padding[1]}i;`,
    "let sh = u32(d & 3i);",
    `let iw0 = i32(p % ${u(OW)}) + d;`,
    "let a = iw0 - i32(sh);",
    `let row = ((nb * ${u(s.C)} + b * ${u(Cg)} + c) * ${u(s.H)} + u32(clamp(ih, 0i, ${s.H - 1}i))) * ${u(s.W)};`,
    `let lo = load0v(row + u32(clamp(a, 0i, ${s.W - 4}i)));`,
    `let hi = load0v(row + u32(clamp(a + 4i, 0i, ${s.W - 4}i)));`,
    "let v = select(select(select(lo, vec4<f32>(lo.yzw, hi.x), sh == 1u), vec4<f32>(lo.zw, hi.xy), sh == 2u), vec4<f32>(lo.w, hi.xyz), sh == 3u);",
    "let iw = vec4<i32>(iw0) + vec4<i32>(0i, 1i, 2i, 3i);",
    `let inside = (iw >= vec4<i32>(0i)) & (iw < vec4<i32>(${s.W}i)) & vec4<bool>((ih >= 0i) & (ih < ${s.H}i));`,
    "return select(vec4<f32>(0.0), v, inside);",
  ];
}

/** Forward convolution; default bindings `x`, `w`, epilogue inputs `e0..`, outputs `out0..` ([N, O, OH, OW]). */
export function conv2dKernel(s: Conv2dSpec): Kernel {
  const { OH, OW, Cg, Og, KK } = geometry(s);
  const P = OH * OW;
  const useStrip = s.strip === undefined ? stripFor(s, s.strategy, s.io?.pool !== undefined) : s.strip !== false;
  const io =
    s.io ??
    defaultIO(
      ["x", "w"],
      [
        [s.N, s.C, s.H, s.W],
        [s.O, Cg, s.KH, s.KW],
      ],
      [s.N, s.O, OH, OW],
      s.epilogue,
      !s.scalarX && vectorX(s, s.strategy, useStrip),
    );
  if (useStrip) return stripConv(s, io, { lanes: s.lanes, ...(s.strip || {}) }, io.pool);
  if (io.pool) throw new Error("conv2d: a fused max-pool needs the strip kernel");
  // With x read by vec4s the loads per multiply-add drop, and 64 rows per
  // subgroup (each lane loading 8 weights per k) pay off where O allows:
  // conv 8x64x56x56 -> 64 ran at 1.22x the scalar-x 32x8 block (14.5 ->
  // 17.7 GFLOP/s per CPU second, interleaved; 64x8 with scalar x: 11.8).
  const vecX = io.load0v !== undefined && vectorX(s, s.strategy, false);
  return gemmKernel(
    {
      lanes: s.lanes,
      name: "conv2d",
      batch: s.groups,
      M: Og,
      N: s.N * P,
      K: Cg * KK,
      bindings: io.bindings,
      helpers: [...ioFunctions(io), ...xGather(s, "load0")],
      loadA: [
        `let r = k % ${u(KK)};`,
        `return load1(b * ${u(Og)} + m, k / ${u(KK)}, r / ${u(s.KW)}, r % ${u(s.KW)});`,
      ],
      loadB: [
        `let c = k / ${u(KK)};`,
        `let r = k % ${u(KK)};`,
        `let nb = n / ${u(P)};`,
        `let p = n % ${u(P)};`,
        `let ih = i32((p / ${u(OW)}) * ${u(s.stride[0])} + (r / ${u(s.KW)}) * ${u(s.dilation[0])}) - ${s.padding[0]}i;`,
        `let iw = i32((p % ${u(OW)}) * ${u(s.stride[1])} + (r % ${u(s.KW)}) * ${u(s.dilation[1])}) - ${s.padding[1]}i;`,
        `return xAt(nb, b * ${u(Cg)} + c, ih, iw);`,
      ],
      loadB4: vecX ? xGather4(s) : undefined,
      broadcastBlock: s.broadcastBlock ?? (vecX && Og >= 64 ? { RM: 64, RN: 8 } : undefined),
      ...(io.storeRow
        ? {
            storeRow: [`let i1 = b * ${u(Og)} + m;`, ...io.storeRow],
            store: [
              `let i0 = n / ${u(P)};`,
              `let p = n % ${u(P)};`,
              `let i2 = p / ${u(OW)};`,
              `let i3 = p % ${u(OW)};`,
              `let flat = (i0 * ${u(s.O)} + i1) * ${u(P)} + p;`,
              ...io.store,
            ],
          }
        : {
            store: [
              `let o = b * ${u(Og)} + m;`,
              `let nb = n / ${u(P)};`,
              `let p = n % ${u(P)};`,
              `storeOut((nb * ${u(s.O)} + o) * ${u(P)} + p, nb, o, p / ${u(OW)}, p % ${u(OW)}, acc);`,
            ],
          }),
      aContiguous: "k",
      bContiguous: "n",
      flops: 2 * s.N * s.O * P * Cg * KK,
    },
    s.strategy,
    undefined,
    s.tileLimits,
  );
}

/**
 * Gradient of the input; default bindings `dy` ([N, O, OH, OW]), `w`,
 * epilogue inputs, outputs ([N, C, H, W]).
 */
export function conv2dGradInputKernel(s: Conv2dSpec): Kernel {
  const { OH, OW, Cg, Og, KK } = geometry(s);
  const Q = s.H * s.W;
  const io =
    s.io ??
    defaultIO(
      ["dy", "w"],
      [
        [s.N, s.O, OH, OW],
        [s.O, Cg, s.KH, s.KW],
      ],
      [s.N, s.C, s.H, s.W],
      s.epilogue,
    );
  // Output pixel oh feeds input row ih through tap kh when ih = oh*s - p + kh*d.
  const tap = (i: string, k: string, axis: 0 | 1) =>
    `i32(${i}) + ${s.padding[axis]}i - i32(${k} * ${u(s.dilation[axis])})`;
  return gemmKernel(
    {
      lanes: s.lanes,
      name: "conv2d_grad_input",
      batch: s.groups,
      M: Cg,
      N: s.N * Q,
      K: Og * KK,
      bindings: io.bindings,
      helpers: ioFunctions(io),
      loadA: [
        `let r = k % ${u(KK)};`,
        `return load1(b * ${u(Og)} + k / ${u(KK)}, m, r / ${u(s.KW)}, r % ${u(s.KW)});`,
      ],
      loadB: [
        `let o = k / ${u(KK)};`,
        `let r = k % ${u(KK)};`,
        `let nb = n / ${u(Q)};`,
        `let q = n % ${u(Q)};`,
        `let th = ${tap(`q / ${u(s.W)}`, `(r / ${u(s.KW)})`, 0)};`,
        `let tw = ${tap(`q % ${u(s.W)}`, `(r % ${u(s.KW)})`, 1)};`,
        // A tap that hits no output pixel reads a clamped one and is zeroed (no branch).
        `let uh = u32(max(th, 0i));`,
        `let uw = u32(max(tw, 0i));`,
        `let oh = uh / ${u(s.stride[0])};`,
        `let ow = uw / ${u(s.stride[1])};`,
        `let hit = (th >= 0i) & (tw >= 0i) & (uh % ${u(s.stride[0])} == 0u) & (uw % ${u(s.stride[1])} == 0u) & (oh < ${u(OH)}) & (ow < ${u(OW)});`,
        `let v = load0(nb, b * ${u(Og)} + o, min(oh, ${u(OH - 1)}), min(ow, ${u(OW - 1)}));`,
        `return select(0.0, v, hit);`,
      ],
      store: [
        `let c = b * ${u(Cg)} + m;`,
        `let nb = n / ${u(Q)};`,
        `let q = n % ${u(Q)};`,
        `storeOut((nb * ${u(s.C)} + c) * ${u(Q)} + q, nb, c, q / ${u(s.W)}, q % ${u(s.W)}, acc);`,
      ],
      aContiguous: "k",
      bContiguous: "n",
      flops: 2 * s.N * s.O * OH * OW * Cg * KK,
    },
    s.strategy,
    undefined,
    s.tileLimits,
  );
}

/**
 * Gradient of the weight; default bindings `x`, `dy` ([N, O, OH, OW]),
 * epilogue inputs, outputs ([O, C/groups, KH, KW]).
 */
export function conv2dGradWeightKernel(s: Conv2dSpec): Kernel {
  const { OH, OW, Cg, Og, KK } = geometry(s);
  const P = OH * OW;
  const io =
    s.io ??
    defaultIO(
      ["x", "dy"],
      [
        [s.N, s.C, s.H, s.W],
        [s.N, s.O, OH, OW],
      ],
      [s.O, Cg, s.KH, s.KW],
      s.epilogue,
    );
  return gemmKernel(
    {
      lanes: s.lanes,
      name: "conv2d_grad_weight",
      batch: s.groups,
      M: Og,
      N: Cg * KK,
      K: s.N * P,
      bindings: io.bindings,
      helpers: [...ioFunctions(io), ...xGather(s, "load0")],
      loadA: [
        `let p = k % ${u(P)};`,
        `return load1(k / ${u(P)}, b * ${u(Og)} + m, p / ${u(OW)}, p % ${u(OW)});`,
      ],
      loadB: [
        `let c = n / ${u(KK)};`,
        `let r = n % ${u(KK)};`,
        `let nb = k / ${u(P)};`,
        `let p = k % ${u(P)};`,
        `let ih = i32((p / ${u(OW)}) * ${u(s.stride[0])} + (r / ${u(s.KW)}) * ${u(s.dilation[0])}) - ${s.padding[0]}i;`,
        `let iw = i32((p % ${u(OW)}) * ${u(s.stride[1])} + (r % ${u(s.KW)}) * ${u(s.dilation[1])}) - ${s.padding[1]}i;`,
        `return xAt(nb, b * ${u(Cg)} + c, ih, iw);`,
      ],
      store: [
        `let o = b * ${u(Og)} + m;`,
        `storeOut(o * ${u(Cg * KK)} + n, o, n / ${u(KK)}, (n % ${u(KK)}) / ${u(s.KW)}, n % ${u(s.KW)}, acc);`,
      ],
      aContiguous: "k",
      bContiguous: "k",
      flops: 2 * s.N * s.O * P * Cg * KK,
    },
    s.strategy,
    undefined,
    s.tileLimits,
  );
}
