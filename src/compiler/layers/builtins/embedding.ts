// Embedding (nn.Embedding) and PositionalEmbedding (a learnable [ctx, d] table,
// GPT-2 style; not a PyTorch class). PositionalEmbedding used as a value —
// `x + PositionalEmbedding(ctx, d)` — is its table, broadcasting over batch;
// applied to [.., ctx, d] it adds the table.

import { type Dim } from "../../dims";
import { showShape } from "../../tensor-type";
import { f32, fail, type LayerDef } from "../registry";
import { badSize, firstError, needInt, needMinRank } from "../rules";

export const Embedding: LayerDef = {
  kind: "layer",
  name: "Embedding",
  doc: "Looks up rows of a [num_embeddings, embedding_dim] table: i32[..] → f32[.., embedding_dim].",
  args: [
    { name: "num_embeddings", kind: "dim", required: true },
    { name: "embedding_dim", kind: "dim", required: true },
  ],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(
      badSize(a.num_embeddings, "num_embeddings", display),
      badSize(a.embedding_dim, "embedding_dim", display),
      needInt(input, display, "token indices"),
    );
    return err ?? { type: { dtype: "f32", shape: [...input.shape, a.embedding_dim as Dim] }, args: a };
  },
  params: (a) => [f32("weight", [a.num_embeddings as Dim, a.embedding_dim as Dim], { kind: "normal", mean: 0, std: 1 })],
};

export const PositionalEmbedding: LayerDef = {
  kind: "layer",
  name: "PositionalEmbedding",
  doc: "A learnable [num_positions, embedding_dim] table (init N(0, 0.02²)). As a value it is the table; applied to x: [.., ctx, d] it returns x + table.",
  args: [
    { name: "num_positions", kind: "dim", required: true, aliases: ["ctx"] },
    { name: "embedding_dim", kind: "dim", required: true, aliases: ["dim"] },
  ],
  nullary: true,
  infer(input, a, { display }) {
    const err = firstError(badSize(a.num_positions, "num_positions", display), badSize(a.embedding_dim, "embedding_dim", display));
    if (err) return err;
    const table: Dim[] = [a.num_positions as Dim, a.embedding_dim as Dim];
    if (!input) return { type: { dtype: "f32", shape: table }, args: a };
    const e2 = needMinRank(input, 2, display, "[.., ctx, d]");
    if (e2) return e2;
    const tail = input.shape.slice(-2);
    if (tail[0] !== table[0] || tail[1] !== table[1])
      return fail(`${display} expects [.., ${table.join(", ")}] but receives ${showShape(input.shape)}`);
    return { type: { dtype: input.dtype, shape: input.shape }, args: a };
  },
  params: (a) => [f32("weight", [a.num_positions as Dim, a.embedding_dim as Dim], { kind: "normal", mean: 0, std: 0.02 })],
};
