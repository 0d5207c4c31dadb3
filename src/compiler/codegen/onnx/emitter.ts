// The state of one ONNX export and the helpers every op rule uses: fresh
// value names, nodes, cached constants, and the run-time values of symbolic
// dims. ONNX has no symbolic sizes in attributes, so a shape that mentions
// `batch` is computed in the graph: Shape(x)[axis] of a graph input with that
// dim, and formulas (`16*H*W`, `(H-3)/2+1`) with int64 Add/Sub/Mul/Div.

import type { Node } from "../../ir/node";
import type { DType, Dim, Shape } from "../../ir/types";
import { attr, type Attr, type NodeSpec, type OnnxDType, type TensorData } from "./proto";

declare module "../../ir/op" {
  interface OnnxRule {
    /** Oldest opset with the ONNX ops the rule emits; below it a composite is exported expanded. */
    minOpset?: number;
    /**
     * Emit the nodes computing `n` from `ins` (the ONNX value names of
     * n.inputs) and return the name of the result. Throw Unsupported when
     * this node cannot be expressed (a composite then falls back to its expansion).
     */
    emit(e: OnnxEmitter, n: Node, ins: readonly string[]): string;
  }
}

/** A node that has no ONNX form; becomes a DL5002 diagnostic (or an expansion, for composites). */
export class Unsupported extends Error {}
/** Unsupported, and the composite's expansion is no way out either (a scan over a symbolic length cannot be unrolled). */
export class NoExpansion extends Unsupported {}

export const ONNX_DTYPE: Record<DType, OnnxDType> = { f32: "f32", i32: "i32", bool: "bool" };
/** TensorProto.DataType codes, for Cast's `to`. */
export const DTYPE_CODE: Record<DType, number> = { f32: 1, i32: 6, bool: 9 };

/** INT64_MAX as ONNX's Slice means "to the end" (exact as a JS number is not needed: it is clamped). */
export const SLICE_END = Number.MAX_SAFE_INTEGER;

export interface DimSource {
  /** ONNX value whose shape has the dim. */
  value: string;
  axis: number;
}

export class OnnxEmitter {
  readonly nodes: NodeSpec[] = [];
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly constCache = new Map<string, string>();
  private readonly dimCache = new Map<string, string>();
  /** Index of the node producing each value (for renaming graph outputs). */
  readonly producer = new Map<string, number>();

  constructor(
    readonly opset: number,
    /** Where each symbolic dim of the graph inputs can be read at run time. */
    readonly dimSources: ReadonlyMap<string, DimSource>,
    reserved: Iterable<string>,
  ) {
    for (const r of reserved) this.used.add(r);
  }

  /** A value name not used before: `matmul_0`, `matmul_1`, ... */
  fresh(base: string): string {
    for (;;) {
      const k = this.counters.get(base) ?? 0;
      this.counters.set(base, k + 1);
      const name = `${base}_${k}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  /** Emit one ONNX node with one output; returns the output's name. */
  op(opType: string, inputs: readonly string[], attrs?: Record<string, Attr>, base = opType.toLowerCase()): string {
    return this.opN(opType, inputs, 1, attrs, base)[0];
  }

  /** Emit one ONNX node with `nOut` outputs. */
  opN(opType: string, inputs: readonly string[], nOut: number, attrs?: Record<string, Attr>, base = opType.toLowerCase()): string[] {
    const outputs = Array.from({ length: nOut }, () => this.fresh(base));
    for (const o of outputs) this.producer.set(o, this.nodes.length);
    this.nodes.push({ op: opType, inputs: [...inputs], outputs, ...(attrs && Object.keys(attrs).length ? { attrs } : {}) });
    return outputs;
  }

  /** True when `value` is a cached constant or dim (shared: must not be renamed). */
  isShared(value: string): boolean {
    for (const v of this.constCache.values()) if (v === value) return true;
    for (const v of this.dimCache.values()) if (v === value) return true;
    return false;
  }

  /** Rename the value `from` where it is produced and read (graph outputs keep the model's names). */
  renameOutput(from: string, to: string): boolean {
    const i = this.producer.get(from);
    if (i === undefined || this.isShared(from)) return false;
    const n = this.nodes[i];
    this.nodes[i] = { ...n, outputs: n.outputs.map((o) => (o === from ? to : o)) };
    for (let k = i + 1; k < this.nodes.length; k++) {
      const m = this.nodes[k];
      if (m.inputs.includes(from)) this.nodes[k] = { ...m, inputs: m.inputs.map((v) => (v === from ? to : v)) };
    }
    this.producer.delete(from);
    this.producer.set(to, i);
    this.used.add(to);
    return true;
  }

  // ---- constants -----------------------------------------------------------

  /** A Constant node holding `t`, shared between users. */
  constant(t: TensorData): string {
    const key = `${t.dtype}[${t.dims}]${Array.from(t.data as ArrayLike<number | bigint>, String).join(",")}`;
    const hit = this.constCache.get(key);
    if (hit) return hit;
    const name = this.op("Constant", [], { value: attr.tensor(t) }, "const");
    this.constCache.set(key, name);
    return name;
  }

  /** A 1-D int64 tensor (axes, shapes, pads given as inputs). */
  i64(values: readonly number[]): string {
    return this.constant({ dtype: "i64", dims: [values.length], data: BigInt64Array.from(values.map((v) => BigInt(v))) });
  }

  /** A scalar (rank 0) constant of an IR dtype. */
  scalar(value: number, dtype: DType): string {
    const data = dtype === "f32" ? Float32Array.of(value) : dtype === "i32" ? Int32Array.of(value) : Uint8Array.of(value ? 1 : 0);
    return this.constant({ dtype: ONNX_DTYPE[dtype], dims: [], data });
  }

  // ---- dims ------------------------------------------------------------------

  /** The run-time value of a dim as an int64 tensor of shape [1]. */
  dim(d: Dim): string {
    if (typeof d === "number") return this.i64([d]);
    const hit = this.dimCache.get(d);
    if (hit) return hit;
    let name: string;
    const src = this.dimSources.get(d);
    if (src) {
      name = this.op("Shape", [src.value], { start: attr.int(src.axis), end: attr.int(src.axis + 1) }, "dim");
    } else {
      name = this.formula(d);
    }
    this.dimCache.set(d, name);
    return name;
  }

  /** Emit a dim formula: integers, symbols, + - * / (floor division on sizes ≥ 0) and parentheses. */
  private formula(d: string): string {
    const toks = d.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]/g) ?? [];
    if (toks.length === 1 && /^[A-Za-z_]/.test(toks[0])) {
      throw new Unsupported(`the size '${d}' is not the size of any input axis, so ONNX cannot compute it`);
    }
    let i = 0;
    const atom = (): string | number => {
      const t = toks[i++];
      if (t === "(") {
        const v = sum();
        i++;
        return v;
      }
      if (t === "-") {
        const v = atom();
        return typeof v === "number" ? -v : this.op("Neg", [v], undefined, "dim");
      }
      if (t !== undefined && /^\d+$/.test(t)) return Number(t);
      if (t === undefined) throw new Unsupported(`cannot read the size '${d}'`);
      return this.dim(t);
    };
    const combine = (opType: string, a: string | number, b: string | number): string | number => {
      if (typeof a === "number" && typeof b === "number") {
        return opType === "Add" ? a + b : opType === "Sub" ? a - b : opType === "Mul" ? a * b : Math.floor(a / b);
      }
      const va = typeof a === "number" ? this.i64([a]) : a;
      const vb = typeof b === "number" ? this.i64([b]) : b;
      // Formulas share parts (`(H-1)/2+1` in several shapes): compute each once.
      const key = `${opType}(${va},${vb})`;
      const hit = this.dimCache.get(key);
      if (hit) return hit;
      const name = this.op(opType, [va, vb], undefined, "dim");
      this.dimCache.set(key, name);
      return name;
    };
    const prod = (): string | number => {
      let v = atom();
      while (toks[i] === "*" || toks[i] === "/") v = combine(toks[i++] === "*" ? "Mul" : "Div", v, atom());
      return v;
    };
    const sum = (): string | number => {
      let v = prod();
      while (toks[i] === "+" || toks[i] === "-") v = combine(toks[i++] === "+" ? "Add" : "Sub", v, prod());
      return v;
    };
    const v = sum();
    return typeof v === "number" ? this.i64([v]) : v;
  }

  /** A 1-D int64 shape tensor for `shape`: one Constant when concrete, else a Concat of dims. */
  shape(shape: Shape): string {
    if (shape.every((d) => typeof d === "number")) return this.i64(shape as number[]);
    const parts: string[] = [];
    let run: number[] = [];
    for (const d of shape) {
      if (typeof d === "number") run.push(d);
      else {
        if (run.length) parts.push(this.i64(run));
        run = [];
        parts.push(this.dim(d));
      }
    }
    if (run.length) parts.push(this.i64(run));
    const key = `shape:${shape.join(",")}`;
    const hit = this.dimCache.get(key);
    if (hit) return hit;
    const name = parts.length === 1 ? parts[0] : this.op("Concat", parts, { axis: attr.int(0) }, "shape");
    this.dimCache.set(key, name);
    return name;
  }

  /** A scalar int64 (rank 0) from a dim, for Range. */
  dimScalar(d: Dim): string {
    if (typeof d === "number") return this.constant({ dtype: "i64", dims: [], data: BigInt64Array.of(BigInt(d)) });
    return this.op("Squeeze", [this.dim(d), this.i64([0])], undefined, "dim");
  }
}
