// Offsets ↔ LSP positions, only at the edge. The compiler speaks in UTF-16
// offsets (spans); LSP in 0-based lines and UTF-16 characters, which is what
// SourceFile's 1-based line/column is, shifted by one.

import type { Position, Range } from "vscode-languageserver";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SourceFile, Span } from "../compiler/source";

export function toPosition(file: SourceFile, offset: number): Position {
  const p = file.position(offset);
  return { line: p.line - 1, character: p.column - 1 };
}

export function toRange(file: SourceFile, span: Span): Range {
  return { start: toPosition(file, span.start), end: toPosition(file, span.end) };
}

export function toOffset(file: SourceFile, pos: Position): number {
  return file.offset({ line: pos.line + 1, column: pos.character + 1 });
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The path the compiler sees for a document: a file path for file: URIs, else the URI itself. */
export function uriToPath(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

export function pathToUri(path: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? path : pathToFileURL(path).href;
}
