// The grammar itself: Chevrotain's self-analysis passes, the checked-in CST
// types are what the grammar generates, the lexer splits text as the language
// says, and expressions group by the precedence table of docs/grammar.md.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CST_DTS_PATH, cstDts } from "../../../grammar/generate";
import { DlnetParser, parser } from "../../../grammar/parser";
import { SourceFile } from "../../../src/compiler/source";
import { parse, tokenize, type Expr, type IndexItem, type Program } from "../../../src/compiler/syntax";

/** An expression as a compact s-expression, to state its grouping. */
function sx(e: Expr | IndexItem): string {
  switch (e.kind) {
    case "Number":
      return e.text;
    case "String":
      return JSON.stringify(e.value);
    case "Bool":
      return String(e.value);
    case "Name":
      return e.name;
    case "Error":
      return "<error>";
    case "Ellipsis":
      return "...";
    case "List":
      return `[${e.items.map(sx).join(" ")}]`;
    case "Paren":
      return `(paren ${sx(e.expr)})`;
    case "Unary":
      return `(${e.op} ${sx(e.operand)})`;
    case "Binary":
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case "Pipe":
      return `(-> ${e.stages.map(sx).join(" ")})`;
    case "Call":
      return `(call ${sx(e.callee)}${e.args.map((a) => " " + (a.name ? a.name.name + ":" : "") + sx(a.value)).join("")})`;
    case "Member":
      return `(. ${sx(e.object)} ${e.property.name})`;
    case "Index":
      return `(index ${sx(e.object)} ${e.items.map(sx).join(" ")})`;
    case "Slice":
      return `(slice ${e.start ? sx(e.start) : "_"} ${e.end ? sx(e.end) : "_"} ${e.step ? sx(e.step) : "_"})`;
    case "As":
      return `(as ${sx(e.expr)} ${e.name.name})`;
    case "Repeat":
      return `(repeat ${e.variable ? e.variable.name + " in " : ""}${sx(e.count)} ${sx(e.layer)})`;
    case "If":
      return `(if ${sx(e.cond)} ${sx(e.then)} ${sx(e.otherwise)})`;
  }
}

function parseClean(text: string): Program {
  const r = parse(new SourceFile("t.dlnet", text));
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.program;
}

/** The value of `h = <text>` inside a model. */
function exprOf(text: string): string {
  const p = parseClean(`model M {\n  h = ${text}\n}\n`);
  const m = p.decls[0];
  if (m.kind !== "Layer" || m.body[0]?.kind !== "Bind") throw new Error("no binding");
  return sx(m.body[0].value);
}

describe("grammar", () => {
  it("passes Chevrotain's self-analysis (no ambiguity, no left recursion)", () => {
    // performSelfAnalysis() (run when the module loaded) throws on any of these
    expect((parser as unknown as { definitionErrors: unknown[] }).definitionErrors).toEqual([]);
    expect(() => new DlnetParser()).not.toThrow();
  });

  it("has checked-in CST types that match the grammar (npx tsx grammar/generate.ts)", () => {
    expect(readFileSync(CST_DTS_PATH, "utf8")).toBe(cstDts());
  });
});

describe("lexer", () => {
  const kinds = (text: string) => tokenize(new SourceFile("t.dlnet", text)).map((t) => `${t.kind}:${t.text}`);

  it("keeps keyword prefixes of longer words as names", () => {
    expect(kinds("input inputs as ask repeat repeats train trainer")).toEqual([
      "Input:input", "Identifier:inputs", "As:as", "Identifier:ask", "Repeat:repeat", "Identifier:repeats",
      "Train:train", "Identifier:trainer",
    ]);
  });

  it("reads numbers, strings and operators", () => {
    expect(kinds('128 0.5 .5 1e-3 2E+4 "a\\"b" -> ** ... <= == != @ %')).toEqual([
      "NumberLiteral:128", "NumberLiteral:0.5", "NumberLiteral:.5", "NumberLiteral:1e-3", "NumberLiteral:2E+4",
      'StringLiteral:"a\\"b"', "Arrow:->", "StarStar:**", "Ellipsis:...", "LessEq:<=", "EqEq:==", "NotEq:!=",
      "At:@", "Percent:%",
    ]);
  });

  it("keeps comments as tokens of their own category, in order", () => {
    const toks = tokenize(new SourceFile("t.dlnet", "x // one\n/* two\n */ y"));
    expect(toks.map((t) => [t.kind, t.category, t.span.start])).toEqual([
      ["Identifier", "identifier", 0],
      ["LineComment", "comment", 2],
      ["BlockComment", "comment", 9],
      ["Identifier", "identifier", 20],
    ]);
  });

  it("gives every keyword the keyword category", () => {
    const toks = tokenize(new SourceFile("t.dlnet", "import model layer op grad train input output param repeat as true false if else in and or"));
    expect(toks.every((t) => t.category === "keyword")).toBe(true);
    expect(toks).toHaveLength(18);
  });

  it("unescapes strings", () => {
    const p = parseClean('import "a\\"b\\n\\\\c"\n');
    expect(p.imports[0].path).toBe('a"b\n\\c');
  });
});

describe("compile-time control flow", () => {
  it("reads if/else (else-if chained) as an expression, with or < and < comparisons", () => {
    expect(exprOf("if s != 1 or c != w { x -> f } else { x }")).toBe("(if (or (!= s 1) (!= c w)) (-> x f) x)");
    expect(exprOf("if a and b or c { 1 } else if d { 2 } else { 3 }")).toBe("(if (or (and a b) c) 1 (if d 2 3))");
    expect(exprOf("y + if p { 1 } else { 2 } * 3")).toBe("(+ y (* (if p 1 2) 3))");
    expect(exprOf("x -> if p { A } else { B } -> C")).toBe("(-> x (if p A B) C)");
  });

  it("reads repeat over a list with its variable", () => {
    expect(exprOf("repeat(w in [8, 16], Stage(w))")).toBe("(repeat w in [8 16] (call Stage w))");
    expect(exprOf("repeat(2, Block)")).toBe("(repeat 2 Block)");
  });

  it("needs an else and braces", () => {
    const errs = (t: string) => parse(new SourceFile("t.dlnet", `model M {\n  h = ${t}\n}\n`)).diagnostics.length;
    expect(errs("if p { 1 }")).toBeGreaterThan(0);
    expect(errs("if p 1 else 2")).toBeGreaterThan(0);
  });
});

describe("precedence and grouping", () => {
  const table: [string, string][] = [
    ["a + b -> f", "(-> (+ a b) f)"],
    ["x -> Linear(10) as fc -> ReLU", "(-> x (as (call Linear 10) fc) ReLU)"],
    ["a -> b -> c", "(-> a b c)"],
    ["a < b + c", "(< a (+ b c))"],
    ["a - b - c", "(- (- a b) c)"],
    ["a + b * c", "(+ a (* b c))"],
    ["x @ w + b", "(+ (@ x w) b)"],
    ["a * b / c % d", "(% (/ (* a b) c) d)"],
    ["-x ** 2", "(- (** x 2))"],
    ["2 ** -1", "(** 2 (- 1))"],
    ["a ** b ** c", "(** a (** b c))"],
    ["-a ** -b ** c", "(- (** a (- (** b c))))"],
    ["a.b ** 2 * 3", "(* (** (. a b) 2) 3)"],
    ["--x", "(- (- x))"],
    ["-x * y", "(* (- x) y)"],
    ["f(x)(y).z[0]", "(index (. (call (call f x) y) z) 0)"],
    ["x[:, -1]", "(index x (slice _ _ _) (- 1))"],
    ["x[..., 0:64]", "(index x ... (slice 0 64 _))"],
    ["x[1:3, ::2, 1::, :5:]", "(index x (slice 1 3 _) (slice _ _ 2) (slice 1 _ _) (slice _ 5 _))"],
    ["softmax(dim: -1)", "(call softmax dim:(- 1))"],
    ["mnist(train: 8000, test: 2000)", "(call mnist train:8000 test:2000)"],
    ["data.input", "(. data input)"],
    ["repeat(n, Block(d, heads: 4))", "(repeat n (call Block d heads:4))"],
    ["repeat(2, Linear(8) -> ReLU)", "(repeat 2 (-> (call Linear 8) ReLU))"],
    ["[a, b, ]", "[a b]"],
    ["[]", "[]"],
    ["(h -> LayerNorm) + 1", "(+ (paren (-> h LayerNorm)) 1)"],
    ["Dropout(p)(a)", "(call (call Dropout p) a)"],
    ["a == b != c", "(!= (== a b) c)"],
    ["true", "true"],
    ['"s"', '"s"'],
    ["f(a, b,)", "(call f a b)"],
  ];
  for (const [src, want] of table) {
    it(src, () => expect(exprOf(src)).toBe(want));
  }

  it("continues a pipe on the next line after ->, and starts a new statement at `name =`", () => {
    const p = parseClean("model M {\n  input x: f32[b, 4]\n  h = x\n    -> Linear(4)\n    -> ReLU\n  y2 = h output y = y2\n}\n");
    const m = p.decls[0];
    if (m.kind !== "Layer") throw new Error("layer");
    expect(m.body.map((s) => s.kind + " " + s.name.name)).toEqual(["Input x", "Bind h", "Bind y2", "Output y"]);
  });
});

describe("declarations", () => {
  it("reads every declaration form", () => {
    const p = parseClean(
      [
        'import "blocks.dlnet";',
        "layer L(d: int = 4, p: float, causal,) {",
        "  input x: f32[B, d]; param w: f32[d, 4 * d] = normal(0.02), param s: f32[] ",
        "  output y: f32[B, d] = x @ w",
        "}",
        "op f(a, b) = a * b { grad a = dy * b; grad b = dy * a }",
        "op g(x) = x",
        "train L { feed x = data.x, lr = 0.1; }",
      ].join("\n"),
    );
    expect(p.imports.map((i) => i.path)).toEqual(["blocks.dlnet"]);
    const [l, f, g, t] = p.decls;
    if (l.kind !== "Layer" || f.kind !== "Op" || g.kind !== "Op" || t.kind !== "Train") throw new Error("kinds");
    expect(l.isModel).toBe(false);
    expect(l.hparams.map((h) => [h.name.name, h.type?.name, h.default ? sx(h.default) : undefined])).toEqual([
      ["d", "int", "4"],
      ["p", "float", undefined],
      ["causal", undefined, undefined],
    ]);
    expect(l.body.map((s) => s.kind)).toEqual(["Input", "Param", "Param", "Output"]);
    const [, w, s, y] = l.body;
    expect(w.kind === "Param" && [w.type.dims.map(sx), w.init && sx(w.init)]).toEqual([["d", "(* 4 d)"], "(call normal 0.02)"]);
    expect(s.kind === "Param" && [s.type.dtype.name, s.type.dims.length, s.init]).toEqual(["f32", 0, undefined]);
    expect(y.kind === "Output" && y.type?.dims.map(sx)).toEqual(["B", "d"]);
    expect([f.params.map((x) => x.name), sx(f.body), f.grads.map((r) => `${r.param.name}=${sx(r.value)}`)]).toEqual([
      ["a", "b"],
      "(* a b)",
      ["a=(* dy b)", "b=(* dy a)"],
    ]);
    expect(g.grads).toEqual([]);
    expect(t.settings.map((x) => [x.key.name, x.target?.name, sx(x.value)])).toEqual([
      ["feed", "x", "(. data x)"],
      ["lr", undefined, "0.1"],
    ]);
  });

  it("reads CRLF files like LF files", () => {
    const lf = "// header\nmodel M {\n  input x: f32[b, 4]\n  output y = x\n    -> Linear(2)\n}\n";
    const crlf = new SourceFile("t.dlnet", lf.replace(/\n/g, "\r\n"));
    const r = parse(crlf);
    expect(r.diagnostics).toEqual([]);
    const m = r.program.decls[0];
    if (m.kind !== "Layer" || m.body[1].kind !== "Output") throw new Error("shape");
    expect(crlf.position(m.body[1].value.span.end)).toEqual({ line: 5, column: 17 });
    expect(r.comments.map((c) => c.text)).toEqual(["// header"]);
  });

  it("records spans as offsets of the source", () => {
    const text = "model M {\n  output y = f(x, k: 2)\n}\n";
    const p = parseClean(text);
    const m = p.decls[0];
    if (m.kind !== "Layer" || m.body[0].kind !== "Output") throw new Error("shape");
    const v = m.body[0].value;
    expect(text.slice(m.span.start, m.span.end)).toBe(text.trimEnd());
    expect(text.slice(m.name.span.start, m.name.span.end)).toBe("M");
    expect(text.slice(v.span.start, v.span.end)).toBe("f(x, k: 2)");
    if (v.kind !== "Call") throw new Error("call");
    expect(text.slice(v.argsSpan.start, v.argsSpan.end)).toBe("(x, k: 2)");
    expect(text.slice(v.args[1].span.start, v.args[1].span.end)).toBe("k: 2");
  });
});
