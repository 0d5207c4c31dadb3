// Every built-in layer and function of the registry has a lowering rule.

import { describe, expect, it } from "vitest";
import { FUNCTIONS, LAYERS } from "../../../src/compiler/layers/index";
import { FUNCTION_LOWERINGS, LAYER_LOWERINGS } from "../../../src/compiler/lower/index";

describe("lowering table", () => {
  it("covers every built-in layer", () => {
    const missing = [...LAYERS.keys()].filter((n) => !LAYER_LOWERINGS[n]);
    expect(missing).toEqual([]);
  });

  it("covers every built-in function", () => {
    const missing = [...FUNCTIONS.keys()].filter((n) => !FUNCTION_LOWERINGS[n]);
    expect(missing).toEqual([]);
  });

  it("has no rule for a name the registry does not know", () => {
    expect(Object.keys(LAYER_LOWERINGS).filter((n) => !LAYERS.has(n))).toEqual([]);
    expect(Object.keys(FUNCTION_LOWERINGS).filter((n) => !FUNCTIONS.has(n))).toEqual([]);
  });
});
