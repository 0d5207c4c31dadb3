// Go to definition, find references and rename, across the file's imports
// and every open document: the checker links each use to its definition
// (Analysis.definitionOf / referencesOf); this turns the links into locations.

import type { Location, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis, Site } from "../analysis";
import { isNameLike, nodeChain } from "../nodes";
import { pathToUri, toRange } from "../positions";

/** The name under the cursor and the definition it refers to (itself, when it is one). */
export function symbolAt(a: Analysis, offset: number): { node: A.Ident | A.NameRef; def: Site } | undefined {
  const chain = nodeChain(a.program, offset);
  const leaf = chain[chain.length - 1];
  if (!isNameLike(leaf)) return undefined;
  const def = a.definitionOf(leaf);
  if (def) return { node: leaf, def };
  return undefined;
}

function location(analyses: readonly Analysis[], site: Site): Location | undefined {
  for (const a of analyses) {
    const f = a.files.get(site.file)?.file;
    if (f) return { uri: pathToUri(site.file), range: toRange(f, site.span) };
  }
  return undefined;
}

export function definition(a: Analysis, offset: number): Location | null {
  const s = symbolAt(a, offset);
  return (s && location([a], s.def)) ?? null;
}

const key = (s: Site) => `${s.file}:${s.span.start}:${s.span.end}`;

/** Every use of the symbol at the cursor, in this analysis and in the others given (other open documents). */
function allReferences(a: Analysis, offset: number, others: readonly Analysis[]): { sites: Site[]; analyses: Analysis[] } | undefined {
  const s = symbolAt(a, offset);
  if (!s) return undefined;
  const analyses = [a, ...others.filter((o) => o !== a)];
  const seen = new Map<string, Site>();
  for (const x of analyses) for (const r of x.referencesOf(s.def)) seen.set(key(r), r);
  seen.set(key(s.def), s.def);
  return { sites: [...seen.values()], analyses };
}

export function references(a: Analysis, offset: number, includeDeclaration: boolean, others: readonly Analysis[]): Location[] {
  const r = allReferences(a, offset, others);
  if (!r) return [];
  const def = symbolAt(a, offset)!.def;
  return r.sites
    .filter((s) => includeDeclaration || key(s) !== key(def))
    .map((s) => location(r.analyses, s))
    .filter((l): l is Location => !!l);
}

export function prepareRename(a: Analysis, offset: number): Range | null {
  const s = symbolAt(a, offset);
  return s ? toRange(a.file, s.node.span) : null;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function rename(a: Analysis, offset: number, newName: string, others: readonly Analysis[]): WorkspaceEdit | null {
  if (!IDENT.test(newName)) return null;
  const r = allReferences(a, offset, others);
  if (!r) return null;
  const changes: Record<string, TextEdit[]> = {};
  for (const s of r.sites) {
    const loc = location(r.analyses, s);
    if (!loc) continue;
    (changes[loc.uri] ??= []).push({ range: loc.range, newText: newName });
  }
  return { changes };
}
