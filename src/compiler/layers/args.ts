// Binding a call's arguments to an ArgSpec list: positional (by the layout for
// that count), keywords (PyTorch names or aliases), defaults, kinds. Problems
// come back as data; the checker turns them into diagnostics.

import type { Span } from "../source";
import type { DiagnosticCode } from "../diagnostics";
import { suggest } from "../suggest";
import type { ArgKind, ArgSpec, ArgValue } from "./registry";

export interface ArgInput {
  /** undefined: not a compile-time value (a tensor, or an error already reported). */
  readonly value: ArgValue | undefined;
  readonly span: Span;
  /**
   * The value holds sizes known only by name (a generic check of a layer):
   * where a number is needed it is unknown, not an error.
   */
  readonly symbolic?: boolean;
}

export interface KeywordInput extends ArgInput {
  readonly name: string;
  readonly nameSpan: Span;
}

export interface ArgProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly span: Span;
  /** For DL2004: the replacement keyword. */
  readonly suggestion?: string;
}

export function kindMatches(kind: ArgKind, v: ArgValue): boolean {
  switch (kind) {
    case "int":
    case "axis":
      return typeof v === "number" && Number.isInteger(v);
    case "dim":
      return (typeof v === "number" && Number.isInteger(v)) || typeof v === "string";
    case "float":
      return typeof v === "number";
    case "bool":
      return typeof v === "boolean";
    case "string":
      return typeof v === "string";
    case "ints":
      return (typeof v === "number" && Number.isInteger(v)) || (Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isInteger(x)));
    case "dims":
      return Array.isArray(v) && v.every((x) => (typeof x === "number" && Number.isInteger(x)) || typeof x === "string");
    case "floats":
      return Array.isArray(v) && v.every((x) => typeof x === "number");
    case "strings":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
  }
}

const KIND_TEXT: Record<ArgKind, string> = {
  int: "an int", dim: "a size (int or dim)", axis: "an int axis", float: "a number", bool: "a bool",
  string: "a string", ints: "an int or a list of ints", dims: "a list of sizes", floats: "a list of numbers", strings: "a list of strings",
};

export function showArg(v: ArgValue): string {
  return Array.isArray(v) ? `[${v.map(showArg).join(", ")}]` : typeof v === "string" ? JSON.stringify(v) : String(v);
}

/**
 * Binds arguments. `callee` names the thing in messages. Values that are
 * undefined (unknown) bind as undefined without a kind error, so an earlier
 * error does not cascade.
 */
const NO_NAMES: ReadonlySet<string> = new Set();

export function bindArgs(
  callee: string,
  specs: readonly ArgSpec[],
  layouts: readonly (readonly string[])[] | undefined,
  positional: readonly ArgInput[],
  keywords: readonly KeywordInput[],
  whole: Span,
): { args: Record<string, ArgValue | undefined>; problems: ArgProblem[]; unknown: ReadonlySet<string> } {
  const problems: ArgProblem[] = [];
  const args: Record<string, ArgValue | undefined> = {};
  const given = new Map<string, ArgInput>();
  // Made on the first unknown argument: most calls have none (every layer application binds its arguments).
  let unknown: Set<string> | undefined;
  const rest = specs.find((s) => s.rest);
  let layout: readonly string[];
  if (rest) layout = [];
  else layout = layouts?.find((l) => l.length === positional.length) ?? specs.map((s) => s.name).slice(0, Math.max(positional.length, 0));
  if (rest) {
    const vals = positional.map((p) => p.value);
    if (positional.length === 1 && Array.isArray(vals[0])) given.set(rest.name, positional[0]);
    else if (positional.length > 0) {
      const v = vals.some((x) => x === undefined) ? undefined : (vals as ArgValue[]);
      given.set(rest.name, { value: v, span: { start: positional[0].span.start, end: positional[positional.length - 1].span.end } });
    }
  } else {
    let max = specs.length;
    for (const l of layouts ?? []) if (l.length > max) max = l.length;
    if (positional.length > max || layout.length < positional.length) {
      const extra = positional[Math.min(layout.length, positional.length - 1)];
      problems.push({
        code: "DL2006",
        message: `${callee} takes at most ${max} positional argument${max === 1 ? "" : "s"} but receives ${positional.length}`,
        span: extra.span,
      });
    }
    layout.forEach((name, i) => positional[i] && given.set(name, positional[i]));
  }
  for (const k of keywords) {
    const spec = specs.find((s) => s.name === k.name || s.aliases?.includes(k.name));
    if (!spec) {
      const names = specs.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
      // `hidden` for `hidden_size`, `layers` for `num_layers`: one word of exactly one argument's name.
      const byWord = names.filter((n) => n.split("_").includes(k.name.toLowerCase()));
      const sug = suggest(k.name, names) ?? (byWord.length === 1 ? byWord[0] : undefined);
      problems.push({
        code: "DL2004",
        message: `${callee} has no argument '${k.name}'${sug ? `; did you mean '${sug}'?` : ""} (arguments: ${specs.map((s) => s.name).join(", ") || "none"})`,
        span: k.nameSpan,
        suggestion: sug,
      });
      continue;
    }
    if (given.has(spec.name)) {
      problems.push({ code: "DL2006", message: `${callee}: argument '${spec.name}' is given twice`, span: k.span });
      continue;
    }
    given.set(spec.name, k);
  }
  const suggested: ReadonlySet<string> = problems.length ? new Set(problems.map((p) => p.suggestion).filter((x) => x !== undefined)) : NO_NAMES;
  for (const s of specs) {
    const g = given.get(s.name);
    if (!g) {
      // A misspelt keyword already reported with this argument as the suggestion: one error is enough.
      const misspelt = suggested.has(s.name) || (s.aliases ?? []).some((a) => suggested.has(a));
      if (s.required && misspelt) (unknown ??= new Set()).add(s.name);
      else if (s.required) problems.push({ code: "DL2005", message: `${callee} needs argument '${s.name}'`, span: whole });
      args[s.name] = s.default;
      continue;
    }
    if (g.value === undefined) {
      (unknown ??= new Set()).add(s.name);
      args[s.name] = undefined;
      continue;
    }
    let v = g.value;
    // An int where a list is expected is a one-element list (`dims`), a number where float is fine.
    if (s.kind === "dims" && !Array.isArray(v)) v = [v];
    if (!kindMatches(s.kind, v)) {
      if (g.symbolic) {
        (unknown ??= new Set()).add(s.name);
        args[s.name] = undefined;
        continue;
      }
      problems.push({ code: "DL3005", message: `${callee}: '${s.name}' must be ${KIND_TEXT[s.kind]}, found ${showArg(v)}`, span: g.span });
      (unknown ??= new Set()).add(s.name);
      args[s.name] = undefined;
      continue;
    }
    args[s.name] = v;
  }
  return { args, problems, unknown: unknown ?? NO_NAMES };
}
