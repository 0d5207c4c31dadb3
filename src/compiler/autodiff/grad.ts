// Reverse-mode autodiff over the IR. All derivative knowledge lives in the op
// records (vjp rules, or the expansion of composites); this driver only
//   - walks the nodes that lie between the loss and `wrt`, in reverse,
//   - sums a gradient that has the broadcast shape of the op's output back to
//     each input's shape (unbroadcast, once, for every op),
//   - accumulates the gradients of a value used several times (fan-out).
// Nodes that do not lead to `wrt` get no gradient nodes at all: a frozen
// parameter that is not in `wrt` costs nothing.

import { InternalError } from "../diagnostics";
import { add, full, sumTo } from "../ir/builder";
import { topoSort } from "../ir/graph";
import type { Node } from "../ir/node";
import { getOp } from "../ir/registry";
import { shapeEq, showShape } from "../ir/types";

/**
 * dL/dw for each w in `wrt` (zeros when L does not depend on w). `seed` is
 * dL/d(loss) (default: ones, i.e. the gradient of loss itself, summed if not scalar).
 */
export function grad(loss: Node, wrt: readonly Node[], seed?: Node): Node[] {
  const g = gradOrNull(loss, wrt, seed);
  return wrt.map((w, i) => g[i] ?? full(w.shape, 0));
}

/** As grad, with null where L does not depend on w. */
export function gradOrNull(loss: Node, wrt: readonly Node[], seed?: Node): (Node | null)[] {
  const order = topoSort([loss]);
  const targets = new Set(wrt);
  const leads = new Set<Node>();
  for (const n of order) if (targets.has(n) || n.inputs.some((c) => leads.has(c))) leads.add(n);

  const grads = new Map<Node, Node>();
  const dy0 = seed ?? full(loss.shape, 1);
  if (!shapeEq(dy0.shape, loss.shape)) throw new InternalError(`seed ${showShape(dy0.shape)} for loss ${showShape(loss.shape)}`);
  if (leads.has(loss)) grads.set(loss, dy0);
  const accumulate = (x: Node, g: Node) => {
    const s = shapeEq(g.shape, x.shape) ? g : sumTo(g, x.shape);
    const prev = grads.get(x);
    grads.set(x, prev ? add(prev, s) : s);
  };

  for (let k = order.length - 1; k >= 0; k--) {
    const n = order[k];
    const dy = grads.get(n);
    if (!dy || !n.inputs.some((c) => leads.has(c) && c.dtype === "f32")) continue;
    const def = getOp(n.op);
    if (def.vjp) {
      const gs = def.vjp({ y: n, inputs: n.inputs, attrs: n.attrs, dy });
      n.inputs.forEach((c, i) => {
        const gi = gs[i];
        if (gi && leads.has(c) && c.dtype === "f32") accumulate(c, gi);
      });
    } else if (def.expand) {
      // A composite: differentiate its expansion (which may hold composites too).
      const uniq = [...new Set(n.inputs.filter((c) => leads.has(c) && c.dtype === "f32"))];
      const gs = gradOrNull(def.expand(n.inputs, n.attrs), uniq, dy);
      uniq.forEach((c, i) => {
        if (gs[i]) accumulate(c, gs[i]!);
      });
    } else if (!def.noGrad) {
      throw new InternalError(`op ${n.op} has no derivative rule`);
    }
  }
  return wrt.map((w) => grads.get(w) ?? null);
}
