// The tree-sitter grammar (editors/tree-sitter-dlnet) against the compiler's
// own front end: its token set and precedences are those of grammar/tokens.ts;
// it generates without conflicts (tree-sitter 0.13's generator, see
// tree-sitter/index.ts for why that one); on every example and fixture, and
// on seeded line edits of them, it accepts exactly the files the Chevrotain
// parser accepts, with the same tokens; and the highlight queries name only
// nodes and tokens the grammar has, colour every keyword and operator, and,
// run on the examples' trees, give each token the lexer's class.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_PRECEDENCE, BINARY_PRECEDENCE, DTYPES, KEYWORDS, OPERATORS, VALID_NUMBER, VALID_STRING, type TokenCategory } from "../../grammar/tokens";
import { hasErrors } from "../../src/compiler/diagnostics";
import { SourceFile } from "../../src/compiler/source";
import { parse, tokenize } from "../../src/compiler/syntax/index";
import { editLines, examples, fixtures, rng, type Case } from "../format/corpus";
import { buildParser, GRAMMAR_DIR, grammarJson, walk, type GrammarJson, type TsNode } from "./tree-sitter/index";
import { captures, parseQuery } from "./tree-sitter/query";

const work = mkdtempSync(join(tmpdir(), "dlnet-tree-sitter-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let parseFiles: (files: string[]) => TsNode[];
beforeAll(() => {
  // Builds the 0.13 generator once per machine (cached), then the parser.
  parseFiles = buildParser(join(work, "build"));
}, 900_000);

/** Parse texts with the tree-sitter parser. */
function tsParse(cases: Case[]): TsNode[] {
  const files = cases.map((c, i) => {
    const f = join(work, `${i}.dlnet`);
    writeFileSync(f, c.text);
    return f;
  });
  return parseFiles(files);
}

const hasError = (t: TsNode) => [...walk(t)].some((n) => n.type === "ERROR" || n.missing);
const chevrotainAccepts = (text: string) => !hasErrors(parse(new SourceFile("x.dlnet", text)).diagnostics);

/** Every value of a rule tree, with the rule kinds on the way down. */
function* strings(rule: unknown, inToken = false): Generator<{ value: string; inToken: boolean }> {
  const r = rule as { type: string; value?: unknown; members?: unknown[]; content?: unknown };
  if (r.type === "STRING") yield { value: r.value as string, inToken };
  for (const m of r.members ?? []) yield* strings(m, inToken || r.type === "TOKEN");
  if (r.content) yield* strings(r.content, inToken || r.type === "TOKEN");
}

function anonymousTokens(g: GrammarJson): Set<string> {
  const out = new Set<string>();
  for (const rule of Object.values(g.rules)) for (const s of strings(rule)) if (!s.inToken) out.add(s.value);
  return out;
}

/** The node types a query may name: rules not hidden, named aliases, ERROR. */
function namedNodes(g: GrammarJson): Set<string> {
  const out = new Set(Object.keys(g.rules).filter((r) => !r.startsWith("_")));
  const visit = (rule: unknown) => {
    const r = rule as { type: string; named?: boolean; value?: string; members?: unknown[]; content?: unknown };
    if (r.type === "ALIAS" && r.named) out.add(r.value!);
    for (const m of r.members ?? []) visit(m);
    if (r.content) visit(r.content);
  };
  Object.values(g.rules).forEach(visit);
  out.add("ERROR");
  return out;
}

describe("tree-sitter-dlnet", () => {
  const g = grammarJson();

  it("has the compiler's keywords and operators as its tokens, and its number and string forms", () => {
    const expected = new Set([...KEYWORDS, ...OPERATORS]);
    expect([...anonymousTokens(g)].sort()).toEqual([...expected].sort());
    // Its number and string patterns accept what the lexer calls valid, on a spread of candidates.
    const pattern = (name: string) => new RegExp(`^(?:${(g.rules[name] as unknown as { value: string }).value})$`);
    const numbers = ["0", "128", "0.5", ".5", "1e-3", "2E+4", "1e", "1.", "1..2", "3x", "1e+", "00.00", ".e1", "1.5e10", "-1", "+2"];
    for (const n of numbers) expect(pattern("number").test(n), n).toBe(VALID_NUMBER.test(n));
    const texts = ['""', '"a"', '"a\\"b"', '"\\\\"', '"a\nb"', '"unterminated', '"\\n\\t"', '"x\\"', "'a'", '"é…"'];
    for (const s of texts) expect(pattern("string").test(s), s).toBe(VALID_STRING.test(s));
  });

  it("groups operators as the compiler does (grammar/tokens.ts precedences)", () => {
    const precOf = new Map<string, number>();
    const visit = (rule: unknown, prec?: number) => {
      const r = rule as { type: string; value?: unknown; members?: unknown[]; content?: unknown };
      if (r.type.startsWith("PREC")) return visit(r.content, r.value as number);
      if (r.type === "SEQ" && prec !== undefined) {
        const [, op] = r.members as { type: string; value?: string; members?: { value: string }[] }[];
        const ops = op.type === "STRING" ? [op.value!] : op.type === "CHOICE" ? op.members!.map((m) => m.value) : [];
        for (const o of ops) precOf.set(o, prec);
      }
      for (const m of r.members ?? []) visit(m, prec);
      if (r.content) visit(r.content, prec);
    };
    for (const name of ["pipe", "as_expression", "binary_expression"]) visit(g.rules[name]);
    expect(Object.fromEntries(precOf)).toEqual({ ...BINARY_PRECEDENCE, as: AS_PRECEDENCE });
    // Signs bind tighter than every binary operator, ** tighter than signs.
    const top = (name: string) => (g.rules[name] as unknown as { value: number }).value;
    expect(top("unary_expression")).toBeGreaterThan(Math.max(...Object.values(BINARY_PRECEDENCE)));
    expect(top("power_expression")).toBeGreaterThan(top("unary_expression"));
  });

  it("parses every example and fixture with no error node, with the lexer's tokens", () => {
    const cases = [...examples(), ...fixtures()];
    expect(cases.length).toBeGreaterThan(10);
    const trees = tsParse(cases);
    cases.forEach((c, i) => {
      expect(hasError(trees[i]), c.name).toBe(false);
      // The leaves (comments aside) are the lexer's tokens, at the same places.
      const bytes = Buffer.from(c.text, "utf8");
      const at = (byte: number) => bytes.subarray(0, byte).toString("utf8").length;
      const leaves = [...walk(trees[i])].filter((n) => n.children.length === 0).map((n) => `${at(n.start)}:${c.text.slice(at(n.start), at(n.end))}`);
      const tokens = tokenize(new SourceFile(c.name, c.text)).map((t) => `${t.span.start}:${t.text}`);
      expect(leaves, c.name).toEqual(tokens);
    });
  });

  it("accepts exactly the files the compiler's parser accepts, on seeded line edits of the examples", () => {
    const random = rng(20261206);
    const cases: Case[] = [];
    for (const c of [...examples(), ...fixtures()])
      for (let k = 0; k < 12; k++) cases.push({ name: `${c.name}#${k}`, text: editLines(editLines(c.text, random), random) });
    const trees = tsParse(cases);
    let accepted = 0;
    let keywordAsName = 0;
    const disagree = cases.filter((c, i) => {
      const ok = chevrotainAccepts(c.text);
      if (ok) accepted++;
      if (ok !== hasError(trees[i])) return false;
      if (ok) return true;
      // The one difference: tree-sitter reads a keyword as a name where only a name can
      // stand (its keywords are contextual), so `output y = …` in a train block is a setting
      // there, where the compiler says DL1004 "found 'output'". Allowed when that is the
      // compiler's first error and tree-sitter has a name at that place.
      const first = parse(new SourceFile("x.dlnet", c.text)).diagnostics[0];
      const word = c.text.slice(first.span.start, first.span.end);
      const byte = Buffer.byteLength(c.text.slice(0, first.span.start), "utf8");
      const leaf = [...walk(trees[i])].find((n) => n.start === byte && n.children.length === 0);
      if (first.code === "DL1004" && (KEYWORDS as readonly string[]).includes(word) && leaf?.named) {
        keywordAsName++;
        return false;
      }
      return true;
    });
    expect(keywordAsName).toBeLessThan(cases.length / 20);
    // Both kinds are well represented.
    expect(accepted).toBeGreaterThan(cases.length / 5);
    expect(cases.length - accepted).toBeGreaterThan(cases.length / 5);
    const why = (c: Case) => parse(new SourceFile("x.dlnet", c.text)).diagnostics.map((d) => `${d.code} ${d.message} @${d.span.start}: ${JSON.stringify(c.text.slice(d.span.start - 40, d.span.end + 10))}`).join("; ");
    expect(disagree.map((c) => `${c.name}: chevrotain ${chevrotainAccepts(c.text) ? "accepts" : "rejects"}: ${why(c)}`)).toEqual([]);
  });

  it("has highlight queries that name only its nodes and tokens, and colour every keyword and operator", () => {
    const scm = readFileSync(join(GRAMMAR_DIR, "queries/highlights.scm"), "utf8").replace(/("(?:[^"\\]|\\.)*")|;[^\n]*/g, (_, quoted) => quoted ?? "");
    const nodes = [...scm.matchAll(/\(\s*([A-Za-z_][\w]*)/g)].map((m) => m[1]);
    const literals = [...scm.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
    const predicates = [...scm.matchAll(/\(#([\w-]+[?!]?)/g)].map((m) => m[1]);
    const captures = [...new Set([...scm.matchAll(/@([\w.]+)/g)].map((m) => m[1]))];
    const known = namedNodes(g);
    for (const n of nodes) expect(known.has(n), `(${n}) is not a node of the grammar`).toBe(true);
    const tokens = anonymousTokens(g);
    const regexes = literals.filter((l) => l.startsWith("^"));
    for (const l of literals.filter((x) => !x.startsWith("^"))) expect(tokens.has(l), `"${l}" is not a token of the grammar`).toBe(true);
    expect(regexes.length).toBeGreaterThan(0);
    expect(new Set(predicates)).toEqual(new Set(["match?", "not-match?"]));
    // The tree-sitter CLI's standard highlight names (what `tree-sitter highlight` and Neovim colour).
    const STANDARD = ["comment", "constant.builtin", "constructor", "function", "keyword", "number", "operator", "property", "punctuation.bracket", "punctuation.delimiter", "punctuation.special", "string", "type", "type.builtin", "variable", "variable.parameter"];
    for (const c of captures) expect(STANDARD, c).toContain(c);
    // Coverage: every keyword and operator coloured; "..." as the ellipsis node.
    const quoted = new Set(literals);
    for (const k of [...KEYWORDS.filter((k) => k !== "true" && k !== "false"), ...OPERATORS.filter((o) => o !== "...")])
      expect(quoted.has(k), `${k} is not coloured`).toBe(true);
    for (const n of ["comment", "string", "number", "boolean", "ellipsis", "dtype", "type_identifier"]) expect(nodes, n).toContain(n);
  });

  it("colours each token of the examples as the lexer classifies it, one capture per node", () => {
    const query = parseQuery(readFileSync(join(GRAMMAR_DIR, "queries/highlights.scm"), "utf8"));
    const CLASS: Record<string, TokenCategory> = {
      keyword: "keyword",
      "constant.builtin": "keyword", // true, false
      number: "number",
      string: "string",
      comment: "comment",
      operator: "operator",
      "punctuation.bracket": "punctuation",
      "punctuation.delimiter": "punctuation",
      "punctuation.special": "punctuation",
    };
    const cases = [...examples(), ...fixtures()];
    const trees = tsParse(cases);
    const seen = new Set<string>();
    cases.forEach((c, i) => {
      const bytes = Buffer.from(c.text, "utf8");
      const textOf = (n: TsNode) => bytes.subarray(n.start, n.end).toString("utf8");
      const caps = captures(query, trees[i], textOf);
      for (const [n, names] of caps) expect(new Set(names).size, `${c.name}: ${names.join(", ")} on '${textOf(n)}'`).toBe(1);
      // Each leaf's colour: the capture of the innermost captured node around it.
      // A keyword where only a name stands (`mnist(train: 8000)`, `data.input`) is a name, as the parser reads it.
      const colour = new Map<number, string>();
      const asName = new Set<number>();
      const visit = (n: TsNode, inherited: string | undefined, inName: boolean) => {
        const here = caps.get(n)?.[0] ?? inherited;
        const name = inName || n.type === "argument_name" || n.type === "property_identifier";
        if (n.children.length === 0) colour.set(n.start, here ?? "");
        if (n.children.length === 0 && name) asName.add(n.start);
        n.children.forEach((ch) => visit(ch, here, name));
      };
      visit(trees[i], undefined, false);
      for (const t of tokenize(new SourceFile(c.name, c.text))) {
        const cap = colour.get(Buffer.byteLength(c.text.slice(0, t.span.start), "utf8")) ?? "";
        const byte = Buffer.byteLength(c.text.slice(0, t.span.start), "utf8");
        const lexer = asName.has(byte) ? "identifier" : t.category;
        const where = `${c.name}: '${t.text}' (${lexer}) @${t.span.start} coloured '${cap}'`;
        const cls = Object.hasOwn(CLASS, cap) ? CLASS[cap] : undefined;
        if (lexer === "identifier") expect(cls, where).toBeUndefined();
        else expect(cls, where).toBe(lexer);
        if (cap === "type.builtin") expect(DTYPES as readonly string[], where).toContain(t.text);
        seen.add(cap);
      }
    });
    // The identifier roles all show up in the examples.
    for (const c of ["type", "type.builtin", "constructor", "function", "variable", "variable.parameter", "property"]) expect([...seen], c).toContain(c);
  });
});
