// The Prettier plugin, through Prettier's own `format` API: it picks the
// plugin by file extension, prints what `format()` prints, honours
// printWidth, and reports a syntax error as Prettier does.

import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { format } from "../../src/format/index";
import * as plugin from "../../src/format/prettier-plugin";
import { examples, fixtures } from "./corpus";

describe("prettier plugin", () => {
  it("formats every example and fixture exactly as format() does", async () => {
    for (const c of [...examples(), ...fixtures()]) {
      const viaPrettier = await prettier.format(c.text, { filepath: c.name, plugins: [plugin] });
      expect(viaPrettier, c.name).toBe(format(c.text, c.name).text);
    }
  });

  it("uses Prettier's printWidth", async () => {
    const text = "model M { input x: f32[b, 4]\n output y = x -> Linear(16) -> ReLU -> Linear(2) }\n";
    const wide = await prettier.format(text, { parser: "dlnet", plugins: [plugin], printWidth: 120 });
    const narrow = await prettier.format(text, { parser: "dlnet", plugins: [plugin], printWidth: 30 });
    expect(wide).toContain("output y = x -> Linear(16) -> ReLU -> Linear(2)\n");
    expect(narrow).toContain("output y = x\n    -> Linear(16)\n    -> ReLU\n    -> Linear(2)\n");
  });

  it("reports a syntax error with its location", async () => {
    const text = "model M {\n  input x: f32[batch, 784\n}\n";
    const err = await prettier.format(text, { parser: "dlnet", plugins: [plugin] }).then(
      () => undefined,
      (e: Error & { loc?: { start: { line: number; column: number } } }) => e,
    );
    expect(err?.message).toMatch(/^DL1005 expected '\]' to close '\['/);
    // Prettier draws its code frame at the error's location: line 3, where `}` came instead of `]`.
    expect(err?.loc?.start).toEqual({ line: 3, column: 1 });
    expect(err?.message).toContain("> 3 | }");
  });

  it("declares the .dlnet language", async () => {
    const info = await prettier.getFileInfo("model.dlnet", { plugins: [plugin] });
    expect(info.inferredParser).toBe("dlnet");
  });
});
