// 2-D convolution (NCHW, PyTorch's cross-correlation) and its two gradients,
// which are ops of their own: dL/dx is a transposed convolution, dL/dw a
// correlation of x with dy. The three are each other's adjoints, so each has
// a vjp and second derivatives work.

import { InternalError } from "../../diagnostics";
import { conv2d, conv2dGradInput, conv2dGradWeight } from "../builder";
import type { Node } from "../node";
import type { RefArgs } from "../op";
import { registerOp } from "../registry";
import type { ConvAttrs } from "../op-attrs";
import { convOutDim, showShape, type Shape } from "../types";
import { alloc } from "./ref-util";
import type { Tensor } from "../../tensor";

const CONV_DEFAULTS = { stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 };

function convOut(x: Shape, w: Shape, a: ConvAttrs): Shape {
  const [s, p, d] = [a.stride, a.padding, a.dilation];
  const g = a.groups;
  if (x.length !== 4 || w.length !== 4) throw new InternalError(`conv2d of ${showShape(x)} with ${showShape(w)}`);
  const [kh, kw] = [w[2], w[3]] as number[];
  if (typeof x[1] === "number" && typeof w[1] === "number" && x[1] !== (w[1] as number) * g) {
    throw new InternalError(`conv2d: input has ${x[1]} channels, weight expects ${w[1]}×${g}`);
  }
  return [x[0], w[0], convOutDim(x[2], kh, s[0], p[0], d[0]), convOutDim(x[3], kw, s[1], p[1], d[1])];
}

interface Geometry {
  N: number; C: number; H: number; W: number;
  O: number; Cg: number; KH: number; KW: number;
  OH: number; OW: number; G: number; Og: number;
  s: readonly number[]; p: readonly number[]; d: readonly number[];
}

function geometry(x: readonly number[], w: readonly number[], y: readonly number[], a: ConvAttrs): Geometry {
  const G = a.groups;
  return {
    N: x[0], C: x[1], H: x[2], W: x[3],
    O: w[0], Cg: w[1], KH: w[2], KW: w[3],
    OH: y[2], OW: y[3], G, Og: w[0] / G,
    s: a.stride, p: a.padding, d: a.dilation,
  };
}

/**
 * The one loop nest all three ops share: for each (n, oc, c, kh, kw, oh, ow)
 * with (ih, iw) inside x, `mac(xi, wi, yi)` gets the flat indices into x, w, y.
 * `kind` selects which one accumulates; inlined per kind to stay fast.
 */
function convLoops(g: Geometry, X: ArrayLike<number>, Wt: ArrayLike<number>, Y: ArrayLike<number>, acc: Float64Array, kind: "y" | "x" | "w") {
  const { N, C, H, W, Cg, KH, KW, OH, OW, G, Og, s, p, d } = g;
  for (let n = 0; n < N; n++) {
    for (let gr = 0; gr < G; gr++) {
      for (let oo = 0; oo < Og; oo++) {
        const oc = gr * Og + oo;
        for (let cc = 0; cc < Cg; cc++) {
          const c = gr * Cg + cc;
          const xBase = (n * C + c) * H * W;
          const yBase = (n * g.O + oc) * OH * OW;
          for (let kh = 0; kh < KH; kh++) {
            for (let kw = 0; kw < KW; kw++) {
              const wi = ((oc * Cg + cc) * KH + kh) * KW + kw;
              const wv = Wt[wi];
              let wsum = 0;
              for (let oh = 0; oh < OH; oh++) {
                const ih = oh * s[0] - p[0] + kh * d[0];
                if (ih < 0 || ih >= H) continue;
                const xr = xBase + ih * W;
                const yr = yBase + oh * OW;
                for (let ow = 0; ow < OW; ow++) {
                  const iw = ow * s[1] - p[1] + kw * d[1];
                  if (iw < 0 || iw >= W) continue;
                  if (kind === "y") acc[yr + ow] += wv * X[xr + iw];
                  else if (kind === "x") acc[xr + iw] += wv * Y[yr + ow];
                  else wsum += X[xr + iw] * Y[yr + ow];
                }
              }
              if (kind === "w") acc[wi] += wsum;
            }
          }
        }
      }
    }
  }
}

function runConv(kind: "y" | "x" | "w", xT: readonly number[], wT: readonly number[], yT: readonly number[], X: Tensor | null, Wt: Tensor | null, Y: Tensor | null, a: RefArgs<ConvAttrs>): Tensor {
  const out = alloc(a);
  const acc = new Float64Array(out.data.length);
  const none = new Float64Array(0);
  convLoops(geometry(xT, wT, yT, a.attrs), X?.data ?? none, Wt?.data ?? none, Y?.data ?? none, acc, kind);
  out.data.set(acc);
  return out;
}

const convRecord = { category: "conv" as const, arity: 2, defaults: CONV_DEFAULTS };

// y = x ⋆ w: ∂x = conv2d_grad_input(dy, w), ∂w = conv2d_grad_weight(x, dy)
registerOp({
  ...convRecord,
  name: "conv2d",
  summary: "NCHW convolution, weight [O, C/groups, KH, KW], stride/padding/dilation/groups",
  infer: ([x, w], a) => ({ dtype: "f32", shape: convOut(x.shape, w.shape, a) }),
  ref: ([x, w], a) => runConv("y", x.shape, w.shape, a.out.shape, x, w, null, a),
  vjp: ({ inputs: [x, w], attrs, dy }) => [conv2dGradInput(dy, w, x.shape, attrs), conv2dGradWeight(x, dy, w.shape, attrs)],
});

// dx = Gᵢ(dy, w), linear in both: <g, Gᵢ(dy, w)> = <conv2d(g, w), dy> = <G_w(g, dy), w>
registerOp({
  ...convRecord,
  name: "conv2d_grad_input",
  summary: "dL/dx of conv2d (transposed convolution); `shape` is x's shape",
  infer: (_: readonly Node[], a) => ({ dtype: "f32", shape: a.shape }),
  ref: ([dy, w], a) => runConv("x", a.out.shape, w.shape, dy.shape, null, w, dy, a),
  vjp: ({ inputs: [dy, w], attrs, dy: g }) => [conv2d(g, w, attrs), conv2dGradWeight(g, dy, w.shape, attrs)],
  dimAttrs: ["shape"],
});

// dw = G_w(x, dy), linear in both: <g, G_w(x, dy)> = <conv2d(x, g), dy> = <Gᵢ(dy, g), x>
registerOp({
  ...convRecord,
  name: "conv2d_grad_weight",
  summary: "dL/dw of conv2d; `shape` is w's shape",
  infer: (_: readonly Node[], a) => ({ dtype: "f32", shape: a.shape }),
  ref: ([x, dy], a) => runConv("w", x.shape, a.out.shape, dy.shape, x, null, dy, a),
  vjp: ({ inputs: [x, dy], attrs, dy: g }) => [conv2dGradInput(dy, g, x.shape, attrs), conv2d(x, g, attrs)],
  dimAttrs: ["shape"],
});
