// Normalisation layers. BatchNorm infers num_features from dim 1 ([B, C],
// [B, C, L], [B, C, H, W]) like nn.BatchNorm1d/2d; LayerNorm and RMSNorm
// normalise the last dimension (inferred).

import { type Dim } from "../../dims";
import { f32, fail, ONES, ZEROS, type LayerDef, type ParamDecl } from "../registry";
import { firstError, needDim, needFloat, needLast, needMinRank } from "../rules";

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
      a.num_features !== undefined ? needDim(input, 1, a.num_features as Dim, display, `[B, ${String(a.num_features)}, ..]`) : undefined,
    );
    return err ?? { type: input, args: { ...a, num_features: input.shape[1] } };
  },
  params(a) {
    const c = [a.num_features as Dim];
    const ps: ParamDecl[] = a.affine === false ? [] : [f32("weight", c, ONES), f32("bias", c, ZEROS)];
    return [...ps, f32("running_mean", c, ZEROS, true), f32("running_var", c, ONES, true)];
  },
};

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
