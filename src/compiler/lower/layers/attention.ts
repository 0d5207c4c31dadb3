// MultiHeadAttention with PyTorch's layout: in_proj_weight [3d, d] holds the
// q, k, v projections stacked in that order (q/k/v_proj_weight [d, d|kdim|vdim]
// when keys or values have other sizes), out_proj is a Linear(d, d). Per
// head: softmax(q kᵀ / √(d/h) + mask) v. Self-attention projects the input
// once through the whole in_proj; cross-attention projects the query with the
// q rows and the keys/values with the k and v rows. The masks become one
// additive bias (bool true → -∞, as torch); with a mask, or attention dropout
// in training, the scores are spelled out (the IR's attention composite has
// only the causal mask and no dropout).

import {
  add, attention, constant, ge, iota, matmul, mul, permute, reshape, sliceAxis, softmax, transpose, where, type Node,
} from "../../ir/builder";
import type { Dim } from "../../ir/types";
import { InternalError } from "../../diagnostics";
import { lowers } from "../rules";
import * as L from "../../layers/builtins";
import { dropoutIn, linear } from "./dense";

/** A float mask: 0 where allowed, -∞ where a bool mask is true; a float mask as it is. */
const additive = (m: Node): Node => (m.dtype === "bool" ? where(m, constant(-Infinity), constant(0)) : m);

export const MultiHeadAttention = lowers(L.MultiHeadAttention, (cx, inst, x0, e) => {
  if (!x0) throw new InternalError("MultiHeadAttention applied to nothing");
  const extra = e.extra ?? {};
  const key = extra.key ? cx.lower(extra.key) : x0;
  const value = extra.value ? cx.lower(extra.value) : key;
  const [B, T, D] = x0.shape;
  const S = key.shape[1];
  const d = D as number;
  const heads = inst.args.num_heads as number;
  const dh = d / heads;
  const causal = inst.args.causal === true;
  const p = (inst.args.dropout as number | undefined) ?? 0;
  const packed = cx.instParam(inst, "in_proj_weight");
  const b = cx.instParam(inst, "in_proj_bias");
  // [B, L, d] → [B, heads, L, dh]
  const toHeads = (t: Node, L: Dim) => permute(reshape(t, [B, L, heads, dh]), [0, 2, 1, 3]);
  let q: Node, k: Node, v: Node;
  if (packed && key === x0 && value === x0) {
    const qkv = linear(x0, packed, b);
    [q, k, v] = [0, 1, 2].map((j) => toHeads(sliceAxis(qkv, -1, j * d, (j + 1) * d), T));
  } else {
    // Rows j·d … (j+1)·d of the packed weight, or the separate q/k/v_proj_weight (kdim/vdim ≠ d).
    const weightOf = (j: number) => (packed ? sliceAxis(packed, 0, j * d, (j + 1) * d) : cx.weight(inst, `${"qkv"[j]}_proj_weight`));
    const proj = (t: Node, j: number) => linear(t, weightOf(j), b && sliceAxis(b, 0, j * d, (j + 1) * d));
    [q, k, v] = [toHeads(proj(x0, 0), T), toHeads(proj(key, 1), S), toHeads(proj(value, 2), S)];
  }
  // Every mask as one additive bias broadcasting to [B, heads, T, S].
  let bias: Node | undefined;
  const addBias = (m: Node) => (bias = bias ? add(bias, m) : m);
  if (extra.attn_mask) {
    const m = additive(cx.lower(extra.attn_mask));
    addBias(m.shape.length === 3 ? reshape(m, [B, 1, T, S]) : m);
  }
  if (extra.key_padding_mask) addBias(reshape(additive(cx.lower(extra.key_padding_mask)), [B, 1, 1, S]));
  let ctx: Node;
  if ((cx.training && p > 0) || bias) {
    let scores = mul(matmul(q, transpose(k)), 1 / Math.sqrt(dh));
    if (causal) scores = where(ge(iota([T, S], 0), iota([T, S], 1)), scores, constant(-1e30));
    if (bias) scores = add(scores, bias);
    const probs = softmax(scores, -1);
    ctx = matmul(cx.training && p > 0 ? dropoutIn(cx, probs, p, inst.path, "attn") : probs, v);
  } else {
    ctx = attention(q, k, v, causal);
  }
  const merged = reshape(permute(ctx, [0, 2, 1, 3]), [B, T, d]);
  return linear(merged, cx.weight(inst, "out_proj.weight"), cx.instParam(inst, "out_proj.bias"));
});
