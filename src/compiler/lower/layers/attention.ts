// MultiHeadAttention (self-attention, batch-first) with PyTorch's layout:
// in_proj_weight [3d, d] holds the q, k, v projections stacked in that order,
// out_proj is a Linear(d, d). Per head: softmax(q kᵀ / √(d/h) [+ causal mask]) v.
// With attention dropout in training the scores are spelled out, because the
// IR's attention composite has no dropout.

import {
  attention, constant, ge, iota, matmul, mul, permute, reshape, sliceAxis, softmax, transpose, where, type Node,
} from "../../ir/builder";
import { InternalError } from "../../diagnostics";
import type { LayerLowering } from "../rules";
import { dropoutIn, linear } from "./dense";

export const MultiHeadAttention: LayerLowering = (cx, inst, x0) => {
  if (!x0) throw new InternalError("MultiHeadAttention applied to nothing");
  const [B, T, D] = x0.shape;
  const d = D as number;
  const heads = inst.args.num_heads as number;
  const dh = d / heads;
  const causal = inst.args.causal === true;
  const p = (inst.args.dropout as number | undefined) ?? 0;
  const qkv = linear(x0, cx.weight(inst, "in_proj_weight"), cx.instParam(inst, "in_proj_bias"));
  // [B, T, d] → [B, heads, T, dh]
  const split = (k: number) => permute(reshape(sliceAxis(qkv, -1, k * d, (k + 1) * d), [B, T, heads, dh]), [0, 2, 1, 3]);
  const [q, k, v] = [split(0), split(1), split(2)];
  let ctx: Node;
  if (cx.training && p > 0) {
    let scores = mul(matmul(q, transpose(k)), 1 / Math.sqrt(dh));
    if (causal) scores = where(ge(iota([T, T], 0), iota([T, T], 1)), scores, constant(-1e30));
    ctx = matmul(dropoutIn(cx, softmax(scores, -1), p, inst.path, "attn"), v);
  } else {
    ctx = attention(q, k, v, causal);
  }
  const merged = reshape(permute(ctx, [0, 2, 1, 3]), [B, T, d]);
  return linear(merged, cx.weight(inst, "out_proj.weight"), cx.instParam(inst, "out_proj.bias"));
};
