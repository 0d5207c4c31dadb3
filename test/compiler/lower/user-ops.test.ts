// User ops belong to the program that defines them (issue 12): two programs
// that each define `op f(x)`, one `x * 2` and one `x * 3`, lowered in one
// process, each compute their own f — on the reference interpreter, through
// autodiff, in the IR text and in ONNX Runtime.

import { describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import { grad } from "../../../src/compiler/autodiff/grad";
import { exportOnnx } from "../../../src/compiler/codegen/onnx/export";
import { sum } from "../../../src/compiler/ir/builder";
import { Graph, specialize } from "../../../src/compiler/ir/graph";
import { printGraph } from "../../../src/compiler/ir/print";
import { lowerModel } from "../../../src/compiler/lower/index";
import { makeTensor } from "../../../src/compiler/tensor";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { runOrt } from "../codegen/onnx/ort";

function lower(text: string, name: string): Graph {
  const path = `/virtual/${name}`;
  const r = checkFile(path, { readFile: (p) => (p === path ? text : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return lowerModel(r.elaborate(r.models[0])!, { mode: "eval" }).graph;
}

const program = (k: number) => `op f(x) = x * ${k}.0

model M {
  input x: f32[batch, 3]
  output y = f(x) + 1.0
}
`;

const X = makeTensor("f32", [2, 3], [1, -2, 3, 0.5, 4, -6]);
const expected = (k: number) => [...X.data].map((v) => v * k + 1);

describe("two programs defining op f", () => {
  const a = lower(program(2), "a.dlnet");
  const b = lower(program(3), "b.dlnet");

  it("each graph runs its own f, whichever was lowered last", () => {
    for (const [g, k] of [[a, 2], [b, 3], [a, 2]] as const) {
      expect([...runReference(specialize(g, { batch: 2 }), { x: X }).y.data]).toEqual(expected(k));
    }
    // Lowering the first program again after the second still gives its own.
    const again = lower(program(2), "a.dlnet");
    expect([...runReference(specialize(again, { batch: 2 }), { x: X }).y.data]).toEqual(expected(2));
  });

  it("both print f, and each differentiates its own body", () => {
    expect(printGraph(a)).toMatch(/= f %/);
    expect(printGraph(b)).toMatch(/= f %/);
    for (const [g, k] of [[a, 2], [b, 3]] as const) {
      const s = specialize(g, { batch: 2 });
      const dx = grad(sum(s.outputs[0].node), [s.inputs[0].node])[0];
      const out = runReference(new Graph(s.inputs, [{ name: "dx", node: dx }]), { x: X });
      expect([...out.dx.data]).toEqual(new Array(6).fill(k));
    }
  });

  it("each exports its own function f and runs in ONNX Runtime", async () => {
    for (const [g, k] of [[a, 2], [b, 3]] as const) {
      const { bytes } = exportOnnx(g);
      expect([...(await runOrt(bytes, { x: X })).y.data]).toEqual(expected(k));
    }
  });
});
