// Upsample and AdaptiveAvgPool2d as one mechanism: along each spatial axis the
// output is a fixed linear map of the input positions, y = A·x with A of
// [out, in] built in the graph from iota (so it works for symbolic sizes and
// its gradient is Aᵀ·dy through matmul):
//   nearest         A[o, i] = [i = min(floor(o·scale), in − 1)]
//   bilinear        A[o, i] = max(0, 1 − |src(o) − i|), src clamped to [0, in − 1]
//                   (src = (o + ½)·scale − ½, or o·(in−1)/(out−1) with align_corners)
//   adaptive mean   A[o, i] = 1/(end − start) for start ≤ i < end,
//                   start = floor(o·in/out), end = ceil((o+1)·in/out)
// with scale = 1/scale_factor when it is given, else in/out, as PyTorch. When
// the pooled output divides the input exactly, AdaptiveAvgPool2d is a plain
// average pool (an AveragePool in ONNX).

import {
  abs, add, avgPool2d, cast, dimSize, div, eq, floor, ge, iota, lt, matmul, maximum, minimum, mul, sub, transpose, where, type Node,
} from "../../ir/builder";
import type { Dim } from "../../dims";
import { need, lowers } from "../rules";
import * as L from "../../layers/builtins";

/** Output and input position of every entry of an [out, in] map, as f32. */
function grid(out: Dim, inn: Dim): { o: Node; i: Node } {
  return { o: cast(iota([out, inn], 0), "f32"), i: cast(iota([out, inn], 1), "f32") };
}

/** y[.., o, ..] = Σ_i A[o, i] x[.., i, ..] along axis 2 or 3 of [B, C, H, W]. */
function alongAxis(x: Node, axis: 2 | 3, a: Node): Node {
  return axis === 3 ? matmul(x, transpose(a)) : matmul(a, x);
}

/**
 * floor(num / den) of nonnegative integer-valued f32 tensors, safe against a
 * division that is not correctly rounded (WGSL allows 2.5 ulp): the quotient
 * is moved half a step off any integer before flooring.
 */
const floorDiv = (num: Node, den: Node | number): Node => floor(div(add(num, 0.5), den));

type Resize = (o: Node, i: Node, inn: Node, out: Dim) => Node;

function resampled(x: Node, outDims: readonly Dim[], map: Resize): Node {
  let y = x;
  for (const axis of [2, 3] as const) {
    const inn = x.shape[axis];
    const out = outDims[axis - 2];
    const { o, i } = grid(out, inn);
    y = alongAxis(y, axis, map(o, i, dimSize([inn]), out));
  }
  return y;
}

export const Upsample = lowers(L.Upsample, (cx, inst, x0, e) => {
  const x = need(x0, "Upsample");
  const outShape = cx.shapeOf(e);
  const sf = inst.args.scale_factor as number | undefined;
  if (inst.args.mode === "nearest") {
    return resampled(x, outShape.slice(2), (o, i, inn, out) => {
      // integer factor: floor(o / s); fractional: floor(o · f32(1/s)) as PyTorch; size: floor(o·in/out)
      const src =
        sf === undefined ? floorDiv(mul(o, inn), dimSize([out])) : Number.isInteger(sf) ? floorDiv(o, sf) : floor(mul(o, Math.fround(1 / sf)));
      return where(eq(i, minimum(src, sub(inn, 1))), 1, 0);
    });
  }
  const alignCorners = inst.args.align_corners === true;
  return resampled(x, outShape.slice(2), (o, i, inn, out) => {
    let src: Node;
    if (alignCorners) {
      const outN = dimSize([out]);
      src = mul(o, div(sub(inn, 1), maximum(sub(outN, 1), 1)));
    } else {
      const scale = sf === undefined ? div(inn, dimSize([out])) : 1 / sf;
      src = maximum(sub(mul(add(o, 0.5), scale), 0.5), 0);
    }
    src = minimum(src, sub(inn, 1));
    return maximum(sub(1, abs(sub(src, i))), 0);
  });
});

export const AdaptiveAvgPool2d = lowers(L.AdaptiveAvgPool2d, (cx, inst, x0, e) => {
  const x = need(x0, "AdaptiveAvgPool2d");
  const out = cx.shapeOf(e).slice(2);
  const [h, w] = [x.shape[2], x.shape[3]];
  if (typeof h === "number" && typeof w === "number" && h % (out[0] as number) === 0 && w % (out[1] as number) === 0) {
    const kernel = [h / (out[0] as number), w / (out[1] as number)];
    return avgPool2d(x, { kernel, stride: kernel, padding: [0, 0], countIncludePad: true });
  }
  return resampled(x, out, (o, i, inn, outD) => {
    const n = dimSize([outD]);
    const start = floorDiv(mul(o, inn), n);
    // ceil(a / n) = floor((a + n − 1) / n)
    const end = floorDiv(add(mul(add(o, 1), inn), sub(n, 1)), n);
    return where(ge(i, start), where(lt(i, end), div(1, sub(end, start)), 0), 0);
  });
});

