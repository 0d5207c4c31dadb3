// What the server knows about one document: the front end's answer for it
// (parse, then the checker over the file and its imports), behind one small
// interface so every feature reads the same thing. No second parser: the
// syntax tree, types and name links all come from src/compiler.

import type { Diagnostic } from "../compiler/diagnostics";
import { SourceFile, type Span } from "../compiler/source";
import { parse, type Comment, type Node, type Program } from "../compiler/syntax/index";
import type { TensorType } from "../compiler/check/shapes";

export interface Host {
  /** The text of a file: an open editor buffer first, else the disk; undefined if unreadable. */
  readFile(path: string): string | undefined;
}

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

export function analyze(path: string, text: string, _host: Host): Analysis {
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
