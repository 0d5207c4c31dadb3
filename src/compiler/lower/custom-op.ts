// User `op`s become IR ops of their own through the autodiff's custom-op
// facility: a composite whose expansion is the lowered body and, for operands
// with a `grad` rule, a vjp built from it (operands without one are
// differentiated through the body). Keeping the op whole in the graph lets
// the IR text and ONNX show `swish`, and WGSL fuses its expansion like any
// elementwise op.
//
// One IR op per (op declaration, operand types): the body was elaborated for
// those types. The first signature takes the op's name, later ones `name_2`…;
// a name already taken by a built-in IR op gets the prefix `op_`. The ops are
// kept in the lowering's table (context.ts), and the nodes carry their op's
// record, so another program's `op` of the same name is another op.

import type { EOpApply } from "../check/elaborated";
import { defineCustomOp, type CustomGradRule } from "../autodiff/custom-op";
import type { Node } from "../ir/node";
import { hasOp } from "../ir/registry";
import { showType } from "../ir/types";
import { Lowering } from "./context";

function freshName(base: string, taken: ReadonlySet<string>): string {
  const prefix = hasOp(base) ? "op_" : "";
  let name = prefix + base;
  for (let k = 2; taken.has(name); k++) name = `${prefix}${base}_${k}`;
  return name;
}

function define(cx: Lowering, e: EOpApply, args: readonly Node[]): (...args: Node[]) => Node {
  const { byDecl, names } = cx.userOps;
  let sigs = byDecl.get(e.op);
  if (!sigs) byDecl.set(e.op, (sigs = new Map()));
  const key = args.map(showType).join(";");
  const hit = sigs.get(key);
  if (hit) return hit;
  const name = freshName(e.op.name.name, names);
  names.add(name);
  // Bodies and grads are lowered outside any graph: a user op is pure.
  const inner = () => new Lowering("eval", cx.env, cx.lowerNode, cx.sources, cx.userOps);
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
  sigs.set(key, build);
  return build;
}

export function lowerUserOp(cx: Lowering, e: EOpApply): Node {
  const args = e.args.map((a) => cx.lower(a));
  return define(cx, e, args)(...args);
}
