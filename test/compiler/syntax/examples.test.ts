// Every example parses without a diagnostic, and its AST is a golden file
// (test/baselines/<example>.ast).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../../src/compiler/source";
import { parse, printAst } from "../../../src/compiler/syntax";
import { expectBaseline, renderDiagnostics, ROOT } from "./baseline";

const examples = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".dlnet"))
  .sort();

describe("examples parse cleanly", () => {
  it("has the examples of LANGUAGE.md", () => {
    for (const name of ["mnist_mlp", "mnist_cnn", "tiny_gpt", "char_lstm", "swish"]) {
      expect(examples).toContain(`${name}.dlnet`);
    }
  });

  for (const f of examples) {
    it(f, () => {
      const file = new SourceFile(`examples/${f}`, readFileSync(join(ROOT, "examples", f), "utf8"));
      const { program, diagnostics, comments } = parse(file);
      expect(renderDiagnostics(file, diagnostics)).toBe("");
      expect(program.decls.length).toBeGreaterThan(0);
      // the header comment is kept for the formatter
      expect(comments[0]?.text).toMatch(/^\/\/ /);
      expectBaseline(f.replace(/\.dlnet$/, ".ast"), printAst(program, file));
    });
  }
});
