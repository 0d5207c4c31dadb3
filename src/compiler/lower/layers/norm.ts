// BatchNorm, LayerNorm, RMSNorm with PyTorch's semantics. BatchNorm in
// training normalises with the batch statistics (biased variance) and moves
// its running statistics toward them (unbiased variance), with momentum m:
//     running ← (1 - m)·running + m·batch_stat
// The new running values are graph outputs (see lower/index.ts); they are
// detached: no gradient flows through the statistics' bookkeeping.

import { add, batchNormEval, batchNormTrain, constant, detach, layerNorm, mean, mul, reshape, rmsNorm, variance, type Node } from "../../ir/builder";
import { divDims } from "../../dims";
import { InternalError } from "../../diagnostics";
import type { BuiltinInstance } from "../../check/elaborated";
import type { Lowering } from "../context";
import { need, lowers } from "../rules";
import * as L from "../../layers/builtins";

function bufferPath(inst: BuiltinInstance, name: string): string {
  const p = inst.params.find((q) => q.name === name);
  if (!p) throw new InternalError(`BatchNorm '${inst.path}' has no ${name}`);
  return p.path;
}

export const BatchNorm = lowers([L.BatchNorm, L.BatchNorm1d, L.BatchNorm2d, L.BatchNorm3d], (cx: Lowering, inst, x0) => {
  const x = need(x0, inst.def.name);
  const c = x.shape[1];
  const eps = inst.args.eps as number;
  const gamma = cx.instParam(inst, "weight") ?? constant(1, "f32", [c]);
  const beta = cx.instParam(inst, "bias") ?? constant(0, "f32", [c]);
  const meanPath = bufferPath(inst, "running_mean");
  const varPath = bufferPath(inst, "running_var");
  if (!cx.training) return batchNormEval(x, cx.buffer(meanPath), cx.buffer(varPath), gamma, beta, eps);
  const m = inst.args.momentum as number;
  const axes = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const xs = detach(x);
  const bm = mean(xs, axes);
  const bv = variance(xs, axes, false, 1);
  cx.updateBuffer(meanPath, add(mul(cx.buffer(meanPath), 1 - m), mul(bm, m)));
  cx.updateBuffer(varPath, add(mul(cx.buffer(varPath), 1 - m), mul(bv, m)));
  return batchNormTrain(x, gamma, beta, eps);
});

export const LayerNorm = lowers(L.LayerNorm, (cx, inst, x) =>
  layerNorm(need(x, "LayerNorm"), 1, inst.args.eps as number, cx.instParam(inst, "weight"), cx.instParam(inst, "bias")));

export const RMSNorm = lowers(L.RMSNorm, (cx, inst, x) =>
  rmsNorm(need(x, "RMSNorm"), 1, inst.args.eps as number, cx.instParam(inst, "weight")));

/** x · weight + bias with [C] parameters along dim 1 of [B, C, ..]. */
function perChannelAffine(x: Node, w: Node | undefined, b: Node | undefined): Node {
  const bcast = (p: Node) => reshape(p, [p.shape[0], ...x.shape.slice(2).map(() => 1)]);
  const y = w ? mul(x, bcast(w)) : x;
  return b ? add(y, bcast(b)) : y;
}

// GroupNorm: [B, C, ..] viewed as [B, G, C/G, ..], normalised over all but the first two axes.
export const GroupNorm = lowers(L.GroupNorm, (cx, inst, x0) => {
  const x = need(x0, "GroupNorm");
  const g = inst.args.num_groups as number;
  const [b, c, ...rest] = x.shape;
  const perGroup = divDims(c, g);
  if (perGroup === undefined) throw new InternalError(`GroupNorm: ${String(c)} channels in ${g} groups`);
  const y = layerNorm(reshape(x, [b, g, perGroup, ...rest]), 1 + rest.length, inst.args.eps as number);
  return perChannelAffine(reshape(y, x.shape), cx.instParam(inst, "weight"), cx.instParam(inst, "bias"));
});

// InstanceNorm: each (sample, channel) normalised over its positions, in training and eval alike.
export const InstanceNorm = lowers([L.InstanceNorm1d, L.InstanceNorm2d], (cx, inst, x0) => {
  const x = need(x0, inst.def.name);
  const y = layerNorm(x, x.shape.length - 2, inst.args.eps as number);
  return perChannelAffine(y, cx.instParam(inst, "weight"), cx.instParam(inst, "bias"));
});
