// What every kernel generator returns: WGSL text, its bindings (all in group 0,
// in binding order) and the dispatch size. Shapes are concrete by the time a
// kernel is generated, so sizes are baked into the text as constants: the WGSL
// text is the pipeline-cache key, and there are no uniform buffers to manage.

import { sizeOf as product, stridesOf } from "../../tensor";
import { sameShape } from "../../ir/types";

/** Storage element types. bool tensors are stored as u32 (0 or 1). */
export type StorageType = "f32" | "i32" | "u32";
/** Scalar types of values inside a kernel. */
export type Scalar = "f32" | "i32" | "u32" | "bool";

export interface Binding {
  name: string;
  type: StorageType;
  /** "uniform": the kernel's parameters, `array<vec4<u32>, size>` (see Kernel.params). */
  access: "read" | "read_write" | "uniform";
  /** uniform: number of vec4s. */
  size?: number;
  /**
   * An f32 storage binding declared `array<vec4<f32>>` so a GEMM operand is
   * read 16 bytes at a time; scalar reads go through `elementAt`.
   */
  vec4?: boolean;
  /** The index flag (index-flag.ts): `array<atomic<u32>, FLAG_WORDS>`, bound to the executor's flag buffer. */
  atomic?: boolean;
}

export interface Kernel {
  /** Short kind-and-size name, e.g. `matmul_64x64`; unique names are not required. */
  name: string;
  wgsl: string;
  bindings: Binding[];
  workgroups: [number, number, number];
  /** Number of floating-point operations (for throughput reports). */
  flops?: number;
  /**
   * Values of the uniform binding, if any: offsets that vary between
   * otherwise identical kernels (slices of one tensor at different
   * offsets), so those kernels share one pipeline.
   */
  params?: number[];
}

/** Does the kernel bind the index flag (its last binding)? */
export const bindsFlag = (k: Kernel): boolean => k.bindings.some((b) => b.atomic === true);

export function storageBindings(bindings: readonly Binding[]): number {
  return bindings.filter((b) => b.access !== "uniform").length;
}

export function storageOf(t: Scalar): StorageType {
  return t === "bool" ? "u32" : t;
}

export function bindingDecls(bindings: Binding[]): string {
  return bindings
    .map((b, i) =>
      b.access === "uniform"
        ? `@group(0) @binding(${i}) var<uniform> ${b.name}: array<vec4<u32>, ${b.size}>;`
        : b.atomic
          ? `@group(0) @binding(${i}) var<storage, read_write> ${b.name}: array<atomic<u32>, 4>;`
          : `@group(0) @binding(${i}) var<storage, ${b.access}> ${b.name}: array<${b.vec4 ? `vec4<${b.type}>` : b.type}>;`,
    )
    .join("\n");
}

/** WGSL reading element `index` of a storage binding (through its vec4 when it is one). */
export function elementAt(b: Binding, index: string): string {
  return b.vec4 ? `${b.name}[(${index}) / 4u][(${index}) % 4u]` : `${b.name}[${index}]`;
}

/**
 * WGSL rejects infinities and NaN in constant expressions, so non-finite
 * literals read these bits at run time. Declared only where used.
 */
const NONFINITE_DECLS: [string, string][] = [
  ["inf_bits", "var<private> inf_bits: u32 = 0x7f800000u;"],
  ["nan_bits", "var<private> nan_bits: u32 = 0x7fc00000u;"],
];

/** Joins kernel lines, adding the declarations non-finite literals need. */
export function finishWgsl(lines: string[]): string {
  const text = lines.join("\n");
  // (one scan of the text for both names' common part; most kernels have neither)
  const decls = text.includes("_bits") ? NONFINITE_DECLS.filter(([n]) => text.includes(n)).map(([, d]) => d) : [];
  return decls.length ? `${decls.join("\n")}\n${text}` : text;
}

/**
 * Spreads `count` workgroups over x and y so no dimension exceeds the
 * device limit (65535 by default); the kernel rebuilds the linear id as
 * `wid.x + wid.y * gx`.
 */
export function grid(count: number, maxPerDim = 65535): [number, number, number] {
  if (count <= maxPerDim) return [Math.max(1, count), 1, 1];
  const y = Math.ceil(count / maxPerDim);
  return [Math.ceil(count / y), y, 1];
}

/** A WGSL u32 literal. */
export function u(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`not a u32: ${n}`);
  return `${n}u`;
}

/** A WGSL literal of the given scalar type. Non-finite floats go through bitcast. */
export function literal(v: number | boolean, t: Scalar): string {
  if (t === "bool") return v ? "true" : "false";
  const n = Number(v);
  if (t === "i32") return `${Math.trunc(n)}i`;
  if (t === "u32") return `${Math.trunc(n)}u`;
  if (Number.isNaN(n)) return "bitcast<f32>(nan_bits)";
  if (n === Infinity) return "bitcast<f32>(inf_bits)";
  if (n === -Infinity) return "(-bitcast<f32>(inf_bits))";
  // f32 literals must be in range: clamp what float64 holds but f32 does not.
  const f = Math.fround(n);
  if (!Number.isFinite(f)) return n > 0 ? "3.40282347e38f" : "-3.40282347e38f";
  const s = String(f);
  return /[.eE]/.test(s) ? `${s}f` : `${s}.0f`;
}

// Element counts and row-major strides: the same helpers as host tensors.
export { product, stridesOf };

/**
 * WGSL for the offset into a tensor of shape `inShape` (broadcast NumPy-style,
 * aligned right) of the element at flat index `flat` of shape `outShape`.
 */
export function broadcastOffset(
  outShape: readonly number[],
  inShape: readonly number[],
  flat: string,
): string {
  const n = outShape.length;
  const pad = n - inShape.length;
  if (pad < 0) throw new Error(`cannot broadcast [${inShape}] to [${outShape}]`);
  const full = [...new Array<number>(pad).fill(1), ...inShape];
  if (sameShape(full, outShape)) return flat;
  if (product(inShape) === 1) return "0u";
  const outStrides = stridesOf(outShape);
  const inStrides = stridesOf(full);
  const terms: string[] = [];
  for (let i = 0; i < n; i++) {
    if (full[i] === 1) continue;
    if (full[i] !== outShape[i]) throw new Error(`cannot broadcast [${inShape}] to [${outShape}]`);
    let coord = outStrides[i] === 1 ? flat : `(${flat} / ${u(outStrides[i])})`;
    if (i > 0) coord = `(${coord} % ${u(outShape[i])})`;
    terms.push(inStrides[i] === 1 ? coord : `${coord} * ${u(inStrides[i])}`);
  }
  return terms.join(" + ");
}

/** Code that rebuilds a linear workgroup id from a (possibly 2-D) grid. */
export function linearWorkgroupId(workgroups: [number, number, number]): string {
  return workgroups[1] > 1 ? `wid.x + wid.y * ${u(workgroups[0])}` : "wid.x";
}
