// Generates grammar/dlnet.tmLanguage.json from the token set in tokens.ts, so
// the editor's colouring cannot drift from the lexer: keywords, operators,
// dtypes and the literal/comment/identifier patterns all come from there; the
// built-in layer, function and train-vocabulary names come from the registry
// (src/compiler/layers), so a new built-in is coloured once this is re-run.
// A scope table below is keyed by keyword and operator; a token without a
// scope makes generation fail (and test/grammar/textmate.test.ts fails).
//
//   node bin/run-ts.js grammar/textmate.ts          # rewrite the JSON
//   node bin/run-ts.js grammar/textmate.ts --check  # exit 1 if out of date

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  BlockComment,
  DTYPES,
  Identifier,
  KEYWORDS,
  LineComment,
  NumberLiteral,
  OPERATORS,
  StringLiteral,
  VALID_NUMBER,
  type Keyword,
} from "./tokens";
import { HPARAM_TYPES } from "./textmate-vocab";
import { DATA, FUNCTIONS, LAYERS, OPTIMIZER_DEFS, SCHEDULE_DEFS } from "../src/compiler/layers/index";

/** The scope of each keyword. A `Record` over `Keyword`, so a new keyword is a type error here. */
export const KEYWORD_SCOPES: Record<Keyword, string> = {
  import: "keyword.control.import",
  model: "storage.type.model",
  layer: "storage.type.layer",
  op: "storage.type.op",
  train: "storage.type.train",
  input: "storage.modifier.input",
  output: "storage.modifier.output",
  param: "storage.modifier.param",
  grad: "keyword.other.grad",
  repeat: "keyword.other.repeat",
  as: "keyword.other.as",
  if: "keyword.control.conditional.if",
  else: "keyword.control.conditional.else",
  in: "keyword.other.in",
  and: "keyword.operator.logical.and",
  or: "keyword.operator.logical.or",
  true: "constant.language.boolean.true",
  false: "constant.language.boolean.false",
};

/** The scope of each operator and punctuation token, by its text. */
export const OPERATOR_SCOPES: Record<string, string> = {
  "->": "keyword.operator.pipe",
  "**": "keyword.operator.arithmetic",
  "+": "keyword.operator.arithmetic",
  "-": "keyword.operator.arithmetic",
  "*": "keyword.operator.arithmetic",
  "/": "keyword.operator.arithmetic",
  "%": "keyword.operator.arithmetic",
  "@": "keyword.operator.arithmetic.matmul",
  "==": "keyword.operator.comparison",
  "!=": "keyword.operator.comparison",
  "<=": "keyword.operator.comparison",
  ">=": "keyword.operator.comparison",
  "<": "keyword.operator.comparison",
  ">": "keyword.operator.comparison",
  "=": "keyword.operator.assignment",
  "...": "keyword.operator.ellipsis",
  ":": "punctuation.separator.colon",
  ",": "punctuation.separator.comma",
  ";": "punctuation.terminator.statement",
  ".": "punctuation.accessor",
  "(": "punctuation.section.parens.begin",
  ")": "punctuation.section.parens.end",
  "[": "punctuation.section.brackets.begin",
  "]": "punctuation.section.brackets.end",
  "{": "punctuation.section.braces.begin",
  "}": "punctuation.section.braces.end",
};

/** Keywords followed by the name they declare, and that name's scope. */
const DECLARED_NAME_SCOPES: Partial<Record<Keyword, string>> = {
  model: "entity.name.type.model",
  layer: "entity.name.type.layer",
  op: "entity.name.function.op",
  train: "entity.name.type.model",
  input: "variable.other.declaration",
  output: "variable.other.declaration",
  param: "variable.other.declaration",
  grad: "variable.parameter",
  as: "variable.other.declaration",
};


const SUFFIX = ".dlnet";

function source(pattern: unknown): string {
  if (!(pattern instanceof RegExp)) throw new Error(`token pattern is not a RegExp: ${String(pattern)}`);
  return pattern.source;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A regex matching exactly these words (longest first), not as a prefix of a longer name. */
function words(list: readonly string[]): string {
  const sorted = [...list].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `\\b(?:${sorted.map(escapeRegex).join("|")})(?![A-Za-z0-9_])`;
}

function scoped(scope: string): string {
  return scope + SUFFIX;
}

type Rule = Record<string, unknown>;

export function buildTextMateGrammar(): Rule {
  const ident = source(Identifier.PATTERN);
  const wordEnd = "(?![A-Za-z0-9_])";
  const validNumber = VALID_NUMBER.source.replace(/^\^/, "").replace(/\$$/, "");

  for (const k of KEYWORDS) if (!KEYWORD_SCOPES[k]) throw new Error(`keyword '${k}' has no TextMate scope`);
  for (const o of OPERATORS) if (!OPERATOR_SCOPES[o]) throw new Error(`operator '${o}' has no TextMate scope`);

  // Longest first, so `->` wins over `-` and `...` over `.`.
  const operators = [...OPERATORS].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const keywordRules: Rule[] = KEYWORDS.map((k) => ({
    match: `\\b${escapeRegex(k)}${wordEnd}`,
    name: scoped(KEYWORD_SCOPES[k]),
  }));

  const blockEnd = "\\*/";
  const lineComment = source(LineComment.PATTERN);
  const blockBegin = source(BlockComment.PATTERN).slice(0, 4); // `\/\*`
  if (blockBegin !== "\\/\\*") throw new Error(`unexpected block comment pattern ${source(BlockComment.PATTERN)}`);

  const repository: Record<string, Rule> = {
    comments: {
      patterns: [
        { name: scoped("comment.line.double-slash"), match: lineComment },
        {
          name: scoped("comment.block"),
          begin: blockBegin,
          end: blockEnd,
          beginCaptures: { 0: { name: scoped("punctuation.definition.comment") } },
          endCaptures: { 0: { name: scoped("punctuation.definition.comment") } },
        },
      ],
    },
    strings: {
      patterns: [
        {
          // Same language as the lexer's StringLiteral (which ends an
          // unterminated string at the line end).
          name: scoped("string.quoted.double"),
          match: source(StringLiteral.PATTERN),
        },
      ],
    },
    numbers: {
      patterns: [
        { name: scoped("constant.numeric"), match: `(?<![A-Za-z0-9_.])${validNumber}${wordEnd}` },
        // The lexer reads `3x` or `1e` as one (bad) number: show it as such.
        { name: scoped("invalid.illegal.numeric"), match: `(?<![A-Za-z0-9_.])${source(NumberLiteral.PATTERN)}` },
      ],
    },
    declarations: {
      // A keyword that introduces a name: colour the name by what it declares.
      patterns: (Object.entries(DECLARED_NAME_SCOPES) as [Keyword, string][]).map(([k, nameScope]) => ({
        match: `\\b(${escapeRegex(k)})\\s+(${ident})${wordEnd}`,
        captures: { 1: { name: scoped(KEYWORD_SCOPES[k]) }, 2: { name: scoped(nameScope) } },
      })),
    },
    keywords: {
      patterns: [
        // `mnist(train: 8000)`: a keyword spelled as a keyword argument's name is a name.
        { name: scoped("variable.parameter"), match: `${words([...KEYWORDS])}(?=\\s*:(?!:))` },
        ...keywordRules,
      ],
    },
    types: {
      patterns: [
        {
          // `f32[batch, 784]`: dims are names of sizes, not layers.
          begin: `\\b(${DTYPES.join("|")})\\s*(\\[)`,
          beginCaptures: { 1: { name: scoped("storage.type.dtype") }, 2: { name: scoped(OPERATOR_SCOPES["["]) } },
          end: "\\]",
          endCaptures: { 0: { name: scoped(OPERATOR_SCOPES["]"]) } },
          patterns: [
            { include: "#comments" },
            { include: "#numbers" },
            { name: scoped("variable.other.dimension"), match: `\\b${ident}` },
            { include: "#operators" },
          ],
        },
        {
          match: `(:)\\s*\\b(${HPARAM_TYPES.join("|")})${wordEnd}`,
          captures: { 1: { name: scoped("punctuation.separator.colon") }, 2: { name: scoped("storage.type.primitive") } },
        },
      ],
    },
    names: {
      patterns: [
        // `dim: -1` inside a call, `d: int` in a header.
        { name: scoped("variable.parameter"), match: `\\b${ident}(?=\\s*:(?!:))` },
        // `.image` after a name.
        {
          match: `(\\.)\\s*(${ident})`,
          captures: { 1: { name: scoped("punctuation.accessor") }, 2: { name: scoped("variable.other.property") } },
        },
        // Built-ins by name, from the registry.
        { name: scoped("support.class.layer"), match: words([...LAYERS.keys()]) },
        { name: scoped("support.function"), match: words([...FUNCTIONS.keys()]) },
        { name: scoped("support.class.optimizer"), match: words([...OPTIMIZER_DEFS.keys()]) },
        { name: scoped("support.function.train"), match: words([...DATA.keys(), ...SCHEDULE_DEFS.keys()]) },
        // Other capitalised names are user layer and model types (Block, TinyGPT).
        { name: scoped("entity.name.type.layer"), match: `\\b[A-Z][A-Za-z0-9_]*${wordEnd}` },
        // A lower-case name before `(` is a function (relu, mean, mnist, Adam's lr is a keyword arg).
        { name: scoped("entity.name.function"), match: `\\b${ident}(?=\\s*\\()` },
        { name: scoped("variable.other"), match: `\\b${ident}` },
      ],
    },
    operators: {
      patterns: operators.map((o) => ({ name: scoped(OPERATOR_SCOPES[o]), match: escapeRegex(o) })),
    },
  };

  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "dlnet",
    scopeName: "source.dlnet",
    fileTypes: ["dlnet"],
    comment: "Generated by grammar/textmate.ts from grammar/tokens.ts and the built-in registry. Do not edit by hand.",
    patterns: [
      { include: "#comments" },
      { include: "#strings" },
      { include: "#numbers" },
      { include: "#declarations" },
      { include: "#types" },
      { include: "#keywords" },
      { include: "#names" },
      { include: "#operators" },
    ],
    repository,
  };
}

export const GRAMMAR_PATH = fileURLToPath(new URL("./dlnet.tmLanguage.json", import.meta.url));

export function renderTextMateGrammar(): string {
  return JSON.stringify(buildTextMateGrammar(), null, 2) + "\n";
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = renderTextMateGrammar();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(GRAMMAR_PATH, "utf8");
    } catch {}
    if (current !== text) {
      console.error(`${GRAMMAR_PATH} is out of date: run node bin/run-ts.js grammar/textmate.ts`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(GRAMMAR_PATH, text);
    console.log(`wrote ${GRAMMAR_PATH}`);
  }
}
