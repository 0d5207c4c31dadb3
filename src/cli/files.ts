// Reading the files a user names. Missing files, folders and permission
// problems are usage errors with one line (`cannot read 'x.dlnet': no such
// file`); a file that is not text is a DL1007 diagnostic on the file, so it is
// reported with the other diagnostics instead of aborting the run.

import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { diag, UserError, type Diagnostic } from "../compiler/diagnostics";
import { SourceFile } from "../compiler/source";

/** Why a path cannot be read, in a few words, from a Node errno error. */
export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** The bytes of a file, or a UserError naming it and what is wrong. */
export function readBytes(path: string, cwd: string): Buffer {
  const abs = resolve(cwd, path);
  try {
    if (statSync(abs).isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    return readFileSync(abs);
  } catch (e) {
    throw new UserError(`cannot read '${path}': ${describeIoError(e)}`);
  }
}

/** Text as UTF-8, or undefined when the bytes are not text (NUL bytes or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export interface LoadedSource {
  file: SourceFile;
  /** DL1007 when the file is not text (its SourceFile is then empty). */
  diagnostics: Diagnostic[];
}

/** A source file for the compiler; the path is kept as given, for messages. */
export function readSource(path: string, cwd: string): LoadedSource {
  const text = decodeText(readBytes(path, cwd));
  if (text === undefined) {
    const file = new SourceFile(path, "");
    return {
      file,
      diagnostics: [
        diag("DL1007", `'${path}' is not a text file (binary data or invalid UTF-8)`, path, { start: 0, end: 0 }),
      ],
    };
  }
  return { file: new SourceFile(path, text), diagnostics: [] };
}

/**
 * The file system as the checker sees it: text or undefined, never a throw.
 * Binary files are returned decoded lossily, not as undefined: the checker
 * also asks whether weights files (`init = "w.safetensors"`) can be read.
 * `known` serves texts already read (the entry file).
 */
export function fsHost(cwd: string, known: ReadonlyMap<string, string> = new Map()): { readFile(path: string): string | undefined } {
  return {
    readFile(path) {
      const text = known.get(path);
      if (text !== undefined) return text;
      try {
        const abs = resolve(cwd, path);
        if (statSync(abs).isDirectory()) return undefined;
        return readFileSync(abs, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
