// Reductions (sum, mean, max, min) and the shape functions (transpose, concat,
// split, reshape). `max(a, b)` of two tensors is elementwise (torch.maximum);
// `max(x, dim: 1)` reduces, like torch.max(x, 1) without the indices.

import { addDims, dimEq, normAxis, type Dim } from "../../dims";
import { showShape, type TensorType } from "../../tensor-type";
import { reshapeTo } from "../builtins/misc";
import { fail, type Args, type FunctionDef, type ShapeError } from "../registry";
import { needFloat } from "../rules";
import { broadcastAll } from "./elementwise";

/** Dims reduced by a `dim` argument (undefined: all), normalised and sorted. */
export function reducedAxes(dim: Args[string], rank: number): number[] | undefined {
  if (dim === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = Array.isArray(dim) ? dim : [dim];
  const out: number[] = [];
  for (const d of list) {
    const a = typeof d === "number" ? normAxis(d, rank) : undefined;
    if (a === undefined || out.includes(a)) return undefined;
    out.push(a);
  }
  return out.sort((x, y) => x - y);
}

function reduceType(x: TensorType, a: Args, display: string): { type: TensorType } | ShapeError {
  const axes = reducedAxes(a.dim, x.shape.length);
  if (!axes) return fail(`${display}: dim ${JSON.stringify(a.dim)} is out of range for ${showShape(x.shape)}`, "DL3008");
  const shape: Dim[] = [];
  x.shape.forEach((d, i) => {
    if (!axes.includes(i)) shape.push(d);
    else if (a.keepdim === true) shape.push(1);
  });
  return { type: { dtype: x.dtype, shape } };
}

const reduceArgs = [
  { name: "dim", kind: "ints" as const, doc: "axis or axes to reduce (default: all)" },
  { name: "keepdim", kind: "bool" as const, default: false },
];

function reduction(name: string, doc: string, floatOnly: boolean): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "reduction",
    tensors: { min: 1, max: 1 },
    args: reduceArgs,
    infer([x], a, { display }) {
      const err = floatOnly ? needFloat(x, display) : undefined;
      return err ?? reduceType(x, a, display);
    },
  };
}

export const sum = reduction("sum", "Sum over dim (default: all dims).", false);
export const mean = reduction("mean", "Mean over dim (default: all dims).", true);

function extremum(name: "max" | "min"): FunctionDef {
  return {
    kind: "function",
    name,
    doc: `${name}(x, dim: d) reduces like torch.${name}(x, d).values; ${name}(a, b) is the elementwise ${name === "max" ? "maximum" : "minimum"}.`,
    category: "reduction",
    tensors: { min: 1, max: 2 },
    args: reduceArgs,
    scalarOperands: true,
    infer(xs, a, { display }) {
      if (xs.length === 2) {
        if (a.dim !== undefined) return fail(`${display}: dim applies only to the one-tensor form`, "DL3005");
        const r = broadcastAll(xs, display);
        return "error" in r ? r : { type: r };
      }
      return reduceType(xs[0], a, display);
    },
  };
}

export const max = extremum("max");
export const min = extremum("min");

export const transpose: FunctionDef = {
  kind: "function",
  name: "transpose",
  doc: "Swaps two dims (default the last two): transpose(x, 0, 1).",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [
    { name: "dim0", kind: "axis", default: -2 },
    { name: "dim1", kind: "axis", default: -1 },
  ],
  infer([x], a, { display }) {
    const i = normAxis(a.dim0 as number, x.shape.length);
    const j = normAxis(a.dim1 as number, x.shape.length);
    if (i === undefined || j === undefined)
      return fail(`${display}: dims ${String(a.dim0)}, ${String(a.dim1)} are out of range for ${showShape(x.shape)}`, "DL3008");
    const shape = [...x.shape];
    [shape[i], shape[j]] = [shape[j], shape[i]];
    return { type: { dtype: x.dtype, shape } };
  },
};

export const concat: FunctionDef = {
  kind: "function",
  name: "concat",
  doc: "Joins tensors along dim (default 0, like torch.cat): concat(a, b, dim: -1) or concat([a, b], dim: -1).",
  category: "shape",
  tensors: { min: 1, max: Infinity },
  args: [{ name: "dim", kind: "axis", default: 0 }],
  infer(xs, a, { display }) {
    const first = xs[0];
    const axis = normAxis(a.dim as number, first.shape.length);
    if (axis === undefined) return fail(`${display}: dim ${String(a.dim)} is out of range for ${showShape(first.shape)}`, "DL3008");
    let total: Dim = first.shape[axis];
    for (const t of xs.slice(1)) {
      if (t.dtype !== first.dtype) return fail(`${display}: cannot join ${first.dtype} and ${t.dtype}`, "DL3003");
      if (t.shape.length !== first.shape.length)
        return fail(`${display}: ${showShape(first.shape)} and ${showShape(t.shape)} have different ranks`, "DL3002");
      for (let i = 0; i < t.shape.length; i++) {
        if (i !== axis && !dimEq(t.shape[i], first.shape[i]))
          return fail(`${display}: ${showShape(first.shape)} and ${showShape(t.shape)} differ in dimension ${i} (${first.shape[i]} vs ${t.shape[i]})`);
      }
      const d = t.shape[axis];
      total = addDims(total, d);
    }
    const shape = [...first.shape];
    shape[axis] = total;
    return { type: { dtype: first.dtype, shape } };
  },
};

export const split: FunctionDef = {
  kind: "function",
  name: "split",
  doc: "split(x, size, dim: d) cuts x into chunks of `size` along d (like torch.split); pick one with an index: split(x, 64, dim: -1)[0].",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [
    { name: "split_size", kind: "int", required: true, aliases: ["size"] },
    { name: "dim", kind: "axis", default: 0 },
  ],
  infer([x], a, { display }) {
    const axis = normAxis(a.dim as number, x.shape.length);
    if (axis === undefined) return fail(`${display}: dim ${String(a.dim)} is out of range for ${showShape(x.shape)}`, "DL3008");
    const size = a.split_size as number;
    const n = x.shape[axis];
    if (!(size >= 1)) return fail(`${display}: split_size must be positive`, "DL3005");
    if (typeof n !== "number") return fail(`${display}: cannot split symbolic dimension ${n}`);
    const shape = [...x.shape];
    shape[axis] = Math.min(size, n);
    // The type of the first chunk; indexing the split picks the exact chunk.
    return { type: { dtype: x.dtype, shape } };
  },
};

export const reshape: FunctionDef = {
  kind: "function",
  name: "reshape",
  doc: "reshape(x, [d0, d1, ..]) or reshape(x, d0, d1, ..): the whole shape, batch included; one size may be -1.",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [{ name: "shape", kind: "dims", required: true, rest: true }],
  infer([x], a, { display }) {
    const r = reshapeTo(x.shape, a.shape as Dim[]);
    return "error" in r ? fail(`${display} cannot reshape ${showShape(x.shape)}: ${r.error}`) : { type: { dtype: x.dtype, shape: r.shape } };
  },
};
