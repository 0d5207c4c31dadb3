// Shared helpers for the checker tests: an in-memory host and baseline diffs.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkFile, type CheckResult, type CompilerHost } from "../../../src/compiler/check";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

export function memoryHost(files: Record<string, string>): CompilerHost {
  return { readFile: (p) => files[p] ?? files[path.normalize(p)] };
}

/** Checks `main.dlnet` (or the first file) of an in-memory program. */
export function checkSources(files: Record<string, string> | string, entry = "main.dlnet"): CheckResult {
  const map = typeof files === "string" ? { [entry]: files } : files;
  return checkFile(entry, memoryHost(map));
}

export function diskHost(): CompilerHost {
  return {
    readFile(p) {
      try {
        return readFileSync(p, "utf8");
      } catch {
        return undefined; // missing, a folder, unreadable
      }
    },
  };
}

/** Compares `actual` with test/baselines/<name>, rewriting it when UPDATE_BASELINES=1. */
export function matchBaseline(name: string, actual: string): { expected: string; actual: string } {
  const file = path.join(ROOT, "test/baselines", name);
  if (process.env.UPDATE_BASELINES === "1" || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    if (process.env.UPDATE_BASELINES === "1") writeFileSync(file, actual);
    else return { expected: `<missing baseline ${name}; run with UPDATE_BASELINES=1>`, actual };
  }
  return { expected: readFileSync(file, "utf8"), actual };
}

export function codes(r: CheckResult): string[] {
  return r.diagnostics.map((d) => d.code);
}
