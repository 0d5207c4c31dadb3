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

import type { IToken } from "chevrotain";
import * as T from "../../../grammar/tokens";
import type { Diagnostic } from "../diagnostics";
import type { SourceFile } from "../source";
import type { Decl, ImportDecl, Program } from "./ast";
import type { LexResult } from "./lex";
import { parseTokens, type ParseResult } from "./parser";

type TopLevel = ImportDecl | Decl;

interface Chunk {
  /** Offset of the chunk's first token. */
  start: number;
  /** Its top-level declarations (exactly one when it parsed cleanly). */
  nodes: readonly TopLevel[];
}

/** For each parse made here: its error-free chunks by text (what the next parse of the file may reuse). */
const chunksOf = new WeakMap<ParseResult, Map<string, Chunk>>();

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
  let diagnostics: Diagnostic[] = [];
  const starts = chunkStarts(tokens);
  for (let c = 0; c < starts.length && tokens.length > 0; c++) {
    const from = starts[c];
    const to = c + 1 < starts.length ? starts[c + 1] : tokens.length;
    const first = tokens[from];
    const last = tokens[to - 1];
    const key = text.slice(first.startOffset, last.startOffset + last.image.length);
    const hit = old?.get(key) ?? kept.get(key);
    if (hit) {
      const delta = first.startOffset - hit.start;
      const reused = delta === 0 ? hit.nodes : shifted(hit.nodes, delta);
      nodes.push(...reused);
      kept.set(key, { start: first.startOffset, nodes: reused });
      continue;
    }
    const alone = parseTokens(file, lexed, tokens.slice(from, to));
    const parts = [...alone.program.imports, ...alone.program.decls];
    if (alone.diagnostics.length === 0 && parts.length === 1) {
      nodes.push(...parts);
      kept.set(key, { start: first.startOffset, nodes: parts });
      continue;
    }
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
  return result;
}
