// Compiler diagnostics → LSP diagnostics for one document. The fix-its ride
// along in `data`, so a quick fix needs no second analysis.

import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";
import type { Diagnostic, FixIt } from "../../compiler/diagnostics";
import type { Analysis } from "../analysis";
import { pathToUri, toRange } from "../positions";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
/** Codes that mean "this is not used": editors grey such code out. */
const UNNECESSARY = new Set(["DL2010", "DL2011"]);

export interface DiagnosticData {
  fixes?: FixIt[];
}

export function toLspDiagnostics(a: Analysis): LspDiagnostic[] {
  return a.diagnostics.filter((d) => d.file === a.path).map((d) => toLsp(d, a));
}

function toLsp(d: Diagnostic, a: Analysis): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(a.file, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "dlnet",
    message: d.message,
  };
  if (UNNECESSARY.has(d.code)) out.tags = [DiagnosticTag.Unnecessary];
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const f = a.files.get(r.file)?.file;
    if (f) related.push({ location: { uri: pathToUri(r.file), range: toRange(f, r.span) }, message: r.message });
  }
  if (related.length) out.relatedInformation = related;
  if (d.fixes?.length) out.data = { fixes: d.fixes } satisfies DiagnosticData;
  return out;
}
