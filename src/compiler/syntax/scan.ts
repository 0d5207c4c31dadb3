// Tokens without an object per token, for the parser's fast path: a token run
// is three parallel typed arrays (type index, start, end) over the text. A
// 2,000-line file has ~17,000 tokens; as Chevrotain's token objects (and the
// regex matches that find them) they were a third of what parsing it
// allocated, all of it garbage once the AST is built.
//
// scan() reads a file the way Chevrotain's lexer does (grammar/tokens.ts, the
// lexer of record) but only files it lexes without a diagnostic: at anything
// else (a character no token starts with, an unterminated string or comment,
// a malformed number, a NUL byte, non-ASCII outside comments and strings) it
// gives up, and lex() reads the file with its messages.
// test/compiler/syntax/clean-parse.test.ts checks that both give the same
// tokens on the examples, their mutations and generated programs.

import type { IToken, TokenType } from "chevrotain";
import * as T from "../../../grammar/tokens";
import type { Comment } from "./lex";

/** Tokens as parallel arrays: token `i` is `TOKEN_TYPES[types[i]]` at `[starts[i], ends[i])` of `text`. */
export interface TokenRun {
  readonly text: string;
  readonly count: number;
  readonly types: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Token types by index (a run's `types` hold indices into it). */
export const TOKEN_TYPES: readonly TokenType[] = T.allTokens;
const INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const at = (t: TokenType): number => INDEX.get(t)!;

/** A run of Chevrotain tokens (all of a file's, or a slice of them: the incremental parse). */
export function runOf(tokens: readonly IToken[], text: string): TokenRun {
  const n = tokens.length;
  const types = new Uint8Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    types[i] = at(t.tokenType);
    starts[i] = t.startOffset;
    ends[i] = t.startOffset + t.image.length;
  }
  return { text, count: n, types, starts, ends };
}

const KEYWORD_TYPES = new Map<string, number>(T.KEYWORDS.map((k) => [k, at(TOKEN_TYPES.find((t) => t.LABEL === `'${k}'`)!)]));
/** A longer word is a name without looking it up (no slice for most identifiers). */
const LONGEST_KEYWORD = Math.max(...T.KEYWORDS.map((k) => k.length));
const IDENTIFIER = at(T.Identifier);
const NUMBER = at(T.NumberLiteral);
const STRING = at(T.StringLiteral);

/**
 * Operators and punctuation by first character, each with its text (its
 * label without the quotes), in the lexer's order: Chevrotain takes the first
 * pattern that matches, and tokens.ts lists longer operators first.
 */
const SYMBOLS_BY_CHAR: ((readonly [string, number])[] | undefined)[] = [];
for (const t of TOKEN_TYPES) {
  const category = T.tokenCategory(t);
  if (category !== "operator" && category !== "punctuation") continue;
  const text = (t.LABEL ?? "").slice(1, -1);
  (SYMBOLS_BY_CHAR[text.charCodeAt(0)] ??= []).push([text, at(t)]);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isWord = (c: number) => isWordStart(c) || isDigit(c);
/** WhiteSpace's characters: space, \t \n \v \f \r, U+00A0, U+FEFF. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;

/** The tokens and comments of `text` when Chevrotain's lexer reads it without a diagnostic; else undefined. */
export function scan(text: string): { run: TokenRun; comments: Comment[] } | undefined {
  if (text.includes("\0")) return undefined; // binary: DL1007
  let capacity = (text.length >> 2) + 16;
  let types = new Uint8Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let n = 0;
  const comments: Comment[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    let type: number;
    const start = i;
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      i += 2;
      while (i < len && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      comments.push({ span: { start, end: i }, text: text.slice(start, i) });
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) return undefined; // unterminated: DL1003
      i = close + 2;
      comments.push({ span: { start, end: i }, text: text.slice(start, i) });
      continue;
    }
    if (isWordStart(c)) {
      i++;
      while (i < len && isWord(text.charCodeAt(i))) i++;
      // A keyword is a whole word (Chevrotain's longer_alt: `inputs` is a name).
      type = i - start <= LONGEST_KEYWORD ? (KEYWORD_TYPES.get(text.slice(start, i)) ?? IDENTIFIER) : IDENTIFIER;
    } else if (isDigit(c) || (c === 46 /* . */ && isDigit(text.charCodeAt(i + 1)))) {
      // NumberLiteral's pattern, then VALID_NUMBER's: digits, a fraction, an exponent with digits, nothing after.
      if (c === 46) i++;
      while (isDigit(text.charCodeAt(i))) i++;
      if (c !== 46 && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i);
      if (e === 101 || e === 69) {
        i++;
        const sign = text.charCodeAt(i);
        if (sign === 43 || sign === 45) i++;
        if (!isDigit(text.charCodeAt(i))) return undefined; // `1e`, `1e+`: DL1006
        while (isDigit(text.charCodeAt(i))) i++;
      }
      if (i < len && isWord(text.charCodeAt(i))) return undefined; // `3x`, `1e3a`: DL1006
      type = NUMBER;
    } else if (c === 34 /* " */) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (i >= len || d === 10 || d === 13) return undefined; // unterminated: DL1002
        if (d === 34) break;
        if (d === 92 /* \ */) {
          const next = text.charCodeAt(i + 1);
          if (i + 1 >= len || next === 10 || next === 13) return undefined;
          i++;
        }
        i++;
      }
      i++;
      type = STRING;
    } else {
      const candidates = c < 128 ? SYMBOLS_BY_CHAR[c] : undefined;
      let found = -1;
      for (let k = 0; candidates && k < candidates.length && found < 0; k++) {
        if (text.startsWith(candidates[k][0], i)) {
          found = candidates[k][1];
          i += candidates[k][0].length;
        }
      }
      if (found < 0) return undefined; // no token starts here (or non-ASCII outside strings and comments): DL1001, DL1007
      type = found;
    }
    if (n === capacity) {
      capacity *= 2;
      types = grow(types, new Uint8Array(capacity));
      starts = grow(starts, new Int32Array(capacity));
      ends = grow(ends, new Int32Array(capacity));
    }
    types[n] = type;
    starts[n] = start;
    ends[n] = i;
    n++;
  }
  return { run: { text, count: n, types, starts, ends }, comments };
}

function grow<A extends Uint8Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
