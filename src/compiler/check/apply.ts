// Layers and functions in action: building templates from constructor calls,
// instantiating them (naming, weight sharing), applying instances to tensors
// through the registry's shape rules, and calling built-in functions.

import type { Span } from "../source";
import type { Arg, LayerDecl } from "../syntax/ast";
import { bindArgs, type ArgInput, type KeywordInput } from "../layers/args";
import { isShapeError, type Args, type FunctionDef, type LayerDef, type ParamDecl } from "../layers/registry";
import { reducedAxes } from "../layers/functions/reductions";
import { Env, Scope } from "./context";
import type { BuiltinInstance, EApply, ENode, LayerInstance, ParamInfo } from "./elaborated";
import { applyStage, display, evalExpr, report, tensorValue, type Cx } from "./expr";
import { applyUserLayer, bindUserArgs, userHParams } from "./layer-body";
import { applyOp } from "./op";
import { isConcrete, normAxis } from "../dims";
import { showShape, showType, typeEq } from "../tensor-type";
import { toTensor } from "./tensor-ops";
import { suggest } from "../suggest";
import { UNKNOWN, describe, hasSym, snakeCase, toArg, type CVal, type Template, type Value } from "./values";

export { applyOp };

/** What the checker keeps about an instance beyond the elaborated record. */
interface InstanceImpl {
  readonly template: Template;
  /** A built-in's (last) application: what `lstm.h_n` reads a state of (LayerDef.states). */
  application?: EApply;
  /** A built-in applied in a generic check: its params are made on the first read (builtinParams). */
  paramsPending?: boolean;
}
const impls = new WeakMap<LayerInstance, InstanceImpl>();

/** A built-in instance's params until it is first applied (replaced, never pushed to). */
const NO_PARAMS: readonly ParamInfo[] = Object.freeze([]);

/** The template an instance was made from. */
export function templateOf(inst: LayerInstance): Template | undefined {
  return impls.get(inst)?.template;
}

// ---------------------------------------------------------------- templates

/** A call argument with its value, evaluated once. */
export interface EvaluatedArg {
  readonly arg: Arg;
  readonly v: Value;
}

export function evalArgs(cx: Cx, args: readonly Arg[]): EvaluatedArg[] {
  return args.map((arg) => ({ arg, v: evalExpr(cx, arg.value) }));
}

const NO_INPUTS: ArgInput[] = Object.freeze([]) as unknown as ArgInput[];
const NO_KEYWORD_INPUTS: KeywordInput[] = Object.freeze([]) as unknown as KeywordInput[];
const NO_ARG_INPUTS: { positional: readonly ArgInput[]; keywords: readonly KeywordInput[] } = { positional: NO_INPUTS, keywords: NO_KEYWORD_INPUTS };

function argInputs(cx: Cx, args: readonly EvaluatedArg[], callee: string): { positional: readonly ArgInput[]; keywords: readonly KeywordInput[] } {
  // A layer named without arguments (`-> LayerNorm`, `-> GELU`): most stages.
  if (args.length === 0) return NO_ARG_INPUTS;
  // Lists of their exact lengths (pushed into from empty, each would reserve 17 slots).
  let named = 0;
  for (let i = 0; i < args.length; i++) if (args[i].arg.name) named++;
  const positional: ArgInput[] = named === args.length ? NO_INPUTS : new Array(args.length - named);
  const keywords: KeywordInput[] = named === 0 ? NO_KEYWORD_INPUTS : new Array(named);
  let p = 0;
  let k = 0;
  for (let i = 0; i < args.length; i++) {
    const { arg: a, v } = args[i];
    let value = undefined;
    if (v.k === "const") value = toArg(v.c);
    else if (v.k !== "unknown")
      report(cx, "DL3009", `${callee} takes compile-time arguments (numbers, bools, strings), found ${describe(v)}`, a.value.span);
    const symbolic = cx.env.generic && v.k === "const" && hasSym(v.c);
    if (a.name) keywords[k++] = { name: a.name.name, nameSpan: a.name.span, value, span: a.span, symbolic };
    else positional[p++] = { value, span: a.span, symbolic };
  }
  return { positional, keywords };
}

export function reportArgProblems(cx: Cx, problems: ReturnType<typeof bindArgs>["problems"]): void {
  if (problems.length === 0) return; // every layer application comes here
  for (const p of problems) {
    const fixes = p.suggestion ? [{ message: `Replace with '${p.suggestion}'`, file: cx.env.file.path, span: p.span, newText: p.suggestion }] : [];
    report(cx, p.code, p.message, p.span, { fixes });
  }
}

export function builtinTemplate(cx: Cx, def: LayerDef, args: readonly EvaluatedArg[], span: Span): Template {
  const { positional, keywords } = argInputs(cx, args, def.name);
  const r = bindArgs(def.name, def.args, def.positional, positional, keywords, span);
  reportArgProblems(cx, r.problems);
  let incomplete = r.problems.length > 0 || r.unknown.size > 0;
  for (let i = 0; i < def.args.length && !incomplete; i++) incomplete = def.args[i].required === true && r.args[def.args[i].name] === undefined;
  return { k: "builtin", def, args: r.args, incomplete, file: cx.env.file.path, span };
}

export function userTemplate(cx: Cx, decl: LayerDecl, declFile: string, args: readonly EvaluatedArg[], span: Span): Template {
  const hparams = bindUserArgs(cx, decl, args, span);
  return { k: "user", decl, declFile, hparams, file: cx.env.file.path, span };
}

// ---------------------------------------------------------------- instances

function typeName(t: Template): string {
  switch (t.k) {
    case "builtin":
      return snakeCase(t.def.name);
    case "user":
      return snakeCase(t.decl.name.name);
    case "seq":
      return "sequential";
    case "repeat":
      return "repeat";
  }
}

/**
 * Makes (or, on a later application of the enclosing layer, finds again) the
 * instance of a template in the current scope. `name` is given by a binding
 * or `as`; otherwise an automatic name from the type.
 */
export function instantiate(cx: Cx, t: Template, name?: string, nameSpan?: Span): LayerInstance | undefined {
  if (cx.env.inOp) {
    report(cx, "DL3009", `an op body cannot contain layers (ops are elementwise math)`, t.span);
    return undefined;
  }
  const scope = cx.scope;
  let n = name;
  if (n === undefined) n = scope.autoName(typeName(t));
  else if (!scope.claim(n)) {
    report(cx, "DL2002", `an instance named '${n}' already exists in this scope`, nameSpan ?? t.span);
    return undefined;
  }
  const existing = scope.children?.get(n);
  if (existing && impls.get(existing)?.template.k === t.k) return existing;
  const path = scope.childPath(n);
  const file = t.file;
  const span = t.span;
  let inst: LayerInstance;
  // Plain literals, not spreads: instances are made on every application and stay monomorphic.
  switch (t.k) {
    case "builtin":
      inst = { kind: "builtin", path, name: n, file, span, applications: 0, def: t.def, args: t.args, params: NO_PARAMS };
      break;
    case "user":
      inst = { kind: "user", path, name: n, file, span, applications: 0, decl: t.decl, declFile: t.declFile, hparams: userHParams(cx, t), children: new Map(), params: [] };
      break;
    case "seq":
      inst = { kind: "sequential", path, name: n, file, span, applications: 0, children: new Map() };
      break;
    case "repeat": {
      const children = new Map<string, LayerInstance>();
      inst = { kind: "repeat", path, name: n, file, span, applications: 0, count: t.count, children };
      const inner: Cx = { st: cx.st, env: cx.env, scope: new Scope(path, children) };
      for (let i = 0; i < t.count; i++) instantiate(inner, t.inners?.[i] ?? t.inner, String(i));
      break;
    }
  }
  impls.set(inst, { template: t });
  scope.children?.set(n, inst);
  return inst;
}

/** Applies a layer, function or op value to operands (a pipe stage or a call). */
export function applyValue(cx: Cx, v: Value, inputs: readonly Value[], span: Span, keywords: readonly NamedOperand[] = NO_KEYWORDS): Value {
  if (keywords.length && v.k !== "layer" && v.k !== "inst") refuseKeywords(cx, keywords, "a layer or op is applied to tensors");
  switch (v.k) {
    case "layer": {
      const inst = instantiate(cx, v.t);
      return inst ? applyInstance(cx, inst, inputs, span, keywords) : UNKNOWN;
    }
    case "inst":
      return applyInstance(cx, v.inst, inputs, span, keywords);
    case "fn":
      return callWithValues(cx, v.def, inputs.map((x) => ({ v: x, span })), [], span);
    case "op":
      return applyOp(cx, v.decl, v.file, inputs, span);
    case "unknown":
      return UNKNOWN;
    default:
      report(cx, "DL3009", `a pipe stage or callee must be a layer, function or op, but this is ${describe(v)}`, span);
      return UNKNOWN;
  }
}

function paramInfos(cx: Cx, inst: LayerInstance, decls: readonly ParamDecl[]): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const p of decls) {
    if (!isConcrete(p.shape)) {
      if (!cx.env.generic)
        report(cx, "DL3006", `parameter '${p.name}' of ${display(cx, inst.span)} would have the symbolic shape ${showShape(p.shape)}; its sizes must be known at compile time`, inst.span);
      continue;
    }
    out.push({ path: `${inst.path}.${p.name}`, name: p.name, owner: inst.path, shape: p.shape, dtype: p.dtype, init: p.init, buffer: p.buffer === true, file: inst.file, span: inst.span });
  }
  return out;
}

/**
 * A built-in instance's parameters. A generic check (a layer nobody
 * instantiates) makes them only when read (`fc.weight`): its sizes are mostly
 * symbolic, so they are mostly dropped, and most are never read.
 */
export function builtinParams(cx: Cx, inst: BuiltinInstance): readonly ParamInfo[] {
  const impl = impls.get(inst);
  if (impl?.paramsPending) {
    impl.paramsPending = false;
    inst.params = paramInfos(cx, inst, inst.def.params(inst.args));
  }
  return inst.params;
}

/** A built-in instance's (last) application (kept outside the instance, so ENodes stay a tree). */
export function applicationOf(inst: LayerInstance): EApply | undefined {
  return impls.get(inst)?.application;
}

export function applyInstance(cx: Cx, inst: LayerInstance, inputs: readonly Value[], span: Span, keywords: readonly NamedOperand[] = NO_KEYWORDS): Value {
  inst.applications++;
  const file = cx.env.file.path;
  if (keywords.length && inst.kind !== "builtin") refuseKeywords(cx, keywords, "a user layer takes its inputs positionally");
  switch (inst.kind) {
    case "builtin": {
      const impl = impls.get(inst)?.template;
      const def = inst.def;
      const most = 1 + (def.operands ? def.operands.filter((o) => o.positional).length : 0);
      if (inputs.length > most || (inputs.length === 0 && !def.nullary)) {
        const names = ["input", ...(def.operands?.filter((o) => o.positional).map((o) => o.name) ?? [])];
        const want = most === 1 ? `${def.nullary ? "at most " : ""}one input` : `1 to ${most} inputs (${names.join(", ")})`;
        report(cx, inputs.length > most ? "DL2006" : "DL2005", `${def.name} takes ${want} but receives ${inputs.length}`, span);
        return UNKNOWN;
      }
      const input = inputs.length ? toTensor(cx, inputs[0], span) : undefined;
      const extra = bindOperands(cx, def, inputs.length > 1 ? inputs.slice(1) : NO_VALUES, keywords, span);
      if ((inputs.length && !input) || !extra || (impl?.k === "builtin" && impl.incomplete)) return UNKNOWN;
      const shown = display(cx, inst.span);
      const named = extra !== NO_OPERANDS && Object.keys(extra).length > 0;
      const r = def.infer(input?.type, inst.args, named ? { display: shown, operands: Object.fromEntries(Object.entries(extra).map(([k, n]) => [k, n.type])) } : { display: shown });
      if (isShapeError(r)) {
        const related = inst.span.start !== span.start || inst.file !== file ? [{ file: inst.file, span: inst.span, message: `${shown} is defined here` }] : [];
        report(cx, r.code ?? "DL3001", r.error, span, { related });
        return UNKNOWN;
      }
      const impl0 = impls.get(inst);
      if (inst.params.length === 0 && inst.applications === 1) {
        inst.args = r.args;
        // Generic: nothing is reported about parameters (their sizes may be symbolic), so they can wait.
        if (cx.env.generic && impl0) impl0.paramsPending = true;
        else inst.params = paramInfos(cx, inst, def.params(r.args));
      }
      const node: EApply = named ? { kind: "apply", instance: inst, input, extra, type: r.type, file, span } : { kind: "apply", instance: inst, input, type: r.type, file, span };
      if (impl0) impl0.application = node;
      return tensorValue(node);
    }
    case "user":
      return applyUserLayer(cx, inst, inputs, span);
    case "sequential": {
      const t = impls.get(inst)?.template;
      if (t?.k !== "seq" || inputs.length !== 1) {
        if (inputs.length !== 1) report(cx, "DL2006", `a pipe-layer takes one input but receives ${inputs.length}`, span);
        return UNKNOWN;
      }
      const inner: Cx = { st: cx.st, env: t.env as Env, scope: new Scope(inst.path, inst.children) };
      let cur: Value = inputs[0];
      for (const stage of t.stages) {
        if (cur.k === "unknown") return UNKNOWN;
        cur = applyStage(inner, stage, cur);
      }
      if (cur.k !== "tensor") return UNKNOWN;
      const input = inputs[0].k === "tensor" ? inputs[0].node : undefined;
      return tensorValue({ kind: "apply", instance: inst, input, body: cur.node, type: cur.node.type, file, span });
    }
    case "repeat": {
      if (inputs.length !== 1) {
        report(cx, "DL2006", `repeat takes one input but receives ${inputs.length}`, span);
        return UNKNOWN;
      }
      const input = toTensor(cx, inputs[0], span);
      if (!input) return UNKNOWN;
      let cur: Value = tensorValue(input);
      const t = impls.get(inst)?.template;
      // Over a list the stages may change the shape (`repeat(w in [64, 128], Stage(w))`).
      const sameShape = !(t?.k === "repeat" && t.inners);
      for (const child of inst.children.values()) {
        const before = (cur as { node: ENode }).node.type;
        cur = applyInstance(cx, child, [cur], span);
        if (cur.k !== "tensor") return UNKNOWN;
        if (sameShape && !typeEq(before, cur.node.type)) {
          report(cx, "DL3001", `repeat needs a layer that maps a shape to itself, but ${display(cx, impls.get(child)?.template.span ?? span)} maps ${showType(before)} to ${showType(cur.node.type)}`, span);
          return UNKNOWN;
        }
      }
      const out = (cur as { node: ENode }).node;
      return tensorValue({ kind: "apply", instance: inst, input, body: out, type: out.type, file, span });
    }
  }
}

// ---------------------------------------------------------------- functions

/** Evaluates call arguments as operands of a layer or op application (no keywords allowed). */
export function evalArgsAsOperands(cx: Cx, args: readonly Arg[], piped?: Value): Value[] {
  const out: Value[] = piped ? [piped] : [];
  for (const a of args) {
    if (a.name) report(cx, "DL2004", `keyword '${a.name.name}' is not accepted here: a layer or op is applied to tensors`, a.name.span);
    out.push(evalExpr(cx, a.value));
  }
  return out;
}

/** A tensor passed by name to a layer application: `attn(x, attn_mask: m)`. */
export interface NamedOperand {
  readonly name: string;
  readonly nameSpan: Span;
  readonly v: Value;
  readonly span: Span;
}

/** Call arguments of a layer application: positional operands and named ones (for LayerDef.operands). */
export function evalLayerArgs(cx: Cx, args: readonly Arg[], piped?: Value): { values: Value[]; keywords: NamedOperand[] } {
  const values: Value[] = piped ? [piped] : [];
  const keywords: NamedOperand[] = [];
  for (const a of args) {
    const v = evalExpr(cx, a.value);
    if (a.name) keywords.push({ name: a.name.name, nameSpan: a.name.span, v, span: a.value.span });
    else values.push(v);
  }
  return { values, keywords };
}

function refuseKeywords(cx: Cx, keywords: readonly NamedOperand[], what: string): void {
  for (const k of keywords) report(cx, "DL2004", `keyword '${k.name}' is not accepted here: ${what}`, k.nameSpan);
}

const NO_OPERANDS: Readonly<Record<string, ENode>> = Object.freeze({});
const NO_VALUES: readonly Value[] = [];
const NO_KEYWORDS: readonly NamedOperand[] = [];

/**
 * A built-in's extra operands: positional ones after the input, in order, and
 * named ones; each must be a tensor. Undefined (reported) when they do not fit.
 */
function bindOperands(cx: Cx, def: LayerDef, extra: readonly Value[], keywords: readonly NamedOperand[], span: Span): Record<string, ENode> | undefined {
  // Most applications have none (every application of a built-in comes here).
  if (extra.length === 0 && keywords.length === 0) return NO_OPERANDS;
  const specs = def.operands ?? [];
  const positional = specs.filter((o) => o.positional);
  const out: Record<string, ENode> = {};
  let ok = true;
  const put = (name: string, v: Value, at: Span) => {
    const n = toTensor(cx, v, at);
    if (n) out[name] = n;
    else ok = false;
  };
  extra.forEach((v, i) => put(positional[i].name, v, span));
  for (const k of keywords) {
    const spec = specs.find((o) => o.name === k.name);
    if (!spec) {
      const sug = suggest(k.name, specs.map((o) => o.name));
      const list = specs.length ? ` (it takes ${specs.map((o) => o.name).join(", ")})` : "";
      report(cx, "DL2004", `${def.name} has no operand '${k.name}'${sug ? `; did you mean '${sug}'?` : ""}${list}`, k.nameSpan, {
        fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: k.nameSpan, newText: sug }] : [],
      });
      ok = false;
      continue;
    }
    if (k.name in out) {
      report(cx, "DL2006", `${def.name}'s '${k.name}' is given twice`, k.nameSpan);
      ok = false;
      continue;
    }
    put(k.name, k.v, k.span);
  }
  return ok ? out : undefined;
}

export function callFunction(cx: Cx, def: FunctionDef, args: readonly Arg[], piped: Value | undefined, span: Span): Value {
  const positional: { v: Value; span: Span }[] = piped ? [{ v: piped, span }] : [];
  const keywords: KeywordInput[] = [];
  for (const a of args) {
    const v = evalExpr(cx, a.value);
    if (a.name) {
      let value = undefined;
      if (v.k === "const") value = toArg(v.c);
      else if (v.k !== "unknown") report(cx, "DL3009", `${def.name}'s '${a.name.name}' must be a compile-time value, found ${describe(v)}`, a.value.span);
      keywords.push({ name: a.name.name, nameSpan: a.name.span, value, span: a.span, symbolic: cx.env.generic && v.k === "const" && hasSym(v.c) });
    } else positional.push({ v, span: a.value.span });
  }
  return callWithValues(cx, def, positional, keywords, span);
}

function isOperand(def: FunctionDef, v: Value, count: number): boolean {
  if (v.k === "tensor" || v.k === "layer" || v.k === "inst") return true;
  // An argument that failed to check (already reported) stays an operand of a variadic function,
  // so `concat(x, <error>, dim: 1)` does not also bind it to `dim`.
  if (v.k === "unknown") return count < def.tensors.min || def.tensors.max === Infinity;
  return def.scalarOperands === true && v.k === "const" && (v.c.t === "int" || v.c.t === "float" || v.c.t === "bool") && count < def.tensors.max;
}

function callWithValues(cx: Cx, def: FunctionDef, positional: readonly { v: Value; span: Span }[], keywords: KeywordInput[], span: Span): Value {
  const operands: { v: Value; span: Span }[] = [];
  const options: ArgInput[] = [];
  for (const p of positional) {
    if (def.mixedOperands) {
      if (p.v.k === "const" || (p.v.k === "unknown" && operands.length >= def.tensors.max))
        options.push({ value: p.v.k === "const" ? toArg(p.v.c) : undefined, span: p.span, symbolic: cx.env.generic && p.v.k === "const" && hasSym(p.v.c) });
      else if (p.v.k === "list") p.v.items.forEach((v) => operands.push({ v, span: p.span }));
      else operands.push(p);
      continue;
    }
    if (p.v.k === "list" && def.tensors.max === Infinity) p.v.items.forEach((v) => operands.push({ v, span: p.span }));
    else if (p.v.k === "const" && p.v.c.t === "list" && def.tensors.max === Infinity && operands.length === 0) options.push({ value: toArg(p.v.c), span: p.span });
    else if (options.length === 0 && isOperand(def, p.v, operands.length)) operands.push(p);
    else options.push({ value: p.v.k === "const" ? toArg(p.v.c) : undefined, span: p.span, symbolic: cx.env.generic && p.v.k === "const" && hasSym(p.v.c) });
  }
  // max(a, b) and min(a, b) are elementwise; their one-tensor forms reduce.
  if (cx.env.inOp && def.category !== "elementwise" && !(def.scalarOperands && def.tensors.max === 2 && operands.length === 2)) {
    report(cx, "DL3009", `an op body is elementwise math, but ${def.name}${def.tensors.max === 2 ? " of one tensor" : ""} is a ${def.category} function`, span);
    return UNKNOWN;
  }
  const r = bindArgs(def.name, def.args, undefined, options, keywords, span);
  reportArgProblems(cx, r.problems);
  const { min, max } = def.tensors;
  if (operands.length < min || operands.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    report(cx, operands.length < min ? "DL2005" : "DL2006", `${def.name} takes ${want} tensor argument${max === 1 ? "" : "s"} but receives ${operands.length}`, span);
    return UNKNOWN;
  }
  const hint = operands.find((o) => o.v.k === "tensor")?.v;
  const hintDtype = hint?.k === "tensor" ? hint.node.type.dtype : undefined;
  const nodes: ENode[] = [];
  for (const o of operands) {
    const n = toTensor(cx, o.v, o.span, hintDtype);
    if (!n) return UNKNOWN;
    nodes.push(n);
  }
  if (r.problems.length || r.unknown.size) return UNKNOWN;
  const types = nodes.map((n) => n.type);
  const res = def.infer(types, r.args, { display: display(cx, span) });
  if (isShapeError(res)) {
    report(cx, res.code ?? "DL3001", res.error, span);
    return UNKNOWN;
  }
  const rank = types[0]?.shape.length ?? 0;
  const opts: Record<string, unknown> = { ...r.args };
  for (const s of def.args) {
    const v = r.args[s.name];
    if (s.kind === "axis" && typeof v === "number") opts[s.name] = normAxis(v, rank) ?? v;
    if (s.name === "dim" && s.kind === "ints" && (def.name !== "max" && def.name !== "min" ? true : nodes.length === 1)) opts[s.name] = reducedAxes(v, rank);
  }
  const file = cx.env.file.path;
  if (def.name === "split") {
    const axis = opts.dim as number;
    const n = types[0].shape[axis] as number;
    const size = r.args.split_size as number;
    return { k: "split", node: nodes[0], axis, size, count: Math.ceil(n / size) };
  }
  return tensorValue({ kind: "call", fn: def, args: nodes, options: opts as Args, type: res.type, file, span });
}

export type { CVal };
