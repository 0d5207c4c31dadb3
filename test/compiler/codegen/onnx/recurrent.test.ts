// Recurrent layers export as ONNX Scan loops, so a model whose sequence
// length T is symbolic exports once and runs in ONNX Runtime at any length.
// Oracle: the reference interpreter (which unrolls the same scan) at T = 7
// and T = 19 from one exported file; the reference's recurrent layers are in
// turn checked against a naive PyTorch-formula implementation
// (test/compiler/lower/layers.test.ts).

import { describe, expect, it } from "vitest";
import { checkFile } from "../../../../src/compiler/check/index";
import { exportOnnx } from "../../../../src/compiler/codegen/onnx/export";
import { onnxToText } from "../../../../src/compiler/codegen/onnx/text";
import { specialize } from "../../../../src/compiler/ir/graph";
import { initParams, lowerModel } from "../../../../src/compiler/lower/index";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import { maxRelDiff, randomData, runOrt } from "./ort";

function lowered(src: string) {
  const r = checkFile("tagger.dlnet", { readFile: (p) => (p === "tagger.dlnet" ? src : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const low = lowerModel(r.elaborate(r.models[0])!, { mode: "eval" });
  expect(low.diagnostics).toEqual([]);
  return low;
}

const CASES: Record<string, string> = {
  "GRU tagger": "tokens -> Embedding(20, 6) -> GRU(8) -> Linear(5)",
  "two-layer LSTM": "tokens -> Embedding(20, 6) -> LSTM(7, num_layers: 2) -> Linear(5)",
  "RNN with relu, no bias": "tokens -> Embedding(20, 6) -> RNN(8, nonlinearity: \"relu\", bias: false) -> Linear(5)",
  // the backward direction is a Scan with scan_input_directions = 1 (last step first)
  "bidirectional GRU tagger": "tokens -> Embedding(20, 6) -> GRU(8, bidirectional: true) -> Linear(5)",
  "two-layer bidirectional LSTM with dropout": "tokens -> Embedding(20, 6) -> LSTM(7, num_layers: 2, bidirectional: true, dropout: 0.25) -> Linear(5)",
};

describe("recurrent layers with a symbolic sequence length in ONNX Runtime", () => {
  for (const [name, chain] of Object.entries(CASES)) {
    it(`${name}: one file, T = 7 and T = 19`, async () => {
      const low = lowered(`model Tagger {\n  input tokens: i32[batch, T]\n  output tags = ${chain}\n}\n`);
      expect(low.graph.output("tags").shape).toEqual(["batch", "T", 5]);
      const params = initParams(low.params, 3);
      const { bytes, diagnostics } = exportOnnx(low.graph, { params, name: "Tagger" });
      expect(diagnostics).toEqual([]);
      const text = onnxToText(bytes);
      expect(text).toContain("Scan[");
      if (name.includes("bidirectional")) expect(text).toContain("scan_input_directions = [1]");
      expect(text).toContain("%tokens[INT32, batch x T]");
      for (const [batch, T] of [[2, 7], [3, 19]]) {
        const tokens = { dtype: "i32" as const, shape: [batch, T], data: Int32Array.from(randomData(batch * T, T, 0, 19.99), Math.floor) };
        const got = await runOrt(bytes, { tokens });
        const want = runReference(specialize(low.graph, { batch, T }), { tokens, ...Object.fromEntries(params) });
        expect(got.tags.shape).toEqual([batch, T, 5]);
        const diff = maxRelDiff(got.tags.data, want.tags.data);
        console.log(`${name}: T = ${T}, batch ${batch}: max relative difference ORT vs reference ${diff.toExponential(2)}`);
        expect(diff).toBeLessThan(1e-4);
      }
    });
  }
});

describe("recurrent initial and final states in ONNX Runtime", () => {
  it("a 2-layer bidirectional LSTM from (h0, c0) to (y, h_n, c_n): one file, T = 7 and T = 19", async () => {
    const low = lowered(
      "model Enc {\n  input x: f32[batch, T, 6]\n  input h: f32[4, batch, 5]\n  input c: f32[4, batch, 5]\n" +
        "  lstm = LSTM(5, num_layers: 2, bidirectional: true)\n  output y = lstm(x, h, c)\n  output hn = lstm.h_n\n  output cn = lstm.c_n\n}\n",
    );
    expect(low.graph.output("hn").shape).toEqual([4, "batch", 5]);
    const params = initParams(low.params, 5);
    const { bytes, diagnostics } = exportOnnx(low.graph, { params, name: "Enc" });
    expect(diagnostics).toEqual([]);
    expect(onnxToText(bytes)).toContain("Scan[");
    for (const [batch, T] of [[2, 7], [3, 19]]) {
      const t = (shape: number[], seed: number) => ({ dtype: "f32" as const, shape, data: randomData(shape.reduce((a, b) => a * b, 1), seed) });
      const feeds = { x: t([batch, T, 6], T), h: t([4, batch, 5], 1), c: t([4, batch, 5], 2) };
      const got = await runOrt(bytes, feeds);
      const want = runReference(specialize(low.graph, { batch, T }), { ...feeds, ...Object.fromEntries(params) });
      for (const k of ["y", "hn", "cn"]) {
        expect(got[k].shape).toEqual(want[k].shape);
        expect(maxRelDiff(got[k].data, want[k].data), `${k} at T = ${T}`).toBeLessThan(1e-4);
      }
    }
  });
});
