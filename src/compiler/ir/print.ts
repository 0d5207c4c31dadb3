// The IR's text form, one op per line (golden tests, `dlnet compile --emit ir`):
//     %3: f32[batch,128] = matmul %0, %2
//     %4: f32[batch,128] = reduce_sum %3 {axes=[0], keepdims=true}
// Values are numbered in topological order per graph (not by global node id),
// so the text depends only on the graph.

import type { Graph } from "./graph";
import type { Node } from "./node";
import { attrKey, shapeEq, showType, type AttrValue, type Shape } from "./types";

function showAttr(v: AttrValue): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(showAttr).join(",")}]`;
  return attrKey(v);
}

export function printNode(n: Node, name: (n: Node) => string): string {
  const type = showType(n);
  if (n.op === "input") return `${name(n)}: ${type} = input ${JSON.stringify(n.attrs.name)}`;
  const shown = Object.keys(n.attrs)
    .sort()
    .filter((k) => !(k === "dtype" && n.attrs[k] === n.dtype) && !(k === "shape" && shapeEq(n.attrs[k] as Shape, n.shape)))
    .map((k) => `${k}=${showAttr(n.attrs[k])}`);
  const args = n.inputs.map(name).join(", ");
  return `${name(n)}: ${type} = ${n.op}${args ? " " + args : ""}${shown.length ? ` {${shown.join(", ")}}` : ""}`;
}

export function printGraph(g: Graph): string {
  const ids = new Map<Node, number>();
  const name = (n: Node) => `%${ids.get(n)}`;
  const lines: string[] = [];
  const roles = new Map(g.inputs.map((i) => [i.node, i.role]));
  for (const n of g.nodes()) {
    ids.set(n, ids.size);
    const line = printNode(n, name);
    lines.push(roles.has(n) ? `${line}  // ${roles.get(n)}` : line);
  }
  for (const o of g.outputs) lines.push(`output ${JSON.stringify(o.name)} = ${name(o.node)}`);
  return lines.join("\n") + "\n";
}
