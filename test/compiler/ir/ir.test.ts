import { describe, expect, it } from "vitest";
import { grad } from "../../../src/compiler/autodiff/grad";
import * as B from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import { expandComposites, Graph, isConcreteGraph, specialize } from "../../../src/compiler/ir/graph";
import { makeNode } from "../../../src/compiler/ir/node";
import { printGraph } from "../../../src/compiler/ir/print";
import { verifyGraph } from "../../../src/compiler/ir/verify";
import { evalDim } from "../../../src/compiler/ir/types";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray } from "../../../src/compiler/tensor";
import { expectBaseline } from "../syntax/baseline";

function mlp() {
  const b = new GraphBuilder();
  const x = b.input("x", "f32", ["batch", 784]);
  const labels = b.input("labels", "i32", ["batch"]);
  const w1 = b.param("fc1.weight", [128, 784]);
  const b1 = b.param("fc1.bias", [128]);
  const w2 = b.param("fc2.weight", [10, 128]);
  const b2 = b.param("fc2.bias", [10]);
  const h = B.relu(B.add(B.matmul(x, B.transpose(w1)), b1));
  const logits = b.output("logits", B.add(B.matmul(h, B.transpose(w2)), b2));
  b.output("loss", B.crossEntropy(logits, labels));
  return b;
}

describe("hash-consing", () => {
  it("building the same node twice returns the same object", () => {
    const x = B.input("hc.x", "f32", [2, 3]);
    const a = B.mul(B.exp(x), 2);
    const b = B.mul(B.exp(x), 2);
    expect(a).toBe(b);
    expect(B.exp(x)).toBe(a.inputs[0]);
    expect(B.mul(B.exp(x), 3)).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("attribute order and defaults do not split nodes; values do", () => {
    const x = B.input("hc.y", "f32", [2, 3]);
    expect(makeNode("reduce_sum", [x], { axes: [1] })).toBe(makeNode("reduce_sum", [x], { keepdims: false, axes: [1] }));
    expect(B.sum(x, [1], true)).not.toBe(B.sum(x, [1]));
    expect(B.sum(x, -1)).toBe(B.sum(x, [1]));
    expect(B.constant(-0)).not.toBe(B.constant(0));
    expect(B.constant(NaN)).toBe(B.constant(NaN));
  });

  it("gradients share the forward's subexpressions", () => {
    const x = B.input("hc.z", "f32", [4]);
    const y = B.sum(B.exp(x));
    const [g] = grad(y, [x]);
    // d/dx Σ eˣ = eˣ·1: the rule multiplies dy by the forward's exp node itself
    expect(g.op).toBe("mul");
    expect(g.inputs).toContain(B.exp(x));
  });
});

describe("shapes", () => {
  it("broadcasts symbolic dims and rejects mismatches", () => {
    const a = B.input("s.a", "f32", ["batch", 1, 4]);
    const b = B.input("s.b", "f32", [3, 1]);
    expect(B.add(a, b).shape).toEqual(["batch", 3, 4]);
    expect(() => B.add(a, B.input("s.c", "f32", ["T", 1, 4]))).toThrow(/broadcast/);
    expect(B.matmul(B.input("s.d", "f32", ["B", "T", 8]), B.input("s.e", "f32", [8, 5])).shape).toEqual(["B", "T", 5]);
    expect(() => B.matmul(a, B.input("s.f", "f32", [5, 2]))).toThrow(/matmul/);
  });

  it("evaluates the checker's dim formulas", () => {
    expect(evalDim("16*H*W", { H: 7, W: 7 })).toBe(784);
    expect(evalDim("(H-3)/2+1", { H: 28 })).toBe(13);
    expect(evalDim("T-1", {})).toBe("T-1");
    expect(B.conv2d(B.input("s.x", "f32", ["N", 1, "H", "W"]), B.input("s.w", "f32", [4, 1, 3, 3]), { stride: [2, 2] }).shape).toEqual([
      "N", 4, "(H-3)/2+1", "(W-3)/2+1",
    ]);
  });
});

describe("specialize", () => {
  it("binds symbolic batch everywhere, including the count of a mean", () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 3]);
    b.output("m", B.mean(x, [0]));
    b.output("v", B.variance(x, [0], false, 1));
    b.output("r", B.reshape(x, [3, "batch"]));
    const g = b.build();
    expect(isConcreteGraph(g)).toBe(false);
    const c = specialize(g, { batch: 2 });
    expect(isConcreteGraph(c)).toBe(true);
    expect(c.input("x").shape).toEqual([2, 3]);
    expect(c.output("r").shape).toEqual([3, 2]);
    const out = runReference(c, { x: fromArray([1, 2, 3, 5, 6, 9], [2, 3]) });
    expect(Array.from(out.m.data)).toEqual([3, 4, 6]);
    expect(Array.from(out.v.data)).toEqual([8, 8, 18]);
    // the same graph at another batch size
    const c4 = specialize(g, { batch: 4 });
    const out4 = runReference(c4, { x: fromArray([1, 2, 3, 5, 6, 9, 1, 2, 3, 5, 6, 9], [4, 3]) });
    expect(Array.from(out4.m.data)).toEqual([3, 4, 6]);
  });

  it("specializes gradient graphs of symbolic slices and convolutions", () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["B", "T", 2]);
    const img = b.input("img", "f32", ["B", 1, "H", "W"]);
    const w = b.param("w", [2, 1, 3, 3]);
    const last = B.sliceAxis(x, 1, -1);
    expect(last.shape).toEqual(["B", 1, 2]);
    const y = B.conv2d(img, w, { stride: [2, 2], padding: [1, 1] });
    const loss = B.add(B.sum(B.mul(last, last)), B.sum(B.mul(y, y)));
    const [gx, gw] = grad(loss, [x, w]);
    b.output("gx", gx);
    b.output("gw", gw);
    const c = specialize(b.build(), { B: 2, T: 3, H: 5, W: 4 });
    expect(isConcreteGraph(c)).toBe(true);
    expect(verifyGraph(c)).toEqual([]);
    const xs = fromArray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
    const out = runReference(c, { x: xs, img: fromArray(new Array(40).fill(0), [2, 1, 5, 4]), w: fromArray(new Array(18).fill(1), [2, 1, 3, 3]) });
    // d/dx Σ x[:, -1]² = 2x on the last step, 0 elsewhere
    expect(Array.from(out.gx.data)).toEqual([0, 0, 0, 0, 10, 12, 0, 0, 0, 0, 22, 24]);
    expect(out.gw.shape).toEqual([2, 1, 3, 3]);
  });

  it("no dim_size survives specialization of concrete dims", () => {
    const c = specialize(mlp().build(), { batch: 8 });
    expect(expandComposites(c).nodes().some((n) => n.op === "dim_size")).toBe(false);
  });
});

describe("verifier", () => {
  it("accepts the graphs every stage here produces", () => {
    const g = mlp().build();
    for (const x of [g, expandComposites(g), specialize(g, { batch: 5 }), expandComposites(specialize(g, { batch: 5 }))]) {
      expect(verifyGraph(x)).toEqual([]);
    }
  });

  it("reports an undeclared duplicate input name", () => {
    const x = B.input("v.x", "f32", [2]);
    const g = new Graph([{ name: "x", node: x, role: "data" }, { name: "x", node: x, role: "data" }], [{ name: "y", node: B.exp(x) }]);
    expect(verifyGraph(g)).toEqual(["input 'x' declared twice"]);
  });
});

describe("text form", () => {
  it("prints a small MLP (golden)", () => {
    expectBaseline("ir-mlp.ir", printGraph(mlp().build()));
  });

  it("prints the MLP's gradient graph after expansion (golden)", () => {
    const g = expandComposites(mlp().build());
    const loss = g.output("loss");
    const params = g.inputs.filter((i) => i.role === "param");
    const gs = grad(loss, params.map((p) => p.node));
    const graph = new Graph(g.inputs, [
      { name: "loss", node: loss },
      ...params.map((p, i) => ({ name: `grad.${p.name}`, node: gs[i] })),
    ]);
    expectBaseline("ir-mlp.grad.ir", printGraph(graph));
  });
});
