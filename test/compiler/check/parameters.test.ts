// Parameters as values: `tok.weight`, `fc.bias`, `attn.out_proj.weight`,
// `block.attn.q.weight`, a user layer's `param`, `.T`; weight tying keeps one
// parameter; the errors say what is wrong and where.

import { describe, expect, it } from "vitest";
import { checkSources } from "./helpers";
import { lowerModel } from "../../../src/compiler/lower/index";

const messages = (src: string) =>
  checkSources(src)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);

const gpt = (extra = "", out = "h @ tok.weight.T") => `
layer Block(d: int) {
  input x: f32[B, T, d]
  attn = MultiHeadAttention(heads: 2, causal: true)
  q = Linear(d)
  output y = x + (x -> attn) + (x -> q)
}
model GPT(vocab: int = 11, d: int = 8, ctx: int = 4) {
  input tokens: i32[batch, ctx]
  tok = Embedding(vocab, d)
  blk = Block(d)
  h = (tokens -> tok) -> blk -> LayerNorm
${extra}
  output logits = ${out}
}
`;

describe("parameters as values", () => {
  it("a tied output projection reads the embedding's one parameter", () => {
    const r = checkSources(gpt());
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const m = r.elaborate("GPT")!;
    expect(m.outputs[0].type).toEqual({ dtype: "f32", shape: ["batch", 4, 11] });
    // One tok.weight, no output Linear.
    expect(m.parameters.filter((p) => p.path.startsWith("tok.")).map((p) => p.path)).toEqual(["tok.weight"]);
    const g = lowerModel(m, { mode: "eval" }).graph;
    expect(g.inputs.filter((i) => i.name === "tok.weight")).toHaveLength(1);
  });

  it("reads nested parameters: a built-in's sub-module, a user layer's child, a user param", () => {
    const r = checkSources(gpt("  a = blk.attn.out_proj.weight\n  b = blk.q.bias\n  c = blk.attn.in_proj_weight", "h @ tok.weight.T + sum(a) + sum(b) + sum(c)"));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const m = r.elaborate("GPT")!;
    expect(m.parameters.map((p) => p.path)).toContain("blk.attn.out_proj.weight");
    const p = checkSources(`layer S {\n  input x: f32[B, 4]\n  param g: f32[4] = ones\n  output y = x * g\n}\nmodel Net {\n  input x: f32[batch, 4]\n  s = S\n  h = x -> s\n  output y = h + s.g\n}\n`);
    expect(p.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(p.elaborate("Net")!.parameters.map((q) => q.path)).toEqual(["s.g"]);
  });

  it("an unknown parameter suggests the real ones", () => {
    expect(messages(gpt("", "h @ tok.wieght.T"))).toEqual([
      "DL2001 'tok' has no parameter 'wieght'; did you mean 'weight'? (Embedding has 'weight')",
    ]);
    expect(messages(gpt("", "h @ blk.attn.out_proj.weigth"))).toEqual([
      "DL2001 'blk.attn.out_proj' has no parameter 'weigth'; did you mean 'weight'? (MultiHeadAttention has 'weight', 'bias')",
    ]);
    expect(messages(gpt("", "h @ blk.atn.in_proj_weight.T"))).toEqual([
      "DL2001 'blk' has no layer or parameter 'atn'; did you mean 'attn'? (layer Block has 'attn', 'q')",
    ]);
  });

  it("a parameter of a layer not applied yet, or of an unnamed layer, says why", () => {
    const early = messages(`model Net {\n  input x: f32[batch, 4]\n  fc = Linear(3)\n  w = fc.weight\n  h = x -> fc\n  output y = h + sum(w)\n}\n`);
    expect(early).toHaveLength(1);
    expect(early[0]).toMatch(/^DL3006 fc\.weight does not exist yet: 'fc' has not been applied, and its parameters' shapes depend on its input; apply it first/);
    const user = messages(gpt("  w = blk.q.weight", "h @ tok.weight.T").replace("  h = (tokens -> tok) -> blk -> LayerNorm\n  w = blk.q.weight", "  w = blk.q.weight\n  h = (tokens -> tok) -> blk -> LayerNorm + sum(w)"));
    expect(user).toHaveLength(1);
    expect(user[0]).toMatch(/^DL3006 'blk' has not been applied yet, so its layers and parameters do not exist/);
    expect(messages(`model Net {\n  input x: f32[batch, 4]\n  output y = x @ Linear(4).weight\n}\n`)).toEqual([
      "DL3009 '.weight' of an unnamed layer: name the instance and apply it (fc = Linear(10); h = x -> fc), then read fc.weight",
    ]);
  });

  it(".T transposes a 2-d tensor and is refused on other ranks", () => {
    expect(messages(`model Net {\n  input x: f32[batch, 4]\n  input w: f32[3, 4]\n  output y = x @ w.T\n}\n`)).toEqual([]);
    expect(messages(`model Net {\n  input x: f32[batch, 4]\n  output y = x.T\n}\n`)).toEqual([]);
    expect(messages(`model Net {\n  input x: f32[batch, 2, 4]\n  output y = x.T\n}\n`)[0]).toMatch(/^DL3002 \.T needs a 2-d tensor, found \[batch, 2, 4\]/);
    expect(messages(`model Net {\n  input x: f32[batch, 4]\n  output y = x.shape\n}\n`)[0]).toMatch(/^DL3009 a tensor has no member '\.shape'/);
  });
});
