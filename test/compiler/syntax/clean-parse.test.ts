// The parser's fast path (src/compiler/syntax/clean-parse.ts) against the
// Chevrotain parser, the grammar of record: on every input the fast path
// gives an AST exactly when Chevrotain finds no syntax error, and then the
// very same AST (same nodes, spans and key order). Inputs: the examples, 2000
// mutations of them (mostly broken, some still clean) and 1000 programs
// generated from the grammar (all clean: Chevrotain must agree) with
// mutations and single-token edits of those (near misses). The fast path's
// scanner (scan.ts) against Chevrotain's lexer on the same inputs, on tricky
// tokens and on character soup: a token run exactly when the lexer reports
// nothing, and then the very same tokens and comments.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../../src/compiler/source";
import { tokenize } from "../../../src/compiler/syntax";
import { parseClean } from "../../../src/compiler/syntax/clean-parse";
import { lex } from "../../../src/compiler/syntax/lex";
import { checkNesting, parseWithChevrotain } from "../../../src/compiler/syntax/parser";
import { runOf, scan, TOKEN_TYPES } from "../../../src/compiler/syntax/scan";
import { mulberry32 } from "../../../src/runtime/data/prng";
import { ROOT } from "./baseline";
import { mutate } from "./mutate";

/** Compares the scanner with Chevrotain's lexer on `text` (lexed: `lexed`). */
function scansAlike(text: string, label: string, lexed = lex(new SourceFile("t.dlnet", text))): void {
  const scanned = scan(text);
  const clean = !lexed.binary && lexed.diagnostics.length === 0;
  // Made only for a failure's message: most inputs are compared thousands of times.
  const shown = () => `${label}\n--- input ---\n${JSON.stringify(text)}`;
  if ((scanned !== undefined) !== clean) expect.fail(`${shown()}\nscanned: ${scanned !== undefined}, lexer: ${lexed.diagnostics.map((d) => d.message).join("; ") || "clean"}`);
  if (!scanned) return;
  const { run } = scanned;
  const ref = runOf(lexed.tokens, text);
  let same = run.count === ref.count && scanned.comments.length === lexed.comments.length;
  for (let i = 0; same && i < run.count; i++) same = run.types[i] === ref.types[i] && run.starts[i] === ref.starts[i] && run.ends[i] === ref.ends[i];
  for (let i = 0; same && i < scanned.comments.length; i++) {
    const [a, b] = [scanned.comments[i], lexed.comments[i]];
    same = a.text === b.text && a.span.start === b.span.start && a.span.end === b.span.end;
  }
  if (!same) {
    const show = (r: typeof run) => Array.from({ length: r.count }, (_, i) => `${TOKEN_TYPES[r.types[i]].name} ${r.starts[i]}-${r.ends[i]}`);
    expect(show(run), shown()).toEqual(show(ref));
    expect(scanned.comments, shown()).toEqual(lexed.comments);
  }
}

/** Compares both parsers on `text`; returns whether it was clean. */
function agree(text: string, label: string): boolean | undefined {
  const file = new SourceFile("t.dlnet", text);
  const lexed = lex(file);
  scansAlike(text, label, lexed);
  // Lexical errors and too deep nesting never reach either parser.
  if (lexed.binary || lexed.diagnostics.length > 0 || checkNesting(file, lexed.tokens)) return undefined;
  const reference = parseWithChevrotain(file, lexed, lexed.tokens);
  const fast = parseClean(runOf(lexed.tokens, text), file.path, text.length);
  const clean = reference.diagnostics.length === 0;
  if (clean !== (fast !== undefined)) {
    const why = clean ? "the fast path gave up on a clean input" : `the fast path accepted an input with ${reference.diagnostics[0].message}`;
    throw new Error(`${label}: ${why}\n--- input ---\n${text}`);
  }
  // JSON keeps key order: the ASTs must be the same objects, field for field.
  if (fast) expect(JSON.stringify(fast), `${label}\n--- input ---\n${text}`).toBe(JSON.stringify(reference.program));
  return clean;
}

/** Random programs of the whole grammar (every rule, separators, trailing commas, keyword names). */
function generate(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const names = ["x", "h", "d", "batch", "Linear", "f32", "y_1", "_t"];
  const anyName = [...names, "input", "train", "as", "repeat", "true", "model", "grad", "if", "in", "and"];
  const ops = ["->", "+", "-", "*", "/", "%", "@", "==", "!=", "<", "<=", ">", ">=", "and", "or"];
  const sep = () => pick(["", "", "", ";", ","]);
  const list = (n: number, item: () => string, trailing = true) => {
    const items = Array.from({ length: n }, item);
    return items.join(pick([", ", ",", " ,\n "])) + (trailing && n > 0 && chance(0.2) ? "," : "");
  };
  const expr = (depth: number): string => {
    const operand = () => {
      const signs = chance(0.15) ? pick(["-", "+", "- -", "-+"]) : "";
      let e = postfix(depth);
      while (chance(0.1)) e += ` ** ${chance(0.3) ? "-" : ""}${postfix(depth)}`;
      return signs + e;
    };
    let e = operand();
    while (depth > 0 && chance(0.35)) e += chance(0.15) ? ` as ${pick(names)}` : ` ${pick(ops)}${pick([" ", "\n    "])}${operand()}`;
    return e;
  };
  const primary = (depth: number): string => {
    const leaf = () =>
      pick([
        pick(names),
        String(Math.floor(rand() * 100)),
        pick(["0.5", ".25", "1e-3", "2E+4", "3.0e2"]),
        pick(['"a"', '"data/x.csv"', '"esc\\"aped\\n"', '""']),
        pick(["true", "false"]),
      ]);
    if (depth <= 0) return leaf();
    const ifExpr = (): string =>
      `if ${expr(depth - 1)} { ${expr(depth - 1)} } else ${chance(0.3) ? ifExpr() : `{ ${expr(depth - 1)} }`}`;
    switch (Math.floor(rand() * 7)) {
      case 0:
        return `[${list(Math.floor(rand() * 4), () => expr(depth - 1))}]`;
      case 1:
        return `(${expr(depth - 1)})`;
      case 2:
        return `repeat(${chance(0.3) ? `${pick(names)} in ` : ""}${expr(depth - 1)}, ${expr(depth - 1)}${chance(0.3) ? "," : ""})`;
      case 3:
        return ifExpr();
      default:
        return leaf();
    }
  };
  const indexItem = (depth: number): string => {
    const e = () => expr(depth - 1);
    return pick([
      () => "...",
      e,
      () => `${chance(0.5) ? e() : ""}:${chance(0.5) ? e() : ""}`,
      () => `${chance(0.5) ? e() : ""}:${chance(0.5) ? e() : ""}:${chance(0.5) ? e() : ""}`,
    ])();
  };
  const postfix = (depth: number): string => {
    let e = primary(depth);
    while (depth > 0 && chance(0.3)) {
      e += pick([
        () => `(${list(Math.floor(rand() * 3), () => (chance(0.4) ? `${pick(anyName)}: ` : "") + expr(depth - 1))})`,
        () => `.${pick(anyName)}`,
        () => `[${list(1 + Math.floor(rand() * 3), () => indexItem(depth))}]`,
      ])();
    }
    return e;
  };
  const type = () => `${pick(["f32", "i32", "bool"])}[${list(Math.floor(rand() * 4), () => expr(1))}]`;
  const stmt = () =>
    pick([
      () => `input ${pick(names)}: ${type()}`,
      () => `param ${pick(names)}: ${type()}${chance(0.5) ? ` = ${expr(2)}` : ""}`,
      () => `output ${pick(names)}${chance(0.5) ? `: ${type()}` : ""} = ${expr(3)}`,
      () => `${pick(names)} = ${expr(3)}`,
    ])();
  const decl = () =>
    pick([
      () => `import ${pick(['"lib.dlnet"', '"a/b.dlnet"'])}`,
      () => {
        const hp = chance(0.6)
          ? `(${list(Math.floor(rand() * 3), () => pick(names) + (chance(0.5) ? `: ${pick(["int", "float"])}` : "") + (chance(0.5) ? ` = ${expr(1)}` : ""))})`
          : "";
        const body = Array.from({ length: Math.floor(rand() * 5) }, () => `  ${stmt()}${sep()}`).join("\n");
        return `${pick(["layer", "model"])} ${pick(names)}${hp} {\n${body}\n}`;
      },
      () => {
        const params = list(Math.floor(rand() * 3), () => pick(names));
        const grads = chance(0.5)
          ? ` {\n${Array.from({ length: Math.floor(rand() * 3) }, () => `  grad ${pick(names)} = ${expr(2)}${sep()}`).join("\n")}\n}`
          : "";
        return `op ${pick(names)}(${params}) = ${expr(3)}${grads}`;
      },
      () => {
        const body = Array.from({ length: Math.floor(rand() * 4) }, () => `  ${pick(names)}${chance(0.3) ? " " + pick(names) : ""} = ${expr(2)}${sep()}`).join("\n");
        return `train ${pick(names)} {\n${body}\n}`;
      },
    ])();
  return Array.from({ length: 1 + Math.floor(rand() * 4) }, () => decl() + (chance(0.1) ? ";" : "")).join("\n\n") + "\n";
}

/** Tokens to insert for a near miss. */
const NEAR_MISS = ["(", ")", "[", "]", "{", "}", ",", ";", ":", "=", ".", "...", "->", "**", "-", "as", "x", "1", "input", "grad", "repeat", "true", "if", "else", "in", "and"];

describe("scanner = Chevrotain's lexer", () => {
  it("on tricky tokens", () => {
    const cases = [
      "1e", "1e+", "1e-3", "2E+4", "3x", "1else", "0x10", "1_000", ".5", ".5.5", "1.e5", "1.5.3", "1.", "5..", "...", "..", "a..b", "x.0",
      "/* open", "/**/", "/*/", "/* a */ b", "/* * / */", "// c\r\nx", "//", "/", "a/b", "a//b", "\"open", "\"a\\\"b\"", "\"a\\\nb\"",
      "\"tab\\\t\"", "\"é\"", "\"\\\"", "x\u00a0y", "\ufeffmodel M {}", "é", "a\u0000b", "\"\u0000\"", "!", "!=", "->-", "***", "<==>",
      "inputs", "in", "import_", "iff", "if", "_", "A9", "x\ty\vz\fw", "\r\n", "", "$", "#", "a\\b", "-->", "=>", "@@", "%%",
    ];
    for (const [i, text] of cases.entries()) scansAlike(text, `case ${i}`);
  });

  it("on 3000 strings of character soup", () => {
    const alphabet = ["a", "Z", "_", "0", "7", ".", "e", "E", "+", "-", "*", "/", "\"", "\\", "\n", "\r", " ", "\t", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ":", ",", ";", "@", "%", "in", "as", "é", "\u00a0", "\u0000", "x1"];
    const rand = mulberry32(2026);
    for (let i = 0; i < 3000; i++) {
      let text = "";
      const n = Math.floor(rand() * 24);
      for (let k = 0; k < n; k++) text += alphabet[Math.floor(rand() * alphabet.length)];
      scansAlike(text, `soup ${i}`);
    }
  });
});

describe("fast path = Chevrotain", () => {
  const sources = readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".dlnet"))
    .sort()
    .map((f) => readFileSync(join(ROOT, "examples", f), "utf8"));

  it("on the examples", () => {
    for (const [i, text] of sources.entries()) expect(agree(text, `example ${i}`)).toBe(true);
  });

  it("on 2000 mutated examples", () => {
    const tokens = sources.map((s) => tokenize(new SourceFile("m.dlnet", s)));
    const rand = mulberry32(20261206);
    const seen = { clean: 0, broken: 0 };
    for (let i = 0; i < 2000; i++) {
      const k = i % sources.length;
      const r = agree(mutate(sources[k], tokens[k], rand), `mutation ${i}`);
      if (r !== undefined) seen[r ? "clean" : "broken"]++;
    }
    // both sides of the boundary are really exercised
    expect(seen.clean).toBeGreaterThan(130);
    expect(seen.broken).toBeGreaterThan(700);
  }, 120_000);

  it("on 1000 generated programs and their mutations", () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 1000; i++) {
      const text = generate(rand);
      expect(agree(text, `program ${i}`), `generated program ${i} has a syntax error:\n${text}`).toBe(true);
      const tokens = tokenize(new SourceFile("g.dlnet", text));
      agree(mutate(text, tokens, rand), `mutation of program ${i}`);
      // near misses: one token deleted, or one inserted before another
      for (let k = 0; k < 2; k++) {
        const t = tokens[Math.floor(rand() * tokens.length)];
        const edited =
          rand() < 0.5
            ? text.slice(0, t.span.start) + text.slice(t.span.end)
            : text.slice(0, t.span.start) + NEAR_MISS[Math.floor(rand() * NEAR_MISS.length)] + " " + text.slice(t.span.start);
        agree(edited, `token edit ${k} of program ${i}`);
      }
    }
  }, 120_000);
});
