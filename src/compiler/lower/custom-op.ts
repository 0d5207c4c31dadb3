// User `op`s become IR ops of their own through the autodiff's custom-op
// facility: a composite whose expansion is the lowered body and, for operands
// with a `grad` rule, a vjp built from it (operands without one are
// differentiated through the body). Keeping the op whole in the graph lets
// the IR text and ONNX show `swish`, and WGSL fuses its expansion like any
// elementwise op.
//
// One IR op per (op declaration, operand types): the body was elaborated for
// those types. The first signature takes the op's name, later ones `name_2`…;
// a name already taken by a built-in IR op gets the prefix `op_`.

import type { EOpApply } from "../check/elaborated";
import type { OpDecl } from "../syntax/ast";
import { defineCustomOp, type CustomGradRule } from "../autodiff/custom-op";
import type { Node } from "../ir/node";
import { hasOp } from "../ir/registry";
import { showType } from "../ir/types";
import { Lowering } from "./context";

interface Signature {
  readonly name: string;
}

const byDecl = new WeakMap<OpDecl, Map<string, Signature>>();
/** Names this module registered (re-registering them replaces a stale definition). */
const mine = new Set<string>();

function freshName(base: string, taken: ReadonlyMap<string, Signature>): string {
  const prefix = hasOp(base) && !mine.has(base) ? "op_" : "";
  const used = new Set([...taken.values()].map((s) => s.name));
  let name = prefix + base;
  for (let k = 2; used.has(name); k++) name = `${prefix}${base}_${k}`;
  return name;
}

function define(cx: Lowering, e: EOpApply, args: readonly Node[]): string {
  let sigs = byDecl.get(e.op);
  if (!sigs) byDecl.set(e.op, (sigs = new Map()));
  const key = args.map(showType).join(";");
  const hit = sigs.get(key);
  if (hit) return hit.name;
  const name = freshName(e.op.name.name, sigs);
  sigs.set(key, { name });
  mine.add(name);
  // Bodies and grads are lowered outside any graph: a user op is pure.
  const inner = () => new Lowering("eval", cx.env, cx.lowerNode);
  const params = e.op.params.map((p) => p.name);
  const grads: Record<string, CustomGradRule> = {};
  e.grads.forEach((g, i) => {
    if (g) grads[params[i]] = ({ dy, args: named }) => {
      const lx = inner();
      return lx.inOp(params.map((p) => named[p]), dy, () => lx.lower(g));
    };
  });
  const build = defineCustomOp(name, params, (...ins) => {
    const lx = inner();
    return lx.inOp(ins, undefined, () => lx.lower(e.body));
  }, grads);
  builders.set(name, build);
  return name;
}

const builders = new Map<string, (...args: Node[]) => Node>();

export function lowerUserOp(cx: Lowering, e: EOpApply): Node {
  const args = e.args.map((a) => cx.lower(a));
  return builders.get(define(cx, e, args))!(...args);
}
