// 2-D convolution (NCHW, OIHW weights) as implicit GEMM on the GEMM template,
// one GEMM batch per group, and its two backward convolutions:
//   forward      y[n,o,p]    = W[o, (c,kh,kw)]  · im2col(x)[(c,kh,kw), (n,p)]
//   grad input   dx[n,c,q]   = Wᵀ[c, (o,kh,kw)] · gather(dy)[(o,kh,kw), (n,q)]
//   grad weight  dW[o,(c,k)] = dy[o, (n,p)]     · im2col(x)ᵀ[(n,p), (c,kh,kw)]
// No im2col buffer is ever built: loadA/loadB compute the gather per element.

import { acc } from "./expr";
import { emitFusedBody, fusedBindings, type Fused } from "./elementwise";
import { gemmKernel, type GemmStrategy } from "./gemm";
import { u, type Binding, type Kernel } from "./kernel";

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

export interface Conv2dSpec extends Conv2dShape {
  /** Over the kernel's output shape; `acc` is the convolution's value. */
  epilogue?: Fused;
  strategy?: GemmStrategy;
}

export function convOutputSize(s: Conv2dShape): [number, number] {
  const oh =
    Math.floor((s.H + 2 * s.padding[0] - s.dilation[0] * (s.KH - 1) - 1) / s.stride[0]) + 1;
  const ow =
    Math.floor((s.W + 2 * s.padding[1] - s.dilation[1] * (s.KW - 1) - 1) / s.stride[1]) + 1;
  return [oh, ow];
}

function plain(shape: number[]): Fused {
  return { shape, inputs: [], outputs: [{ expr: acc(), type: "f32" }] };
}

function storeLines(epi: Fused, flat: string): string[] {
  return [
    `let flat = ${flat};`,
    ...emitFusedBody(
      epi,
      "flat",
      (i) => `e${i}`,
      (j) => `out${j}`,
      "acc",
    ),
  ];
}

/** WGSL: x at (n, c, ih, iw) with ih/iw signed, zero outside the image. */
function xGather(s: Conv2dShape): string[] {
  return [
    "fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {",
    `  if (ih < 0 || iw < 0 || ih >= ${s.H}i || iw >= ${s.W}i) { return 0.0; }`,
    `  return x[((n * ${u(s.C)} + c) * ${u(s.H)} + u32(ih)) * ${u(s.W)} + u32(iw)];`,
    "}",
    "",
  ];
}

function bindingsFor(first: string, second: string, epi: Fused): Binding[] {
  return [
    { name: first, type: "f32", access: "read" },
    { name: second, type: "f32", access: "read" },
    ...fusedBindings(epi, "e", "out"),
  ];
}

/** Forward convolution. Bindings: `x`, `w`, epilogue inputs `e0..`, outputs `out0..` ([N, O, OH, OW]). */
export function conv2dKernel(s: Conv2dSpec): Kernel {
  const [OH, OW] = convOutputSize(s);
  const Cg = s.C / s.groups;
  const Og = s.O / s.groups;
  const KK = s.KH * s.KW;
  const P = OH * OW;
  const epi = s.epilogue ?? plain([s.N, s.O, OH, OW]);
  return gemmKernel(
    {
      name: "conv2d",
      batch: s.groups,
      M: Og,
      N: s.N * P,
      K: Cg * KK,
      bindings: bindingsFor("x", "w", epi),
      helpers: xGather(s),
      loadA: [`return w[(b * ${u(Og)} + m) * ${u(Cg * KK)} + k];`],
      loadB: [
        `let c = k / ${u(KK)};`,
        `let r = k % ${u(KK)};`,
        `let nb = n / ${u(P)};`,
        `let p = n % ${u(P)};`,
        `let ih = i32((p / ${u(OW)}) * ${u(s.stride[0])} + (r / ${u(s.KW)}) * ${u(s.dilation[0])}) - ${s.padding[0]}i;`,
        `let iw = i32((p % ${u(OW)}) * ${u(s.stride[1])} + (r % ${u(s.KW)}) * ${u(s.dilation[1])}) - ${s.padding[1]}i;`,
        `return xAt(nb, b * ${u(Cg)} + c, ih, iw);`,
      ],
      store: storeLines(
        epi,
        `((n / ${u(P)}) * ${u(s.O)} + b * ${u(Og)} + m) * ${u(P)} + n % ${u(P)}`,
      ),
      aContiguous: "k",
      bContiguous: "n",
      flops: 2 * s.N * s.O * P * Cg * KK,
    },
    s.strategy,
  );
}

/**
 * Gradient of the input. Bindings: `dy` ([N, O, OH, OW]), `w`, epilogue
 * inputs, outputs ([N, C, H, W]).
 */
export function conv2dGradInputKernel(s: Conv2dSpec): Kernel {
  const [OH, OW] = convOutputSize(s);
  const Cg = s.C / s.groups;
  const Og = s.O / s.groups;
  const KK = s.KH * s.KW;
  const Q = s.H * s.W;
  const epi = s.epilogue ?? plain([s.N, s.C, s.H, s.W]);
  // Output pixel (oh) feeding input row ih through tap kh: ih = oh*s - p + kh*d.
  const tap = (i: string, k: string, axis: 0 | 1) => {
    const [pd, dl] = [s.padding[axis], s.dilation[axis]];
    return `i32(${i}) + ${pd}i - i32(${k} * ${u(dl)})`;
  };
  return gemmKernel(
    {
      name: "conv2d_grad_input",
      batch: s.groups,
      M: Cg,
      N: s.N * Q,
      K: Og * KK,
      bindings: bindingsFor("dy", "w", epi),
      loadA: [
        `let o = k / ${u(KK)};`,
        `return w[((b * ${u(Og)} + o) * ${u(Cg)} + m) * ${u(KK)} + k % ${u(KK)}];`,
      ],
      loadB: [
        `let o = k / ${u(KK)};`,
        `let r = k % ${u(KK)};`,
        `let nb = n / ${u(Q)};`,
        `let q = n % ${u(Q)};`,
        `let th = ${tap(`q / ${u(s.W)}`, `(r / ${u(s.KW)})`, 0)};`,
        `let tw = ${tap(`q % ${u(s.W)}`, `(r % ${u(s.KW)})`, 1)};`,
        `if (th < 0 || tw < 0) { return 0.0; }`,
        `let oh = u32(th) / ${u(s.stride[0])};`,
        `let ow = u32(tw) / ${u(s.stride[1])};`,
        `if (u32(th) % ${u(s.stride[0])} != 0u || u32(tw) % ${u(s.stride[1])} != 0u || oh >= ${u(OH)} || ow >= ${u(OW)}) { return 0.0; }`,
        `return dy[((nb * ${u(s.O)} + b * ${u(Og)} + o) * ${u(OH)} + oh) * ${u(OW)} + ow];`,
      ],
      store: storeLines(
        epi,
        `((n / ${u(Q)}) * ${u(s.C)} + b * ${u(Cg)} + m) * ${u(Q)} + n % ${u(Q)}`,
      ),
      aContiguous: "k",
      bContiguous: "n",
      flops: 2 * s.N * s.O * OH * OW * Cg * KK,
    },
    s.strategy,
  );
}

/**
 * Gradient of the weight. Bindings: `dy` ([N, O, OH, OW]), `x`, epilogue
 * inputs, outputs ([O, C/groups, KH, KW]).
 */
export function conv2dGradWeightKernel(s: Conv2dSpec): Kernel {
  const [OH, OW] = convOutputSize(s);
  const Cg = s.C / s.groups;
  const Og = s.O / s.groups;
  const KK = s.KH * s.KW;
  const P = OH * OW;
  const epi = s.epilogue ?? plain([s.O, Cg, s.KH, s.KW]);
  return gemmKernel(
    {
      name: "conv2d_grad_weight",
      batch: s.groups,
      M: Og,
      N: Cg * KK,
      K: s.N * P,
      bindings: bindingsFor("dy", "x", epi),
      helpers: xGather(s),
      loadA: [`return dy[((k / ${u(P)}) * ${u(s.O)} + b * ${u(Og)} + m) * ${u(P)} + k % ${u(P)}];`],
      loadB: [
        `let c = n / ${u(KK)};`,
        `let r = n % ${u(KK)};`,
        `let nb = k / ${u(P)};`,
        `let p = k % ${u(P)};`,
        `let ih = i32((p / ${u(OW)}) * ${u(s.stride[0])} + (r / ${u(s.KW)}) * ${u(s.dilation[0])}) - ${s.padding[0]}i;`,
        `let iw = i32((p % ${u(OW)}) * ${u(s.stride[1])} + (r % ${u(s.KW)}) * ${u(s.dilation[1])}) - ${s.padding[1]}i;`,
        `return xAt(nb, b * ${u(Cg)} + c, ih, iw);`,
      ],
      store: storeLines(epi, `(b * ${u(Og)} + m) * ${u(Cg * KK)} + n`),
      aContiguous: "k",
      bContiguous: "k",
      flops: 2 * s.N * s.O * P * Cg * KK,
    },
    s.strategy,
  );
}
