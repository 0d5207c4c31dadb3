// The TextMate grammar is generated from grammar/tokens.ts: the checked-in
// JSON must be what the generator writes, every keyword and operator must be
// coloured, TextMate and the Chevrotain lexer must agree on every token of
// the examples, and the colouring of each file is a golden baseline.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DlnetLexer, KEYWORDS, OPERATORS, tokenCategory, type TokenCategory } from "../../grammar/tokens";
import { GRAMMAR_PATH, renderTextMateGrammar } from "../../grammar/textmate";
import { DATA, FUNCTIONS, LAYERS, OPTIMIZER_DEFS, SCHEDULE_DEFS } from "../../src/compiler/layers/index";
import { renderTokens, tokenizeText, type TmToken } from "./textmate-tokenize";

const root = fileURLToPath(new URL("../../", import.meta.url));
const baselines = join(root, "test/baselines");

function corpus(): { name: string; text: string; fixture: boolean }[] {
  const files: { name: string; text: string; fixture: boolean }[] = [];
  const fixtures = join(root, "test/grammar/fixtures");
  for (const f of readdirSync(fixtures).sort())
    if (f.endsWith(".dlnet")) files.push({ name: f, text: readFileSync(join(fixtures, f), "utf8"), fixture: true });
  const examples = join(root, "examples");
  if (existsSync(examples))
    for (const f of readdirSync(examples).sort())
      if (f.endsWith(".dlnet")) files.push({ name: f, text: readFileSync(join(examples, f), "utf8"), fixture: false });
  return files;
}

function tokenAt(tokens: TmToken[], offset: number): TmToken | undefined {
  return tokens.find((t) => t.start <= offset && offset < t.end);
}

/** The TextMate scope prefixes a Chevrotain token category may be coloured with. */
const COMPATIBLE: Record<TokenCategory, RegExp> = {
  keyword: /^(keyword|storage|constant\.language)\./,
  identifier: /^(variable|entity\.name|support\.(class|function)|storage\.type\.(dtype|primitive))\./,
  number: /^(constant\.numeric|invalid\.illegal\.numeric)\./,
  string: /^string\./,
  operator: /^keyword\.operator\./,
  punctuation: /^(punctuation|keyword\.operator\.ellipsis)\./,
  comment: /^(comment|punctuation\.definition\.comment)\./,
};

describe("TextMate grammar", () => {
  it("is up to date with grammar/tokens.ts and the registry (else: node bin/run-ts.js grammar/textmate.ts)", () => {
    expect(readFileSync(GRAMMAR_PATH, "utf8") === renderTextMateGrammar(), "grammar/dlnet.tmLanguage.json is stale: run node bin/run-ts.js grammar/textmate.ts").toBe(true);
  });

  it("colours every built-in of the registry as a built-in", async () => {
    const names = [...LAYERS.keys(), ...FUNCTIONS.keys(), ...OPTIMIZER_DEFS.keys(), ...DATA.keys(), ...SCHEDULE_DEFS.keys()];
    expect(names.length).toBeGreaterThan(40);
    for (const n of names) {
      const toks = await tokenizeText(`x -> ${n}(1)`);
      expect(toks.find((t) => t.text === n)?.scopes.at(-1), n).toMatch(/^support\./);
    }
    // A user layer whose name extends a built-in's is not a built-in.
    const user = await tokenizeText("x -> LinearBlock(1)");
    expect(user.find((t) => t.text === "LinearBlock")?.scopes.at(-1)).toBe("entity.name.type.layer.dlnet");
  });

  it("colours every keyword of tokens.ts as a keyword", async () => {
    for (const k of KEYWORDS) {
      const toks = await tokenizeText(`${k}`);
      const inner = toks[0].scopes.at(-1)!;
      expect(inner, k).toMatch(COMPATIBLE.keyword);
      // A keyword prefix of a longer name stays a name, as in the lexer.
      const longer = await tokenizeText(`${k}s`);
      expect(longer.length, `${k}s`).toBe(1);
      expect(longer[0].scopes.at(-1), `${k}s`).not.toMatch(COMPATIBLE.keyword);
    }
  });

  it("colours every operator of tokens.ts as one token", async () => {
    for (const o of OPERATORS) {
      const toks = await tokenizeText(`a ${o} b`);
      const t = toks.find((x) => x.text === o);
      expect(t, `operator ${o}`).toBeDefined();
      expect(t!.scopes.at(-1)).toMatch(/^(keyword\.operator|punctuation)\./);
    }
  });

  it("agrees with the Chevrotain lexer on every token of the corpus", async () => {
    for (const { name, text } of corpus()) {
      const tm = await tokenizeText(text);
      const lexed = DlnetLexer.tokenize(text);
      const all = [...lexed.tokens, ...(lexed.groups.comments ?? [])];
      expect(all.length).toBeGreaterThan(0);
      for (const t of all) {
        const category = tokenCategory(t.tokenType)!;
        const at = tokenAt(tm, t.startOffset);
        const where = `${name}@${t.startOffset} ${JSON.stringify(t.image)} (${category})`;
        expect(at, where).toBeDefined();
        // The TextMate token must not run past the lexer token's end (except
        // for comments, whose begin/end pieces are separate tokens).
        if (category !== "comment") {
          expect(at!.start, where).toBe(t.startOffset);
          expect(at!.end, where).toBe(t.startOffset + t.image.length);
        }
        // A keyword used as a keyword argument's name (`train: 8000`) is coloured as a parameter.
        const next = all.find((x) => x.startOffset >= t.startOffset + t.image.length && x.tokenType.name !== "LineComment" && x.tokenType.name !== "BlockComment");
        const asArgName = category === "keyword" && next?.image === ":" && at!.scopes.at(-1) === "variable.parameter.dlnet";
        if (!asArgName) expect(at!.scopes.at(-1), where).toMatch(COMPATIBLE[category]);
      }
    }
  });

  // Golden colourings of the grammar's own fixtures (the examples change with
  // the language; they are covered by the lexer-agreement test above).
  it("matches the golden colouring of each fixture", async () => {
    mkdirSync(baselines, { recursive: true });
    for (const { name, text } of corpus().filter((c) => c.fixture)) {
      const actual = renderTokens(await tokenizeText(text));
      const file = join(baselines, `${basename(name, ".dlnet")}.tmtokens`);
      if (process.env.UPDATE_BASELINES === "1" || (!existsSync(file) && !process.env.CI)) writeFileSync(file, actual);
      expect(actual, file).toBe(readFileSync(file, "utf8"));
    }
  });

  it("has a language configuration whose comments and brackets are the lexer's", () => {
    const config = JSON.parse(readFileSync(join(root, "grammar/language-configuration.json"), "utf8"));
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    expect(DlnetLexer.tokenize("// x").groups.comments?.length).toBe(1);
    expect(DlnetLexer.tokenize("/* x */").groups.comments?.length).toBe(1);
    const pairs = [["{", "}"], ["[", "]"], ["(", ")"]];
    for (const [open, close] of pairs) {
      expect(OPERATORS).toContain(open);
      expect(OPERATORS).toContain(close);
      expect(config.brackets).toContainEqual([open, close]);
      expect(config.autoClosingPairs).toContainEqual({ open, close });
    }
    // Its word pattern matches exactly what the lexer reads as one name or number.
    const word = new RegExp(`^(?:${config.wordPattern})$`);
    for (const w of ["x", "Linear", "_a1", "128", "0.5", "1e-3"]) expect(word.test(w), w).toBe(true);
    for (const w of ["a-b", "x.y"]) expect(word.test(w), w).toBe(false);
  });
});
