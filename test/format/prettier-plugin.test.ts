// The Prettier plugin, through Prettier's own `format` API: it picks the
// plugin by file extension, prints what `format()` prints, honours
// printWidth, and reports a syntax error as Prettier does.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { buildPrettierPlugin } from "../../scripts/build-prettier-plugin";
import { format } from "../../src/format/index";
import * as plugin from "../../src/format/prettier-plugin";
import { examples, fixtures, respace, rng, root } from "./corpus";

const tmp = mkdtempSync(join(tmpdir(), "dlnet-prettier-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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

describe("the built plugin (JavaScript) through the Prettier CLI", () => {
  it("formats examples with --plugin and with a .prettierrc, as format() does", async () => {
    const plugin = await buildPrettierPlugin(join(tmp, "dist/prettier-plugin.mjs"));
    const prettierCli = join(root, "node_modules/prettier/bin/prettier.cjs");
    // The examples are canonical (test/format/fmt-cli.test.ts): respaced copies (the same tokens, other spaces and comments) are not.
    const random = rng(7);
    const cases = examples()
      .map((c) => ({ name: c.name, text: respace(c.text, random) }))
      .filter((c) => format(c.text, c.name).changed);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) writeFileSync(join(tmp, c.name), c.text);
    const names = cases.map((c) => c.name);
    // --plugin on the command line: prints the file.
    const out = execFileSync(process.execPath, [prettierCli, `--plugin=${plugin}`, cases[0].name], { cwd: tmp, encoding: "utf8" });
    expect(out, cases[0].name).toBe(format(cases[0].text, cases[0].name).text);
    // A .prettierrc naming the plugin: --write rewrites them in place.
    writeFileSync(join(tmp, ".prettierrc"), JSON.stringify({ plugins: ["./dist/prettier-plugin.mjs"] }));
    execFileSync(process.execPath, [prettierCli, "--write", ...names], { cwd: tmp, encoding: "utf8" });
    for (const c of cases) expect(readFileSync(join(tmp, c.name), "utf8"), c.name).toBe(format(c.text, c.name).text);
    execFileSync(process.execPath, [prettierCli, "--check", ...names], { cwd: tmp, encoding: "utf8" });
  });
});
