// Evaluating expressions: names, literals, lists, arithmetic (compile-time or
// broadcasting tensor arithmetic), pipes, calls, members, `as`, `repeat`.
// Every tensor result is an ENode with its type, recorded for hover.

import type { Span } from "../source";
import type { BinaryExpr, CallExpr, Expr, Ident, IfExpr, NameRef, PipeExpr, RepeatExpr } from "../syntax/ast";
import { FUNCTIONS, LAYERS, type FunctionDef, type LayerDef } from "../layers";
import type { LayerDecl, OpDecl } from "../syntax/ast";
import { constBinary, constNeg } from "./consteval";
import { CheckState, Env, Scope, type DefSite, type GlobalDef, type LocalBinding } from "./context";
import type { ENode } from "./elaborated";
import { arithmetic, evalIndex, toTensor } from "./tensor-ops";
import { applyValue, builtinTemplate, callFunction, evalArgs, instantiate, userTemplate, applyOp, evalArgsAsOperands, evalLayerArgs } from "./apply";
import { suggest } from "../suggest";
import { instanceMember, noMembers, tensorMember } from "./members";
import { UNKNOWN, describe, type CVal, type Template, type Value } from "./values";

/** The evaluation context: state, names, and where new instances go. */
export interface Cx {
  readonly st: CheckState;
  readonly env: Env;
  readonly scope: Scope;
}

/** A shape in a message with a derived size the checker cannot simplify (`d/heads`, `H-2`, `(H-1)/2+1`). */
const OPAQUE_SHAPE = /\[[^\]]*([/+()]|\w-\d)[^\]]*\]/;

export function report(cx: Cx, code: Parameters<CheckState["report"]>[0], message: string, span: Span, extra?: Parameters<CheckState["report"]>[4]): void {
  // A generic check (a layer no model instantiates) cannot prove derived sizes
  // equal; it reports shape disagreements only between plain sizes and names.
  if (cx.env.generic && (code === "DL3001" || code === "DL3004" || code === "DL3008") && OPAQUE_SHAPE.test(message)) return;
  cx.st.report(code, message, cx.env.file.path, span, extra);
}

export function tensorValue(node: ENode): Value {
  return { k: "tensor", node };
}

/** Source text of a span, whitespace collapsed, for messages (`Linear(784, 128)`). */
export function display(cx: Cx, span: Span): string {
  const text = cx.env.file.source.text;
  // Most stages are short and hold no whitespace but single spaces: a slice (called for every application).
  if (span.end - span.start <= 60) {
    let plain = text.charCodeAt(span.start) > 32 && text.charCodeAt(span.end - 1) > 32;
    for (let i = span.start; plain && i < span.end; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 || c >= 127 || (c === 32 && text.charCodeAt(i + 1) === 32)) plain = false;
    }
    if (plain) return text.slice(span.start, span.end);
  }
  let t = text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  if (t.length > 60) t = `${t.slice(0, 57)}...`;
  return t;
}

export function evalExpr(cx: Cx, e: Expr): Value {
  const v = evalInner(cx, e);
  if (v.k === "tensor") cx.st.setType(e, v.node.type);
  return v;
}

// Literals' values, shared (values are never mutated): `true`, `4`, `128` are met in every layer.
const SMALL_INTS: readonly Value[] = Array.from({ length: 1025 }, (_, v) => ({ k: "const", c: { t: "int", v } }));
const TRUE: Value = { k: "const", c: { t: "bool", v: true } };
const FALSE: Value = { k: "const", c: { t: "bool", v: false } };

function evalInner(cx: Cx, e: Expr): Value {
  switch (e.kind) {
    case "Number":
      if (e.isInt && e.value < SMALL_INTS.length) return SMALL_INTS[e.value];
      return { k: "const", c: e.isInt ? { t: "int", v: e.value } : { t: "float", v: e.value } };
    case "String":
      return { k: "const", c: { t: "string", v: e.value } };
    case "Bool":
      return e.value ? TRUE : FALSE;
    case "Name":
      return evalName(cx, e);
    case "List": {
      const items = e.items.map((i) => evalExpr(cx, i));
      if (items.every((i) => i.k === "const")) return { k: "const", c: { t: "list", items: items.map((i) => (i as { c: CVal }).c) } };
      return { k: "list", items };
    }
    case "Paren":
      return evalExpr(cx, e.expr);
    case "Unary": {
      const v = evalExpr(cx, e.operand);
      if (e.op === "+") return v;
      if (v.k === "const") {
        const r = constNeg(v.c);
        if ("ok" in r) return { k: "const", c: r.ok };
        report(cx, "DL3006", r.error, e.span);
        return UNKNOWN;
      }
      const t = toTensor(cx, v, e.operand.span);
      if (!t) return UNKNOWN;
      if (t.type.dtype === "bool") {
        report(cx, "DL3003", `cannot negate a bool tensor`, e.span);
        return UNKNOWN;
      }
      return tensorValue({ kind: "neg", operand: t, type: t.type, file: cx.env.file.path, span: e.span });
    }
    case "Binary":
      return evalBinary(cx, e);
    case "Pipe":
      return evalPipe(cx, e);
    case "Call":
      return evalCall(cx, e);
    case "Member":
      return evalMember(cx, e);
    case "Index":
      return evalIndex(cx, e);
    case "As":
      return evalAs(cx, e.expr, e.name, e.span);
    case "Repeat":
      return e.variable ? evalRepeatOver(cx, e, e.variable) : evalRepeat(cx, e.count, e.layer, e.span);
    case "If":
      return evalIf(cx, e);
    case "Error":
      return UNKNOWN;
  }
}

function evalBinary(cx: Cx, e: BinaryExpr): Value {
  const a = evalExpr(cx, e.left);
  const b = evalExpr(cx, e.right);
  if (a.k === "unknown" || b.k === "unknown") return UNKNOWN;
  if (a.k === "const" && b.k === "const") {
    const r = constBinary(e.op, a.c, b.c);
    if ("ok" in r) return { k: "const", c: r.ok };
    if (!cx.env.generic || !/symbolic|decide|cannot evaluate/.test(r.error)) report(cx, "DL3006", r.error, e.span);
    return UNKNOWN;
  }
  if (e.op === "and" || e.op === "or") {
    const t = a.k === "const" ? b : a;
    report(cx, "DL3009", `'${e.op}' combines compile-time bools (comparisons of hyperparameters and sizes), but this is ${describe(t)}; for tensors use where(...)`, e.opSpan);
    return UNKNOWN;
  }
  return arithmetic(cx, e, a, b);
}

// ---------------------------------------------------------------- names

/** What a name in callee or stage position denotes, before any call. */
export type Callee =
  | { k: "builtinLayer"; def: LayerDef }
  | { k: "userLayer"; decl: LayerDecl; file: string }
  | { k: "fn"; def: FunctionDef }
  | { k: "op"; decl: OpDecl; file: string }
  | { k: "value"; v: Value }
  | { k: "unknown" };

// What a global or built-in name resolves to never changes: one Callee (and
// definition site) each, made on its first use, rather than one per reference.
const globalCallees = new WeakMap<GlobalDef, { callee: Callee; site: DefSite }>();
const builtinCallees = new Map<LayerDef | FunctionDef, Callee>();

function builtinCallee(def: LayerDef | FunctionDef): Callee {
  let c = builtinCallees.get(def);
  if (!c) builtinCallees.set(def, (c = def.kind === "layer" ? { k: "builtinLayer", def } : { k: "fn", def }));
  return c;
}

export function resolveName(cx: Cx, ref: NameRef | Ident, role: "value" | "callee"): Callee {
  const local = cx.env.lookup(ref.name);
  if (local) return { k: "value", v: useLocal(cx, ref, local) };
  const g: GlobalDef | undefined = cx.env.file.globals.get(ref.name);
  if (g) {
    let r = globalCallees.get(g);
    if (!r) {
      const callee: Callee = g.kind === "layer" ? { k: "userLayer", decl: g.decl, file: g.file } : { k: "op", decl: g.decl, file: g.file };
      globalCallees.set(g, (r = { callee, site: { file: g.file, span: g.decl.name.span } }));
    }
    cx.st.link(ref, r.site, cx.env.file.path);
    return r.callee;
  }
  const layer = LAYERS.get(ref.name);
  if (layer) {
    if (cx.st.record) cx.st.builtins.set(ref, layer);
    return builtinCallee(layer);
  }
  const fn = FUNCTIONS.get(ref.name);
  if (fn) {
    if (cx.st.record) cx.st.builtins.set(ref, fn);
    return builtinCallee(fn);
  }
  reportUnknown(cx, ref, role);
  return { k: "unknown" };
}

/** Reads a body's name: marks it used, links the reference to its definition. */
function useLocal(cx: Cx, ref: NameRef | Ident, local: LocalBinding): Value {
  local.used = true;
  if (local.ident) cx.st.link(ref, (local.site ??= { file: local.file, span: local.ident.span }), cx.env.file.path);
  return local.value;
}

function reportUnknown(cx: Cx, ref: NameRef | Ident, role: "value" | "callee"): void {
  if (cx.env.pending?.has(ref.name)) {
    (cx.env.usedEarly ??= new Set()).add(ref.name);
    report(cx, "DL2001", `'${ref.name}' is used before its definition`, ref.span);
    return;
  }
  const candidates = [...cx.env.names.keys(), ...cx.env.file.globals.keys(), ...LAYERS.keys(), ...FUNCTIONS.keys()];
  // Python's True/False are the literals true/false here.
  const literal = role === "value" && (ref.name === "True" || ref.name === "False");
  // Values and functions are lower case, layers and models capitalised: a suggestion keeps the case of what was written (or differs only in case: `linear` → `Linear`).
  const upper = (n: string): boolean => /^[A-Z]/.test(n);
  const sug = literal ? ref.name.toLowerCase() : suggest(ref.name, candidates.filter((c) => upper(c) === upper(ref.name) || c.toLowerCase() === ref.name.toLowerCase()));
  const asLayer = !literal && (role === "callee" || /^[A-Z]/.test(ref.name));
  const what = asLayer ? "layer or function" : "name";
  const fixes = sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: ref.span, newText: sug }] : [];
  report(cx, asLayer ? "DL2003" : "DL2001", `unknown ${what} '${ref.name}'${sug ? `; did you mean '${sug}'?` : ""}`, ref.span, { fixes });
}

/** A callee resolution turned into a value (a layer name alone is a constructor without arguments). */
export function calleeValue(cx: Cx, c: Callee, ref: Expr): Value {
  switch (c.k) {
    case "builtinLayer":
      return { k: "layer", t: builtinTemplate(cx, c.def, [], ref.span) };
    case "userLayer":
      return { k: "layer", t: userTemplate(cx, c.decl, c.file, [], ref.span) };
    case "fn":
      return { k: "fn", def: c.def };
    case "op":
      return { k: "op", decl: c.decl, file: c.file };
    case "value":
      return c.v;
    case "unknown":
      return UNKNOWN;
  }
}

function evalName(cx: Cx, ref: NameRef): Value {
  // A body's own name (most names): its value, without a Callee to unwrap.
  const local = cx.env.lookup(ref.name);
  if (local) return useLocal(cx, ref, local);
  return calleeValue(cx, resolveName(cx, ref, "value"), ref);
}

// ---------------------------------------------------------------- calls and pipes

/** `f(args)`, or with `piped`: `x -> f(args)` (the piped value is the first operand). */
export function evalCall(cx: Cx, call: CallExpr, piped?: Value): Value {
  const callee = call.callee.kind === "Name" ? resolveName(cx, call.callee, "callee") : { k: "value" as const, v: evalExpr(cx, call.callee) };
  switch (callee.k) {
    case "unknown":
      // Still look at the arguments: their names resolve, their errors show.
      for (const a of call.args) evalExpr(cx, a.value);
      return UNKNOWN;
    case "builtinLayer":
    case "userLayer": {
      const args = evalArgs(cx, call.args);
      // `LayerNorm(x)`, `Block(x)` with tensors only: apply the layer built without arguments.
      if (!piped && args.length > 0 && args.every((a) => !a.arg.name && a.v.k === "tensor")) {
        const t = callee.k === "builtinLayer" ? builtinTemplate(cx, callee.def, [], call.callee.span) : userTemplate(cx, callee.decl, callee.file, [], call.callee.span);
        return applyValue(cx, { k: "layer", t }, args.map((a) => a.v), call.span);
      }
      const t = callee.k === "builtinLayer" ? builtinTemplate(cx, callee.def, args, call.span) : userTemplate(cx, callee.decl, callee.file, args, call.span);
      return piped ? applyValue(cx, { k: "layer", t }, [piped], call.span) : { k: "layer", t };
    }
    case "fn":
      return callFunction(cx, callee.def, call.args, piped, call.span);
    case "op": {
      const ops = evalArgsAsOperands(cx, call.args, piped);
      return applyOp(cx, callee.decl, callee.file, ops, call.span);
    }
    case "value": {
      if (callee.v.k === "fn") return callFunction(cx, callee.v.def, call.args, piped, call.span);
      const { values, keywords } = evalLayerArgs(cx, call.args, piped);
      return applyValue(cx, callee.v, values, call.span, keywords);
    }
  }
}

/** Applies one pipe stage to the value flowing in. */
export function applyStage(cx: Cx, stage: Expr, input: Value): Value {
  let out: Value;
  if (stage.kind === "Call") out = evalCall(cx, stage, input);
  else {
    const v = stage.kind === "Name" ? calleeValue(cx, resolveName(cx, stage, "callee"), stage) : evalExpr(cx, stage);
    out = v.k === "unknown" ? UNKNOWN : applyValue(cx, v, [input], stage.span);
  }
  if (out.k === "tensor") cx.st.setType(stage, out.node.type);
  return out;
}

/** Names a layer, function or op (without reporting anything)? Decides whether a pipe is a layer. */
function namesLayerish(cx: Cx, name: string): boolean {
  const local = cx.env.lookup(name);
  if (local) {
    const k = local.value.k;
    return k === "layer" || k === "inst" || k === "fn" || k === "op";
  }
  return cx.env.file.globals.has(name) || LAYERS.has(name) || FUNCTIONS.has(name);
}

/** Is this pipe source a layer (so the pipe is a pipe-layer), decided without evaluating it? */
export function isLayerExpr(cx: Cx, e: Expr): boolean {
  switch (e.kind) {
    case "Name":
      return namesLayerish(cx, e.name);
    case "Call": {
      if (e.callee.kind !== "Name") return false;
      const isLayer = !cx.env.lookup(e.callee.name) && (cx.env.file.globals.get(e.callee.name)?.kind === "layer" || LAYERS.has(e.callee.name));
      // `LayerNorm(x)` on tensors is an application, not a constructor.
      return isLayer && !(e.args.length > 0 && e.args.every((a) => !a.name && looksTensor(cx, a.value)));
    }
    case "Repeat":
    case "As":
      return true;
    case "If":
      return isLayerExpr(cx, e.then) || isLayerExpr(cx, e.otherwise);
    case "Paren":
      return isLayerExpr(cx, e.expr);
    case "Pipe":
      return e.stages.length > 0 && isLayerExpr(cx, e.stages[0]);
    default:
      return false;
  }
}

/** Does an expression evidently compute a tensor (decided from names, without evaluating)? */
function looksTensor(cx: Cx, e: Expr): boolean {
  switch (e.kind) {
    case "Name":
      return cx.env.lookup(e.name)?.value.k === "tensor";
    case "Binary":
      return looksTensor(cx, e.left) || looksTensor(cx, e.right);
    case "Unary":
      return looksTensor(cx, e.operand);
    case "Paren":
      return looksTensor(cx, e.expr);
    case "If":
      return looksTensor(cx, e.then) || looksTensor(cx, e.otherwise);
    case "Index":
    case "Member":
      return true;
    case "Pipe":
      return e.stages.length > 0 && !isLayerExpr(cx, e.stages[0]) && looksTensor(cx, e.stages[0]);
    case "Call":
      if (e.callee.kind !== "Name") return e.args.some((a) => looksTensor(cx, a.value));
      return FUNCTIONS.has(e.callee.name) || cx.env.file.globals.get(e.callee.name)?.kind === "op" || !isLayerExpr(cx, e);
    default:
      return false;
  }
}

function evalPipe(cx: Cx, e: PipeExpr): Value {
  if (e.stages.length === 0) return UNKNOWN;
  const first = e.stages[0];
  if (isLayerExpr(cx, first)) {
    // Resolve names now (for hover and errors); instances are made when the pipe-layer is applied.
    for (const s of e.stages) probeStage(cx, s);
    return { k: "layer", t: { k: "seq", stages: e.stages, env: cx.env, file: cx.env.file.path, span: e.span } };
  }
  let cur = evalExpr(cx, first);
  for (let i = 1; i < e.stages.length; i++) {
    const stage = e.stages[i];
    if (cur.k === "unknown") {
      // Keep resolving names in the remaining stages, without shape checks.
      probeStage(cx, stage);
      continue;
    }
    cur = applyStage(cx, stage, cur);
  }
  return cur;
}

/** Resolves names in a stage whose input is unknown, creating nothing. */
function probeStage(cx: Cx, stage: Expr): void {
  const probe: Cx = { st: cx.st, env: cx.env, scope: new Scope(cx.scope.path, undefined) };
  if (stage.kind === "Name") resolveName(probe, stage, "callee");
  else if (stage.kind === "Call" && stage.callee.kind === "Name") {
    resolveName(probe, stage.callee, "callee");
    for (const a of stage.args) evalExpr(probe, a.value);
  } else evalExpr(probe, stage);
}

/** DL4005 at `span`: the data source has no field `name` (the closest of `fields` suggested, with its fix). */
export function reportNoField(cx: Cx, name: string, fields: readonly string[], span: Span): void {
  const sug = suggest(name, fields);
  report(cx, "DL4005", `data has no field '${name}'${sug ? `; did you mean '${sug}'?` : ""} (fields: ${fields.join(", ")})`, span, {
    fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span, newText: sug }] : [],
  });
}

function evalMember(cx: Cx, e: Extract<Expr, { kind: "Member" }>): Value {
  const obj = evalExpr(cx, e.object);
  if (obj.k === "unknown") return UNKNOWN;
  if (obj.k === "data") {
    if (!obj.fields) return UNKNOWN;
    const f = obj.fields[e.property.name];
    if (!f) {
      reportNoField(cx, e.property.name, Object.keys(obj.fields), e.property.span);
      return UNKNOWN;
    }
    return tensorValue({ kind: "data", field: e.property.name, type: { dtype: f.dtype, shape: [obj.batch, ...f.shape] }, file: cx.env.file.path, span: e.span });
  }
  if (obj.k === "model") {
    const v = obj.fields.get(e.property.name);
    if (v) return v;
    // Its tensors are listed; its layers (`Net.fc.weight`) are suggested too but not listed (auto-named ones are many).
    const names = [...obj.fields].filter(([, v]) => v.k !== "inst").map(([k]) => k);
    const sug = suggest(e.property.name, obj.fields.keys());
    report(cx, "DL2001", `model ${obj.name} has no value '${e.property.name}'${sug ? `; did you mean '${sug}'?` : ""} (values: ${names.join(", ")})`, e.property.span, {
      fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: e.property.span, newText: sug }] : [],
    });
    return UNKNOWN;
  }
  if (obj.k === "inst") return instanceMember(cx, obj.inst, "", e.property, e.object.span);
  if (obj.k === "sub") return instanceMember(cx, obj.inst, obj.prefix, e.property, e.object.span);
  if (obj.k === "tensor") return tensorMember(cx, obj.node, e.property, e.span);
  return noMembers(cx, obj, e.property);
}

function evalAs(cx: Cx, inner: Expr, name: Ident, span: Span): Value {
  const v = inner.kind === "Name" ? calleeValue(cx, resolveName(cx, inner, "callee"), inner) : evalExpr(cx, inner);
  if (v.k === "unknown") return UNKNOWN;
  if (v.k !== "layer") {
    report(cx, "DL3009", `only a layer constructor can be named with 'as', but this is ${describe(v)}`, span);
    return v;
  }
  cx.st.define(name, cx.env.file.path);
  const inst = instantiate(cx, v.t, name.name, name.span);
  return inst ? { k: "inst", inst } : UNKNOWN;
}

function evalRepeat(cx: Cx, countExpr: Expr, layerExpr: Expr, span: Span): Value {
  const c = evalExpr(cx, countExpr);
  const inner = layerExpr.kind === "Name" ? calleeValue(cx, resolveName(cx, layerExpr, "callee"), layerExpr) : evalExpr(cx, layerExpr);
  if (c.k === "unknown" || inner.k === "unknown") return UNKNOWN;
  if (c.k !== "const" || c.c.t !== "int" || c.c.v < 1) {
    if (!(c.k === "const" && c.c.t === "sym"))
      report(cx, "DL3005", `repeat needs a positive int count, found ${describe(c)}`, countExpr.span);
    return UNKNOWN;
  }
  if (inner.k !== "layer") {
    const why = inner.k === "inst" ? "a named instance (its copies would share weights); use a constructor such as Block(d)" : describe(inner);
    report(cx, "DL3009", `repeat needs a layer constructor, found ${why}`, layerExpr.span);
    return UNKNOWN;
  }
  return { k: "layer", t: { k: "repeat", count: c.c.v, inner: inner.t, file: cx.env.file.path, span } };
}

/** Evaluates a layer-valued expression (a name alone is a constructor). */
function evalLayerish(cx: Cx, e: Expr): Value {
  return e.kind === "Name" ? calleeValue(cx, resolveName(cx, e, "callee"), e) : evalExpr(cx, e);
}

/**
 * `repeat(w in [64, 128, 256], Stage(w))`: one copy per item, the layer
 * expression evaluated with `w` bound to the item; the copies may change the
 * shape (stages of different widths), each has its own weights.
 */
function evalRepeatOver(cx: Cx, e: RepeatExpr, variable: Ident): Value {
  const items = evalExpr(cx, e.count);
  cx.st.define(variable, cx.env.file.path);
  if (items.k === "unknown") return UNKNOWN;
  if (items.k !== "const" || items.c.t !== "list" || items.c.items.length === 0) {
    const found = items.k === "const" && items.c.t === "list" ? "an empty list" : describe(items);
    report(cx, "DL3005", `repeat over '${variable.name}' needs a non-empty list of compile-time values ([64, 128, 256]), found ${found}`, e.count.span);
    return UNKNOWN;
  }
  const inners: Template[] = [];
  for (const item of items.c.items) {
    const env = new Env(cx.env.file, cx.env.generic, cx.env.inOp);
    for (const [k, b] of cx.env.names) env.names.set(k, b);
    env.pending = cx.env.pending;
    env.names.set(variable.name, { kind: "hparam", value: { k: "const", c: item }, ident: variable, file: cx.env.file.path, used: false });
    const v = evalLayerish({ st: cx.st, env, scope: cx.scope }, e.layer);
    if (v.k === "unknown") return UNKNOWN;
    if (v.k !== "layer") {
      const why = v.k === "inst" ? "a named instance (its copies would share weights); use a constructor such as Stage(w)" : describe(v);
      report(cx, "DL3009", `repeat needs a layer constructor, found ${why}`, e.layer.span);
      return UNKNOWN;
    }
    inners.push(v.t);
  }
  return { k: "layer", t: { k: "repeat", count: inners.length, inner: inners[0], inners, file: cx.env.file.path, span: e.span } };
}

/**
 * `if cond { a } else { b }`: the condition is a compile-time bool (from
 * hyperparameters and sizes); only the branch taken is checked and built, the
 * other is checked for names alone, as C++'s `if constexpr`.
 */
function evalIf(cx: Cx, e: IfExpr): Value {
  const c = evalExpr(cx, e.cond);
  if (isLayerExpr(cx, e.then) !== isLayerExpr(cx, e.otherwise)) {
    report(cx, "DL3009", `both branches of 'if' must be layers or both tensors, but one is a layer and the other a tensor`, e.span);
  }
  if (c.k === "const" && c.c.t === "bool") {
    const [taken, skipped] = c.c.v ? [e.then, e.otherwise] : [e.otherwise, e.then];
    checkNamesOnly(cx, skipped);
    return evalLayerish(cx, taken);
  }
  if (c.k !== "unknown" && !(c.k === "const" && c.c.t === "sym")) {
    const hint = c.k === "tensor" ? "; to choose elementwise between tensors use where(cond, a, b)" : "";
    report(cx, "DL3005", `'if' chooses at compile time: its condition must be a bool from hyperparameters and sizes (stride != 1), found ${describe(c)}${hint}`, e.cond.span);
  }
  checkNamesOnly(cx, e.then);
  checkNamesOnly(cx, e.otherwise);
  return UNKNOWN;
}

/** Resolves the names of an expression not built (an `if` branch not taken): unknown names are reported, shapes are not. */
function checkNamesOnly(cx: Cx, e: Expr): void {
  const st = new CheckState();
  for (const [k, f] of cx.st.files) st.files.set(k, f);
  st.record = cx.st.record;
  st.active.push(...cx.st.active); // a layer applying itself in the branch stays an error, not a loop
  evalLayerish({ st, env: cx.env, scope: new Scope(cx.scope.path, undefined) }, e);
  cx.st.absorbNames(st, (d) => d.code === "DL2001" || d.code === "DL2003");
}
