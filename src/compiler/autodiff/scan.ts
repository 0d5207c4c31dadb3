// scan: a loop over the time axis, the one mechanism behind RNN, LSTM and
// GRU (and anything else that carries a state along a sequence).
//
//   scan(init [R, S], xs [R, T, X], consts...; body, reverse) -> ys [R, T, S]
//   s_{-1} = init;  s_t = body(s_{t-1}, xs[:, t], consts...);  ys[:, t] = s_t
//
// (reverse: t runs from T-1 down to 0 and s_T = init.) The body is an op of
// the registry (usually a composite such as rnn_cell) called with the scan's
// attributes minus `body` and `reverse`. Contract: the body treats rows
// independently (row r of the next state depends on row r of the state and of
// the step input only) and consts carry no row axis.
//
// Backends run it as a loop (ONNX Scan) or unroll it (its expansion).
// It lives beside the autodiff driver because its derivative is built by it:
//   - the adjoints g_t = dL/ds_t (total) satisfy, backwards in time,
//       g_t = dys_t + vjp_s body(s_t, x_{t+1})(g_{t+1}),
//     which is itself a scan, in the other direction, whose body is
//     scan_adjoint (below);
//   - given all g_t, the gradients of xs and of the consts need no loop: by
//     row independence they are the vjp of ONE body application over all
//     R·T rows at once (s_{t-1}, x_t stacked), with the stacked g as seed; for
//     the consts that sums the per-step contributions over t, as the chain
//     rule asks. Those are big matmuls, outside the loop.

import { InternalError } from "../diagnostics";
import { add, concat, full, input, permute, reshape, sliceAxis } from "../ir/builder";
import { substitute } from "../ir/graph";
import { makeNode, type Node } from "../ir/node";
import { getOp, registerOp } from "../ir/registry";
import { productOf, shapeEq, showShape, type Attrs } from "../ir/types";
import { gradOrNull } from "./grad";

/** The attributes a scan passes to its body. */
export function bodyAttrs(a: Attrs): Attrs {
  const { body: _b, reverse: _r, axis: _a, ...rest } = a;
  return rest;
}

export function scan(init: Node, xs: Node, consts: readonly Node[], body: string, attrs: Attrs = {}, reverse = false): Node {
  return makeNode("scan", [init, xs, ...consts], { ...attrs, body, reverse });
}

/**
 * vjp of `op(ins; attrs)` for the inputs at `wrt`, seeded with `dy` (null where
 * the result does not depend on one). Built on stand-in inputs, so that the
 * builder's peepholes cannot fold a real input out of the path.
 */
function vjpOf(op: string, ins: readonly Node[], attrs: Attrs, wrt: readonly number[], dy: Node): (Node | null)[] {
  const stand = ins.map((c, k) => input(`__scan.${op}.${k}`, c.dtype, c.shape));
  const gs = gradOrNull(makeNode(getOp(op), stand, attrs), wrt.map((k) => stand[k]), dy);
  const found = gs.filter((g): g is Node => g !== null);
  const back = substitute(found, new Map(stand.map((p, k) => [p, ins[k]])));
  let j = 0;
  return gs.map((g) => (g ? back[j++] : null));
}

/** The step input of step t: xs[:, t] (xs[t] when time-major) as [R, X]. */
const stepOf = (xs: Node, t: number, axis: number): Node =>
  reshape(sliceAxis(xs, axis, t, t + 1), [xs.shape[1 - axis], xs.shape[2]]);

/** The same scan with time-major xs and ys ([T, R, ·], axis 0): what a backend looping over time wants. */
export function timeMajor(n: Node): Node {
  if (n.attrs.axis === 0) return n;
  const [init, xs, ...consts] = n.inputs;
  const tm = makeNode("scan", [init, permute(xs, [1, 0, 2]), ...consts], { ...n.attrs, axis: 0 });
  return permute(tm, [1, 0, 2]);
}

registerOp({
  name: "scan",
  summary: "loop over axis 1: s_t = body(s_{t-1}, xs[:, t], consts...), the states stacked",
  category: "composite",
  arity: "variadic",
  // axis: where xs and ys keep time, 1 (batch-major, [R, T, ·]) or 0 (time-major, [T, R, ·]).
  defaults: { reverse: false, axis: 1 },
  infer: (ins, a) => {
    const [init, xs] = ins;
    const ax = a.axis === 0 ? 0 : 1;
    if (ins.length < 2 || init.shape.length !== 2 || xs.shape.length !== 3 || init.shape[0] !== xs.shape[1 - ax]) {
      throw new InternalError(`scan expects init [R, S] and xs ${ax ? "[R, T, X]" : "[T, R, X]"}, got ${ins.slice(0, 2).map((n) => showShape(n.shape)).join(", ")}`);
    }
    if (typeof a.body !== "string") throw new InternalError("scan without a body op");
    const T = xs.shape[ax];
    return { dtype: "f32", shape: ax ? [init.shape[0], T, init.shape[1]] : [T, init.shape[0], init.shape[1]] };
  },
  // Unrolled, for backends without a loop (and the reference interpreter):
  // the body once per step. Needs a concrete sequence length.
  expand: ([init, xs, ...consts], a) => {
    const ax = a.axis === 0 ? 0 : 1;
    const T = xs.shape[ax];
    if (typeof T !== "number") throw new InternalError(`scan over a symbolic length '${T}' cannot be unrolled; specialize() first`);
    const [R, S] = init.shape;
    const outs = new Array<Node>(T);
    let s = init;
    for (let k = 0; k < T; k++) {
      const t = a.reverse ? T - 1 - k : k;
      s = makeNode(getOp(a.body), [s, stepOf(xs, t, ax), ...consts], bodyAttrs(a));
      if (!shapeEq(s.shape, init.shape)) throw new InternalError(`scan body ${a.body} returns ${showShape(s.shape)} for a state ${showShape(init.shape)}`);
      outs[t] = reshape(s, ax ? [R, 1, S] : [1, R, S]);
    }
    return concat(outs, ax);
  },
  vjp: ({ y, inputs, attrs, dy }) => {
    // Time-major: the derivative of the batch-major scan between two permutes.
    if (attrs.axis === 0) {
      const [init, xs, ...consts] = inputs;
      const bm = makeNode("scan", [init, permute(xs, [1, 0, 2]), ...consts], { ...attrs, axis: 1 });
      return vjpOf("scan", bm.inputs, bm.attrs, inputs.map((_, k) => k), permute(dy, [1, 0, 2])).map((g, k) =>
        g && k === 1 ? permute(g, [1, 0, 2]) : g,
      );
    }
    const [init, xs, ...consts] = inputs;
    const [R, T, S] = y.shape;
    const X = xs.shape[2];
    const rev = attrs.reverse === true;
    // The state each step started from: ys shifted by one, init first (last when reversed).
    const first = reshape(init, [R, 1, S]);
    const prev = T === 1 ? first : rev ? concat([sliceAxis(y, 1, 1), first], 1) : concat([first, sliceAxis(y, 1, 0, -1)], 1);
    // Backwards in time: state [c | g], c the adjoint flowing into the previous state.
    const adj = scan(full([R, 2 * (S as number)], 0), concat([dy, prev, xs], 2), consts, "scan_adjoint", { ...bodyAttrs(attrs), of: attrs.body }, !rev);
    const g = sliceAxis(adj, 2, S as number, 2 * (S as number));
    const dInit = reshape(sliceAxis(sliceAxis(adj, 1, rev ? -1 : 0, rev ? undefined : 1), 2, 0, S as number), [R, S]);
    // Everything else from one body application over all R·T rows.
    const RT = productOf([R, T]);
    const rows = [reshape(prev, [RT, S]), reshape(xs, [RT, X]), ...consts];
    const wrt = inputs.map((_, k) => k).filter((k) => k >= 1 && inputs[k].dtype === "f32");
    const gs = vjpOf(attrs.body, rows, bodyAttrs(attrs), wrt, reshape(g, [RT, S]));
    const out: (Node | null)[] = [dInit];
    wrt.forEach((k, j) => (out[k] = k === 1 && gs[j] ? reshape(gs[j]!, xs.shape) : gs[j]));
    return inputs.map((_, k) => out[k] ?? null);
  },
});

// The body of a scan's derivative. State [c | g] [R, 2S]; step input
// [dys_t | s_{t-1} | x_t] [R, 2S + X]. g_t = dys_t + c (c: what step t+1 sent
// back into s_t); the next c is vjp_s body(s_{t-1}, x_t)(g_t).
registerOp({
  name: "scan_adjoint",
  summary: "one backward step of a scan: [c | g], [dy | s_prev | x] -> [vjp_s body(s_prev, x)(dy + c) | dy + c]",
  category: "composite",
  arity: "variadic",
  expand: ([state, z, ...consts], a) => {
    const S = (state.shape[1] as number) / 2;
    const { of, ...inner } = a;
    const g = add(sliceAxis(z, 1, 0, S), sliceAxis(state, 1, 0, S));
    const sPrev = sliceAxis(z, 1, S, 2 * S);
    const x = sliceAxis(z, 1, 2 * S);
    const [c] = vjpOf(of, [sPrev, x, ...consts], inner, [0], g);
    return concat([c ?? full(sPrev.shape, 0), g], 1);
  },
});
