// Small helpers for writing Python source: literals, identifiers, indentation,
// and the one error type the PyTorch export raises for what it cannot express
// (turned into a DL5004 diagnostic at the construct's span by index.ts).

import type { Span } from "../../source";

/** Something the export cannot write as PyTorch code; `file`/`span` locate the construct. */
export class NotExpressible extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** A float literal that Python reads back as the same double: `0.1307`, `2.0`, `1e-05`, `float("inf")`. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : '-float("inf")';
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

export function pyInt(v: number): string {
  return String(Math.trunc(v));
}

/** A JSON string is a valid Python string literal for the text dlnet allows (no lone surrogates). */
export function pyStr(s: string): string {
  return JSON.stringify(s);
}

export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

/** A tuple literal: `(3, 3)`, `(1,)`, `()`. */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

const KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for from global if " +
    "import in is lambda nonlocal not or pass raise return try while with yield match case").split(" "),
);

export function isPyKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

/** A Python identifier made from a dlnet name (dlnet identifiers are already `[A-Za-z_]\w*`). */
export function pyIdent(name: string): string {
  return isPyKeyword(name) ? `${name}_` : name;
}

export function indent(lines: readonly string[], by = "    "): string[] {
  return lines.map((l) => (l ? by + l : l));
}
