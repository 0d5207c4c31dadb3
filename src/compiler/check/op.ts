// User ops: `op swish(x) = x * sigmoid(x) { grad x = … }`. An application
// elaborates the body for the operands' types (over EOpArg leaves) and each
// grad rule with `dy` bound to the result; a grad must broadcast to the result.

import type { Span } from "../source";
import type { OpDecl } from "../syntax/ast";
import { Env, Scope } from "./context";
import type { ENode } from "./elaborated";
import { evalExpr, report, tensorValue, type Cx } from "./expr";
import { broadcastShapes, type Dim } from "../dims";
import { showShape, showType, type TensorType } from "../tensor-type";
import { toTensor } from "./tensor-ops";
import { UNKNOWN, type Value } from "./values";

export function applyOp(cx: Cx, decl: OpDecl, declFile: string, operands: readonly Value[], span: Span): Value {
  const name = decl.name.name;
  if (operands.length !== decl.params.length) {
    report(cx, operands.length < decl.params.length ? "DL2005" : "DL2006", `op ${name} takes ${decl.params.length} argument${decl.params.length === 1 ? "" : "s"} but receives ${operands.length}`, span);
    return UNKNOWN;
  }
  const hint = operands.find((o) => o.k === "tensor");
  const dtype = hint?.k === "tensor" ? hint.node.type.dtype : undefined;
  const args: ENode[] = [];
  for (const o of operands) {
    const n = toTensor(cx, o, span, dtype);
    if (!n) return UNKNOWN;
    args.push(n);
  }
  if (cx.st.active.includes(decl)) {
    report(cx, "DL3006", `op ${name} uses itself (recursive ops cannot be expanded)`, span);
    return UNKNOWN;
  }
  cx.st.markApplied(decl);
  const r = elaborateOp(cx, decl, declFile, args.map((a) => a.type));
  if (!r) return UNKNOWN;
  return tensorValue({ kind: "op", op: decl, args, body: r.body, grads: r.grads, type: r.body.type, file: cx.env.file.path, span });
}

/** The op's body and grads for operands of the given types; undefined after an error. */
export function elaborateOp(cx: Cx, decl: OpDecl, declFile: string, types: readonly TensorType[]): { body: ENode; grads: (ENode | undefined)[] } | undefined {
  const st = cx.st;
  const file = st.files.get(declFile);
  if (!file) return undefined;
  const scope = new Scope("", undefined);
  const bindParams = (env: Env) =>
    decl.params.forEach((p, index) => {
      st.define(p, declFile);
      const node: ENode = { kind: "opArg", index, name: p.name, type: types[index], file: declFile, span: p.span };
      env.names.set(p.name, { kind: "opArg", value: tensorValue(node), ident: p, file: declFile, used: true });
      st.setType(p, types[index]);
    });
  st.active.push(decl);
  try {
    return elaborateOpIn(st, decl, declFile, types, file, scope, bindParams);
  } finally {
    st.active.pop();
  }
}

function elaborateOpIn(
  st: Cx["st"],
  decl: OpDecl,
  declFile: string,
  types: readonly TensorType[],
  file: NonNullable<ReturnType<Cx["st"]["files"]["get"]>>,
  scope: Scope,
  bindParams: (env: Env) => void,
): { body: ENode; grads: (ENode | undefined)[] } | undefined {
  const env = new Env(file, false, true);
  bindParams(env);
  const inner: Cx = { st, env, scope };
  const bv = evalExpr(inner, decl.body);
  const body = toTensor(inner, bv, decl.body.span);
  if (!body) return undefined;
  // Ops fuse into elementwise kernels: the result has the operands' broadcast shape.
  let shape: readonly Dim[] = [];
  for (const t of types) {
    const b = broadcastShapes(shape, t.shape);
    if ("failure" in b) {
      report(inner, "DL3004", `op ${decl.name.name}'s operands ${types.map((x) => showShape(x.shape)).join(", ")} cannot be broadcast together`, decl.body.span);
      return undefined;
    }
    shape = b.shape;
  }
  const rb = broadcastShapes(shape, body.type.shape);
  if ("failure" in rb || rb.shape.length !== shape.length || rb.shape.some((d, i) => d !== shape[i])) {
    report(inner, "DL3001", `op ${decl.name.name} must be elementwise: its operands broadcast to ${showShape(shape)} but its body is ${showShape(body.type.shape)}`, decl.body.span);
    return undefined;
  }
  const grads: (ENode | undefined)[] = decl.params.map(() => undefined);
  const seen = new Set<string>();
  for (const g of decl.grads) {
    const index = decl.params.findIndex((p) => p.name === g.param.name);
    const genv = new Env(file, false, true);
    bindParams(genv);
    genv.names.set("dy", { kind: "dy", value: tensorValue({ kind: "gradIn", type: body.type, file: declFile, span: g.span }), file: declFile, used: true });
    const gcx: Cx = { st, env: genv, scope };
    if (index < 0) {
      report(gcx, "DL2001", `op ${decl.name.name} has no argument '${g.param.name}' (arguments: ${decl.params.map((p) => p.name).join(", ")})`, g.param.span);
      evalExpr(gcx, g.value);
      continue;
    }
    st.link(g.param, { file: declFile, span: decl.params[index].span }, declFile);
    if (seen.has(g.param.name)) {
      report(gcx, "DL2002", `grad ${g.param.name} is already given`, g.param.span);
      continue;
    }
    seen.add(g.param.name);
    const gv = toTensor(gcx, evalExpr(gcx, g.value), g.value.span);
    if (!gv) continue;
    const arg = types[index];
    const br = broadcastShapes(gv.type.shape, body.type.shape);
    if (gv.type.dtype !== arg.dtype || "failure" in br || br.shape.length !== body.type.shape.length || br.shape.some((d, i) => d !== body.type.shape[i])) {
      report(gcx, "DL3001", `grad ${g.param.name} must have the type of ${g.param.name} (${showType(arg)}) or broadcast to the result ${showShape(body.type.shape)}, but is ${showType(gv.type)}`, g.value.span);
      continue;
    }
    grads[index] = gv;
  }
  return { body, grads };
}
