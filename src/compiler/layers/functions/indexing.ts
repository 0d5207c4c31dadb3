// Indexing by integer tensors (gather, index_select; `x[idx]` is index_select),
// permute, einsum, and the casts f32 / i32 / bool. All lower to existing IR
// ops: gather, permute, reshape, matmul, mul, sum, cast.

import { dimEq, normAxis, type Dim } from "../../dims";
import { showShape, type DType, type TensorType } from "../../tensor-type";
import { fail, type FunctionDef, type ShapeError } from "../registry";

/** The dim of x an i32 index tensor selects along (normalised), or why not. */
function indexedAxis(x: TensorType, idx: TensorType, dim: unknown, display: string): number | ShapeError {
  if (idx.dtype !== "i32") return fail(`${display} needs an i32 index tensor but receives ${idx.dtype}`, "DL3003");
  const axis = normAxis(dim as number, x.shape.length);
  return axis ?? fail(`${display}: dim ${String(dim)} is out of range for ${showShape(x.shape)}`, "DL3008");
}

export const gather: FunctionDef = {
  kind: "function",
  name: "gather",
  doc: "torch.gather: gather(x, dim, index) with index i32 of x's rank; y[i][j] = x[index[i][j]][j] for dim 0 (each output element picks along dim).",
  category: "shape",
  tensors: { min: 2, max: 2 },
  mixedOperands: ["x", "dim", "index"],
  args: [{ name: "dim", kind: "axis", required: true }],
  infer([x, idx], a, { display }) {
    const axis = indexedAxis(x, idx, a.dim, display);
    if (typeof axis !== "number") return axis;
    if (idx.shape.length !== x.shape.length)
      return fail(`${display}: index ${showShape(idx.shape)} must have the rank of x ${showShape(x.shape)}`, "DL3002");
    for (let d = 1; d < x.shape.length; d++)
      if (typeof x.shape[d] !== "number") return fail(`${display}: dim ${d} of x has symbolic size ${String(x.shape[d])}; gather needs fixed sizes after dim 0`);
    for (let d = 0; d < x.shape.length; d++) {
      if (d === axis) continue;
      const [n, m] = [x.shape[d], idx.shape[d]];
      const ok = typeof n === "number" && typeof m === "number" ? m <= n : dimEq(n, m);
      if (!ok) return fail(`${display}: index ${showShape(idx.shape)} is larger than x ${showShape(x.shape)} in dimension ${d} (${String(m)} vs ${String(n)})`);
    }
    return { type: { dtype: x.dtype, shape: idx.shape } };
  },
};

export const index_select: FunctionDef = {
  kind: "function",
  name: "index_select",
  doc: "index_select(x, dim, index): the slices of x at the i32 indices along dim; dim is replaced by index's shape (any rank; torch's is 1-d). x[index] is index_select(x, 0, index).",
  category: "shape",
  tensors: { min: 2, max: 2 },
  mixedOperands: ["x", "dim", "index"],
  args: [{ name: "dim", kind: "axis", required: true }],
  infer([x, idx], a, { display }) {
    const axis = indexedAxis(x, idx, a.dim, display);
    if (typeof axis !== "number") return axis;
    return { type: { dtype: x.dtype, shape: [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)] } };
  },
};

export const permute: FunctionDef = {
  kind: "function",
  name: "permute",
  doc: "Reorders dims like torch.permute: permute(x, 0, 2, 1) or permute(x, [0, 2, 1]); y's dim i is x's dim dims[i].",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [{ name: "dims", kind: "ints", required: true, rest: true }],
  infer([x], a, { display }) {
    const dims = (Array.isArray(a.dims) ? a.dims : [a.dims]) as number[];
    const perm = permutation(dims, x.shape.length);
    if (!perm) return fail(`${display}: dims (${dims.join(", ")}) are not a permutation of the ${x.shape.length} dims of ${showShape(x.shape)}`, "DL3008");
    return { type: { dtype: x.dtype, shape: perm.map((i) => x.shape[i]) } };
  },
};

/** Axes normalised (negative from the end); undefined unless each of 0..rank-1 appears once. */
export function permutation(dims: readonly number[], rank: number): number[] | undefined {
  if (dims.length !== rank) return undefined;
  const perm = dims.map((d) => normAxis(d, rank));
  if (perm.some((p) => p === undefined) || new Set(perm).size !== rank) return undefined;
  return perm as number[];
}

// ---------------------------------------------------------------- einsum

/** A parsed equation: one letter string per operand, and the output's letters. */
export interface Einsum {
  readonly inputs: readonly string[];
  readonly output: string;
}

/** Parses `"bij,bjk->bik"` (or implicit `"ij,jk"`: output = letters seen once, sorted) for `n` operands. */
export function parseEinsum(eq: string, n: number): Einsum | { error: string } {
  const s = eq.replace(/\s+/g, "");
  if (s.includes("...")) return { error: "'...' (ellipsis) is not supported; name every dim with a letter" };
  const [lhs, rhs, more] = s.split("->");
  if (more !== undefined) return { error: "more than one '->'" };
  const inputs = lhs.split(",");
  if (inputs.length !== n) return { error: `the equation has ${inputs.length} operand${inputs.length === 1 ? "" : "s"} but ${n} tensor${n === 1 ? " is" : "s are"} given` };
  for (const t of [...inputs, rhs ?? ""]) {
    const bad = [...t].find((c) => !/[a-zA-Z]/.test(c));
    if (bad) return { error: `'${bad}' is not a dim letter` };
    const dup = [...t].find((c, i) => t.indexOf(c) !== i);
    if (dup) return { error: `'${dup}' appears twice in '${t}' (diagonals and traces are not supported)` };
  }
  const count = new Map<string, number>();
  for (const t of inputs) for (const c of t) count.set(c, (count.get(c) ?? 0) + 1);
  const output = rhs ?? [...count].filter(([, k]) => k === 1).map(([c]) => c).sort().join("");
  const missing = [...output].find((c) => !count.has(c));
  if (missing) return { error: `output letter '${missing}' is in no operand` };
  return { inputs, output };
}

export const einsum: FunctionDef = {
  kind: "function",
  name: "einsum",
  doc: 'Einstein summation like torch.einsum: einsum("bij,bjk->bik", a, b); letters in no output are summed. Lowers to permute, reshape, matmul and sum (no ellipsis, no repeated letter in one operand).',
  category: "shape",
  tensors: { min: 1, max: Infinity },
  mixedOperands: ["equation", "x1..xn"],
  args: [{ name: "equation", kind: "string", required: true }],
  infer(xs, a, { display }) {
    const p = parseEinsum(String(a.equation), xs.length);
    if ("error" in p) return fail(`${display}: ${p.error}`, "DL3005");
    const size = new Map<string, Dim>();
    const first = new Map<string, number>();
    let dtype: DType | undefined;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      if (x.dtype !== "f32") return fail(`${display}: einsum needs f32 tensors, operand ${k} is ${x.dtype}`, "DL3003");
      dtype = x.dtype;
      const letters = p.inputs[k];
      if (letters.length !== x.shape.length)
        return fail(`${display}: operand ${k} '${letters}' names ${letters.length} dims but is ${showShape(x.shape)}`, "DL3002");
      for (let i = 0; i < letters.length; i++) {
        const c = letters[i];
        const was = size.get(c);
        if (was !== undefined && !dimEq(was, x.shape[i]))
          return fail(`${display}: '${c}' is ${String(was)} in operand ${first.get(c)} but ${String(x.shape[i])} in operand ${k} ${showShape(x.shape)}`);
        size.set(c, x.shape[i]);
        if (!first.has(c)) first.set(c, k);
      }
    }
    return { type: { dtype: dtype ?? "f32", shape: [...p.output].map((c) => size.get(c)!) } };
  },
};

// ---------------------------------------------------------------- casts

function castTo(dtype: DType, doc: string): FunctionDef {
  return {
    kind: "function",
    name: dtype,
    doc,
    category: "elementwise",
    tensors: { min: 1, max: 1 },
    args: [],
    infer([x]) {
      return { type: { dtype, shape: x.shape } };
    },
  };
}

export const f32 = castTo("f32", "Cast to f32 (like torch's x.float()): i32 values exactly (below 2²⁴), bool as 1.0 / 0.0. `mask -> f32`.");
export const i32 = castTo("i32", "Cast to i32 (like torch's x.int()): floats truncate toward zero, bool as 1 / 0.");
export const bool = castTo("bool", "Cast to bool (like torch's x.bool()): true where x is nonzero.");
