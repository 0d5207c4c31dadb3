// The one kind of IR node: immutable and hash-consed. Building the same op
// on the same inputs with the same attributes returns the same object, so
// common subexpressions are shared without a CSE pass and `===` is value
// equality. Ids grow in creation order, so inputs always have smaller ids.
//
// A node carries its op's record (`def`), not only its name: a user `op` is a
// record made by the lowering of one program, so two programs that each
// define `op f` build nodes of two different records, and every pass,
// backend and the interpreter read the rule from the node itself.

import { InternalError } from "../diagnostics";
import type { OpDef } from "./op";
import type { OpAttrs, OpAttrsIn, OpName } from "./op-attrs";
import { getOp } from "./registry";
import { attrKey, type Attrs, type DType, type Shape } from "./types";

export interface Node {
  readonly id: number;
  /** The op's name (`def.name`), for printing and for tests of the op kind. */
  readonly op: string;
  /** The op's record: its type rule, derivative, expansion and back-end rules. */
  readonly def: OpDef;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly inputs: readonly Node[];
  readonly attrs: Attrs;
}

/** A node of the built-in op `K`: its attributes typed (op-attrs.ts). */
export type OpNode<K extends OpName> = Node & { readonly op: K; readonly attrs: OpAttrs[K] };

/** Is `n` a node of the built-in op `op`? (User ops never take a built-in's name.) */
export function isOp<K extends OpName>(n: Node, op: K): n is OpNode<K> {
  return n.op === op;
}

/** The typed attributes of `n`, which must be a node of `op`. */
export function attrsOf<K extends OpName>(n: Node, op: K): OpAttrs[K] {
  if (!isOp(n, op)) throw new InternalError(`expected a ${op} node, got ${n.op}`);
  return n.attrs;
}

/** The attribute argument of makeNode: optional for ops without attributes. */
export type AttrsArg<K extends OpName> = Record<never, never> extends OpAttrsIn<K> ? [attrs?: OpAttrsIn<K>] : [attrs: OpAttrsIn<K>];

// The intern table, one per op record and weakly held: a node lives as long
// as a graph (or anyone) uses it, so a language server rebuilding graphs on
// every keystroke does not grow forever, and a user op's table goes with its
// record. This memo (with keyOfAttrs below) and the id counter are the IR's
// only module-level state; none changes what a node means. Keyed by the
// attributes' canonical text, then by the inputs' ids (inputsKey): a rebuild
// with a node's own attributes (whose text keeps its hash) then hashes no new
// text (a fresh string key cost ~0.25 µs a lookup: a quarter of autodiff's time).
type ByInputs = Map<number | string, WeakRef<Node>>;
const intern = new WeakMap<OpDef, Map<string, ByInputs>>();
const reaper = new FinalizationRegistry<{ byAttrs: Map<string, ByInputs>; aKey: string; key: number | string }>(
  ({ byAttrs, aKey, key }) => {
    const t = byAttrs.get(aKey);
    if (!t || t.get(key)?.deref() !== undefined) return;
    t.delete(key);
    if (!t.size) byAttrs.delete(aKey);
  },
);
let nextId = 0;

const ID_SPAN = 2 ** 26;
/** The inputs' ids as one key: a number for up to two inputs (ids below 2^26; each arity its own range), else text. */
function inputsKey(inputs: readonly Node[]): number | string {
  const n = inputs.length;
  if (n === 0) return -1;
  if (n === 1) return -2 - inputs[0].id;
  if (n === 2 && inputs[0].id < ID_SPAN && inputs[1].id < ID_SPAN) return inputs[0].id * ID_SPAN + inputs[1].id;
  let s = "";
  for (let i = 0; i < n; i++) s += i ? `,${inputs[i].id}` : `${inputs[i].id}`;
  return s;
}
// The complete attributes of a node and their canonical text (attrKey), by the node's (frozen)
// attrs object: a rewrite pass rebuilds every node on new inputs with its own attributes, which
// then need neither defaults nor hashing again.
const keyOfAttrs = new WeakMap<Attrs, { def: OpDef; key: string }>();

/**
 * The canonical text of a node's attributes (types.ts attrKey), as interned
 * when the node was made: two nodes of one op have equal attributes exactly
 * when these are equal.
 */
export function attrsKeyOf(n: Node): string {
  const k = keyOfAttrs.get(n.attrs);
  if (!k) throw new InternalError(`node %${n.id} (${n.op}) was not made by makeNode`);
  return k.key;
}

function withDefaults(defaults: Partial<Attrs> | undefined, attrs: Attrs): Attrs {
  if (!defaults) return attrs;
  const out: Record<string, Attrs[string]> = {};
  // (own keys only: plain objects; Object.entries made a pair per key)
  for (const k in defaults) if (defaults[k] !== undefined) out[k] = defaults[k];
  for (const k in attrs) if (attrs[k] !== undefined) out[k] = attrs[k];
  return out;
}

/**
 * The node `op(inputs; attrs)`, created once. Type comes from the op's rule.
 * `op` is a built-in op's name (its attributes typed by OpAttrs) or an op
 * record (a user op's, `n.def` when rebuilding a node on new inputs, or
 * getOp(name) for an op named at run time, like a scan's body).
 */
export function makeNode<K extends OpName>(op: K, inputs: readonly Node[], ...attrs: AttrsArg<K>): Node;
export function makeNode(op: OpDef, inputs: readonly Node[], attrs?: Attrs): Node;
export function makeNode(op: string | OpDef, inputs: readonly Node[], attrs: Attrs = {}): Node {
  const def = typeof op === "string" ? getOp(op) : op;
  if (def.arity !== "variadic" && def.arity !== inputs.length) {
    throw new InternalError(`${def.name} takes ${def.arity} inputs, got ${inputs.length}`);
  }
  // A node's own attributes (a rewrite rebuilding it on new inputs) are complete and hashed already.
  const known = keyOfAttrs.get(attrs);
  const own = known !== undefined && known.def === def;
  const a = own ? attrs : withDefaults(def.defaults, attrs);
  const aKey = own ? known.key : attrKey(a);
  let byAttrs = intern.get(def);
  if (!byAttrs) intern.set(def, (byAttrs = new Map()));
  let table = byAttrs.get(aKey);
  if (!table) byAttrs.set(aKey, (table = new Map()));
  const key = inputsKey(inputs);
  const hit = table.get(key)?.deref();
  if (hit) return hit;
  let type;
  if (def.infer) type = def.infer(inputs, a);
  else if (def.expand) {
    const e = def.expand(inputs, a);
    type = { dtype: e.dtype, shape: e.shape };
  } else throw new InternalError(`op ${def.name} has neither infer nor expand`);
  // The node and its attributes are frozen; its `shape` and `inputs` arrays are
  // readonly by type only: V8 keeps frozen arrays off its fast paths, so
  // `for (const x of n.inputs)` allocated an iterator result per element and
  // `every`/`some` ran ~25x slower (a third of fusion's allocation).
  const node: Node = Object.freeze({
    id: nextId++,
    op: def.name,
    def,
    dtype: type.dtype,
    shape: type.shape.slice(),
    inputs: inputs.slice(),
    attrs: Object.freeze(a),
  });
  keyOfAttrs.set(node.attrs, { def, key: aKey });
  table.set(key, new WeakRef(node));
  reaper.register(node, { byAttrs, aKey, key });
  return node;
}
