// Pooling (nn.MaxPool1d/2d, nn.AvgPool1d/2d) and GlobalAvgPool ([B, C, H, W] →
// [B, C], what nn.AdaptiveAvgPool2d(1) followed by Flatten computes).

import { convOutDim, type Dim } from "../../dims";
import { fail, type LayerDef } from "../registry";
import { firstError, needFloat, needMinRank, needRank, tuple } from "../rules";

/** MaxPool/AvgPool over the last `n` dims of [B, C, ...n spatial]. */
function pool(name: string, doc: string, n: 1 | 2): LayerDef {
  const pattern = n === 2 ? "[B, C, H, W]" : "[B, C, L]";
  return {
    kind: "layer",
    name,
    doc,
    args: [
      { name: "kernel_size", kind: "ints", required: true, aliases: ["kernel"] },
      { name: "stride", kind: "ints", doc: "defaults to kernel_size" },
      { name: "padding", kind: "ints", default: 0 },
    ],
    infer(input, a, { display }) {
      if (!input) return fail(`${display} needs an input`);
      const err = firstError(needFloat(input, display), needRank(input, 2 + n, display, pattern));
      if (err) return err;
      const k = tuple(a.kernel_size, n, 1);
      const s = a.stride === undefined ? k : tuple(a.stride, n, 1);
      const p = tuple(a.padding, n, 0);
      if ([...k, ...s].some((v) => !Number.isInteger(v) || v < 1) || p.some((v, i) => v < 0 || v * 2 > k[i]))
        return fail(`${display}: kernel and stride must be positive, padding at most half the kernel`, "DL3005");
      const out: Dim[] = [input.shape[0], input.shape[1]];
      for (let i = 0; i < n; i++) {
        const o = convOutDim(input.shape[2 + i], k[i], s[i], p[i]);
        if (typeof o === "number" && o < 1)
          return fail(`${display}: input [${input.shape.join(", ")}] is too small for a ${k[i]}-wide window`);
        out.push(o);
      }
      return { type: { dtype: input.dtype, shape: out }, args: { ...a, kernel_size: k, stride: s, padding: p } };
    },
    params: () => [],
  };
}

export const MaxPool2d = pool("MaxPool2d", "Maximum over kernel×kernel windows; stride defaults to the kernel size.", 2);
export const AvgPool2d = pool("AvgPool2d", "Mean over kernel×kernel windows (padding counted as zeros); stride defaults to the kernel size.", 2);
export const MaxPool1d = pool("MaxPool1d", "Maximum over windows of [B, C, L] along L; stride defaults to the kernel size.", 1);
export const AvgPool1d = pool("AvgPool1d", "Mean over windows of [B, C, L] along L (padding counted as zeros); stride defaults to the kernel size.", 1);

export const GlobalAvgPool: LayerDef = {
  kind: "layer",
  name: "GlobalAvgPool",
  doc: "Mean over all spatial positions: [B, C, ...spatial] → [B, C].",
  args: [],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(needFloat(input, display), needMinRank(input, 3, display, "[B, C, H, W]"));
    return err ?? { type: { dtype: input.dtype, shape: input.shape.slice(0, 2) }, args: a };
  },
  params: () => [],
};
