// Broken inputs: each yields the stated diagnostics (code, line, column) and
// still an AST with whatever was intact. The rendered diagnostics are golden
// files too (test/baselines/syntax-<case>.parse-errors.txt).

import { describe, expect, it } from "vitest";
import { SourceFile } from "../../../src/compiler/source";
import { parse, printAst, type Program } from "../../../src/compiler/syntax";
import { MAX_NESTING } from "../../../src/compiler/syntax/parser";
import { expectBaseline, renderDiagnostics } from "./baseline";

interface Case {
  name: string;
  text: string;
  /** [code, line, column] of each diagnostic, in order. */
  errors: [string, number, number][];
  /** Names of the declarations that must survive. */
  decls?: string[];
  check?: (p: Program, file: SourceFile) => void;
}

const declNames = (p: Program) => p.decls.map((d) => (d.kind === "Train" ? `train ${d.model.name}` : d.name.name));

const cases: Case[] = [
  {
    name: "missing-bracket-in-type",
    text: "model M {\n  input x: f32[batch, 784\n  output y = x -> Linear(10)\n}\n",
    errors: [["DL1005", 3, 3]],
    decls: ["M"],
    check: (p, f) => {
      const m = p.decls[0];
      expect(m.kind === "Layer" && m.body.map((s) => s.kind)).toEqual(["Input", "Output"]);
    },
  },
  {
    name: "missing-paren-in-call",
    text: "model M {\n  input x: f32[b, 4]\n  output y = x -> Linear(10\n  output z = x\n}\n",
    errors: [["DL1005", 4, 3]],
    decls: ["M"],
  },
  {
    name: "missing-brace-at-eof",
    text: "layer L {\n  input x: f32[b]\n  output y = relu(x)\n",
    errors: [["DL1005", 3, 21]],
    decls: ["L"],
  },
  {
    name: "stray-top-level-token",
    text: "model A { output y = 1 }\n) 42 foo\nmodel B { output z = 2 }\n",
    errors: [["DL1004", 2, 1]],
    decls: ["A", "B"],
  },
  {
    name: "stray-token-in-body",
    text: "model M {\n  input x: f32[b]\n  42\n  output y = x\n}\n",
    errors: [["DL1004", 3, 3]],
    decls: ["M"],
  },
  {
    name: "keyword-as-name",
    text: "model input {\n  output y = 1\n}\nmodel Ok { output y = 2 }\n",
    errors: [["DL1004", 1, 7]],
    decls: ["Ok"],
  },
  {
    // `batch = epochs` is a whole setting, so the mistake shows at the next `=`.
    name: "missing-expression-before-setting",
    text: "train M {\n  batch = \n  epochs = 5\n}\n",
    errors: [["DL1004", 3, 10]],
    decls: ["train M"],
  },
  {
    name: "missing-expression-before-brace",
    text: "train M {\n  batch = 64\n  epochs =\n}\n",
    errors: [["DL1004", 4, 1]],
    decls: ["train M"],
    check: (p) => {
      const t = p.decls[0];
      expect(t.kind === "Train" && t.settings.map((s) => s.value.kind)).toEqual(["Number", "Error"]);
    },
  },
  {
    name: "unterminated-string",
    text: 'import "blocks.dlnet\nmodel M {\n  output y = 1\n}\n',
    errors: [["DL1002", 1, 8]],
    decls: ["M"],
    check: (p) => expect(p.imports[0]?.path).toBe("blocks.dlnet"),
  },
  {
    name: "unterminated-string-in-call",
    text: 'train M {\n  data = csv("data/train.csv)\n  batch = 8\n}\n',
    errors: [["DL1002", 2, 14]],
    decls: ["train M"],
  },
  {
    name: "unterminated-block-comment",
    text: "model M {\n  output y = 1\n}\n/* the rest\nmodel N { output z = 2 }\n",
    errors: [["DL1003", 4, 1]],
    decls: ["M"],
  },
  {
    name: "unterminated-comment-inside-model",
    text: "model M {\n  output y = 1 /* oops\n}\n",
    errors: [["DL1003", 2, 16]],
    decls: ["M"],
  },
  {
    name: "unexpected-character",
    text: "model M {\n  input x: f32[b]\n  output y = x # 2\n}\n",
    errors: [["DL1001", 3, 16]],
    decls: ["M"],
  },
  {
    name: "invalid-number",
    text: "model M {\n  output y = 3x + 1e\n}\n",
    errors: [
      ["DL1006", 2, 14],
      ["DL1006", 2, 19],
    ],
    decls: ["M"],
  },
  {
    name: "binary-nul",
    text: "model M {}\u0000\u0001\u0002\u00ff garbage",
    errors: [["DL1007", 1, 11]],
    decls: [],
  },
  {
    name: "invalid-utf8",
    text: "model M {\n  output y = x\ufffd\ufffd\n}\n",
    errors: [["DL1007", 2, 15]],
    decls: ["M"],
  },
  {
    name: "empty-file",
    text: "",
    errors: [],
    decls: [],
  },
  {
    name: "only-comments",
    text: "// nothing here\n/* at all */\n",
    errors: [],
    decls: [],
  },
  {
    name: "three-mistakes",
    text: [
      "layer Good1 {",
      "  input x: f32[b, 8]",
      "  output y = x -> Linear(8)",
      "}",
      "model Bad1 {",
      "  input x: f32[b, 8",
      "  output y = x",
      "}",
      "layer Good2(d: int = 4) {",
      "  input x: f32[b, d]",
      "  output y = x * 2",
      "}",
      "model Bad2 {",
      "  input x: f32[b]",
      "  h = x + * 3",
      "  output y = h",
      "}",
      "train Bad2 {",
      "  batch = 64",
      "  optimizer = Adam(lr: 1e-3",
      "  epochs = 5",
      "}",
      "",
    ].join("\n"),
    errors: [
      ["DL1005", 7, 3],
      ["DL1004", 15, 11],
      ["DL1005", 21, 3],
    ],
    decls: ["Good1", "Bad1", "Good2", "Bad2", "train Bad2"],
    check: (p) => {
      const train = p.decls[4];
      expect(train.kind === "Train" && train.settings.map((s) => s.key.name)).toEqual(["batch", "optimizer", "epochs"]);
      const bad2 = p.decls[3];
      // the broken binding is kept with an Error operand, the output after it is intact
      expect(bad2.kind === "Layer" && bad2.body.map((s) => s.kind)).toEqual(["Input", "Bind", "Output"]);
    },
  },
];

describe("syntax errors", () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = new SourceFile(`${c.name}.dlnet`, c.text);
      const { program, diagnostics } = parse(file);
      const got = diagnostics.map((d) => {
        const p = file.position(d.span.start);
        return [d.code, p.line, p.column];
      });
      expect(got, renderDiagnostics(file, diagnostics)).toEqual(c.errors);
      // one error per position
      expect(new Set(diagnostics.map((d) => d.span.start)).size).toBe(diagnostics.length);
      for (const d of diagnostics) expect(d.message).toMatch(/\S/);
      if (c.decls) expect(declNames(program)).toEqual(c.decls);
      c.check?.(program, file);
      expectBaseline(`syntax-${c.name}.parse-errors.txt`, renderDiagnostics(file, diagnostics));
    });
  }

  it("refuses an expression nested deeper than MAX_NESTING with DL1008, without exhausting the stack", () => {
    for (const deep of ["(".repeat(5000) + "x" + ")".repeat(5000), "(".repeat(5000), "-".repeat(5000) + "x", "x" + " ** x".repeat(5000), "x" + ".y".repeat(5000), "x" + " + x".repeat(5000)]) {
      const file = new SourceFile("deep.dlnet", `model M {\n  output y = ${deep}\n}\n`);
      const { program, diagnostics } = parse(file);
      expect(diagnostics.map((d) => d.code)).toEqual(["DL1008"]);
      expect(file.position(diagnostics[0].span.start).line).toBe(2);
      expect(program.decls).toEqual([]);
    }
  });

  it("accepts nesting just under the limit and prints it", () => {
    const n = MAX_NESTING - 10;
    const file = new SourceFile("deep.dlnet", `model M {\n  output y = ${"(".repeat(n)}x${")".repeat(n)} + ${"-".repeat(n)}x\n}\n`);
    const { program, diagnostics } = parse(file);
    expect(diagnostics).toEqual([]);
    expect(printAst(program, file).split("\n").filter((l) => l.includes("Paren")).length).toBe(n);
  });

  it("names what was expected and what was found", () => {
    const file = new SourceFile("m.dlnet", "model M {\n  output y = f(x\n  output z = 1\n}\n");
    const [d] = parse(file).diagnostics;
    expect(d.code).toBe("DL1005");
    expect(d.message).toBe("expected ')' to close '(' at 2:15 but found 'output'");
    expect(d.related?.[0].span).toEqual({ start: file.offset({ line: 2, column: 15 }), end: file.offset({ line: 2, column: 16 }) });
  });

  it("reports a missing name as expected name, found keyword", () => {
    const file = new SourceFile("m.dlnet", "model output { }\n");
    const [d] = parse(file).diagnostics;
    expect(d.message).toBe("expected name but found 'output'");
  });

  it("marks recovered holes as Error expressions where the operand belongs", () => {
    const file = new SourceFile("m.dlnet", "model M {\n  h = x + * 3\n  output y = h ->\n}\n");
    const m = parse(file).program.decls[0];
    if (m.kind !== "Layer") throw new Error("expected a layer");
    const [bind, out] = m.body;
    // `x + * 3` reads as `x + (<error> * 3)`: the missing operand is just after `+`
    expect(bind.kind === "Bind" && bind.value.kind === "Binary" && bind.value.right).toMatchObject({
      kind: "Binary",
      op: "*",
      left: { kind: "Error", span: { start: file.offset({ line: 2, column: 10 }) } },
    });
    // `h ->` with nothing after: a pipe whose last stage is an Error just after the arrow
    expect(out.kind === "Output" && out.value).toMatchObject({
      kind: "Pipe",
      stages: [{ kind: "Name" }, { kind: "Error", span: { start: file.offset({ line: 3, column: 18 }) } }],
    });
  });
});
