// Quick fixes: the fix-its the compiler attached to its diagnostics
// (did-you-mean renames, missing arguments), carried in the LSP diagnostic's data.

import { CodeActionKind, type CodeAction, type CodeActionParams } from "vscode-languageserver";
import type { FixIt } from "../../compiler/diagnostics";
import type { Analysis } from "../analysis";
import { pathToUri, toRange } from "../positions";
import type { DiagnosticData } from "./diagnostics";

export function codeActions(a: Analysis, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const fixes = (d.data as DiagnosticData | undefined)?.fixes ?? [];
    fixes.forEach((fix: FixIt, i) => {
      const file = a.files.get(fix.file)?.file;
      if (!file) return;
      out.push({
        title: fix.message,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [pathToUri(fix.file)]: [{ range: toRange(file, fix.span), newText: fix.newText }] } },
      });
    });
  }
  return out;
}
