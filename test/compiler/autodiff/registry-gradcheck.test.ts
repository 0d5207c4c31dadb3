// Every differentiable op of the registry, primitive or composite, checked
// against central finite differences in float64. The test enumerates the
// registry: an op without cases here fails unless it has no float inputs or
// declares `noGrad`.

import { describe, expect, it } from "vitest";
import * as B from "../../../src/compiler/ir/builder";
import type { Node } from "../../../src/compiler/ir/builder";
import { allOps } from "../../../src/compiler/ir/registry";
import { grad } from "../../../src/compiler/autodiff/grad";
import { Graph } from "../../../src/compiler/ir/graph";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray } from "../../../src/compiler/tensor";
import { gradCheck, type ArgSpec } from "./gradcheck";
import { scan } from "../../../src/compiler/autodiff/scan";
import { attrsOf, makeNode } from "../../../src/compiler/ir/node";
import "../../../src/compiler/ir/ops/rnn-cell";

type Case = { f: (...a: Node[]) => Node; args: ArgSpec[] };
const s = (...shape: number[]): ArgSpec => ({ shape });
const pos = (...shape: number[]): ArgSpec => ({ shape, range: [0.5, 2] });
const kink = (...shape: number[]): ArgSpec => ({ shape, awayFromZero: true });
const ints = (shape: number[], values: number[]): ArgSpec => ({ shape, dtype: "i32", values });
const bools = (shape: number[], values: number[]): ArgSpec => ({ shape, dtype: "bool", values });
const un = (f: (x: Node) => Node, arg: ArgSpec = s(2, 3)): Case[] => [{ f, args: [arg] }];
const bin = (f: (a: Node, b: Node) => Node, a: (...sh: number[]) => ArgSpec = s, b = a): Case[] => [
  { f, args: [a(2, 3), b(2, 3)] },
  { f, args: [a(2, 1), b(3)] }, // broadcasting on both sides
  { f, args: [a(), b(2, 3)] }, // scalar
];
const conv = { stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2 };
const pool = { kernel: [2, 3], stride: [2, 2], padding: [1, 1] };

/**
 * detach is the one op whose rule deliberately is not its derivative
 * (stop-gradient); it is checked below against its definition instead.
 */
const NOT_FD_CHECKABLE = new Set(["detach"]);

/** Ops without float inputs: nothing to differentiate. */
const NO_FLOAT_INPUTS = new Set(["input", "const", "iota", "dim_size", "random_uniform", "random_normal", "one_hot"]);

const CASES: Record<string, Case[]> = {
  neg: un(B.neg),
  exp: un(B.exp),
  log: un(B.log, pos(2, 3)),
  sqrt: un(B.sqrt, pos(2, 3)),
  abs: un(B.abs, kink(2, 3)),
  sign: un(B.sign, kink(2, 3)),
  floor: un(B.floor, kink(2, 3)),
  round: un(B.round, kink(2, 3)),
  tanh: un(B.tanh),
  sigmoid: un(B.sigmoid, { shape: [2, 3], range: [-4, 4] }),
  relu: un(B.relu, kink(2, 3)),
  erf: un(B.erf, { shape: [2, 4], range: [-3, 3] }),
  sin: un(B.sin, { shape: [2, 4], range: [-4, 4] }),
  cos: un(B.cos, { shape: [2, 4], range: [-4, 4] }),
  add: bin(B.add),
  sub: bin(B.sub),
  mul: bin(B.mul),
  div: bin(B.div, s, pos),
  pow: bin(B.pow, pos, s),
  max: bin(B.maximum),
  min: bin(B.minimum),
  where: [
    { f: B.where, args: [bools([2, 3], [1, 0, 1, 0, 0, 1]), s(2, 3), s(2, 3)] },
    { f: B.where, args: [bools([2, 1], [1, 0]), s(3), s(2, 3)] },
  ],
  expand: [{ f: (x) => B.expand(x, [2, 3, 4]), args: [s(3, 1)] }],
  reshape: [{ f: (x) => B.reshape(x, [3, 2]), args: [s(2, 3)] }],
  permute: [{ f: (x) => B.permute(x, [2, 0, 1]), args: [s(2, 3, 4)] }],
  slice: [
    { f: (x) => B.slice(x, [1, 0], [5, 6], [2, 3]), args: [s(5, 6)] },
    { f: (x) => B.sliceAxis(x, 1, -2), args: [s(2, 4)] },
  ],
  pad: [{ f: (x) => B.pad(x, [1, 0], [0, 2], 0.5, [1, 1]), args: [s(2, 3)] }],
  concat: [{ f: (a, b, c) => B.concat([a, b, c], 1), args: [s(2, 1), s(2, 3), s(2, 2)] }],
  reduce_sum: [
    { f: (x) => B.sum(x, [1]), args: [s(2, 3, 2)] },
    { f: (x) => B.sum(x, [0, 2], true), args: [s(2, 3, 2)] },
  ],
  reduce_max: [{ f: (x) => B.amax(x, [1]), args: [s(2, 4, 2)] }],
  matmul: [
    { f: B.matmul, args: [s(2, 3), s(3, 4)] },
    { f: B.matmul, args: [s(2, 1, 2, 3), s(3, 3, 2)] },
  ],
  gather: [
    { f: (x, i) => B.gather(x, i, 0), args: [s(5, 3), ints([2, 2], [4, 0, 4, 2])] },
    { f: (x, i) => B.gather(x, i, 1), args: [s(2, 4), ints([3], [3, 3, 1])] },
  ],
  scatter_add: [{ f: (x, i) => B.scatterAdd(x, i, 0, 5), args: [s(2, 2, 3), ints([2, 2], [4, 0, 4, 2])] }],
  conv2d: [
    { f: (x, w) => B.conv2d(x, w, conv), args: [s(2, 4, 5, 5), s(4, 2, 3, 2)] },
    { f: (x, w) => B.conv2d(x, w, { padding: [1, 1] }), args: [s(1, 2, 4, 4), s(3, 2, 3, 3)] },
  ],
  // conv above on [2,4,5,5] with w [4,2,3,2]: out [2,4,3,3]
  conv2d_grad_input: [{ f: (dy, w) => B.conv2dGradInput(dy, w, [2, 4, 5, 5], conv), args: [s(2, 4, 3, 3), s(4, 2, 3, 2)] }],
  conv2d_grad_weight: [{ f: (x, dy) => B.conv2dGradWeight(x, dy, [4, 2, 3, 2], conv), args: [s(2, 4, 5, 5), s(2, 4, 3, 3)] }],
  max_pool2d: [{ f: (x) => B.maxPool2d(x, pool), args: [s(1, 2, 5, 6)] }],
  avg_pool2d: [
    { f: (x) => B.avgPool2d(x, pool), args: [s(1, 2, 5, 6)] },
    { f: (x) => B.avgPool2d(x, { ...pool, countIncludePad: false }), args: [s(1, 2, 5, 6)] },
  ],
  // pooling of [1,2,5,6] with `pool`: out [1,2,3,3]
  avg_pool2d_grad: [{ f: (dy) => B.avgPool2dGrad(dy, [1, 2, 5, 6], attrsOf(B.avgPool2d(B.input("shape-only", "f32", [1, 2, 5, 6]), pool), "avg_pool2d")), args: [s(1, 2, 3, 3)] }],
  gelu: [...un((x) => B.gelu(x), { shape: [2, 3], range: [-3, 3] }), ...un((x) => B.gelu(x, "tanh"), { shape: [2, 3], range: [-3, 3] })],
  silu: un(B.silu),
  softmax: un((x) => B.softmax(x, 1), s(2, 4)),
  log_softmax: un((x) => B.logSoftmax(x, 0), s(3, 2)),
  logsumexp: un((x) => B.logsumexp(x, [1]), s(2, 4)),
  reduce_mean: un((x) => B.mean(x, [0, 2], true), s(2, 3, 2)),
  variance: un((x) => B.variance(x, [1], false, 1), s(2, 4)),
  layer_norm: [
    { f: (x, g, b) => B.layerNorm(x, 1, 1e-5, g, b), args: [s(2, 3, 4), s(4), s(4)] },
    { f: (x) => B.layerNorm(x, 2), args: [s(2, 3, 4)] },
  ],
  rms_norm: [{ f: (x, g) => B.rmsNorm(x, 1, 1e-6, g), args: [s(3, 4), s(4)] }],
  batch_norm_train: [{ f: (x, g, b) => B.batchNormTrain(x, g, b), args: [s(3, 2, 2, 2), s(2), s(2)] }],
  batch_norm_eval: [{ f: (x, m, v, g, b) => B.batchNormEval(x, m, v, g, b), args: [s(3, 2, 2), s(2), pos(2), s(2), s(2)] }],
  attention: [
    { f: (q, k, v) => B.attention(q, k, v, true), args: [s(2, 3, 4), s(2, 3, 4), s(2, 3, 2)] },
    { f: (q, k, v) => B.attention(q, k, v, false, 0.3), args: [s(1, 2, 3), s(1, 4, 3), s(1, 4, 2)] },
  ],
  dropout: [{ f: (x, seed) => B.dropout(x, seed, 0.3, 7), args: [s(4, 5), ints([], [42])] }],
  cross_entropy: [
    { f: B.crossEntropy, args: [s(3, 4), ints([3], [0, 3, 1])] },
    { f: B.crossEntropy, args: [s(2, 2, 3), ints([2, 2], [2, 0, 1, 1])] },
  ],
  mse: [{ f: (p, t) => B.mse(p, t), args: [s(2, 3), s(2, 3)] }, { f: (p, t) => B.mse(p, t, "none"), args: [s(2, 3), s(2, 3)] }],
  l1_loss: [{ f: (p, t) => B.l1Loss(p, t, "sum"), args: [kink(2, 3), s(2, 3)] }],
  // input: log-probabilities; target: probabilities, or log-probabilities (a zero target: the PyTorch test)
  kl_div: [
    { f: (x, t) => B.klDiv(x, t, "batchmean"), args: [s(2, 3), pos(2, 3)] },
    { f: (x, t) => B.klDiv(x, t, "none", true), args: [s(2, 3), s(2, 3)] },
  ],
  // state [R, S], step input [R, G·H], W_hh [G·H, H], b_hh
  rnn_cell: [
    { f: (st, x, w, b) => makeNode("rnn_cell", [st, x, w, b], { cell: "LSTM" }), args: [s(2, 4), s(2, 8), s(8, 2), s(8)] },
    { f: (st, x, w) => makeNode("rnn_cell", [st, x, w], { cell: "GRU" }), args: [s(2, 2), s(2, 6), s(6, 2)] },
    { f: (st, x, w) => makeNode("rnn_cell", [st, x, w], { cell: "RNN", act: "relu" }), args: [kink(2, 2), s(2, 2), s(2, 2)] },
  ],
  // init [R, S], xs [R, T, X], consts; forward and reversed
  scan: [
    { f: (i, xs, w, b) => scan(i, xs, [w, b], "rnn_cell", { cell: "LSTM" }), args: [s(2, 4), s(2, 3, 8), s(8, 2), s(8)] },
    { f: (i, xs, w) => scan(i, xs, [w], "rnn_cell", { cell: "GRU" }, true), args: [s(2, 2), s(2, 3, 6), s(6, 2)] },
    // time-major (xs [T, R, X]), as WebGPU's time loops run it
    { f: (i, xs, w) => scan(i, xs, [w], "rnn_cell", { cell: "RNN", axis: 0 }), args: [s(2, 2), s(3, 2, 2), s(2, 2)] },
  ],
  // [c | g], [dy | s_prev | x], consts (second order: the derivative of a scan's derivative)
  scan_adjoint: [
    { f: (st, z, w) => makeNode("scan_adjoint", [st, z, w], { of: "rnn_cell", cell: "GRU" }), args: [s(2, 4), s(2, 10), s(6, 2)] },
  ],
  softplus: [...un((x) => B.softplus(x), { shape: [2, 4], range: [-3, 3] }), ...un((x) => B.softplus(x, 2, 1), { shape: [2, 4], range: [-2, 2], awayFromZero: true })],
  leaky_relu: un((x) => B.leakyRelu(x, 0.2), kink(2, 3)),
  elu: un((x) => B.elu(x, 1.5), kink(2, 3)),
  mish: un(B.mish, { shape: [2, 4], range: [-3, 3] }),
  huber_loss: [{ f: (p, t) => B.huberLoss(p, t, 0.5), args: [s(2, 3), s(2, 3)] }, { f: (p, t) => B.huberLoss(p, t, 1, "sum"), args: [s(2, 3), s(2, 3)] }],
  nll_loss: [
    { f: (lp, y) => B.nllLoss(lp, y), args: [s(2, 3, 4), ints([2, 3], [0, 3, 1, 2, 2, 0])] },
    // class weights, an ignored label (-100), label smoothing: the weighted mean over the targets kept
    { f: (lp, y, w) => B.nllLoss(lp, y, { weight: w, ignoreIndex: -100, labelSmoothing: 0.2 }), args: [s(2, 3, 4), ints([2, 3], [0, -100, 1, 2, 3, 0]), pos(4)] },
    { f: (lp, y) => B.nllLoss(lp, y, { ignoreIndex: 1, reduction: "none" }), args: [s(5, 3), ints([5], [0, 1, 2, 1, 0])] },
    { f: (lp, y, w) => B.nllLoss(lp, y, { weight: w, reduction: "sum" }), args: [s(4, 3), ints([4], [0, 1, 2, 1]), pos(3)] },
  ],
  cumsum: [{ f: (x) => B.cumsum(x, 1), args: [s(2, 3, 2)] }, { f: (x) => B.cumsum(x, -1), args: [s(2, 4)] }],
  bce: [{ f: (p, t) => B.bce(p, t, "sum"), args: [{ shape: [2, 3], range: [0.1, 0.9] }, { shape: [2, 3], range: [0, 1] }] }],
  bce_with_logits: [
    { f: (z, t) => B.bceWithLogits(z, t), args: [kink(2, 3), { shape: [2, 3], range: [0, 1] }] },
    { f: (z, t, pw) => B.bceWithLogits(z, t, pw, "none"), args: [kink(2, 3), { shape: [2, 3], range: [0, 1] }, pos(3)] },
  ],
};

describe("registry-wide gradient check (float64, central differences)", () => {
  const ops = allOps();

  it("every op is covered, exempt for lack of float inputs, or declares noGrad", () => {
    const missing = ops
      .filter((d) => !NO_FLOAT_INPUTS.has(d.name) && !NOT_FD_CHECKABLE.has(d.name) && !d.noGrad && !CASES[d.name] && !d.name.startsWith("test_"))
      .map((d) => d.name);
    expect(missing).toEqual([]);
    const stale = Object.keys(CASES).filter((n) => !ops.some((d) => d.name === n));
    expect(stale).toEqual([]);
  });

  it("every op with float inputs can be differentiated (vjp, expansion or a stated reason)", () => {
    for (const d of ops) {
      if (NO_FLOAT_INPUTS.has(d.name)) continue;
      expect(Boolean(d.vjp || d.expand || d.noGrad), d.name).toBe(true);
    }
  });

  it("detach passes values and stops gradients", () => {
    const x = B.input("x", "f32", [3]);
    const [g] = grad(B.sum(B.mul(B.detach(x), x)), [x]);
    // d/dx Σ detach(x)·x = detach(x) = x: only the undetached path counts
    const out = runReference(new Graph([{ name: "x", node: x, role: "data" }], [{ name: "g", node: g }]), {
      x: fromArray([1, -2, 3], [3]),
    });
    expect(Array.from(out.g.data)).toEqual([1, -2, 3]);
  });

  for (const [name, cases] of Object.entries(CASES)) {
    cases.forEach((c, i) => {
      it(`${name} #${i}`, () => {
        const r = gradCheck(c.f, c.args, 17 + i);
        expect(r.checked).toBeGreaterThan(0);
        expect(r.worst, r.where).toBeLessThanOrEqual(1);
      });
    });
  }
});
