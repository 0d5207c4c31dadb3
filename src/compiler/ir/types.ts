// Dtypes, (symbolic) dimensions and attribute values of the tensor IR.
//
// A dimension is a number or a string naming a symbolic size. Strings use the
// checker's spelling (src/compiler/check/shapes.ts): a plain symbol (`batch`),
// a canonical product (`16*H*W`), or an opaque formula (`(H-3)/2+1`). The IR
// never reasons about formulas: two symbolic dims are equal only when their
// strings are; `evalDim` turns them into numbers once the symbols are bound.

import { InternalError } from "../diagnostics";

/** f32 is computed in float64 by the reference interpreter when asked (gradient checks). */
export type DType = "f32" | "i32" | "bool";
export type Dim = number | string;
export type Shape = readonly Dim[];

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

export function shapeEq(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function isConcrete(s: Shape): s is readonly number[] {
  return s.every((d) => typeof d === "number");
}

export function concrete(s: Shape, what = "shape"): number[] {
  if (!isConcrete(s)) throw new InternalError(`${what} ${showShape(s)} is symbolic; specialize() the graph first`);
  return s.slice();
}

export function numel(s: readonly number[]): number {
  let n = 1;
  for (const d of s) n *= d;
  return n;
}

/** NumPy broadcasting of two shapes; a symbol equals only itself, 1 broadcasts. */
export function broadcastShapes(a: Shape, b: Shape): Dim[] {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = new Array(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da === db || db === 1) out[n - i] = da;
    else if (da === 1) out[n - i] = db;
    else throw new InternalError(`cannot broadcast ${showShape(a)} with ${showShape(b)}`);
  }
  return out;
}

export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new InternalError(`axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** Product of dims, symbolic when any is (`"16*H*W"`-style canonical form not attempted: `a*b`). */
export function dimProduct(dims: Shape): Dim {
  let num = 1;
  const syms: string[] = [];
  for (const d of dims) {
    if (typeof d === "number") num *= d;
    else syms.push(/^[A-Za-z_][A-Za-z0-9_]*$/.test(d) ? d : `(${d})`);
  }
  if (syms.length === 0 || num === 0) return num;
  syms.sort();
  return (num === 1 ? [] : [String(num)]).concat(syms).join("*");
}

// ------------------------------------------------------------ evaluating dims

export type DimEnv = Readonly<Record<string, number>>;

/**
 * Value of a dim under `env`, or the dim unchanged when a symbol is unbound.
 * Formulas: integers, symbols, + - * / (floor division, as in conv output
 * sizes) and parentheses.
 */
export function evalDim(d: Dim, env: DimEnv): Dim {
  if (typeof d === "number") return d;
  if (d in env) return env[d];
  const toks = d.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]/g) ?? [];
  let i = 0;
  let unbound = false;
  const atom = (): number => {
    const t = toks[i++];
    if (t === "(") {
      const v = sum();
      i++; // ")"
      return v;
    }
    if (t === "-") return -atom();
    if (t !== undefined && /^\d+$/.test(t)) return Number(t);
    if (t !== undefined && t in env) return env[t];
    unbound = true;
    return 1;
  };
  const prod = (): number => {
    let v = atom();
    while (toks[i] === "*" || toks[i] === "/") {
      const op = toks[i++];
      const r = atom();
      v = op === "*" ? v * r : Math.floor(v / r);
    }
    return v;
  };
  const sum = (): number => {
    let v = prod();
    while (toks[i] === "+" || toks[i] === "-") {
      const op = toks[i++];
      const r = prod();
      v = op === "+" ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return unbound ? d : v;
}

export function evalShape(s: Shape, env: DimEnv): Dim[] {
  return s.map((d) => evalDim(d, env));
}

// ------------------------------------------------------------- attr hashing

/** Canonical text of an attribute value: sorted keys, exact numbers (NaN, ±Infinity, -0). */
export function attrKey(v: AttrValue | Attrs | undefined): string {
  if (v === undefined) return "u";
  if (v === null) return "null";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map((x) => attrKey(x)).join(",")}]`;
  const o = v as Attrs;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${k}:${attrKey(o[k])}`)
    .join(",")}}`;
}

/**
 * Output length of a conv/pool window: floor((n + 2p - d(k-1) - 1)/s) + 1.
 * Symbolic n uses the checker's spelling (check/shapes.ts convOutDim) so the
 * lowered IR's shapes match the checked types string for string.
 */
export function convOutDim(n: Dim, k: number, s: number, p: number, d = 1): Dim {
  if (typeof n === "number") return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  const shrink = d * (k - 1) - 2 * p;
  if (s === 1 && shrink === 0) return n;
  const inner = shrink === 0 ? n : shrink > 0 ? `${n}-${shrink}` : `${n}+${-shrink}`;
  return s === 1 ? inner : `(${inner}-1)/${s}+1`;
}
