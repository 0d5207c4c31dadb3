// Recurrent initial states in (`gru(x, h0)`, `lstm(x, h0, c0)`) and final
// states out (`gru.h_n`, `lstm.c_n`): torch's [layers·directions, B, hidden]
// types, the same parameters as without them, and errors that say what is
// wrong and where. Values and gradients against torch.nn: vocab-torch.test.ts;
// ONNX Scan with states: codegen/onnx/recurrent.test.ts.

import { describe, expect, it } from "vitest";
import { checkSources } from "./helpers";

const model = (body: string) => `model M {
  input s: f32[batch, T, 7]
  input h: f32[4, batch, 5]
  input c: f32[4, batch, 5]
${body}
}
`;

const errors = (src: string) =>
  checkSources(src)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);

describe("recurrent states", () => {
  it("h0/c0 in and h_n/c_n out have torch's layout; the parameters are those of the layer alone", () => {
    const withStates = checkSources(model("  lstm = LSTM(5, num_layers: 2, bidirectional: true)\n  output y = lstm(s, h, c)\n  output hn = lstm.h_n\n  output cn = lstm.c_n"));
    expect(withStates.diagnostics).toEqual([]);
    const m = withStates.elaborate("M")!;
    expect(m.outputs.map((o) => [o.name, o.type])).toEqual([
      ["y", { dtype: "f32", shape: ["batch", "T", 10] }],
      ["hn", { dtype: "f32", shape: [4, "batch", 5] }],
      ["cn", { dtype: "f32", shape: [4, "batch", 5] }],
    ]);
    const plain = checkSources(model("  output y = s -> LSTM(5, num_layers: 2, bidirectional: true) as lstm")).elaborate("M")!;
    expect(m.parameters.map((p) => [p.path, p.shape])).toEqual(plain.parameters.map((p) => [p.path, p.shape]));
  });

  it("takes the initial state in a pipe (x -> gru(h0)) and by name (c0: c)", () => {
    expect(errors(model("  gru = GRU(5, num_layers: 4)\n  output y = s -> gru(h)\n  output hn = gru.h_n"))).toEqual([]);
    expect(errors(model("  lstm = LSTM(5, num_layers: 4)\n  output y = lstm(s, c0: c)\n  output cn = lstm.c_n"))).toEqual([]);
  });

  it("refuses a state of the wrong shape, c0 for a GRU, and an unknown state with a suggestion", () => {
    expect(errors(model("  output y = GRU(5)(s, h)"))).toEqual([
      "DL3001 GRU(5): h0 must be f32[1, batch, 5] ([num_layers·directions, B, hidden], as torch), found f32[4, batch, 5]",
    ]);
    expect(errors(model("  output y = GRU(5, num_layers: 4)(s, c0: c)"))[0]).toBe("DL2004 GRU has no operand 'c0'; did you mean 'h0'? (it takes h0)");
    expect(errors(model("  gru = GRU(5)\n  output y = s -> gru\n  output z = gru.hn"))).toEqual([
      "DL2001 'gru' has no parameter or state 'hn'; did you mean 'h_n'? (GRU has 'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'h_n')",
    ]);
  });

  it("h_n before the instance is applied, or of an instance applied twice, says why", () => {
    expect(errors(model("  gru = GRU(5)\n  e = gru.h_n\n  output y = (s -> gru) + sum(e)"))).toEqual([
      "DL3006 gru.h_n does not exist yet: 'gru' has not been applied; apply it first (h = x -> gru), then read gru.h_n",
    ]);
    expect(errors(model("  gru = GRU(5)\n  output y = (s -> gru) + (s -> gru)\n  output z = gru.h_n"))).toEqual([
      "DL3009 gru.h_n is ambiguous: 'gru' is applied 2 times (shared weights), and each application has its own h_n; use one instance per sequence whose state you read",
    ]);
  });
});
