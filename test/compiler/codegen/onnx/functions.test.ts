// User ops exported as ONNX model-local functions, run in ONNX Runtime.

import { describe, expect, it } from "vitest";
import { defineCustomOp } from "../../../../src/compiler/autodiff/custom-op";
import * as B from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import { specialize, type Graph } from "../../../../src/compiler/ir/graph";
import { exportOnnx } from "../../../../src/compiler/codegen/onnx/export";
import { decodeModel } from "../../../../src/compiler/codegen/onnx/proto";
import { onnxToText } from "../../../../src/compiler/codegen/onnx/text";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import type { Tensor } from "../../../../src/compiler/tensor";
import { expectBaseline } from "../../syntax/baseline";
import { maxRelDiff, randomData, runOrt } from "./ort";

const swish = defineCustomOp("swish", ["x"], (x) => B.mul(x, B.sigmoid(x)), {
  x: ({ dy, args: { x } }) => B.mul(dy, B.mul(B.sigmoid(x), B.add(1, B.mul(x, B.sub(1, B.sigmoid(x)))))),
});
const lerp = defineCustomOp("lerp", ["a", "b"], (a, b) => B.add(a, B.mul(B.sub(b, a), 0.25)));
const twice = defineCustomOp("twice_swish", ["x"], (x) => B.mul(swish(x), 2));
const center = defineCustomOp("center", ["x"], (x) => B.add(B.sub(x, B.mean(x, -1, true)), B.full(x.shape, 0.5)));

async function compare(g: Graph, bytes: Uint8Array, batches: number[]) {
  for (const batch of batches) {
    const feeds: Record<string, Tensor> = {};
    g.inputs.forEach((i, k) => {
      const shape = i.node.shape.map((d) => (typeof d === "number" ? d : batch));
      feeds[i.name] = { dtype: "f32", shape, data: randomData(shape.reduce((a, d) => a * d, 1), 7 * batch + k, -3, 3) };
    });
    const got = await runOrt(bytes, feeds);
    const want = runReference(specialize(g, { batch }), feeds);
    for (const o of g.outputs) {
      expect(got[o.name].shape).toEqual(want[o.name].shape);
      expect(maxRelDiff(got[o.name].data, want[o.name].data), o.name).toBeLessThan(1e-4);
    }
  }
}

describe("user ops as ONNX functions", () => {
  it("exports each user op once, as a function of domain dlnet, and runs in ONNX Runtime", async () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 6]);
    const y = b.input("y", "f32", ["batch", 6]);
    b.output("s", B.add(swish(x), swish(y)));
    b.output("l", lerp(x, y));
    b.output("t", twice(y));
    b.output("c", center(x));
    b.output("same", lerp(y, y)); // f(y, y): inlined, not a second body
    const g = b.build();
    const { bytes, diagnostics } = exportOnnx(g, { name: "custom" });
    expect(diagnostics).toEqual([]);
    const m = decodeModel(bytes, "custom.onnx");
    expect(m.functions.map((f) => f.name).sort()).toEqual(["center", "lerp", "swish", "twice_swish"]);
    expect(m.opsetImport.map((o) => o.domain)).toEqual(["", "dlnet"]);
    expectBaseline("onnx-custom-ops.onnx.txt", onnxToText(bytes, "custom.onnx"));
    await compare(g, bytes, [1, 4]);
  });
});
