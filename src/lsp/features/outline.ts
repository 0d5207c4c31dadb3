// Folding ranges (declarations, long pipes, multi-line comments) and document
// highlights (every occurrence of the symbol under the cursor in this file).

import { DocumentHighlightKind, FoldingRangeKind, type DocumentHighlight, type FoldingRange } from "vscode-languageserver";
import type { Analysis } from "../analysis";
import { walk } from "../nodes";
import { toRange } from "../positions";
import { symbolAt } from "./navigation";

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const s = a.file.position(start).line - 1;
    const e = a.file.position(end).line - 1;
    if (e > s) out.push({ startLine: s, endLine: e, ...(kind ? { kind } : {}) });
  };
  for (const n of walk(a.program)) {
    if (n.kind === "Layer" || n.kind === "Op" || n.kind === "Train" || n.kind === "Pipe" || n.kind === "Call" || n.kind === "List") add(n.span.start, n.span.end);
  }
  for (const c of a.comments) if (c.text.startsWith("/*")) add(c.span.start, c.span.end, FoldingRangeKind.Comment);
  const imports = a.program.imports;
  if (imports.length > 1) add(imports[0].span.start, imports[imports.length - 1].span.end, FoldingRangeKind.Imports);
  return out;
}

export function documentHighlights(a: Analysis, offset: number): DocumentHighlight[] {
  const s = symbolAt(a, offset);
  if (!s) return [];
  const key = (x: { file: string; span: { start: number } }) => `${x.file}:${x.span.start}`;
  return a
    .referencesOf(s.def)
    .filter((r) => r.file === a.path)
    .map((r) => ({ range: toRange(a.file, r.span), kind: key(r) === key(s.def) ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
