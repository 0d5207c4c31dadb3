// The CPU reference interpreter: runs a concrete graph node by node with
// each op's `ref` from the registry. Composites are expanded first, so what
// runs is exactly what autodiff differentiated and WGSL will compute.
// Slow and obviously correct; the oracle for every backend.

import { InternalError } from "../../compiler/diagnostics";
import { expandComposites, isConcreteGraph, type Graph } from "../../compiler/ir/graph";
import type { Node } from "../../compiler/ir/node";
import { tensorDType } from "../../compiler/ir/ops/ref-util";
import { showType } from "../../compiler/ir/types";
import "../../compiler/ir/ops/index";
import { castTensor, type Tensor } from "../../compiler/tensor";

export interface RunOptions {
  /** Compute every f32 value in float64 (gradient checks); outputs come back as f64. */
  f64?: boolean;
}

const expanded = new WeakMap<Graph, Graph>();

export function runReference(graph: Graph, inputs: Record<string, Tensor>, opts: RunOptions = {}): Record<string, Tensor> {
  const f64 = opts.f64 ?? false;
  let g = expanded.get(graph);
  if (!g) {
    g = expandComposites(graph);
    expanded.set(graph, g);
  }
  if (!isConcreteGraph(g)) throw new InternalError("runReference needs a concrete graph: specialize() it first");
  const values = new Map<Node, Tensor>();
  for (const i of g.inputs) {
    const t = inputs[i.name];
    if (!t) throw new InternalError(`missing input '${i.name}'`);
    checkInput(i.name, i.node, t);
    values.set(i.node, castTensor(t, tensorDType(i.node.dtype, f64)));
  }
  // Free each value after its last use: long training graphs hold many.
  const order = g.nodes();
  const lastUse = new Map<Node, number>();
  order.forEach((n, k) => n.inputs.forEach((c) => lastUse.set(c, k)));
  const keep = new Set(g.outputs.map((o) => o.node));
  order.forEach((n, k) => {
    if (values.has(n)) return;
    const def = n.def;
    if (!def.ref) throw new InternalError(`op ${n.op} has no reference implementation`);
    const ins = n.inputs.map((c) => values.get(c)!);
    values.set(n, def.ref(ins, { attrs: n.attrs, out: { dtype: n.dtype, shape: n.shape as number[] }, f64 }));
    for (const c of n.inputs) if (lastUse.get(c) === k && !keep.has(c)) values.delete(c);
  });
  const out: Record<string, Tensor> = {};
  for (const o of g.outputs) out[o.name] = values.get(o.node)!;
  return out;
}

function checkInput(name: string, n: Node, t: Tensor) {
  const okType = n.dtype === "f32" ? t.dtype === "f32" || t.dtype === "f64" : t.dtype === n.dtype;
  const shape = n.shape as number[];
  if (!okType || t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new InternalError(`input '${name}' expects ${showType(n)}, got ${t.dtype}[${t.shape.join(",")}]`);
  }
}
