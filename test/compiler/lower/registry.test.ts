// Every built-in layer and function of the registry has a lowering rule; each
// layer has exactly one record joining its signature to its lowering.

import { describe, expect, it } from "vitest";
import { FUNCTIONS, LAYERS } from "../../../src/compiler/layers/index";
import { FUNCTION_LOWERINGS, LAYER_LOWERINGS } from "../../../src/compiler/lower/index";
import { LAYER_RULES } from "../../../src/compiler/lower/table";

describe("lowering table", () => {
  it("has exactly one rule per built-in layer, naming the registry's own signature record", () => {
    const count = new Map<string, number>();
    for (const r of LAYER_RULES)
      for (const l of r.layers) {
        expect(LAYERS.get(l.name), l.name).toBe(l);
        count.set(l.name, (count.get(l.name) ?? 0) + 1);
      }
    expect([...LAYERS.keys()].filter((n) => count.get(n) !== 1)).toEqual([]);
    expect([...count.keys()].filter((n) => !LAYERS.has(n))).toEqual([]);
    expect(Object.keys(LAYER_LOWERINGS).sort()).toEqual([...LAYERS.keys()].sort());
  });

  it("covers every built-in function", () => {
    const missing = [...FUNCTIONS.keys()].filter((n) => !FUNCTION_LOWERINGS[n]);
    expect(missing).toEqual([]);
  });

  it("has no function rule for a name the registry does not know", () => {
    expect(Object.keys(FUNCTION_LOWERINGS).filter((n) => !FUNCTIONS.has(n))).toEqual([]);
  });
});
