// Spatial resampling of [B, C, H, W]: nn.Upsample (nearest, bilinear) and
// nn.AdaptiveAvgPool2d. Both are, per spatial axis, a fixed linear map from
// the input positions to the output positions (see lower/layers/resample.ts).

import { mulDims, type Dim } from "../../dims";
import { showShape } from "../../tensor-type";
import { fail, type LayerDef } from "../registry";
import { firstError, needFloat, needRank, tuple } from "../rules";

const positive = (v: number) => Number.isInteger(v) && v >= 1;

export const Upsample: LayerDef = {
  kind: "layer",
  name: "Upsample",
  doc:
    "Resizes [B, C, H, W] to `size` or by `scale_factor` (H·s, W·s; a fractional factor needs known H and W), " +
    'mode "nearest" (default) or "bilinear" (align_corners as PyTorch, default false).',
  args: [
    { name: "size", kind: "ints", doc: "output [H, W] (or one int for both)" },
    { name: "scale_factor", kind: "float" },
    { name: "mode", kind: "string", default: "nearest" },
    { name: "align_corners", kind: "bool" },
  ],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(needFloat(input, display), needRank(input, 4, display, "[B, C, H, W]"));
    if (err) return err;
    if (a.mode !== "nearest" && a.mode !== "bilinear")
      return fail(`${display}: mode must be "nearest" or "bilinear", found ${JSON.stringify(a.mode)}`, "DL3005");
    if (a.mode === "nearest" && a.align_corners !== undefined)
      return fail(`${display}: align_corners applies only to mode "bilinear"`, "DL3005");
    if ((a.size === undefined) === (a.scale_factor === undefined))
      return fail(`${display}: give exactly one of size and scale_factor`, "DL3005");
    let out: Dim[];
    if (a.size !== undefined) {
      out = tuple(a.size, 2, 1);
      if (!out.every((d) => positive(d as number))) return fail(`${display}: size must be positive integers`, "DL3005");
    } else {
      const s = a.scale_factor as number;
      if (!(s > 0)) return fail(`${display}: scale_factor must be positive, found ${s}`, "DL3005");
      out = [];
      for (const d of input.shape.slice(2)) {
        if (Number.isInteger(s)) out.push(mulDims(s, d));
        else if (typeof d === "number") out.push(Math.floor(d * s));
        else return fail(`${display}: a fractional scale_factor needs known spatial sizes, found ${showShape(input.shape)}`, "DL3005");
      }
      if (out.some((d) => d === 0)) return fail(`${display}: input ${showShape(input.shape)} scaled by ${s} is empty`);
    }
    return {
      type: { dtype: input.dtype, shape: [input.shape[0], input.shape[1], ...out] },
      args: { ...a, align_corners: a.mode === "bilinear" ? a.align_corners ?? false : undefined },
    };
  },
  params: () => [],
};

export const AdaptiveAvgPool2d: LayerDef = {
  kind: "layer",
  name: "AdaptiveAvgPool2d",
  doc:
    "Mean over adaptive windows of [B, C, H, W] giving [B, C, oh, ow] (`output_size`, one int for both): " +
    "window i spans floor(i·H/oh) to ceil((i+1)·H/oh), as PyTorch, for any sizes.",
  args: [{ name: "output_size", kind: "ints", required: true }],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(needFloat(input, display), needRank(input, 4, display, "[B, C, H, W]"));
    if (err) return err;
    const out = tuple(a.output_size, 2, 1);
    if (!out.every(positive)) return fail(`${display}: output_size must be positive integers`, "DL3005");
    return { type: { dtype: input.dtype, shape: [input.shape[0], input.shape[1], ...out] }, args: { ...a, output_size: out } };
  },
  params: () => [],
};
