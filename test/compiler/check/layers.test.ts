// The shape rule and parameter declarations of every built-in, called directly.

import { describe, expect, it } from "vitest";
import { FUNCTIONS, LAYERS, isShapeError, type Args, type LayerDef } from "../../../src/compiler/layers";
import { bindArgs } from "../../../src/compiler/layers/args";
import type { TensorType } from "../../../src/compiler/tensor-type";

const f32 = (...shape: (number | string)[]): TensorType => ({ dtype: "f32", shape });
const i32 = (...shape: (number | string)[]): TensorType => ({ dtype: "i32", shape });
const span = { start: 0, end: 0 };

/** Binds like a call `Name(positional..., key: value)`, then runs the shape rule. */
function apply(name: string, input: TensorType | undefined, positional: Args[string][] = [], kw: Record<string, Args[string]> = {}) {
  const def = LAYERS.get(name) as LayerDef;
  const b = bindArgs(name, def.args, def.positional, positional.map((value) => ({ value, span })), Object.entries(kw).map(([n, value]) => ({ name: n, nameSpan: span, value, span })), span);
  expect(b.problems).toEqual([]);
  const r = def.infer(input, b.args, { display: name });
  return { r, def, params: isShapeError(r) ? [] : def.params(r.args).map((p) => `${p.name} [${p.shape.join(", ")}]${p.buffer ? " buffer" : ""} ${p.init.kind}`) };
}

function out(x: ReturnType<typeof apply>): TensorType {
  if (isShapeError(x.r)) throw new Error(x.r.error);
  return x.r.type;
}

function err(x: ReturnType<typeof apply>): string {
  if (!isShapeError(x.r)) throw new Error("expected a shape error");
  return `${x.r.code ?? "DL3001"} ${x.r.error}`;
}

describe("built-in layers", () => {
  it("Linear infers in_features, checks a stated one, declares PyTorch's layout", () => {
    const a = apply("Linear", f32("batch", 784), [128]);
    expect(out(a)).toEqual(f32("batch", 128));
    expect(a.params).toEqual(["weight [128, 784] kaiming_uniform", "bias [128] uniform"]);
    expect(err(apply("Linear", f32("batch", 512), [784, 128]))).toBe("DL3001 Linear expects [.., 784] but receives [batch, 512]: last dimension is 512, not 784");
    expect(apply("Linear", f32("B", "T", 64), [10], { bias: false }).params).toEqual(["weight [10, 64] kaiming_uniform"]);
    expect(err(apply("Linear", i32("B", 3), [4]))).toMatch(/^DL3003/);
  });

  it("Conv2d: output size, in_channels, groups, weight [out, in/groups, kh, kw]", () => {
    const a = apply("Conv2d", f32("B", 3, 32, 32), [16], { kernel: 3, stride: 2, padding: 1 });
    expect(out(a)).toEqual(f32("B", 16, 16, 16));
    expect(a.params).toEqual(["weight [16, 3, 3, 3] kaiming_uniform", "bias [16] uniform"]);
    expect(out(apply("Conv2d", f32("B", 1, "H", "W"), [8], { kernel: 3, padding: 1 }))).toEqual(f32("B", 8, "H", "W"));
    expect(out(apply("Conv2d", f32("B", 1, "H", 9), [8], { kernel_size: 3 }))).toEqual(f32("B", 8, "H-2", 7));
    expect(apply("Conv2d", f32("B", 4, 8, 8), [8], { kernel: [3, 1], groups: 2 }).params[0]).toBe("weight [8, 2, 3, 1] kaiming_uniform");
    expect(err(apply("Conv2d", f32("B", 3, 8, 8), [4, 8], { kernel: 3 }))).toMatch(/dimension 1 is 3, not 4/);
    expect(err(apply("Conv2d", f32("B", 784), [8], { kernel: 3 }))).toMatch(/^DL3002/);
    expect(err(apply("Conv2d", f32("B", 3, 2, 2), [8], { kernel: 5 }))).toMatch(/too small/);
  });

  it("Conv1d and ConvTranspose2d", () => {
    expect(out(apply("Conv1d", f32("B", 4, 100), [8], { kernel: 5 }))).toEqual(f32("B", 8, 96));
    const t = apply("ConvTranspose2d", f32("B", 16, 7, 7), [8], { kernel: 4, stride: 2, padding: 1 });
    expect(out(t)).toEqual(f32("B", 8, 14, 14));
    expect(t.params[0]).toBe("weight [16, 8, 4, 4] kaiming_uniform");
  });

  it("pools", () => {
    expect(out(apply("MaxPool2d", f32("B", 16, 28, 28), [2]))).toEqual(f32("B", 16, 14, 14));
    expect(out(apply("AvgPool2d", f32("B", 16, 28, 28), [3], { stride: 1, padding: 1 }))).toEqual(f32("B", 16, 28, 28));
    expect(out(apply("GlobalAvgPool", f32("B", 16, 7, 7)))).toEqual(f32("B", 16));
    expect(err(apply("MaxPool2d", f32("B", 16), [2]))).toMatch(/^DL3002/);
  });

  it("norms infer their features", () => {
    const bn = apply("BatchNorm", f32("B", 16, 8, 8));
    expect(out(bn)).toEqual(f32("B", 16, 8, 8));
    expect(bn.params).toEqual(["weight [16] ones", "bias [16] zeros", "running_mean [16] buffer zeros", "running_var [16] buffer ones"]);
    expect(apply("LayerNorm", f32("B", "T", 64)).params).toEqual(["weight [64] ones", "bias [64] zeros"]);
    expect(apply("RMSNorm", f32("B", "T", 64)).params).toEqual(["weight [64] ones"]);
    expect(err(apply("LayerNorm", f32("B", 32), [64]))).toMatch(/last dimension is 32, not 64/);
  });

  it("BatchNorm1d/2d/3d are BatchNorm with torch's rank check", () => {
    for (const [name, ok, bad] of [
      ["BatchNorm1d", [f32("B", 16), f32("B", 16, 7)], [f32("B", 16, 8, 8)]],
      ["BatchNorm2d", [f32("B", 16, 8, 8)], [f32("B", 16), f32("B", 16, 2, 8, 8)]],
      ["BatchNorm3d", [f32("B", 16, 2, 8, 8)], [f32("B", 16, 8, 8)]],
    ] as const) {
      for (const t of ok) expect(apply(name, t).params).toEqual(apply("BatchNorm", t).params);
      for (const t of bad) expect(err(apply(name, t))).toMatch(/^DL3002 .*rank/);
    }
    expect(err(apply("BatchNorm2d", f32("B", 16, 8)))).toBe("DL3002 BatchNorm2d expects [B, C, H, W] (rank 4) but receives [B, 16, 8] (rank 3)");
  });

  it("Dropout keeps the shape and checks p", () => {
    expect(out(apply("Dropout", f32("B", 5)))).toEqual(f32("B", 5));
    expect(err(apply("Dropout", f32("B", 5), [1.5]))).toMatch(/^DL3005/);
  });

  it("Embedding and PositionalEmbedding", () => {
    const e = apply("Embedding", i32("B", "T"), [96, 64]);
    expect(out(e)).toEqual(f32("B", "T", 64));
    expect(e.params).toEqual(["weight [96, 64] normal"]);
    expect(err(apply("Embedding", f32("B", "T"), [96, 64]))).toMatch(/^DL3003/);
    expect(out(apply("PositionalEmbedding", undefined, [64, 128]))).toEqual(f32(64, 128));
    expect(out(apply("PositionalEmbedding", f32("B", 64, 128), [64, 128]))).toEqual(f32("B", 64, 128));
    expect(err(apply("PositionalEmbedding", f32("B", 32, 128), [64, 128]))).toMatch(/expects \[\.\., 64, 128\]/);
  });

  it("RNN, LSTM, GRU: batch-first sequences and gate layouts", () => {
    const l = apply("LSTM", f32("B", "T", 64), [128]);
    expect(out(l)).toEqual(f32("B", "T", 128));
    expect(l.params).toEqual(["weight_ih_l0 [512, 64] uniform", "weight_hh_l0 [512, 128] uniform", "bias_ih_l0 [512] uniform", "bias_hh_l0 [512] uniform"]);
    const g = apply("GRU", f32("B", "T", 10), [20, 2]);
    expect(g.params.filter((p) => p.startsWith("weight_ih"))).toEqual(["weight_ih_l0 [60, 10] uniform", "weight_ih_l1 [60, 20] uniform"]);
    expect(apply("RNN", f32("B", "T", 10), [20]).params[0]).toBe("weight_ih_l0 [20, 10] uniform");
    expect(err(apply("LSTM", f32("B", 64), [128]))).toMatch(/^DL3002/);
  });

  it("MultiHeadAttention", () => {
    const m = apply("MultiHeadAttention", f32("B", "T", 128), [], { heads: 4, causal: true });
    expect(out(m)).toEqual(f32("B", "T", 128));
    expect(m.params).toEqual(["in_proj_weight [384, 128] xavier_uniform", "in_proj_bias [384] zeros", "out_proj.weight [128, 128] kaiming_uniform", "out_proj.bias [128] zeros"]);
    expect(err(apply("MultiHeadAttention", f32("B", "T", 30), [4]))).toMatch(/not divisible by num_heads = 4/);
  });

  it("Flatten and Reshape", () => {
    expect(out(apply("Flatten", f32("B", 32, 7, 7)))).toEqual(f32("B", 1568));
    expect(out(apply("Flatten", f32("B", 32, "H", "W")))).toEqual(f32("B", "32*H*W"));
    expect(out(apply("Reshape", f32("B", 784), [1, 28, 28]))).toEqual(f32("B", 1, 28, 28));
    expect(out(apply("Reshape", f32("B", 784), [-1, 28]))).toEqual(f32("B", 28, 28));
    expect(err(apply("Reshape", f32("B", 784), [5, 5]))).toMatch(/784 elements but \[5, 5\] has 25/);
  });

  it("activations", () => {
    for (const n of ["ReLU", "GELU", "SiLU", "Tanh", "Sigmoid", "Softmax"]) expect(out(apply(n, f32("B", 3)))).toEqual(f32("B", 3));
    expect(out(apply("ReLU", i32("B", 3)))).toEqual(i32("B", 3));
    expect(err(apply("GELU", i32("B", 3)))).toMatch(/^DL3003/);
    expect(err(apply("Softmax", f32("B", 3), [2]))).toMatch(/^DL3008/);
  });

  it("every layer has a doc, unique argument names and never throws on odd inputs", () => {
    for (const def of LAYERS.values()) {
      expect(def.doc.length).toBeGreaterThan(10);
      expect(new Set(def.args.map((a) => a.name)).size).toBe(def.args.length);
      for (const input of [undefined, f32(), i32(3), f32("B", 0, 1, 2, 3)]) {
        const args: Record<string, Args[string]> = {};
        for (const a of def.args) args[a.name] = a.default ?? (a.kind === "dims" ? [2] : a.kind === "bool" ? false : 2);
        expect(() => def.infer(input, args, { display: def.name })).not.toThrow();
      }
    }
  });
});

describe("built-in functions", () => {
  const call = (name: string, inputs: TensorType[], kw: Record<string, Args[string]> = {}) => {
    const def = FUNCTIONS.get(name)!;
    const b = bindArgs(name, def.args, undefined, [], Object.entries(kw).map(([n, value]) => ({ name: n, nameSpan: span, value, span })), span);
    expect(b.problems).toEqual([]);
    const r = def.infer(inputs, b.args, { display: name });
    return isShapeError(r) ? `${r.code ?? "DL3001"} ${r.error}` : r.type;
  };

  it("elementwise", () => {
    for (const n of ["relu", "gelu", "silu", "tanh", "sigmoid", "exp", "log", "sqrt", "abs"]) expect(call(n, [f32("B", 3)])).toEqual(f32("B", 3));
    expect(call("exp", [i32(3)])).toMatch(/^DL3003/);
    expect(call("softmax", [f32("B", 3)], { dim: -1 })).toEqual(f32("B", 3));
    expect(call("log_softmax", [f32("B", 3)], { dim: 5 })).toMatch(/^DL3008/);
    expect(call("where", [{ dtype: "bool", shape: ["B", 1] }, f32("B", 3), f32(3)])).toEqual(f32("B", 3));
    expect(call("where", [f32("B"), f32("B"), f32("B")])).toMatch(/^DL3003/);
  });

  it("reductions", () => {
    expect(call("sum", [f32("B", 3, 4)])).toEqual(f32());
    expect(call("mean", [f32("B", 3, 4)], { dim: 1 })).toEqual(f32("B", 4));
    expect(call("mean", [f32("B", 3, 4)], { dim: [1, 2], keepdim: true })).toEqual(f32("B", 1, 1));
    expect(call("max", [f32("B", 3)], { dim: -1 })).toEqual(f32("B"));
    expect(call("min", [f32("B", 3), f32(3)])).toEqual(f32("B", 3));
    expect(call("sum", [f32("B", 3)], { dim: 2 })).toMatch(/^DL3008/);
  });

  it("shape functions", () => {
    expect(call("transpose", [f32("B", 3, 4)])).toEqual(f32("B", 4, 3));
    expect(call("transpose", [f32("B", 3, 4)], { dim0: 0, dim1: 1 })).toEqual(f32(3, "B", 4));
    expect(call("concat", [f32("B", 3), f32("B", 5)], { dim: -1 })).toEqual(f32("B", 8));
    expect(call("concat", [f32("B", 3), f32("C", 5)], { dim: 1 })).toMatch(/differ in dimension 0/);
    expect(call("reshape", [f32(6, 4)], { shape: [3, -1] })).toEqual(f32(3, 8));
    expect(call("split", [f32("B", 10)], { size: 4, dim: 1 })).toEqual(f32("B", 4));
  });

  it("losses and metrics are scalars; class dim last", () => {
    expect(call("cross_entropy", [f32("B", 10), i32("B")])).toEqual(f32());
    expect(call("cross_entropy", [f32("B", "T", 96), i32("B", "T")])).toEqual(f32());
    expect(call("cross_entropy", [f32("B", 10), i32("C")])).toMatch(/expects labels of shape \[B\]/);
    expect(call("accuracy", [f32("B", 10), i32("B")])).toEqual(f32());
    expect(call("mse", [f32("B", 1), f32("B", 1)])).toEqual(f32());
    expect(call("mse", [f32("B", 1), f32("B")])).toMatch(/same shape/);
    expect(call("bce", [f32("B"), f32("B")], { logits: true })).toEqual(f32());
  });
});
