// Compile-time arithmetic on hyperparameters and literals: `4 * d`,
// `d / heads` (int division must be exact), comparisons, symbolic ints.

import type { BinaryOp } from "../syntax/ast";
import { addDims, dimEq, divDims, floorDivDims, mulDims, subDims } from "../dims";
import { cInt, showCVal, type CVal } from "./values";

export type ConstResult = { ok: CVal } | { error: string };

function isNum(c: CVal): c is Extract<CVal, { t: "int" | "float" }> {
  return c.t === "int" || c.t === "float";
}

export function constBinary(op: BinaryOp, a: CVal, b: CVal): ConstResult {
  if (op === "and" || op === "or") {
    if (a.t !== "bool" || b.t !== "bool") return { error: `'${op}' needs compile-time bools but found ${showCVal(a)} and ${showCVal(b)}` };
    return { ok: { t: "bool", v: op === "and" ? a.v && b.v : a.v || b.v } };
  }
  if (a.t === "sym" || b.t === "sym") return symBinary(op, a, b);
  if (op === "==" || op === "!=") {
    if (a.t === "list" || b.t === "list") return { error: `cannot compare lists` };
    const eq = a.v === b.v;
    return { ok: { t: "bool", v: op === "==" ? eq : !eq } };
  }
  if (!isNum(a) || !isNum(b)) return { error: `'${op}' needs numbers but found ${showCVal(a)} and ${showCVal(b)}` };
  const ints = a.t === "int" && b.t === "int";
  const x = a.v;
  const y = b.v;
  switch (op) {
    case "+":
      return num(ints, x + y);
    case "-":
      return num(ints, x - y);
    case "*":
      return num(ints, x * y);
    case "/":
      if (y === 0) return { error: `division by zero: ${x} / ${y}` };
      if (ints && x % y !== 0) return { error: `${x} / ${y} is not an integer (int division must be exact)` };
      return num(ints, x / y);
    case "%":
      if (y === 0) return { error: `modulo by zero: ${x} % ${y}` };
      return num(ints, x % y);
    case "**":
      return ints && y < 0 ? { ok: { t: "float", v: x ** y } } : num(ints, x ** y);
    case "<":
      return { ok: { t: "bool", v: x < y } };
    case "<=":
      return { ok: { t: "bool", v: x <= y } };
    case ">":
      return { ok: { t: "bool", v: x > y } };
    case ">=":
      return { ok: { t: "bool", v: x >= y } };
    case "@":
      return { error: `'@' needs tensors` };
  }
}

/** An arithmetic result: an int when both operands are and it is whole, else a float. */
function num(ints: boolean, v: number): ConstResult {
  return { ok: ints && Number.isInteger(v) ? cInt(v) : { t: "float", v } };
}

function dim(c: CVal): number | string | undefined {
  return c.t === "int" || c.t === "sym" ? c.v : undefined;
}

function sym(v: number | string): ConstResult {
  return { ok: typeof v === "number" ? cInt(v) : { t: "sym", v } };
}

/** Symbolic ints: sums, products and quotients in the dims' canonical form (`T+T` is `2*T`). */
function symBinary(op: BinaryOp, a: CVal, b: CVal): ConstResult {
  const x = dim(a);
  const y = dim(b);
  if (x === undefined || y === undefined) return { error: `'${op}' needs ints but found ${showCVal(a)} and ${showCVal(b)}` };
  switch (op) {
    case "*":
      return sym(mulDims(x, y));
    case "/":
      return sym(divDims(x, y) ?? floorDivDims(x, y));
    case "+":
      return sym(addDims(x, y));
    case "-":
      return sym(subDims(x, y));
    case "==":
      return dimEq(x, y) ? { ok: { t: "bool", v: true } } : { error: `cannot decide ${x} == ${y} at compile time` };
    default:
      return { error: `cannot evaluate ${x} ${op} ${y} at compile time` };
  }
}

export function constNeg(c: CVal): ConstResult {
  if (c.t === "int" || c.t === "float") return { ok: { t: c.t, v: -c.v } };
  if (c.t === "sym") {
    const v = mulDims(-1, c.v);
    return { ok: typeof v === "number" ? cInt(v) : { t: "sym", v } };
  }
  return { error: `cannot negate ${showCVal(c)}` };
}

/** Does a value fit a declared hyperparameter type (`int`, `float`, `bool`, `string`)? An int is a float. */
export function fitsType(c: CVal, type: string): CVal | undefined {
  switch (type) {
    case "int":
      return c.t === "int" || c.t === "sym" ? c : undefined;
    case "float":
      return c.t === "float" ? c : c.t === "int" ? { t: "float", v: c.v } : undefined;
    case "bool":
      return c.t === "bool" ? c : undefined;
    case "string":
      return c.t === "string" ? c : undefined;
    default:
      return c;
  }
}

export const HPARAM_TYPES = ["int", "float", "bool", "string"];
