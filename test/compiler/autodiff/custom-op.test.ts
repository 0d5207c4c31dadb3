import { describe, expect, it } from "vitest";
import { defineCustomOp } from "../../../src/compiler/autodiff/custom-op";
import { grad } from "../../../src/compiler/autodiff/grad";
import * as B from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import { Graph } from "../../../src/compiler/ir/graph";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray, makeTensor } from "../../../src/compiler/tensor";
import { gradCheck } from "./gradcheck";

describe("defineCustomOp", () => {
  // op swish(x) = x * sigmoid(x) { grad x = dy * (sigmoid(x) * (1 + x * (1 - sigmoid(x)))) }
  const swish = defineCustomOp("test_swish", ["x"], (x) => B.mul(x, B.sigmoid(x)), {
    x: ({ dy, args: { x } }) => B.mul(dy, B.mul(B.sigmoid(x), B.add(1, B.mul(x, B.sub(1, B.sigmoid(x)))))),
  });
  const swishDerived = defineCustomOp("test_swish_derived", ["x"], (x) => B.mul(x, B.sigmoid(x)));

  it("explicit and derived gradients both match finite differences", () => {
    expect(gradCheck(swish, [{ shape: [2, 3], range: [-3, 3] }]).worst).toBeLessThanOrEqual(1);
    expect(gradCheck(swishDerived, [{ shape: [2, 3], range: [-3, 3] }]).worst).toBeLessThanOrEqual(1);
  });

  it("uses the explicit rule when given (even a deliberately different one)", () => {
    const twice = defineCustomOp("test_fake_grad", ["x", "y"], (x, y) => B.mul(x, y), { x: ({ dy }) => B.mul(dy, 2) });
    const x = B.input("x", "f32", [3]);
    const y = B.input("y", "f32", [3]);
    const [gx, gy] = grad(B.sum(twice(x, y)), [x, y]);
    const g = new Graph(
      [{ name: "x", node: x, role: "data" }, { name: "y", node: y, role: "data" }],
      [{ name: "gx", node: gx }, { name: "gy", node: gy }],
    );
    const out = runReference(g, { x: fromArray([1, 2, 3], [3]), y: fromArray([4, 5, 6], [3]) });
    expect(Array.from(out.gx.data)).toEqual([2, 2, 2]); // the rule, not y
    expect(Array.from(out.gy.data)).toEqual([1, 2, 3]); // no rule for y: through the body
  });

  it("is a composite node before expansion and primitives after", () => {
    const x = B.input("x", "f32", [3]);
    expect(swish(x).op).toBe("test_swish");
    expect(swish(x)).toBe(swish(x));
  });
});

describe("defineCustomOp safety", () => {
  it("refuses a built-in's name; two definitions of one name are two ops, each node keeping its own", () => {
    expect(() => defineCustomOp("relu", ["x"], (x) => x)).toThrow(/built-in/);
    const twice = defineCustomOp("test_redefined", ["x"], (x) => B.mul(x, 2));
    const thrice = defineCustomOp("test_redefined", ["x"], (x) => B.mul(x, 3));
    const x = B.input("x", "f32", [2]);
    const [a, b] = [twice(x), thrice(x)];
    expect([a.op, b.op]).toEqual(["test_redefined", "test_redefined"]);
    expect(a).not.toBe(b);
    const g = new GraphBuilder();
    const gx = g.input("x", "f32", [2]);
    g.output("a", twice(gx));
    g.output("b", thrice(gx));
    g.output("da", grad(B.sum(twice(gx)), [gx])[0]);
    const out = runReference(g.build(), { x: makeTensor("f32", [2], [1, -4]) });
    expect([...out.a.data]).toEqual([2, -8]);
    expect([...out.b.data]).toEqual([3, -12]);
    expect([...out.da.data]).toEqual([2, 2]);
  });
});
