// Dtypes, (symbolic) dimensions and attribute values of the tensor IR.
//
// Dims and their arithmetic are the checker's (../dims.ts), so a shape the
// checker computed and the same shape lowered are spelled the same way;
// `evalDim` turns them into numbers once the symbols are bound.

import { InternalError } from "../diagnostics";
import { broadcastShapes, isConcrete, normAxis, type Dim, type Shape } from "../dims";

export { convOutDim, evalDim, evalShape, isConcrete, productOf, shapeEq, type Dim, type DimEnv, type Shape } from "../dims";

/** f32 is computed in float64 by the reference interpreter when asked (gradient checks). */
export type DType = "f32" | "i32" | "bool";

export interface TensorType {
  readonly dtype: DType;
  readonly shape: Shape;
}

/** Attribute values are plain data so that they can be hashed, printed and compared. */
export type AttrValue = number | string | boolean | null | readonly AttrValue[];
export type Attrs = Readonly<Record<string, AttrValue>>;

export function isFloat(d: DType): boolean {
  return d === "f32";
}

export function showShape(s: Shape): string {
  return `[${s.join(",")}]`;
}

export function showType(t: TensorType): string {
  return `${t.dtype}${showShape(t.shape)}`;
}

export function concrete(s: Shape, what = "shape"): number[] {
  if (!isConcrete(s)) throw new InternalError(`${what} ${showShape(s)} is symbolic; specialize() the graph first`);
  return s.slice();
}

/** A hash of a list of numbers (a signature), for maps keyed by its elements (compared with sameElements). */
export function hashNumbers(s: readonly number[]): number {
  let h = s.length;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s[i]) | 0;
  return h;
}

/**
 * The same length and the same elements (===): shapes, coordinates,
 * signatures. A loop: it runs per node visit in fusion and code generation.
 */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equal shapes, dim by dim as written. */
export const sameShape: (a: readonly Dim[], b: readonly Dim[]) => boolean = sameElements;

export function numel(s: readonly number[]): number {
  let n = 1;
  for (const d of s) n *= d;
  return n;
}

/** Broadcast two shapes the lowering already checked: a failure is a compiler bug. */
export function broadcastOrThrow(a: Shape, b: Shape): Dim[] {
  const r = broadcastShapes(a, b);
  if ("failure" in r) throw new InternalError(`cannot broadcast ${showShape(a)} with ${showShape(b)}`);
  return r.shape;
}

/** An axis the lowering already checked: out of range is a compiler bug. */
export function normAxisOrThrow(axis: number, rank: number): number {
  const a = normAxis(axis, rank);
  if (a === undefined) throw new InternalError(`axis ${axis} out of range for rank ${rank}`);
  return a;
}

// ------------------------------------------------------------- attr hashing

/** Canonical text of an attribute value: sorted keys, exact numbers (NaN, ±Infinity, -0). */
export function attrKey(v: AttrValue | Attrs | undefined): string {
  if (v === undefined) return "u";
  if (v === null) return "null";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  // (loops: every makeNode of new attributes hashes them)
  if (Array.isArray(v)) {
    let s = "[";
    for (let i = 0; i < v.length; i++) s += i ? `,${attrKey(v[i])}` : attrKey(v[i]);
    return `${s}]`;
  }
  const o = v as Attrs;
  // Keys in code-unit order, as sort() orders them, sorted in place (a handful:
  // sort() copied them into a work array first).
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > k; j--) keys[j + 1] = keys[j];
    keys[j + 1] = k;
  }
  let s = "{";
  for (const k of keys) {
    if (o[k] === undefined) continue;
    s += `${s.length > 1 ? "," : ""}${k}:${attrKey(o[k])}`;
  }
  return `${s}}`;
}
