// Normalisation layers. BatchNorm infers num_features from dim 1 ([B, C],
// [B, C, L], [B, C, H, W]) like nn.BatchNorm1d/2d; LayerNorm and RMSNorm
// normalise the last dimension (inferred).

import { divDims, type Dim } from "../../dims";
import { f32, fail, ONES, ZEROS, type LayerDef, type ParamDecl, type ShapeError } from "../registry";
import { showShape, type TensorType } from "../../tensor-type";
import { firstError, needDim, needFloat, needLast, needMinRank, needRank } from "../rules";

/** The channel count given (if any) is the input's dim 1. */
function needChannels(input: TensorType, given: unknown, display: string): ShapeError | undefined {
  return given === undefined ? undefined : needDim(input, 1, given as Dim, display, `[B, ${String(given)}, ..]`);
}

export const BatchNorm: LayerDef = {
  kind: "layer",
  name: "BatchNorm",
  doc: "Batch normalisation over dim 1 (channels), with running statistics for inference. Features are inferred from dim 1.",
  args: [
    { name: "num_features", kind: "dim" },
    { name: "eps", kind: "float", default: 1e-5 },
    { name: "momentum", kind: "float", default: 0.1 },
    { name: "affine", kind: "bool", default: true },
  ],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(
      needFloat(input, display),
      needMinRank(input, 2, display, "[B, C, ..]"),
      needChannels(input, a.num_features, display),
    );
    return err ?? { type: input, args: { ...a, num_features: input.shape[1] } };
  },
  params(a) {
    const c = [a.num_features as Dim];
    const ps: ParamDecl[] = a.affine === false ? [] : [f32("weight", c, ONES), f32("bias", c, ZEROS)];
    return [...ps, f32("running_mean", c, ZEROS, true), f32("running_var", c, ONES, true)];
  },
};

/** torch.nn.BatchNorm1d/2d/3d: BatchNorm with torch's rank check (1d: [B, C] or [B, C, L]). */
function batchNormNd(n: 1 | 2 | 3): LayerDef {
  const pattern = ["[B, C] or [B, C, L]", "[B, C, H, W]", "[B, C, D, H, W]"][n - 1];
  return {
    ...BatchNorm,
    name: `BatchNorm${n}d`,
    doc: `BatchNorm over ${pattern}, as torch.nn.BatchNorm${n}d (same parameters and running statistics as BatchNorm, which takes any rank >= 2).`,
    infer(input, a, ctx) {
      if (input && n === 1 && input.shape.length !== 2 && input.shape.length !== 3)
        return fail(`${ctx.display} expects ${pattern} (rank 2 or 3) but receives ${showShape(input.shape)} (rank ${input.shape.length})`, "DL3002");
      const err = input && n > 1 ? needRank(input, n + 2, ctx.display, pattern) : undefined;
      return err ?? BatchNorm.infer(input, a, ctx);
    },
  };
}

export const BatchNorm1d = batchNormNd(1);
export const BatchNorm2d = batchNormNd(2);
export const BatchNorm3d = batchNormNd(3);

function lastDimNorm(name: string, doc: string, withBias: boolean, eps: number): LayerDef {
  return {
    kind: "layer",
    name,
    doc,
    args: [
      { name: "normalized_shape", kind: "dim", doc: "size of the last dimension (inferred)" },
      { name: "eps", kind: "float", default: eps },
      { name: "elementwise_affine", kind: "bool", default: true },
    ],
    infer(input, a, { display }) {
      if (!input) return fail(`${display} needs an input`);
      const err = firstError(
        needFloat(input, display),
        needMinRank(input, 1, display, "[.., d]"),
        a.normalized_shape !== undefined ? needLast(input, a.normalized_shape as Dim, display) : undefined,
      );
      return err ?? { type: input, args: { ...a, normalized_shape: input.shape[input.shape.length - 1] } };
    },
    params(a) {
      if (a.elementwise_affine === false) return [];
      const d = [a.normalized_shape as Dim];
      return withBias ? [f32("weight", d, ONES), f32("bias", d, ZEROS)] : [f32("weight", d, ONES)];
    },
  };
}

export const LayerNorm = lastDimNorm("LayerNorm", "(x - mean) / sqrt(var + eps) · weight + bias over the last dimension (inferred).", true, 1e-5);
export const RMSNorm = lastDimNorm("RMSNorm", "x / sqrt(mean(x²) + eps) · weight over the last dimension (inferred).", false, 1e-6);

export const GroupNorm: LayerDef = {
  kind: "layer",
  name: "GroupNorm",
  doc:
    "Normalises [B, C, ..] over each of `num_groups` groups of C/num_groups channels (and all positions), " +
    "then weight and bias per channel. num_channels is inferred from dim 1.",
  args: [
    { name: "num_groups", kind: "int", required: true, aliases: ["groups"] },
    { name: "num_channels", kind: "dim", aliases: ["channels"] },
    { name: "eps", kind: "float", default: 1e-5 },
    { name: "affine", kind: "bool", default: true },
  ],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(
      needFloat(input, display),
      needMinRank(input, 2, display, "[B, C, ..]"),
      needChannels(input, a.num_channels, display),
    );
    if (err) return err;
    const g = a.num_groups as number;
    const c = input.shape[1];
    if (!Number.isInteger(g) || g < 1) return fail(`${display}: num_groups must be a positive integer`, "DL3005");
    if (divDims(c, g) === undefined)
      return fail(`${display}: ${String(c)} channels do not split into ${g} groups (num_channels must be divisible by num_groups)`, "DL3005");
    return { type: input, args: { ...a, num_channels: c } };
  },
  params(a) {
    const c = [a.num_channels as Dim];
    return a.affine === false ? [] : [f32("weight", c, ONES), f32("bias", c, ZEROS)];
  },
};

function instanceNorm(n: 1 | 2): LayerDef {
  const pattern = n === 2 ? "[B, C, H, W]" : "[B, C, L]";
  return {
    kind: "layer",
    name: `InstanceNorm${n}d`,
    doc:
      `Normalises each channel of each sample of ${pattern} over its positions (batch statistics also in eval, ` +
      "as PyTorch's default track_running_stats=false); affine (default false) adds weight and bias per channel.",
    args: [
      { name: "num_features", kind: "dim" },
      { name: "eps", kind: "float", default: 1e-5 },
      { name: "momentum", kind: "float", default: 0.1 },
      { name: "affine", kind: "bool", default: false },
      { name: "track_running_stats", kind: "bool", default: false },
    ],
    infer(input, a, { display }) {
      if (!input) return fail(`${display} needs an input`);
      const err = firstError(
        needFloat(input, display),
        needRank(input, 2 + n, display, pattern),
        needChannels(input, a.num_features, display),
      );
      if (err) return err;
      if (a.track_running_stats === true)
        return fail(`${display}: track_running_stats=true is not supported (normalise with BatchNorm for running statistics)`, "DL3005");
      return { type: input, args: { ...a, num_features: input.shape[1] } };
    },
    params(a) {
      const c = [a.num_features as Dim];
      return a.affine === true ? [f32("weight", c, ONES), f32("bias", c, ZEROS)] : [];
    },
  };
}

export const InstanceNorm1d = instanceNorm(1);
export const InstanceNorm2d = instanceNorm(2);
