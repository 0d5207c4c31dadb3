// MultiHeadAttention with PyTorch's parameter layout (packed in_proj for q, k,
// v, or q/k/v_proj_weight when keys or values have other sizes kdim/vdim;
// out_proj) and forward(): self-attention on [B, T, d] (`x -> attn`), or
// cross-attention `attn(query, key_value)` / `attn(query, key, value)` with
// keys and values of another length S; masks as torch's `attn_mask` ([T, S]
// or [B, T, S], bool: true = may not attend, or f32 added to the scores) and
// `key_padding_mask` ([B, S] bool, true = padding), and `causal:`.

import { dimEq, divDims, type Dim } from "../../dims";
import { showShape, type TensorType } from "../../tensor-type";
import { f32, fail, kaimingUniform, num, xavierUniform, ZEROS, type LayerDef, type ParamDecl, type ShapeError } from "../registry";
import { firstError, needFloat, needLast, needRank } from "../rules";

/** Shape rule of the masks for queries [B, T, d] and keys [B, S, d]. */
function checkMasks(ops: Readonly<Record<string, TensorType>>, B: Dim, T: Dim, S: Dim, display: string): ShapeError | undefined {
  const m = ops.attn_mask;
  if (m) {
    if (m.dtype !== "bool" && m.dtype !== "f32") return fail(`${display}: attn_mask must be bool (true: may not attend) or f32 (added to the scores), found ${m.dtype}`, "DL3003");
    const want = m.shape.length === 3 ? [B, T, S] : [T, S];
    if ((m.shape.length !== 2 && m.shape.length !== 3) || !m.shape.every((d, i) => dimEq(d, want[i])))
      return fail(`${display}: attn_mask must be [T, S] = ${showShape([T, S])} or [B, T, S] = ${showShape([B, T, S])}, found ${showShape(m.shape)}`);
  }
  const k = ops.key_padding_mask;
  if (k) {
    if (k.dtype !== "bool") return fail(`${display}: key_padding_mask must be bool (true: padding, ignored), found ${k.dtype}`, "DL3003");
    if (k.shape.length !== 2 || !dimEq(k.shape[0], B) || !dimEq(k.shape[1], S))
      return fail(`${display}: key_padding_mask must be [B, S] = ${showShape([B, S])}, found ${showShape(k.shape)}`);
  }
  return undefined;
}

export const MultiHeadAttention: LayerDef = {
  kind: "layer",
  name: "MultiHeadAttention",
  doc: "Attention like torch's nn.MultiheadAttention (batch first): self-attention `x -> attn` over [B, T, d], cross-attention `attn(query, key_value)` or `attn(query, key, value)` with keys [B, S, d]; num_heads must divide d; `causal: true` masks later keys; masks at the call: `attn(x, attn_mask: m, key_padding_mask: pad)`.",
  args: [
    { name: "num_heads", kind: "int", required: true, aliases: ["heads"] },
    { name: "causal", kind: "bool", default: false },
    { name: "dropout", kind: "float", default: 0.0 },
    { name: "embed_dim", kind: "dim", doc: "inferred from the last input dimension" },
    { name: "bias", kind: "bool", default: true },
    { name: "kdim", kind: "dim", doc: "the keys' feature size (default and inferred: the key's last dimension); unless kdim = vdim = embed_dim the q, k, v projections are separate weights q_proj_weight [d, d], k_proj_weight [d, kdim], v_proj_weight [d, vdim], as torch" },
    { name: "vdim", kind: "dim", doc: "the values' feature size (default and inferred: the value's last dimension)" },
  ],
  operands: [
    { name: "key", positional: true, doc: "keys [B, S, d] (default: the input: self-attention); alone it is also the value" },
    { name: "value", positional: true, doc: "values [B, S, d] (default: key)" },
    { name: "attn_mask", doc: "[T, S] or [B, T, S]: bool (true: may not attend) or f32 (added to the scores)" },
    { name: "key_padding_mask", doc: "[B, S] bool: true marks a padding key, ignored by every query" },
  ],
  infer(input, a, { display, operands }) {
    if (!input) return fail(`${display} needs an input`);
    const ops = operands ?? {};
    const key = ops.key ?? input;
    const value = ops.value ?? key;
    const err = firstError(
      needFloat(input, display),
      needRank(input, 3, display, "[B, T, d]"),
      a.embed_dim !== undefined ? needLast(input, a.embed_dim as Dim, display) : undefined,
      key !== input ? firstError(needFloat(key, `${display}'s key`), needRank(key, 3, `${display}'s key`, "[B, S, kdim]")) : undefined,
      value !== key ? firstError(needFloat(value, `${display}'s value`), needRank(value, 3, `${display}'s value`, "[B, S, vdim]")) : undefined,
    );
    if (err) return err;
    const [B, T, d] = input.shape;
    const S = key.shape[1];
    // kdim/vdim: given, they are checked; else the key's and value's last dimensions (torch's default is d).
    const kdim = (a.kdim as Dim | undefined) ?? key.shape[2];
    const vdim = (a.vdim as Dim | undefined) ?? value.shape[2];
    for (const [what, t, f] of [["key", key, kdim], ["value", value, vdim]] as const) {
      const name = what === "key" ? "kdim" : "vdim";
      if (!dimEq(t.shape[0], B) || !dimEq(t.shape[2], f) || !dimEq(t.shape[1], S))
        return fail(`${display}: ${what} must be [B, S, ${name}] = ${showShape([B, S, f])} for a query ${showShape(input.shape)}${what === "value" ? " and key " + showShape(key.shape) : ""}, found ${showShape(t.shape)}`);
    }
    const merr = checkMasks(ops, B, T, S, display);
    if (merr) return merr;
    const h = a.num_heads as number;
    if (!Number.isInteger(h) || h < 1) return fail(`${display}: num_heads must be a positive integer`, "DL3005");
    // A symbolic size (a layer checked before any model instantiates it) is
    // decided per instantiation, where it is a number.
    if (typeof d === "number" && divDims(d, h) === undefined)
      return fail(`${display}: embedding size ${d} is not divisible by num_heads = ${h}`);
    const p = a.dropout as number;
    if (!(p >= 0 && p < 1)) return fail(`${display}: dropout must be in [0, 1)`, "DL3005");
    return { type: input, args: { ...a, embed_dim: d, kdim, vdim } };
  },
  params(a) {
    const d = a.embed_dim as Dim;
    const d3 = typeof d === "number" ? 3 * d : `3*${d}`;
    const [kdim, vdim] = [(a.kdim as Dim | undefined) ?? d, (a.vdim as Dim | undefined) ?? d];
    // torch packs q, k, v into in_proj_weight only when kdim = vdim = embed_dim (init xavier_uniform_ on each).
    const ps: ParamDecl[] =
      dimEq(kdim, d) && dimEq(vdim, d)
        ? [f32("in_proj_weight", [d3, d], xavierUniform(num(d), 3 * num(d)))]
        : [
            f32("q_proj_weight", [d, d], xavierUniform(num(d), num(d))),
            f32("k_proj_weight", [d, kdim], xavierUniform(num(kdim), num(d))),
            f32("v_proj_weight", [d, vdim], xavierUniform(num(vdim), num(d))),
          ];
    if (a.bias !== false) ps.push(f32("in_proj_bias", [d3], ZEROS));
    ps.push(f32("out_proj.weight", [d, d], kaimingUniform(num(d))));
    if (a.bias !== false) ps.push(f32("out_proj.bias", [d], ZEROS));
    return ps;
  },
};
