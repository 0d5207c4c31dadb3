// The lowering rule of every built-in layer and function. Layers: each rule
// that lower/layers/ exports names the signature records it lowers (see
// `lowers` in rules.ts), so the table is collected, not listed. A test checks
// that every layer of the registry has exactly one rule.

import { InternalError } from "../diagnostics";
import { FUNCTION_LOWERINGS } from "./functions";
import type { LayerLowering, LayerRule } from "./rules";
import * as attention from "./layers/attention";
import * as conv from "./layers/conv";
import * as dense from "./layers/dense";
import * as norm from "./layers/norm";
import * as recurrent from "./layers/recurrent";
import * as resample from "./layers/resample";

export { FUNCTION_LOWERINGS };

function isRule(x: unknown): x is LayerRule {
  return typeof x === "object" && x !== null && (x as LayerRule).kind === "layer-rule";
}

/** Every layer rule lower/layers/ exports. */
export const LAYER_RULES: readonly LayerRule[] = [attention, conv, dense, norm, recurrent, resample].flatMap((m) => Object.values(m).filter(isRule));

function byLayer(rules: readonly LayerRule[]): Readonly<Record<string, LayerLowering>> {
  const out: Record<string, LayerLowering> = {};
  for (const r of rules)
    for (const l of r.layers) {
      if (out[l.name]) throw new InternalError(`two lowering rules for layer ${l.name}`);
      out[l.name] = r.lower;
    }
  return out;
}

export const LAYER_LOWERINGS: Readonly<Record<string, LayerLowering>> = byLayer(LAYER_RULES);
