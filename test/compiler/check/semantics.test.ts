// Checking real programs: symbolic dims, broadcasting, user layers, repeat,
// weight sharing and naming, indexing, matmul, ops, imports, train blocks,
// and the semantic queries the language server uses.

import { describe, expect, it } from "vitest";
import type { CheckResult, ENode, ModelInstance } from "../../../src/compiler/check";
import type { Expr, LayerDecl, Node } from "../../../src/compiler/syntax/ast";
import { checkSources, codes } from "./helpers";

function model(src: string, name = "Net"): { r: CheckResult; m: ModelInstance } {
  const r = checkSources(src);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return { r, m: r.elaborate(name)! };
}

const outType = (src: string) => {
  const { m } = model(src);
  const t = m.outputs[0].type;
  return `${t.dtype}[${t.shape.join(", ")}]`;
};

const net = (inputs: string, out: string) => `model Net {\n${inputs}\n  output y = ${out}\n}\n`;

/** The body statement named `name` of the first declaration. */
function stmt(r: CheckResult, name: string, decl = 0) {
  const d = r.files.get("main.dlnet")!.program.decls[decl] as LayerDecl;
  return d.body.find((s) => s.name.name === name)!;
}

describe("shapes through expressions", () => {
  it("keeps symbolic dims and broadcasts 1s", () => {
    expect(outType(net("  input x: f32[batch, T, 64]\n  input b: f32[64]", "x + b"))).toBe("f32[batch, T, 64]");
    expect(outType(net("  input x: f32[B, T, 1]\n  input b: f32[T, 8]", "x * b"))).toBe("f32[B, T, 8]");
    const r = checkSources(net("  input x: f32[B, T]\n  input z: f32[B, S]", "x + z"));
    expect(r.diagnostics[0].message).toMatch(/\[B, T\] and \[B, S\] cannot be broadcast.*dimension -1 is T on the left and S on the right/);
  });

  it("scalars adopt the tensor's dtype; mixing dtypes is an error", () => {
    expect(outType(net("  input t: i32[B]", "t * 2 + 1"))).toBe("i32[B]");
    expect(codes(checkSources(net("  input t: i32[B]", "t * 0.5")))).toEqual(["DL3003"]);
    expect(codes(checkSources(net("  input t: i32[B]\n  input x: f32[B]", "t + x")))).toEqual(["DL3003"]);
    expect(outType(net("  input x: f32[B, 3]", "x > 0.0"))).toBe("bool[B, 3]");
  });

  it("@ is a batched matmul", () => {
    expect(outType(net("  input x: f32[B, T, 64]\n  input w: f32[64, 10]", "x @ w"))).toBe("f32[B, T, 10]");
    expect(outType(net("  input x: f32[B, T, 64]\n  input v: f32[64]", "x @ v"))).toBe("f32[B, T]");
    expect(outType(net("  input q: f32[B, T, 8]\n  input k: f32[B, 8, S]", "q @ k"))).toBe("f32[B, T, S]");
    const r = checkSources(net("  input x: f32[B, 64]\n  input w: f32[32, 10]", "x @ w"));
    expect(r.diagnostics[0].message).toMatch(/last dimension of \[B, 64\] \(64\).*\[32, 10\] \(32\)/);
  });

  it("indexes and slices", () => {
    expect(outType(net("  input x: f32[B, T, 128]", "x[:, -1]"))).toBe("f32[B, 128]");
    expect(outType(net("  input x: f32[B, T, 128]", "x[..., 0:64]"))).toBe("f32[B, T, 64]");
    expect(outType(net("  input x: f32[B, 10, 128]", "x[:, 2:8:2, 5]"))).toBe("f32[B, 3]");
    expect(outType(net("  input x: f32[B, T, 4]", "x[:, 0:16]"))).toBe("f32[B, 16, 4]");
    const { m } = model(net("  input x: f32[B, 10, 128]", "x[:, -1]"));
    const idx = m.outputs[0].value as Extract<ENode, { kind: "index" }>;
    expect(idx.items).toEqual([{ kind: "all" }, { kind: "at", index: 9 }, { kind: "all" }]);
    expect(codes(checkSources(net("  input x: f32[B, 4]", "x[:, :, 0]")))).toEqual(["DL3008"]);
  });

  it("functions as calls and as pipe stages, with keyword args", () => {
    expect(outType(net("  input x: f32[B, 10]", "x -> softmax(dim: -1) -> mean(dim: 1)"))).toBe("f32[B]");
    expect(outType(net("  input x: f32[B, 10]", "mean(x, dim: 0, keepdim: true)"))).toBe("f32[1, 10]");
    expect(outType(net("  input a: f32[B, 10]\n  input b: f32[B, 6]", "concat([a, b], dim: -1)"))).toBe("f32[B, 16]");
    expect(outType(net("  input a: f32[B, 10]\n  input b: f32[B, 6]", "a -> concat(b, dim: 1)"))).toBe("f32[B, 16]");
    expect(outType(net("  input x: f32[B, 10]", "split(x, 4, dim: 1)[2]"))).toBe("f32[B, 2]");
    expect(outType(net("  input x: f32[B, 10]", "max(x, 0.0) + where(x > 1.0, x, 0.0)"))).toBe("f32[B, 10]");
    expect(outType(net("  input x: f32[B, 2, 3]", "x -> transpose -> reshape(B, 6)"))).toBe("f32[B, 6]");
    const r = checkSources(net("  input x: f32[B, 10]", "x -> softmax(dimm: 1)"));
    expect(r.diagnostics[0].message).toMatch(/no argument 'dimm'; did you mean 'dim'\?/);
    const { m } = model(net("  input x: f32[B, 10, 3]", "sum(x, dim: -1)"));
    const call = m.outputs[0].value as Extract<ENode, { kind: "call" }>;
    expect(call.options.dim).toEqual([2]);
  });

  it("evaluates hyperparameter expressions at compile time", () => {
    const src = "model Net(d: int = 64, heads: int = 4, scale: float = 0.5) {\n  input x: f32[B, d]\n  output y = (x -> Linear(4 * d) -> Linear(d / heads) -> Linear(d * heads - 1)) * scale\n}\n";
    expect(outType(src)).toBe("f32[B, 255]");
    expect(codes(checkSources("model Net(d: int = 2.5) {\n  input x: f32[B, 3]\n  output y = x -> Linear(d)\n}\n"))).toEqual(["DL3005"]);
    expect(codes(checkSources("model Net(d: int = 64) {\n  input x: f32[B, 3]\n  output y = x -> Linear(d / 0)\n}\n"))).toEqual(["DL3006"]);
  });
});

describe("layers", () => {
  const block = "layer Block(d: int, p: float = 0.1) {\n  input x: f32[B, T, d]\n  h = x -> LayerNorm -> Linear(4 * d) -> GELU -> Linear(d)\n  output y = x + Dropout(p)(h)\n}\n";

  it("binds the caller's dims to the layer's input names and checks hyperparameter dims", () => {
    const { m } = model(block + net("  input x: f32[batch, 16, 32]", "x -> Block(32) -> Block(d: 32, p: 0.2)"));
    expect(m.outputs[0].type.shape).toEqual(["batch", 16, 32]);
    expect(m.parameters.map((p) => p.path)).toContain("block_1.linear_1.bias");
    expect(m.instances.get("block_1")!.kind === "user" && (m.instances.get("block_1") as { hparams: object }).hparams).toEqual({ d: 32, p: 0.2 });
    const bad = checkSources(block + net("  input x: f32[batch, 16, 32]", "x -> Block(64)"));
    expect(bad.diagnostics.map((d) => d.message)).toEqual(["Block(64) expects f32[B, T, 64] but receives f32[batch, 16, 32]: dimension 2 is 32, not 64"]);
  });

  it("repeat makes independent copies of a layer that maps a shape to itself", () => {
    const { m } = model(block + net("  input x: f32[batch, 16, 32]", "x -> repeat(3, Block(32)) as blocks"));
    expect(m.parameters.filter((p) => p.path.startsWith("blocks.")).length).toBe(3 * 6);
    expect(m.instances.get("blocks.2.linear_0")!.kind).toBe("builtin");
    const bad = checkSources(net("  input x: f32[B, 784]", "x -> repeat(2, Linear(10))"));
    expect(bad.diagnostics[0].message).toMatch(/repeat needs a layer that maps a shape to itself, but Linear\(10\) maps f32\[B, 784\] to f32\[B, 10\]/);
  });

  it("a named instance used twice is one instance (shared weights)", () => {
    const { m } = model("model Net {\n  input x: f32[B, 16]\n  fc = Linear(16)\n  output y = x -> fc -> relu -> fc\n}\n");
    expect(m.parameters.map((p) => `${p.path} [${p.shape}]`)).toEqual(["fc.weight [16,16]", "fc.bias [16]"]);
    const outer = m.outputs[0].value as Extract<ENode, { kind: "apply" }>;
    const inner = ((outer.input as Extract<ENode, { kind: "call" }>).args[0]) as Extract<ENode, { kind: "apply" }>;
    expect(outer.instance).toBe(inner.instance);
    expect(outer.instance.applications).toBe(2);
    const bad = checkSources("model Net {\n  input x: f32[B, 16]\n  fc = Linear(8)\n  output y = x -> fc -> fc\n}\n");
    expect(bad.diagnostics[0].message).toMatch(/last dimension is 8, not 16/);
  });

  it("as names an inline instance; pipe-layers bound to a name are containers", () => {
    const { m } = model("model Net {\n  input x: f32[B, 16]\n  mlp = Linear(32) -> gelu -> Linear(16)\n  output y = x -> Linear(16) as fc1 -> mlp -> mlp\n}\n");
    // In creation order: `mlp` is instantiated at its binding, before the output.
    expect(m.parameters.map((p) => p.path)).toEqual(["mlp.linear_0.weight", "mlp.linear_0.bias", "mlp.linear_1.weight", "mlp.linear_1.bias", "fc1.weight", "fc1.bias"]);
    expect(m.instances.get("mlp")!.kind).toBe("sequential");
  });

  it("a layer called on tensors is applied: LayerNorm(x), Block(x)", () => {
    const src = "layer Res {\n  input x: f32[B, n]\n  output y = x + relu(LayerNorm(x))\n}\n" + net("  input x: f32[B, 8]", "Res(x) + Dropout(0.1)(x)");
    const { m } = model(src);
    expect(m.parameters.map((p) => p.path)).toEqual(["res_0.layer_norm_0.weight", "res_0.layer_norm_0.bias"]);
    expect(outType(net("  input x: f32[B, 8]", "LayerNorm(x) -> Linear(4)"))).toBe("f32[B, 4]");
    expect(outType(net("  input x: f32[B, 8]", "LayerNorm(x * 2.0 + 1.0) -> Linear(4)"))).toBe("f32[B, 4]");
  });

  it("PositionalEmbedding as a value broadcasts over the batch", () => {
    expect(outType("model Net {\n  input t: i32[B, 8]\n  output y = (t -> Embedding(50, 16)) + PositionalEmbedding(8, 16)\n}\n")).toBe("f32[B, 8, 16]");
  });

  it("params in user layers", () => {
    const src = "layer Scale(d: int) {\n  input x: f32[B, d]\n  param g: f32[d] = ones\n  param w: f32[d, d] = normal(0.02)\n  output y = (x @ w) * g\n}\n" + net("  input x: f32[B, 8]", "x -> Scale(8) as s");
    const { m } = model(src);
    expect(m.parameters.map((p) => `${p.path} ${p.init.kind}`)).toEqual(["s.g ones", "s.w normal"]);
    expect(codes(checkSources(src.replace("normal(0.02)", "norml(0.02)")))).toEqual(["DL2001"]);
  });

  it("a layer no model uses is still checked, with symbolic hyperparameters", () => {
    const r = checkSources(block.replace("Linear(d)", "Linear(dd)"));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["DL2001"]);
    const ok = checkSources(block);
    expect(ok.diagnostics).toEqual([]);
    const h = stmt(ok, "h");
    expect(ok.typeOf(h.name)).toEqual({ dtype: "f32", shape: ["B", "T", "d"] });
  });

  it("a generic check does not report what it cannot decide about derived sizes", () => {
    const heads = "layer Heads(d: int, h: int) {\n  input x: f32[B, T, d]\n  output y = x -> Reshape(T, h, d / h) -> Reshape(T, d)\n}\n";
    expect(checkSources(heads).diagnostics).toEqual([]);
    const wrong = "layer Wrong(d: int) {\n  input x: f32[B, d]\n  output y = x + (x -> Linear(2 * d))\n}\n";
    expect(checkSources(wrong).diagnostics.map((d) => d.message)).toEqual([
      "shapes [B, d] and [B, 2*d] cannot be broadcast for '+': dimension -1 is d on the left and 2*d on the right",
    ]);
    const lib = "layer Down(ch: int, k: int, n: int) {\n  input x: f32[B, ch, H, W]\n  h = x -> Conv2d(ch, kernel: k, padding: k / 2) -> MaxPool2d(k) -> mean(dim: [2, 3])\n  output y = h + (h -> LSTM(n, n) -> mean(dim: 1))[..., 0:1]\n}\n";
    expect(checkSources(lib).diagnostics).toEqual([]);
    // Instantiated, the same layers are checked with real sizes.
    expect(checkSources(heads + net("  input x: f32[B, 8, 12]", "x -> Heads(12, 4)")).diagnostics).toEqual([]);
    expect(checkSources(heads + net("  input x: f32[B, 8, 12]", "x -> Heads(12, 5)")).diagnostics.map((d) => d.message)).toEqual(["12 / 5 is not an integer (int division must be exact)"]);
  });

  it("user ops: elementwise body, grads with dy, applied as stage or call", () => {
    const op = "op smul(x, y) = x * sigmoid(y) {\n  grad x = dy * sigmoid(y)\n  grad y = dy * x * sigmoid(y) * (1 - sigmoid(y))\n}\n";
    const { m } = model(op + net("  input a: f32[B, 8]\n  input b: f32[8]", "a -> smul(b)"));
    const e = m.outputs[0].value as Extract<ENode, { kind: "op" }>;
    expect(e.kind).toBe("op");
    expect(e.type.shape).toEqual(["B", 8]);
    expect(e.grads.map((g) => g?.type.shape)).toEqual([["B", 8], ["B", 8]]);
    expect(codes(checkSources(op.replace("grad y", "grad z") + net("  input a: f32[B]", "smul(a, a)")))).toEqual(["DL2001"]);
    expect(codes(checkSources(op + net("  input a: f32[B]", "smul(a)")))).toEqual(["DL2005"]);
    expect(codes(checkSources("op bad(x) = softmax(x)\n"))).toEqual(["DL3009"]);
    expect(codes(checkSources("op bad(x, w) = x @ w\n"))).toEqual(["DL3009"]);
    expect(codes(checkSources("op bad(x) = x[0]\n"))).toEqual(["DL3009"]);
  });

  it("reports recursion in layers and ops instead of hanging", () => {
    const rec = checkSources("layer L {\n  input x: f32[B]\n  output y = L(x) + L(x)\n}\n" + net("  input x: f32[B]", "x -> L"));
    expect(codes(rec)).toEqual(["DL3006", "DL3006"]);
    expect(codes(checkSources("op f(x) = g(x) * 2.0\nop g(x) = f(x)\n"))).toEqual(["DL3006"]);
  });

  it("never throws on error nodes and reports nothing for what it cannot see", () => {
    const r = checkSources("model Net {\n  input x: f32[B, 8]\n  output y = x -> \n}\n");
    expect(r.diagnostics.every((d) => d.code.startsWith("DL1"))).toBe(true);
    expect(r.elaborate("Net")).toBeUndefined();
  });
});

describe("imports", () => {
  const lib = "layer Block(d: int) {\n  input x: f32[B, d]\n  output y = x -> Linear(d) -> relu\n}\nop sq(x) = x * x\n";

  it("resolves names across files, relative to the importing file", () => {
    const r = checkSources({
      "app/main.dlnet": `import "../lib/blocks.dlnet"\n` + net("  input x: f32[B, 8]", "x -> Block(8) -> sq"),
      "lib/blocks.dlnet": lib,
    }, "app/main.dlnet");
    expect(r.diagnostics).toEqual([]);
    expect([...r.files.keys()].sort()).toEqual(["app/main.dlnet", "lib/blocks.dlnet"]);
    const m = r.elaborate("Net")!;
    expect(m.parameters.map((p) => p.path)).toEqual(["block_0.linear_0.weight", "block_0.linear_0.bias"]);
    // Go to definition of `Block` lands in the library.
    const main = r.files.get("app/main.dlnet")!.program.decls[0] as LayerDecl;
    const out = main.body[1] as { value: Expr };
    const stage = (out.value as Extract<Expr, { kind: "Pipe" }>).stages[1] as Extract<Expr, { kind: "Call" }>;
    expect(r.definitionOf(stage.callee)).toEqual({ file: "lib/blocks.dlnet", span: (r.files.get("lib/blocks.dlnet")!.program.decls[0] as LayerDecl).name.span });
  });

  it("reports errors inside an imported layer in that file", () => {
    const r = checkSources({ "main.dlnet": `import "blocks.dlnet"\n` + net("  input x: f32[B, 8]", "x -> Block(8)"), "blocks.dlnet": lib.replace("relu", "rleu") });
    expect(r.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(["blocks.dlnet DL2003"]);
  });
});

describe("semantic queries", () => {
  const src = "model Net(d: int = 16) {\n  input x: f32[B, 8]\n  h = x -> Linear(d) -> relu\n  output y = h + h\n}\n";

  it("typeOf answers for stages, bindings and names", () => {
    const r = checkSources(src);
    const h = stmt(r, "h") as Extract<Node, { kind: "Bind" }>;
    expect(r.typeOf(h.name)).toEqual({ dtype: "f32", shape: ["B", 16] });
    const pipe = h.value as Extract<Expr, { kind: "Pipe" }>;
    expect(r.typeOf(pipe.stages[0])).toEqual({ dtype: "f32", shape: ["B", 8] });
    expect(r.typeOf(pipe.stages[1])).toEqual({ dtype: "f32", shape: ["B", 16] });
  });

  it("definitionOf and referencesOf", () => {
    const r = checkSources(src);
    const h = stmt(r, "h");
    const y = stmt(r, "y") as Extract<Node, { kind: "Output" }>;
    const use = (y.value as Extract<Expr, { kind: "Binary" }>).left;
    expect(r.definitionOf(use)).toEqual({ file: "main.dlnet", span: h.name.span });
    const refs = r.referencesOf(use);
    expect(refs.length).toBe(3);
    expect(refs[0].span).toEqual(h.name.span);
    const text = r.files.get("main.dlnet")!.source.text;
    const dUse = text.indexOf("Linear(d)") + 7;
    const d = (r.files.get("main.dlnet")!.program.decls[0] as LayerDecl).hparams[0];
    expect(r.referencesOf(d.name).map((x) => x.span.start)).toEqual([d.name.span.start, dUse]);
  });
});

describe("more queries and options", () => {
  it("builtinOf, declaration names in references, elaborate with concrete inputs", () => {
    const src = "layer Twice {\n  input x: f32[B, T, n]\n  output y = x -> LSTM(8)\n}\nmodel Net {\n  input x: f32[B, T, 4]\n  output y = x -> Twice -> relu\n}\n";
    const r = checkSources(src);
    expect(r.diagnostics).toEqual([]);
    const decls = r.files.get("main.dlnet")!.program.decls as LayerDecl[];
    const out = decls[1].body[1] as Extract<Node, { kind: "Output" }>;
    const stages = (out.value as Extract<Expr, { kind: "Pipe" }>).stages;
    expect(r.builtinOf(stages[2])?.name).toBe("relu");
    expect(r.builtinOf(stages[1])).toBeUndefined();
    expect(r.definitionOf(stages[1])?.span).toEqual(decls[0].name.span);
    expect(r.referencesOf(decls[0].name).map((x) => x.span.start)).toEqual([decls[0].name.span.start, stages[1].span.start]);
    expect(r.elaborate("Net")!.outputs[0].type.shape).toEqual(["B", "T", 8]);
    const m = r.elaborate("Net", {}, { inputs: { x: { dtype: "f32", shape: ["B", 16, 4] } } })!;
    expect(m.outputs[0].type.shape).toEqual(["B", 16, 8]);
    expect(r.elaborateWithDiagnostics("Net", {}, { inputs: { x: { dtype: "f32", shape: ["B", 16, 5] } } }).diagnostics.map((d) => d.code)).toEqual(["DL3001"]);
  });

  it("warns when a binding shadows a built-in", () => {
    const r = checkSources(net("  input x: f32[B, 4]\n  relu = x * 2.0", "relu"));
    expect(codes(r)).toEqual(["DL2012"]);
  });
});

describe("train blocks", () => {
  const mlp = "model Net {\n  input x: f32[batch, 3]\n  output y = x -> Linear(16) as body -> relu -> Linear(1) as head\n}\n";
  it("csv columns from the file, freeze, clip, accumulate", () => {
    const r = checkSources({
      "main.dlnet": mlp + "train Net {\n  data = csv(\"data/houses.csv\", label: \"cost\")\n  feed x = data.features\n  loss = mse(y, y)\n  optimizer = SGD(lr: 0.01, momentum: 0.9)\n}\n",
      "data/houses.csv": "rooms,area,age,price\n3,120,10,300\n",
    });
    expect(r.diagnostics.map((d) => d.message)).toContain("the CSV has no column 'cost' (columns: rooms, area, age, price)");
    const ok = checkSources({
      "main.dlnet": mlp + "train Net {\n  data = csv(\"data/houses.csv\", label: \"price\")\n  feed x = data.features\n  loss = mse(y, reshape(data.label, batch, 1))\n  optimizer = SGD(lr: 0.01, momentum: 0.9)\n  freeze = [body]\n  clip = 1.0\n  accumulate = 4\n  save_every = 1\n  init = \"w.safetensors\"\n}\n",
      "data/houses.csv": "rooms,area,age,price\n3,120,10,300\n",
      "w.safetensors": "x",
    });
    expect(ok.diagnostics).toEqual([]);
    const t = ok.elaborateTrain("Net")!;
    expect(t.data.path).toBe("data/houses.csv");
    expect(t.data.fields).toEqual({ features: { dtype: "f32", shape: [3] }, label: { dtype: "f32", shape: [] } });
    expect(t.freeze).toEqual(["body"]);
    expect(t.frozenParams).toEqual(["body.weight", "body.bias"]);
    expect([t.clip, t.accumulate, t.saveEvery, t.init]).toEqual([1, 4, 1, "w.safetensors"]);
  });

  it("text data binds the model's sequence dim", () => {
    const r = checkSources({
      "main.dlnet": "model Lm {\n  input tokens: i32[batch, T]\n  output logits = tokens -> Embedding(96, 32) -> GRU(64) -> Linear(96)\n}\ntrain Lm {\n  data = text(\"corpus.txt\", context: 32)\n  feed tokens = data.tokens\n  loss = cross_entropy(logits, data.targets)\n  optimizer = AdamW(lr: 3e-4, betas: [0.9, 0.95])\n  schedule = warmup(steps: 100)\n}\n",
      "corpus.txt": "hello",
    });
    expect(r.diagnostics).toEqual([]);
    const t = r.elaborateTrain("Lm")!;
    expect(t.model.outputs[0].type.shape).toEqual(["batch", 32, 96]);
    expect(t.optimizer.args.betas).toEqual([0.9, 0.95]);
  });

  it("tensors data: fields from the safetensors header", () => {
    const header = JSON.stringify({ x: { dtype: "F32", shape: [100, 3], data_offsets: [0, 1200] }, y: { dtype: "I64", shape: [100], data_offsets: [1200, 2000] } });
    const file = "\u0000".repeat(8) + header + "\u0001\u0002";
    const r = checkSources({
      "main.dlnet": mlp.replace("Linear(1)", "Linear(4)") + "train Net {\n  data = tensors(\"d.safetensors\")\n  feed x = data.x\n  loss = cross_entropy(y, data.y)\n  optimizer = Adam()\n}\n",
      "d.safetensors": file,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.elaborateTrain("Net")!.data.fields).toEqual({ x: { dtype: "f32", shape: [3] }, y: { dtype: "i32", shape: [] } });
    expect(codes(checkSources({ "main.dlnet": mlp + "train Net {\n  data = tensors(\"d.safetensors\")\n  feed x = data.z\n  loss = mse(y, y)\n  optimizer = Adam()\n}\n", "d.safetensors": file }))).toEqual(["DL4005"]);
  });

  it("names in the loss link to the model's outputs", () => {
    const r = checkSources(mlp + "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = mse(y, y)\n  optimizer = Adam()\n}\n");
    const decls = r.files.get("main.dlnet")!.program.decls;
    const out = (decls[0] as LayerDecl).body[1];
    const loss = (decls[1] as Extract<Node, { kind: "Train" }>).settings[2].value as Extract<Expr, { kind: "Call" }>;
    expect(r.definitionOf(loss.args[0].value)?.span).toEqual(out.name.span);
    expect(r.referencesOf(out.name).length).toBe(3);
  });

  it("loss must be a scalar; freeze names must exist", () => {
    const r = checkSources(mlp + "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = y\n  optimizer = Adam()\n  freeze = [bdy]\n}\n");
    expect(codes(r)).toEqual(expect.arrayContaining(["DL4004", "DL2001"]));
  });
});

describe("generic layers", () => {
  const block = "layer Block(d: int, heads: int = 4) {\n  input x: f32[B, T, d]\n  output y = x -> MultiHeadAttention(heads: heads, causal: true)\n}\n";

  it("leave an attention size that is still symbolic to the instantiation", () => {
    expect(codes(checkSources(block))).toEqual([]);
  });

  it("read a named built-in's parameters (made on the first read) as an instantiation does", () => {
    const layer = (read: string) => `layer Head(d: int) {\n  input x: f32[B, d]\n  fc = Linear(10)\n  h = x -> fc\n  output y = h + ${read}\n}\n`;
    const ok = checkSources(layer("fc.bias"));
    expect(ok.diagnostics).toEqual([]);
    const y = stmt(ok, "y") as Extract<ReturnType<typeof stmt>, { kind: "Output" }>;
    expect(ok.typeOf((y.value as Extract<Expr, { kind: "Binary" }>).right)).toEqual({ dtype: "f32", shape: [10] });
    // The weight's shape [10, d] stays symbolic here, so it is not made; it is declared all the same.
    expect(checkSources(layer("sum(fc.weight)")).diagnostics).toEqual([]);
    expect(checkSources(layer("fc.bais")).diagnostics.map((d) => d.message)).toEqual(["'fc' has no parameter 'bais'; did you mean 'bias'? (Linear has 'weight', 'bias')"]);
    const inst = checkSources(layer("fc.weight") + "model M {\n  input x: f32[batch, 10]\n  output y = x -> Head(10)\n}\n");
    expect(inst.diagnostics.map((d) => d.message)).toEqual([
      "shapes [batch, 10] and [10, 10] cannot be broadcast for '+': dimension -2 is batch on the left and 10 on the right",
    ]);
  });

  it("report it where an instantiation makes it indivisible", () => {
    const r = checkSources(block + "model M {\n  input x: f32[batch, 5, 130]\n  output y = x -> Block(130)\n}\n");
    expect(codes(r)).toEqual(["DL3001"]);
    expect(r.diagnostics[0].message).toContain("embedding size 130 is not divisible by num_heads = 4");
  });
});
