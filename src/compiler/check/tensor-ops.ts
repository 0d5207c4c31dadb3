// Tensor arithmetic: broadcasting binary ops, `@` matmul, comparisons,
// indexing and slicing, and turning values into tensors (constants adopt
// their partner's dtype; PositionalEmbedding used as a value yields its table).

import type { Span } from "../source";
import type { BinaryExpr, Expr, IndexExpr } from "../syntax/ast";
import { addDims, broadcastShapes, ceilDivDims, subDims, type Dim } from "../dims";
import { showShape, showType, type DType, type TensorType } from "../tensor-type";
import type { EBinaryOp, ENode, IndexSel } from "./elaborated";
import { applyValue } from "./apply";
import { evalExpr, report, tensorValue, type Cx } from "./expr";
import { UNKNOWN, describe, type Value } from "./values";
import { FUNCTIONS } from "../layers";

/**
 * A value as a tensor operand. Numbers and bools become scalar constants of
 * `dtype` (the other operand's); a nullary layer (PositionalEmbedding) is
 * applied to nothing. Reports DL3009 for anything else; undefined when unknown.
 */
export function toTensor(cx: Cx, v: Value, span: Span, dtype?: DType): ENode | undefined {
  switch (v.k) {
    case "tensor":
      return v.node;
    case "const": {
      const c = v.c;
      if (c.t === "int" || c.t === "float") {
        const dt: DType = dtype && dtype !== "bool" ? dtype : c.t === "int" && dtype === undefined ? "f32" : "f32";
        if (dt === "i32" && c.t === "float" && !Number.isInteger(c.v)) {
          report(cx, "DL3003", `the float ${c.v} cannot combine with an i32 tensor`, span);
          return undefined;
        }
        return { kind: "const", value: c.v, type: { dtype: dt, shape: [] }, file: cx.env.file.path, span };
      }
      if (c.t === "bool") return { kind: "const", value: c.v, type: { dtype: "bool", shape: [] }, file: cx.env.file.path, span };
      if (c.t === "sym") return undefined;
      report(cx, "DL3009", `expected a tensor but found ${describe(v)}`, span);
      return undefined;
    }
    case "layer":
    case "inst": {
      const nullary = v.k === "layer" ? v.t.k === "builtin" && v.t.def.nullary : v.inst.kind === "builtin" && v.inst.def.nullary;
      if (nullary) {
        const r = applyValue(cx, v, [], span);
        return r.k === "tensor" ? r.node : undefined;
      }
      report(cx, "DL3009", `expected a tensor but found a layer; apply it to an input (x -> layer)`, span);
      return undefined;
    }
    case "unknown":
      return undefined;
    default:
      report(cx, "DL3009", `expected a tensor but found ${describe(v)}`, span);
      return undefined;
  }
}

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

function tensorDtypeOf(v: Value): DType | undefined {
  if (v.k === "tensor") return v.node.type.dtype;
  if (v.k === "layer" || v.k === "inst") return "f32";
  return undefined;
}

export function arithmetic(cx: Cx, e: BinaryExpr, a: Value, b: Value): Value {
  const hint = tensorDtypeOf(a) ?? tensorDtypeOf(b);
  const l = toTensor(cx, a, e.left.span, hint);
  const r = toTensor(cx, b, e.right.span, hint);
  if (!l || !r) return UNKNOWN;
  const lt = l.type;
  const rt = r.type;
  if (lt.dtype !== rt.dtype) {
    report(cx, "DL3003", `'${e.op}' needs operands of one dtype but receives ${showType(lt)} and ${showType(rt)}`, e.opSpan);
    return UNKNOWN;
  }
  if (lt.dtype === "bool" && !(e.op === "==" || e.op === "!=")) {
    report(cx, "DL3003", `'${e.op}' is not defined on bool tensors`, e.opSpan);
    return UNKNOWN;
  }
  let type: TensorType | undefined;
  if (e.op === "@" && cx.env.inOp) {
    report(cx, "DL3009", `an op body is elementwise math; '@' is not elementwise`, e.opSpan);
    return UNKNOWN;
  }
  if (e.op === "@") type = matmulType(cx, lt, rt, e.opSpan);
  else {
    const br = broadcastShapes(lt.shape, rt.shape);
    if ("failure" in br) {
      const f = br.failure;
      report(
        cx,
        "DL3004",
        `shapes ${showShape(lt.shape)} and ${showShape(rt.shape)} cannot be broadcast for '${e.op}': dimension ${f.axisFromEnd} is ${f.a} on the left and ${f.b} on the right`,
        e.opSpan,
      );
      return UNKNOWN;
    }
    type = { dtype: COMPARISONS.has(e.op) ? "bool" : lt.dtype, shape: br.shape };
  }
  if (!type) return UNKNOWN;
  return tensorValue({ kind: "binary", op: e.op as EBinaryOp, left: l, right: r, type, file: cx.env.file.path, span: e.span });
}

/** NumPy matmul: [.., n, k] @ [.., k, m] → [.., n, m]; 1-D operands are promoted and the added dim dropped. */
function matmulType(cx: Cx, a: TensorType, b: TensorType, span: Span): TensorType | undefined {
  if (a.dtype === "bool" || a.shape.length === 0 || b.shape.length === 0) {
    report(cx, "DL3002", `'@' needs tensors of rank >= 1 but receives ${showType(a)} and ${showType(b)}`, span);
    return undefined;
  }
  const as = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
  const bs = b.shape.length === 1 ? [b.shape[0], 1] : b.shape;
  const k1 = as[as.length - 1];
  const k2 = bs[bs.length - 2];
  if (k1 !== k2) {
    report(
      cx,
      "DL3001",
      `'@' contracts the last dimension of ${showShape(a.shape)} (${k1}) with ${b.shape.length === 1 ? "the only" : "the second-to-last"} dimension of ${showShape(b.shape)} (${k2}), which differ`,
      span,
    );
    return undefined;
  }
  const batch = broadcastShapes(as.slice(0, -2), bs.slice(0, -2));
  if ("failure" in batch) {
    report(cx, "DL3004", `'@' batch dimensions ${showShape(as.slice(0, -2))} and ${showShape(bs.slice(0, -2))} cannot be broadcast`, span);
    return undefined;
  }
  const shape: Dim[] = [...batch.shape];
  if (a.shape.length > 1) shape.push(as[as.length - 2]);
  if (b.shape.length > 1) shape.push(bs[bs.length - 1]);
  return { dtype: a.dtype, shape };
}

// ---------------------------------------------------------------- indexing

function constInt(cx: Cx, e: Expr | undefined, what: string): number | undefined | null {
  if (!e) return undefined;
  return intOf(cx, evalExpr(cx, e), e.span, what);
}

function intOf(cx: Cx, v: Value, span: Span, what: string): number | null {
  if (v.k === "const" && v.c.t === "int") return v.c.v;
  if (v.k !== "unknown" && !(v.k === "const" && v.c.t === "sym"))
    report(cx, v.k === "tensor" ? "DL3009" : "DL3005", `${what} must be a compile-time int, found ${describe(v)}`, span);
  return null;
}

export function evalIndex(cx: Cx, e: IndexExpr): Value {
  if (cx.env.inOp) {
    report(cx, "DL3009", `an op body is elementwise math; indexing is not elementwise`, e.span);
    return UNKNOWN;
  }
  const obj = evalExpr(cx, e.object);
  if (obj.k === "split") return pickSplit(cx, e, obj);
  const t = toTensor(cx, obj, e.object.span);
  if (!t) {
    for (const it of e.items) if (it.kind !== "Slice" && it.kind !== "Ellipsis") evalExpr(cx, it);
    return UNKNOWN;
  }
  const shape = t.type.shape;
  const ellipses = e.items.filter((i) => i.kind === "Ellipsis").length;
  const explicit = e.items.length - ellipses;
  if (ellipses > 1 || explicit > shape.length) {
    report(cx, "DL3008", ellipses > 1 ? `only one '...' is allowed in an index` : `${explicit} indices for ${showShape(shape)} (rank ${shape.length})`, e.span);
    return UNKNOWN;
  }
  const sels: IndexSel[] = [];
  const out: Dim[] = [];
  let axis = 0;
  let bad = false;
  let taken: { at: number; node: ENode; span: Span } | undefined;
  for (const it of e.items) {
    if (it.kind === "Ellipsis") {
      for (let n = shape.length - explicit; n > 0; n--, axis++) {
        sels.push({ kind: "all" });
        out.push(shape[axis]);
      }
      continue;
    }
    const dim = shape[axis++];
    if (it.kind === "Slice") {
      const start = constInt(cx, it.start, "a slice bound");
      const end = constInt(cx, it.end, "a slice bound");
      const step = constInt(cx, it.step, "a slice step");
      if (start === null || end === null || step === null) {
        bad = true;
        continue;
      }
      const r = resolveSlice(dim, start, end, step ?? 1);
      if ("error" in r) {
        report(cx, "DL3008", `${r.error} (indexing ${showShape(shape)})`, it.span);
        bad = true;
        continue;
      }
      sels.push(r.sel);
      out.push(r.size);
      continue;
    }
    const v = evalExpr(cx, it);
    if (v.k === "tensor") {
      // x[idx]: an integer tensor selects along this dim (index_select), replacing it by idx's shape.
      const dt = v.node.type.dtype;
      if (dt !== "i32") {
        const why = dt === "bool" ? "a bool mask would select a data-dependent number of elements; use where(mask, x, 0.0)" : "use i32(idx)";
        report(cx, "DL3003", `an index tensor must be i32, found ${dt}: ${why}`, it.span);
        bad = true;
        continue;
      }
      if (taken) {
        report(cx, "DL3009", `only one tensor index is allowed; index one dim at a time (x[i][:, j])`, it.span);
        bad = true;
        continue;
      }
      taken = { at: out.length, node: v.node, span: it.span };
      sels.push({ kind: "all" });
      out.push(dim);
      continue;
    }
    const i = intOf(cx, v, it.span, "an index");
    if (i === null || i === undefined) {
      bad = true;
      continue;
    }
    if (typeof dim === "number" && (i >= dim || i < -dim)) {
      report(cx, "DL3008", `index ${i} is out of range for dimension ${axis - 1} of size ${dim} in ${showShape(shape)}`, it.span);
      bad = true;
      continue;
    }
    sels.push({ kind: "at", index: typeof dim === "number" && i < 0 ? i + dim : i });
  }
  if (bad) return UNKNOWN;
  for (; axis < shape.length; axis++) {
    sels.push({ kind: "all" });
    out.push(shape[axis]);
  }
  const file = cx.env.file.path;
  const sliced: ENode = taken && sels.every((x) => x.kind === "all") ? t : { kind: "index", object: t, items: sels, type: { dtype: t.type.dtype, shape: out }, file, span: e.span };
  if (!taken) return tensorValue(sliced);
  if (sels.some((x) => x.kind === "at")) {
    // NumPy moves the selected dims first when an int and a tensor index are apart; one meaning only.
    report(cx, "DL3009", `an int index and a tensor index together are ambiguous; index in two steps (x[0][:, idx])`, taken.span);
    return UNKNOWN;
  }
  const idx = taken.node;
  const shapeOut = [...out.slice(0, taken.at), ...idx.type.shape, ...out.slice(taken.at + 1)];
  return tensorValue({ kind: "call", fn: FUNCTIONS.get("index_select")!, args: [sliced, idx], options: { dim: taken.at }, type: { dtype: t.type.dtype, shape: shapeOut }, file, span: e.span });
}

function resolveSlice(dim: Dim, start: number | undefined, end: number | undefined, step: number): { sel: IndexSel; size: Dim } | { error: string } {
  if (step < 1) return { error: `slice step must be positive, found ${step}` };
  if (typeof dim === "number") {
    const norm = (x: number) => Math.max(0, Math.min(dim, x < 0 ? x + dim : x));
    const s = start === undefined ? 0 : norm(start);
    const en = end === undefined ? dim : norm(end);
    const size = Math.max(0, Math.ceil((en - s) / step));
    if (size === 0) return { error: `slice ${start ?? ""}:${end ?? ""} of a dimension of size ${dim} is empty` };
    return { sel: { kind: "slice", start: s, end: en, step }, size };
  }
  const s = start ?? 0;
  if (s === 0 && end === undefined && step === 1) return { sel: { kind: "all" }, size: dim };
  // The IR's slice length (ceil((end - start) / step), negative bounds from
  // the end), so the lowered shape is spelled like this one.
  const from = (x: number): Dim => (x < 0 ? addDims(dim, x) : x);
  const size = ceilDivDims(subDims(end === undefined ? dim : from(end), from(s)), step);
  if (typeof size === "number" && size <= 0) return { error: `slice ${s}:${end} is empty` };
  return { sel: end === undefined ? { kind: "slice", start: s, step } : { kind: "slice", start: s, end, step }, size };
}

function pickSplit(cx: Cx, e: IndexExpr, s: Extract<Value, { k: "split" }>): Value {
  const it = e.items[0];
  if (e.items.length !== 1 || it.kind === "Slice" || it.kind === "Ellipsis") {
    report(cx, "DL3008", `pick one piece of a split with a single index, e.g. [0]`, e.span);
    return UNKNOWN;
  }
  const i0 = constInt(cx, it, "a split index");
  if (i0 === null || i0 === undefined) return UNKNOWN;
  const i = i0 < 0 ? i0 + s.count : i0;
  if (i < 0 || i >= s.count) {
    report(cx, "DL3008", `split has ${s.count} pieces; index ${i0} is out of range`, it.span);
    return UNKNOWN;
  }
  const shape = s.node.type.shape;
  const dim = shape[s.axis] as number;
  const start = i * s.size;
  const end = Math.min(dim, start + s.size);
  const sels: IndexSel[] = shape.map((_, a) => (a === s.axis ? { kind: "slice", start, end, step: 1 } : { kind: "all" }));
  const out = shape.map((d, a) => (a === s.axis ? end - start : d));
  return tensorValue({ kind: "index", object: s.node, items: sels, type: { dtype: s.node.type.dtype, shape: out }, file: cx.env.file.path, span: e.span });
}
