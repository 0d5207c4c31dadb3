// Computed indices on WebGPU (check_index, ir/ops/gather.ts): every kernel that
// evaluates a check binds one small storage buffer, the flag, and an index
// outside its range reports there: first writer wins, so the flag holds one
// offending check (its site's hash), the value and its flat position among the
// check's indices. The kernel still clamps the index (memory stays safe). The
// executor copies the flag back with the outputs a run reads (the trainer's
// loss at its logging interval), so checking adds no submission and no stall.

import { IndexOutOfRange, unflatten } from "../../ir/ops/gather";
import { attrsOf, type Node } from "../../ir/node";
import type { Graph } from "../../ir/graph";
import { InternalError } from "../../diagnostics";

/** The flag binding's name in WGSL. */
export const FLAG_BINDING = "dl_flag";
/** Its u32 words: site hash (0: nothing flagged), value (bits of an i32), flat position, unused. */
export const FLAG_WORDS = 4;

/**
 * `dl_report(site, value, at)`: word 0 takes the site if it is still 0, and
 * only the invocation that set it writes the value and the position. (A weak
 * exchange may fail spuriously: retry while word 0 is still 0.)
 */
export const INDEX_REPORT = `fn dl_report(site: u32, value: i32, at: u32) {
  loop {
    let r = atomicCompareExchangeWeak(&${FLAG_BINDING}[0], 0u, site);
    if (r.exchanged) {
      atomicStore(&${FLAG_BINDING}[1], bitcast<u32>(value));
      atomicStore(&${FLAG_BINDING}[2], at);
      return;
    }
    if (r.old_value != 0u) { return; }
  }
}`;

/**
 * A check's id in the kernel text: a hash of what it checks and where (FNV-1a,
 * never 0), so equal checks in graphs of other batch sizes give equal WGSL
 * (one pipeline) and the executor finds the check from the id alone.
 */
export function checkSiteId(n: Node): number {
  const a = attrsOf(n, "check_index");
  const key = `${a.site}|${a.what}|${String(a.size)}|${String(a.allowed)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/** The checks of a graph by id (a time loop's body is a graph of its own: pass every graph the kernels come from). */
export function checksById(graphs: readonly Graph[]): Map<number, Node> {
  const m = new Map<number, Node>();
  for (const g of graphs) for (const n of g.nodes()) if (n.op === "check_index") m.set(checkSiteId(n), n);
  return m;
}

/** The error a flag read back holds, or undefined when nothing was flagged. */
export function flaggedError(words: Uint32Array, checks: ReadonlyMap<number, Node>): IndexOutOfRange | undefined {
  if (words[0] === 0) return undefined;
  const n = checks.get(words[0]);
  const value = words[1] | 0;
  if (!n) throw new InternalError(`the WebGPU index flag names check ${words[0]}, which no kernel of this program has`);
  const a = attrsOf(n, "check_index");
  const shape = n.shape as number[];
  return new IndexOutOfRange(a.site, value, unflatten(words[2], shape), shape, a.what, a.size as number, a.allowed);
}
