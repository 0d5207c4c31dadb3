// The outline: declarations with their hyperparameters, statements and
// settings; and the workspace's layers, models and ops (workspace/symbol).

import { basename } from "node:path";
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
import { pathToUri, toRange } from "../positions";
import type { Workspace } from "../workspace";

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

/** The most symbols one workspace/symbol answer lists. */
export const MAX_WORKSPACE_SYMBOLS = 1000;

/** `query`'s characters in order in `name`, ignoring case (`rb` finds ResBlock), as clients filter too. */
function matches(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let i = 0;
  for (const c of query.toLowerCase()) {
    i = n.indexOf(c, i) + 1;
    if (i === 0) return false;
  }
  return true;
}

/** The layers, models and ops of every .dlnet file in the workspace (read from disk when not open) whose name matches `query`. */
export function workspaceSymbols(ws: Workspace, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const path of ws.files()) {
    const o = ws.outline(path);
    if (!o) continue;
    for (const d of o.program.decls) {
      if (d.kind === "Train" || !matches(d.name.name, query)) continue;
      out.push({
        name: d.name.name,
        kind: d.kind === "Op" ? SymbolKind.Function : d.isModel ? SymbolKind.Class : SymbolKind.Struct,
        location: { uri: pathToUri(path), range: toRange(o.file, d.name.span) },
        containerName: basename(path),
      });
      if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
    }
  }
  return out;
}
