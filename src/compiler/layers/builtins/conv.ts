// Convolutions (nn.Conv1d, nn.Conv2d, nn.ConvTranspose2d). Channels-first
// ([B, C, L] and [B, C, H, W]); in_channels is inferred from dim 1 unless given.

import { convOutDim, convTransposeOutDim, type Dim } from "../../dims";
import { f32, fail, fanInUniform, kaimingUniform, num, type ArgSpec, type Args, type LayerDef } from "../registry";
import { badSize, firstError, needDim, needFloat, needRank, tuple } from "../rules";

const convArgs: ArgSpec[] = [
  { name: "in_channels", kind: "dim", doc: "input channels (inferred from dim 1 when omitted)" },
  { name: "out_channels", kind: "dim", required: true },
  { name: "kernel_size", kind: "ints", required: true, aliases: ["kernel"] },
  { name: "stride", kind: "ints", default: 1 },
  { name: "padding", kind: "ints", default: 0 },
  { name: "dilation", kind: "ints", default: 1 },
  { name: "groups", kind: "int", default: 1 },
  { name: "bias", kind: "bool", default: true },
];

const positional = [["out_channels"], ["in_channels", "out_channels"], ["in_channels", "out_channels", "kernel_size"]];

function conv(name: string, spatial: 1 | 2, transpose: boolean): LayerDef {
  const pattern = spatial === 1 ? "[B, C, L]" : "[B, C, H, W]";
  const args: ArgSpec[] = transpose
    ? [...convArgs.slice(0, 5), { name: "output_padding", kind: "ints", default: 0 }, ...convArgs.slice(5)]
    : convArgs;
  return {
    kind: "layer",
    name,
    doc: transpose
      ? `Transposed ${spatial}-d convolution (fractionally strided) over ${pattern}; weight [in, out/groups, kh, kw].`
      : `${spatial}-d convolution over ${pattern}. \`${name}(out, kernel: k)\` infers in_channels from dim 1.`,
    args,
    positional,
    infer(input, a, { display }) {
      if (!input) return fail(`${display} needs an input`);
      const err = firstError(
        badSize(a.out_channels, "out_channels", display),
        needFloat(input, display),
        needRank(input, spatial + 2, display, pattern),
        a.in_channels !== undefined ? needDim(input, 1, a.in_channels as Dim, display, pattern.replace("C", String(a.in_channels))) : undefined,
      );
      if (err) return err;
      const inC = input.shape[1];
      const groups = a.groups as number;
      if (groups < 1 || (typeof inC === "number" && inC % groups) || (typeof a.out_channels === "number" && a.out_channels % groups))
        return fail(`${display}: groups=${groups} must divide in_channels (${inC}) and out_channels (${String(a.out_channels)})`);
      const k = tuple(a.kernel_size, spatial, 1);
      const s = tuple(a.stride, spatial, 1);
      const p = tuple(a.padding, spatial, 0);
      const d = tuple(a.dilation, spatial, 1);
      const op = tuple(a.output_padding, spatial, 0);
      if ([...k, ...s, ...d].some((v) => !Number.isInteger(v) || v < 1) || [...p, ...op].some((v) => v < 0))
        return fail(`${display}: kernel, stride and dilation must be positive and padding non-negative`, "DL3005");
      const out: Dim[] = [input.shape[0], a.out_channels as Dim];
      for (let i = 0; i < spatial; i++) {
        const n = input.shape[2 + i];
        const o = transpose ? convTransposeOutDim(n, k[i], s[i], p[i], op[i], d[i]) : convOutDim(n, k[i], s[i], p[i], d[i]);
        if (typeof o === "number" && o < 1)
          return fail(`${display}: input ${pattern} = [${input.shape.join(", ")}] is too small for kernel ${k[i]} (output size ${o})`);
        out.push(o);
      }
      const resolved: Args = { ...a, in_channels: inC, kernel_size: k, stride: s, padding: p, dilation: d, ...(transpose ? { output_padding: op } : {}) };
      return { type: { dtype: input.dtype, shape: out }, args: resolved };
    },
    params(a) {
      const k = tuple(a.kernel_size, spatial, 1);
      const g = num(a.groups);
      const inC = a.in_channels as Dim;
      const outC = a.out_channels as Dim;
      const perGroup = (c: Dim) => (typeof c === "number" ? c / g : c);
      const shape = transpose ? [inC, perGroup(outC), ...k] : [outC, perGroup(inC), ...k];
      // PyTorch computes fan_in from weight.size(1) × receptive field, for both kinds.
      const fanIn = num(shape[1]) * k.reduce((x, y) => x * y, 1);
      const ps = [f32("weight", shape, kaimingUniform(fanIn))];
      if (a.bias !== false) ps.push(f32("bias", [outC], fanInUniform(fanIn)));
      return ps;
    },
  };
}

export const Conv1d = conv("Conv1d", 1, false);
export const Conv2d = conv("Conv2d", 2, false);
export const ConvTranspose2d = conv("ConvTranspose2d", 2, true);
