// Reading data files named in a train block: relative paths resolve against
// the .dlnet file's folder; failures are one-line UserErrors.

import { readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { UserError } from "../../compiler/diagnostics";

export function resolveDataPath(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

export function readDataFile(path: string, what: string): Buffer {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(code ?? e);
    throw new UserError(`${what}: cannot read '${path}': ${why}`);
  }
}

export function readDataText(path: string, what: string): string {
  const bytes = readDataFile(path, what);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${what}: '${path}' is not UTF-8 text`);
  }
}
