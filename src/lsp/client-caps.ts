// What the client says it can show (initialize's capabilities), and the
// answers adapted to it at the edge: features build snippets and Markdown,
// and a client without them gets plain text instead (Neovim without a
// snippet engine, a raw JSON-RPC client). Absent capabilities mean "not
// supported", as the protocol says.

import { InsertTextFormat, MarkupKind, type ClientCapabilities, type CompletionItem, type Diagnostic, type Hover, type MarkupContent } from "vscode-languageserver";

export interface ClientFeatures {
  snippets: boolean;
  completionMarkdown: boolean;
  hoverMarkdown: boolean;
  relatedInformation: boolean;
  diagnosticTags: boolean;
}

export function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  const td = caps.textDocument;
  const item = td?.completion?.completionItem;
  return {
    snippets: item?.snippetSupport === true,
    completionMarkdown: item?.documentationFormat?.includes(MarkupKind.Markdown) ?? false,
    hoverMarkdown: td?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? false,
    relatedInformation: td?.publishDiagnostics?.relatedInformation === true,
    diagnosticTags: (td?.publishDiagnostics?.tagSupport?.valueSet.length ?? 0) > 0,
  };
}

/**
 * The text a snippet inserts with every placeholder at its default: `${1:x}`
 * → `x`, `$1` and `$0` → nothing, `${1|a,b|}` → `a`, `\$` → `$` (the
 * snippet grammar of the protocol, nested placeholders included).
 */
export function snippetToText(s: string): string {
  let i = 0;
  const parse = (until: string | undefined): string => {
    let out = "";
    while (i < s.length) {
      const c = s[i];
      if (c === "\\" && i + 1 < s.length && "$}\\,|".includes(s[i + 1])) {
        out += s[i + 1];
        i += 2;
      } else if (until && c === until) {
        return out;
      } else if (c === "$" && /[0-9A-Za-z_]/.test(s[i + 1] ?? "")) {
        i++;
        while (i < s.length && /[0-9A-Za-z_]/.test(s[i])) i++;
      } else if (c === "$" && s[i + 1] === "{") {
        i += 2;
        while (i < s.length && /[0-9A-Za-z_]/.test(s[i])) i++;
        if (s[i] === ":") {
          i++;
          out += parse("}");
        } else if (s[i] === "|") {
          i++;
          const choices = parse("|");
          out += choices.split(",")[0];
          i++; // the closing |
        }
        while (i < s.length && s[i] !== "}") i++;
        i++; // }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse(undefined);
}

/** Markdown as the plain text a reader sees: code fences and emphasis marks dropped. */
export function markdownToText(md: string): string {
  return md
    .split("\n")
    .filter((l) => !/^\s*```/.test(l))
    .join("\n")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?=[^*\w]|$)/g, "$1$2");
}

function docFor(doc: CompletionItem["documentation"], markdown: boolean): CompletionItem["documentation"] {
  if (!doc || typeof doc === "string" || doc.kind !== MarkupKind.Markdown || markdown) return doc;
  return { kind: MarkupKind.PlainText, value: markdownToText(doc.value) };
}

export function adaptCompletion(items: CompletionItem[], f: ClientFeatures): CompletionItem[] {
  if (f.snippets && f.completionMarkdown) return items;
  return items.map((it) => {
    const out: CompletionItem = { ...it, documentation: docFor(it.documentation, f.completionMarkdown) };
    if (out.documentation === undefined) delete out.documentation;
    if (!f.snippets && it.insertTextFormat === InsertTextFormat.Snippet) {
      out.insertText = snippetToText(it.insertText ?? it.label);
      out.insertTextFormat = InsertTextFormat.PlainText;
    }
    return out;
  });
}

export function adaptHover(h: Hover | null, f: ClientFeatures): Hover | null {
  if (!h || f.hoverMarkdown) return h;
  const c = h.contents as MarkupContent;
  if (c.kind !== MarkupKind.Markdown) return h;
  return { ...h, contents: { kind: MarkupKind.PlainText, value: markdownToText(c.value) } };
}

export function adaptDiagnostics(ds: Diagnostic[], f: ClientFeatures): Diagnostic[] {
  if (f.relatedInformation && f.diagnosticTags) return ds;
  return ds.map((d) => {
    const out = { ...d };
    if (!f.relatedInformation) delete out.relatedInformation;
    if (!f.diagnosticTags) delete out.tags;
    return out;
  });
}
