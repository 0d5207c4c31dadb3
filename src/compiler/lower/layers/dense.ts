// Layers that are one or two ops: Linear, Embedding, PositionalEmbedding,
// Dropout, Flatten, Reshape and the activation modules.

import { add, dropout, elu, gather, gelu, leakyRelu, matmul, maximum, mish, relu, reshape, sigmoid, silu, sliceAxis, softmax, softplus, tanh, transpose, type Node } from "../../ir/builder";
import type { Lowering } from "../context";
import { productOf } from "../../ir/types";
import { need, lowers } from "../rules";
import * as L from "../../layers/builtins";
import { checkedIndex } from "../index-check";

/** y = x Wᵀ + b over the last axis (torch.nn.functional.linear). */
export function linear(x: Node, w: Node, b: Node | undefined): Node {
  const y = matmul(x.shape.length === 1 ? reshape(x, [1, x.shape[0]]) : x, transpose(w));
  const z = x.shape.length === 1 ? reshape(y, [w.shape[0]]) : y;
  return b ? add(z, b) : z;
}

export const Linear = lowers(L.Linear, (cx, inst, x) =>
  linear(need(x, "Linear"), cx.weight(inst), cx.instParam(inst, "bias")));

/** weight[idx]: i32[..] → f32[.., d]; computed ids are checked against the table. */
export const Embedding = lowers(L.Embedding, (cx, inst, x, e) => {
  const w = cx.weight(inst);
  const rows = w.shape[0];
  return gather(w, checkedIndex(cx, need(x, "Embedding"), rows, `a table of ${String(rows)} rows`, `Embedding '${inst.path}'`, e), 0);
});

/** As a value: the [ctx, d] table; applied to x [.., T, d]: x + table[:T]. */
export const PositionalEmbedding = lowers(L.PositionalEmbedding, (cx, inst, x) => {
  const table = cx.weight(inst);
  if (!x) return table;
  const t = x.shape[x.shape.length - 2];
  const rows = typeof t === "number" && t !== table.shape[0] ? sliceAxis(table, 0, 0, t) : table;
  return add(x, rows);
});

/** Inverted dropout in training (mask from the seeded counter RNG), identity in eval. */
export function dropoutIn(cx: Lowering, x: Node, p: number, path: string, part = ""): Node {
  if (!cx.training || p === 0) return x;
  return dropout(x, cx.seed(), p, cx.salt(path, part));
}

export const Dropout = lowers(L.Dropout, (cx, inst, x) => dropoutIn(cx, need(x, "Dropout"), inst.args.p as number, inst.path));

/** Merges dims start_dim..end_dim (check made them non-negative); sizes from the IR's own shapes. */
export const Flatten = lowers(L.Flatten, (_cx, inst, x0) => {
  const x = need(x0, "Flatten");
  const s = inst.args.start_dim as number;
  const e = inst.args.end_dim as number;
  return reshape(x, [...x.shape.slice(0, s), productOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)]);
});

/** Reshapes each sample (dim 0 kept): the target is the checked result type. */
export const Reshape = lowers(L.Reshape, (cx, _inst, x, e) => reshape(need(x, "Reshape"), cx.shapeOf(e)));

export const ReLU = lowers(L.ReLU, (cx, _i, x) => reluAny(need(x, "ReLU")));
export const GELU = lowers(L.GELU, (_cx, _i, x) => gelu(need(x, "GELU")));
export const SiLU = lowers(L.SiLU, (_cx, _i, x) => silu(need(x, "SiLU")));
export const Tanh = lowers(L.Tanh, (_cx, _i, x) => tanh(need(x, "Tanh")));
export const Sigmoid = lowers(L.Sigmoid, (_cx, _i, x) => sigmoid(need(x, "Sigmoid")));
export const Softmax = lowers(L.Softmax, (_cx, inst, x) => softmax(need(x, "Softmax"), inst.args.dim as number));
export const LeakyReLU = lowers(L.LeakyReLU, (_cx, inst, x) => leakyRelu(need(x, "LeakyReLU"), inst.args.negative_slope as number));
export const ELU = lowers(L.ELU, (_cx, inst, x) => elu(need(x, "ELU"), inst.args.alpha as number));
export const Softplus = lowers(L.Softplus, (_cx, inst, x) => softplus(need(x, "Softplus"), inst.args.beta as number, inst.args.threshold as number));
export const Mish = lowers(L.Mish, (_cx, _i, x) => mish(need(x, "Mish")));
export const Identity = lowers(L.Identity, (_cx, _i, x) => need(x, "Identity"));

/** relu for floats; max(x, 0) for integers (the IR's relu is float-only). */
export function reluAny(x: Node): Node {
  return x.dtype === "f32" ? relu(x) : maximum(x, 0);
}
