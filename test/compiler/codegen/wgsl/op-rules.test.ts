import { describe, expect, it } from "vitest";
import { allOps } from "../../../../src/compiler/ir/registry";
import "../../../../src/compiler/codegen/wgsl/op-rules";

describe("WGSL rules", () => {
  it("every primitive op has a wgsl rule; composites are expanded before codegen", () => {
    const missing = allOps()
      .filter((op) => !op.expand && !op.wgsl)
      .map((op) => op.name);
    expect(missing).toEqual([]);
  });

  it("elementwise rules produce an expression for their arguments", () => {
    for (const op of allOps()) {
      if (op.wgsl?.kind !== "elementwise") continue;
      expect(typeof op.wgsl.expr, op.name).toBe("function");
    }
  });
});
