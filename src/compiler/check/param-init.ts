// Initialisers of raw `param`s: `zeros`, `ones`, `normal(std)` (or
// `normal(mean: m, std: s)`), `uniform(low, high)`, `xavier` (uniform),
// `kaiming` (uniform, ReLU gain). Without one: PyTorch's Linear default,
// kaiming_uniform(a = √5), for rank >= 2; zeros for scalars and vectors.
// Fans follow torch.nn.init: fan_in = dim 1 × receptive field, fan_out = dim 0 × receptive field.

import type { Expr } from "../syntax/ast";
import { bindArgs } from "../layers/args";
import { kaimingUniform, ONES, xavierUniform, ZEROS, type ArgSpec, type InitSpec } from "../layers/registry";
import type { Dim } from "../dims";
import { report, type Cx } from "./expr";
import { reportArgProblems } from "./apply";
import { suggest } from "../suggest";
import { evalExpr } from "./expr";
import { toArg } from "./values";

const INITS: Record<string, readonly ArgSpec[]> = {
  zeros: [],
  ones: [],
  normal: [
    { name: "std", kind: "float", default: 1 },
    { name: "mean", kind: "float", default: 0 },
  ],
  uniform: [
    { name: "low", kind: "float", default: 0 },
    { name: "high", kind: "float", default: 1 },
  ],
  xavier: [],
  kaiming: [],
};

export const INIT_NAMES = Object.keys(INITS);

function fans(shape: readonly Dim[]): { fanIn: number; fanOut: number } {
  const n = shape.map((d) => (typeof d === "number" ? d : 1));
  if (n.length < 2) return { fanIn: n[0] ?? 1, fanOut: n[0] ?? 1 };
  const rf = n.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: n[1] * rf, fanOut: n[0] * rf };
}

export function defaultInit(shape: readonly Dim[]): InitSpec {
  return shape.length >= 2 ? kaimingUniform(fans(shape).fanIn) : ZEROS;
}

export function paramInit(cx: Cx, e: Expr | undefined, shape: readonly Dim[]): InitSpec | undefined {
  if (!e) return defaultInit(shape);
  const callee = e.kind === "Call" ? e.callee : e;
  if (callee.kind !== "Name") {
    report(cx, "DL3005", `a param's init must be one of ${INIT_NAMES.join(", ")}`, e.span);
    return undefined;
  }
  const specs = INITS[callee.name];
  if (!specs) {
    const sug = suggest(callee.name, INIT_NAMES);
    report(cx, "DL2001", `unknown initialiser '${callee.name}'${sug ? `; did you mean '${sug}'?` : ""} (${INIT_NAMES.join(", ")})`, callee.span, {
      fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: callee.span, newText: sug }] : [],
    });
    return undefined;
  }
  const args = e.kind === "Call" ? e.args : [];
  const positional = [];
  const keywords = [];
  for (const a of args) {
    const v = evalExpr(cx, a.value);
    const value = v.k === "const" ? toArg(v.c) : undefined;
    if (a.name) keywords.push({ name: a.name.name, nameSpan: a.name.span, value, span: a.span });
    else positional.push({ value, span: a.span });
  }
  const r = bindArgs(callee.name, specs, undefined, positional, keywords, e.span);
  reportArgProblems(cx, r.problems);
  const { fanIn, fanOut } = fans(shape);
  switch (callee.name) {
    case "zeros":
      return ZEROS;
    case "ones":
      return ONES;
    case "normal":
      return { kind: "normal", mean: (r.args.mean as number) ?? 0, std: (r.args.std as number) ?? 1 };
    case "uniform":
      return { kind: "uniform", low: (r.args.low as number) ?? 0, high: (r.args.high as number) ?? 1 };
    case "xavier":
      return xavierUniform(fanIn, fanOut);
    default:
      return kaimingUniform(fanIn, 0);
  }
}
