// The examples as a user exports them: check, lower for inference, export
// with freshly initialized weights; golden text per example, and ONNX Runtime
// agrees with the reference interpreter at two batch sizes (and two sequence
// lengths: char_lstm's T stays symbolic, its LSTM a Scan).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../../../src/compiler/check/index";
import { exportOnnx } from "../../../../src/compiler/codegen/onnx/export";
import { onnxToText } from "../../../../src/compiler/codegen/onnx/text";
import { specialize } from "../../../../src/compiler/ir/graph";
import { evalShape } from "../../../../src/compiler/ir/types";
import { initParams, lowerModel } from "../../../../src/compiler/lower/index";
import { matchParameters, onnxInitializers } from "../../../../src/runtime/onnx/import";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import type { Tensor } from "../../../../src/compiler/tensor";
import { expectBaseline, ROOT } from "../../syntax/baseline";
import { maxRelDiff, randomData, runOrt } from "./ort";

const host = { readFile: (p: string) => { try { return readFileSync(p, "utf8"); } catch { return undefined; } } };


describe("examples exported to ONNX", () => {
  for (const ex of ["mnist_mlp", "mnist_cnn", "swish", "tiny_gpt", "char_lstm"]) {
    it(ex, async () => {
      const checked = checkFile(join(ROOT, "examples", `${ex}.dlnet`), host);
      expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      for (const name of checked.models) {
        const model = checked.elaborate(name)!;
        const low = lowerModel(model, { mode: "eval" });
        expect(low.diagnostics).toEqual([]);
        const params = initParams([...low.params, ...low.buffers], 7);
        const { bytes, diagnostics } = exportOnnx(low.graph, { params, name, file: `${ex}.dlnet` });
        expect(diagnostics).toEqual([]);
        expectBaseline(`${ex}${checked.models.length > 1 ? "." + name : ""}.onnx.txt`, onnxToText(bytes, `${ex}.onnx`));
        // Weights back in (`init = "model.onnx"`): every parameter and buffer matches by path and shape.
        const expected = new Map(model.parameters.map((p) => [p.path, p.shape] as const));
        const match = matchParameters(expected, onnxInitializers(bytes, `${ex}.onnx`), `${ex}.onnx`);
        expect(match.diagnostics).toEqual([]);
        for (const [path, t] of params) expect(match.matched.get(path)?.data, path).toEqual(t.data);
        // Token ids below every embedding's size (tiny_gpt's Adder has a vocabulary of 13).
        const tokens = Math.min(90, ...model.parameters.filter((p) => /(^|\.)embedding_\d+\.weight$/.test(p.path)).map((p) => p.shape[0] as number));
        for (const [batch, T] of [[1, 7], [3, 19]]) {
          const feeds: Record<string, Tensor> = {};
          for (const i of low.graph.inputs.filter((x) => x.role === "data")) {
            const shape = evalShape(i.node.shape, { batch, T }) as number[];
            const n = shape.reduce((a, d) => a * d, 1);
            feeds[i.name] = i.node.dtype === "i32"
              ? { dtype: "i32", shape, data: Int32Array.from(randomData(n, batch, 0, tokens - 0.01), Math.floor) }
              : { dtype: "f32", shape, data: randomData(n, batch) };
          }
          const got = await runOrt(bytes, feeds);
          const want = runReference(specialize(low.graph, { batch, T }), { ...feeds, ...Object.fromEntries(params) });
          for (const o of low.graph.outputs) {
            expect(got[o.name].shape).toEqual(want[o.name].shape);
            expect(maxRelDiff(got[o.name].data, want[o.name].data), `${name}.${o.name} at batch ${batch}`).toBeLessThan(1e-4);
          }
        }
      }
    });
  }
});
