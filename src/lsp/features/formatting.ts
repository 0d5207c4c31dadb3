// Document formatting: the formatter's text as one edit, or nothing when the
// file has syntax errors (the diagnostics already say why).

import type { TextEdit } from "vscode-languageserver";
import { format } from "../../format/index";
import type { Analysis } from "../analysis";
import { toRange } from "../positions";

export function formatDocument(a: Analysis): TextEdit[] {
  let result;
  try {
    result = format(a.file.text, a.path);
  } catch {
    return []; // a formatter bug must not take the server down; the file stays as it is
  }
  if (!result.changed || result.diagnostics.some((d) => d.severity === "error")) return [];
  return [{ range: toRange(a.file, { start: 0, end: a.file.text.length }), newText: result.text }];
}
