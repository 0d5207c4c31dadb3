// User layers and models: binding hyperparameters (call arguments, defaults,
// declared types), unifying the declared input types with what flows in
// (`B, T, d` bind to the caller's dims; a hyperparameter in a dim must equal
// its value), and evaluating a body statement by statement.

import type { Span } from "../source";
import type { Expr, Ident, LayerDecl, Stmt, TensorTypeExpr } from "../syntax/ast";
import { CheckState, Env, LaterNames, Scope, type FileInfo } from "./context";
import { FUNCTIONS, LAYERS } from "../layers";
import { fitsType, HPARAM_TYPES } from "./consteval";
import type { ENode, HValue, LayerInstance, ParamInfo, UserLayerInstance } from "./elaborated";
import { display, evalExpr, report, resolveName, tensorValue, type Cx } from "./expr";
import { instantiate, templateOf, type EvaluatedArg } from "./apply";
import { paramInit } from "./param-init";
import { isConcrete, type Dim } from "../dims";
import { DTYPES, showShape, showType, typeEq, type DType, type TensorType } from "../tensor-type";
import { suggest } from "../suggest";
import { toTensor } from "./tensor-ops";
import { UNKNOWN, cvalToDim, describe, dimToCVal, showCVal, toHValue, typeNameOf, type CVal, type Template, type Value } from "./values";

// ---------------------------------------------------------------- hyperparameters

/** Binds a user layer's constructor arguments to its hyperparameters (defaults filled later). */
export function bindUserArgs(cx: Cx, decl: LayerDecl, args: readonly EvaluatedArg[], span: Span): Map<string, CVal | undefined> {
  const out = new Map<string, CVal | undefined>();
  const name = decl.name.name;
  args.forEach(({ arg: a, v }, i) => {
    const hp = a.name ? decl.hparams.find((h) => h.name.name === a.name!.name) : decl.hparams[i];
    if (!hp) {
      if (a.name) {
        const sug = suggest(a.name.name, decl.hparams.map((h) => h.name.name));
        report(cx, "DL2004", `${name} has no hyperparameter '${a.name.name}'${sug ? `; did you mean '${sug}'?` : ""}`, a.name.span, {
          fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: a.name.span, newText: sug }] : [],
        });
      } else report(cx, "DL2006", `${name} takes ${decl.hparams.length} hyperparameter${decl.hparams.length === 1 ? "" : "s"} but receives ${args.filter((x) => !x.arg.name).length}`, a.span);
      return;
    }
    if (a.name) cx.st.link(a.name, { file: declFileOf(cx, decl), span: hp.name.span }, cx.env.file.path);
    if (out.has(hp.name.name)) {
      report(cx, "DL2006", `${name}: hyperparameter '${hp.name.name}' is given twice`, a.span);
      return;
    }
    if (v.k === "unknown") return out.set(hp.name.name, undefined), undefined;
    if (v.k !== "const") {
      report(cx, "DL3009", `${name}'s hyperparameter '${hp.name.name}' must be a compile-time value, found ${describe(v)}`, a.value.span);
      return out.set(hp.name.name, undefined), undefined;
    }
    const want = hp.type?.name;
    const fit = want ? fitsType(v.c, want) : v.c;
    if (!fit) {
      report(cx, "DL3005", `${name}'s hyperparameter '${hp.name.name}' is ${want} but receives the ${typeNameOf(v.c)} ${showCVal(v.c)}`, a.value.span);
      return out.set(hp.name.name, undefined), undefined;
    }
    out.set(hp.name.name, fit);
  });
  for (const hp of decl.hparams) {
    if (!out.has(hp.name.name) && !hp.default) report(cx, "DL2005", `${name} needs hyperparameter '${hp.name.name}'`, span);
  }
  return out;
}

function declFileOf(cx: Cx, decl: LayerDecl): string {
  for (const f of cx.st.files.values()) if (f.program.decls.includes(decl)) return f.path;
  return cx.env.file.path;
}

/**
 * All hyperparameters of a layer instance: given values, else defaults
 * (evaluated in the declaring file, seeing earlier hyperparameters). A missing
 * int in a generic check is the symbol of its name. Binds them into `env`.
 */
export function bindHParams(st: CheckState, decl: LayerDecl, env: Env, given: ReadonlyMap<string, CVal | undefined>, overrides?: ReadonlyMap<string, CVal>): Map<string, CVal | undefined> {
  const out = new Map<string, CVal | undefined>();
  const cx: Cx = { st, env, scope: new Scope("", undefined) };
  for (const hp of decl.hparams) {
    const n = hp.name.name;
    const type = hp.type?.name;
    if (hp.type && !HPARAM_TYPES.includes(hp.type.name)) {
      const sug = suggest(hp.type.name, HPARAM_TYPES);
      report(cx, "DL3005", `unknown hyperparameter type '${hp.type.name}'${sug ? `; did you mean '${sug}'?` : ""} (int, float, bool, string)`, hp.type.span);
    }
    let c: CVal | undefined;
    if (overrides?.has(n)) c = overrides.get(n);
    else if (given.has(n)) c = given.get(n);
    else if (hp.default) {
      const v = evalExpr(cx, hp.default);
      if (v.k === "const") {
        c = type && HPARAM_TYPES.includes(type) ? fitsType(v.c, type) : v.c;
        if (!c) report(cx, "DL3005", `hyperparameter '${n}' is ${type} but its default is the ${typeNameOf(v.c)} ${showCVal(v.c)}`, hp.default.span);
      } else if (v.k !== "unknown") report(cx, "DL3009", `the default of '${n}' must be a compile-time value, found ${describe(v)}`, hp.default.span);
    } else if (env.generic && (type === "int" || type === undefined)) c = { t: "sym", v: n };
    if (c && overrides?.has(n) && type && !fitsType(c, type)) {
      report(cx, "DL3005", `hyperparameter '${n}' is ${type} but the override is the ${typeNameOf(c)} ${showCVal(c)}`, hp.name.span);
      c = undefined;
    }
    out.set(n, c);
    const site = st.define(hp.name, env.file.path);
    env.names.set(n, { kind: "hparam", value: c ? { k: "const", c } : UNKNOWN, ident: hp.name, file: env.file.path, used: false, site });
  }
  return out;
}

export function hvalues(cvals: ReadonlyMap<string, CVal | undefined>): Record<string, HValue> {
  const out: Record<string, HValue> = {};
  for (const [k, c] of cvals) {
    const h = c && toHValue(c);
    if (h !== undefined) out[k] = h;
  }
  return out;
}

/** Hyperparameter values of a user template, for the instance record. */
export function userHParams(cx: Cx, t: Extract<Template, { k: "user" }>): Record<string, HValue> {
  const file = cx.st.files.get(t.declFile);
  if (!file) return {};
  const probe = new Env(file, cx.env.generic);
  const saved = cx.st.record;
  cx.st.record = false;
  try {
    return hvalues(bindHParams(cx.st, t.decl, probe, t.hparams));
  } finally {
    cx.st.record = saved;
  }
}

// ---------------------------------------------------------------- input types

/** The dtype named in a type, or undefined (reported). */
export function dtypeOf(cx: Cx, id: Ident): DType | undefined {
  // The IR computes floats in f32 only: a half-precision declaration is refused, never silently widened.
  if (id.name === "f16") {
    report(cx, "DL3003", "f16 is not supported: dlnet computes and exports floats as f32; declare f32 (f16 data files are widened to f32 when loaded)", id.span, {
      fixes: [{ message: "Replace with 'f32'", file: cx.env.file.path, span: id.span, newText: "f32" }],
    });
    return "f32";
  }
  if ((DTYPES as readonly string[]).includes(id.name)) return id.name as DType;
  const sug = suggest(id.name, DTYPES.filter((d) => d !== "f16"));
  report(cx, "DL2001", `unknown dtype '${id.name}'${sug ? `; did you mean '${sug}'?` : ""} (f32, i32, bool)`, id.span, {
    fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: id.span, newText: sug }] : [],
  });
  return undefined;
}

/** A dim expression's value, binding a new dim name (`B`, `T`) to `actual` (or to itself when declaring). */
function dimValue(cx: Cx, e: Expr, actual: Dim | undefined): Dim | undefined | null {
  if (e.kind === "Name" && !cx.env.lookup(e.name) && !cx.env.file.globals.has(e.name)) {
    const d = actual ?? e.name;
    const site = { file: cx.env.file.path, span: e.span };
    cx.env.names.set(e.name, { kind: "dim", value: { k: "const", c: dimToCVal(d) }, ident: { kind: "Ident", name: e.name, span: e.span }, file: cx.env.file.path, used: true, site });
    cx.st.link(e, site, cx.env.file.path);
    return d;
  }
  const v = e.kind === "Name" ? resolveDimName(cx, e) : evalExpr(cx, e);
  if (v.k === "const") {
    const d = cvalToDim(v.c);
    if (d !== undefined && (typeof d !== "number" || d >= 0)) return d;
  }
  if (v.k !== "unknown") report(cx, "DL3005", `a dimension must be an int or a dim name, found ${describe(v)}`, e.span);
  return null;
}

function resolveDimName(cx: Cx, e: Extract<Expr, { kind: "Name" }>): Value {
  const r = resolveName(cx, e, "value");
  return r.k === "value" ? r.v : UNKNOWN;
}

/**
 * Checks a declared input type against the type flowing in (`actual`), binding
 * dim names; with no `actual`, the declared type itself (dims symbolic).
 * Returns the type to bind the input to, or undefined after an error.
 */
export function unifyInput(cx: Cx, decl: TensorTypeExpr, actual: TensorType | undefined, at: Span, who: string, atFile = cx.env.file.path): TensorType | undefined {
  const dtype = dtypeOf(cx, decl.dtype);
  const dims: (Dim | undefined)[] = [];
  const rankOk = !actual || actual.shape.length === decl.dims.length;
  // What the layer expects, for messages: dim names as written, hyperparameters by value (made only when there is something flowing in to compare).
  const expected: string[] | undefined = actual && [];
  for (let i = 0; i < decl.dims.length; i++) {
    const e = decl.dims[i];
    const fresh = expected && e.kind === "Name" && !cx.env.lookup(e.name) && !cx.env.file.globals.has(e.name);
    const d = dimValue(cx, e, rankOk ? actual?.shape[i] : undefined);
    dims.push(d === null ? undefined : d);
    expected?.push(fresh || d === null || d === undefined ? cx.env.file.source.slice(e.span) : String(d));
  }
  if (!actual || !expected) return dtype && dims.every((d) => d !== undefined) ? { dtype, shape: dims as Dim[] } : undefined;
  const declared = `${decl.dtype.name}${showShape(decl.dims.map((d) => cx.env.file.source.slice(d.span)))}`;
  if (!rankOk) {
    cx.st.report("DL3002", `${who} expects ${declared} (rank ${decl.dims.length}) but receives ${showType(actual)} (rank ${actual.shape.length})`, atFile, at);
    return undefined;
  }
  if (dtype && dtype !== actual.dtype) {
    cx.st.report("DL3003", `${who} expects ${declared} but receives ${showType(actual)}`, atFile, at);
    return undefined;
  }
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d !== undefined && d !== actual.shape[i]) {
      const shown = `${decl.dtype.name}${showShape(expected)}`;
      cx.st.report("DL3001", `${who} expects ${shown} but receives ${showType(actual)}: dimension ${i} is ${actual.shape[i]}, not ${d}`, atFile, at);
      return undefined;
    }
  }
  return actual;
}

// ---------------------------------------------------------------- bodies

export interface BodyResult {
  readonly inputs: { name: string; type: TensorType; node: ENode; span: Span }[];
  readonly outputs: Map<string, { node: ENode; span: Span; stmt: Stmt }>;
  /** Tensor-valued `NAME = expr` bindings (a train block reads a model's as `model.NAME`). */
  readonly bindings: Map<string, ENode>;
}

/**
 * Evaluates a layer or model body. `actuals` are the tensors flowing in (one
 * per `input`, in order); absent for a model or a generic check (inputs are
 * then their declared types, as EInput nodes). `owner` receives `param`s.
 */
export interface CallSite {
  readonly file: string;
  readonly span: Span;
  /** The stage as written by the caller: `ResBlock(16)`. */
  readonly who: string;
}

const stmtName = (s: Stmt): string => s.name.name;

export function evalBody(cx: Cx, decl: LayerDecl, actuals: readonly ENode[] | undefined, site: CallSite | undefined, owner: UserLayerInstance | undefined, inputTypes?: ReadonlyMap<string, TensorType>): BodyResult {
  const env = cx.env;
  const file = env.file.path;
  const inputs: BodyResult["inputs"] = [];
  const outputs: BodyResult["outputs"] = new Map();
  const bindings: BodyResult["bindings"] = new Map();
  let inputIndex = 0;
  const laterNames = new LaterNames(decl.body, stmtName);
  env.pending = laterNames;
  for (let i = 0; i < decl.body.length; i++) {
    const s = decl.body[i];
    laterNames.reach(i);
    const name = s.name.name;
    const prior = env.lookup(name);
    if (prior && prior.kind !== "hparam" && prior.kind !== "dim") {
      report(cx, "DL2002", `'${name}' is already defined in ${decl.name.name}`, s.name.span, {
        related: prior.ident ? [{ file: prior.file, span: prior.ident.span, message: `'${name}' is first defined here` }] : [],
      });
      continue;
    }
    if (prior?.kind === "hparam") {
      report(cx, "DL2012", `'${name}' shadows the hyperparameter of the same name`, s.name.span, {
        related: prior.ident ? [{ file: prior.file, span: prior.ident.span, message: `hyperparameter '${name}'` }] : [],
      });
    } else if (s.kind === "Bind" && env.file.globals.has(name)) {
      report(cx, "DL2012", `'${name}' shadows the ${env.file.globals.get(name)!.kind} of the same name`, s.name.span);
    } else if (s.kind === "Bind" && (LAYERS.has(name) || FUNCTIONS.has(name))) {
      report(cx, "DL2012", `'${name}' shadows the built-in ${LAYERS.has(name) ? "layer" : "function"} of the same name`, s.name.span);
    }
    // The binding's references link to this site (LocalBinding.site).
    const defSite = cx.st.define(s.name, file);
    let value: Value = UNKNOWN;
    switch (s.kind) {
      case "Input": {
        const actual = actuals ? actuals[inputIndex] : undefined;
        const over = inputTypes?.get(name);
        inputIndex++;
        if (actuals && !actual) break;
        const t = actual && site
          ? unifyInput(cx, s.type, actual.type, site.span, site.who, site.file)
          : unifyInput(cx, s.type, over, s.type.span, `input '${name}'`);
        if (!t) break;
        const node: ENode = actual ?? { kind: "input", name, type: t, file, span: s.name.span };
        inputs.push({ name, type: t, node, span: s.span });
        value = tensorValue(node);
        break;
      }
      case "Param":
        value = evalParam(cx, s, owner);
        break;
      case "Bind": {
        value = evalExpr(cx, s.value);
        if (value.k === "layer") {
          const inst = instantiate(cx, value.t, name, s.name.span);
          value = inst ? { k: "inst", inst } : UNKNOWN;
        }
        if (value.k === "tensor") bindings.set(name, value.node);
        break;
      }
      case "Output": {
        const v = evalExpr(cx, s.value);
        const node = toTensor(cx, v, s.value.span);
        if (!node) break;
        value = tensorValue(node);
        if (s.type) {
          const declared = unifyInput(cx, s.type, undefined, s.type.span, `output '${name}'`);
          if (declared && !typeEq(declared, node.type))
            report(cx, "DL3007", `output '${name}' is declared ${showType(declared)} but its value is ${showType(node.type)}`, s.type.span);
        }
        outputs.set(name, { node, span: s.span, stmt: s });
        break;
      }
    }
    if (value.k === "tensor") cx.st.setType(s.name, value.node.type);
    env.names.set(name, { kind: s.kind === "Input" ? "input" : s.kind === "Output" ? "output" : s.kind === "Param" ? "param" : "bind", value, ident: s.name, file, used: s.kind !== "Bind" || !!env.usedEarly?.has(name), site: defSite });
  }
  env.pending = undefined;
  // A body the parser recovered in may miss inputs and uses: its syntax error says what is wrong.
  if (decl.broken) return { inputs, outputs, bindings };
  if (actuals && site && inputIndex !== actuals.length)
    cx.st.report(actuals.length > inputIndex ? "DL2006" : "DL2005", `${decl.name.name} takes ${inputIndex} input${inputIndex === 1 ? "" : "s"} but receives ${actuals.length}`, site.file, site.span);
  for (const b of env.names.values()) {
    if (b.used || !b.ident) continue;
    if (b.kind === "bind") report(cx, "DL2010", `'${b.ident.name}' is never used`, b.ident.span);
    if (b.kind === "hparam") report(cx, "DL2011", `hyperparameter '${b.ident.name}' is never used`, b.ident.span);
  }
  return { inputs, outputs, bindings };
}

function evalParam(cx: Cx, s: Extract<Stmt, { kind: "Param" }>, owner: UserLayerInstance | undefined): Value {
  const t = unifyInput(cx, s.type, undefined, s.type.span, `param '${s.name.name}'`);
  if (!t) return UNKNOWN;
  const init = paramInit(cx, s.init, t.shape);
  const path = cx.scope.childPath(s.name.name);
  if (!isConcrete(t.shape)) {
    if (!cx.env.generic) report(cx, "DL3006", `param '${s.name.name}' has the symbolic shape ${showShape(t.shape)}; its sizes must be known at compile time`, s.type.span);
    return tensorValue({ kind: "input", name: s.name.name, type: t, file: cx.env.file.path, span: s.name.span });
  }
  let info: ParamInfo | undefined = owner?.params.find((p) => p.path === path);
  if (!info) {
    info = { path, name: s.name.name, owner: cx.scope.path, shape: t.shape, dtype: t.dtype, init: init ?? { kind: "zeros" }, buffer: false, file: cx.env.file.path, span: s.span };
    owner?.params.push(info);
  }
  return tensorValue({ kind: "param", param: info, type: t, file: cx.env.file.path, span: s.name.span });
}

/** Applies a user layer instance: evaluates its body in the instance's scope with the inputs substituted. */
export function applyUserLayer(cx: Cx, inst: Extract<LayerInstance, { kind: "user" }>, inputs: readonly Value[], span: Span): Value {
  const st = cx.st;
  const t = templateOf(inst);
  const file = st.files.get(inst.declFile);
  if (!file || t?.k !== "user") return UNKNOWN;
  const nodes: ENode[] = [];
  for (const i of inputs) {
    const n = toTensor(cx, i, span);
    if (!n) return UNKNOWN;
    nodes.push(n);
  }
  if (st.active.includes(inst.decl)) {
    report(cx, "DL3006", `${inst.decl.name.name} instantiates itself (recursive layers cannot be unrolled)`, span);
    return UNKNOWN;
  }
  st.markInstantiated(inst.decl);
  const env = new Env(file, cx.env.generic);
  const inner: Cx = { st, env, scope: new Scope(inst.path, inst.children) };
  bindHParams(st, inst.decl, env, t.hparams);
  const site = { file: cx.env.file.path, span, who: display(cx, span) || inst.decl.name.name };
  st.active.push(inst.decl);
  st.sites.push(site);
  let body: BodyResult;
  try {
    body = evalBody(inner, inst.decl, nodes, site, inst);
  } finally {
    st.active.pop();
    st.sites.pop();
  }
  const first = body.outputs.values().next().value;
  if (!first) {
    if (body.outputs.size === 0 && !inst.decl.broken && !inst.decl.body.some((s) => s.kind === "Output"))
      report(cx, "DL3009", `${inst.decl.name.name} has no output`, span);
    return UNKNOWN;
  }
  const outs = new Map([...body.outputs].map(([k, v]) => [k, v.node]));
  const input = nodes[0];
  return tensorValue({ kind: "apply", instance: inst, input, body: first.node, outputs: outs, type: first.node.type, file: cx.env.file.path, span });
}

export type { FileInfo };
