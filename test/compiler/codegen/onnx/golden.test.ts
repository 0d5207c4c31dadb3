// Exported models as text (golden files) and their weights read back.

import { describe, expect, it } from "vitest";
import * as B from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import type { Graph } from "../../../../src/compiler/ir/graph";
import { exportOnnx } from "../../../../src/compiler/codegen/onnx/export";
import { decodeModel, toNumber } from "../../../../src/compiler/codegen/onnx/proto";
import { onnxToText } from "../../../../src/compiler/codegen/onnx/text";
import { onnxInitializers } from "../../../../src/runtime/onnx/import";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import { specialize } from "../../../../src/compiler/ir/graph";
import type { Tensor } from "../../../../src/compiler/tensor";
import { expectBaseline } from "../../syntax/baseline";
import { maxRelDiff, randomData, runOrt } from "./ort";

function paramsOf(g: Graph, seed = 1): Map<string, Tensor> {
  const m = new Map<string, Tensor>();
  g.inputs.forEach((i, k) => {
    if (i.role === "data") return;
    const shape = i.node.shape as number[];
    const n = shape.reduce((a, d) => a * d, 1);
    // Variances must be positive; everything else small and signed.
    const [lo, hi] = i.name.endsWith("var") ? [0.5, 1.5] : [-0.5, 0.5];
    m.set(i.name, { dtype: "f32", shape, data: randomData(n, seed + k, lo, hi) });
  });
  return m;
}

const linear = (b: GraphBuilder, name: string, x: B.Node, inF: number, outF: number) =>
  B.add(B.matmul(x, B.transpose(b.param(`${name}.weight`, [outF, inF]))), b.param(`${name}.bias`, [outF]));

function mlp(): Graph {
  const b = new GraphBuilder();
  const x = b.input("x", "f32", ["batch", 784]);
  const h = B.relu(linear(b, "fc1", x, 784, 32));
  b.output("logits", linear(b, "fc2", h, 32, 10));
  b.output("probs", B.softmax(b.build().output("logits"), -1));
  return b.build();
}

function cnn(): Graph {
  const b = new GraphBuilder();
  const x = b.input("x", "f32", ["batch", 1, 12, 12]);
  let h = B.conv2d(x, b.param("conv1.weight", [4, 1, 3, 3]), { padding: [1, 1] });
  h = B.add(h, B.reshape(b.param("conv1.bias", [4]), [4, 1, 1]));
  h = B.maxPool2d(B.relu(h), { kernel: [2, 2] });
  const mean = b.input("bn.running_mean", "f32", [4], "state");
  const variance = b.input("bn.running_var", "f32", [4], "state");
  h = B.batchNormEval(h, mean, variance, b.param("bn.weight", [4]), b.param("bn.bias", [4]));
  h = B.reshape(h, ["batch", 144]);
  b.output("logits", linear(b, "fc", h, 144, 10));
  return b.build();
}

function block(): Graph {
  const b = new GraphBuilder();
  const x = b.input("x", "f32", ["batch", "T", 16]);
  const ln = B.layerNorm(x, 1, 1e-5, b.param("ln1.weight", [16]), b.param("ln1.bias", [16]));
  const heads = (t: B.Node) => B.permute(B.reshape(t, ["batch", "T", 2, 8]), [0, 2, 1, 3]);
  const q = heads(linear(b, "attn.q", ln, 16, 16));
  const k = heads(linear(b, "attn.k", ln, 16, 16));
  const v = heads(linear(b, "attn.v", ln, 16, 16));
  const a = B.reshape(B.permute(B.attention(q, k, v, true), [0, 2, 1, 3]), ["batch", "T", 16]);
  const h = B.add(x, linear(b, "attn.out", a, 16, 16));
  b.output("y", B.add(h, linear(b, "mlp.fc2", B.gelu(linear(b, "mlp.fc1", h, 16, 32)), 32, 16)));
  return b.build();
}

const MODELS: [string, () => Graph, Record<string, number>[]][] = [
  ["mlp", mlp, [{ batch: 1 }, { batch: 4 }]],
  ["cnn", cnn, [{ batch: 1 }, { batch: 3 }]],
  ["block", block, [{ batch: 1, T: 5 }, { batch: 2, T: 3 }]],
];

describe("exported models", () => {
  for (const [name, make, envs] of MODELS) {
    it(`${name}: golden text, runs in ONNX Runtime like the reference, weights read back`, async () => {
      const g = make();
      const params = paramsOf(g);
      const { bytes, diagnostics } = exportOnnx(g, { params, name });
      expect(diagnostics).toEqual([]);
      expectBaseline(`onnx-${name}.onnx.txt`, onnxToText(bytes, `${name}.onnx`));

      // Weights: initializers named by parameter path, values bit-identical.
      const back = onnxInitializers(bytes, `${name}.onnx`);
      expect([...back.keys()].sort()).toEqual([...params.keys()].sort());
      for (const [k, t] of params) expect(back.get(k), k).toEqual(t);

      // Symbolic dims are dim_params; the model runs at each binding.
      const m = decodeModel(bytes, `${name}.onnx`);
      const xDims = m.graph!.input![0].type!.tensorType!.shape!.dim!;
      expect(xDims.map((d) => d.dimParam || toNumber(d.dimValue))).toEqual(g.input("x").shape);
      for (const env of envs) {
        const shape = g.input("x").shape.map((d) => (typeof d === "number" ? d : env[d]));
        const x: Tensor = { dtype: "f32", shape, data: randomData(shape.reduce((a, d) => a * d, 1), 99) };
        const got = await runOrt(bytes, { x });
        const want = runReference(specialize(g, env), { x, ...Object.fromEntries(params) });
        for (const o of g.outputs) {
          expect(got[o.name].shape).toEqual(want[o.name].shape);
          expect(maxRelDiff(got[o.name].data, want[o.name].data), `${o.name} at ${JSON.stringify(env)}`).toBeLessThan(1e-4);
        }
      }
    });
  }

  it("names outputs as the model does, also when an output is an input or shared", async () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 2]);
    const y = B.relu(x);
    b.output("same", x);
    b.output("a", y);
    b.output("b", y);
    const { bytes, diagnostics } = exportOnnx(b.build());
    expect(diagnostics).toEqual([]);
    const feed: Tensor = { dtype: "f32", shape: [3, 2], data: randomData(6, 3) };
    const out = await runOrt(bytes, { x: feed });
    expect(Object.keys(out).sort()).toEqual(["a", "b", "same"]);
    expect(out.same.data).toEqual(feed.data);
    expect(out.b.data).toEqual(out.a.data);
    expect(Array.from(out.a.data)).toEqual(Array.from(feed.data, (v) => Math.max(0, v)));
  });
});
