// Every ONNX rule against the reference interpreter, with ONNX Runtime as the
// runner: per op family a small IR graph with a symbolic batch dim, exported,
// run in onnxruntime-node at two batch sizes on random inputs, and compared.

import { describe, expect, it } from "vitest";
import * as B from "../../../../src/compiler/ir/builder";
import { GraphBuilder, type Node } from "../../../../src/compiler/ir/builder";
import { specialize, type Graph } from "../../../../src/compiler/ir/graph";
import { allOps } from "../../../../src/compiler/ir/registry";
import { productOf, evalShape } from "../../../../src/compiler/ir/types";
import { exportOnnx } from "../../../../src/compiler/codegen/onnx/export";
import { decodeModel, DEFAULT_OPSET, MIN_OPSET } from "../../../../src/compiler/codegen/onnx/proto";
import { ruleNames } from "../../../../src/compiler/codegen/onnx/rules/index";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import type { Tensor } from "../../../../src/compiler/tensor";
import { maxRelDiff, randomData, runOrt } from "./ort";
import { scan } from "../../../../src/compiler/autodiff/scan";
import "../../../../src/compiler/ir/ops/rnn-cell";

interface Case {
  name: string;
  build(b: GraphBuilder): void;
  /** Value range of each input (integers for i32); default [-1, 1). */
  ranges?: Record<string, [number, number]>;
  opset?: number;
  /** Bindings of the symbolic dims to run at; default batch 1 and 3. */
  envs?: Record<string, number>[];
}

const ps = (n: Node) => B.add(B.abs(n), 0.1); // positive

const CASES: Case[] = [
  {
    // Fresh random numbers on every run (RandomUniformLike, opset <= 21): only their range is comparable.
    name: "random_uniform in [0, 1)",
    opset: 21,
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 4]);
      const r = B.randomUniform(b.input("seed", "i32", [], "seed"), ["batch", 4], 7);
      b.output("low", B.ge(r, 0));
      b.output("high", B.lt(r, 1));
      b.output("y", B.add(x, B.mul(r, 0)));
    },
  },
  {
    // RandomNormalLike: fresh numbers on every run; finite, and the batch dim follows the input (distribution: test/runtime/random.test.ts).
    name: "random_normal",
    opset: 21,
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 4]);
      const r = B.randomNormal(b.input("seed", "i32", [], "seed"), ["batch", 4], 7);
      b.output("finite", B.lt(B.abs(r), 100));
      b.output("y", B.add(x, B.mul(r, 0)));
    },
  },
  {
    // Training-only ops (the exported training step; more cases in train-step.test.ts).
    name: "gradients of convolution and pooling",
    envs: [{}],
    build: (b) => {
      const x = b.input("x", "f32", [2, 3, 10, 10]);
      b.output("dw", B.conv2dGradWeight(x, b.input("dy", "f32", [2, 4, 4, 4]), [4, 3, 3, 3], { stride: [2, 2] }));
      const xp = b.input("xp", "f32", [2, 3, 9, 9]);
      const dp = b.input("dp", "f32", [2, 3, 5, 5]);
      const pool = { kernel: [3, 3], stride: [2, 2], padding: [1, 1] };
      b.output("max", B.maxPool2dGrad(xp, dp, pool));
      b.output("avg", B.avgPool2dGrad(dp, [2, 3, 9, 9], { ...pool, count_include_pad: false }));
    },
  },
  {
    name: "unary",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 5]);
      for (const [k, f] of Object.entries({ neg: B.neg, exp: B.exp, tanh: B.tanh, sigmoid: B.sigmoid, relu: B.relu, erf: B.erf, sign: B.sign, abs: B.abs, detach: B.detach, sin: B.sin, cos: B.cos, floor: B.floor, round: B.round })) {
        b.output(k, f(x));
      }
      b.output("log", B.log(ps(x)));
      b.output("sqrt", B.sqrt(ps(x)));
    },
  },
  {
    name: "binary, broadcasting",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 1, 4]);
      const y = b.input("y", "f32", [3, 4]);
      b.output("add", B.add(x, y));
      b.output("sub", B.sub(x, y));
      b.output("mul", B.mul(x, 2.5));
      b.output("div", B.div(x, ps(y)));
      b.output("pow", B.pow(ps(x), y));
      b.output("max", B.maximum(x, y));
      b.output("min", B.minimum(x, y));
      b.output("where", B.where(B.gt(x, y), x, B.mul(y, 3)));
    },
  },
  {
    name: "comparisons and casts (i32, bool)",
    ranges: { i: [-3, 3], j: [-3, 3] },
    build: (b) => {
      const i = b.input("i", "i32", ["batch", 6]);
      const j = b.input("j", "i32", [6]);
      for (const [k, f] of Object.entries({ lt: B.lt, le: B.le, gt: B.gt, ge: B.ge, eq: B.eq, ne: B.ne })) b.output(k, f(i, j));
      b.output("sum_i32", B.add(B.mul(i, j), 7));
      const x = b.input("x", "f32", ["batch", 6]);
      b.output("trunc", B.cast(B.mul(x, 4), "i32"));
      b.output("from_bool", B.cast(B.lt(x, 0), "f32"));
      const p = B.gt(i, 0);
      const q = B.lt(x, 0);
      b.output("bool_where", B.where(B.lt(i, j), p, q));
      b.output("bool_lt", B.lt(p, q));
      b.output("bool_ge", B.ge(p, q));
      b.output("bool_eq", B.eq(p, q));
    },
  },
  {
    name: "sources: constants, iota, dim_size over a symbolic batch",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 4]);
      b.output("fill", B.add(B.full(["batch", 4], 1.5), x));
      b.output("small", B.mul(B.full([1, 4], -2), x));
      b.output("iota0", B.cast(B.iota(["batch", 4], 0), "f32"));
      b.output("iota1", B.add(B.cast(B.iota(["batch", 4], 1, "i32"), "f32"), x));
      b.output("count", B.mul(B.sum(x), B.reciprocal(B.dimSize(["batch", 4]))));
    },
  },
  {
    name: "movement: expand, reshape, permute, concat",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 1, 3]);
      const y = b.input("y", "f32", ["batch", 2, 3]);
      b.output("expand", B.expand(x, ["batch", 2, 3]));
      b.output("expand_new_axes", B.expand(x, [2, "batch", 4, 3]));
      b.output("flatten", B.reshape(y, ["batch", 6]));
      b.output("split_batch", B.reshape(B.reshape(y, ["batch", 6]), [2, "batch", 3]));
      b.output("permute", B.permute(y, [2, 0, 1]));
      b.output("concat", B.concat([x, y, x], 1));
    },
  },
  {
    name: "movement: slice, pad",
    build: (b) => {
      const y = b.input("y", "f32", ["batch", 7, 5]);
      b.output("slice", B.slice(y, [0, 1, 0], ["batch", 6, 5], [1, 2, 3]));
      b.output("last", B.sliceAxis(y, 0, -1));
      b.output("tail", B.sliceAxis(y, 1, -3));
      b.output("pad", B.pad(y, [0, 1, 2], [0, 2, 0], -0.5));
      b.output("interior", B.pad(B.sliceAxis(y, 0, 0, 1), [0, 1, 0], [1, 0, 0], 0, [0, 2, 1]));
    },
  },
  {
    name: "symbolic spatial sizes: shapes computed in the graph from dim formulas",
    envs: [{ batch: 1, H: 6, W: 5 }, { batch: 2, H: 9, W: 8 }],
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 2, "H", "W"]);
      const y = B.conv2d(x, b.param("conv.weight", [3, 2, 3, 3]), { stride: [2, 2], padding: [1, 1] });
      b.output("conv", y);
      b.output("flat", B.reshape(y, ["batch", productOf(y.shape.slice(1))]));
      b.output("rows", B.reshape(x, [productOf(["batch", 2, "H"]), "W"]));
      b.output("fill", B.add(B.full(y.shape, 0.5), y));
      b.output("mean", B.mul(B.sum(y), B.reciprocal(B.dimSize(y.shape))));
    },
  },
  {
    name: "reductions",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 4, 5]);
      b.output("sum", B.sum(x, 1));
      b.output("sum_keep", B.sum(x, [0, 2], true));
      b.output("sum_all", B.sum(x));
      b.output("max", B.amax(x, -1));
      b.output("min", B.amin(x, [1, 2], true));
      b.output("argmax", B.argmax(x, 1));
    },
  },
  {
    name: "matmul",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 3, 4]);
      const w = b.param("fc.weight", [5, 4]);
      const bias = b.param("fc.bias", [5]);
      b.output("linear", B.add(B.matmul(x, B.transpose(w)), bias));
      b.output("batched", B.matmul(x, B.transpose(x)));
    },
  },
  {
    name: "conv and pool",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 2, 7, 7]);
      const w = b.param("conv.weight", [4, 2, 3, 3]);
      const wg = b.param("convg.weight", [4, 1, 3, 3]);
      b.output("conv", B.conv2d(x, w, { padding: [1, 1] }));
      b.output("strided", B.conv2d(x, w, { stride: [2, 2], dilation: [1, 2] }));
      b.output("grouped", B.conv2d(x, wg, { groups: 2, padding: [1, 0] }));
      const y = B.conv2d(x, w, { stride: [2, 2], padding: [1, 1] });
      b.output("transposed", B.conv2dGradInput(y, w, ["batch", 2, 7, 7], { stride: [2, 2], padding: [1, 1] }));
      b.output("maxpool", B.maxPool2d(x, { kernel: [2, 2] }));
      b.output("maxpool_pad", B.maxPool2d(x, { kernel: [3, 3], stride: [2, 2], padding: [1, 1] }));
      b.output("avgpool", B.avgPool2d(x, { kernel: [3, 3], stride: [2, 2], padding: [1, 1] }));
      b.output("avgpool_excl", B.avgPool2d(x, { kernel: [3, 3], stride: [2, 2], padding: [1, 1], countIncludePad: false }));
    },
  },
  {
    name: "gather and scatter_add",
    ranges: { tokens: [0, 10], idx: [0, 6] },
    build: (b) => {
      const table = b.param("emb.weight", [10, 4]);
      const tokens = b.input("tokens", "i32", ["batch", 5]);
      b.output("embed", B.gather(table, tokens, 0));
      // a computed index's check is an Identity in ONNX (ONNX Runtime checks Gather itself)
      b.output("shifted", B.gather(table, B.checkIndex(tokens, 10, "a table of 10 rows", "Embedding 'emb'"), 0));
      const src = b.input("src", "f32", ["batch", 4, 3]);
      const idx = b.input("idx", "i32", [4]);
      b.output("scatter", B.scatterAdd(src, idx, 1, 6));
    },
  },
  {
    name: "composites with an ONNX op",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 3, 8]);
      const g = b.param("ln.weight", [8]);
      const beta = b.param("ln.bias", [8]);
      b.output("gelu", B.gelu(x));
      b.output("gelu_tanh", B.gelu(x, "tanh"));
      b.output("silu", B.silu(x));
      b.output("softmax", B.softmax(x, -1));
      b.output("softmax1", B.softmax(x, 1));
      b.output("log_softmax", B.logSoftmax(x, -1));
      b.output("layer_norm", B.layerNorm(x, 1, 1e-5, g, beta));
      b.output("layer_norm_plain", B.layerNorm(x, 2));
      b.output("mean", B.mean(x, [1, 2]));
      b.output("logsumexp", B.logsumexp(x, -1, true));
      // p = 0: the reference's training-mode dropout is then the identity too.
      b.output("dropout", B.dropout(x, b.input("seed", "i32", [], "seed"), 0));
    },
  },
  {
    name: "normalisation ops from newer opsets",
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 3, 4, 4]);
      b.output("rms", B.rmsNorm(x, 1, 1e-6, b.param("rms.weight", [4])));
      const mean = b.input("bn.running_mean", "f32", [3], "state");
      const v = b.input("bn.running_var", "f32", [3], "state");
      b.output("bn", B.batchNormEval(x, mean, B.add(B.abs(v), 0.5), b.param("bn.weight", [3]), b.param("bn.bias", [3])));
    },
  },
  {
    name: "attention (ONNX Attention where it applies, else expanded)",
    build: (b) => {
      const q = b.input("q", "f32", ["batch", 2, 4, 8]);
      const kv = b.input("kv", "f32", ["batch", 2, 6, 8]);
      b.output("causal", B.attention(q, B.mul(q, 0.5), B.neg(q), true));
      b.output("cross", B.attention(q, kv, B.tanh(kv), false, 0.3));
      b.output("cross_causal", B.attention(q, kv, kv, true));
      const x = b.input("x", "f32", ["batch", 5, 8]);
      b.output("rank3", B.attention(x, x, x, true));
    },
  },
  {
    name: "composites exported as their expansion",
    ranges: { labels: [0, 5] },
    build: (b) => {
      const q = b.input("q", "f32", ["batch", 2, 4, 8]);
      b.output("attention", B.attention(q, B.mul(q, 0.5), B.neg(q), true));
      b.output("variance", B.variance(q, -1, false, 1));
      const logits = b.input("logits", "f32", ["batch", 5]);
      b.output("ce", B.crossEntropy(logits, b.input("labels", "i32", ["batch"])));
      b.output("mse", B.mse(logits, B.tanh(logits)));
      b.output("bn_train", B.batchNormTrain(q, b.param("bn.weight", [2]), b.param("bn.bias", [2])));
    },
  },
  {
    // A loop over a symbolic length, both directions (recurrent layers use it).
    name: "scan over a symbolic axis (ONNX Scan)",
    envs: [{ batch: 2, T: 4 }, { batch: 1, T: 9 }],
    build: (b) => {
      const x = b.input("x", "f32", ["batch", "T", 6]);
      const h0 = b.input("h0", "f32", ["batch", 2]);
      b.output("gru", scan(h0, x, [b.param("gru.w", [6, 2]), b.param("gru.b", [6])], "rnn_cell", { cell: "GRU" }));
      const x8 = B.concat([x, B.tanh(x), B.sliceAxis(x, 2, 0, 4)], 2);
      b.output("lstm_reversed", scan(B.full(["batch", 4], 0), x8, [b.param("lstm.w", [16, 2])], "rnn_cell", { cell: "LSTM" }, true));
    },
  },
  {
    name: "older opset (Gelu and SiLU expanded)",
    opset: 18,
    build: (b) => {
      const x = b.input("x", "f32", ["batch", 6]);
      b.output("y", B.layerNorm(B.silu(B.gelu(x))));
    },
  },
];

function randomTensor(n: Node, shape: number[], seed: number, range?: [number, number]): Tensor {
  const count = shape.reduce((a, d) => a * d, 1);
  const [lo, hi] = range ?? [-1, 1];
  const r = randomData(count, seed, lo, hi);
  if (n.dtype === "i32") return { dtype: "i32", shape, data: Int32Array.from(r, Math.floor) };
  if (n.dtype === "bool") return { dtype: "bool", shape, data: Uint8Array.from(r, (v) => (v > 0 ? 1 : 0)) };
  return { dtype: "f32", shape, data: r };
}

function build(c: Case): Graph {
  const b = new GraphBuilder();
  c.build(b);
  return b.build();
}

async function checkCase(c: Case) {
  const graph = build(c);
  const params = new Map<string, Tensor>();
  graph.inputs.forEach((i, k) => {
    if (i.role !== "data") params.set(i.name, randomTensor(i.node, i.node.shape as number[], 1000 + k, c.ranges?.[i.name]));
  });
  const { bytes, diagnostics } = exportOnnx(graph, { params, opset: c.opset, name: c.name });
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  for (const env of c.envs ?? [{ batch: 1 }, { batch: 3 }]) {
    const batch = JSON.stringify(env);
    const feeds: Record<string, Tensor> = {};
    graph.inputs.forEach((i, k) => {
      if (i.role === "data") feeds[i.name] = randomTensor(i.node, evalShape(i.node.shape, env) as number[], 17 * (env.batch ?? 1) + k, c.ranges?.[i.name]);
    });
    const got = await runOrt(bytes, feeds);
    const want = runReference(specialize(graph, env), { ...feeds, ...Object.fromEntries(params) });
    for (const o of graph.outputs) {
      const g = got[o.name];
      const w = want[o.name];
      expect(g, `output ${o.name}`).toBeDefined();
      expect(g.shape, `shape of ${o.name} at batch ${batch}`).toEqual(w.shape);
      const diff = maxRelDiff(Array.from(g.data), Array.from(w.data));
      expect(diff, `${o.name} at batch ${batch}`).toBeLessThan(1e-4);
    }
  }
  return graph;
}

const covered = new Set<string>();

describe("exportOnnx against ONNX Runtime and the reference interpreter", () => {
  for (const c of CASES) {
    // Each case at the oldest, a middle and the default opset (newer ops fall back to expansions).
    for (const opset of c.opset ? [c.opset] : [MIN_OPSET, 22, DEFAULT_OPSET]) {
      it(`${c.name} (opset ${opset})`, async () => {
        const graph = await checkCase({ ...c, opset });
        for (const n of graph.nodes()) covered.add(n.op);
      });
    }
  }

  it("covers every op that has an ONNX rule (run after the cases)", () => {
    const ruled = allOps().filter((d) => d.onnx).map((d) => d.name);
    const untested = ruled.filter((op) => !covered.has(op));
    expect(untested, "ops with an ONNX rule but no export test").toEqual([]);
  });
});

describe("the op registry and the ONNX rules", () => {
  it("has a rule or an expansion for every op", () => {
    const ops = allOps().filter((d) => d.name !== "input");
    const mapped = ops.filter((d) => d.onnx).map((d) => d.name).sort();
    const expanded = ops.filter((d) => !d.onnx && d.expand).map((d) => d.name).sort();
    const unsupported = ops.filter((d) => !d.onnx && !d.expand).map((d) => d.name).sort();
    // The lists, for whoever reads the test log.
    console.log(`ONNX rules: ${mapped.join(" ")}\nexported expanded: ${expanded.join(" ")}\nno ONNX form: ${unsupported.join(" ")}`);
    expect(unsupported, "primitives with neither an ONNX rule nor an expansion").toEqual([]);
  });

  it("attaches every rule to an op that exists", () => {
    const names = new Set(allOps().map((d) => d.name));
    expect(ruleNames().filter((n) => !names.has(n))).toEqual([]);
  });
});

describe("inference export", () => {
  it("exports dropout as the identity and drops the unused seed input", async () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 4]);
    b.output("y", B.dropout(x, b.input("seed", "i32", [], "seed"), 0.5));
    const { bytes, diagnostics } = exportOnnx(b.build());
    expect(diagnostics).toEqual([]);
    const m = decodeModel(bytes, "t.onnx");
    expect(m.graph!.input!.map((i) => i.name)).toEqual(["x"]);
    const feed: Tensor = { dtype: "f32", shape: [2, 4], data: randomData(8, 5) };
    expect((await runOrt(bytes, { x: feed })).y.data).toEqual(feed.data);
  });
});

describe("export diagnostics", () => {
  it("reports random numbers (training dropout) at opset 22 and later as DL5002 and produces no bytes", () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 4]);
    const seed = b.input("seed", "i32", [], "seed");
    b.output("y", B.mul(x, B.randomUniform(seed, ["batch", 4])));
    b.output("z", B.add(x, B.randomUniform(seed, ["batch", 4], 1)));
    const { bytes, diagnostics } = exportOnnx(b.build(), { file: "net.dlnet" });
    expect(bytes.length).toBe(0);
    expect(diagnostics.map((d) => `${d.code} ${d.file} ${d.message}`)).toEqual([
      "DL5002 net.dlnet op 'random_uniform' cannot be expressed in ONNX opset 26: random numbers (Dropout, rand, randn) need opset 21 or older: ONNX Runtime 1.30 cannot run the opset-22 RandomUniformLike and RandomNormalLike",
    ]);
  });

  it("reports a size that no input axis determines", () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 4]);
    b.output("y", B.add(B.sum(x), B.sum(B.full(["K", 4], 1))));
    expect(exportOnnx(b.build()).diagnostics.map((d) => d.message)).toEqual([
      "op 'const' cannot be expressed in ONNX opset 26: the size 'K' is not the size of any input axis, so ONNX cannot compute it",
    ]);
  });

  it("refuses a training graph whose state outputs reuse their inputs' names", () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 3]);
    const mean = b.input("bn.running_mean", "f32", [3], "state");
    b.output("y", B.sub(x, mean));
    b.output("bn.running_mean", B.add(B.mul(mean, 0.9), B.mul(B.mean(x, 0), 0.1)));
    expect(exportOnnx(b.build()).diagnostics.map((d) => d.message)).toEqual([
      "output 'bn.running_mean' has the name of an input (a training graph's state update?); export the inference graph",
    ]);
  });

  it("rejects an opset outside the supported range", () => {
    const b = new GraphBuilder();
    b.output("y", B.relu(b.input("x", "f32", [2])));
    expect(exportOnnx(b.build(), { opset: 12 }).diagnostics[0].message).toMatch(/opset 12 is not supported: dlnet exports opsets 18 to 26/);
  });

  it("reports a parameter value of the wrong shape", () => {
    const b = new GraphBuilder();
    b.output("y", B.matmul(b.input("x", "f32", [1, 2]), b.param("w", [2, 3])));
    const params = new Map<string, Tensor>([["w", { dtype: "f32", shape: [3, 2], data: new Float32Array(6) }]]);
    expect(exportOnnx(b.build(), { params }).diagnostics.map((d) => d.message)).toEqual([
      "the value of 'w' has shape [3, 2], the graph expects [2, 3]",
    ]);
  });
});
