// Go to definition, find references and rename, across the file's imports
// and the other files given (the workspace's files that may use the name):
// the checker links each use to its definition (Analysis.definitionOf /
// referencesOf); this turns the links into locations, and refuses a rename
// that would not keep the program's meaning, saying why.

import type { Location, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import { basename } from "node:path";
import { KEYWORDS } from "../../../grammar/tokens";
import { AUGMENT_DEFS, DATA, FUNCTIONS, LAYERS, OPTIMIZER_DEFS, SCHEDULE_DEFS } from "../../compiler/layers/index";
import { resolveImport } from "../../compiler/check/index";
import type { Analysis, Site } from "../analysis";
import { isNameLike, nodeChain, walk } from "../nodes";
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
  // On an import's string: the file it loads.
  const imp = a.program.imports.find((i) => i.pathSpan.start <= offset && offset <= i.pathSpan.end);
  if (imp) {
    const target = resolveImport(a.path, imp.path);
    return a.files.has(target) ? { uri: pathToUri(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : null;
  }
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

/** Where rename cannot start: the cursor is not on a name, or on one the user did not declare. */
export function prepareRename(a: Analysis, offset: number): Range | { error: string } | null {
  const s = symbolAt(a, offset);
  if (s) return toRange(a.file, s.node.span);
  const leaf = nodeChain(a.program, offset).at(-1);
  if (!leaf || !isNameLike(leaf)) return null;
  const builtin = builtinKind(leaf.name);
  return { error: builtin ? `'${leaf.name}' is a built-in ${builtin}; only names declared in your files can be renamed` : `'${leaf.name}' cannot be renamed: it is not a name declared in your files` };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function builtinKind(name: string): string | undefined {
  if (LAYERS.has(name)) return "layer";
  if (FUNCTIONS.has(name)) return "function";
  if (DATA.has(name)) return "data source";
  if (OPTIMIZER_DEFS.has(name)) return "optimizer";
  if (SCHEDULE_DEFS.has(name)) return "schedule";
  if (AUGMENT_DEFS.has(name)) return "augmentation";
  return undefined;
}

/** The declaration of a loaded file that holds a site. */
function declAt(analyses: readonly Analysis[], site: Site): A.Decl | undefined {
  for (const a of analyses) {
    const p = a.files.get(site.file)?.program;
    if (p) return p.decls.find((d) => d.span.start <= site.span.start && site.span.end <= d.span.end);
  }
  return undefined;
}

/** The names declared in or used by a declaration (so a rename into one would clash or capture). */
function namesIn(d: A.Decl): Set<string> {
  const out = new Set<string>(d.kind === "Op" ? ["dy"] : d.kind === "Train" ? ["data"] : []);
  for (const n of walk(d)) if (isNameLike(n)) out.add(n.name);
  return out;
}

/**
 * Why renaming the symbol to `newName` would break the program, or
 * undefined: a keyword or invalid name; for a layer, model or op, another
 * declaration of that name in a file concerned or a built-in it would shadow;
 * for a name inside a declaration, a name already declared or used there.
 */
function renameProblem(newName: string, def: Site, sites: readonly Site[], analyses: readonly Analysis[]): string | undefined {
  if ((KEYWORDS as readonly string[]).includes(newName)) return `'${newName}' is a keyword`;
  if (!IDENT.test(newName)) return `'${newName}' is not a valid name (letters, digits and _, not starting with a digit)`;
  const decl = declAt(analyses, def);
  if (!decl) return undefined;
  const old = decl.kind !== "Train" && decl.name.span.start === def.span.start ? decl.name.name : undefined;
  if (old === newName) return undefined;
  if (old !== undefined) {
    // A top-level name: unique across every file a use is in, and their imports.
    const files = new Set(sites.map((s) => s.file));
    for (const a of analyses) {
      if (![...files].some((f) => a.files.has(f))) continue;
      for (const [path, f] of a.files) {
        const clash = f.program.decls.find((d) => d.kind !== "Train" && d.name.name === newName);
        if (clash) return `'${newName}' already exists: ${clash.kind === "Op" ? "op" : clash.kind === "Layer" && clash.isModel ? "model" : "layer"} ${newName} in ${basename(path)}`;
      }
    }
    const builtin = builtinKind(newName);
    if (builtin) return `'${newName}' would shadow the built-in ${builtin} of that name`;
    return undefined;
  }
  // A name inside a declaration: it and every declaration a use is in (a `feed` in a train block) must not have it.
  const decls = new Set<A.Decl>([decl]);
  for (const s of sites) {
    const d = declAt(analyses, s);
    if (d) decls.add(d);
  }
  for (const d of decls) {
    if (namesIn(d).has(newName)) {
      const where = d.kind === "Train" ? `train ${d.model.name}` : `${d.kind === "Op" ? "op" : d.isModel ? "model" : "layer"} ${d.name.name}`;
      return `'${newName}' already exists in ${where}`;
    }
  }
  return undefined;
}

export function rename(a: Analysis, offset: number, newName: string, others: readonly Analysis[]): WorkspaceEdit | { error: string } | null {
  const r = allReferences(a, offset, others);
  if (!r) return null;
  const problem = renameProblem(newName, symbolAt(a, offset)!.def, r.sites, r.analyses);
  if (problem) return { error: problem };
  const changes: Record<string, TextEdit[]> = {};
  for (const s of r.sites) {
    const loc = location(r.analyses, s);
    if (!loc) continue;
    (changes[loc.uri] ??= []).push({ range: loc.range, newText: newName });
  }
  return { changes };
}
