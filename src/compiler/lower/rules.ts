// The shapes of a lowering rule. A built-in layer's rule gets the instance
// (resolved args, parameters with paths) and its lowered input; a function's
// rule gets its lowered tensor operands and resolved options. Rules build IR
// with the builder and never re-check: check has already proven the shapes.

import { InternalError } from "../diagnostics";
import type { Args, LayerDef } from "../layers/registry";
import type { BuiltinInstance, EApply, ECall } from "../check/elaborated";
import type { Node } from "../ir/builder";
import type { Lowering } from "./context";

/** `x` is undefined only for a nullary use (PositionalEmbedding as a value). */
export type LayerLowering = (cx: Lowering, inst: BuiltinInstance, x: Node | undefined, e: EApply) => Node;

/**
 * A built-in layer's one record: the signature records it lowers (from
 * layers/builtins, which check uses) and its lowering. lower/table.ts collects
 * every rule lower/layers/ exports; nothing lists layer names by hand.
 */
export interface LayerRule {
  readonly kind: "layer-rule";
  readonly layers: readonly LayerDef[];
  readonly lower: LayerLowering;
}

/** `export const Linear = lowers(L.Linear, (cx, inst, x) => …)`: one or more layers sharing a lowering. */
export function lowers(layers: LayerDef | readonly LayerDef[], lower: LayerLowering): LayerRule {
  return { kind: "layer-rule", layers: "kind" in layers ? [layers] : layers, lower };
}

export type FunctionLowering = (cx: Lowering, xs: readonly Node[], options: Args, e: ECall) => Node;

/** The input of a layer that is never nullary (check guarantees it exists). */
export function need(x: Node | undefined, what: string): Node {
  if (!x) throw new InternalError(`${what} applied to nothing`);
  return x;
}

/** An int-or-list argument as exactly `n` numbers. */
export function ints(args: Args, name: string, n: number, fallback: number): number[] {
  const v = args[name];
  const list = Array.isArray(v) ? v.map((x) => (typeof x === "number" ? x : fallback)) : [typeof v === "number" ? v : fallback];
  while (list.length < n) list.push(list[list.length - 1] ?? fallback);
  return list.slice(0, n);
}
