// A Graph: named inputs (data, parameters, optimizer state, scalars such as
// lr/step/seed) and named outputs over hash-consed nodes. Pure: every pass
// builds a new Graph. Generic node rewriting lives here too (rewrite,
// specialize, expandComposites), since all of them are "rebuild bottom-up".

import { InternalError } from "../diagnostics";
import { isOp, makeNode, type Node } from "./node";
import type { OpDef } from "./op";
import { evalDim, isConcrete, numel, type AttrValue, type Attrs, type DimEnv } from "./types";

/**
 * data: fed from the dataset; param: trainable; frozen: a parameter that gets
 * no gradient; state: optimizer/normalisation state carried across steps;
 * hyper: host-computed scalars (lr, step); seed: i32 RNG seed.
 */
export type InputRole = "data" | "param" | "frozen" | "state" | "hyper" | "seed";

/**
 * Inputs whose values persist from run to run (parameters, frozen parameters,
 * optimizer and normalisation state): runtimes keep them on the device, and a
 * same-named output is their next value.
 */
export function isPersistent(i: { readonly role: InputRole }): boolean {
  return i.role === "param" || i.role === "frozen" || i.role === "state";
}

/**
 * Values that stay the same from run to run until the host writes a
 * parameter: persistent inputs that no output updates (an inference graph's
 * weights, a training step's frozen layers, eval-mode normalisation state),
 * constants, and what is computed from those alone. A runtime may compute
 * them once per parameter upload instead of once per run (ONNX Runtime folds
 * and prepacks its initializers at session creation for the same reason).
 */
export function fixedValues(graph: Graph): Set<Node> {
  const updated = new Map(graph.outputs.map((o) => [o.name, o.node]));
  const fixed = new Set<Node>();
  for (const i of graph.inputs) {
    const next = updated.get(i.name);
    if (isPersistent(i) && (!next || next === i.node)) fixed.add(i.node);
  }
  for (const n of graph.nodes()) {
    if (n.op !== "input" && n.inputs.every((x) => fixed.has(x))) fixed.add(n);
  }
  return fixed;
}

export interface GraphInput {
  readonly name: string;
  readonly node: Node;
  readonly role: InputRole;
}
export interface GraphOutput {
  readonly name: string;
  readonly node: Node;
}

export class Graph {
  readonly inputs: readonly GraphInput[];
  readonly outputs: readonly GraphOutput[];
  private order?: Node[];

  constructor(inputs: readonly GraphInput[], outputs: readonly GraphOutput[]) {
    this.inputs = Object.freeze(inputs.slice());
    this.outputs = Object.freeze(outputs.slice());
    const declared = new Set(inputs.map((i) => i.node));
    for (const n of this.nodes()) {
      if (n.op === "input" && !declared.has(n)) {
        throw new InternalError(`graph uses input '${String(n.attrs.name)}' that is not among its inputs`);
      }
    }
  }

  input(name: string): Node {
    const i = this.inputs.find((x) => x.name === name);
    if (!i) throw new InternalError(`graph has no input '${name}'`);
    return i.node;
  }
  output(name: string): Node {
    const o = this.outputs.find((x) => x.name === name);
    if (!o) throw new InternalError(`graph has no output '${name}'`);
    return o.node;
  }

  /** Every node reachable from the outputs (plus all inputs), inputs before users. */
  nodes(): Node[] {
    if (!this.order) this.order = topoSort([...this.inputs.map((i) => i.node), ...this.outputs.map((o) => o.node)]);
    return this.order;
  }
}

/**
 * Nodes reachable from `roots`, each after its inputs (iterative DFS; graphs
 * get deep). Nodes in `stop`, and nodes with an id below `floor` (older than
 * any node that could matter to the caller), are neither listed nor walked
 * through.
 */
export function topoSort(roots: readonly Node[], stop?: ReadonlySet<Node>, floor = 0): Node[] {
  const seen = new Set<Node>(stop);
  const out: Node[] = [];
  // The path being walked and, for each node on it, the next input to visit
  // (two stacks: a [node, index] pair per node cost an allocation each).
  const path: Node[] = [];
  const next: number[] = [];
  for (const r of roots) {
    if (seen.has(r) || r.id < floor) continue;
    seen.add(r);
    path.push(r);
    next.push(0);
    while (path.length) {
      const top = path.length - 1;
      const n = path[top];
      const i = next[top];
      if (i < n.inputs.length) {
        next[top] = i + 1;
        const c = n.inputs[i];
        if (!seen.has(c) && c.id >= floor) {
          seen.add(c);
          path.push(c);
          next.push(0);
        }
      } else {
        path.pop();
        next.pop();
        out.push(n);
      }
    }
  }
  return out;
}

/**
 * Rebuild `graph` bottom-up: `fn(node, inputs)` gets the node and its already
 * rewritten inputs and returns the replacement (return `undefined` to rebuild
 * the node unchanged on the new inputs). Input nodes are passed to fn too.
 */
export function rewrite(graph: Graph, fn: (n: Node, inputs: readonly Node[]) => Node | undefined): Graph {
  const map = rewriteNodes(graph.nodes(), fn);
  // Nothing changed (a pass with nothing to do here): the same graph, its node order known.
  if (graph.inputs.every((i) => !map.has(i.node)) && graph.outputs.every((o) => !map.has(o.node))) return graph;
  return new Graph(
    graph.inputs.map((i) => ({ ...i, node: map.get(i.node) ?? i.node })),
    graph.outputs.map((o) => ({ ...o, node: map.get(o.node) ?? o.node })),
  );
}

/**
 * The replacement of each node of `order` that changed (a node absent from
 * the map is its own replacement). `fn` gets a node's own `inputs` array when
 * none of them changed: a pass that changes a few nodes allocates for those
 * only. `map` may hold nodes already rewritten (those `order` leaves out but
 * its nodes read).
 */
export function rewriteNodes(
  order: readonly Node[],
  fn: (n: Node, inputs: readonly Node[]) => Node | undefined,
  map = new Map<Node, Node>(),
): Map<Node, Node> {
  for (const n of order) {
    const old = n.inputs;
    let ins: Node[] | undefined;
    for (let i = 0; i < old.length; i++) {
      const c = map.get(old[i]);
      if (c !== undefined && c !== old[i]) (ins ??= old.slice())[i] = c;
    }
    const r = fn(n, ins ?? old) ?? (ins ? makeNode(n.def, ins, n.attrs) : n);
    if (r !== n) map.set(n, r);
  }
  return map;
}

/** Replace nodes (e.g. graph inputs by other nodes) everywhere below `roots`. */
export function substitute(roots: readonly Node[], replace: ReadonlyMap<Node, Node>): Node[] {
  // Ids grow in creation order: a node older than every replaced one depends on none of them, so
  // the walk stops there (autodiff substitutes a composite's stand-ins in gradients that reach
  // down through the whole graph; walking all of it per composite was quadratic).
  let floor = Infinity;
  for (const k of replace.keys()) floor = Math.min(floor, k.id);
  const map = rewriteNodes(topoSort(roots, undefined, floor), (n) => replace.get(n));
  return roots.map((r) => map.get(r) ?? r);
}

/** Does a dim attribute name a symbolic dim (`"batch"`, in a list or not)? */
function hasSymbol(v: AttrValue | undefined): boolean {
  return typeof v === "string" || (Array.isArray(v) && v.some(hasSymbol));
}

function bindAttr(v: AttrValue, env: DimEnv): AttrValue {
  if (typeof v === "string") return evalDim(v, env);
  if (Array.isArray(v)) return v.map((x) => bindAttr(x, env));
  return v;
}

/**
 * Bind symbolic dims (`{batch: 64}`): every node is rebuilt with the op's
 * dimAttrs evaluated, so shapes follow. dim_size nodes whose dims become
 * concrete are folded to constants.
 */
export function specialize(graph: Graph, env: DimEnv): Graph {
  return rewrite(graph, (n, ins) => {
    const def = n.def;
    if (!def.dimAttrs || def.dimAttrs.length === 0) return undefined;
    if (isOp(n, "dim_size")) {
      const dims = n.attrs.dims.map((d) => evalDim(d, env));
      if (isConcrete(dims)) return makeNode("const", [], { value: numel(dims), dtype: "f32", shape: [] });
    }
    // Concrete dims already: rebuilt on the new inputs with its own attributes.
    if (!def.dimAttrs.some((k) => hasSymbol(n.attrs[k]))) return undefined;
    const attrs: Record<string, AttrValue> = { ...n.attrs };
    for (const k of def.dimAttrs) if (attrs[k] !== undefined) attrs[k] = bindAttr(attrs[k], env);
    return makeNode(n.def, ins, attrs);
  });
}

/** Replace every composite by its expansion into primitives (recursively). */
/** Expands every composite, except the ops `keep` names (a backend that runs them itself). */
export function expandComposites(graph: Graph, keep: ReadonlySet<string> = new Set()): Graph {
  return rewrite(graph, (n, ins) => expandNode(n.def, ins, n.attrs, keep));
}

function expandNode(def: OpDef, ins: readonly Node[], attrs: Attrs, keep: ReadonlySet<string>): Node | undefined {
  if (!def.expand || keep.has(def.name)) return undefined;
  const e = def.expand(ins, attrs);
  // The expansion may itself use composites: expand those on the fly. It is
  // built from `ins`, which are expanded already: walk only the new nodes
  // (the whole graph below each composite would make the pass quadratic).
  const order = topoSort([e], new Set(ins));
  const map = rewriteNodes(order, (n, ii) => expandNode(n.def, ii, n.attrs, keep));
  return map.get(e) ?? e;
}

/** True when no node is symbolic (what the interpreter and WGSL need). */
export function isConcreteGraph(graph: Graph): boolean {
  return graph.nodes().every((n) => isConcrete(n.shape));
}
