// One Diagnostic type for every stage, and the one catalogue of codes.
// Codes by phase: 1xxx syntax, 2xxx names, 3xxx shapes and types,
// 4xxx training, 5xxx codegen limits and export. A code, once published,
// keeps its meaning; add new ones, never renumber.

import type { SourceFile, Span } from "./source";

export type Severity = "error" | "warning" | "info";

export interface RelatedInfo {
  file: string;
  span: Span;
  message: string;
}

/** A replacement that fixes the problem (quick fix in the editor). */
export interface FixIt {
  message: string;
  file: string;
  span: Span;
  newText: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Path of the file the span is in (as given to the compiler). */
  file: string;
  span: Span;
  related?: RelatedInfo[];
  fixes?: FixIt[];
}

export interface CatalogueEntry {
  severity: Severity;
  /** What the code means, for docs/diagnostics.md and hover. */
  summary: string;
}

/**
 * The catalogue. Each stage adds its codes here and creates diagnostics with
 * `diag(...)`, which refuses a code that is not listed.
 */
export const CATALOGUE = {
  // 1xxx syntax
  DL1001: { severity: "error", summary: "unexpected character" },
  DL1002: { severity: "error", summary: "unterminated string" },
  DL1003: { severity: "error", summary: "unterminated block comment" },
  DL1004: { severity: "error", summary: "unexpected token (expected something else)" },
  DL1005: { severity: "error", summary: "missing closing bracket" },
  DL1006: { severity: "error", summary: "invalid number literal" },
  DL1007: { severity: "error", summary: "file cannot be read as text (binary or invalid encoding)" },
  DL1008: { severity: "error", summary: "expression nested too deeply or too long" },
  // 2xxx names
  DL2001: { severity: "error", summary: "unknown name" },
  DL2002: { severity: "error", summary: "duplicate definition" },
  DL2003: { severity: "error", summary: "unknown layer or function" },
  DL2004: { severity: "error", summary: "unknown keyword argument" },
  DL2005: { severity: "error", summary: "missing required argument" },
  DL2006: { severity: "error", summary: "too many arguments" },
  DL2007: { severity: "error", summary: "import cannot be resolved" },
  DL2008: { severity: "error", summary: "import cycle" },
  DL2009: { severity: "error", summary: "unknown model in train block" },
  DL2010: { severity: "warning", summary: "unused binding" },
  DL2011: { severity: "warning", summary: "unused hyperparameter" },
  DL2012: { severity: "warning", summary: "shadowed name" },
  // 3xxx shapes and types
  DL3001: { severity: "error", summary: "shape mismatch" },
  DL3002: { severity: "error", summary: "rank mismatch" },
  DL3003: { severity: "error", summary: "dtype mismatch" },
  DL3004: { severity: "error", summary: "shapes cannot be broadcast" },
  DL3005: { severity: "error", summary: "hyperparameter has the wrong type" },
  DL3006: { severity: "error", summary: "compile-time expression cannot be evaluated" },
  DL3007: { severity: "error", summary: "declared output type disagrees with the inferred one" },
  DL3008: { severity: "error", summary: "index or slice out of range" },
  DL3009: { severity: "error", summary: "value used where a tensor is expected (or the reverse)" },
  DL3010: { severity: "error", summary: "internal checker error (a compiler bug; the rest of the file is still checked)" },
  // 4xxx training
  DL4001: { severity: "error", summary: "missing required train setting" },
  DL4002: { severity: "error", summary: "unknown train setting" },
  DL4003: { severity: "error", summary: "unknown data source, optimizer, schedule, augmentation, loss or metric" },
  DL4004: { severity: "error", summary: "feed does not match a model input" },
  DL4005: { severity: "error", summary: "unknown data field" },
  DL4006: { severity: "warning", summary: "layer never receives a gradient" },
  DL4007: { severity: "warning", summary: "dropout after the output has no effect" },
  DL4008: { severity: "error", summary: "weights file cannot be read or does not match the model" },
  DL4009: { severity: "warning", summary: "weights file does not exist yet (made by another run)" },
  DL4010: { severity: "error", summary: "augmentation does not fit its data field" },
  // 5xxx codegen limits and export
  DL5001: { severity: "error", summary: "model exceeds the device's limits" },
  DL5002: { severity: "error", summary: "cannot be expressed in ONNX" },
  DL5004: { severity: "error", summary: "cannot be expressed in the PyTorch export" },
} satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export function diag(
  code: DiagnosticCode,
  message: string,
  file: string,
  span: Span,
  extra: { related?: RelatedInfo[]; fixes?: FixIt[]; severity?: Severity } = {},
): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  const d: Diagnostic = { code, severity: extra.severity ?? entry.severity, message, file, span };
  if (extra.related?.length) d.related = extra.related;
  if (extra.fixes?.length) d.fixes = extra.fixes;
  return d;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}

/** Diagnostics in reading order: by file, then offset, then code. */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.span.start - b.span.start || a.code.localeCompare(b.code),
  );
}

/** A compiler error a later stage hits on input that check let through: a bug, not user error. */
export class InternalError extends Error {}

/** A user-facing failure outside source diagnostics (bad file, bad flag): printed in one line. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export type { SourceFile };
