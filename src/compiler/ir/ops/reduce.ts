// Reductions over a sorted list of axes, with keepdims: sum, max, argmax.

import { InternalError } from "../../diagnostics";
import { cast, div, eq, expand, mul, reshape, sum } from "../builder";
import type { Node } from "../node";
import type { RefArgs } from "../op";
import type { OpAttrs } from "../op-attrs";
import { registerOp } from "../registry";
import type { Dim } from "../types";
import { alloc, broadcastOffsets } from "./ref-util";
import type { Tensor } from "../../tensor";

/** x's shape with the reduced axes set to 1 (keepdims=true). */
export function keptShape(shape: readonly Dim[], axes: readonly number[]): Dim[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

function reducedType(x: Node, axes: readonly number[], keepdims: boolean) {
  if (axes.some((a) => a < 0 || a >= x.shape.length)) throw new InternalError(`reduce axes [${axes}] of rank ${x.shape.length}`);
  return {
    dtype: x.dtype,
    shape: keepdims ? keptShape(x.shape, axes) : x.shape.filter((_, i) => !axes.includes(i)),
  };
}

/** dy of a reduction, reshaped to keepdims form and expanded back to x's shape. */
function spread(dy: Node, x: Node, axes: readonly number[]): Node {
  return expand(reshape(dy, keptShape(x.shape, axes)), x.shape);
}

function reduceRef(x: Tensor, a: RefArgs<OpAttrs["reduce_sum"]>, init: number, step: (acc: number, v: number) => number): Tensor {
  const axes = a.attrs.axes;
  const out = alloc(a);
  const acc = new Float64Array(out.data.length).fill(init);
  const offs = broadcastOffsets(keptShape(x.shape, axes) as number[], x.shape);
  for (let i = 0; i < offs.length; i++) acc[offs[i]] = step(acc[offs[i]], x.data[i]);
  out.data.set(acc);
  return out;
}

// y = Σ_axes x: ∂x = dy broadcast back over the reduced axes
registerOp({
  name: "reduce_sum",
  summary: "sum over axes",
  category: "reduce",
  arity: 1,
  defaults: { keepdims: false },
  infer: ([x], a) => reducedType(x, a.axes, a.keepdims),
  ref: ([x], a) => reduceRef(x, a, 0, (s, v) => s + v),
  vjp: ({ inputs: [x], attrs, dy }) => [spread(dy, x, attrs.axes)],
});

// y = max_axes x: ∂x = [x = y] / #{x = y} (ties share the gradient equally, as torch.amax)
registerOp({
  name: "reduce_max",
  summary: "maximum over axes",
  category: "reduce",
  arity: 1,
  defaults: { keepdims: false },
  infer: ([x], a) => reducedType(x, a.axes, a.keepdims),
  ref: ([x], a) => reduceRef(x, a, -Infinity, (m, v) => (v > m || Number.isNaN(v) ? v : m)),
  vjp: ({ y, inputs: [x], attrs, dy }) => {
    const axes = attrs.axes;
    const mask = cast(eq(x, spread(y, x, axes)), "f32");
    const count = sum(mask, axes, true);
    return [mul(div(mask, count), spread(dy, x, axes))];
  },
});

registerOp({
  name: "argmax",
  summary: "index of the first maximum along `axis` (i32)",
  category: "reduce",
  arity: 1,
  defaults: { keepdims: false },
  infer: ([x], a) => ({ ...reducedType(x, [a.axis], a.keepdims), dtype: "i32" }),
  ref: ([x], a) => {
    const ax = a.attrs.axis;
    const out = alloc(a);
    const d = x.shape[ax];
    let inner = 1;
    for (let i = ax + 1; i < x.shape.length; i++) inner *= x.shape[i];
    const outer = x.data.length / (d * inner || 1);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        let best = -Infinity;
        let arg = 0;
        for (let k = 0; k < d; k++) {
          const v = x.data[(o * d + k) * inner + j];
          if (v > best) {
            best = v;
            arg = k;
          }
        }
        out.data[o * inner + j] = arg;
      }
    }
    return out;
  },
  noGrad: "an index is piecewise constant in x",
});
