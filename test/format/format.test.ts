// The formatter: golden layouts of the fixtures, and on every example, every
// fixture and a seeded corpus of mutations that still parse: the output is
// idempotent, parses to the same AST (spans aside) and keeps every comment.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/compiler/source";
import { parse } from "../../src/compiler/syntax/index";
import { astShape, format } from "../../src/format/index";
import { examples, fixtures, mutations, root, type Case } from "./corpus";

const WIDTHS = [30, 60, 80, 120];

function checkCase(c: Case, printWidth: number): void {
  const where = `${c.name} @${printWidth}`;
  const first = format(c.text, c.name, { printWidth });
  expect(first.diagnostics.filter((d) => d.severity === "error"), where).toEqual([]);
  const second = format(first.text, c.name, { printWidth });
  expect(second.text, `${where} is not idempotent`).toBe(first.text);
  expect(second.changed, where).toBe(false);
  // The same program (format() also checks this itself; the test does not rely on it).
  const a = new SourceFile(c.name, c.text);
  const b = new SourceFile(c.name, first.text);
  const before = parse(a);
  const after = parse(b);
  expect(astShape(after.program, b), where).toBe(astShape(before.program, a));
  expect(after.comments.map((x) => x.text.trimEnd()), where).toEqual(before.comments.map((x) => x.text.trimEnd()));
  // The layout promises: 2-space indent steps, no tabs, no trailing spaces, one final newline.
  expect(first.text, where).not.toMatch(/[ \t]$/m);
  expect(first.text, where).not.toMatch(/\t/);
  expect(first.text.endsWith("\n") && !first.text.endsWith("\n\n"), where).toBe(true);
  expect(first.text, where).not.toMatch(/\n\n\n/);
}

describe("format", () => {
  it("lays out the fixtures as their golden files", () => {
    const dir = join(root, "test/baselines");
    mkdirSync(dir, { recursive: true });
    const cases = fixtures();
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const c of cases) {
      const file = join(dir, `${basename(c.name, ".dlnet")}.formatted.dlnet`);
      const actual = format(c.text, c.name).text;
      if (process.env.UPDATE_BASELINES === "1" || (!existsSync(file) && !process.env.CI)) writeFileSync(file, actual);
      expect(actual, file).toBe(readFileSync(file, "utf8"));
    }
  });

  it("is idempotent and AST-preserving on every example and fixture, at several widths", () => {
    const cases = [...examples(), ...fixtures()];
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) for (const w of WIDTHS) checkCase(c, w);
  });

  it("is idempotent and AST-preserving on mutated examples that still parse", () => {
    const cases = mutations([...examples(), ...fixtures()], 24, 20261125);
    expect(cases.length).toBeGreaterThan(50);
    cases.forEach((c, i) => checkCase(c, WIDTHS[i % WIDTHS.length]));
  });

  it("refuses a file with syntax errors and returns its diagnostics", () => {
    const text = "model M {\n  input x: f32[batch, 784\n  output y = x -> Linear(10)\n}\n";
    const r = format(text, "broken.dlnet");
    expect(r.text).toBe(text);
    expect(r.changed).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === "error" && d.code.startsWith("DL1"))).toBe(true);
  });

  it("breaks a long pipe one stage per line with aligned arrows, and keeps short ones on one line", () => {
    const short = format("model M { input x: f32[b, 4]\n output y = x -> ReLU -> Linear(2) }", "m.dlnet").text;
    expect(short).toContain("  output y = x -> ReLU -> Linear(2)\n");
    const long = format(
      "model M { input x: f32[b, 4]\n output y = x -> Linear(1024) -> ReLU -> Dropout(0.5) -> Linear(1024) -> ReLU -> Linear(10) }",
      "m.dlnet",
    ).text;
    const lines = long.split("\n").filter((l) => l.includes("->"));
    expect(lines.length).toBe(6);
    const columns = new Set(lines.map((l) => l.indexOf("->")));
    expect(columns.size).toBe(1);
    expect(long).toContain("  output y = x\n    -> Linear(1024)\n");
  });

  it("keeps the stages the source wrote on one line together when a pipe breaks, and splits a line that does not fit", () => {
    const src = [
      "model M {",
      "  input  x: f32[b, 1, 28, 28]",
      "  output y = x",
      "    -> Conv2d(16, kernel: 3, padding: 1) -> ReLU -> MaxPool2d(2)",
      "    -> Conv2d(32, kernel: 3, padding: 1) -> ReLU -> MaxPool2d(2)",
      "    -> Flatten -> Linear(10)",
      "}",
      "",
    ].join("\n");
    expect(format(src, "m.dlnet").text).toBe(src);
    // The same pipe written as one line breaks before every stage.
    const oneLine = src.replace(/\n    ->/g, " ->");
    expect(format(oneLine, "m.dlnet").text.split("\n").filter((l) => l.trimStart().startsWith("->")).length).toBe(8);
    // Source lines are kept, but a continuation hanging under the first arrow is re-indented.
    const hanging = "layer R(ch: int) {\n  input x: f32[B, ch, H, W]\n  h = x -> Conv2d(ch, kernel: 3, padding: 1) -> BatchNorm -> ReLU\n        -> Conv2d(ch, kernel: 3, padding: 1) -> BatchNorm\n  output y = relu(x + h)\n}\n";
    expect(format(hanging, "r.dlnet").text).toBe(hanging.replace("        -> Conv2d", "    -> Conv2d"));
    // At width 40 a kept line that no longer fits gets one stage per line, and only that line.
    const narrow = format(src, "m.dlnet", { printWidth: 40 }).text;
    expect(narrow).toContain("    -> Flatten -> Linear(10)\n");
    expect(narrow).toContain("    -> Conv2d(16, kernel: 3, padding: 1)\n    -> ReLU\n    -> MaxPool2d(2)\n");
    // A pipe that fits is joined onto one line, wherever the source broke it.
    expect(format("model M { input x: f32[b, 4]\n output y = x\n -> ReLU\n -> Linear(2) }", "m.dlnet").text).toContain(
      "  output y = x -> ReLU -> Linear(2)\n",
    );
  });

  it("aligns the = of consecutive train settings, per blank-line-separated run", () => {
    const out = format("train M {\n data = mnist()\n feed x = data.image\n optimizer = Adam(lr: 1e-3)\n\n batch = 64\n epochs = 5\n}\n", "t.dlnet").text;
    expect(out).toBe(
      "train M {\n  data      = mnist()\n  feed x    = data.image\n  optimizer = Adam(lr: 1e-3)\n\n  batch  = 64\n  epochs = 5\n}\n",
    );
  });

  it("normalizes blank lines between declarations to one and formats an empty file as empty", () => {
    const out = format("layer A { input x: f32[1] output y = x }\n\n\n\nmodel B { input x: f32[1]\noutput y = x -> A }", "b.dlnet").text;
    expect(out).toBe("layer A {\n  input  x: f32[1]\n  output y = x\n}\n\nmodel B {\n  input  x: f32[1]\n  output y = x -> A\n}\n");
    expect(format("", "empty.dlnet").text).toBe("");
    expect(format("// only a comment", "c.dlnet").text).toBe("// only a comment\n");
  });

  it("writes \\n line ends: a CRLF file formats as its LF twin", () => {
    for (const c of [...examples(), ...fixtures()]) {
      const crlf = c.text.replace(/\r?\n/g, "\r\n");
      const out = format(crlf, c.name).text;
      expect(out, c.name).not.toContain("\r");
      expect(out, c.name).toBe(format(c.text, c.name).text);
    }
  });
});
