// Re-parsing a file after an edit (the language server does it on every
// keystroke): only the top-level declarations whose text changed are parsed
// again; the others are taken from the file's previous parse, their spans
// shifted when the edit moved them. The answer is the same as a full parse:
//
// - A file is cut into chunks at each `import`/`layer`/`model`/`op`/`train`
//   keyword outside brackets. Declarations cannot nest and no expression can
//   contain these keywords, so in a file without syntax errors each chunk is
//   exactly one declaration, and Chevrotain's decisions inside it never see
//   past it (what follows is a keyword or the end, neither continues it).
// - Only chunks that parsed alone without errors are reused or kept.
// - At the first chunk with an error, everything from it to the end of the
//   file is parsed in one go, as the full parse would from that token (the
//   declarations before it are complete and balanced, so the parser is in the
//   same state there): recovery and its messages are unchanged.
// - Files with lexical errors, or too deeply nested, take the full parse.
//
// When the previous parse was clean, even lexing is limited to the edit:
// the text between the last unchanged declaration before the edit and the
// first one after it is lexed alone (whitespace on both sides, so no token
// can straddle the cut; anything unusual, such as an unterminated comment or
// a syntax error, falls back to lexing the whole file).

import type { IToken } from "chevrotain";
import * as T from "../../../grammar/tokens";
import type { Diagnostic } from "../diagnostics";
import { SourceFile } from "../source";
import type { Decl, ImportDecl, Program } from "./ast";
import { lex, type Comment, type LexResult } from "./lex";
import { checkNesting, parseTokens, type ParseResult } from "./parser";

type TopLevel = ImportDecl | Decl;

interface Chunk {
  /** Offset of the chunk's first token. */
  start: number;
  /** Its top-level declarations (exactly one when it parsed cleanly). */
  nodes: readonly TopLevel[];
}

/** For each parse made here: its error-free chunks by text (what the next parse of the file may reuse). */
const chunksOf = new WeakMap<ParseResult, Map<string, Chunk>>();

interface Placed extends Chunk {
  /** Offset just past the chunk's last token. */
  end: number;
  key: string;
}

/** For clean parses made here: the text and every chunk in order (what lets the next parse lex only the edit). */
const layoutOf = new WeakMap<ParseResult, { text: string; chunks: Placed[] }>();

const STARTS = new Set([T.Import, T.Layer, T.Model, T.Op, T.Train]);
const OPEN = new Set([T.LParen, T.LBracket, T.LCurly]);
const CLOSE = new Set([T.RParen, T.RBracket, T.RCurly]);

/** Indices into `tokens` where top-level chunks start (the first is 0). */
function chunkStarts(tokens: readonly IToken[]): number[] {
  const starts = [0];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tt = tokens[i].tokenType;
    if (OPEN.has(tt)) depth++;
    else if (CLOSE.has(tt)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && i > 0 && STARTS.has(tt)) starts.push(i);
  }
  return starts;
}

/** A copy of an AST subtree with every span moved by `delta` (spans are the objects with start and end but no kind). */
function shifted<N>(node: N, delta: number): N {
  if (Array.isArray(node)) return node.map((n) => shifted(n, delta)) as N;
  if (node === null || typeof node !== "object") return node;
  const o = node as Record<string, unknown>;
  if (!("kind" in o) && typeof o.start === "number" && typeof o.end === "number") {
    return { start: o.start + delta, end: o.end + delta } as N;
  }
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = shifted(o[k], delta);
  return out as N;
}

/** parse() of a lexed file without lexical errors, reusing `previous`'s unchanged declarations. */
export function parseIncrementally(file: SourceFile, lexed: LexResult, previous: ParseResult): ParseResult {
  const { text } = file;
  const tokens = lexed.tokens;
  const old = chunksOf.get(previous);
  const kept = new Map<string, Chunk>();
  const nodes: TopLevel[] = [];
  const placed: Placed[] = [];
  let diagnostics: Diagnostic[] = [];
  const starts = chunkStarts(tokens);
  for (let c = 0; c < starts.length && tokens.length > 0; c++) {
    const from = starts[c];
    const to = c + 1 < starts.length ? starts[c + 1] : tokens.length;
    const first = tokens[from];
    const last = tokens[to - 1];
    const key = text.slice(first.startOffset, last.startOffset + last.image.length);
    const end = last.startOffset + last.image.length;
    const hit = old?.get(key) ?? kept.get(key);
    if (hit) {
      const delta = first.startOffset - hit.start;
      const reused = delta === 0 ? hit.nodes : shifted(hit.nodes, delta);
      nodes.push(...reused);
      kept.set(key, { start: first.startOffset, nodes: reused });
      placed.push({ start: first.startOffset, end, key, nodes: reused });
      continue;
    }
    const alone = parseTokens(file, lexed, tokens.slice(from, to));
    const parts = [...alone.program.imports, ...alone.program.decls];
    if (alone.diagnostics.length === 0 && parts.length === 1) {
      nodes.push(...parts);
      kept.set(key, { start: first.startOffset, nodes: parts });
      placed.push({ start: first.startOffset, end, key, nodes: parts });
      continue;
    }
    placed.length = 0; // not clean: no layout for the next parse
    // A broken declaration: the rest of the file as the full parse reads it.
    const rest = parseTokens(file, lexed, tokens.slice(from));
    nodes.push(...rest.program.imports, ...rest.program.decls);
    diagnostics = rest.diagnostics;
    break;
  }
  const program: Program = {
    kind: "Program",
    file: file.path,
    imports: nodes.filter((n): n is ImportDecl => n.kind === "Import"),
    decls: nodes.filter((n): n is Decl => n.kind !== "Import"),
    span: { start: 0, end: text.length },
  };
  const result: ParseResult = { program, diagnostics, comments: lexed.comments };
  chunksOf.set(result, kept);
  if (diagnostics.length === 0 && placed.length === starts.length && tokens.length > 0) layoutOf.set(result, { text, chunks: placed });
  return result;
}

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

/**
 * The fast path: `previous` was clean and the edit lies between two unchanged
 * declarations (or the file's ends); lex and parse only what lies between
 * them. Undefined when that is not exactly what a full parse would give.
 */
export function reparseEdit(file: SourceFile, previous: ParseResult): ParseResult | undefined {
  const layout = layoutOf.get(previous);
  if (!layout) return undefined;
  const before = layout.text;
  const { text } = file;
  const chunks = layout.chunks;
  // The changed text: old [p, before.length - s), new [p, text.length - s).
  const max = Math.min(before.length, text.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const delta = text.length - before.length;
  // Chunks i..j touch the change (adjacent counts: a token may grow).
  let i = 0;
  while (i < chunks.length && chunks[i].end < p) i++;
  let j = chunks.length - 1;
  while (j >= 0 && chunks[j].start > before.length - s) j--;
  const from = i > 0 ? chunks[i - 1].end : 0;
  const to = j + 1 < chunks.length ? chunks[j + 1].start + delta : text.length;
  if (from > to) return undefined;
  if (from > 0 && !isSpace(text[from])) return undefined;
  if (to < text.length && !isSpace(text[to - 1])) return undefined;

  const region = lex(new SourceFile(file.path, text.slice(from, to)));
  if (region.binary || region.diagnostics.length > 0) return undefined;
  for (const t of region.tokens) {
    t.startOffset += from;
    if (t.endOffset !== undefined) t.endOffset += from;
  }
  const comments: Comment[] = [];
  for (const c of previous.comments) if (c.span.end <= from) comments.push(c);
  for (const c of region.comments) comments.push({ span: { start: c.span.start + from, end: c.span.end + from }, text: c.text });
  for (const c of previous.comments) {
    if (c.span.start >= to - delta) comments.push(delta === 0 ? c : { span: { start: c.span.start + delta, end: c.span.end + delta }, text: c.text });
  }
  const lexed: LexResult = { tokens: region.tokens, comments, diagnostics: [], shadowed: new Set(), binary: false };
  if (region.tokens.length > 0 && checkNesting(file, region.tokens)) return undefined;

  const old = chunksOf.get(previous);
  const placed: Placed[] = chunks.slice(0, i);
  const kept = new Map<string, Chunk>();
  for (const c of placed) kept.set(c.key, c);
  const starts = region.tokens.length > 0 ? chunkStarts(region.tokens) : [];
  for (let c = 0; c < starts.length; c++) {
    const a = starts[c];
    const b = c + 1 < starts.length ? starts[c + 1] : region.tokens.length;
    const first = region.tokens[a];
    const last = region.tokens[b - 1];
    const end = last.startOffset + last.image.length;
    const key = text.slice(first.startOffset, end);
    const hit = old?.get(key);
    let nodes: readonly TopLevel[];
    if (hit) {
      const d = first.startOffset - hit.start;
      nodes = d === 0 ? hit.nodes : shifted(hit.nodes, d);
    } else {
      const alone = parseTokens(file, lexed, region.tokens.slice(a, b));
      nodes = [...alone.program.imports, ...alone.program.decls];
      if (alone.diagnostics.length > 0 || nodes.length !== 1) return undefined;
    }
    placed.push({ start: first.startOffset, end, key, nodes });
  }
  for (const c of chunks.slice(j + 1)) {
    placed.push(delta === 0 ? c : { start: c.start + delta, end: c.end + delta, key: c.key, nodes: shifted(c.nodes, delta) });
  }
  for (const c of placed) kept.set(c.key, c);
  const all = placed.flatMap((c) => c.nodes);
  const program: Program = {
    kind: "Program",
    file: file.path,
    imports: all.filter((n): n is ImportDecl => n.kind === "Import"),
    decls: all.filter((n): n is Decl => n.kind !== "Import"),
    span: { start: 0, end: text.length },
  };
  const result: ParseResult = { program, diagnostics: [], comments };
  chunksOf.set(result, kept);
  if (placed.length > 0) layoutOf.set(result, { text, chunks: placed });
  return result;
}
