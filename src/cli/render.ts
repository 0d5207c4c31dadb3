// Diagnostics as people and tools read them. Text: rustc/tsc style, the
// message, a `-->` location, the source line under a line-number gutter and
// a caret underline, then help (from fix-its) and related spans as notes.
// JSON: a flat record with 1-based positions. Lines and columns are computed
// here, at the edge; diagnostics carry offsets.

import type { Diagnostic, Severity } from "../compiler/diagnostics";
import type { SourceFile, Span } from "../compiler/source";

/** Finds the text of a file a diagnostic points into. */
export type FileLookup = (path: string) => SourceFile | undefined;

export function lookupIn(files: ReadonlyMap<string, SourceFile> | Iterable<SourceFile>): FileLookup {
  if (files instanceof Map) return (p) => files.get(p);
  const map = new Map<string, SourceFile>();
  for (const f of files as Iterable<SourceFile>) map.set(f.path, f);
  return (p) => map.get(p);
}

export interface RenderOptions {
  color: boolean;
}

/** Colors only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  return isTTY;
}

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  blue: "\x1b[34m",
  cyan: "\x1b[36m",
};

type Style = keyof typeof ANSI;

function painter(color: boolean) {
  return (text: string, ...styles: Style[]) =>
    color && text ? styles.map((s) => ANSI[s]).join("") + text + ANSI.reset : text;
}

const SEVERITY_STYLE: Record<Severity | "note", Style> = {
  error: "red",
  warning: "yellow",
  info: "cyan",
  note: "cyan",
};

const TAB = "    ";

export function renderDiagnostic(d: Diagnostic, lookup: FileLookup, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const file = lookup(d.file);
  const spans: { file: SourceFile | undefined; path: string; span: Span }[] = [
    { file, path: d.file, span: d.span },
    ...(d.related ?? []).map((r) => ({ file: lookup(r.file), path: r.file, span: r.span })),
  ];
  const gutter = Math.max(
    1,
    ...spans.map((s) => String(s.file ? s.file.position(s.span.start).line : 1).length),
  );
  const sev = SEVERITY_STYLE[d.severity];
  const out = [paint(`${d.severity}[${d.code}]`, "bold", sev) + paint(`: ${d.message}`, "bold")];
  out.push(...snippet(file, d.file, d.span, gutter, "^", sev, paint));
  const pad = " ".repeat(gutter);
  for (const fix of d.fixes ?? []) {
    const text = fix.message || `replace with '${fix.newText}'`;
    out.push(`${pad} ${paint("=", "bold", "blue")} ${paint("help", "bold")}: ${text}`);
  }
  for (const [i, r] of (d.related ?? []).entries()) {
    const s = spans[i + 1];
    out.push(paint("note", "bold", "cyan") + `: ${r.message}`);
    out.push(...snippet(s.file, s.path, s.span, gutter, "-", "cyan", paint));
  }
  return out.join("\n") + "\n";
}

/** The `-->` line, the source line and its underline (just the location when the text is unknown). */
function snippet(
  file: SourceFile | undefined,
  path: string,
  span: Span,
  gutter: number,
  mark: string,
  style: Style,
  paint: ReturnType<typeof painter>,
): string[] {
  const pad = " ".repeat(gutter);
  const bar = paint("|", "bold", "blue");
  if (!file) return [`${pad}${paint("-->", "bold", "blue")} ${path}`];
  const start = file.position(span.start);
  const end = file.position(Math.max(span.start, span.end));
  const lines = [`${pad}${paint("-->", "bold", "blue")} ${path}:${start.line}:${start.column}`];
  const text = file.lineText(start.line);
  // Underline to the span's end, or to the end of its first line; at least one mark.
  const lastCol = end.line === start.line ? end.column : text.length + 1;
  const before = expandTabs(text.slice(0, start.column - 1));
  const inside = expandTabs(text.slice(start.column - 1, lastCol - 1));
  const width = Math.max(1, inside.length);
  lines.push(`${pad} ${bar}`);
  lines.push(`${paint(String(start.line).padStart(gutter), "bold", "blue")} ${bar} ${expandTabs(text)}`.trimEnd());
  lines.push(`${pad} ${bar} ${" ".repeat(before.length)}${paint(mark.repeat(width), "bold", style)}`);
  return lines;
}

function expandTabs(s: string): string {
  return s.replace(/\t/g, TAB);
}

export function renderDiagnostics(
  diags: readonly Diagnostic[],
  lookup: FileLookup,
  opts: RenderOptions,
): string {
  return diags.map((d) => renderDiagnostic(d, lookup, opts)).join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `2 errors, 1 warning in 3 files`, or `checked 3 files: no errors` on a clean run. */
export function summaryLine(diags: readonly Diagnostic[], fileCount: number): string {
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.filter((d) => d.severity === "warning").length;
  const files = plural(fileCount, "file");
  if (errors === 0) {
    return `checked ${files}: no errors` + (warnings ? `, ${plural(warnings, "warning")}` : "");
  }
  return `${plural(errors, "error")}${warnings ? `, ${plural(warnings, "warning")}` : ""} in ${files}`;
}

/** One diagnostic for `--json`: 1-based positions; the end is exclusive (just past the span). */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export function toJson(d: Diagnostic, lookup: FileLookup): JsonDiagnostic {
  const f = lookup(d.file);
  const s = f ? f.position(d.span.start) : { line: 1, column: 1 };
  const e = f ? f.position(Math.max(d.span.start, d.span.end)) : s;
  return {
    file: d.file,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}
