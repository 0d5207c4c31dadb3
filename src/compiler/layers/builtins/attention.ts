// MultiHeadAttention: self-attention on [B, T, d] with PyTorch's parameter
// layout (packed in_proj for q, k, v; out_proj), optional causal mask.

import { divDims, type Dim } from "../../dims";
import { f32, fail, kaimingUniform, num, xavierUniform, ZEROS, type LayerDef, type ParamDecl } from "../registry";
import { firstError, needFloat, needLast, needRank } from "../rules";

export const MultiHeadAttention: LayerDef = {
  kind: "layer",
  name: "MultiHeadAttention",
  doc: "Self-attention over [B, T, d] with num_heads heads (d must divide evenly); `causal: true` masks future positions.",
  args: [
    { name: "num_heads", kind: "int", required: true, aliases: ["heads"] },
    { name: "causal", kind: "bool", default: false },
    { name: "dropout", kind: "float", default: 0.0 },
    { name: "embed_dim", kind: "dim", doc: "inferred from the last input dimension" },
    { name: "bias", kind: "bool", default: true },
  ],
  infer(input, a, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = firstError(
      needFloat(input, display),
      needRank(input, 3, display, "[B, T, d]"),
      a.embed_dim !== undefined ? needLast(input, a.embed_dim as Dim, display) : undefined,
    );
    if (err) return err;
    const d = input.shape[2];
    const h = a.num_heads as number;
    if (!Number.isInteger(h) || h < 1) return fail(`${display}: num_heads must be a positive integer`, "DL3005");
    // A symbolic size (a layer checked before any model instantiates it) is
    // decided per instantiation, where it is a number.
    if (typeof d === "number" && divDims(d, h) === undefined)
      return fail(`${display}: embedding size ${d} is not divisible by num_heads = ${h}`);
    const p = a.dropout as number;
    if (!(p >= 0 && p < 1)) return fail(`${display}: dropout must be in [0, 1)`, "DL3005");
    return { type: input, args: { ...a, embed_dim: d } };
  },
  params(a) {
    const d = a.embed_dim as Dim;
    const d3 = typeof d === "number" ? 3 * d : `3*${d}`;
    const ps: ParamDecl[] = [f32("in_proj_weight", [d3, d], xavierUniform(num(d), 3 * num(d)))];
    if (a.bias !== false) ps.push(f32("in_proj_bias", [d3], ZEROS));
    ps.push(f32("out_proj.weight", [d, d], kaimingUniform(num(d))));
    if (a.bias !== false) ps.push(f32("out_proj.bias", [d], ZEROS));
    return ps;
  },
};
