// Autoregressive generation from a character-level model trained on text(...):
// the model behind `dlnet sample`.
//
// The vocabulary is not stored with the weights: it is rebuilt from the train
// block's data file, which text(...) turns into a vocabulary deterministically
// (its distinct characters, sorted), so the same file gives the same token ids
// at training and at sampling time.
//
// The model's token input has a fixed length L (the train block binds it to
// the `context` of text(...)). Each new token runs the eval-mode forward on a
// window of L tokens: the last L of prompt + generated so far, placed at the
// start and padded on the right, and reads the logits at the window's last
// real position. Padding on the right changes nothing for a causal model (an
// LSTM, a GPT with causal attention): position p sees only positions ≤ p.
// Re-running the whole window per token is slow in theory and fine for the
// small contexts of the examples.

import { UserError } from "../compiler/diagnostics";
import type { TrainSpec } from "../compiler/check/elaborated";
import { specialize } from "../compiler/ir/graph";
import { lowerModel, type LoweredModel } from "../compiler/lower/index";
import type { Backend, Executable } from "./backend";
import { openTrainData, type Dataset } from "./data/index";
import { mixSeed, mulberry32 } from "./data/prng";
import { scalar, type Tensor } from "../compiler/tensor";

export interface GenerateOptions {
  /** Tokens to generate per prompt. */
  tokens: number;
  /** 0 (the default): greedy argmax; otherwise sample softmax(logits / temperature). */
  temperature?: number;
  /** Seed of the sampling (temperature > 0). */
  seed?: number;
}

export interface Sampler {
  /** Characters in token order (token i is vocab[i]). */
  readonly vocab: readonly string[];
  /** The model's window: tokens per forward pass. */
  readonly context: number;
  /** The data set the vocabulary came from (its test split serves `exactMatch`). */
  readonly dataset: Dataset;
  encode(text: string): number[];
  decode(ids: ArrayLike<number>): string;
  /** Continues each prompt by `tokens` characters; returns only the continuations. */
  generate(prompts: readonly string[], opts: GenerateOptions): Promise<string[]>;
}

/**
 * A sampler for a train block's model with trained weights (a checkpoint of
 * `dlnet train`, or any safetensors/ONNX file with the parameters by path).
 * The weights are moved into `backend`'s state.
 */
export async function createSampler(spec: TrainSpec, weights: ReadonlyMap<string, Tensor>, backend: Backend, dataset?: Dataset): Promise<Sampler> {
  if (spec.data.source !== "text") {
    throw new UserError(`sample: the train block of ${spec.model.name} reads ${spec.data.source}(...); sampling needs a text(...) data source for its vocabulary`);
  }
  const data = dataset ?? openTrainData(spec, "");
  const vocab = data.info.vocab as string[];
  const feed = spec.feeds.find((f) => f.field === "tokens");
  if (!feed) throw new UserError(`sample: no model input of ${spec.model.name} is fed from data.tokens`);
  const lowered = lowerModel(spec.model, { mode: "eval" });
  if (lowered.diagnostics.length) throw new UserError(`sample: ${lowered.diagnostics.map((d) => d.message).join("; ")}`);
  const input = lowered.graph.input(feed.input);
  const L = input.shape[1];
  if (input.dtype !== "i32" || input.shape.length !== 2 || typeof L !== "number") {
    throw new UserError(`sample: input '${feed.input}' must be i32[batch, L] with a known L`);
  }
  const context: number = L;
  const outName = lowered.outputs[0];
  const out = lowered.graph.outputs.find((o) => o.name === outName)!.node;
  const C = out.shape[out.shape.length - 1];
  if (out.shape.length !== 3 || typeof C !== "number" || C < vocab.length) {
    throw new UserError(
      `sample: output '${outName}' must be [batch, ${context}, classes] with at least ${vocab.length} classes (the data's vocabulary), found [${out.shape.join(", ")}]`,
    );
  }
  const classes: number = C;
  loadWeights(lowered, weights, backend);
  const index = new Map(vocab.map((c, i) => [c, i]));
  const exes = new Map<number, Promise<Executable>>();
  const exeFor = (b: number) => {
    let e = exes.get(b);
    if (!e) exes.set(b, (e = backend.compile(specialize(lowered.graph, { [spec.batchDim]: b }))));
    return e;
  };

  const encode = (text: string) =>
    Array.from(text, (c) => {
      const id = index.get(c);
      if (id === undefined) throw new UserError(`sample: ${JSON.stringify(c)} is not in the model's vocabulary (${JSON.stringify(vocab.join(""))})`);
      return id;
    });
  const decode = (ids: ArrayLike<number>) => Array.from(ids, (i) => vocab[i] ?? "\uFFFD").join("");

  async function generate(prompts: readonly string[], opts: GenerateOptions): Promise<string[]> {
    const { tokens, temperature = 0, seed = 0 } = opts;
    const seqs = prompts.map((p) => {
      const ids = encode(p);
      if (ids.length === 0) throw new UserError("sample: the prompt is empty (give --prompt with at least one character)");
      return ids;
    });
    const random = mulberry32(seed);
    const B = seqs.length;
    const exe = await exeFor(B);
    const generated: number[][] = seqs.map(() => []);
    for (let t = 0; t < tokens; t++) {
      const window = new Int32Array(B * context);
      const last: number[] = [];
      seqs.forEach((s, b) => {
        const w = s.slice(-context);
        window.set(w, b * context);
        last.push(w.length - 1);
      });
      const feeds: Record<string, Tensor> = { [feed!.input]: { dtype: "i32", shape: [B, context], data: window } };
      if (lowered.seedInput) feeds[lowered.seedInput] = scalar(mixSeed(seed, t, 0x5a4e) | 0, "i32");
      const res = await exe.run(feeds, [outName]);
      const logits = res[outName].data;
      for (let b = 0; b < B; b++) {
        const row = (b * context + last[b]) * classes;
        const next = pick(logits, row, vocab.length, temperature, random);
        seqs[b].push(next);
        generated[b].push(next);
      }
    }
    return generated.map(decode);
  }

  return { vocab, context, dataset: data, encode, decode, generate };
}

/** Puts every parameter and buffer the eval graph reads into the backend, or says which are missing. */
function loadWeights(lowered: LoweredModel, weights: ReadonlyMap<string, Tensor>, backend: Backend): void {
  const missing: string[] = [];
  for (const p of [...lowered.params, ...lowered.frozen, ...lowered.buffers]) {
    const t = weights.get(p.path);
    if (!t) missing.push(p.path);
    else if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      throw new UserError(`sample: weight '${p.path}' has shape [${t.shape.join(", ")}], the model expects [${p.shape.join(", ")}]`);
    } else backend.setState(p.path, t);
  }
  if (missing.length) {
    throw new UserError(`sample: the weights lack ${missing.length} parameter(s) of the model: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}`);
  }
}

/** argmax of logits[row .. row+n) at temperature 0; else a draw from softmax(logits / temperature). */
function pick(logits: ArrayLike<number>, row: number, n: number, temperature: number, random: () => number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (logits[row + i] > logits[row + best]) best = i;
  if (temperature <= 0) return best;
  const p = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) z += p[i] = Math.exp((logits[row + i] - logits[row + best]) / temperature);
  let u = random() * z;
  for (let i = 0; i < n; i++) if ((u -= p[i]) < 0) return i;
  return n - 1;
}

// ---------------------------------------------------------------- exact match

export interface ExactMatch {
  correct: number;
  total: number;
  /** A few wrong answers, for the user: question, expected, generated. */
  failures: { prompt: string; expected: string; got: string }[];
}

/**
 * Exact-match accuracy on the test split's lines `question SEP answer`: each
 * prompt (up to and including the first SEP) is continued greedily by as many
 * characters as its answer has (without the newline), in batches, and counts
 * when every character is right. Equal to "every answer position is the
 * argmax" under teacher forcing, so it measures what the loss trains.
 */
export async function exactMatch(sampler: Sampler, separator: string, batchSize = 256): Promise<ExactMatch> {
  const lines = testLines(sampler).filter((l) => l.includes(separator));
  if (lines.length === 0) throw new UserError(`sample: no test line contains the separator ${JSON.stringify(separator)}`);
  const cases = lines.map((l) => {
    const k = l.indexOf(separator) + separator.length;
    return { prompt: l.slice(0, k), expected: l.slice(k) };
  });
  const result: ExactMatch = { correct: 0, total: cases.length, failures: [] };
  // Batches of prompts whose answers have one length, so one generate() serves them.
  const byLength = new Map<number, typeof cases>();
  for (const c of cases) {
    const group = byLength.get(c.expected.length);
    if (group) group.push(c);
    else byLength.set(c.expected.length, [c]);
  }
  for (const [len, group] of byLength) {
    for (let i = 0; i < group.length; i += batchSize) {
      const part = group.slice(i, i + batchSize);
      const got = await sampler.generate(part.map((c) => c.prompt), { tokens: len });
      part.forEach((c, j) => {
        if (got[j] === c.expected) result.correct++;
        else if (result.failures.length < 5) result.failures.push({ ...c, got: got[j] });
      });
    }
  }
  return result;
}

/** The test split as text, cut into its complete lines (without the newline). */
function testLines(sampler: Sampler): string[] {
  const test = sampler.dataset.test;
  const L = sampler.context;
  if (test.size === 0) return [];
  const tokens = test.fields.tokens as Int32Array;
  const targets = test.fields.targets as Int32Array;
  // Test windows are consecutive: their tokens back to back, plus the last target, are the tail of the file.
  const text = sampler.decode(tokens) + sampler.decode([targets[test.size * L - 1]]);
  const lines = text.split("\n");
  lines.pop(); // the piece after the last newline is incomplete
  return lines.filter((l) => l.length > 0);
}
