// Elementwise unary primitives. Each derivative: math in a comment, the rule
// in IR. `y` is the op's own output, reused where the derivative needs it.

import { InternalError } from "../../diagnostics";
import { cos, div, exp, gt, mul, neg, sign, sin, square, sub, where } from "../builder";
import type { Node } from "../node";
import type { VjpRule } from "../op";
import type { PlainOp } from "../op-attrs";
import { registerOp } from "../registry";
import { elementwise } from "./ref-util";

function unary(name: PlainOp, summary: string, scalar: (x: number) => number, vjp: VjpRule | undefined, floatOnly = true) {
  registerOp({
    name,
    summary,
    category: "unary",
    arity: 1,
    infer: ([x]: readonly Node[]) => {
      if (x.dtype === "bool" || (floatOnly && x.dtype !== "f32")) throw new InternalError(`${name} of ${x.dtype}`);
      return { dtype: x.dtype, shape: x.shape };
    },
    scalar,
    ref: (ins, a) => elementwise(ins, a, scalar),
    vjp,
  });
}

// f(x) = -x, f'(x) = -1
unary("neg", "negation", (x) => -x, ({ dy }) => [neg(dy)], false);
// f(x) = e^x, f'(x) = e^x = y
unary("exp", "natural exponential", Math.exp, ({ y, dy }) => [mul(dy, y)]);
// f(x) = ln x, f'(x) = 1/x
unary("log", "natural logarithm", Math.log, ({ inputs: [x], dy }) => [div(dy, x)]);
// f(x) = √x, f'(x) = 1/(2√x) = 1/(2y)
unary("sqrt", "square root", Math.sqrt, ({ y, dy }) => [div(dy, mul(y, 2))]);
// f(x) = |x|, f'(x) = sign x (0 at 0, as PyTorch)
unary("abs", "absolute value", Math.abs, ({ inputs: [x], dy }) => [mul(dy, sign(x))], false);
// f(x) = sign x, f'(x) = 0 (almost everywhere)
unary("sign", "-1, 0 or 1", Math.sign, () => [null], false);
// f(x) = tanh x, f'(x) = 1 - tanh² x = 1 - y²
unary("tanh", "hyperbolic tangent", Math.tanh, ({ y, dy }) => [mul(dy, sub(1, square(y)))]);
// f(x) = 1/(1+e^-x), f'(x) = σ(x)(1-σ(x)) = y(1-y)
unary("sigmoid", "logistic function", sigmoidScalar, ({ y, dy }) => [mul(dy, mul(y, sub(1, y)))]);
// f(x) = max(x, 0), f'(x) = [x > 0] (0 at 0, as PyTorch)
unary("relu", "max(x, 0)", (x) => (x > 0 ? x : 0), ({ inputs: [x], dy }) => [where(gt(x, 0), dy, 0)]);
// f(x) = erf x, f'(x) = 2/√π · e^(-x²)
unary("erf", "error function (float64-accurate reference)", erfScalar, ({ inputs: [x], dy }) => [
  mul(dy, mul(exp(neg(square(x))), 2 / Math.sqrt(Math.PI))),
]);
// f(x) = sin x, f'(x) = cos x
unary("sin", "sine", Math.sin, ({ inputs: [x], dy }) => [mul(dy, cos(x))]);
// f(x) = cos x, f'(x) = -sin x
unary("cos", "cosine", Math.cos, ({ inputs: [x], dy }) => [mul(dy, neg(sin(x)))]);
// f(x) = ⌊x⌋, f'(x) = 0 (almost everywhere)
unary("floor", "largest integer ≤ x", Math.floor, () => [null]);
// f(x) = x rounded to the nearest integer, halves to even (torch.round, WGSL round, ONNX Round); f'(x) = 0
unary("round", "nearest integer, halves to even", roundHalfEven, () => [null]);
// f(x) = x, f'(x) = 0: a value the gradient must not flow through
unary("detach", "identity with zero gradient (stop-gradient)", (x) => x, () => [null], false);

registerOp({
  name: "cast",
  summary: "convert to another dtype (float->i32 truncates toward zero, nonzero->true)",
  category: "cast",
  arity: 1,
  infer: ([x], a) => ({ dtype: a.dtype, shape: x.shape }),
  ref: (ins, a) =>
    elementwise(ins, a, a.out.dtype === "i32" ? Math.trunc : a.out.dtype === "bool" ? (v) => (v !== 0 ? 1 : 0) : (v) => v),
  // f32 -> f32 casts are never built (the builder returns x); other casts touch integers.
  noGrad: "a cast to or from an integer/bool dtype carries no gradient",
});

export function sigmoidScalar(x: number): number {
  // Split so that neither branch overflows exp for large |x|.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * erf to ~1e-15 relative: Maclaurin series for |x| < 2.5, Lentz continued
 * fraction for erfc beyond. Precision matters: the gradient check
 * differentiates this numerically, so a 1e-7 approximation would not do.
 */
export function erfScalar(x: number): number {
  const ax = Math.abs(x);
  if (Number.isNaN(x)) return NaN;
  if (ax < 2.5) {
    // erf x = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let s = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const d = term / (2 * n + 1);
      s += d;
      if (Math.abs(d) < 1e-17 * Math.abs(s)) break;
    }
    return Math.sign(x) * s * (2 / Math.sqrt(Math.PI));
  }
  if (ax > 6) return Math.sign(x);
  // erfc x = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), Lentz's method
  const tiny = 1e-300;
  let f = ax;
  let C = ax;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const an = k / 2;
    D = ax + an * D;
    D = D === 0 ? tiny : D;
    C = ax + an / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends halves up; a half between two integers goes to the even one.
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
