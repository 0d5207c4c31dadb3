// parse(): text → AST + diagnostics, never throwing. Lexes, runs the one
// shared parser with error recovery, turns Chevrotain's exceptions into
// catalogue diagnostics (one per position, cascades after a lexical error
// dropped) and builds the AST from whatever CST recovery produced.

import { EOF, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { parser, describeToken, describeTokenType } from "../../../grammar/parser";
import * as T from "../../../grammar/tokens";
import { diag, type Diagnostic } from "../diagnostics";
import type { SourceFile, Span } from "../source";
import type { Program } from "./ast";
import { parseClean } from "./clean-parse";
import { cstToAst } from "./cst-to-ast";
import { parseIncrementally, reparseEdit } from "./incremental";
import { lex, type Comment, type LexResult } from "./lex";
import { runOf, scan, TOKEN_TYPES, type TokenRun } from "./scan";

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
  comments: Comment[];
}

/**
 * How deeply one expression may nest (brackets, operators, member and call
 * chains): every later phase walks the AST recursively, so a pathological
 * expression is refused here rather than exhausting the stack there.
 */
export const MAX_NESTING = 256;

/** A file with more syntax errors than this is reported only up to it. */
const MAX_SYNTAX_ERRORS = 50;

const OPENER_OF = new Map<TokenType, TokenType>([
  [T.RParen, T.LParen],
  [T.RBracket, T.LBracket],
  [T.RCurly, T.LCurly],
]);

/**
 * With `previous` (this file's last parse), declarations whose text did not
 * change are reused instead of re-parsed (see incremental.ts); the answer is
 * the same as without it.
 */
export function parse(file: SourceFile, previous?: ParseResult): ParseResult {
  try {
    return parseUnguarded(file, previous);
  } catch (e) {
    // A bug, not a user error: still answer with a usable (empty) program so
    // an editor keeps working, and say what happened.
    const message = `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    return {
      program: { kind: "Program", file: file.path, imports: [], decls: [], span: { start: 0, end: file.text.length } },
      diagnostics: [diag("DL1004", message, file.path, { start: 0, end: 0 })],
      comments: [],
    };
  }
}

/** parse() without the safety net: a bug throws. For tests (the fuzzer) only. */
export function parseUnguarded(file: SourceFile, previous?: ParseResult): ParseResult {
  const quick = previous && reparseEdit(file, previous);
  if (quick) return quick;
  if (!previous) {
    // A file that lexes cleanly (most) is scanned into a token run (no object
    // per token) for the fast path; Chevrotain's tokens are made only when the
    // parser of record must read it for its messages.
    const scanned = scan(file.text);
    if (scanned && !checkNestingRun(file, scanned.run)) {
      const program = parseClean(scanned.run, file.path, file.text.length);
      if (program) return { program, diagnostics: [], comments: scanned.comments };
      const lexed = lex(file);
      return parseWithChevrotain(file, lexed, lexed.tokens);
    }
  }
  const lexed = lex(file);
  if (lexed.binary) {
    return {
      program: { kind: "Program", file: file.path, imports: [], decls: [], span: { start: 0, end: file.text.length } },
      diagnostics: lexed.diagnostics,
      comments: [],
    };
  }
  const tooDeep = checkNesting(file, lexed.tokens);
  if (tooDeep) {
    return {
      program: { kind: "Program", file: file.path, imports: [], decls: [], span: { start: 0, end: file.text.length } },
      diagnostics: [...lexed.diagnostics, tooDeep].sort((a, b) => a.span.start - b.span.start),
      comments: lexed.comments,
    };
  }
  if (previous && lexed.diagnostics.length === 0) return parseIncrementally(file, lexed, previous);
  return parseTokens(file, lexed, lexed.tokens);
}

/**
 * Parse `tokens` (all of the lexed file's, or a run of whole top-level
 * declarations of it: their offsets are the file's, so spans are too).
 */
export function parseTokens(file: SourceFile, lexed: LexResult, tokens: IToken[]): ParseResult {
  if (lexed.diagnostics.length === 0) {
    // Clean tokens (the common case) take the fast path; at its first syntax
    // error the Chevrotain parser reads them all again for its messages.
    const program = parseClean(runOf(tokens, file.text), file.path, file.text.length);
    if (program) return { program, diagnostics: [], comments: lexed.comments };
  }
  return parseWithChevrotain(file, lexed, tokens);
}

/** parseTokens() by the Chevrotain parser alone (the grammar of record; tests compare the fast path with it). */
export function parseWithChevrotain(file: SourceFile, lexed: LexResult, tokens: IToken[]): ParseResult {
  // Chevrotain's recovery throws and catches an Error per mistake; their
  // stack traces are never read and cost more than the parse of a broken file.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let cst;
  let errors;
  try {
    parser.input = tokens;
    cst = parser.program();
    errors = parser.errors;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    parser.input = []; // do not keep the file's tokens alive
  }
  // a parse error where a lexical one already stands is the same mistake
  const taken = new Set(lexed.diagnostics.map((d) => d.span.start));
  const syntax = parseDiagnostics(file, tokens, errors, lexed.shadowed, taken);
  const diagnostics = [...lexed.diagnostics, ...syntax].sort((a, b) => a.span.start - b.span.start);
  const program = markBroken(cstToAst(cst, file.path, file.text.length), diagnostics);
  return { program, diagnostics, comments: lexed.comments };
}

/** Flags each layer or model declaration that holds a syntax error (LayerDecl.broken). */
function markBroken(program: Program, diagnostics: readonly Diagnostic[]): Program {
  if (diagnostics.length === 0) return program;
  const decls = program.decls.map((d) =>
    d.kind === "Layer" && diagnostics.some((g) => g.span.start >= d.span.start && g.span.start < d.span.end) ? { ...d, broken: true as const } : d,
  );
  return { ...program, decls };
}

function spanOfError(file: SourceFile, tok: IToken, previous: IToken | undefined): Span {
  if (tok.tokenType !== EOF && Number.isFinite(tok.startOffset)) {
    return { start: tok.startOffset, end: tok.startOffset + tok.image.length };
  }
  // End of file: point just after the last real token (where the missing
  // thing belongs), or at the end of the text.
  const at = previous && Number.isFinite(previous.startOffset) ? previous.startOffset + previous.image.length : file.text.length;
  return { start: at, end: at };
}

function parseDiagnostics(
  file: SourceFile,
  tokens: IToken[],
  errors: IRecognitionException[],
  shadowed: Set<number>,
  seen: Set<number>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let unmatched: Set<IToken> | undefined;
  const sorted = [...errors].sort((a, b) => offsetOf(a.token, file.text.length) - offsetOf(b.token, file.text.length));
  for (const e of sorted) {
    if (out.length >= MAX_SYNTAX_ERRORS) break;
    const previous = (e as { previousToken?: IToken }).previousToken;
    const span = spanOfError(file, e.token, previous);
    if (seen.has(span.start) || shadowed.has(e.token.tokenType === EOF ? file.text.length : span.start)) continue;
    seen.add(span.start);
    const expected = e.name === "MismatchedTokenException" ? parser.messages.expectedAt.get(e.token) : undefined;
    const openerType = expected ? OPENER_OF.get(expected) : undefined;
    unmatched ??= openerType ? unmatchedOpeners(tokens) : undefined;
    const opener = openerType && unmatched ? unclosedOpener(tokens, unmatched, e.token, openerType) : undefined;
    if (expected && opener) {
      const openSpan = { start: opener.startOffset, end: opener.startOffset + opener.image.length };
      const pos = file.position(openSpan.start);
      out.push(
        diag(
          "DL1005",
          `expected ${describeTokenType(expected)} to close ${describeTokenType(openerType!)} at ${pos.line}:${pos.column} but found ${describeToken(e.token)}`,
          file.path,
          span,
          { related: [{ file: file.path, span: openSpan, message: `${describeTokenType(openerType!)} opened here` }] },
        ),
      );
    } else {
      out.push(diag("DL1004", e.message + (namingHint(previous, expected) ?? ""), file.path, span));
    }
  }
  return out;
}

/** `output = …`: the declaring keyword is followed by the name it declares. */
const DECLARES: ReadonlyMap<TokenType, string> = new Map([
  [T.Output, "output y = x -> Linear(10)"],
  [T.Input, "input x: f32[batch, 784]"],
  [T.Param, "param w: f32[4, 4]"],
]);

function namingHint(previous: IToken | undefined, expected: TokenType | undefined): string | undefined {
  const example = previous && expected === T.Identifier ? DECLARES.get(previous.tokenType) : undefined;
  return example && `; '${previous!.image}' is followed by the name it declares, as in \`${example}\``;
}

function offsetOf(tok: IToken, eof: number): number {
  return Number.isFinite(tok.startOffset) && tok.tokenType !== EOF ? tok.startOffset : eof;
}

/**
 * The brackets of the file that no closer matches. A closer matches the
 * innermost open bracket of its kind (the ones above it stay unmatched); a
 * closer with no opener of its kind is ignored.
 */
function unmatchedOpeners(tokens: IToken[]): Set<IToken> {
  const stack: IToken[] = [];
  const unmatched = new Set<IToken>();
  for (const t of tokens) {
    const tt = t.tokenType;
    if (tt === T.LParen || tt === T.LBracket || tt === T.LCurly) {
      stack.push(t);
      continue;
    }
    const o = OPENER_OF.get(tt);
    if (!o) continue;
    let i = stack.length - 1;
    while (i >= 0 && stack[i].tokenType !== o) i--;
    if (i < 0) continue;
    for (let j = i + 1; j < stack.length; j++) unmatched.add(stack[j]);
    stack.length = i;
  }
  for (const t of stack) unmatched.add(t);
  return unmatched;
}

/**
 * The bracket a missing closer belongs to: the innermost opener of its kind
 * before `at` that nothing in the file closes. None means the closer is not
 * missing (something stray stands before it), which is DL1004, not DL1005.
 */
function unclosedOpener(tokens: IToken[], unmatched: Set<IToken>, at: IToken, open: TokenType): IToken | undefined {
  const limit = offsetOf(at, Infinity);
  let found: IToken | undefined;
  for (const t of tokens) {
    if (t.startOffset >= limit) break;
    if (t.tokenType === open && unmatched.has(t)) found = t;
  }
  return found;
}

/**
 * DL1008 when some expression would nest deeper than MAX_NESTING. A token
 * scan over-approximates the AST depth: each open bracket and each operator
 * or `.` of the current expression adds one level; a bracket group, once
 * closed, counts one level for the expression around it; `,` `;` `=` `:` and
 * keywords start a new expression at the current level; `{` `}` end all.
 */
/** Keywords that occur inside an expression (the others start a statement or declaration). */
const EXPRESSION_KEYWORDS = new Set([T.As, T.True, T.False, T.Repeat, T.If, T.Else, T.In, T.And, T.Or]);

export function checkNesting(file: SourceFile, tokens: IToken[]): Diagnostic | undefined {
  const at = tooDeepAt(tokens.length, (i) => tokens[i].tokenType);
  return at < 0 ? undefined : tooDeep(file, { start: tokens[at].startOffset, end: tokens[at].startOffset + tokens[at].image.length });
}

/** checkNesting() of a token run. */
export function checkNestingRun(file: SourceFile, run: TokenRun): Diagnostic | undefined {
  const at = tooDeepAt(run.count, (i) => TOKEN_TYPES[run.types[i]]);
  return at < 0 ? undefined : tooDeep(file, { start: run.starts[at], end: run.ends[at] });
}

function tooDeep(file: SourceFile, span: Span): Diagnostic {
  return diag("DL1008", `expression nested too deeply (more than ${MAX_NESTING} levels of brackets and operators): split it into named bindings`, file.path, span);
}

/** The index of the first of `count` tokens (of types `typeAt`) where nesting passes MAX_NESTING, or -1. */
function tooDeepAt(count: number, typeAt: (i: number) => TokenType): number {
  // counts[0..depth]: each open bracket pushes one, and adds one to `total`, so depth <= total <= MAX_NESTING.
  const counts = new Int32Array(MAX_NESTING + 2);
  let depth = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const tt = typeAt(i);
    if (tt === T.LParen || tt === T.LBracket) {
      counts[++depth] = 0;
      total += 1;
    } else if (tt === T.RParen || tt === T.RBracket) {
      if (depth > 0) total -= 1 + counts[depth--];
      counts[depth] += 1;
      total += 1;
    } else if (tt === T.LCurly || tt === T.RCurly) {
      depth = 0;
      counts[0] = 0;
      total = 0;
    } else if (tt === T.Comma || tt === T.Semicolon || tt === T.Equals || tt === T.Colon || (T.tokenCategory(tt) === "keyword" && !EXPRESSION_KEYWORDS.has(tt))) {
      total -= counts[depth];
      counts[depth] = 0;
    } else if (T.tokenCategory(tt) === "operator" || tt === T.Dot || tt === T.As || tt === T.And || tt === T.Or) {
      counts[depth] += 1;
      total += 1;
    }
    if (total > MAX_NESTING) return i;
  }
  return -1;
}
