// A call's arguments as the argument binder takes them: compile-time values
// (undefined where an argument is not one), positional and by keyword. Used by
// the train block's calls (data sources, optimizers, transforms) whose
// arguments are plain values.

import type { Span } from "../source";
import type { Expr } from "../syntax/ast";
import { bindArgs, type ArgInput, type KeywordInput } from "../layers/args";
import type { ArgSpec, Args } from "../layers/registry";
import { suggest } from "../suggest";
import { reportArgProblems } from "./apply";
import { evalExpr, type Cx } from "./expr";
import { toArg } from "./values";

export function callArgs(cx: Cx, e: Expr): { name?: string; nameSpan?: Span; positional: ArgInput[]; keywords: KeywordInput[] } {
  const callee = e.kind === "Call" ? e.callee : e;
  const positional: ArgInput[] = [];
  const keywords: KeywordInput[] = [];
  for (const a of e.kind === "Call" ? e.args : []) {
    const v = evalExpr(cx, a.value);
    const value = v.k === "const" ? toArg(v.c) : undefined;
    if (a.name) keywords.push({ name: a.name.name, nameSpan: a.name.span, value, span: a.span });
    else positional.push({ value, span: a.span });
  }
  return callee.kind === "Name" ? { name: callee.name, nameSpan: callee.span, positional, keywords } : { positional, keywords };
}

/** A call of one of `defs` by name (DL4003 with a suggestion when it is none), its arguments bound; undefined after a reported problem. */
export function namedCall<D extends { name: string; args: readonly ArgSpec[] }>(cx: Cx, e: Expr, what: string, defs: ReadonlyMap<string, D>): { name: string; args: Args; def: D } | undefined {
  const c = callArgs(cx, e);
  const path = cx.env.file.path;
  if (!c.name) {
    cx.st.report("DL4003", `${what} must be one of ${[...defs.keys()].join(", ")}`, path, e.span);
    return undefined;
  }
  const def = defs.get(c.name);
  if (!def) {
    const sug = suggest(c.name, defs.keys());
    cx.st.report("DL4003", `unknown ${what} '${c.name}'${sug ? `; did you mean '${sug}'?` : ""} (${[...defs.keys()].join(", ")})`, path, c.nameSpan!, {
      fixes: sug ? [{ message: `Replace with '${sug}'`, file: path, span: c.nameSpan!, newText: sug }] : [],
    });
    return undefined;
  }
  const r = bindArgs(def.name, def.args, undefined, c.positional, c.keywords, e.span);
  reportArgProblems(cx, r.problems);
  return r.problems.length || r.unknown.size ? undefined : { name: def.name, args: r.args, def };
}
