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
const NO_PROBLEMS: readonly ArgProblem[] = Object.freeze([]);

/** The index in `specs` of the argument a keyword names (its name or an alias), or -1. */
function specNamed(specs: readonly ArgSpec[], name: string): number {
  for (let i = 0; i < specs.length; i++) if (specs[i].name === name || specs[i].aliases?.includes(name)) return i;
  return -1;
}

/** The index in `specs` of the argument called `name`, or -1. */
function specIndex(specs: readonly ArgSpec[], name: string): number {
  for (let i = 0; i < specs.length; i++) if (specs[i].name === name) return i;
  return -1;
}

/**
 * Every argument at its default, in spec order, by spec list: a binding
 * starts from a copy (one object of the right size) and overwrites what is given.
 */
const defaultsOf = new WeakMap<readonly ArgSpec[], Readonly<Record<string, ArgValue | undefined>>>();

function defaults(specs: readonly ArgSpec[]): Readonly<Record<string, ArgValue | undefined>> {
  let d = defaultsOf.get(specs);
  if (!d) {
    const o: Record<string, ArgValue | undefined> = {};
    for (const s of specs) o[s.name] = s.default;
    defaultsOf.set(specs, (d = o));
  }
  return d;
}

// Every layer application binds its arguments: what is given is kept by spec
// index (no map), and the problem list is made on the first problem.
export function bindArgs(
  callee: string,
  specs: readonly ArgSpec[],
  layouts: readonly (readonly string[])[] | undefined,
  positional: readonly ArgInput[],
  keywords: readonly KeywordInput[],
  whole: Span,
): { args: Record<string, ArgValue | undefined>; problems: readonly ArgProblem[]; unknown: ReadonlySet<string> } {
  let problems: ArgProblem[] | undefined;
  const args: Record<string, ArgValue | undefined> = { ...defaults(specs) };
  /** What is given for each spec, by index (none when nothing is). */
  const given: (ArgInput | undefined)[] | undefined = positional.length || keywords.length ? new Array(specs.length).fill(undefined) : undefined;
  // Made on the first unknown argument: most calls have none (every layer application binds its arguments).
  let unknown: Set<string> | undefined;
  const rest = specs.findIndex((s) => s.rest);
  if (rest >= 0) {
    if (positional.length === 1 && Array.isArray(positional[0].value)) given![rest] = positional[0];
    else if (positional.length > 0) {
      const v = positional.some((p) => p.value === undefined) ? undefined : positional.map((p) => p.value as ArgValue);
      given![rest] = { value: v, span: { start: positional[0].span.start, end: positional[positional.length - 1].span.end } };
    }
  } else if (positional.length > 0) {
    // The layout for this count, else the specs in order.
    const layout = layouts?.find((l) => l.length === positional.length);
    const layoutLength = layout ? layout.length : Math.min(specs.length, positional.length);
    let max = specs.length;
    for (const l of layouts ?? []) if (l.length > max) max = l.length;
    if (positional.length > max || layoutLength < positional.length) {
      const extra = positional[Math.min(layoutLength, positional.length - 1)];
      (problems ??= []).push({
        code: "DL2006",
        message: `${callee} takes at most ${max} positional argument${max === 1 ? "" : "s"} but receives ${positional.length}`,
        span: extra.span,
      });
    }
    for (let i = 0; i < layoutLength && i < positional.length; i++) {
      const at = layout ? specIndex(specs, layout[i]) : i;
      if (at >= 0) given![at] = positional[i];
    }
  }
  for (const k of keywords) {
    const at = specNamed(specs, k.name);
    if (at < 0) {
      const names = specs.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
      // `hidden` for `hidden_size`, `layers` for `num_layers`: one word of exactly one argument's name.
      const byWord = names.filter((n) => n.split("_").includes(k.name.toLowerCase()));
      const sug = suggest(k.name, names) ?? (byWord.length === 1 ? byWord[0] : undefined);
      (problems ??= []).push({
        code: "DL2004",
        message: `${callee} has no argument '${k.name}'${sug ? `; did you mean '${sug}'?` : ""} (arguments: ${specs.map((s) => s.name).join(", ") || "none"})`,
        span: k.nameSpan,
        suggestion: sug,
      });
      continue;
    }
    if (given?.[at]) {
      (problems ??= []).push({ code: "DL2006", message: `${callee}: argument '${specs[at].name}' is given twice`, span: k.span });
      continue;
    }
    given![at] = k;
  }
  const suggested: ReadonlySet<string> = problems ? new Set(problems.map((p) => p.suggestion).filter((x) => x !== undefined)) : NO_NAMES;
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    const g = given?.[i];
    if (!g) {
      // A misspelt keyword already reported with this argument as the suggestion: one error is enough.
      const misspelt = suggested.size > 0 && (suggested.has(s.name) || (s.aliases ?? []).some((a) => suggested.has(a)));
      if (s.required && misspelt) (unknown ??= new Set()).add(s.name);
      else if (s.required) (problems ??= []).push({ code: "DL2005", message: `${callee} needs argument '${s.name}'`, span: whole });
      continue; // at its default already
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
      (problems ??= []).push({ code: "DL3005", message: `${callee}: '${s.name}' must be ${KIND_TEXT[s.kind]}, found ${showArg(v)}`, span: g.span });
      (unknown ??= new Set()).add(s.name);
      args[s.name] = undefined;
      continue;
    }
    args[s.name] = v;
  }
  return { args, problems: problems ?? NO_PROBLEMS, unknown: unknown ?? NO_NAMES };
}
