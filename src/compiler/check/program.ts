// Loading a program: the entry file and, recursively, the files it imports
// (paths relative to the importing file), through a host so the compiler,
// tests and the language server supply text their own way. Then each file's
// visible top-level declarations: its own, then its direct imports'.

import * as path from "node:path";
import { SourceFile } from "../source";
import { parse, type ParseResult } from "../syntax";
import type { ImportDecl } from "../syntax/ast";
import { LAYERS, FUNCTIONS } from "../layers";
import type { Diagnostic } from "../diagnostics";
import { CheckState, type FileInfo, type GlobalDef } from "./context";
import { describeStat } from "./data-files";

export interface CompilerHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * What is at `path` without opening it (undefined: nothing). Hosts backed by
   * a file system implement this and `readBytes`, so FIFOs and devices are
   * refused before they are opened and data files are read by their header
   * only (see data-files.ts).
   */
  stat?(path: string): FileStat | undefined;
  /** At most `length` bytes of a regular file from `start`. */
  readBytes?(path: string, start: number, length: number): Uint8Array | undefined;
}

/** An in-memory file that holds bytes, not text (a safetensors data file): its bytes as a base64 data URL after this prefix. */
export const BINARY_FILE_PREFIX = "data:application/octet-stream;base64,";

/** The bytes of an in-memory file: a BINARY_FILE_PREFIX data URL decoded, else the text in UTF-8. */
export function memoryFileBytes(text: string): Uint8Array {
  if (!text.startsWith(BINARY_FILE_PREFIX)) return new TextEncoder().encode(text);
  const raw = atob(text.slice(BINARY_FILE_PREFIX.length));
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** A host over texts held in memory by path: sources, text data files and binary ones as data URLs (the browser, the playground's workers). */
export function memoryHost(files: Readonly<Record<string, string>>): Required<CompilerHost> {
  const bytes = new Map<string, Uint8Array>();
  const utf8 = (p: string) => {
    let b = bytes.get(p);
    if (!b) bytes.set(p, (b = memoryFileBytes(files[p])));
    return b;
  };
  const has = (p: string) => Object.prototype.hasOwnProperty.call(files, p);
  return {
    readFile: (p) => (has(p) ? files[p] : undefined),
    stat: (p) => (has(p) ? { kind: "file", size: utf8(p).length, mtimeMs: 0 } : undefined),
    readBytes: (p, start, length) => (has(p) ? utf8(p).slice(start, start + length) : undefined),
  };
}

export interface FileStat {
  kind: "file" | "directory" | "special";
  size: number;
  mtimeMs: number;
}

/** A source file larger than this is refused: no .dlnet is that large, a misnamed dataset is. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** The path an import names, relative to the importing file's folder. */
export function resolveImport(from: string, spec: string): string {
  if (path.isAbsolute(spec)) return path.normalize(spec);
  return path.normalize(path.join(path.dirname(from), spec));
}

/**
 * Parse results by path, reused while a file's text is unchanged (a language
 * server keeps one across edits so imported files are not re-parsed).
 */
export type ParseCache = Map<string, { readonly text: string; readonly source: SourceFile; readonly result: ParseResult }>;

/** Loads `entry` and everything it imports; returns the syntax diagnostics. */
export function loadProgram(st: CheckState, entry: string, host: CompilerHost, cache?: ParseCache): Diagnostic[] {
  const syntax: Diagnostic[] = [];
  const imports = new Map<string, { decl: ImportDecl; target: string }[]>();
  const visit = (file: string, stack: string[], via?: { from: string; decl: ImportDecl }): void => {
    if (stack.includes(file)) {
      if (via) {
        const cycle = [...stack.slice(stack.indexOf(file)), file].map((f) => path.basename(f)).join(" → ");
        st.report("DL2008", `import cycle: ${cycle}`, via.from, via.decl.pathSpan);
      }
      return;
    }
    if (st.files.has(file)) return;
    const stat = via && host.stat?.(file);
    const refused = stat && (describeStat(stat) ?? (stat.size > MAX_SOURCE_BYTES ? `is ${(stat.size / 2 ** 20).toFixed(0)} MB, too large for a dlnet source` : undefined));
    if (via && refused) {
      st.report("DL2007", `cannot import '${via.decl.path}': ${file} ${refused}`, via.from, via.decl.pathSpan);
      return;
    }
    const text = host.readFile(file);
    if (text === undefined) {
      if (via) st.report("DL2007", `cannot find '${via.decl.path}' (looked for ${file})`, via.from, via.decl.pathSpan);
      else st.report("DL2007", `cannot read '${file}'`, file, { start: 0, end: 0 });
      return;
    }
    let cached = cache?.get(file);
    if (!cached || cached.text !== text) {
      const source = new SourceFile(file, text);
      // The file's previous parse lets unchanged declarations be reused (same result).
      cached = { text, source, result: parse(source, cached?.result) };
      cache?.set(file, cached);
    }
    const { source, result: parsed } = cached;
    syntax.push(...parsed.diagnostics);
    st.files.set(file, { path: file, source, program: parsed.program, globals: new Map() });
    const list: { decl: ImportDecl; target: string }[] = [];
    imports.set(file, list);
    for (const imp of parsed.program.imports) {
      const target = resolveImport(file, imp.path);
      list.push({ decl: imp, target });
      visit(target, [...stack, file], { from: file, decl: imp });
    }
  };
  visit(entry, []);
  for (const f of st.files.values()) buildGlobals(st, f, imports.get(f.path) ?? []);
  return syntax;
}

function ownDecls(f: FileInfo): GlobalDef[] {
  const out: GlobalDef[] = [];
  for (const d of f.program.decls) {
    if (d.kind === "Layer") out.push({ kind: "layer", decl: d, file: f.path });
    else if (d.kind === "Op") out.push({ kind: "op", decl: d, file: f.path });
  }
  return out;
}

function buildGlobals(st: CheckState, f: FileInfo, imports: readonly { decl: ImportDecl; target: string }[]): void {
  for (const g of ownDecls(f)) {
    const name = g.decl.name.name;
    const prior = f.globals.get(name);
    if (prior) {
      st.report("DL2002", `'${name}' is already defined in this file`, f.path, g.decl.name.span, {
        related: [{ file: f.path, span: prior.decl.name.span, message: `'${name}' is first defined here` }],
      });
      continue;
    }
    if (LAYERS.has(name) || FUNCTIONS.has(name))
      st.report("DL2012", `'${name}' shadows the built-in ${LAYERS.has(name) ? "layer" : "function"} of the same name`, f.path, g.decl.name.span);
    f.globals.set(name, g);
  }
  for (const imp of imports) {
    const target = st.files.get(imp.target);
    if (!target) continue;
    for (const g of ownDecls(target)) {
      const name = g.decl.name.name;
      const prior = f.globals.get(name);
      if (!prior) f.globals.set(name, g);
      else if (prior.file === f.path)
        st.report("DL2012", `'${name}' here shadows the one imported from '${imp.decl.path}'`, f.path, prior.decl.name.span);
      else if (prior.decl !== g.decl)
        st.report("DL2002", `'${name}' is imported twice: from '${path.basename(prior.file)}' and '${imp.decl.path}'`, f.path, imp.decl.pathSpan);
    }
  }
}
