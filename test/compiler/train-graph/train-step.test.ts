import { describe, expect, it } from "vitest";
import * as B from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import { expandComposites, specialize, type Graph } from "../../../src/compiler/ir/graph";
import { printGraph } from "../../../src/compiler/ir/print";
import { expectBaseline } from "../syntax/baseline";
import { buildGradStep, buildTrainStep, buildUpdateStep, gradName } from "../../../src/compiler/train-graph/build";
import { lrAt } from "../../../src/compiler/train-graph/schedules";
import type { OptimizerSpec } from "../../../src/compiler/train-graph/optimizers";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray, scalar, makeTensor, type Tensor } from "../../../src/compiler/tensor";

/** loss = Σ c·w + ½ Σ w²  ⇒  ∂loss/∂w = c + w, easy to follow by hand. */
const C = [0.5, -1.5, 2.0, 0.25];
function quadratic(): Graph {
  const b = new GraphBuilder();
  const w = b.param("w", [4]);
  const c = b.input("c", "f32", [4]);
  b.output("loss", B.add(B.sum(B.mul(c, w)), B.mul(B.sum(B.mul(w, w)), 0.5)));
  return b.build();
}

/** Runs `steps` updates, feeding outputs named like inputs back (the runtime's convention). */
function train(step: Graph, init: Record<string, Tensor>, steps: number, lr = 0.1): Record<string, Tensor>[] {
  let state: Record<string, Tensor> = { ...init };
  const outs: Record<string, Tensor>[] = [];
  for (let t = 1; t <= steps; t++) {
    const feed: Record<string, Tensor> = { ...state, lr: scalar(lr, "f64"), step: scalar(t, "f64") };
    for (const i of step.inputs) if (!feed[i.name]) feed[i.name] = makeTensor("f32", i.node.shape as number[]); // zeros
    const out = runReference(step, feed, { f64: true });
    outs.push(out);
    for (const i of step.inputs) if (out[i.name]) state = { ...state, [i.name]: out[i.name] };
  }
  return outs;
}

const W0 = [1, -2, 0.5, 3];
const init = () => ({ w: fromArray(W0, [4]), c: fromArray(C, [4]) });

function expectClose(actual: Tensor, expected: number[], tol = 1e-12) {
  expect(actual.data.length).toBe(expected.length);
  actual.data.forEach((v, i) => expect(Math.abs(v - expected[i]), `[${i}] ${v} vs ${expected[i]}`).toBeLessThan(tol));
}

describe("optimizers (PyTorch formulas)", () => {
  it("one SGD step moves each parameter by -lr × gradient", () => {
    const out = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: { kind: "sgd", lr: 0.1 } }), init(), 1, 0.1)[0];
    expectClose(out.w, W0.map((w, i) => w - 0.1 * (C[i] + w)));
  });

  it("SGD step on an MLP equals -lr × the gradient graph's gradients", () => {
    const fwd = specialize(tinyMlp(), { batch: 3 });
    const feed = mlpFeed();
    const grads = runReference(buildGradStep(fwd, { loss: "loss" }), feed, { f64: true });
    const out = runReference(buildTrainStep(fwd, { loss: "loss", optimizer: { kind: "sgd", lr: 0.5 } }), { ...feed, lr: scalar(0.5, "f64"), step: scalar(1, "f64") }, { f64: true });
    for (const p of ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]) {
      const g = grads[gradName(p)].data;
      expect(g.some((v) => v !== 0)).toBe(true);
      expectClose(out[p], Array.from(feed[p].data, (w, i) => w - 0.5 * g[i]), 1e-6);
    }
  });

  it("Adam, two steps, against the textbook formula", () => {
    const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.1];
    const outs = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: { kind: "adam", lr } }), init(), 2, lr);
    let w = W0.slice();
    let m = [0, 0, 0, 0];
    let v = [0, 0, 0, 0];
    for (let t = 1; t <= 2; t++) {
      const g = w.map((x, i) => C[i] + x);
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] * g[i]);
      const mh = m.map((x) => x / (1 - b1 ** t));
      const vh = v.map((x) => x / (1 - b2 ** t));
      // PyTorch divides √v by √bc₂ before adding ε: same as √v̂ + ε
      w = w.map((x, i) => x - (lr * mh[i]) / (Math.sqrt(vh[i]) + eps));
      expectClose(outs[t - 1].w, w);
      expectClose(outs[t - 1]["optim.w.exp_avg"], m);
      expectClose(outs[t - 1]["optim.w.exp_avg_sq"], v);
    }
    // sanity: Adam's first step moves every weight by ≈ lr
    expect(Math.abs(outs[0].w.data[0] - W0[0])).toBeCloseTo(0.1, 6);
  });

  it("AdamW decays decoupled from the gradient", () => {
    const [b1, b2, eps, lr, wd] = [0.8, 0.99, 1e-8, 0.05, 0.1];
    const spec: OptimizerSpec = { kind: "adamw", lr, betas: [b1, b2], weightDecay: wd };
    const outs = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: spec }), init(), 2, lr);
    let w = W0.slice();
    let m = [0, 0, 0, 0];
    let v = [0, 0, 0, 0];
    for (let t = 1; t <= 2; t++) {
      const g = w.map((x, i) => C[i] + x);
      w = w.map((x) => x * (1 - lr * wd));
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] * g[i]);
      w = w.map((x, i) => x - (lr * m[i]) / (1 - b1 ** t) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps));
      expectClose(outs[t - 1].w, w);
    }
  });

  it("SGD with momentum, nesterov and weight decay, three steps", () => {
    const [lr, mu, wd] = [0.1, 0.9, 0.01];
    const outs = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: { kind: "sgd", lr, momentum: mu, nesterov: true, weightDecay: wd } }), init(), 3, lr);
    let w = W0.slice();
    let buf: number[] | null = null;
    for (let t = 1; t <= 3; t++) {
      const g = w.map((x, i) => C[i] + x + wd * x);
      buf = buf ? buf.map((b, i) => mu * b + g[i]) : g.slice();
      const d = g.map((gi, i) => gi + mu * buf![i]);
      w = w.map((x, i) => x - lr * d[i]);
      expectClose(outs[t - 1].w, w);
    }
  });

  it("SGD with dampening takes the raw gradient on the first step", () => {
    const [lr, mu, damp] = [0.1, 0.5, 0.3];
    const outs = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: { kind: "sgd", lr, momentum: mu, dampening: damp } }), init(), 2, lr);
    let w = W0.slice();
    let buf: number[] | null = null;
    for (let t = 1; t <= 2; t++) {
      const g = w.map((x, i) => C[i] + x);
      buf = buf ? buf.map((b, i) => mu * b + (1 - damp) * g[i]) : g.slice();
      w = w.map((x, i) => x - lr * buf![i]);
      expectClose(outs[t - 1].w, w);
    }
  });

  it("RMSprop (centered, momentum), three steps", () => {
    const [lr, alpha, eps, mu] = [0.01, 0.9, 1e-8, 0.5];
    const outs = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: { kind: "rmsprop", lr, alpha, momentum: mu, centered: true } }), init(), 3, lr);
    let w = W0.slice();
    let sq = [0, 0, 0, 0];
    let ga = [0, 0, 0, 0];
    let buf = [0, 0, 0, 0];
    for (let t = 1; t <= 3; t++) {
      const g = w.map((x, i) => C[i] + x);
      sq = sq.map((s, i) => alpha * s + (1 - alpha) * g[i] * g[i]);
      ga = ga.map((a, i) => alpha * a + (1 - alpha) * g[i]);
      const avg = sq.map((s, i) => Math.sqrt(s - ga[i] * ga[i]) + eps);
      buf = buf.map((b, i) => mu * b + g[i] / avg[i]);
      w = w.map((x, i) => x - lr * buf[i]);
      expectClose(outs[t - 1].w, w, 1e-10);
    }
  });
});

describe("clipping, accumulation, frozen parameters", () => {
  it("clips by global norm like clip_grad_norm_", () => {
    const out = train(buildTrainStep(quadratic(), { loss: "loss", optimizer: { kind: "sgd", lr: 1 }, clip: 1 }), init(), 1, 1)[0];
    const g = W0.map((w, i) => C[i] + w);
    const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
    expect(Math.abs(out.grad_norm.data[0] - norm)).toBeLessThan(1e-12);
    const coef = Math.min(1, 1 / (norm + 1e-6));
    expectClose(out.w, W0.map((w, i) => w - coef * g[i]));
  });

  it("grad step + update step equals the fused step", () => {
    const fwd = specialize(tinyMlp(), { batch: 3 });
    const feed = mlpFeed();
    const o = { loss: "loss", optimizer: { kind: "adam", lr: 0.01 } as OptimizerSpec, clip: 0.5 };
    const fused = train(buildTrainStep(fwd, o), feed, 1, 0.01)[0];
    const grads = runReference(buildGradStep(fwd, o), feed, { f64: true });
    const upd = buildUpdateStep(fwd, o);
    const split = train(upd, { ...feed, ...Object.fromEntries(Object.entries(grads).filter(([k]) => k.startsWith("grad."))) }, 1, 0.01)[0];
    for (const p of ["fc1.weight", "fc2.bias", "optim.fc1.weight.exp_avg_sq", "grad_norm"]) expectClose(split[p], Array.from(fused[p].data), 1e-12);
  });

  it("frozen parameters get no gradient nodes", () => {
    const fwd = tinyMlp();
    const all = buildTrainStep(fwd, { loss: "loss", optimizer: { kind: "sgd", lr: 0.1 } });
    const frozen = buildTrainStep(fwd, { loss: "loss", optimizer: { kind: "sgd", lr: 0.1 }, trainable: ["fc2.weight", "fc2.bias"] });
    const matmuls = (g: Graph) => g.nodes().filter((n) => n.op === "matmul").length;
    expect(matmuls(all)).toBe(2 + 3); // forward 2; dW2, dh, dW1
    expect(matmuls(frozen)).toBe(2 + 1); // only dW2: nothing flows into layer 1
    expect(frozen.outputs.map((o) => o.name)).not.toContain("fc1.weight");
    expect(frozen.inputs.find((i) => i.name === "fc1.weight")!.role).toBe("frozen");
  });
});

describe("schedules (host side)", () => {
  it("warmup, cosine, step, linear", () => {
    expect(lrAt(1, { kind: "constant", warmup: 4 }, 0, 100)).toBe(0.25);
    expect(lrAt(1, { kind: "constant", warmup: 4 }, 3, 100)).toBe(1);
    expect(lrAt(1, { kind: "cosine", warmup: 10 }, 10, 110)).toBe(1);
    expect(lrAt(1, { kind: "cosine", warmup: 10 }, 60, 110)).toBeCloseTo(0.5, 12);
    expect(lrAt(1, { kind: "cosine" }, 100, 100)).toBeCloseTo(0, 12);
    expect(lrAt(0.1, { kind: "step", stepSize: 10, gamma: 0.5 }, 25, 100)).toBeCloseTo(0.025, 12);
    expect(lrAt(1, { kind: "linear", endLr: 0 }, 25, 100)).toBeCloseTo(0.75, 12);
  });
});

function tinyMlp(): Graph {
  const b = new GraphBuilder();
  const x = b.input("x", "f32", ["batch", 4]);
  const y = b.input("y", "i32", ["batch"]);
  const w1 = b.param("fc1.weight", [5, 4]);
  const b1 = b.param("fc1.bias", [5]);
  const w2 = b.param("fc2.weight", [3, 5]);
  const b2 = b.param("fc2.bias", [3]);
  const h = B.tanh(B.add(B.matmul(x, B.transpose(w1)), b1));
  const logits = b.output("logits", B.add(B.matmul(h, B.transpose(w2)), b2));
  b.output("loss", B.crossEntropy(logits, y));
  return b.build();
}

function mlpFeed(): Record<string, Tensor> {
  let s = 7;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const t = (shape: number[]) => fromArray(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, r), shape);
  return {
    x: t([3, 4]),
    y: fromArray([0, 2, 1], [3], "i32"),
    "fc1.weight": t([5, 4]),
    "fc1.bias": t([5]),
    "fc2.weight": t([3, 5]),
    "fc2.bias": t([3]),
  };
}

describe("text form of a training step", () => {
  it("prints the expanded SGD-momentum step of a one-layer model (golden)", () => {
    const b = new GraphBuilder();
    const x = b.input("x", "f32", ["batch", 3]);
    const y = b.input("y", "f32", ["batch", 2]);
    const w = b.param("fc.weight", [2, 3]);
    b.output("loss", B.mse(B.matmul(x, B.transpose(w)), y));
    const step = buildTrainStep(b.build(), { loss: "loss", optimizer: { kind: "sgd", lr: 0.1, momentum: 0.9 }, clip: 1 });
    expectBaseline("train-step-sgd.ir", printGraph(expandComposites(step)));
  });
});
