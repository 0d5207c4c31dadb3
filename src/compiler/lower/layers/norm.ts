// BatchNorm, LayerNorm, RMSNorm with PyTorch's semantics. BatchNorm in
// training normalises with the batch statistics (biased variance) and moves
// its running statistics toward them (unbiased variance), with momentum m:
//     running ← (1 - m)·running + m·batch_stat
// The new running values are graph outputs (see lower/index.ts); they are
// detached: no gradient flows through the statistics' bookkeeping.

import { add, batchNormEval, batchNormTrain, constant, detach, layerNorm, mean, mul, rmsNorm, variance, type Node } from "../../ir/builder";
import { InternalError } from "../../diagnostics";
import type { BuiltinInstance } from "../../check/elaborated";
import type { Lowering } from "../context";
import { need, type LayerLowering } from "../rules";

function bufferPath(inst: BuiltinInstance, name: string): string {
  const p = inst.params.find((q) => q.name === name);
  if (!p) throw new InternalError(`BatchNorm '${inst.path}' has no ${name}`);
  return p.path;
}

export const BatchNorm: LayerLowering = (cx: Lowering, inst, x0) => {
  const x = need(x0, "BatchNorm");
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
};

export const LayerNorm: LayerLowering = (cx, inst, x) =>
  layerNorm(need(x, "LayerNorm"), 1, inst.args.eps as number, cx.instParam(inst, "weight"), cx.instParam(inst, "bias"));

export const RMSNorm: LayerLowering = (cx, inst, x) =>
  rmsNorm(need(x, "RMSNorm"), 1, inst.args.eps as number, cx.instParam(inst, "weight"));
