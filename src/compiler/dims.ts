// The arithmetic of (possibly symbolic) dimensions: the one shape algebra that
// the checker, the layer rules and the IR all use, so that a shape computed
// twice (once when checking, once when lowering) is spelled the same way.
//
// A dimension is a number, or a string naming a symbolic size. Every string
// this module returns is in one canonical form: a polynomial over symbols with
// integer coefficients, monomials in a fixed order, constant last — `16*H*W`,
// `H-3`, `2*T` (so `T+T` and `2*T` are the same dim). Floor division by
// something that does not divide exactly is kept as an atom of the polynomial,
// `(H-3)/2`, whose parts are canonical too; a conv output size is
// `(H-3)/2+1`. Two dims are equal exactly when their canonical strings are.
// Nothing here knows about diagnostics: callers say what went wrong.

export type Dim = number | string;
export type Shape = readonly Dim[];

// ------------------------------------------------------------ polynomials

/** Monomial key (atoms joined by "*", sorted; "" for the constant) → coefficient. */
type Poly = Map<string, number>;

const SIMPLE_SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** -0 prints as 0 but is not `===`-distinguishable from it in every place; keep one zero. */
function noNegZero(n: number): number {
  return n === 0 ? 0 : n;
}

function constPoly(n: number): Poly {
  return n === 0 ? new Map() : new Map([["", n]]);
}

function atomPoly(atom: string): Poly {
  return new Map([[atom, 1]]);
}

function addPoly(a: Poly, b: Poly, sign = 1): Poly {
  const out = new Map(a);
  for (const [k, c] of b) {
    const v = (out.get(k) ?? 0) + sign * c;
    if (v === 0) out.delete(k);
    else out.set(k, v);
  }
  return out;
}

function atomsOf(key: string): string[] {
  return key === "" ? [] : splitTop(key, "*");
}

function monoKey(atoms: readonly string[]): string {
  return [...atoms].sort().join("*");
}

function mulPoly(a: Poly, b: Poly): Poly {
  const out: Poly = new Map();
  for (const [ka, ca] of a)
    for (const [kb, cb] of b) {
      const k = kb === "" ? ka : ka === "" ? kb : monoKey([...atomsOf(ka), ...atomsOf(kb)]);
      const v = (out.get(k) ?? 0) + ca * cb;
      if (v === 0) out.delete(k);
      else out.set(k, v);
    }
  return out;
}

function asConst(p: Poly): number | undefined {
  if (p.size === 0) return 0;
  return p.size === 1 && p.has("") ? p.get("") : undefined;
}

/** `a / b` when exact: b a constant dividing every coefficient, or a monomial dividing every monomial. */
function exactDiv(a: Poly, b: Poly): Poly | undefined {
  if (b.size !== 1) return undefined;
  const [[kb, cb]] = [...b];
  const out: Poly = new Map();
  for (const [ka, ca] of a) {
    if (ca % cb !== 0) return undefined;
    const rest = atomsOf(ka);
    for (const s of atomsOf(kb)) {
      const i = rest.indexOf(s);
      if (i < 0) return undefined;
      rest.splice(i, 1);
    }
    out.set(monoKey(rest), ca / cb);
  }
  return out;
}

/** floor(a / b): exact when it can be, else an opaque atom `(a)/b`. */
function floorDivPoly(a: Poly, b: Poly): Poly {
  const na = asConst(a);
  const nb = asConst(b);
  if (na !== undefined && nb !== undefined && nb !== 0) return constPoly(noNegZero(Math.floor(na / nb)));
  const exact = exactDiv(a, b);
  if (exact) return exact;
  const den = show(b);
  return atomPoly(`(${show(a)})/${SIMPLE_SYMBOL.test(den) || /^\d+$/.test(den) ? den : `(${den})`}`);
}

// Monomials: higher degree first, then by key; the constant last.
function order(a: string, b: string): number {
  if (a === "" || b === "") return a === "" ? (b === "" ? 0 : 1) : -1;
  const da = atomsOf(a).length;
  const db = atomsOf(b).length;
  return da !== db ? db - da : a < b ? -1 : a > b ? 1 : 0;
}

function show(p: Poly): string {
  const keys = [...p.keys()].sort(order);
  if (keys.length === 0) return "0";
  return keys
    .map((k, i) => {
      const c = p.get(k)!;
      const sign = c < 0 ? "-" : i === 0 ? "" : "+";
      const atoms = atomsOf(k);
      const mag = Math.abs(c);
      if (atoms.length === 0) return `${sign}${mag}`;
      // A lone quotient atom with coefficient 1 reads as written; anywhere else
      // it is parenthesised so that `2*((H-3)/2)` parses back to what it is.
      const bare = atoms.length === 1 && mag === 1 && c > 0;
      const parts = atoms.map((a) => (SIMPLE_SYMBOL.test(a) || bare ? a : `(${a})`));
      return sign + (mag === 1 ? [] : [String(mag)]).concat(parts).join("*");
    })
    .join("");
}

/** Split at `sep` outside parentheses. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") depth--;
    else if (s[i] === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Parse a dim formula (integers, symbols, + - * / floor division, parentheses). */
function parse(d: string): Poly {
  const toks = d.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(d);
  };
  const atom = (): Poly => {
    const t = toks[i++];
    if (t === "(") {
      const v = sum();
      if (toks[i++] !== ")") fail();
      return v;
    }
    if (t === "-") return mulPoly(constPoly(-1), atom());
    if (t !== undefined && /^\d+$/.test(t)) return constPoly(Number(t));
    if (t !== undefined && SIMPLE_SYMBOL.test(t)) return atomPoly(t);
    return fail();
  };
  const prod = (): Poly => {
    let v = atom();
    while (toks[i] === "*" || toks[i] === "/") {
      const op = toks[i++];
      const r = atom();
      v = op === "*" ? mulPoly(v, r) : floorDivPoly(v, r);
    }
    return v;
  };
  const sum = (): Poly => {
    let v = prod();
    while (toks[i] === "+" || toks[i] === "-") {
      const op = toks[i++];
      v = addPoly(v, prod(), op === "+" ? 1 : -1);
    }
    return v;
  };
  const v = sum();
  if (i !== toks.length) fail();
  return v;
}

/**
 * Parsed dims by spelling, and canonical spellings: a check meets the same few
 * dims (`d`, `4*d`, `B`) thousands of times. Polys are never mutated once
 * made (every operation builds a new one), so a cached one may be shared.
 * Cleared when it grows past MAX_MEMO (a long-lived process sees many files).
 */
const polyMemo = new Map<string, Poly>();
const canonMemo = new Map<string, Dim>();
const MAX_MEMO = 4096;

/** Keeps `v` under `d` in one of the memos above (listed in test/architecture.test.ts as allowed module state). */
function memo<V>(m: Map<string, V>, d: string, v: V): V {
  if (m.size >= MAX_MEMO) m.clear();
  m.set(d, v);
  return v;
}

function polyOf(d: Dim): Poly {
  if (typeof d === "number") return constPoly(d);
  const known = polyMemo.get(d);
  if (known) return known;
  let p: Poly;
  try {
    p = parse(d);
  } catch {
    // Not a formula (cannot come from this module): an opaque symbol of its own.
    p = atomPoly(d);
  }
  return memo(polyMemo, d, p);
}

function dimOf(p: Poly): Dim {
  return asConst(p) ?? show(p);
}

// ------------------------------------------------------------ arithmetic

/** The canonical spelling of a dim. */
export function canonDim(d: Dim): Dim {
  if (typeof d === "number") return d;
  return canonMemo.get(d) ?? memo(canonMemo, d, dimOf(polyOf(d)));
}

export function dimEq(a: Dim, b: Dim): boolean {
  return a === b || canonDim(a) === canonDim(b);
}

/** Results of symbolic operations by operator and operands (`*\0 4\0 d`): a layer's shapes repeat them. */
const opMemo = new Map<string, Dim | undefined>();

function symbolic(op: "+" | "-" | "*" | "/" | "//", a: Dim, b: Dim): Dim | undefined {
  const key = `${op}\0${a}\0${b}`;
  if (opMemo.has(key)) return opMemo.get(key);
  const pa = polyOf(a);
  const pb = polyOf(b);
  let r: Dim | undefined;
  switch (op) {
    case "+":
      r = dimOf(addPoly(pa, pb));
      break;
    case "-":
      r = dimOf(addPoly(pa, pb, -1));
      break;
    case "*":
      r = dimOf(mulPoly(pa, pb));
      break;
    case "/": {
      const q = exactDiv(pa, pb);
      r = q && dimOf(q);
      break;
    }
    case "//":
      r = dimOf(floorDivPoly(pa, pb));
      break;
  }
  return memo(opMemo, key, r);
}

export function addDims(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a + b;
  return symbolic("+", a, b)!;
}

export function subDims(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return symbolic("-", a, b)!;
}

export function mulDims(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return noNegZero(a * b);
  return symbolic("*", a, b)!;
}

export function productOf(dims: Shape): Dim {
  let p: Dim = 1;
  for (const d of dims) p = mulDims(p, d);
  return p;
}

/** `a / b` when it is exact (numbers, or dividing coefficients and cancelling symbols); undefined otherwise. */
export function divDims(a: Dim, b: Dim): Dim | undefined {
  if (typeof a === "number" && typeof b === "number") return b !== 0 && a % b === 0 ? noNegZero(a / b) : undefined;
  return symbolic("/", a, b);
}

/** ceil(a / k) for a positive integer k: the length of a strided slice. */
export function ceilDivDims(a: Dim, k: number): Dim {
  return floorDivDims(addDims(a, k - 1), k);
}

/** floor(a / b); symbolic quotients that are not exact stay as an atom `(a)/b`. */
export function floorDivDims(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return noNegZero(Math.floor(a / b));
  return symbolic("//", a, b)!;
}

export function isConcrete(shape: Shape): shape is readonly number[] {
  return shape.every((d) => typeof d === "number");
}

export function shapeEq(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => dimEq(d, b[i]));
}

// ------------------------------------------------------------ shape rules

/** Where broadcasting fails: the axis counted from the right (-1 is the last) and the two dims. */
export interface BroadcastFailure {
  axisFromEnd: number;
  a: Dim;
  b: Dim;
}

/** NumPy broadcasting; symbolic dims are equal when their canonical forms are, 1 broadcasts to anything. */
export function broadcastShapes(a: Shape, b: Shape): { shape: Dim[] } | { failure: BroadcastFailure } {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = new Array(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (db === 1 || dimEq(da, db)) out[n - i] = da;
    else if (da === 1) out[n - i] = db;
    else return { failure: { axisFromEnd: -i, a: da, b: db } };
  }
  return { shape: out };
}

/** Normalise an axis (negative counts from the end); undefined when out of range. */
export function normAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return Number.isInteger(a) && a >= 0 && a < rank ? a : undefined;
}

/** Output length of a convolution or pooling window: floor((n + 2p - d(k-1) - 1) / s) + 1. */
export function convOutDim(n: Dim, k: number, s: number, p: number, d = 1): Dim {
  return addDims(floorDivDims(addDims(n, 2 * p - d * (k - 1) - 1), s), 1);
}

/** Output length of a transposed convolution: (n-1)s - 2p + d(k-1) + op + 1. */
export function convTransposeOutDim(n: Dim, k: number, s: number, p: number, op: number, d = 1): Dim {
  return addDims(mulDims(subDims(n, 1), s), -2 * p + d * (k - 1) + op + 1);
}

// ------------------------------------------------------------ evaluating dims

export type DimEnv = Readonly<Record<string, number>>;

/** Value of a dim under `env`, or the dim unchanged when a symbol is unbound. */
export function evalDim(d: Dim, env: DimEnv): Dim {
  if (typeof d === "number") return d;
  if (d in env) return env[d];
  const v = evalPoly(polyOf(d), env);
  return v === undefined ? d : v;
}

function evalPoly(p: Poly, env: DimEnv): number | undefined {
  let total = 0;
  for (const [k, c] of p) {
    let m = c;
    for (const a of atomsOf(k)) {
      const v = evalAtom(a, env);
      if (v === undefined) return undefined;
      m *= v;
    }
    total += m;
  }
  return total;
}

function evalAtom(a: string, env: DimEnv): number | undefined {
  if (a in env) return env[a];
  if (SIMPLE_SYMBOL.test(a)) return undefined;
  const parts = splitTop(a, "/");
  if (parts.length !== 2) return undefined;
  const num = evalPoly(polyOf(parts[0]), env);
  const den = evalPoly(polyOf(parts[1]), env);
  return num === undefined || den === undefined || den === 0 ? undefined : Math.floor(num / den);
}

export function evalShape(s: Shape, env: DimEnv): Dim[] {
  return s.map((d) => evalDim(d, env));
}
