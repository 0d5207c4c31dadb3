// text(path, context: 64, test: 0.1): character-level language modelling.
// The vocabulary is the file's distinct characters (Unicode code points) in
// sorted order; token i is vocab[i]. Samples are non-overlapping windows:
// sample k covers characters [k·context, (k+1)·context], `tokens` the first
// `context` of them and `targets` the same shifted by one (the next
// character). The test split is the last windows of the file (a contiguous
// tail, so no test text is also seen in training).

import { UserError } from "../../compiler/diagnostics";
import { takeSamples, testCount, type Dataset, type FieldSpec } from "./dataset";
import { readDataText, resolveDataPath } from "./files";

export interface TextArgs {
  path: string;
  context?: number;
  test?: number;
}

export function text(args: TextArgs, baseDir = "."): Dataset {
  return textFrom(readDataText(resolveDataPath(args.path, baseDir), `text '${args.path}'`), args);
}

/** The `text(...)` dataset of a file's content (the playground has the content, not the file). */
export function textFrom(content: string, args: TextArgs): Dataset {
  const { context = 64, test = 0.1 } = args;
  const what = `text '${args.path}'`;
  if (!Number.isInteger(context) || context < 1) throw new UserError(`${what}: 'context' must be a positive integer, got ${context}`);
  const chars = Array.from(content);
  const vocab = [...new Set(chars)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const index = new Map(vocab.map((c, i) => [c, i]));
  const ids = Int32Array.from(chars, (c) => index.get(c)!);
  const n = Math.floor((ids.length - 1) / context);
  if (n < 1) {
    throw new UserError(`${what}: ${ids.length} characters are too few for one sample of context ${context} (needs ${context + 1})`);
  }
  const tokens = new Int32Array(n * context);
  const targets = new Int32Array(n * context);
  for (let k = 0; k < n; k++) {
    tokens.set(ids.subarray(k * context, (k + 1) * context), k * context);
    targets.set(ids.subarray(k * context + 1, (k + 1) * context + 1), k * context);
  }
  const fields: Record<string, FieldSpec> = {
    tokens: { dtype: "i32", shape: [context] },
    targets: { dtype: "i32", shape: [context] },
  };
  const all = { size: n, fields: { tokens, targets } };
  const m = testCount(n, test, what);
  const range = (from: number, len: number) => Int32Array.from({ length: len }, (_, i) => from + i);
  return {
    description: `text("${args.path}", context: ${context})`,
    fields,
    train: takeSamples(all, fields, range(0, n - m)),
    test: takeSamples(all, fields, range(n - m, m)),
    info: { vocab, vocabSize: vocab.length },
  };
}
