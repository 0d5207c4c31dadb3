import { describe, expect, it } from "vitest";
import { diag } from "../../src/compiler/diagnostics";
import { SourceFile } from "../../src/compiler/source";
import { lookupIn, renderDiagnostic, summaryLine, toJson, useColor } from "../../src/cli/render";

const text = [
  "model M {", //                                       1
  "  input x: f32[batch, 784]", //                      2
  "\th = x -> Linaer(128)", //                          3 (a tab)
  "  output y = h ->", //                               4
  "    ReLU", //                                        5
  "}", //                                               6
  "", "", "", "", //                                    7-10
  "layer Dup { input x: f32[1] output y = x }", //      11
].join("\n");
const file = new SourceFile("m.dlnet", text);
const lookup = lookupIn([file]);
const at = (needle: string, len = needle.length) => {
  const start = text.indexOf(needle);
  return { start, end: start + len };
};

describe("renderDiagnostic", () => {
  it("draws the caret under the span, expanding tabs, with help from fix-its", () => {
    const span = at("Linaer");
    const d = diag("DL2003", "unknown layer 'Linaer'", "m.dlnet", span, {
      fixes: [{ message: "did you mean 'Linear'?", file: "m.dlnet", span, newText: "Linear" }],
    });
    expect(renderDiagnostic(d, lookup, { color: false })).toBe(
      [
        "error[DL2003]: unknown layer 'Linaer'",
        " --> m.dlnet:3:11",
        "  |",
        "3 |     h = x -> Linaer(128)",
        "  |              ^^^^^^",
        "  = help: did you mean 'Linear'?",
        "",
      ].join("\n"),
    );
  });

  it("underlines a multi-line span to the end of its first line, and shows related spans as notes", () => {
    const start = text.indexOf("h ->");
    const d = diag("DL3001", "shape mismatch", "m.dlnet", { start, end: text.indexOf("ReLU") + 4 }, {
      related: [{ file: "m.dlnet", span: at("Dup"), message: "declared here" }],
      severity: "warning",
    });
    expect(renderDiagnostic(d, lookup, { color: false })).toBe(
      [
        "warning[DL3001]: shape mismatch",
        "  --> m.dlnet:4:14",
        "   |",
        " 4 |   output y = h ->",
        "   |              ^^^^",
        "note: declared here",
        "  --> m.dlnet:11:7",
        "   |",
        "11 | layer Dup { input x: f32[1] output y = x }",
        "   |       ---",
        "",
      ].join("\n"),
    );
  });

  it("marks an empty span at the end of the file with one caret", () => {
    const d = diag("DL1005", "missing '}'", "m.dlnet", { start: text.length, end: text.length });
    const out = renderDiagnostic(d, lookup, { color: false });
    expect(out).toContain("  --> m.dlnet:11:43\n");
    expect(out).toContain(`   | ${" ".repeat(42)}^\n`);
  });

  it("names the location only when the file text is unknown", () => {
    const d = diag("DL2007", "import cannot be resolved", "gone.dlnet", { start: 3, end: 5 });
    expect(renderDiagnostic(d, lookup, { color: false })).toBe(
      "error[DL2007]: import cannot be resolved\n --> gone.dlnet\n",
    );
  });

  it("colors with ANSI codes only when asked", () => {
    const d = diag("DL2003", "unknown layer", "m.dlnet", at("Linaer"));
    expect(renderDiagnostic(d, lookup, { color: true })).toContain("\x1b[1m\x1b[31merror[DL2003]");
    expect(renderDiagnostic(d, lookup, { color: false })).not.toContain("\x1b");
  });
});

describe("summary, JSON and color choice", () => {
  const e = diag("DL2003", "x", "m.dlnet", at("Linaer"));
  const w = diag("DL2010", "unused", "m.dlnet", at("h ="));
  it("summarizes counts with plurals", () => {
    expect(summaryLine([], 5)).toBe("checked 5 files: no errors");
    expect(summaryLine([w], 1)).toBe("checked 1 file: no errors, 1 warning");
    expect(summaryLine([e, e, w], 3)).toBe("2 errors, 1 warning in 3 files");
    expect(summaryLine([e], 1)).toBe("1 error in 1 file");
  });
  it("gives 1-based positions with an exclusive end", () => {
    expect(toJson(e, lookup)).toEqual({
      file: "m.dlnet", line: 3, column: 11, endLine: 3, endColumn: 17,
      severity: "error", code: "DL2003", message: "x",
    });
  });
  it("respects NO_COLOR and FORCE_COLOR", () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(useColor(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: "0" })).toBe(false);
  });
});
