// The IR verifier, run between passes in tests: every node's stored type is
// what its op's rule infers from its inputs, inputs come before users, and
// every graph input node is declared once.

import type { Graph } from "./graph";
import { shapeEq, showType } from "./types";

/** Problems found (empty when the graph is well formed). */
export function verifyGraph(g: Graph): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  const names = new Set<string>();
  for (const i of g.inputs) {
    if (names.has(i.name)) problems.push(`input '${i.name}' declared twice`);
    names.add(i.name);
    if (i.node.op !== "input") problems.push(`input '${i.name}' is a ${i.node.op} node`);
  }
  for (const n of g.nodes()) {
    for (const c of n.inputs) if (!seen.has(c.id)) problems.push(`%${n.id} (${n.op}) uses %${c.id} before it is defined`);
    seen.add(n.id);
    const def = n.def;
    let t;
    try {
      t = def.infer ? def.infer(n.inputs, n.attrs) : def.expand?.(n.inputs, n.attrs);
    } catch (e) {
      problems.push(`%${n.id} (${n.op}): ${(e as Error).message}`);
      continue;
    }
    if (t && (t.dtype !== n.dtype || !shapeEq(t.shape, n.shape))) {
      problems.push(`%${n.id} (${n.op}) is ${showType(n)} but its rule gives ${showType(t)}`);
    }
  }
  return problems;
}
