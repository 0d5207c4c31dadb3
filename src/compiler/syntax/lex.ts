// Lexing: Chevrotain's lexer plus the checks its patterns leave to us
// (unterminated strings and comments, malformed numbers, binary input), each
// turned into a catalogue diagnostic with a precise span.

import type { IToken } from "chevrotain";
import * as T from "../../../grammar/tokens";
import { diag, type Diagnostic } from "../diagnostics";
import type { SourceFile, Span } from "../source";

export interface Comment {
  span: Span;
  text: string;
}

/** A token for editors: kind is the token name (`Identifier`, `Arrow`, `Model`, `LineComment`). */
export interface SyntaxToken {
  kind: string;
  category: T.TokenCategory;
  span: Span;
  text: string;
}

export interface LexResult {
  /** Tokens for the parser (no comments, no whitespace). */
  tokens: IToken[];
  comments: Comment[];
  diagnostics: Diagnostic[];
  /**
   * Offsets of the first token after each lexical error: a parse error there
   * is the same mistake seen again, so the parser's report is dropped.
   */
  shadowed: Set<number>;
  /** A NUL byte: the file is binary and not worth parsing. */
  binary: boolean;
}

function printable(text: string): string {
  const shown = text.length > 16 ? text.slice(0, 16) + "…" : text;
  return shown.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The offset of the first thing after `end` that is not whitespace. */
function nextNonSpace(text: string, end: number): number {
  let i = end;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

export function lex(file: SourceFile): LexResult {
  const { text, path } = file;
  const diagnostics: Diagnostic[] = [];
  const shadowed = new Set<number>();
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    const span = { start: nul, end: nul + 1 };
    diagnostics.push(diag("DL1007", "file contains a NUL byte: it looks binary, not a .dlnet source text", path, span));
    return { tokens: [], comments: [], diagnostics, shadowed, binary: true };
  }

  const r = T.DlnetLexer.tokenize(text);
  for (const e of r.errors) {
    const span = { start: e.offset, end: e.offset + e.length };
    const bad = text.slice(span.start, span.end);
    if (bad.includes("\ufffd")) {
      diagnostics.push(diag("DL1007", `invalid UTF-8 or binary data '${printable(bad)}'`, path, span));
    } else {
      const what = e.length === 1 ? "character" : "characters";
      diagnostics.push(diag("DL1001", `unexpected ${what} '${printable(bad)}'`, path, span));
    }
    shadowed.add(nextNonSpace(text, span.end));
  }

  // Indexed, and a span made only for an error: this loop sees every token of the file.
  for (let i = 0; i < r.tokens.length; i++) {
    const t = r.tokens[i];
    if (t.tokenType === T.StringLiteral && !T.VALID_STRING.test(t.image)) {
      const span = { start: t.startOffset, end: t.startOffset + t.image.length };
      diagnostics.push(diag("DL1002", "unterminated string: expected '\"' before the end of the line", path, span));
      shadowed.add(nextNonSpace(text, span.end));
    } else if (t.tokenType === T.NumberLiteral && !T.VALID_NUMBER.test(t.image)) {
      diagnostics.push(diag("DL1006", `invalid number literal '${printable(t.image)}'`, path, { start: t.startOffset, end: t.startOffset + t.image.length }));
    }
  }

  const comments: Comment[] = [];
  for (const c of r.groups.comments ?? []) {
    const span = { start: c.startOffset, end: c.startOffset + c.image.length };
    comments.push({ span, text: c.image });
    if (c.tokenType === T.BlockComment && (c.image.length < 4 || !c.image.endsWith("*/"))) {
      diagnostics.push(
        diag("DL1003", "unterminated block comment: expected '*/' before the end of the file", path, {
          start: span.start,
          end: span.start + 2,
        }),
      );
      shadowed.add(text.length);
    }
  }
  return { tokens: r.tokens, comments, diagnostics, shadowed, binary: false };
}

/** Every token of a file in order, comments included, for editors and grammar tests. */
export function tokenize(file: SourceFile): SyntaxToken[] {
  const { tokens, comments, binary } = lex(file);
  if (binary) return [];
  const out: SyntaxToken[] = tokens.map((t) => ({
    kind: t.tokenType.name,
    category: T.tokenCategory(t.tokenType) ?? "punctuation",
    span: { start: t.startOffset, end: t.startOffset + t.image.length },
    text: t.image,
  }));
  for (const c of comments) {
    out.push({ kind: c.text.startsWith("//") ? "LineComment" : "BlockComment", category: "comment", span: c.span, text: c.text });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
