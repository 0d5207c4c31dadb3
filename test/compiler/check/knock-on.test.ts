// One mistake, one diagnostic: errors that used to drag unrelated follow-up
// errors along, and mistakes a PyTorch user makes that deserve a suggestion.

import { describe, expect, it } from "vitest";
import { checkSources } from "./helpers";

const messages = (src: string) => checkSources(src).diagnostics.map((d) => `${d.code} ${d.message}`);

describe("no knock-on errors", () => {
  it("one bad argument of concat is the only error (not also 'dim is given twice')", () => {
    expect(messages("model M {\n  input x: f32[batch, 4]\n  output y = concat(x, x -> Linear(3, 2), dim: 1)\n}\n")).toEqual([
      "DL3001 Linear(3, 2) expects [.., 3] but receives [batch, 4]: last dimension is 4, not 3",
    ]);
  });

  it("an output that fails to check is not also an unknown name in the train block; a misspelt one still is", () => {
    const src = (loss: string) =>
      `model M {\n  input x: f32[batch, 784]\n  output logits = x -> Linear(5, 3)\n}\n` +
      `train M {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(${loss}, data.label)\n  optimizer = Adam()\n}\n`;
    expect(messages(src("logits"))).toEqual(["DL3001 Linear(5, 3) expects [.., 5] but receives [batch, 784]: last dimension is 784, not 5"]);
    expect(messages(src("logitz"))).toContain("DL2001 unknown name 'logitz'; did you mean 'logits'?");
  });
});

describe("a syntax error inside a layer is the only error about that layer", () => {
  it("an unnamed output: no 'takes 0 inputs', 'has no output' or 'never used' at its call site, and a hint for the syntax", () => {
    const src = "layer Block(c: int) {\n  output = Conv2d(c, 3, kernel: 3) -> ReLU\n}\nmodel M {\n  input x: f32[batch, 1, 28, 28]\n  output y = x -> Block(16)\n}\n";
    expect(messages(src)).toEqual([
      "DL1004 expected name but found '='; 'output' is followed by the name it declares, as in `output y = x -> Linear(10)`",
    ]);
  });

  it("the same layer without the syntax error still reports its arity and output at the call site", () => {
    const src = "layer Block(c: int) {\n  h = c\n}\nmodel M {\n  input x: f32[batch, 4]\n  output y = x -> Block(16)\n}\n";
    expect(messages(src)).toEqual(expect.arrayContaining(["DL2006 Block takes 0 inputs but receives 1", "DL3009 Block has no output"]));
  });

  it("an unnamed input gets the hint; a suggestion keeps the written case", () => {
    expect(messages("model M {\n  input : f32[4]\n  output y = x\n}\n")).toEqual([
      "DL1004 expected name but found ':'; 'input' is followed by the name it declares, as in `input x: f32[batch, 784]`",
      "DL2001 unknown name 'x'",
    ]);
    expect(messages("model M {\n  input x: f32[4, 8]\n  output y = x -> linear(10)\n}\n")).toEqual([
      "DL2003 unknown layer or function 'linear'; did you mean 'Linear'?",
    ]);
  });
});

describe("an error inside a layer body points at the call site", () => {
  it("names the application whose hyperparameters broke the body", () => {
    const r = checkSources(
      "layer L(n: int) {\n  input x: f32[B, d]\n  h = x -> Linear(8)\n  output y = h -> Linear(n, 4)\n}\n" +
        "model M {\n  input x: f32[batch, 4]\n  output y = x -> L(8) -> L(3)\n}\n",
    );
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    const src = r.files.get("main.dlnet")!.source;
    expect(src.slice(d.span)).toBe("Linear(n, 4)");
    expect(d.related?.map((x) => [x.message, src.slice(x.span)])).toEqual([["in L(3), applied here", "L(3)"]]);
  });

  it("nested layers list every application, innermost first; warnings carry no note", () => {
    const r = checkSources(
      "layer In(n: int) {\n  input x: f32[B, d]\n  output y = x -> Linear(n, 2)\n}\n" +
        "layer Out(n: int) {\n  input x: f32[B, d]\n  unused = x * 2.0\n  output y = x -> In(n)\n}\n" +
        "model M {\n  input x: f32[batch, 4]\n  output y = x -> Out(5)\n}\n",
    );
    const err = r.diagnostics.find((d) => d.severity === "error")!;
    expect(err.related?.map((x) => x.message)).toEqual(["in In(n), applied here", "in Out(5), applied here"]);
    const warn = r.diagnostics.find((d) => d.code === "DL2010")!;
    expect(warn.related).toBeUndefined();
  });
});

describe("suggestions for a PyTorch user", () => {
  it("bias: False suggests false", () => {
    const r = checkSources("model M {\n  input x: f32[batch, 4]\n  output y = x -> Linear(3, bias: False)\n}\n");
    expect(r.diagnostics.map((d) => d.message)).toEqual(["unknown name 'False'; did you mean 'false'?"]);
    expect(r.diagnostics[0].fixes?.[0].newText).toBe("false");
  });

  it("LSTM(hidden: 32) suggests hidden_size, and is the only error", () => {
    expect(messages("model M {\n  input x: f32[batch, T, 4]\n  output y = x -> LSTM(hidden: 32)\n}\n")).toEqual([
      "DL2004 LSTM has no argument 'hidden'; did you mean 'hidden_size'? (arguments: hidden_size, num_layers, input_size, bias, bidirectional, dropout)",
    ]);
  });
});

describe("f16", () => {
  it("is refused with a clear diagnostic and a fix, never silently computed in f32", () => {
    const r = checkSources("model M {\n  input x: f16[batch, 4]\n  output y = x -> Linear(3)\n}\n");
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "DL3003 f16 is not supported: dlnet computes and exports floats as f32; declare f32 (f16 data files are widened to f32 when loaded)",
    ]);
    expect(r.diagnostics[0].fixes?.[0].newText).toBe("f32");
  });
});
