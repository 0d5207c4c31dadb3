// 2-D max and average pooling (NCHW, floor mode) and their gradients.

import { avgPool2d, avgPool2dGrad, maxPool2dGrad } from "../builder";
import type { Node } from "../node";
import type { RefArgs } from "../op";
import { registerOp } from "../registry";
import type { AvgPoolAttrs, PoolAttrs } from "../op-attrs";
import { convOutDim, type Shape } from "../types";
import { alloc } from "./ref-util";
import type { Tensor } from "../../tensor";

function poolOut(x: Shape, a: PoolAttrs): Shape {
  const [k, s, p] = [a.kernel, a.stride, a.padding];
  return [x[0], x[1], convOutDim(x[2], k[0], s[0], p[0]), convOutDim(x[3], k[1], s[1], p[1])];
}

/** Visit each window: `fn(plane, oh, ow, cells)` with the flat x indices inside the bounds. */
function windows(xs: readonly number[], ys: readonly number[], a: PoolAttrs, fn: (yi: number, cells: number[], full: number) => void) {
  const [k, s, p] = [a.kernel, a.stride, a.padding];
  const [N, C, H, W] = xs;
  const [OH, OW] = [ys[2], ys[3]];
  const cells: number[] = [];
  for (let pl = 0; pl < N * C; pl++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        cells.length = 0;
        // PyTorch avg pool (count_include_pad) divides by the window clipped to the padded input.
        const h0 = oh * s[0] - p[0];
        const w0 = ow * s[1] - p[1];
        const fullH = Math.min(h0 + k[0], H + p[0]) - h0;
        const fullW = Math.min(w0 + k[1], W + p[1]) - w0;
        for (let i = 0; i < k[0]; i++) {
          const ih = h0 + i;
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < k[1]; j++) {
            const iw = w0 + j;
            if (iw >= 0 && iw < W) cells.push((pl * H + ih) * W + iw);
          }
        }
        fn((pl * OH + oh) * OW + ow, cells, fullH * fullW);
      }
    }
  }
}

/** Index of the first maximum of each window (NaN wins, as PyTorch). */
function argmaxCells(x: Tensor, cells: number[]): number {
  let best = -1;
  let bv = -Infinity;
  for (const c of cells) {
    const v = x.data[c];
    if (best < 0 || v > bv || Number.isNaN(v)) {
      best = c;
      bv = v;
      if (Number.isNaN(v)) break;
    }
  }
  return best;
}

const POOL_DEFAULTS = { padding: [0, 0] };

// y = max over window: ∂x = dy routed to the (first) maximum of each window
registerOp({
  name: "max_pool2d",
  summary: "max over kernel windows (stride, padding filled with -inf)",
  category: "pool",
  arity: 1,
  defaults: POOL_DEFAULTS,
  infer: ([x], a) => ({ dtype: x.dtype, shape: poolOut(x.shape, a) }),
  ref: ([x], a) => {
    const out = alloc(a);
    windows(x.shape, a.out.shape, a.attrs, (yi, cells) => {
      out.data[yi] = cells.length ? x.data[argmaxCells(x, cells)] : -Infinity;
    });
    return out;
  },
  vjp: ({ inputs: [x], attrs, dy }) => [maxPool2dGrad(x, dy, attrs)],
});

registerOp({
  name: "max_pool2d_grad",
  summary: "dL/dx of max_pool2d: dy added at each window's first argmax (recomputed from x)",
  category: "pool",
  arity: 2,
  defaults: POOL_DEFAULTS,
  infer: ([x]) => ({ dtype: x.dtype, shape: x.shape }),
  ref: ([x, dy], a) => {
    const out = alloc(a);
    const acc = new Float64Array(out.data.length);
    windows(x.shape, dy.shape, a.attrs, (yi, cells) => {
      if (cells.length) acc[argmaxCells(x, cells)] += dy.data[yi];
    });
    out.data.set(acc);
    return out;
  },
  noGrad: "second derivatives through max pooling are not supported",
});

function avgRef(a: RefArgs<AvgPoolAttrs>, xs: readonly number[], ys: readonly number[], fn: (yi: number, cells: number[], div: number) => void) {
  const include = a.attrs.count_include_pad;
  windows(xs, ys, a.attrs, (yi, cells, full) => fn(yi, cells, include ? full : cells.length));
}

// y = mean over window: ∂x = dy / count spread over each window
registerOp({
  name: "avg_pool2d",
  summary: "mean over kernel windows (count_include_pad as PyTorch)",
  category: "pool",
  arity: 1,
  defaults: { ...POOL_DEFAULTS, count_include_pad: true },
  infer: ([x], a) => ({ dtype: x.dtype, shape: poolOut(x.shape, a) }),
  ref: ([x], a) => {
    const out = alloc(a);
    avgRef(a, x.shape, a.out.shape, (yi, cells, n) => {
      let s = 0;
      for (const c of cells) s += x.data[c];
      out.data[yi] = s / n;
    });
    return out;
  },
  vjp: ({ inputs: [x], attrs, dy }) => [avgPool2dGrad(dy, x.shape, attrs)],
});

// linear in dy; its adjoint is avg_pool2d itself: ∂dy = avg_pool2d(g)
registerOp({
  name: "avg_pool2d_grad",
  summary: "dL/dx of avg_pool2d; `shape` is x's shape",
  category: "pool",
  arity: 1,
  defaults: { ...POOL_DEFAULTS, count_include_pad: true },
  infer: ([dy]: readonly Node[], a) => ({ dtype: dy.dtype, shape: a.shape }),
  ref: ([dy], a) => {
    const out = alloc(a);
    const acc = new Float64Array(out.data.length);
    avgRef(a, a.out.shape, dy.shape, (yi, cells, n) => {
      for (const c of cells) acc[c] += dy.data[yi] / n;
    });
    out.data.set(acc);
    return out;
  },
  vjp: ({ attrs: a, dy: g }) => [avgPool2d(g, { kernel: a.kernel, stride: a.stride, padding: a.padding, countIncludePad: a.count_include_pad })],
  dimAttrs: ["shape"],
});
