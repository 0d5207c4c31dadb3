// Elementwise binary primitives with NumPy broadcasting, comparisons, where.
// Rules return gradients in the broadcast shape of y; the autodiff driver sums
// them back to each input's shape.

import { InternalError } from "../../diagnostics";
import { add, cast, div, eq, gt, log, lt, mul, neg, pow, sub, where } from "../builder";
import type { Node } from "../node";
import type { VjpRule } from "../op";
import type { PlainOp } from "../op-attrs";
import { registerOp } from "../registry";
import { broadcastOrThrow, type DType } from "../types";
import { elementwise } from "./ref-util";

function sameDtype(name: string, a: Node, b: Node): DType {
  if (a.dtype !== b.dtype) throw new InternalError(`${name} of ${a.dtype} and ${b.dtype}`);
  return a.dtype;
}

function binary(name: PlainOp, summary: string, scalar: (a: number, b: number) => number, vjp: VjpRule | undefined, floatOnly = false) {
  registerOp({
    name,
    summary,
    category: "binary",
    arity: 2,
    infer: ([a, b]) => {
      const dtype = sameDtype(name, a, b);
      if (dtype === "bool" || (floatOnly && dtype !== "f32")) throw new InternalError(`${name} of ${dtype}`);
      return { dtype, shape: broadcastOrThrow(a.shape, b.shape) };
    },
    scalar,
    ref: (ins, a) => {
      // Integer division truncates like WGSL's i32 `/`.
      if (name === "div" && a.out.dtype === "i32") return elementwise(ins, a, (p, q) => Math.trunc(p / q));
      return elementwise(ins, a, scalar);
    },
    vjp,
  });
}

// f = a + b: ∂a = 1, ∂b = 1
binary("add", "a + b", (a, b) => a + b, ({ dy }) => [dy, dy]);
// f = a - b: ∂a = 1, ∂b = -1
binary("sub", "a - b", (a, b) => a - b, ({ dy }) => [dy, neg(dy)]);
// f = a·b: ∂a = b, ∂b = a
binary("mul", "a * b", (a, b) => a * b, ({ inputs: [a, b], dy }) => [mul(dy, b), mul(dy, a)]);
// f = a/b: ∂a = 1/b, ∂b = -a/b² = -y/b
binary("div", "a / b", (a, b) => a / b, ({ y, inputs: [, b], dy }) => [div(dy, b), neg(div(mul(dy, y), b))]);
// f = a^b: ∂a = b·a^(b-1), ∂b = a^b · ln a (taken as 0 where a = 0, as PyTorch)
binary("pow", "a ** b", Math.pow, ({ y, inputs: [a, b], dy }) => [
  mul(dy, mul(b, pow(a, sub(b, 1)))),
  mul(dy, where(eq(a, 0), 0, mul(y, log(a)))),
], true);

// f = max(a, b): ∂a = [a > b] + ½[a = b], ∂b = [b > a] + ½[a = b] (ties split, as torch.maximum)
binary("max", "elementwise maximum", Math.max, ({ inputs: [a, b], dy }) => {
  const wa = add(cast(gt(a, b), "f32"), mul(cast(eq(a, b), "f32"), 0.5));
  return [mul(dy, wa), mul(dy, sub(1, wa))];
});
// f = min(a, b): ∂a = [a < b] + ½[a = b], ∂b = 1 - ∂a
binary("min", "elementwise minimum", Math.min, ({ inputs: [a, b], dy }) => {
  const wa = add(cast(lt(a, b), "f32"), mul(cast(eq(a, b), "f32"), 0.5));
  return [mul(dy, wa), mul(dy, sub(1, wa))];
});

function compare(name: PlainOp, summary: string, scalar: (a: number, b: number) => boolean) {
  const f = (a: number, b: number) => (scalar(a, b) ? 1 : 0);
  registerOp({
    name,
    summary,
    category: "compare",
    arity: 2,
    infer: ([a, b]) => {
      sameDtype(name, a, b);
      return { dtype: "bool", shape: broadcastOrThrow(a.shape, b.shape) };
    },
    scalar: f,
    ref: (ins, a) => elementwise(ins, a, f),
    noGrad: "a comparison is piecewise constant: its derivative is zero where defined",
  });
}
compare("lt", "a < b", (a, b) => a < b);
compare("le", "a <= b", (a, b) => a <= b);
compare("gt", "a > b", (a, b) => a > b);
compare("ge", "a >= b", (a, b) => a >= b);
compare("eq", "a == b", (a, b) => a === b);
compare("ne", "a != b", (a, b) => a !== b);

// f = c ? a : b: ∂a = [c], ∂b = [¬c]
registerOp({
  name: "where",
  summary: "select a where cond else b (all three broadcast)",
  category: "select",
  arity: 3,
  infer: ([c, a, b]) => {
    if (c.dtype !== "bool") throw new InternalError(`where condition of ${c.dtype}`);
    return { dtype: sameDtype("where", a, b), shape: broadcastOrThrow(c.shape, broadcastOrThrow(a.shape, b.shape)) };
  },
  scalar: (c, a, b) => (c ? a : b),
  ref: (ins, a) => elementwise(ins, a, (c, p, q) => (c ? p : q)),
  vjp: ({ inputs: [c], dy }) => [null, where(c, dy, 0), where(c, 0, dy)],
});
