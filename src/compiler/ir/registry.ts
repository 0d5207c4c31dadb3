// The table of built-in ops. Op files call registerOp at load; ops/index.ts
// loads them all (importing ir/index.ts or ir/builder.ts is enough to
// populate it). User ops are not here: their records travel on the nodes
// (node.ts) and belong to the program that defined them.

import { InternalError } from "../diagnostics";
import type { OpDef } from "./op";
import type { DefaultsOf, OpAttrs, OpName } from "./op-attrs";

const table = new Map<string, OpDef>();

/**
 * Adds a built-in op (at module load); a name is defined once. The name must
 * be a key of OpAttrs (op-attrs.ts), which types the record's attributes,
 * and its `defaults` are those OpDefaults lists.
 */
export function registerOp<K extends OpName>(def: OpDef<OpAttrs[K]> & { readonly name: K } & DefaultsOf<K>): OpDef<OpAttrs[K]> {
  if (table.has(def.name)) throw new InternalError(`IR op '${def.name}' is defined twice`);
  table.set(def.name, def);
  return def;
}

export function getOp<K extends OpName>(name: K): OpDef<OpAttrs[K]>;
export function getOp(name: string): OpDef;
export function getOp(name: string): OpDef {
  const d = table.get(name);
  if (!d) throw new InternalError(`unknown IR op '${name}'`);
  return d;
}

export function hasOp(name: string): boolean {
  return table.has(name);
}

export function allOps(): OpDef[] {
  return [...table.values()];
}
