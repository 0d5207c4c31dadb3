// The one table of ops. Op files call registerOp at load; ops/index.ts loads
// them all (importing ir/index.ts or ir/builder.ts is enough to populate it).

import { InternalError } from "../diagnostics";
import type { OpDef } from "./op";

const table = new Map<string, OpDef>();
const serials = new Map<OpDef, number>();
let nextSerial = 0;

/** Adds an op; redefining a name (a custom op edited in the editor) replaces it. */
export function registerOp<T extends OpDef>(def: T): T {
  table.set(def.name, def);
  serials.set(def, nextSerial++);
  return def;
}

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

/** Distinguishes two definitions under one name in the intern table. */
export function opSerial(def: OpDef): number {
  return serials.get(def) ?? -1;
}
