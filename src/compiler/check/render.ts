// Text rendering of diagnostics, as in error baselines and the CLI:
//   file:line:col code severity message
//   <the source line>
//   <carets under the span>
// Related locations follow, indented, as `  note: file:line:col message`.

import type { Diagnostic } from "../diagnostics";
import type { SourceFile } from "../source";

export function renderDiagnostics(diags: readonly Diagnostic[], files: ReadonlyMap<string, { readonly source: SourceFile }>): string {
  const out: string[] = [];
  for (const d of diags) {
    const src = files.get(d.file)?.source;
    if (!src) {
      out.push(`${d.file} ${d.code} ${d.severity} ${d.message}`);
      continue;
    }
    const p = src.position(d.span.start);
    out.push(`${d.file}:${p.line}:${p.column} ${d.code} ${d.severity} ${d.message}`);
    const line = src.lineText(p.line);
    out.push(line);
    const endPos = src.position(d.span.end);
    const endCol = endPos.line === p.line ? endPos.column : line.length + 1;
    const width = Math.max(1, endCol - p.column);
    out.push(" ".repeat(p.column - 1) + "^".repeat(width));
    for (const r of d.related ?? []) {
      const rs = files.get(r.file)?.source;
      const rp = rs?.position(r.span.start);
      out.push(`  note: ${r.file}${rp ? `:${rp.line}:${rp.column}` : ""} ${r.message}`);
    }
    for (const f of d.fixes ?? []) out.push(`  fix: ${f.message}`);
  }
  return out.length ? out.join("\n") + "\n" : "";
}
