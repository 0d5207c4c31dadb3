// One program per diagnostic code: it must report that code, and the whole
// rendered output is pinned by test/baselines/check-<case>.errors.txt.

import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../../src/compiler/diagnostics";
import { renderDiagnostics } from "../../../src/compiler/check";
import { CASES } from "./diagnostic-cases";
import { checkSources, matchBaseline } from "./helpers";

describe("diagnostics", () => {
  for (const c of CASES) {
    it(`${c.code} ${c.name}`, () => {
      const r = checkSources(c.files);
      expect(r.diagnostics.map((d) => d.code)).toContain(c.code);
      const d = r.diagnostics.find((x) => x.code === c.code)!;
      expect(d.severity).toBe(CATALOGUE[c.code as keyof typeof CATALOGUE].severity);
      const { expected, actual } = matchBaseline(`check-${c.name}.errors.txt`, renderDiagnostics(r.diagnostics, r.files));
      expect(actual).toBe(expected);
    });
  }

  it("covers every 2xxx, 3xxx and 4xxx code of the catalogue", () => {
    const covered = new Set(CASES.map((c) => c.code));
    // DL3010 is the checker's bug report; no program should produce it.
    const mine = Object.keys(CATALOGUE).filter((k) => /^DL[234]/.test(k) && k !== "DL3010");
    expect(mine.filter((k) => !covered.has(k))).toEqual([]);
  });

  it("offers a fix-it with the suggested name", () => {
    const r = checkSources("model Net {\n  input x: f32[batch, 784]\n  output y = x -> Linaer(10) -> relu\n}\n");
    const d = r.diagnostics.find((x) => x.code === "DL2003")!;
    expect(d.fixes?.[0].newText).toBe("Linear");
    const src = r.files.get("main.dlnet")!.source;
    expect(src.slice(d.fixes![0].span)).toBe("Linaer");
  });

  it("names the stage, both shapes and the disagreeing dimension", () => {
    const r = checkSources("model Net {\n  input x: f32[batch, 784]\n  output y = x -> Linear(512) -> Linear(784, 128)\n}\n");
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d.message).toBe("Linear(784, 128) expects [.., 784] but receives [batch, 512]: last dimension is 512, not 784");
    expect(r.files.get("main.dlnet")!.source.slice(d.span)).toBe("Linear(784, 128)");
  });

  it("does not cascade after an unknown stage", () => {
    const r = checkSources("model Net {\n  input x: f32[batch, 784]\n  output y = x -> Foo(3) -> Linear(10) -> softmax(dim: 5)\n}\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["DL2003"]);
  });

  it("reports a mistake inside a layer once, not once per instantiation", () => {
    const src = "layer L(d: int) {\n  input x: f32[B, n]\n  output y = x -> Linear(d) + bogus\n}\nmodel Net {\n  input x: f32[batch, 784]\n  output y = x -> L(4) -> L(4) -> L(8)\n}\n";
    const r = checkSources(src);
    expect(r.diagnostics.filter((d) => d.code === "DL2001")).toHaveLength(1);
  });
});
