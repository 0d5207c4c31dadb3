// Dropout, Flatten and Reshape: layers without parameters that are not activations.

import { divDims, productOf, type Dim } from "../../dims";
import { showShape } from "../../tensor-type";
import { fail, type LayerDef } from "../registry";

export const Dropout: LayerDef = {
  kind: "layer",
  name: "Dropout",
  doc: "In training, zeroes each element with probability p and scales the rest by 1/(1-p); the identity at inference.",
  args: [{ name: "p", kind: "float", default: 0.5 }],
  dropout: true,
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const p = a.p as number;
    if (!(p >= 0 && p < 1)) return fail(`${display}: p must be in [0, 1), found ${p}`, "DL3005");
    return { type: input, args: a };
  },
  params: () => [],
};

export const Flatten: LayerDef = {
  kind: "layer",
  name: "Flatten",
  doc: "Merges dims start_dim..end_dim into one: [B, C, H, W] → [B, C·H·W] with the defaults (start_dim 1).",
  args: [
    { name: "start_dim", kind: "axis", default: 1 },
    { name: "end_dim", kind: "axis", default: -1 },
  ],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const r = input.shape.length;
    const s = (a.start_dim as number) < 0 ? (a.start_dim as number) + r : (a.start_dim as number);
    const e = (a.end_dim as number) < 0 ? (a.end_dim as number) + r : (a.end_dim as number);
    if (s < 0 || e >= r || s > e)
      return fail(`${display}: dims ${String(a.start_dim)}..${String(a.end_dim)} do not fit ${showShape(input.shape)}`, "DL3002");
    const shape = [...input.shape.slice(0, s), productOf(input.shape.slice(s, e + 1)), ...input.shape.slice(e + 1)];
    return { type: { dtype: input.dtype, shape }, args: { ...a, start_dim: s, end_dim: e } };
  },
  params: () => [],
};

/**
 * The target shape of a reshape of `from` to `dims` (one -1 inferred); an error
 * message when the element counts cannot be shown equal.
 */
export function reshapeTo(from: readonly Dim[], dims: readonly Dim[]): { shape: Dim[] } | { error: string } {
  const holes = dims.filter((d) => d === -1).length;
  if (holes > 1) return { error: "at most one dimension may be -1" };
  if (dims.some((d) => typeof d === "number" && d !== -1 && (!Number.isInteger(d) || d < 0)))
    return { error: "sizes must be non-negative integers or -1" };
  const total = productOf(from);
  const known = productOf(dims.filter((d) => d !== -1));
  if (holes === 1) {
    const rest = divDims(total, known);
    if (rest === undefined) return { error: `${showShape(from)} has ${total} elements, not a multiple of ${known}` };
    return { shape: dims.map((d) => (d === -1 ? rest : d)) };
  }
  if (total !== known) return { error: `${showShape(from)} has ${total} elements but ${showShape(dims)} has ${known}` };
  return { shape: [...dims] };
}

export const Reshape: LayerDef = {
  kind: "layer",
  name: "Reshape",
  doc: "Reshapes each sample, keeping dim 0 (batch): `Reshape(1, 28, 28)` maps [B, 784] to [B, 1, 28, 28]. One size may be -1.",
  args: [{ name: "shape", kind: "dims", required: true, rest: true }],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    if (input.shape.length < 1) return fail(`${display} expects a batch dimension but receives []`, "DL3002");
    const r = reshapeTo(input.shape.slice(1), a.shape as Dim[]);
    if ("error" in r) return fail(`${display} cannot reshape ${showShape(input.shape)}: ${r.error}`);
    return { type: { dtype: input.dtype, shape: [input.shape[0], ...r.shape] }, args: { ...a, shape: r.shape } };
  },
  params: () => [],
};
