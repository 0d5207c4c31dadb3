// Tensor types and the arithmetic of (possibly symbolic) dimensions.
//
// A dimension is a number, or a string naming a symbolic size. A plain symbol
// is an identifier (`batch`, `T`). Products of symbols and numbers are kept in
// one canonical form, `16*H*W` (numeric coefficient first, then the symbols in
// sorted order), so `Flatten` of `[B, 16, H, W]` and of `[B, 16, W, H]` agree.
// Any other derived size (a strided conv of a symbolic height) becomes an
// opaque symbol such as `(H-3)/2+1`. Symbols are equal only to themselves:
// the checker never proves `2*T == T+T`, it only compares canonical strings.

export type DType = "f32" | "f16" | "i32" | "bool";
export type Dim = number | string;

export interface TensorType {
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

export const DTYPES: readonly DType[] = ["f32", "f16", "i32", "bool"];

export function tensor(dtype: DType, shape: readonly Dim[]): TensorType {
  return { dtype, shape };
}

export function isFloat(dtype: DType): boolean {
  return dtype === "f32" || dtype === "f16";
}

export function showShape(shape: readonly Dim[]): string {
  return `[${shape.join(", ")}]`;
}

export function showType(t: TensorType): string {
  return `${t.dtype}${showShape(t.shape)}`;
}

export function dimEq(a: Dim, b: Dim): boolean {
  return a === b;
}

export function shapeEq(a: readonly Dim[], b: readonly Dim[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function typeEq(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && shapeEq(a.shape, b.shape);
}

export function isConcrete(shape: readonly Dim[]): shape is readonly number[] {
  return shape.every((d) => typeof d === "number");
}

/** The first axis (counted from the left of `a`'s shape) where broadcasting fails. */
export interface BroadcastFailure {
  /** Axis counted from the right: -1 is the last. */
  axisFromEnd: number;
  a: Dim;
  b: Dim;
}

/** NumPy broadcasting; a symbol equals only itself, 1 broadcasts to anything. */
export function broadcastShapes(
  a: readonly Dim[],
  b: readonly Dim[],
): { shape: Dim[] } | { failure: BroadcastFailure } {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = new Array(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da === db || db === 1) out[n - i] = da;
    else if (da === 1) out[n - i] = db;
    else return { failure: { axisFromEnd: -i, a: da, b: db } };
  }
  return { shape: out };
}

// ---------------------------------------------------------------- products

interface Product {
  coef: number;
  symbols: string[];
}

const SIMPLE_SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

function factors(d: Dim): Product {
  if (typeof d === "number") return { coef: d, symbols: [] };
  const parts = d.split("*");
  if (parts.length > 1 && parts.every((p) => SIMPLE_SYMBOL.test(p) || /^\d+$/.test(p))) {
    let coef = 1;
    const symbols: string[] = [];
    for (const p of parts) {
      if (/^\d+$/.test(p)) coef *= Number(p);
      else symbols.push(p);
    }
    return { coef, symbols };
  }
  return { coef: 1, symbols: [SIMPLE_SYMBOL.test(d) ? d : `(${d})`] };
}

function fromProduct(p: Product): Dim {
  if (p.symbols.length === 0 || p.coef === 0) return p.coef;
  const syms = [...p.symbols].sort();
  if (p.coef === 1 && syms.length === 1) {
    const s = syms[0];
    return s.startsWith("(") && s.endsWith(")") ? s.slice(1, -1) : s;
  }
  return (p.coef === 1 ? [] : [String(p.coef)]).concat(syms).join("*");
}

export function mulDims(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a * b;
  const fa = factors(a);
  const fb = factors(b);
  return fromProduct({ coef: fa.coef * fb.coef, symbols: [...fa.symbols, ...fb.symbols] });
}

export function productOf(dims: readonly Dim[]): Dim {
  let p: Dim = 1;
  for (const d of dims) p = mulDims(p, d);
  return p;
}

/** `a / b` when it is exact (numbers, or cancelling a symbol / dividing the coefficient). */
export function divDims(a: Dim, b: Dim): Dim | undefined {
  if (typeof a === "number" && typeof b === "number") {
    return b !== 0 && a % b === 0 ? a / b : undefined;
  }
  const fa = factors(a);
  const fb = factors(b);
  if (fb.coef === 0 || fa.coef % fb.coef !== 0) return undefined;
  const rest = [...fa.symbols];
  for (const s of fb.symbols) {
    const i = rest.indexOf(s);
    if (i < 0) return undefined;
    rest.splice(i, 1);
  }
  return fromProduct({ coef: fa.coef / fb.coef, symbols: rest });
}

/** A derived size the checker cannot simplify: an opaque symbol from its formula. */
export function opaqueDim(formula: string): string {
  return formula;
}

/**
 * Output length of a convolution or pooling window:
 * floor((n + 2p - d(k-1) - 1) / s) + 1. A symbolic n is kept when the window
 * preserves size ("same" padding, stride 1), otherwise an opaque formula.
 */
export function convOutDim(n: Dim, k: number, s: number, p: number, d = 1): Dim {
  if (typeof n === "number") return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  const shrink = d * (k - 1) - 2 * p;
  if (s === 1 && shrink === 0) return n;
  const inner = shrink === 0 ? n : shrink > 0 ? `${n}-${shrink}` : `${n}+${-shrink}`;
  return s === 1 ? inner : `(${inner}-1)/${s}+1`;
}

/** Output length of a transposed convolution: (n-1)s - 2p + d(k-1) + op + 1. */
export function convTransposeOutDim(n: Dim, k: number, s: number, p: number, op: number, d = 1): Dim {
  if (typeof n === "number") return (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
  const grow = -s - 2 * p + d * (k - 1) + op + 1;
  const scaled = s === 1 ? n : mulDims(s, n);
  return grow === 0 ? scaled : `${scaled}${grow > 0 ? "+" : ""}${grow}`;
}

/** Normalise an axis (negative counts from the end); undefined when out of range. */
export function normAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return Number.isInteger(a) && a >= 0 && a < rank ? a : undefined;
}

/** `[.., 784]`-style pattern for messages: what a rule expects in the last dims. */
export function showPattern(tail: readonly Dim[], leading = true): string {
  return `[${leading ? ".., " : ""}${tail.join(", ")}]`;
}
