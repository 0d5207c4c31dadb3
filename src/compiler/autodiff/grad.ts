// Reverse-mode autodiff over the IR. All derivative knowledge lives in the op
// records (vjp rules, or the expansion of composites); this driver only
//   - walks the nodes that lie between the loss and `wrt`, in reverse,
//   - sums a gradient that has the broadcast shape of the op's output back to
//     each input's shape (unbroadcast, once, for every op),
//   - accumulates the gradients of a value used several times (fan-out).
// Nodes that do not lead to `wrt` get no gradient nodes at all: a frozen
// parameter that is not in `wrt` costs nothing.

import { InternalError } from "../diagnostics";
import { add, full, input, sumTo } from "../ir/builder";
import { substitute, topoSort } from "../ir/graph";
import type { Node } from "../ir/node";
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
    const def = n.def;
    if (def.vjp) {
      const gs = def.vjp({ y: n, inputs: n.inputs, attrs: n.attrs, dy });
      n.inputs.forEach((c, i) => {
        const gi = gs[i];
        if (gi && leads.has(c) && c.dtype === "f32") accumulate(c, gi);
      });
    } else if (def.expand) {
      // A composite: differentiate its expansion (which may hold composites too).
      // It is expanded on stand-in inputs: the builder's peepholes would fold a
      // real input away (permute(permute(x)) becomes one permute of x), and the
      // path from the expansion to that input would be lost. Gradients are then
      // rewritten onto the real inputs.
      const stand = n.inputs.map((c, i) => input(`__expand${n.id}.${i}`, c.dtype, c.shape));
      const live = stand.filter((_, i) => leads.has(n.inputs[i]) && n.inputs[i].dtype === "f32");
      const gs = gradOrNull(def.expand(stand, n.attrs), live, dy);
      const real = new Map(stand.map((p, i) => [p, n.inputs[i]]));
      const found = live.map((p, i) => ({ p, g: gs[i] })).filter((x): x is { p: Node; g: Node } => x.g !== null);
      const back = substitute(found.map((x) => x.g), real);
      found.forEach((x, i) => accumulate(real.get(x.p)!, back[i]));
    } else if (!def.noGrad) {
      throw new InternalError(`op ${n.op} has no derivative rule`);
    }
  }
  return wrt.map((w) => grads.get(w) ?? null);
}
