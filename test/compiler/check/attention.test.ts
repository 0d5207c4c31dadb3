// MultiHeadAttention's call operands: cross-attention (key, value), attn_mask,
// key_padding_mask, and what is said when they do not fit (values are checked
// against torch's own attention in test/compiler/lower/vocab-torch.test.ts).

import { describe, expect, it } from "vitest";
import { checkSources } from "./helpers";

const net = (body: string, out: string) =>
  `model Net {\n  input x: f32[batch, 5, 8]\n  input m: f32[batch, 3, 8]\n  input pad: bool[batch, 3]\n  attn = MultiHeadAttention(heads: 2)\n${body}\n  output y = ${out}\n}\n`;

const errors = (body: string, out: string) =>
  checkSources(net(body, out))
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);

describe("MultiHeadAttention operands", () => {
  it("accepts self-attention, cross-attention and both masks", () => {
    expect(errors("", "x -> attn")).toEqual([]);
    expect(errors("", "attn(x, m)")).toEqual([]);
    expect(errors("", "x -> attn(m, m)")).toEqual([]);
    expect(errors("  am = arange(3) > unsqueeze(arange(5), 1)", "attn(x, m, attn_mask: f32(am) * -1e9, key_padding_mask: pad)")).toEqual([]);
    expect(errors("  am = arange(3) > unsqueeze(arange(5), 1)", "attn(x, m, attn_mask: am) + MultiHeadAttention(heads: 4, causal: true)(x, m, key_padding_mask: pad)")).toEqual([]);
    // Keys and values of other sizes (torch's kdim/vdim, inferred): separate q/k/v projection weights.
    const kv = checkSources(net("  k = m[:, :, 0:4]", "attn(x, k, m[:, :, 0:6])"));
    expect(kv.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(kv.elaborate("Net")!.parameters.map((p) => [p.path, p.shape])).toEqual([
      ["attn.q_proj_weight", [8, 8]], ["attn.k_proj_weight", [8, 4]], ["attn.v_proj_weight", [8, 6]],
      ["attn.in_proj_bias", [24]], ["attn.out_proj.weight", [8, 8]], ["attn.out_proj.bias", [8]],
    ]);
    const r = checkSources(net("", "attn(x, m, key_padding_mask: pad)"));
    expect(r.elaborate("Net")!.outputs[0].type.shape).toEqual(["batch", 5, 8]);
  });

  it("says which operand does not fit, with the shapes", () => {
    expect(errors("  k = m[:, :, 0:4]", "MultiHeadAttention(heads: 2, kdim: 8)(x, k)")[0]).toMatch(/^DL3001 .*key must be \[B, S, kdim\] = \[batch, 3, 8\] for a query \[batch, 5, 8\], found \[batch, 3, 4\]/);
    expect(errors("", "attn(x, m, x)")[0]).toMatch(/value must be \[B, S, vdim\] = \[batch, 3, 8\] for a query \[batch, 5, 8\] and key \[batch, 3, 8\], found \[batch, 5, 8\]/);
    expect(errors("", "attn(x, m, key_padding_mask: pad[:, 0:2])")[0]).toMatch(/key_padding_mask must be \[B, S\] = \[batch, 3\], found \[batch, 2\]/);
    expect(errors("", "attn(x, m, key_padding_mask: f32(pad))")[0]).toMatch(/^DL3003 .*key_padding_mask must be bool/);
    expect(errors("", "attn(x, attn_mask: pad)")[0]).toMatch(/attn_mask must be \[T, S\] = \[5, 5\] or \[B, T, S\] = \[batch, 5, 5\], found \[batch, 3\]/);
    expect(errors("", "attn(x, attn_mask: i32(arange(5)))")[0]).toMatch(/^DL3003 .*attn_mask must be bool .* or f32/);
  });

  it("names the operands it takes: unknown keyword, too many, twice", () => {
    expect(errors("", "attn(x, m, key_pading_mask: pad)")).toEqual([
      "DL2004 MultiHeadAttention has no operand 'key_pading_mask'; did you mean 'key_padding_mask'? (it takes key, value, attn_mask, key_padding_mask)",
    ]);
    expect(errors("", "attn(x, m, m, m)")).toEqual(["DL2006 MultiHeadAttention takes 1 to 3 inputs (input, key, value) but receives 4"]);
    expect(errors("", "attn(x, m, key: m)")).toEqual(["DL2006 MultiHeadAttention's 'key' is given twice"]);
    expect(errors("", "LayerNorm(x, m)")[0]).toMatch(/LayerNorm takes one input but receives 2/);
    expect(errors("", "Linear(8)(x, bias: m)")[0]).toMatch(/^DL2004 Linear has no operand 'bias'/);
  });
});
