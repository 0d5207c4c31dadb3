// A convolution's weight gradient is a product with few outputs (O x C/g x
// KH x KW) and a long reduction (N x OH x OW): the MNIST CNN's first layer
// has 144 outputs summed over 50,176 terms. Its kernel then has a handful of
// workgroups, fewer than the cores that should run them, each with a long
// loop. Splitting the batch into S interleaved parts (sample n = n' S + s
// goes to part s) turns it into a grouped weight gradient with S times the
// groups, whose kernel runs the parts as workgroups of their own, and a sum
// over the parts:
//
//   x [N, C, H, W] viewed as [N/S, S C, H, W]   (a reshape: no data moves)
//   dy [N, O, OH, OW] viewed as [N/S, S O, OH, OW]
//   G_w(x', dy', groups g S) [S O, C/g, KH, KW], its S slices of O rows added
//
// Group s g + j of the view reads input channels (s g + j) C/g.. of x',
// which are channels j C/g.. of sample n' S + s: the original group j of
// part s. The same sums, grouped differently (float rounding aside).
//
// The parts are added as slices (one elementwise kernel, S loads per
// element, where the optimizer's update fuses) rather than by a sum over a
// leading axis of S: a row reduction per weight element, which made the
// MNIST CNN's training step slower, not faster (71.5 ms against 65.7).

import { add, conv2dGradWeight, reshape, sliceAxis } from "../ir/builder";
import { rewrite, type Graph } from "../ir/graph";
import { isConcrete, numel } from "../ir/types";
import { isOp } from "../ir/node";

/** Outputs of the split gradient (S x O x C/g x KH x KW) worth aiming for: a few per lane of every core. */
const TARGET_OUTPUTS = 8192;
/** Terms per output each part keeps at least: shorter reductions do not repay the sum. */
const MIN_TERMS = 1024;
const MAX_PARTS = 16;

/** The number of parts for a weight gradient of `outputs` elements over `batch` samples of `perSample` terms (1: no split). */
export function weightGradientParts(outputs: number, batch: number, perSample: number): number {
  let parts = 1;
  while (
    parts < MAX_PARTS &&
    outputs * parts < TARGET_OUTPUTS &&
    batch % (2 * parts) === 0 &&
    (batch / (2 * parts)) * perSample >= MIN_TERMS
  )
    parts *= 2;
  return parts;
}

export function splitWeightGradients(graph: Graph): Graph {
  return rewrite(graph, (n, ins) => {
    if (!isOp(n, "conv2d_grad_weight") || !isConcrete(n.shape)) return undefined;
    const [x, dy] = ins;
    if (!isConcrete(x.shape) || !isConcrete(dy.shape)) return undefined;
    const [N, C, H, W] = x.shape as number[];
    const [, O, OH, OW] = dy.shape as number[];
    const w = n.shape as number[];
    const S = weightGradientParts(numel(w), N, OH * OW);
    if (S === 1) return undefined;
    const a = n.attrs;
    const parts = conv2dGradWeight(
      reshape(x, [N / S, S * C, H, W]),
      reshape(dy, [N / S, S * O, OH, OW]),
      [S * w[0], ...w.slice(1)],
      { stride: a.stride, padding: a.padding, dilation: a.dilation, groups: a.groups * S },
    );
    let total = sliceAxis(parts, 0, 0, w[0]);
    for (let p = 1; p < S; p++) total = add(total, sliceAxis(parts, 0, p * w[0], (p + 1) * w[0]));
    return total;
  });
}
