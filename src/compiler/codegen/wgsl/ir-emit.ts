// WGSL for IR nodes evaluated at coordinates: the heart of fusion. A fused
// kernel evaluates its output nodes at the element's coordinates; each op
// either computes from its inputs at the same coordinates (elementwise, with
// broadcasting) or maps coordinates (expand, reshape, permute, slice, pad,
// concat, gather): movement ops are index math, never copies. Nodes outside
// the kernel's members are loaded from their buffers. Values are `let`-bound
// once per (node, coordinates), so shared subexpressions are computed once.

import { attrsOf, type Node } from "../../ir/node";
import { concrete, numel, sameElements, sameShape } from "../../ir/types";
import { literal, stridesOf, u } from "./kernel";
import { wgslRule } from "./op-rules";
import { checkSiteId, INDEX_REPORT } from "./index-flag";

/** A kernel shape the emitter cannot produce (the fusion pass then splits). */
export class NotFusable extends Error {}

export interface EmitContext {
  /** Nodes computed inside the kernel; every other node is loaded. */
  members: ReadonlySet<Node>;
  /** Binding name of a loaded node (the kernel records which it loads). */
  bindingOf(n: Node): string;
  /**
   * A node whose value the kernel already holds (matmul `acc`, a row stage's
   * result): its WGSL, or undefined. Throws NotFusable when `coords` are not
   * the ones the held value is for.
   */
  held?(n: Node, coords: string[]): string | undefined;
  /** Helper functions needed by the emitted code (filled by the emitter). */
  helpers: Set<string>;
  /**
   * A u32 offset as a kernel parameter (WGSL reading it) instead of a
   * literal, so kernels differing only in offsets share a pipeline.
   */
  param?(value: number): string;
  /** The element's coordinates and flat index: loads of same-shaped tensors there use `flat`. */
  element?: { coords: string[]; shape: readonly number[]; flat: string };
  /** Loaded nodes whose binding is declared `array<vec4<f32>>` (a vectorized GEMM operand). */
  vec4?: ReadonlySet<Node>;
  /**
   * The kernel binds the index flag (index-flag.ts): a check_index reports
   * there. Without it a check only passes its value on (consumers clamp).
   */
  flag?(): void;
}

const shapeOf = (n: Node) => n.shape as readonly number[];

/** Row-major flat index of `coords` in `shape` (size-1 dims contribute nothing). */
export function ravel(coords: string[], shape: readonly number[]): string {
  const st = stridesOf(shape);
  const terms = coords
    .map((c, i) => (shape[i] === 1 ? "" : st[i] === 1 ? c : `${c} * ${u(st[i])}`))
    .filter((t) => t !== "");
  return terms.length ? terms.join(" + ") : "0u";
}

/** Coordinates of flat index `flat` (a WGSL u32 expression) in `shape`. */
export function unravel(flat: string, shape: readonly number[]): string[] {
  const st = stridesOf(shape);
  return shape.map((d, i) => {
    if (d === 1) return "0u";
    const q = st[i] === 1 ? flat : `(${flat} / ${u(st[i])})`;
    return i === 0 ? q : `(${q} % ${u(d)})`;
  });
}

/** Coordinates in `inShape` of an element at `coords` of `outShape` (NumPy broadcasting). */
export function broadcastCoords(
  coords: string[],
  outShape: readonly number[],
  inShape: readonly number[],
): string[] {
  const pad = outShape.length - inShape.length;
  return inShape.map((d, i) => (d === 1 ? "0u" : coords[pad + i]));
}

/** Coordinates in the input of `permute(perm)` of an element at `coords` of its output. */
export function permuteCoords<T>(perm: readonly number[], coords: readonly T[]): T[] {
  const inner: T[] = new Array(perm.length);
  perm.forEach((p, i) => (inner[p] = coords[i]));
  return inner;
}

/**
 * Coordinates in the input of a reshape from `inner` to `out` that only adds
 * or drops size-1 dims (the others' coordinates are kept); undefined for any
 * other reshape (which goes through the flat index).
 */
export function keptDimsCoords<T>(c: readonly T[], out: readonly number[], inner: readonly number[], zero: T): T[] | undefined {
  // The dims other than 1 of both, in order, paired: `o` walks out's, `i` inner's.
  const res: T[] = [];
  let o = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === 1) {
      res.push(zero);
      continue;
    }
    while (o < out.length && out[o] === 1) o++;
    if (o === out.length || out[o] !== inner[i]) return undefined;
    res.push(c[o++]);
  }
  while (o < out.length && out[o] === 1) o++;
  return o === out.length ? res : undefined;
}

/** WGSL coordinates that are plain names stay as they are; the emitter names the others (`coord`). */
export const isPlainCoord = (c: string) => /^[\w.]+$/.test(c);

export class IrEmitter {
  readonly lines: string[] = [];
  /** Names bound to other expressions (coordinates, RNG keys), by a key of their own. */
  private readonly cache = new Map<string, string>();
  /**
   * The name of each node's value at the coordinates it was computed at,
   * compared element by element: a key string per lookup (the coordinates
   * joined) was most of a row kernel's generation time.
   */
  private readonly values = new Map<Node, { coords: readonly string[]; name: string }[]>();
  private count = 0;

  constructor(
    private readonly ctx: EmitContext,
    private readonly prefix = "v",
  ) {}

  private bind(code: string, key?: string): string {
    if (key !== undefined) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    const name = this.let(code);
    if (key !== undefined) this.cache.set(key, name);
    return name;
  }

  private let(code: string): string {
    const name = `${this.prefix}${this.count++}`;
    this.lines.push(`let ${name} = ${code};`);
    return name;
  }

  private known(n: Node, coords: readonly string[]): string | undefined {
    const at = this.values.get(n);
    if (at) for (const e of at) if (sameElements(e.coords, coords)) return e.name;
    return undefined;
  }

  /** `name` is n's value at `coords` (which the caller no longer changes). */
  private remember(n: Node, coords: readonly string[], name: string): string {
    const at = this.values.get(n);
    if (at) at.push({ coords, name });
    else this.values.set(n, [{ coords, name }]);
    return name;
  }

  /** An offset: a kernel parameter when the context takes them, else a literal. */
  private offset(v: number): string {
    return this.ctx.param ? this.ctx.param(v) : u(v);
  }

  /** A short name for a long coordinate expression. */
  private coord(c: string): string {
    return isPlainCoord(c) ? c : this.bind(c, `coord|${c}`);
  }

  /** WGSL for `n` at `coords` (one u32 expression per dim of n). */
  value(n: Node, coords: string[]): string {
    const held = this.ctx.held?.(n, coords);
    if (held !== undefined) return held;
    const hit = this.known(n, coords);
    if (hit !== undefined) return hit;
    const shape = shapeOf(n);
    if (!this.ctx.members.has(n)) return this.remember(n, coords, this.load(n, this.flatIndex(coords, shape)));
    const code = this.compute(n, coords, shape);
    // Literals and plain names need no `let`.
    if (/^[\w.()-]+$/.test(code) && !code.includes("(")) return code;
    if (/^-?[\d.e+-]+[fiu]?$/.test(code)) return code;
    // (computing it may have bound it: a check_index)
    return this.known(n, coords) ?? this.remember(n, coords, this.let(code));
  }

  /**
   * The loaded node and its coordinates when `n` at `coords` is a plain read
   * of a buffer (through permutes, expands and reshapes that keep the dims):
   * what a vectorized GEMM operand needs. Emits nothing.
   */
  plainLoad(n: Node, coords: string[]): { node: Node; coords: string[] } | undefined {
    if (this.ctx.held?.(n, coords) !== undefined) return undefined;
    if (!this.ctx.members.has(n)) return { node: n, coords };
    const shape = shapeOf(n);
    const x = n.inputs[0];
    switch (n.op) {
      case "permute":
        return this.plainLoad(x, permuteCoords(attrsOf(n, "permute").perm, coords));
      case "expand":
        return this.plainLoad(x, broadcastCoords(coords, shape, shapeOf(x)));
      case "reshape": {
        const outBig = shape.filter((d) => d !== 1);
        const inBig = shapeOf(x).filter((d) => d !== 1);
        if (outBig.length !== inBig.length || outBig.some((d, k) => d !== inBig[k])) return undefined;
        return this.plainLoad(x, this.reshapeCoords(coords, shape, shapeOf(x)));
      }
    }
    return undefined;
  }

  /** The flat index of `coords` in `shape`: the element's own when they are its coordinates. */
  private flatIndex(coords: string[], shape: readonly number[]): string {
    const el = this.ctx.element;
    const own = el && sameShape(el.shape, shape) && coords.every((c, i) => c === el.coords[i]);
    return own ? el.flat : ravel(coords, shape);
  }

  /** A `let` of loaded node n's element at flat index `at`. */
  private load(n: Node, at: string): string {
    const buf = this.ctx.bindingOf(n);
    const v = this.ctx.vec4?.has(n) ? `${buf}[(${at}) / 4u][(${at}) % 4u]` : `${buf}[${at}]`;
    return this.let(n.dtype === "bool" ? `(${v} != 0u)` : v);
  }

  /** Does the kernel hold n's value (ctx.held), at some coordinates? */
  private holds(n: Node): boolean {
    try {
      return this.ctx.held?.(n, shapeOf(n).map(() => "0u")) !== undefined;
    } catch {
      return true; // (held, at other coordinates)
    }
  }

  private compute(n: Node, c: string[], shape: readonly number[]): string {
    const ins = n.inputs;
    switch (n.op) {
      case "const":
        return literal(attrsOf(n, "const").value, n.dtype);
      case "dim_size":
        return literal(numel(concrete(attrsOf(n, "dim_size").dims, "dim_size")), "f32");
      case "iota": {
        const ax = attrsOf(n, "iota").axis;
        return n.dtype === "f32" ? `f32(${c[ax]})` : n.dtype === "i32" ? `i32(${c[ax]})` : c[ax];
      }
      case "random_uniform": {
        this.ctx.helpers.add(wgslRule(n).helpers![0]);
        const seed = this.value(ins[0], []);
        const salt = attrsOf(n, "random_uniform").salt >>> 0;
        const key = this.bind(
          `pcg(bitcast<u32>(${seed}) ^ pcg(${u(salt)}))`,
          `rngkey|${seed}|${salt}`,
        );
        return `f32(pcg(${ravel(c, shape)} + ${key}) >> 8u) * (1.0f / 16777216.0f)`;
      }
      case "expand":
        return this.value(ins[0], broadcastCoords(c, shape, shapeOf(ins[0])));
      case "reshape": {
        const x = ins[0];
        const inner = shapeOf(x);
        // A reshape of a loaded buffer reads it at the element's own flat index
        // (Flatten before a Linear layer): no unravel into x's dims and ravel back.
        if (!this.ctx.members.has(x) && !keptDimsCoords(c, shape, inner, "0u") && !this.holds(x)) {
          const flat = this.coord(this.flatIndex(c, shape));
          return this.known(x, [flat]) ?? this.remember(x, [flat], this.load(x, flat));
        }
        return this.value(x, this.reshapeCoords(c, shape, inner));
      }
      case "permute":
        return this.value(ins[0], permuteCoords(attrsOf(n, "permute").perm, c));
      case "slice": {
        const a = attrsOf(n, "slice");
        const starts = concrete(a.starts, "slice starts");
        const steps = a.steps;
        const inner = c.map((ci, i) => {
          const scaled = steps[i] === 1 ? ci : `${ci} * ${u(steps[i])}`;
          if (starts[i] === 0 && shape[i] === shapeOf(ins[0])[i]) return scaled; // the whole axis
          return `(${scaled} + ${this.offset(starts[i])})`;
        });
        return this.value(
          ins[0],
          inner.map((x) => this.coord(x)),
        );
      }
      case "pad":
        return this.pad(n, c);
      case "concat":
        return this.concat(n, c);
      case "check_index": {
        const v = this.value(ins[0], c);
        if (this.ctx.flag) {
          this.ctx.flag();
          this.ctx.helpers.add(INDEX_REPORT);
          const a = attrsOf(n, "check_index");
          const bad = `${v} < 0i || ${v} >= ${literal(a.size as number, "i32")}`;
          const cond = a.allowed === null ? bad : `(${bad}) && ${v} != ${literal(a.allowed, "i32")}`;
          this.lines.push(`if (${cond}) { dl_report(${u(checkSiteId(n))}, ${v}, ${ravel(c, shape)}); }`);
        }
        // (reported once per coordinates: later uses find the value here)
        this.remember(n, c, v);
        return v;
      }
      case "gather": {
        const ax = attrsOf(n, "gather").axis;
        const idx = ins[1];
        const k = idx.shape.length;
        const iv = this.value(idx, c.slice(ax, ax + k));
        const d = shapeOf(ins[0])[ax];
        const row = this.coord(`u32(clamp(${iv}, 0i, ${d - 1}i))`);
        return this.value(ins[0], [...c.slice(0, ax), row, ...c.slice(ax + k)]);
      }
    }
    const rule = wgslRule(n);
    if (rule.kind !== "elementwise" || !rule.expr) {
      throw new NotFusable(`${n.op} cannot be computed inside a fused expression`);
    }
    for (const h of rule.helpers ?? []) this.ctx.helpers.add(h);
    const args = ins.map((x) => this.value(x, broadcastCoords(c, shape, shapeOf(x))));
    return rule.expr(args, n);
  }

  /** Reshapes that only add or drop size-1 dims keep coordinates; others go through the flat index. */
  private reshapeCoords(c: string[], out: readonly number[], inner: readonly number[]): string[] {
    const kept = keptDimsCoords(c, out, inner, "0u");
    if (kept) return kept;
    const flat = this.coord(ravel(c, out));
    return unravel(flat, inner).map((x) => this.coord(x));
  }

  private pad(n: Node, c: string[]): string {
    const x = n.inputs[0];
    const xs = shapeOf(x);
    const a = attrsOf(n, "pad");
    const lo = concrete(a.lo, "pad lo");
    const hi = concrete(a.hi, "pad hi");
    const interior = a.interior;
    const conds: string[] = [];
    const inner = c.map((ci, i) => {
      if (lo[i] === 0 && hi[i] === 0 && interior[i] === 0) return ci;
      const t = this.coord(`(i32(${ci}) - i32(${this.offset(lo[i])}))`);
      const step = interior[i] + 1;
      const q = step === 1 ? t : `(${t} / ${step}i)`;
      conds.push(`${t} >= 0i`, `${q} < ${xs[i]}i`);
      if (step > 1) conds.push(`${t} % ${step}i == 0i`);
      return this.coord(`u32(clamp(${q}, 0i, ${xs[i] - 1}i))`);
    });
    const v = this.value(x, inner);
    if (!conds.length) return v;
    return `select(${literal(a.value, n.dtype)}, ${v}, ${conds.join(" && ")})`;
  }

  private concat(n: Node, c: string[]): string {
    const ax = attrsOf(n, "concat").axis;
    let off = 0;
    let result = "";
    const parts = n.inputs.map((x) => {
      const d = shapeOf(x)[ax];
      const part = { x, off, d };
      off += d;
      return part;
    });
    for (let j = parts.length - 1; j >= 0; j--) {
      const { x, off: o, d } = parts[j];
      const off = this.offset(o);
      const local = `min(max(${c[ax]}, ${off}) - ${off}, ${u(d - 1)})`;
      const coords = c.slice();
      coords[ax] = this.coord(local);
      const v = this.value(x, coords);
      result = result === "" ? v : `select(${result}, ${v}, ${c[ax]} < ${this.offset(o + d)})`;
    }
    return result;
  }
}
