// concat(x1, ..., xn) = concat(concat(x1..xk), concat(xk+1..x2k), ...): a
// concat reading more tensors than a kernel may bind becomes a tree of
// narrower ones, which fusion can then store part by part.

import { rewrite, type Graph } from "../ir/graph";
import { isOp, makeNode, type Node } from "../ir/node";

export function splitWideConcats(graph: Graph, maxInputs: number): Graph {
  const width = Math.max(2, maxInputs);
  const build = (xs: readonly Node[], axis: number): Node => {
    if (xs.length <= width) return xs.length === 1 ? xs[0] : makeNode("concat", xs, { axis });
    const parts: Node[] = [];
    const size = Math.ceil(xs.length / width);
    for (let i = 0; i < xs.length; i += size) parts.push(build(xs.slice(i, i + size), axis));
    return build(parts, axis);
  };
  return rewrite(graph, (n, ins) =>
    isOp(n, "concat") && ins.length > width ? build(ins, n.attrs.axis) : undefined,
  );
}
