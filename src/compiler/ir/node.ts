// The one kind of IR node: immutable and hash-consed. Building the same op
// on the same inputs with the same attributes returns the same object, so
// common subexpressions are shared without a CSE pass and `===` is value
// equality. Ids grow in creation order, so inputs always have smaller ids.

import { InternalError } from "../diagnostics";
import { getOp, opSerial } from "./registry";
import { attrKey, type Attrs, type DType, type Shape } from "./types";

export interface Node {
  readonly id: number;
  readonly op: string;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly inputs: readonly Node[];
  readonly attrs: Attrs;
}

// Weakly held: a node lives as long as a graph (or anyone) uses it, so a
// language server rebuilding graphs on every keystroke does not grow forever.
const intern = new Map<string, WeakRef<Node>>();
const reaper = new FinalizationRegistry<string>((key) => {
  if (intern.get(key)?.deref() === undefined) intern.delete(key);
});
let nextId = 0;

function withDefaults(defaults: Attrs | undefined, attrs: Attrs): Attrs {
  if (!defaults) return attrs;
  const out: Record<string, Attrs[string]> = { ...defaults };
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

/** The node `op(inputs; attrs)`, created once. Type comes from the op's rule. */
export function makeNode(op: string, inputs: readonly Node[], attrs: Attrs = {}): Node {
  const def = getOp(op);
  if (def.arity !== "variadic" && def.arity !== inputs.length) {
    throw new InternalError(`${op} takes ${def.arity} inputs, got ${inputs.length}`);
  }
  const a = withDefaults(def.defaults, attrs);
  const key = `${op}#${opSerial(def)}(${inputs.map((n) => n.id).join(",")})${attrKey(a)}`;
  const hit = intern.get(key)?.deref();
  if (hit) return hit;
  let type;
  if (def.infer) type = def.infer(inputs, a);
  else if (def.expand) {
    const e = def.expand(inputs, a);
    type = { dtype: e.dtype, shape: e.shape };
  } else throw new InternalError(`op ${op} has neither infer nor expand`);
  const node: Node = Object.freeze({
    id: nextId++,
    op,
    dtype: type.dtype,
    shape: Object.freeze(type.shape.slice()),
    inputs: Object.freeze(inputs.slice()),
    attrs: Object.freeze(a),
  });
  intern.set(key, new WeakRef(node));
  reaper.register(node, key);
  return node;
}

/** Number of intern-table entries (tests, memory diagnostics). */
export function internedCount(): number {
  return intern.size;
}
