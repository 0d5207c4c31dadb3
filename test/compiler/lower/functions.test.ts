// Every built-in function, arithmetic operator, indexing form and user op,
// from a real .dlnet source through check and lowering, against plain-TS
// definitions (PyTorch / NumPy / Python semantics), plus gradient checks.

import { describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import type { ModelInstance } from "../../../src/compiler/check/elaborated";
import { lowerModel } from "../../../src/compiler/lower/index";
import { grad } from "../../../src/compiler/autodiff/grad";
import { specialize } from "../../../src/compiler/ir/graph";
import { add, GraphBuilder, mul, sum, transpose } from "../../../src/compiler/ir/builder";
import { defineCustomOp } from "../../../src/compiler/autodiff/custom-op";
import { gradCheck } from "../autodiff/gradcheck";
import { runReference } from "../../../src/runtime/reference/interpreter";
import type { Tensor } from "../../../src/compiler/tensor";
import { gradCheckModel, ints, maxDiff, randn, randomParams, rng, run } from "./harness";
import * as N from "./naive";
import { Builder, inp } from "./enodes";
import { makeTensor } from "../../../src/compiler/tensor";

export function compile(text: string, name = "test.dlnet"): { model: ModelInstance; check: ReturnType<typeof checkFile> } {
  const path = `/virtual/${name}`;
  const r = checkFile(path, { readFile: (p) => (p === path ? text : undefined) });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return { model: r.elaborate(r.models[0])!, check: r };
}

const SOURCE = `
op softplus(x) = log(1 + exp(x))

op scaled(x, y) = x * y {
  grad x = dy * y
}

layer Proj(n: int) {
  input x: f32[B, 4]
  param w: f32[4, n] = normal(0.1)
  param v: f32[4] = ones
  output y = x @ w + reshape(x @ v, [-1, 1])
}

model Fns {
  input x: f32[batch, 3, 4]
  input z: f32[batch, 4]
  input m: i32[batch, 3]
  output a_relu = relu(x) + gelu(x) + silu(x) + tanh(x) + sigmoid(x)
  output a_exp = exp(x) + log(abs(x) + 1) + sqrt(abs(x))
  output a_soft = softmax(x, dim: 1) + log_softmax(x)
  output r_sum = sum(x, dim: 1) + mean(x, dim: [1])
  output r_keep = max(x, dim: -1, keepdim: true) - min(x, dim: 2, keepdim: true)
  output r_all = sum(x) + mean(x)
  output pair = max(x, 0.5) + min(x, reshape(z, [-1, 1, 4]))
  output t = transpose(x, 1, 2)
  output c = concat(x, x * 2.0, dim: -1)
  output s = split(x, 2, dim: -1)[1]
  output rs = reshape(x, [-1, 12])
  output w = where(x > 0.0, x, 0.0 - x)
  output ar = x % 0.7 + x ** 2.0 - x / 3.0 + (-x)
  output im = m % 2 + m * 3
  output ix = x[:, -1] + x[:, 0:2][:, 1]
  output sl = x[:, 1:, 1:4:2]
  output ops = softplus(x) + scaled(x, 2.0)
  output pr = z -> Proj(5)
  output cmp = where(x >= 0.5, 1.0, 0.0) + where(x != x, 1.0, 0.0)
}
`;

const B = 2;
const at = (t: Tensor, shape: number[]) => (...i: number[]) => {
  let o = 0;
  for (let k = 0; k < shape.length; k++) o = o * shape[k] + i[k];
  return t.data[o];
};
/** Values of f over all indices of `shape`, row-major. */
function table(shape: number[], f: (...i: number[]) => number): number[] {
  const out: number[] = [];
  const idx = shape.map(() => 0);
  const n = shape.reduce((p, d) => p * d, 1);
  for (let k = 0; k < n; k++) {
    out.push(f(...idx));
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
  return out;
}

describe("built-in functions and operators", () => {
  const { model } = compile(SOURCE);
  const r = rng(17);
  const x = randn([B, 3, 4], r, 2);
  const z = randn([B, 4], r, 2);
  const m = ints([B, 3], [-5, -2, 0, 3, 7, -8]);
  const params = randomParams(model, 18);
  const { outputs: o } = run(model, "eval", { x, z, m }, params, { batch: B });
  const X = at(x, [B, 3, 4]);
  const Z = at(z, [B, 4]);
  const S = [B, 3, 4];
  const ew = (f: (v: number) => number) => Array.from(x.data, f);
  const close = (name: string, want: number[], tol = 1e-10) => {
    expect(o[name].shape.reduce((p, d) => p * d, 1), name).toBe(want.length);
    expect(maxDiff(o[name], want), name).toBeLessThan(tol);
  };

  it("unary math", () => {
    close("a_relu", ew((v) => Math.max(0, v) + N.gelu(v) + v * N.sigmoid(v) + Math.tanh(v) + N.sigmoid(v)));
    close("a_exp", ew((v) => Math.exp(v) + Math.log(Math.abs(v) + 1) + Math.sqrt(Math.abs(v))));
  });

  it("softmax along dim 1 and log_softmax along the last", () => {
    close("a_soft", table(S, (b, i, j) => {
      const col = [0, 1, 2].map((k) => Math.exp(X(b, k, j)));
      const row = [0, 1, 2, 3].map((k) => Math.exp(X(b, i, k)));
      return col[i] / col.reduce((p, q) => p + q) + Math.log(row[j] / row.reduce((p, q) => p + q));
    }));
  });

  it("reductions: sum/mean over dims, max/min with keepdim, over everything", () => {
    const colSum = (b: number, j: number) => [0, 1, 2].reduce((acc, i) => acc + X(b, i, j), 0);
    close("r_sum", table([B, 4], (b, j) => colSum(b, j) + colSum(b, j) / 3));
    close("r_keep", table([B, 3, 1], (b, i) => Math.max(...[0, 1, 2, 3].map((j) => X(b, i, j))) - Math.min(...[0, 1, 2, 3].map((j) => X(b, i, j)))));
    const total = Array.from(x.data).reduce((p, q) => p + q, 0);
    close("r_all", [total + total / x.data.length]);
  });

  it("elementwise max/min with broadcasting, where, comparisons", () => {
    close("pair", table(S, (b, i, j) => Math.max(X(b, i, j), 0.5) + Math.min(X(b, i, j), Z(b, j))));
    close("w", ew(Math.abs));
    close("cmp", ew((v) => (v >= 0.5 ? 1 : 0)));
  });

  it("transpose, concat, split(..)[i], reshape", () => {
    close("t", table([B, 4, 3], (b, j, i) => X(b, i, j)));
    close("c", table([B, 3, 8], (b, i, j) => (j < 4 ? X(b, i, j) : 2 * X(b, i, j - 4))));
    close("s", table([B, 3, 2], (b, i, j) => X(b, i, 2 + j)));
    close("rs", Array.from(x.data));
  });

  it("arithmetic: Python's % (sign of the divisor), **, /, unary minus; integer % and *", () => {
    const pymod = (a: number, q: number) => a - Math.floor(a / q) * q;
    close("ar", ew((v) => pymod(v, 0.7) + v * v - v / 3 - v), 1e-9);
    expect(Array.from(o.im.data)).toEqual([-5, -2, 0, 3, 7, -8].map((v) => pymod(v, 2) + 3 * v));
  });

  it("indexing and slicing: negative index, chained slices, steps", () => {
    close("ix", table([B, 4], (b, j) => X(b, 2, j) + X(b, 1, j)));
    close("sl", table([B, 2, 2], (b, i, j) => X(b, 1 + i, 1 + 2 * j)));
  });

  it("user ops (derived and explicit grad) and a user layer with raw params, @ with a 1-D operand", () => {
    close("ops", ew((v) => Math.log(1 + Math.exp(v)) + 2 * v));
    const w = params.get("proj_0.w")!.data;
    const v = params.get("proj_0.v")!.data;
    close("pr", table([B, 5], (b, k) => [0, 1, 2, 3].reduce((s, j) => s + Z(b, j) * (w[j * 5 + k] + v[j]), 0)));
  });

  it("gradients through every output match finite differences", () => {
    for (const out of ["a_relu", "a_exp", "a_soft", "r_sum", "r_keep", "pair", "t", "c", "s", "rs", "w", "ix", "sl", "ops", "pr"]) {
      const res = gradCheckModel(model, "eval", { x, z, m }, params, { batch: B }, {}, { output: out });
      expect(res.worst, `${out}: ${res.where}`).toBeLessThanOrEqual(1);
    }
  });
});

describe("user op gradients", () => {
  it("an explicit grad rule is what autodiff uses (even one that is not the derivative)", () => {
    const { model } = compile(`
op fake(x) = x * 3.0 { grad x = dy * 2.0 }
model M {
  input x: f32[batch, 3]
  output y = fake(x)
}`);
    const low = lowerModel(model, { mode: "eval" });
    const g = specialize(low.graph, { batch: 1 });
    const xin = g.input("x");
    const b = new GraphBuilder();
    b.input("x", "f32", [1, 3]);
    b.output("y", g.output("y"));
    b.output("g", grad(sum(g.output("y")), [xin])[0]);
    const out = runReference(b.build(), { x: randn([1, 3], rng(1)) }, { f64: true });
    expect(Array.from(out.g.data)).toEqual([2, 2, 2]);
    expect(maxDiff(out.y, Array.from(randn([1, 3], rng(1)).data, (v) => 3 * v))).toBeLessThan(1e-12);
  });

  it("swish with its hand-written derivative passes the gradient check inside an MLP", () => {
    const { model } = compile(`
op swish(x) = x * sigmoid(x) {
  grad x = dy * (sigmoid(x) * (1 + x * (1 - sigmoid(x))))
}
model SwishMLP {
  input  x: f32[batch, 5]
  output logits = x -> Linear(4) -> swish -> Linear(3)
}`);
    const res = gradCheckModel(model, "eval", { x: randn([2, 5], rng(4), 2) }, randomParams(model, 5), { batch: 2 });
    expect(res.worst, res.where).toBeLessThanOrEqual(1);
  });
});

describe("two-argument max/min in an op body", () => {
  it("op hardtanh(x) = min(max(x, -1.0), 1.0) checks, clamps and differentiates", () => {
    const { model } = compile(`
op hardtanh(x) = min(max(x, -1.0), 1.0)
model M {
  input x: f32[batch, 6]
  output y = hardtanh(x)
}`);
    const x = makeTensor("f64", [1, 6], [-3, -0.5, 0, 0.25, 0.9, 2]);
    const { outputs } = run(model, "eval", { x }, new Map(), { batch: 1 });
    expect(Array.from(outputs.y.data)).toEqual([-1, -0.5, 0, 0.25, 0.9, 1]);
    const res = gradCheckModel(model, "eval", { x: makeTensor("f64", [1, 6], [-2, -0.5, 0.3, 1.7, -0.9, 0.6]) }, new Map(), { batch: 1 });
    expect(res.worst, res.where).toBeLessThanOrEqual(1);
  });

  it("the one-tensor (reducing) form is still refused in an op body", () => {
    const r = checkFile("/v/t.dlnet", { readFile: () => "op m(x) = max(x)\nmodel M {\n  input x: f32[b, 3]\n  output y = m(x)\n}\n" });
    expect(r.diagnostics.map((d) => d.message)).toContain("an op body is elementwise math, but max of one tensor is a reduction function");
  });
});

describe("losses and metrics", () => {
  // Hand-built calls (no data source needed): logits and targets are model inputs.
  const setup = (logitShape: (number | string)[], target: { dtype: "i32" | "f32"; shape: (number | string)[] }, fn: string, options = {}) => {
    const b = new Builder();
    const lg = inp("logits", "f32", logitShape);
    const tg = inp("target", target.dtype, target.shape);
    return b.model([lg, tg], { loss: b.call(fn, [lg, tg], options) });
  };
  const lse = (row: number[]) => {
    const mx = Math.max(...row);
    return mx + Math.log(row.reduce((acc, v) => acc + Math.exp(v - mx), 0));
  };

  it("cross_entropy over [B, T, V] with [B, T] labels is the mean over all positions; label smoothing as PyTorch", () => {
    const logits = randn([2, 3, 4], rng(8), 2);
    const labels = [0, 3, 1, 2, 2, 0];
    const rows = [0, 1, 2, 3, 4, 5].map((k) => Array.from(logits.data.slice(k * 4, k * 4 + 4)));
    const nll = rows.map((row, k) => lse(row) - row[labels[k]]);
    const plain = run(setup(["batch", 3, 4], { dtype: "i32", shape: ["batch", 3] }, "cross_entropy"), "eval", { logits, target: ints([2, 3], labels) }, new Map(), { batch: 2 });
    expect(plain.outputs.loss.data[0]).toBeCloseTo(nll.reduce((p, q) => p + q) / 6, 12);
    const eps = 0.1;
    const smooth = run(setup(["batch", 3, 4], { dtype: "i32", shape: ["batch", 3] }, "cross_entropy", { label_smoothing: eps }), "eval", { logits, target: ints([2, 3], labels) }, new Map(), { batch: 2 });
    // PyTorch: Σ_c q_c · (-log p_c) with q = (1-ε)·onehot + ε/C, averaged over positions
    const want = rows.map((row, k) => row.reduce((acc, v, c) => acc + ((c === labels[k] ? 1 - eps : 0) + eps / 4) * (lse(row) - v), 0));
    expect(smooth.outputs.loss.data[0]).toBeCloseTo(want.reduce((p, q) => p + q) / 6, 12);
  });

  it("cross_entropy against class probabilities", () => {
    const logits = randn([3, 4], rng(9), 2);
    const probs = N.softmaxRows(Array.from(randn([3, 4], rng(10), 2).data), 4);
    const m = setup(["batch", 4], { dtype: "f32", shape: ["batch", 4] }, "cross_entropy");
    const out = run(m, "eval", { logits, target: makeTensor("f64", [3, 4], probs) }, new Map(), { batch: 3 });
    const want = [0, 1, 2].map((r) => {
      const row = Array.from(logits.data.slice(r * 4, r * 4 + 4));
      return row.reduce((acc, v, c) => acc + probs[r * 4 + c] * (lse(row) - v), 0);
    });
    expect(out.outputs.loss.data[0]).toBeCloseTo(want.reduce((p, q) => p + q) / 3, 12);
    const res = gradCheckModel(m, "eval", { logits, target: makeTensor("f64", [3, 4], probs) }, new Map(), { batch: 3 });
    expect(res.worst, res.where).toBeLessThanOrEqual(1);
  });

  it("mse, bce on probabilities and on logits, accuracy", () => {
    const p = makeTensor("f64", [2, 3], [0.1, 0.7, 0.4, 0.9, 0.2, 0.5]);
    const t = makeTensor("f64", [2, 3], [0, 1, 1, 1, 0, 0]);
    const mean = (f: (a: number, b: number) => number) => Array.from(p.data, (v, i) => f(v, t.data[i])).reduce((a, b) => a + b) / 6;
    const shape = ["batch", 3];
    const val = (fn: string, options = {}) =>
      run(setup(shape, { dtype: "f32", shape }, fn, options), "eval", { logits: p, target: t }, new Map(), { batch: 2 }).outputs.loss.data[0];
    expect(val("mse")).toBeCloseTo(mean((a, b) => (a - b) ** 2), 12);
    expect(val("bce")).toBeCloseTo(mean((a, b) => -(b * Math.log(a) + (1 - b) * Math.log(1 - a))), 12);
    expect(val("bce", { logits: true })).toBeCloseTo(mean((a, b) => -(b * Math.log(N.sigmoid(a)) + (1 - b) * Math.log(1 - N.sigmoid(a)))), 12);
    const acc = run(setup(["batch", 3], { dtype: "i32", shape: ["batch"] }, "accuracy"), "eval", { logits: p, target: ints([2], [1, 2]) }, new Map(), { batch: 2 });
    expect(acc.outputs.loss.data[0]).toBe(0.5);
  });
});

describe("deep networks", () => {
  it("a 1500-layer repeat lowers without exhausting the stack", () => {
    const { model } = compile(`
layer Step {
  input x: f32[B, 2]
  output y = relu(x -> Linear(2)) + x
}
model Deep {
  input x: f32[batch, 2]
  output y = x -> repeat(1500, Step)
}`);
    const low = lowerModel(model, { mode: "eval" });
    expect(low.params.length).toBe(3000);
    expect(low.graph.nodes().filter((n) => n.op === "matmul").length).toBe(1500);
  });
});

describe("custom op with a partial grad block (IR level: dlnet op bodies are elementwise)", () => {
  it("operands without a rule are differentiated through the body, even when the operand is a view", () => {
    const g = defineCustomOp("lower_test_partial", ["a", "b"], (a, b) => mul(transpose(a), b), {
      b: ({ dy, args }) => mul(dy, transpose(args.a)),
    });
    const res = gradCheck((z, w) => add(g(transpose(z), transpose(w)), transpose(g(z, w))), [{ shape: [2, 3, 2] }, { shape: [2, 2, 3] }]);
    expect(res.worst, res.where).toBeLessThanOrEqual(1);
  });
});

describe("indexing on symbolic dims", () => {
  it("negative indices and bounds count from the end once T is bound", () => {
    const { model } = compile(`
model Seq {
  input x: f32[batch, T, 3]
  output last = x[:, -1]
  output tail = x[:, -2:]
  output head = x[:, :-3, 1]
}`);
    const x = randn([2, 5, 3], rng(6));
    const { outputs: o } = run(model, "eval", { x }, new Map(), { batch: 2, T: 5 });
    const X = at(x, [2, 5, 3]);
    expect(maxDiff(o.last, table([2, 3], (b, j) => X(b, 4, j)))).toBe(0);
    expect(maxDiff(o.tail, table([2, 2, 3], (b, t, j) => X(b, 3 + t, j)))).toBe(0);
    expect(o.head.shape).toEqual([2, 2]);
    expect(maxDiff(o.head, table([2, 2], (b, t) => X(b, t, 1)))).toBe(0);
  });
});

describe("symbolic spatial sizes", () => {
  it("Flatten, a strided Conv2d and ConvTranspose2d over symbolic H, W run once H, W are bound", () => {
    const { model } = compile(`
model Img {
  input x: f32[batch, 2, H, W]
  output flat = x -> Flatten
  output down = x -> Conv2d(3, kernel: 3, stride: 2, padding: 1) -> Flatten
  output up = x -> ConvTranspose2d(1, kernel: 2, stride: 2)
}`);
    const low = lowerModel(model, { mode: "eval" });
    expect(low.graph.output("flat").shape).toEqual(["batch", "2*H*W"]);
    const x = randn([1, 2, 5, 4], rng(2));
    const params = randomParams(model, 3);
    const { outputs: o } = run(model, "eval", { x }, params, { batch: 1, H: 5, W: 4 });
    expect(o.flat.shape).toEqual([1, 40]);
    expect(o.down.shape).toEqual([1, 3 * 3 * 2]);
    expect(o.up.shape).toEqual([1, 1, 10, 8]);
    const want = N.conv2d(x.data, [1, 2, 5, 4], params.get("conv2d_0.weight")!.data, [3, 2, 3, 3], params.get("conv2d_0.bias")!.data, { stride: [2, 2], padding: [1, 1], dilation: [1, 1], groups: 1 });
    expect(maxDiff(o.down, want.y)).toBeLessThan(1e-12);
  });
});
