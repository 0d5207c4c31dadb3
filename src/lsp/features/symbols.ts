// The outline: declarations with their hyperparameters, statements and settings.

import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
import { toRange } from "../positions";

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const sym = (name: string, kind: SymbolKind, node: A.Node, nameNode: A.Node, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name || "?",
    kind,
    range: toRange(a.file, node.span),
    selectionRange: toRange(a.file, nameNode.span),
    ...(detail ? { detail } : {}),
    ...(children ? { children } : {}),
  });
  const text = (n: A.Node) => a.file.text.slice(n.span.start, n.span.end);
  const out: DocumentSymbol[] = [];
  for (const i of a.program.imports) out.push(sym(i.path, SymbolKind.Module, i, i, "import"));
  for (const d of a.program.decls) {
    if (d.kind === "Layer") {
      const kids: DocumentSymbol[] = d.hparams.map((h) => sym(h.name.name, SymbolKind.TypeParameter, h, h.name, h.type?.name));
      for (const s of d.body) {
        const kind = s.kind === "Input" ? SymbolKind.Field : s.kind === "Output" ? SymbolKind.Event : s.kind === "Param" ? SymbolKind.Property : SymbolKind.Variable;
        const detail = s.kind === "Bind" ? undefined : s.kind === "Output" ? (s.type ? `output: ${text(s.type)}` : "output") : `${s.kind.toLowerCase()}: ${text(s.type)}`;
        kids.push(sym(s.name.name, kind, s, s.name, detail));
      }
      out.push(sym(d.name.name, d.isModel ? SymbolKind.Class : SymbolKind.Struct, d, d.name, d.isModel ? "model" : "layer", kids));
    } else if (d.kind === "Op") {
      const kids = d.grads.map((g) => sym(`grad ${g.param.name}`, SymbolKind.Method, g, g.param));
      out.push(sym(d.name.name, SymbolKind.Function, d, d.name, `op(${d.params.map((p) => p.name).join(", ")})`, kids));
    } else {
      const kids = d.settings.map((s) => sym(s.target ? `${s.key.name} ${s.target.name}` : s.key.name, SymbolKind.Property, s, s.key));
      out.push(sym(`train ${d.model.name}`, SymbolKind.Namespace, d, d.model, "train", kids));
    }
  }
  return out;
}
