// Members of layer instances and tensors: parameters as values, and the
// states of a built-in's application (`lstm.h_n`, LayerDef.states).
//
// `tok.weight`, `fc.bias`, `attn.out_proj.weight` (a built-in's parameter by
// PyTorch's name), `block.attn.q.weight` (a user layer's child instance, then
// its parameter), `block.w` (a user layer's `param`), and `.T` of a 2-d
// tensor. The result is an EParam of the ONE ParamInfo the instance owns, so
// using a parameter both inside its layer and as a value ties them: the IR has
// one parameter input, gradients from every use add up in it, and
// checkpoints, ONNX initializers and the PyTorch export keep one tensor.

import type { Ident } from "../syntax/ast";
import type { Span } from "../source";
import { FUNCTIONS } from "../layers";
import type { StateSpec } from "../layers/registry";
import { suggest } from "../suggest";
import { showShape } from "../tensor-type";
import type { BuiltinInstance, ENode, LayerInstance, ParamInfo } from "./elaborated";
import { display, report, tensorValue, type Cx } from "./expr";
import { applicationOf, builtinParams } from "./apply";
import { UNKNOWN, describe, type Value } from "./values";

/** `inst.name`: a parameter (tensor), a child instance, or a sub-module prefix of a built-in (`out_proj`). */
export function instanceMember(cx: Cx, inst: LayerInstance, prefix: string, prop: Ident, objSpan: Span): Value {
  const name = prefix ? `${prefix}.${prop.name}` : prop.name;
  const shown = display(cx, objSpan);
  if (inst.kind === "builtin") {
    const names = declaredNames(cx, inst);
    if (names.includes(name)) return paramValue(cx, inst, builtinParams(cx, inst).find((p) => p.name === name), name, prop, shown);
    if (names.some((n) => n.startsWith(`${name}.`))) return { k: "sub", inst, prefix: name };
    const state = prefix ? undefined : inst.def.states?.find((s) => s.name === name);
    if (state) return stateValue(cx, inst, state, prop, shown);
    const states = prefix ? [] : (inst.def.states ?? []).map((s) => s.name);
    return unknownMember(cx, prop, shown, `${inst.def.name} has`, prefix ? names.filter((n) => n.startsWith(`${prefix}.`)).map((n) => n.slice(prefix.length + 1)) : [...names, ...states], states.length ? "parameter or state" : "parameter");
  }
  const child = inst.children.get(prop.name);
  if (child) return { k: "inst", inst: child };
  if (inst.kind === "user") {
    const p = inst.params.find((x) => x.name === prop.name);
    if (p) return tensorValue(paramNode(cx, p, prop.span));
    if (inst.decl.body.some((s) => s.kind === "Param" && s.name.name === prop.name))
      return paramValue(cx, inst, undefined, prop.name, prop, shown);
  }
  const members = [...inst.children.keys(), ...(inst.kind === "user" ? inst.params.map((p) => p.name) : [])];
  if (inst.applications === 0 && members.length === 0) {
    // A user layer's instances are made when it is applied: nothing to look up yet.
    report(cx, "DL3006", `'${shown}' has not been applied yet, so its layers and parameters do not exist; apply it to an input first (h = x -> ${shown}), then read ${shown}.${prop.name}`, prop.span);
    return UNKNOWN;
  }
  const what = inst.kind === "user" ? `layer ${inst.decl.name.name} has` : inst.kind === "repeat" ? `repeat(${inst.count}, ..) has copies` : "this pipe-layer has";
  return unknownMember(cx, prop, shown, what, members, inst.kind === "repeat" ? "copy" : "layer or parameter");
}

/**
 * A built-in's parameter names, known from its arguments even before it is
 * applied (sizes may be missing), and those whose shape stayed symbolic (a
 * layer no model uses: `Linear(10)` on `f32[B, d]` has a weight all the same,
 * though only its bias has a known shape).
 */
function declaredNames(cx: Cx, inst: BuiltinInstance): string[] {
  const params = builtinParams(cx, inst);
  try {
    const declared = inst.def.params(inst.args);
    if (declared.length > params.length) return declared.map((p) => p.name);
  } catch {
    // Arguments the declaration cannot read yet: the names made so far.
  }
  return params.map((p) => p.name);
}

function paramValue(cx: Cx, inst: LayerInstance, p: ParamInfo | undefined, name: string, prop: Ident, shown: string): Value {
  if (p) return tensorValue(paramNode(cx, p, prop.span));
  // A generic check (a layer no model instantiates) has no concrete sizes: nothing to report.
  if (cx.env.generic) return UNKNOWN;
  if (inst.applications === 0) {
    report(cx, "DL3006", `${shown}.${name} does not exist yet: '${shown}' has not been applied, and its parameters' shapes depend on its input; apply it first (h = x -> ${shown}), then read ${shown}.${name}`, prop.span);
    return UNKNOWN;
  }
  return UNKNOWN;
}

/** `lstm.h_n`: a state of the instance's one application (torch's `output, (h_n, c_n) = lstm(x)`). */
function stateValue(cx: Cx, inst: BuiltinInstance, state: StateSpec, prop: Ident, shown: string): Value {
  if (cx.env.generic) return UNKNOWN;
  const app = applicationOf(inst);
  if (!app || inst.applications === 0) {
    report(cx, "DL3006", `${shown}.${state.name} does not exist yet: '${shown}' has not been applied; apply it first (h = x -> ${shown}), then read ${shown}.${state.name}`, prop.span);
    return UNKNOWN;
  }
  if (inst.applications > 1) {
    report(cx, "DL3009", `${shown}.${state.name} is ambiguous: '${shown}' is applied ${inst.applications} times (shared weights), and each application has its own ${state.name}; use one instance per sequence whose state you read`, prop.span);
    return UNKNOWN;
  }
  if (!app.input) return UNKNOWN;
  inst.statesRead = true;
  return tensorValue({ kind: "state", of: app, name: state.name, type: state.type(app.input.type, inst.args), file: cx.env.file.path, span: prop.span });
}

function paramNode(cx: Cx, p: ParamInfo, span: Span): ENode {
  return { kind: "param", param: p, type: { dtype: p.dtype, shape: p.shape }, file: cx.env.file.path, span };
}

function unknownMember(cx: Cx, prop: Ident, shown: string, what: string, names: readonly string[], noun: string): Value {
  const sug = suggest(prop.name, names);
  const list = names.length ? `${what} ${names.map((n) => `'${n}'`).join(", ")}` : `${what} no ${noun}s`;
  report(cx, "DL2001", `'${shown}' has no ${noun} '${prop.name}'${sug ? `; did you mean '${sug}'?` : ""} (${list})`, prop.span, {
    fixes: sug ? [{ message: `Replace with '${sug}'`, file: cx.env.file.path, span: prop.span, newText: sug }] : [],
  });
  return UNKNOWN;
}

/** torch's cast methods and the dlnet function that does the same. */
const CASTS: Readonly<Record<string, string>> = { float: "f32", double: "f32", half: "f32", int: "i32", long: "i32", bool: "bool" };

/** `x.T`: the transpose of a 2-d tensor (torch's `.T`); other members of a tensor are errors. */
export function tensorMember(cx: Cx, x: ENode, prop: Ident, span: Span): Value {
  if (prop.name === "T") {
    if (x.type.shape.length !== 2) {
      report(cx, "DL3002", `.T needs a 2-d tensor, found ${showShape(x.type.shape)}; use transpose(x, dim0, dim1) or permute(x, …) for other ranks`, prop.span);
      return UNKNOWN;
    }
    const fn = FUNCTIONS.get("transpose")!;
    const [a, b] = x.type.shape;
    return tensorValue({ kind: "call", fn, args: [x], options: { dim0: 0, dim1: 1 }, type: { dtype: x.type.dtype, shape: [b, a] }, file: cx.env.file.path, span });
  }
  const cast = CASTS[prop.name];
  const hint = cast ? `; casts are functions: ${cast}(x) or x -> ${cast}` : FUNCTIONS.has(prop.name) ? `; call it as a function: ${prop.name}(x, …) or x -> ${prop.name}(…)` : "";
  report(cx, "DL3009", `a tensor has no member '.${prop.name}' (tensors have .T; parameters are read from a named layer: fc.weight)${hint}`, prop.span);
  return UNKNOWN;
}

/** `.name` of a value that has no members: say why (an unnamed layer's parameters have no path yet). */
export function noMembers(cx: Cx, obj: Value, prop: Ident): Value {
  if (obj.k === "layer") {
    report(cx, "DL3009", `'.${prop.name}' of an unnamed layer: name the instance and apply it (fc = Linear(10); h = x -> fc), then read fc.${prop.name}`, prop.span);
    return UNKNOWN;
  }
  report(cx, "DL3009", `'.${prop.name}' needs a data source, a named layer or a tensor, but this is ${describe(obj)}`, prop.span);
  return UNKNOWN;
}
