// The compiler's front end as the CLI runs it: read each named file, parse and
// check it, collect every diagnostic. `check` prints them all; the other verbs
// call `loadChecked`, which prints them on stderr and stops on errors.

import { normalize } from "node:path";
import { hasErrors, sortDiagnostics, UserError, type Diagnostic } from "../compiler/diagnostics";
import type { SourceFile } from "../compiler/source";
import { checkFile, type CheckResult } from "../compiler/check";
import { parse } from "../compiler/syntax";
import type { Program } from "../compiler/syntax";
import { EXIT, type CliContext } from "./command";
import { fsHost, readSource } from "../host/files";
import { lookupIn, renderDiagnostics, useColor } from "./render";

export interface FrontEndResult {
  /** Every file read (the named ones and their imports), by path. */
  files: Map<string, SourceFile>;
  /** Sorted, without duplicates (a shared import is reported once). */
  diagnostics: Diagnostic[];
  /** The parsed program of every file read. */
  programs: Map<string, Program>;
  /** The checker's answer for each named file that is text (models, train blocks, types). */
  checks: Map<string, CheckResult>;
}

/** Parses and checks one file; throws UserError when it cannot be read. */
function analyzeOne(given: string, cwd: string, into: FrontEndResult): void {
  // `./a.dlnet` and `a.dlnet` are one file: the checker names imports normalized.
  const path = normalize(given);
  const { file, diagnostics } = readSource(path, cwd);
  into.files.set(path, file);
  into.diagnostics.push(...diagnostics);
  if (diagnostics.length) return; // not text: nothing to check
  // The checker reads the entry again through the host: hand it the text already read.
  const host = fsHost(cwd, new Map([[path, file.text]]));
  const checked = checkFile(path, host);
  into.checks.set(path, checked);
  for (const [p, f] of checked.files) {
    into.files.set(p, f.source);
    into.programs.set(p, f.program);
  }
  into.diagnostics.push(...checked.diagnostics);
}

/**
 * Analyzes each path. Unreadable paths are returned as one-line messages (the
 * others are still analyzed, so one typo does not hide every other report).
 */
export function analyze(paths: readonly string[], cwd: string): { result: FrontEndResult; ioErrors: string[] } {
  const result: FrontEndResult = { files: new Map(), diagnostics: [], programs: new Map(), checks: new Map() };
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
export function loadChecked(path: string, ctx: CliContext): CheckedFile | number {
  const { result, ioErrors } = analyze([path], ctx.cwd);
  if (ioErrors.length) throw new UserError(ioErrors[0]);
  reportToStderr(result, ctx);
  const entry = normalize(path);
  const check = result.checks.get(entry);
  return hasErrors(result.diagnostics) || !check ? EXIT.failure : { ...result, entry, check };
}

/** A file that checked without errors: `check.elaborate(model)`, `check.elaborateTrain(name)`. */
export interface CheckedFile extends FrontEndResult {
  /** The file's path as the checker names it (normalized). */
  entry: string;
  check: CheckResult;
}
