// The benchmarked networks, twice: dlnet's (compiled from examples/*.dlnet,
// the thing being measured) and TensorFlow.js's hand-written equivalent (same
// layers, sizes and optimizer; tfjs's own layouts: NHWC convolutions).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkFile, type CheckResult, type TrainSpec } from "../../src/compiler/check/index";
import { specialize, type Graph } from "../../src/compiler/ir/graph";
import { initParams, lowerModel } from "../../src/compiler/lower/index";
import { buildTrainStep, type TrainGraphs } from "../../src/compiler/train-graph/train-step";
import { makeTensor, type Tensor } from "../../src/compiler/tensor";
import { randomData, ROOT, type Tf } from "./common";

export const EXAMPLES_DIR = join(ROOT, "examples");

export const diskHost = {
  readFile(p: string): string | undefined {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
};

export interface Example {
  /** File stem: `mnist_mlp`. */
  id: string;
  /** What the tables call it. */
  label: string;
  path: string;
}

/** The two networks of the training-step comparison. */
export const TRAIN_EXAMPLES: Example[] = [
  { id: "mnist_mlp", label: "SimpleNet (MLP 784-128-10)", path: join(EXAMPLES_DIR, "mnist_mlp.dlnet") },
  { id: "mnist_cnn", label: "MNIST CNN (conv + residual + BN)", path: join(EXAMPLES_DIR, "mnist_cnn.dlnet") },
];

export function checkExample(path: string): { check: CheckResult; spec: TrainSpec } {
  const check = checkFile(path, diskHost);
  const errors = check.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${path}: ${errors.map((d) => d.message).join("; ")}`);
  const spec = check.elaborateTrain(check.trains[0]);
  if (!spec) throw new Error(`${path}: no train block`);
  return { check, spec };
}

export interface DlnetTrain {
  graphs: TrainGraphs;
  /** The step graph at the benchmark batch size. */
  step: Graph;
  /** Values of every input for the first run: parameters, zero state, data, hypers. */
  initial: Record<string, Tensor>;
  /** Fresh data inputs for step k (what a training loop uploads each step). */
  batch(k: number): Record<string, Tensor>;
}

const BATCHES = 4;

/** Random inputs of an input's shape: labels in [0, 10), floats in [-1, 1). */
function dataTensor(dtype: string, shape: number[], seed: number): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  if (dtype === "i32") {
    return makeTensor("i32", shape, Int32Array.from(randomData(n, seed), (v) => Math.floor((v + 1) * 5) % 10));
  }
  return makeTensor("f32", shape, randomData(n, seed));
}

export function dlnetTrain(spec: TrainSpec, batch: number): DlnetTrain {
  const graphs = buildTrainStep(spec);
  const step = specialize(graphs.step, { [graphs.forward.batchDim]: batch });
  const fw = graphs.forward;
  const params = initParams([...fw.params, ...fw.frozen, ...fw.buffers], spec.seed ?? 0);
  const initial: Record<string, Tensor> = {};
  const data = step.inputs.filter((i) => i.role === "data");
  const batches = Array.from({ length: BATCHES }, (_, k) =>
    Object.fromEntries(
      data.map((i, j) => [i.name, dataTensor(i.node.dtype, i.node.shape as number[], 1000 * k + j + 1)]),
    ),
  );
  for (const i of step.inputs) {
    const shape = i.node.shape as number[];
    if (i.role === "param" || i.role === "frozen" || i.role === "state") {
      initial[i.name] = params.get(i.name) ?? makeTensor("f32", shape);
    } else if (i.role === "hyper") {
      initial[i.name] = makeTensor("f32", [], [i.name === "lr" ? graphs.optimizer.lr : 1]);
    } else if (i.role === "seed") {
      initial[i.name] = makeTensor("i32", [], [42]);
    }
  }
  Object.assign(initial, batches[0]);
  const hyper = step.inputs.filter((i) => i.role === "hyper" && i.name === "step").map((i) => i.name);
  const seed = step.inputs.filter((i) => i.role === "seed").map((i) => i.name);
  return {
    graphs,
    step,
    initial,
    batch(k) {
      const out: Record<string, Tensor> = { ...batches[k % BATCHES] };
      for (const h of hyper) out[h] = makeTensor("f32", [], [k + 1]);
      for (const s of seed) out[s] = makeTensor("i32", [], [42 + k]);
      return out;
    },
  };
}

export interface DlnetInference {
  graph: Graph;
  params: Map<string, Tensor>;
  /** Name of the model input and output. */
  input: string;
  output: string;
  /** The model input's shape with the batch dim set. */
  inputShape(batch: number): number[];
  batchDim: string;
}

/** The model's inference graph (eval mode: dropout off, BatchNorm running statistics). */
export function dlnetInference(spec: TrainSpec): DlnetInference {
  const lowered = lowerModel(spec.model, { mode: "eval" });
  const params = initParams([...lowered.params, ...lowered.frozen, ...lowered.buffers], spec.seed ?? 0);
  const input = lowered.inputs[0];
  const node = lowered.graph.inputs.find((i) => i.name === input)!.node;
  const batchDim = String(node.shape[0]);
  return {
    graph: lowered.graph,
    params,
    input,
    output: lowered.outputs[0],
    batchDim,
    inputShape: (b) => [b, ...(node.shape.slice(1) as number[])],
  };
}

// ── TensorFlow.js equivalents ────────────────────────────────────────────

export interface TfTrain {
  /** One optimizer step on batch k (creates and disposes its own tensors). */
  step(k: number): void;
  /** A scalar tensor whose value forces every queued step to finish. */
  sync(): Promise<void>;
  /** Kernels tfjs runs for one step (tf.profile). */
  kernelsPerStep(): Promise<number>;
  dispose(): void;
}

/** Glorot-ish random variable. */
function variable(tf: Tf, shape: number[], seed: number): Tf {
  const n = shape.reduce((p, d) => p * d, 1);
  const fanIn = shape.length > 1 ? n / shape[shape.length - 1] : shape[0];
  return tf.variable(tf.tensor(randomData(n, seed, 1 / Math.sqrt(fanIn)), shape));
}

/**
 * SimpleNet or the MNIST CNN in tfjs, trained with Adam(1e-3) through
 * optimizer.minimize, softmax cross-entropy on one-hot labels (SimpleNet:
 * standardized pixels and label smoothing 0.1, as the example has them). The CNN's
 * BatchNorm uses batch statistics (training mode) like dlnet's, without
 * the running-statistics update (two per-channel vectors).
 */
export function tfTrain(tf: Tf, id: string, batch: number): TfTrain {
  const vars: Tf[] = [];
  const v = (shape: number[]) => {
    const x = variable(tf, shape, vars.length + 7);
    vars.push(x);
    return x;
  };
  const ones = (shape: number[]) => {
    const x = tf.variable(tf.ones(shape));
    vars.push(x);
    return x;
  };
  const zeros = (shape: number[]) => {
    const x = tf.variable(tf.zeros(shape));
    vars.push(x);
    return x;
  };
  let forward: (x: Tf) => Tf;
  let labelSmoothing = 0;
  let xShape: number[];
  if (id === "mnist_mlp") {
    const [w1, b1, w2, b2] = [v([784, 128]), zeros([128]), v([128, 10]), zeros([10])];
    // examples/mnist_mlp.dlnet standardizes the pixels inside the model.
    const standardize = (x: Tf) => tf.div(tf.sub(x, 0.1307), 0.3081);
    forward = (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(standardize(x), w1), b1)), w2), b2);
    labelSmoothing = 0.1;
    xShape = [batch, 784];
  } else if (id === "mnist_cnn") {
    const conv = (cin: number, cout: number) => ({ w: v([3, 3, cin, cout]), b: zeros([cout]) });
    const bn = (c: number) => ({ g: ones([c]), b: zeros([c]) });
    const c1 = conv(1, 16);
    const r1 = conv(16, 16);
    const n1 = bn(16);
    const r2 = conv(16, 16);
    const n2 = bn(16);
    const c2 = conv(16, 32);
    const [wd, bd] = [v([7 * 7 * 32, 10]), zeros([10])];
    const applyConv = (x: Tf, c: { w: Tf; b: Tf }) => tf.add(tf.conv2d(x, c.w, 1, "same"), c.b);
    const applyBn = (x: Tf, n: { g: Tf; b: Tf }) => {
      const m = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, m.mean, m.variance, n.b, n.g, 1e-5);
    };
    forward = (x) => {
      let h = tf.maxPool(tf.relu(applyConv(x, c1)), 2, 2, "valid");
      const r = applyBn(applyConv(tf.relu(applyBn(applyConv(h, r1), n1)), r2), n2);
      h = tf.relu(tf.add(h, r));
      h = tf.maxPool(tf.relu(applyConv(h, c2)), 2, 2, "valid");
      h = tf.dropout(tf.reshape(h, [batch, 7 * 7 * 32]), 0.25);
      return tf.add(tf.matMul(h, wd), bd);
    };
    xShape = [batch, 28, 28, 1];
  } else {
    throw new Error(`no tfjs model for ${id}`);
  }
  const xs = Array.from({ length: BATCHES }, (_, k) => randomData(xShape.reduce((p, d) => p * d, 1), 1000 * k + 1));
  const labels = Array.from({ length: BATCHES }, (_, k) =>
    Int32Array.from(randomData(batch, 1000 * k + 2), (x) => Math.floor((x + 1) * 5) % 10),
  );
  const opt = tf.train.adam(1e-3);
  let last: Tf | undefined;
  const run = (k: number, keep: boolean) =>
    tf.tidy(() => {
      const x = tf.tensor(xs[k % BATCHES], xShape);
      const y = tf.oneHot(tf.tensor1d(labels[k % BATCHES], "int32"), 10);
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x), undefined, labelSmoothing), keep);
      return loss;
    });
  return {
    step(k) {
      last?.dispose();
      last = run(k, true);
    },
    async sync() {
      if (last) await last.data();
    },
    async kernelsPerStep() {
      const info = await tf.profile(() => {
        const l = run(0, true);
        l.dispose();
      });
      return info.kernels.length;
    },
    dispose() {
      last?.dispose();
      opt.dispose();
      for (const x of vars) x.dispose();
    },
  };
}
