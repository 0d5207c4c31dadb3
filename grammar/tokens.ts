// The token set of .dlnet: the one source of truth for the lexer, the parser,
// the TextMate grammar and semantic tokens. Everything an editor needs to
// colour a file (keyword list, operator list, token categories) is exported
// from here so derived artefacts never list tokens by hand.

import { createToken, Lexer, type TokenType } from "chevrotain";

/** Coarse classes of tokens, for editors (TextMate scopes, semantic tokens). */
export type TokenCategory =
  | "keyword"
  | "identifier"
  | "number"
  | "string"
  | "operator"
  | "punctuation"
  | "comment";

const categoryOf = new Map<TokenType, TokenCategory>();
const all: TokenType[] = [];

function tok(category: TokenCategory, config: Parameters<typeof createToken>[0]): TokenType {
  const t = createToken(config);
  categoryOf.set(t, category);
  all.push(t);
  return t;
}

// ---------------------------------------------------------------- trivia

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
// Comments are kept in the "comments" group (not given to the parser) so a
// formatter can put them back. The block pattern also matches an unterminated
// comment up to the end of the file; the lexer wrapper reports DL1003 for it.
export const LineComment = tok("comment", { name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = tok("comment", {
  name: "BlockComment",
  pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/,
  group: "comments",
  line_breaks: true,
});

// ---------------------------------------------------------------- names and literals

/**
 * Any word, keyword or not: where only a name can stand (a keyword argument
 * `train: 8000`, a member `.input`) a keyword is read as a plain name.
 */
export const AnyName = createToken({ name: "AnyName", pattern: Lexer.NA, label: "name" });
export const Identifier = tok("identifier", {
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: "name",
  categories: [AnyName],
});

/** The keywords, in the order LANGUAGE.md lists them. */
export const KEYWORDS = [
  "import", "model", "layer", "op", "grad", "train", "input", "output", "param",
  "repeat", "as", "true", "false", "if", "else", "in", "and", "or",
] as const;
export type Keyword = (typeof KEYWORDS)[number];

function keyword(word: Keyword, categories: TokenType[] = []): TokenType {
  const name = word[0].toUpperCase() + word.slice(1);
  return tok("keyword", { name, pattern: new RegExp(word), longer_alt: Identifier, label: `'${word}'`, categories: [AnyName, ...categories] });
}

export const Import = keyword("import");
export const Model = keyword("model");
export const Layer = keyword("layer");
export const Op = keyword("op");
export const Grad = keyword("grad");
export const Train = keyword("train");
export const Input = keyword("input");
export const Output = keyword("output");
export const Param = keyword("param");
export const Repeat = keyword("repeat");
export const As = keyword("as");
export const True = keyword("true");
export const False = keyword("false");
export const If = keyword("if");
export const Else = keyword("else");
export const In = keyword("in");

/**
 * Numbers: `128`, `0.5`, `.5`, `1e-3`. The pattern is deliberately wider
 * (`1e`, `3x`, `12abc`) so such a typo is one bad number (DL1006), not a
 * number followed by a surprising name.
 */
export const NumberLiteral = tok("number", {
  name: "NumberLiteral",
  pattern: /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d*)?[A-Za-z0-9_]*/,
  label: "number",
});
/** The strict form; the lexer wrapper checks each NumberLiteral against it. */
export const VALID_NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Strings end at the line end if unterminated; the lexer wrapper reports DL1002. */
export const StringLiteral = tok("string", { name: "StringLiteral", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"?/, label: "string" });
export const VALID_STRING = /^"(?:[^"\\\r\n]|\\[^\r\n])*"$/;

// ---------------------------------------------------------------- operators

// Categories let the parser match any infix operator (or any sign) with one
// CONSUME; they match no text themselves. The parser reads `a op b op c` flat
// and the AST builder groups it by BINARY_PRECEDENCE: one grammar level for
// all binary operators instead of one per precedence level keeps it fast.
export const BinaryOp = createToken({ name: "BinaryOp", pattern: Lexer.NA, label: "an operator" });
export const CompareOp = createToken({ name: "CompareOp", pattern: Lexer.NA });
export const AddOp = createToken({ name: "AddOp", pattern: Lexer.NA });
export const MulOp = createToken({ name: "MulOp", pattern: Lexer.NA });

function op(name: string, text: string, categories: TokenType[] = []): TokenType {
  return sym("operator", name, text, categories);
}
function punct(name: string, text: string): TokenType {
  return sym("punctuation", name, text, []);
}
function sym(category: TokenCategory, name: string, text: string, categories: TokenType[]): TokenType {
  const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return tok(category, { name, pattern, label: `'${text}'`, categories });
}

/** `and`, `or`: compile-time logic on hyperparameters (`stride != 1 or cin != c`). */
export const And = keyword("and", [BinaryOp]);
export const Or = keyword("or", [BinaryOp]);
export const Arrow = op("Arrow", "->", [BinaryOp]);
export const StarStar = op("StarStar", "**");
export const Ellipsis = punct("Ellipsis", "...");
export const EqEq = op("EqEq", "==", [CompareOp, BinaryOp]);
export const NotEq = op("NotEq", "!=", [CompareOp, BinaryOp]);
export const LessEq = op("LessEq", "<=", [CompareOp, BinaryOp]);
export const GreaterEq = op("GreaterEq", ">=", [CompareOp, BinaryOp]);
export const Less = op("Less", "<", [CompareOp, BinaryOp]);
export const Greater = op("Greater", ">", [CompareOp, BinaryOp]);
export const Plus = op("Plus", "+", [AddOp, BinaryOp]);
export const Minus = op("Minus", "-", [AddOp, BinaryOp]);
export const Star = op("Star", "*", [MulOp, BinaryOp]);
export const Slash = op("Slash", "/", [MulOp, BinaryOp]);
export const Percent = op("Percent", "%", [MulOp, BinaryOp]);
export const At = op("At", "@", [MulOp, BinaryOp]);
export const Equals = op("Equals", "=");
export const Colon = punct("Colon", ":");
export const Comma = punct("Comma", ",");
export const Semicolon = punct("Semicolon", ";");
export const Dot = punct("Dot", ".");
export const LParen = punct("LParen", "(");
export const RParen = punct("RParen", ")");
export const LBracket = punct("LBracket", "[");
export const RBracket = punct("RBracket", "]");
export const LCurly = punct("LCurly", "{");
export const RCurly = punct("RCurly", "}");

/**
 * Lexer order: comments before `/`, keywords before names (with longer_alt
 * so `inputs` stays a name), numbers before `.`, longer operators first.
 */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  Import, Model, Layer, Op, Grad, Train, Input, Output, Param, Repeat, As, True, False, If, Else, In, And, Or,
  Identifier,
  NumberLiteral,
  StringLiteral,
  Arrow, StarStar, Ellipsis,
  EqEq, NotEq, LessEq, GreaterEq, Less, Greater,
  Plus, Minus, Star, Slash, Percent, At,
  Equals, Colon, Comma, Semicolon, Dot,
  LParen, RParen, LBracket, RBracket, LCurly, RCurly,
  BinaryOp, CompareOp, AddOp, MulOp, AnyName,
];

/**
 * Binding strength of the infix operators, loosest first; all are left
 * associative. `as` (postfix, binds looser than comparisons) sits between the
 * pipe and `or` < `and` < the comparisons; `**` and signs bind tighter than all of these and
 * are grammar rules of their own.
 */
export const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  "->": 1,
  // as: 2
  or: 3,
  and: 4,
  "==": 5, "!=": 5, "<": 5, "<=": 5, ">": 5, ">=": 5,
  "+": 6, "-": 6,
  "*": 7, "/": 7, "%": 7, "@": 7,
};
export const AS_PRECEDENCE = 2;

/** Every token that matches text, with its editor category. */
export function tokenCategory(t: TokenType): TokenCategory | undefined {
  return categoryOf.get(t);
}

/** Operators and punctuation as written, for the TextMate grammar. */
export const OPERATORS: readonly string[] = all
  .filter((t) => categoryOf.get(t) === "operator" || categoryOf.get(t) === "punctuation")
  .map((t) => (t.LABEL ?? "").slice(1, -1));

/** The dtypes a tensor type may name (identifiers to the lexer, checked later). */
export const DTYPES = ["f32", "f16", "i32", "bool"] as const;

export const DlnetLexer = new Lexer(allTokens, {
  // Offsets only (CST node locations need endOffset): nothing reads token
  // lines or columns (SourceFile maps offsets), and four fewer fields per
  // token is a quarter less to allocate for a large file.
  positionTracking: "onlyOffset",
  ensureOptimizations: false,
});
