// Reading the files a user names. Missing files, folders and permission
// problems are usage errors with one line (`cannot read 'x.dlnet': no such
// file`); a file that is not text is a DL1007 diagnostic on the file, so it is
// reported with the other diagnostics instead of aborting the run.

import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { diag, UserError, type Diagnostic } from "../compiler/diagnostics";
import { SourceFile } from "../compiler/source";
import { MAX_SOURCE_BYTES, type CompilerHost, type FileStat } from "../compiler/check/program";

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
    const s = statSync(abs);
    if (s.isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    // Opening a FIFO blocks and a device never ends.
    if (!s.isFile()) throw new UserError(`cannot read '${path}': not a regular file (a FIFO, socket or device)`);
    return readFileSync(abs);
  } catch (e) {
    if (e instanceof UserError) throw e;
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
 * The file system as the checker sees it: text or undefined, never a throw,
 * and never a blocking open. `stat` and `readBytes` let the checker refuse
 * FIFOs and devices and read only a data file's header (data-files.ts);
 * `readFile` itself reads regular files only. `known` serves texts already
 * read (the entry file); relative paths are relative to `cwd`.
 */
export function fsHost(cwd: string, known: ReadonlyMap<string, string> = new Map()): Required<CompilerHost> {
  return {
    stat: (path) => statPath(resolve(cwd, path)),
    readBytes: (path, start, length) => readRange(resolve(cwd, path), start, length),
    readFile(path) {
      const text = known.get(path);
      if (text !== undefined) return text;
      const abs = resolve(cwd, path);
      const s = statPath(abs);
      if (s?.kind !== "file" || s.size > MAX_SOURCE_BYTES) return undefined;
      try {
        return readFileSync(abs, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** What is at `abs`, following symbolic links; undefined when nothing (or unreachable). */
export function statPath(abs: string): FileStat | undefined {
  try {
    const s = statSync(abs);
    return { kind: s.isFile() ? "file" : s.isDirectory() ? "directory" : "special", size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Up to `length` bytes of the regular file at `abs` from `start` (a FIFO or device is never opened). */
export function readRange(abs: string, start: number, length: number): Uint8Array | undefined {
  if (statPath(abs)?.kind !== "file") return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(abs, "r");
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, start);
    return buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Folders never searched for sources: dependencies and build output (hidden folders are skipped too). */
const SKIP_DIRS = new Set(["node_modules", "dist", "build", "out"]);

/**
 * The .dlnet files under `dir`, sorted, at most `limit`: hidden folders,
 * dependencies and build output skipped, symbolic links not followed (a link
 * to a parent would never end). An unreadable folder is left out.
 */
export function dlnetFilesUnder(dir: string, limit = Infinity): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(join(d, e.name));
      } else if (e.isFile() && e.name.endsWith(".dlnet")) out.push(join(d, e.name));
    }
  };
  visit(dir);
  return out;
}
