// Document and range formatting: the formatter's layout as the smallest
// edits that reach it (whitespace gaps, see format/edits.ts), so the editor
// keeps marks and the cursor; a range gets the edits that touch it. Nothing
// when the file has syntax errors (the diagnostics already say why).

import type { Range, TextEdit } from "vscode-languageserver";
import { layoutEdits } from "../../format/edits";
import { format } from "../../format/index";
import type { Analysis } from "../analysis";
import { toOffset, toRange } from "../positions";

export function formatDocument(a: Analysis, range?: Range): TextEdit[] {
  let result;
  try {
    result = format(a.file.text, a.path);
  } catch {
    return []; // a formatter bug must not take the server down; the file stays as it is
  }
  if (!result.changed || result.diagnostics.some((d) => d.severity === "error")) return [];
  let edits = layoutEdits(a.file.text, result.text);
  if (range) {
    const start = toOffset(a.file, range.start);
    const end = toOffset(a.file, range.end);
    edits = edits.filter((e) => e.start <= end && e.end >= start);
  }
  return edits.map((e) => ({ range: toRange(a.file, { start: e.start, end: e.end }), newText: e.text }));
}
