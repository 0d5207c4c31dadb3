// Golden files for the syntax tests: test/baselines/<case>.<kind>, rewritten
// when UPDATE_BASELINES=1, otherwise compared.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Diagnostic } from "../../../src/compiler/diagnostics";
import type { SourceFile } from "../../../src/compiler/source";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export function expectBaseline(name: string, actual: string): void {
  const path = join(ROOT, "test/baselines", name);
  if (process.env.UPDATE_BASELINES === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `missing baseline ${name} (run with UPDATE_BASELINES=1)`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** Diagnostics drawn under their source line, like tsc's error baselines. */
export function renderDiagnostics(file: SourceFile, diags: readonly Diagnostic[]): string {
  const out: string[] = [];
  for (const d of diags) {
    const a = file.position(d.span.start);
    const b = file.position(d.span.end);
    out.push(`${file.path}:${a.line}:${a.column} ${d.severity} ${d.code}: ${d.message}`);
    // control characters drawn as their Unicode pictures, so a baseline stays text
    const src = file.lineText(a.line).replace(/[\u0000-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)));
    const width = b.line === a.line ? Math.max(1, b.column - a.column) : Math.max(1, src.length - a.column + 1);
    out.push(`  ${src}`, `  ${" ".repeat(a.column - 1)}${"^".repeat(width)}`);
    for (const r of d.related ?? []) {
      const p = file.position(r.span.start);
      out.push(`  related ${p.line}:${p.column}: ${r.message}`);
    }
  }
  return out.join("\n") + (out.length ? "\n" : "");
}
