// Lowering of one ENode: arithmetic, `@`, indexing, constants, parameters,
// and dispatch to the rules of built-in layers, functions and user ops.

import { InternalError } from "../diagnostics";
import type { EBinary, EIndex, ENode } from "../check/elaborated";
import {
  add, cast, constant, div, eq, ge, gt, le, lt, matmul, mul, ne, neg, pow, reshape, slice, sub, where, type Node,
} from "../ir/builder";
import type { DType, Dim } from "../ir/types";
import { subDims } from "../dims";
import { irDType, type Lowering } from "./context";
import { lowerUserOp } from "./custom-op";
import { FUNCTION_LOWERINGS, LAYER_LOWERINGS } from "./table";

export function lowerNode(cx: Lowering, e: ENode): Node {
  switch (e.kind) {
    case "input":
      return cx.modelInput(e.name);
    case "const":
      return constant(typeof e.value === "boolean" ? (e.value ? 1 : 0) : e.value, irDType(e.type.dtype));
    case "param":
      return cx.param(e.param.path);
    case "apply": {
      const inst = e.instance;
      if (inst.kind === "builtin") {
        const rule = LAYER_LOWERINGS[inst.def.name];
        if (!rule) throw new InternalError(`no lowering for layer ${inst.def.name}`);
        return rule(cx, inst, e.input ? cx.lower(e.input) : undefined, e);
      }
      if (!e.body) throw new InternalError(`application of ${inst.kind} instance '${inst.path}' has no body`);
      return cx.lower(e.body);
    }
    case "call": {
      const rule = FUNCTION_LOWERINGS[e.fn.name];
      if (!rule) throw new InternalError(`no lowering for function ${e.fn.name}`);
      return rule(cx, e.args.map((a) => cx.lower(a)), e.options, e);
    }
    case "op":
      return lowerUserOp(cx, e);
    case "opArg":
      return cx.opArg(e.index);
    case "gradIn":
      return cx.gradIn();
    case "neg":
      return neg(cx.lower(e.operand));
    case "binary":
      return lowerBinary(cx, e);
    case "index":
      return lowerIndex(cx, e);
    case "data":
      return cx.dataField(e.field, e);
    case "output":
      return cx.modelOutput(e.name);
    case "state":
      return cx.stateOf(e.of, e.name);
  }
}

const to = (x: Node, dt: DType): Node => (x.dtype === dt ? x : cast(x, dt));

/** The common dtype of a comparison's operands: f32 if either is float, else i32. */
function common(a: Node, b: Node): DType {
  return a.dtype === "f32" || b.dtype === "f32" ? "f32" : a.dtype === "i32" || b.dtype === "i32" ? "i32" : "bool";
}

function lowerBinary(cx: Lowering, e: EBinary): Node {
  const a0 = cx.lower(e.left);
  const b0 = cx.lower(e.right);
  if (e.op === "@") return matmulNumpy(a0, b0);
  const cmp = { "==": eq, "!=": ne, "<": lt, "<=": le, ">": gt, ">=": ge }[e.op as "=="];
  if (cmp) {
    const dt = common(a0, b0);
    return cmp(to(a0, dt), to(b0, dt));
  }
  const dt = irDType(e.type.dtype);
  const a = to(a0, dt);
  const b = to(b0, dt);
  switch (e.op) {
    case "+":
      return add(a, b);
    case "-":
      return sub(a, b);
    case "*":
      return mul(a, b);
    case "/":
      return div(a, b);
    case "**":
      return dt === "f32" ? pow(a, b) : cast(pow(cast(a, "f32"), cast(b, "f32")), dt);
    case "%":
      return pythonMod(a, b);
  }
  throw new InternalError(`binary operator ${e.op}`);
}

/**
 * Python's `a % b` (the sign of b): r = a - trunc(a/b)·b, then + b where r
 * and b differ in sign. Floats truncate through an i32 cast (|a/b| < 2³¹).
 */
function pythonMod(a: Node, b: Node): Node {
  const q = a.dtype === "i32" ? div(a, b) : cast(cast(div(a, b), "i32"), "f32");
  const r = sub(a, mul(q, b));
  const zero = constant(0, a.dtype);
  const fix = where(ne(r, zero), where(ne(lt(r, zero), lt(b, zero)), b, zero), zero);
  return add(r, fix);
}

/** NumPy matmul: a 1-D left operand is a row, a 1-D right operand a column, then dropped. */
export function matmulNumpy(a: Node, b: Node): Node {
  const va = a.shape.length === 1;
  const vb = b.shape.length === 1;
  const A = va ? reshape(a, [1, a.shape[0]]) : a;
  const B = vb ? reshape(b, [b.shape[0], 1]) : b;
  const y = matmul(A, B);
  if (!va && !vb) return y;
  const s = y.shape.slice();
  if (vb) s.splice(s.length - 1, 1);
  if (va) s.splice(s.length - (vb ? 1 : 2), 1);
  return reshape(y, s);
}

function lowerIndex(cx: Lowering, e: EIndex): Node {
  const x = cx.lower(e.object);
  const r = x.shape.length;
  const starts: Dim[] = [];
  const ends: Dim[] = [];
  const steps: number[] = [];
  let trivial = true;
  e.items.forEach((it, i) => {
    const d = x.shape[i];
    if (it.kind === "all") {
      starts.push(0);
      ends.push(d);
      steps.push(1);
      return;
    }
    trivial = false;
    if (it.kind === "at") {
      const s = it.index < 0 ? subDims(d, -it.index) : it.index;
      starts.push(s);
      ends.push(it.index < 0 ? subDims(d, -it.index - 1) : it.index + 1);
      steps.push(1);
      return;
    }
    if (it.step < 1) throw new InternalError(`slice step ${it.step} (negative steps are not lowered)`);
    starts.push(it.start < 0 ? subDims(d, -it.start) : it.start);
    ends.push(it.end === undefined ? d : it.end < 0 ? subDims(d, -it.end) : it.end);
    steps.push(it.step);
  });
  for (let i = e.items.length; i < r; i++) {
    starts.push(0);
    ends.push(x.shape[i]);
    steps.push(1);
  }
  if (trivial) return x;
  const y = slice(x, starts as number[], ends, steps);
  // Drop the indexed axes. The sizes come from the slice (the IR's dim formulas,
  // which specialize() evaluates), not from the checker's spelling of them.
  const dropped = y.shape.filter((_, i) => e.items[i]?.kind !== "at");
  return dropped.length === y.shape.length ? y : reshape(y, dropped);
}
