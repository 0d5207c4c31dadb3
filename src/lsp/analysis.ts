// What the server knows about one document: the front end's answer for it
// (parse, then the checker over the file and its imports), behind one small
// interface so every feature reads the same thing. No second parser: the
// syntax tree, types and name links all come from src/compiler.

import type { Diagnostic } from "../compiler/diagnostics";
import { SourceFile, type Span } from "../compiler/source";
import { parse, type Comment, type Node, type Program } from "../compiler/syntax/index";
import { checkFile, type CheckResult, type CompilerHost, type LayerCheckCache, type ParseCache, type TensorType } from "../compiler/check/index";
import { walk } from "./nodes";

/** The checker's host (see CompilerHost): readFile must prefer open editor buffers over the disk. */
export type Host = CompilerHost;

export interface Site {
  file: string;
  span: Span;
}

export interface LoadedFile {
  file: SourceFile;
  program: Program;
}

export interface Analysis {
  path: string;
  file: SourceFile;
  program: Program;
  comments: readonly Comment[];
  /** Diagnostics of every file analysed (this one and its imports). */
  diagnostics: readonly Diagnostic[];
  /** Every file loaded, this one included, by path. */
  files: ReadonlyMap<string, LoadedFile>;
  /** The tensor type of an expression or binding name, when the checker inferred one. */
  typeOf(node: Node): TensorType | undefined;
  /** Where a name (NameRef or Ident) is defined. */
  definitionOf(node: Node): Site | undefined;
  /** Every use of a definition, the definition itself included. */
  referencesOf(def: Site): Site[];
}

/** Find the name node a definition site points at (an Ident or NameRef with exactly that span). */
function nodeAt(program: Program, span: Span): Node | undefined {
  for (const n of walk(program)) if ((n.kind === "Ident" || n.kind === "Name") && n.span.start === span.start && n.span.end === span.end) return n;
  return undefined;
}

/**
 * Analyse `text` as the file at `path`: the checker over it and its imports
 * (read through `host`, which must prefer open documents), reusing parses of
 * unchanged files from `cache` (and unchanged declarations of the edited
 * file), and generic checks of unchanged layers from `layerCache`. If the
 * checker fails (a bug), the answer degrades to the syntax alone rather than
 * taking the editor's features down.
 */
export function analyze(path: string, text: string, host: Host, cache: ParseCache = new Map(), layerCache?: LayerCheckCache): Analysis {
  const overlay: Host = { ...host, readFile: (p) => (p === path ? text : host.readFile(p)) };
  let result: CheckResult | undefined;
  try {
    result = checkFile(path, overlay, { parseCache: cache, layerCache });
  } catch (e) {
    onCheckerError?.(e);
  }
  const entry = cache.get(path);
  if (!result || !entry || entry.text !== text) return syntaxOnly(path, text);
  const files = new Map<string, LoadedFile>();
  for (const [p, f] of result.files) files.set(p, { file: f.source, program: f.program });
  const r = result;
  return {
    path,
    file: entry.source,
    program: entry.result.program,
    comments: entry.result.comments,
    diagnostics: r.diagnostics,
    files,
    typeOf: (node) => r.typeOf(node),
    definitionOf: (node) => r.definitionOf(node),
    referencesOf(def) {
      const program = r.files.get(def.file)?.program;
      const node = program && nodeAt(program, def.span);
      return node ? r.referencesOf(node) : [];
    },
  };
}

/** Called when the checker throws (the server logs it). */
export let onCheckerError: ((e: unknown) => void) | undefined;
export function setCheckerErrorHandler(f: ((e: unknown) => void) | undefined): void {
  onCheckerError = f;
}

function syntaxOnly(path: string, text: string): Analysis {
  const file = new SourceFile(path, text);
  const parsed = parse(file);
  const files = new Map<string, LoadedFile>([[path, { file, program: parsed.program }]]);
  return {
    path,
    file,
    program: parsed.program,
    comments: parsed.comments,
    diagnostics: parsed.diagnostics,
    files,
    typeOf: () => undefined,
    definitionOf: () => undefined,
    referencesOf: () => [],
  };
}
