// The compiler's front end as the CLI runs it: read each named file, parse and
// check it, collect every diagnostic. `check` prints them all; the other verbs
// call `loadChecked`, which prints them on stderr and stops on errors.

import { hasErrors, sortDiagnostics, UserError, type Diagnostic } from "../compiler/diagnostics";
import type { SourceFile } from "../compiler/source";
import { parse } from "../compiler/syntax";
import type { Program } from "../compiler/syntax";
import { EXIT, type CliContext } from "./command";
import { readSource } from "./files";
import { lookupIn, renderDiagnostics, useColor } from "./render";

export interface FrontEndResult {
  /** Every file read (the named ones and, once the checker runs, their imports), by path. */
  files: Map<string, SourceFile>;
  /** Sorted, without duplicates (a shared import is reported once). */
  diagnostics: Diagnostic[];
  /** The parsed program of each named file. */
  programs: Map<string, Program>;
}

/** Parses and checks one file; throws UserError when it cannot be read. */
function analyzeOne(path: string, cwd: string, into: FrontEndResult): void {
  const { file, diagnostics } = readSource(path, cwd);
  into.files.set(path, file);
  into.diagnostics.push(...diagnostics);
  if (diagnostics.length) return; // not text: nothing to parse
  // SWITCH POINT: parser only until src/compiler/check lands; then
  // `checkFile(path, fsHost(cwd))` and merge its files and diagnostics here.
  const parsed = parse(file);
  into.programs.set(path, parsed.program);
  into.diagnostics.push(...parsed.diagnostics);
}

/**
 * Analyzes each path. Unreadable paths are returned as one-line messages (the
 * others are still analyzed, so one typo does not hide every other report).
 */
export function analyze(paths: readonly string[], cwd: string): { result: FrontEndResult; ioErrors: string[] } {
  const result: FrontEndResult = { files: new Map(), diagnostics: [], programs: new Map() };
  const ioErrors: string[] = [];
  for (const p of paths) {
    try {
      analyzeOne(p, cwd, result);
    } catch (e) {
      if (e instanceof UserError) ioErrors.push(e.message);
      else throw e;
    }
  }
  result.diagnostics = dedupe(sortDiagnostics(result.diagnostics));
  return { result, ioErrors };
}

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.file}\0${d.span.start}\0${d.span.end}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Prints diagnostics on stderr (colored on a terminal). */
export function reportToStderr(result: Pick<FrontEndResult, "files" | "diagnostics">, ctx: CliContext): void {
  if (!result.diagnostics.length) return;
  const color = useColor(ctx.stderrIsTTY, ctx.env);
  ctx.stderr.write(renderDiagnostics(result.diagnostics, lookupIn(result.files), { color }));
}

/** Syntax only (for `compile --emit ast`): the program, or the exit code after printing syntax errors. */
export function loadParsed(path: string, ctx: CliContext): { file: SourceFile; program: Program } | number {
  const { file, diagnostics } = readSource(path, ctx.cwd);
  const parsed = diagnostics.length ? undefined : parse(file);
  const diags = sortDiagnostics([...diagnostics, ...(parsed?.diagnostics ?? [])]);
  reportToStderr({ files: new Map([[path, file]]), diagnostics: diags }, ctx);
  return parsed && !hasErrors(diags) ? { file, program: parsed.program } : EXIT.failure;
}

/**
 * For verbs that compile one file (compile, train, run, export): analyze it,
 * print its diagnostics on stderr, and return the result only when there is
 * no error; otherwise the exit code to return (1 errors, 2 unreadable).
 */
export function loadChecked(path: string, ctx: CliContext): FrontEndResult | number {
  const { result, ioErrors } = analyze([path], ctx.cwd);
  if (ioErrors.length) throw new UserError(ioErrors[0]);
  reportToStderr(result, ctx);
  return hasErrors(result.diagnostics) ? EXIT.failure : result;
}
