// Compiler diagnostics → LSP diagnostics, for every file an analysis touched.
// A diagnostic belongs to the file it is in (an import cycle reported in
// b.dlnet is published to b.dlnet even when only a.dlnet is open). An error
// in another file also shows in the analysed file, where the user can act
// on it: at the call that instantiates the failing layer (followed through
// layers that call it), else at the import that loads its file; its
// relatedInformation points at the error itself. The fix-its ride along in
// `data`, so a quick fix needs no second analysis.

import { basename } from "node:path";
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";
import type { Diagnostic, FixIt } from "../../compiler/diagnostics";
import { resolveImport } from "../../compiler/check/index";
import type { Span } from "../../compiler/source";
import type { Analysis, Site } from "../analysis";
import { pathToUri, toRange } from "../positions";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
/** Codes that mean "this is not used": editors grey such code out. */
const UNNECESSARY = new Set(["DL2010", "DL2011"]);

export interface DiagnosticData {
  fixes?: FixIt[];
  /** Shown here for an error in another file (which has it as its own). */
  derived?: true;
}

/** The diagnostics of the analysed document only. */
export function toLspDiagnostics(a: Analysis): LspDiagnostic[] {
  return diagnosticsByFile(a).get(a.path) ?? [];
}

/** Every file the analysis loaded (the analysed one always present), with its diagnostics. */
export function diagnosticsByFile(a: Analysis): Map<string, LspDiagnostic[]> {
  const out = new Map<string, LspDiagnostic[]>();
  for (const p of a.files.keys()) out.set(p, []);
  out.set(a.path, out.get(a.path) ?? []);
  for (const d of a.diagnostics) {
    const f = a.files.get(d.file);
    if (!f) continue;
    const lsp = toLsp(d, a);
    out.get(d.file)!.push(lsp);
    if (d.file === a.path || d.severity !== "error") continue;
    const site = siteInEntry(a, { file: d.file, span: d.span });
    if (!site) continue;
    const where = `${basename(d.file)}:${f.file.position(d.span.start).line}`;
    out.get(a.path)!.push({
      range: toRange(a.file, site.span),
      severity: DiagnosticSeverity.Error,
      code: d.code,
      source: "dlnet",
      message: `${site.what} (${where}): ${d.message}`,
      data: { derived: true } satisfies DiagnosticData,
      relatedInformation: [{ location: { uri: pathToUri(d.file), range: lsp.range }, message: d.message }, ...(lsp.relatedInformation ?? [])],
    });
  }
  return out;
}

/**
 * Where in the analysed file an error elsewhere comes from: a use of the
 * declaration that holds it (a call of the layer, found through the layers
 * that call it in turn), else the import that loads its file.
 */
function siteInEntry(a: Analysis, at: Site): { span: Span; what: string } | undefined {
  const seen = new Set<string>();
  const queue: Site[] = [at];
  let what: string | undefined;
  while (queue.length) {
    const s = queue.shift()!;
    const decl = a.files.get(s.file)?.program.decls.find((d) => d.span.start <= s.span.start && s.span.end <= d.span.end);
    if (!decl || (decl.kind !== "Layer" && decl.kind !== "Op")) continue;
    const key = `${s.file}:${decl.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    what ??= `error in ${decl.kind === "Op" ? "op" : decl.isModel ? "model" : "layer"} ${decl.name.name}`;
    const uses = a.referencesOf({ file: s.file, span: decl.name.span }).filter((u) => u.file !== s.file || u.span.start !== decl.name.span.start);
    const here = uses.find((u) => u.file === a.path);
    if (here) return { span: here.span, what };
    queue.push(...uses);
  }
  const imp = importLeadingTo(a, at.file);
  return imp ? { span: imp, what: what ?? `error in imported '${basename(at.file)}'` } : undefined;
}

/** The span of the analysed file's import through which `target` is loaded (directly or not). */
function importLeadingTo(a: Analysis, target: string): Span | undefined {
  for (const imp of a.program.imports) {
    const first = resolveImport(a.path, imp.path);
    const seen = new Set<string>([a.path]);
    const stack = [first];
    while (stack.length) {
      const f = stack.pop()!;
      if (f === target) return imp.pathSpan;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const i of a.files.get(f)?.program.imports ?? []) stack.push(resolveImport(f, i.path));
    }
  }
  return undefined;
}

function toLsp(d: Diagnostic, a: Analysis): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(a.files.get(d.file)!.file, d.span),
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
