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
export const logsumexp = reduction("logsumexp", "log(sum(exp(x))) over dim (default: all dims), computed stably.", true);

function spread(name: string, doc: string): FunctionDef {
  return { ...reduction(name, doc, true), args: [...reduceArgs, { name: "correction", kind: "int", default: 1, doc: "divide by n − correction (1: unbiased, as torch)" }] };
}
export const var_ = spread("var", "Variance over dim (default: all dims), unbiased by default like torch.var.");
export const std = spread("std", "Standard deviation over dim (default: all dims), unbiased by default like torch.std.");

export const argmax: FunctionDef = {
  kind: "function",
  name: "argmax",
  doc: "i32 index of the largest value along dim (the first one on ties).",
  category: "reduction",
  tensors: { min: 1, max: 1 },
  args: [
    { name: "dim", kind: "axis", default: -1 },
    { name: "keepdim", kind: "bool", default: false },
  ],
  infer([x], a, { display }) {
    const err = needFloat(x, display);
    if (err) return err;
    const axis = normAxis(a.dim as number, x.shape.length);
    if (axis === undefined) return fail(`${display}: dim ${String(a.dim)} is out of range for ${showShape(x.shape)}`, "DL3008");
    const shape = x.shape.flatMap((d, i) => (i !== axis ? [d] : a.keepdim === true ? [1] : []));
    return { type: { dtype: "i32", shape } };
  },
};

export const cumsum: FunctionDef = {
  kind: "function",
  name: "cumsum",
  doc: "Running sum along dim: y[i] = x[0] + … + x[i].",
  category: "reduction",
  tensors: { min: 1, max: 1 },
  args: [{ name: "dim", kind: "axis", required: true }],
  infer([x], a, { display }) {
    const err = needFloat(x, display);
    if (err) return err;
    const axis = normAxis(a.dim as number, x.shape.length);
    if (axis === undefined) return fail(`${display}: dim ${String(a.dim)} is out of range for ${showShape(x.shape)}`, "DL3008");
    if (typeof x.shape[axis] !== "number") return fail(`${display}: dim ${axis} has symbolic size ${String(x.shape[axis])}; cumsum needs a fixed size`);
    return { type: x };
  },
};
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

/** A new axis's position in a result of rank `rank` + 1 (negative counts from the end, as torch.unsqueeze). */
export function newAxis(dim: number, rank: number): number | undefined {
  const a = dim < 0 ? dim + rank + 1 : dim;
  return Number.isInteger(a) && a >= 0 && a <= rank ? a : undefined;
}

export const unsqueeze: FunctionDef = {
  kind: "function",
  name: "unsqueeze",
  doc: "Inserts a dimension of size 1 at dim (-1: last), like torch.unsqueeze.",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [{ name: "dim", kind: "int", required: true }],
  infer([x], a, { display }) {
    const axis = newAxis(a.dim as number, x.shape.length);
    if (axis === undefined) return fail(`${display}: dim ${String(a.dim)} is out of range for a new axis of ${showShape(x.shape)}`, "DL3008");
    const shape = [...x.shape];
    shape.splice(axis, 0, 1);
    return { type: { dtype: x.dtype, shape } };
  },
};

export const stack: FunctionDef = {
  kind: "function",
  name: "stack",
  doc: "Joins tensors of one shape along a new dim (default 0), like torch.stack: stack(a, b, dim: 1) or stack([a, b]).",
  category: "shape",
  tensors: { min: 1, max: Infinity },
  args: [{ name: "dim", kind: "int", default: 0 }],
  infer(xs, a, { display }) {
    const first = xs[0];
    const axis = newAxis(a.dim as number, first.shape.length);
    if (axis === undefined) return fail(`${display}: dim ${String(a.dim)} is out of range for a new axis of ${showShape(first.shape)}`, "DL3008");
    for (const t of xs.slice(1)) {
      if (t.dtype !== first.dtype) return fail(`${display}: cannot stack ${first.dtype} and ${t.dtype}`, "DL3003");
      if (t.shape.length !== first.shape.length || t.shape.some((d, i) => d !== first.shape[i]))
        return fail(`${display}: stacked tensors must have one shape, found ${showShape(first.shape)} and ${showShape(t.shape)}`);
    }
    const shape: Dim[] = [...first.shape];
    shape.splice(axis, 0, xs.length);
    return { type: { dtype: first.dtype, shape } };
  },
};

export const flip: FunctionDef = {
  kind: "function",
  name: "flip",
  doc: "Reverses the order along each of dims, like torch.flip: flip(x, dims: 1) (a sequence backwards).",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [{ name: "dims", kind: "ints", required: true }],
  infer([x], a, { display }) {
    const axes = reducedAxes(a.dims, x.shape.length);
    if (!axes) return fail(`${display}: dims ${JSON.stringify(a.dims)} are out of range for ${showShape(x.shape)}`, "DL3008");
    const symbolic = axes.find((i) => typeof x.shape[i] !== "number");
    if (symbolic !== undefined) return fail(`${display}: dim ${symbolic} has symbolic size ${String(x.shape[symbolic])}; flip needs a fixed size`);
    return { type: x };
  },
};

function triangle(name: "tril" | "triu", doc: string): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "shape",
    tensors: { min: 1, max: 1 },
    args: [{ name: "diagonal", kind: "int", default: 0 }],
    infer([x], _a, { display }) {
      if (x.shape.length < 2) return fail(`${display} needs a tensor of at least 2 dims, found ${showShape(x.shape)}`, "DL3002");
      return { type: x };
    },
  };
}
export const tril = triangle("tril", "x on and below the diagonal of the last two dims (shifted by `diagonal`), 0 above, like torch.tril.");
export const triu = triangle("triu", "x on and above the diagonal of the last two dims (shifted by `diagonal`), 0 below, like torch.triu.");

export const arange: FunctionDef = {
  kind: "function",
  name: "arange",
  doc: "i32 [end - start] of start, start + 1, …, end - 1: arange(n) or arange(start, end) (positions for an Embedding).",
  category: "shape",
  tensors: { min: 0, max: 0 },
  args: [
    { name: "start", kind: "int", required: true },
    { name: "end", kind: "int" },
  ],
  infer(_ts, a, { display }) {
    const [start, end] = a.end === undefined ? [0, a.start as number] : [a.start as number, a.end as number];
    if (end <= start) return fail(`${display} is empty: end ${end} must be above start ${start}`, "DL3005");
    return { type: { dtype: "i32", shape: [end - start] } };
  },
};

export const one_hot: FunctionDef = {
  kind: "function",
  name: "one_hot",
  doc: "f32 one-hot vectors of i32 class indices: [..] → [.., num_classes] (torch's one_hot, as floats).",
  category: "shape",
  tensors: { min: 1, max: 1 },
  args: [{ name: "num_classes", kind: "int", required: true, aliases: ["classes"] }],
  infer([x], a, { display }) {
    if (x.dtype !== "i32") return fail(`${display} expects i32 class indices but receives ${x.dtype}`, "DL3003");
    const c = a.num_classes as number;
    if (!(c >= 1)) return fail(`${display}: num_classes must be at least 1, found ${c}`, "DL3005");
    return { type: { dtype: "f32", shape: [...x.shape, c] } };
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
