// Data checked against the model before training: token ids outside an
// Embedding's table and labels outside cross_entropy's classes stop `train`
// with one message naming the field, the split, the sample, the position and
// the value — the same on the CPU reference and on WebGPU, before any step
// runs (never the interpreter's internal gather error, never silent training).
// Random data sets with bad values planted at random places are compared
// against a brute-force scan written here.

import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import { UserError } from "../../../src/compiler/diagnostics";
import { indexChecks } from "../../../src/compiler/ir/index-checks";
import { initParams, lowerModel, lowerTrain } from "../../../src/compiler/lower/index";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { CpuBackend, type Backend } from "../../../src/runtime/backend";
import { writeSafetensors } from "../../../src/runtime/checkpoint/safetensors";
import { mulberry32 } from "../../../src/runtime/data/prng";
import { train } from "../../../src/runtime/train/trainer";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { WebGpuBackend } from "../../../src/runtime/webgpu/backend";
import { dlnet } from "../../cli/run-cli";
import { diskHost } from "../../compiler/check/helpers";

const dir = mkdtempSync(join(tmpdir(), "dlnet-data-checks-"));
const VOCAB = 7;
const T = 6;
const CLASSES = 4;

// Tokens index an Embedding of VOCAB rows; tags (one per token) are classes
// of the tagger's cross_entropy, which reads only positions 2.. of them.
const source = (file: string, loss = "cross_entropy(logits[:, 2:], data.tags[:, 2:])") => `
model Tagger {
  input tokens: i32[batch, ${T}]
  output logits = tokens -> Embedding(${VOCAB}, 8) -> Linear(${CLASSES})
}
train Tagger {
  data      = tensors("${file}", test: 4)
  feed tokens = data.tokens
  loss      = ${loss}
  optimizer = Adam(lr: 1e-2)
  batch     = 8
  epochs    = 1
  seed      = 3
}
`;

interface Data {
  tokens: Int32Array;
  tags: Int32Array;
}

function writeData(name: string, d: Data, n: number, loss?: string): string {
  const file = join(dir, `${name}.safetensors`);
  writeSafetensors(file, {
    tokens: { dtype: "i32", shape: [n, T], data: d.tokens },
    tags: { dtype: "i32", shape: [n, T], data: d.tags },
  });
  const path = join(dir, `${name}.dlnet`);
  writeFileSync(path, source(`${name}.safetensors`, loss));
  return path;
}

function specOf(path: string) {
  const r = checkFile(path, diskHost());
  expect(r.diagnostics.filter((x) => x.severity === "error").map((x) => x.message)).toEqual([]);
  return r.elaborateTrain("Tagger")!;
}

/** n samples of in-range values covering both ends (0 and size - 1). */
function goodData(n: number, random: () => number): Data {
  const tokens = Int32Array.from({ length: n * T }, (_, i) => (i === 0 ? 0 : i === 1 ? VOCAB - 1 : Math.floor(random() * VOCAB)));
  const tags = Int32Array.from({ length: n * T }, (_, i) => (i === 2 ? 0 : i === 3 ? CLASSES - 1 : Math.floor(random() * CLASSES)));
  return { tokens, tags };
}

/** The test split of tensors(test: 4) over n samples: the evenly spread ones (the loader's rule). */
function testSamples(n: number, m = 4): Set<number> {
  return new Set(Array.from({ length: m }, (_, j) => Math.floor(((j + 0.5) * n) / m)));
}

/** Brute force: the message for the first bad value, fields in check order (tokens, then tags), train split before test. */
function expectedError(d: Data, n: number): string | undefined {
  const tst = testSamples(n);
  const order = (split: "train" | "test") => [...Array(n).keys()].filter((s) => tst.has(s) === (split === "test"));
  const fields: [keyof Data, number, number, string][] = [
    ["tokens", VOCAB, 0, `a table of ${VOCAB} rows`],
    ["tags", CLASSES, 2, `cross_entropy over ${CLASSES} classes`],
  ];
  for (const [field, size, from, what] of fields) {
    for (const split of ["train", "test"] as const) {
      const samples = order(split);
      for (let k = 0; k < samples.length; k++) {
        for (let p = from; p < T; p++) {
          const v = d[field][samples[k] * T + p];
          if (v < 0 || v >= size) {
            return `data.${field}: ${split} sample ${k} holds ${v} at position [${p}], outside ${what} (0 to ${size - 1}) that the model indexes with it`;
          }
        }
      }
    }
  }
  return undefined;
}

describe("which inputs index what (ir/index-checks)", () => {
  it("finds the Embedding's token input and the sliced labels of cross_entropy", () => {
    const spec = specOf(writeData("shape", goodData(12, mulberry32(1)), 12));
    const checks = indexChecks(lowerTrain(spec).graph);
    expect(checks).toEqual([
      { input: "tokens", size: VOCAB, what: `a table of ${VOCAB} rows` },
      { input: "data.tags", size: CLASSES, what: `cross_entropy over ${CLASSES} classes`, region: [{ start: 2, step: 1, count: T - 2 }], sampleShape: [T] },
    ]);
  });
});

async function trainError(path: string, backend: Backend): Promise<string | undefined> {
  try {
    await train({ spec: specOf(path), backend, steps: 2, skipTest: true });
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
}

describe("bad indices in the data stop training before the first step (CPU reference)", () => {
  it("reports the first bad value of random data sets as a brute-force scan finds it", async () => {
    const random = mulberry32(17);
    let errors = 0;
    for (let trial = 0; trial < 24; trial++) {
      const n = 10 + Math.floor(random() * 20);
      const d = goodData(n, random);
      // Plant 0 to 3 bad values: negative, exactly the size, or far above; some in the
      // unread positions 0..1 of tags (fine: the loss never reads them).
      const planted = Math.floor(random() * 4);
      for (let j = 0; j < planted; j++) {
        const field = random() < 0.5 ? "tokens" : "tags";
        const size = field === "tokens" ? VOCAB : CLASSES;
        const v = [-1, size, size + 40, -7][Math.floor(random() * 4)];
        d[field][Math.floor(random() * n * T)] = v;
      }
      const want = expectedError(d, n);
      const got = await trainError(writeData(`random${trial}`, d, n), new CpuBackend());
      expect(got).toBe(want);
      if (want) errors++;
    }
    expect(errors).toBeGreaterThan(8); // the trials exercise the error path, not only clean data
  });

  it("does not check label positions the loss never reads", async () => {
    const d = goodData(12, mulberry32(2));
    d.tags[1] = 99; // position [1]: outside the slice 2:
    expect(await trainError(writeData("unread", d, 12), new CpuBackend())).toBeUndefined();
  });

  it("allows the loss's ignore_index (and only it) outside the classes", async () => {
    const loss = "cross_entropy(logits[:, 2:], data.tags[:, 2:], ignore_index: -100)";
    const d = goodData(12, mulberry32(4));
    d.tags[0 * T + 3] = -100;
    d.tags[5 * T + 4] = -100;
    expect(await trainError(writeData("ignored", d, 12, loss), new CpuBackend())).toBeUndefined();
    d.tags[6 * T + 2] = -99;
    const got = await trainError(writeData("ignored-bad", d, 12, loss), new CpuBackend());
    expect(got).toContain("holds -99 at position [2], outside cross_entropy over 4 classes");
  });

  it("dlnet train prints the message and exits 1, without a stack trace or a checkpoint", async () => {
    const d = goodData(12, mulberry32(3));
    d.tokens[3 * T + 4] = VOCAB; // train sample 3 (samples 1, 4, 7, 10 are the test split)
    const path = writeData("cli", d, 12);
    const out = join(dir, "cli.safetensors.ckpt");
    const r = await dlnet(["train", path, "--backend", "cpu", "--out", out]);
    expect(r.stderr).toContain(`data.tokens: train sample 2 holds ${VOCAB} at position [4], outside a table of ${VOCAB} rows (0 to ${VOCAB - 1})`);
    expect(r.stderr).not.toMatch(/internal error|    at /);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

const gpu = await acquireDevice();

describe.skipIf("error" in gpu)("bad indices in the data on WebGPU", () => {
  const handle = "error" in gpu ? undefined : gpu;
  afterAll(() => handle?.release());

  it("gives the reference backend's message for bad tokens and bad labels, and trains on clean data", async () => {
    const b = new WebGpuBackend({ ...handle!, release: () => {} });
    const random = mulberry32(5);
    const clean = goodData(16, random);
    expect(await trainError(writeData("gpu-clean", clean, 16), b)).toBeUndefined();
    for (const [field, at, v] of [["tokens", 5 * T + 1, VOCAB + 3], ["tags", 9 * T + 3, -2]] as const) {
      const d = { tokens: clean.tokens.slice(), tags: clean.tags.slice() };
      d[field][at] = v;
      const path = writeData(`gpu-${field}`, d, 16);
      const want = expectedError(d, 16);
      expect(want).toBeDefined();
      expect(await trainError(path, b)).toBe(want);
      expect(await trainError(path, new CpuBackend())).toBe(want);
    }
    b.dispose();
  });
});

describe("indices computed in the model (CPU reference)", () => {
  // Not data the pre-training scan can see (`tokens + 1`): the interpreter stops with a UserError naming the
  // call and its source position, the value and its position among the indices, for every op that indexes
  // with a tensor (never its internal error). test/runtime/train/computed-index.test.ts trains with them.
  const cases = [
    { name: "Embedding of tokens + 1", body: "output y = tokens + 1 -> Embedding(5, 4)", good: [0, 1, 2, 3, 3, 0], bad: [0, 1, 2, 3, 0, 4], msg: /^Embedding 'embedding_0' at \/m\.dlnet:4:28: index 5 at position \[1, 2\] of its \[2, 3\] indices is outside a table of 5 rows \(0 to 4\); the indices are computed/ },
    { name: "index_select by tokens * 2", body: "output y = index_select(x, 0, tokens * 2)", good: [0, 1, 2, 2, 1, 0], bad: [0, 3, 1, 2, 2, 2], msg: /^index_select at \/m\.dlnet:4:14: index 6 at position \[0, 1\] of its \[2, 3\] indices is outside the 6 entries along dim 0 \(0 to 5\)/ },
    { name: "torch-style gather by tokens - 1", body: "output y = gather(x[0:2], 1, tokens - 1)", good: [1, 2, 3, 3, 2, 1], bad: [1, 1, 0, 1, 1, 1], msg: /^gather at \/m\.dlnet:4:14: index -1 at position \[0, 2\] of its \[2, 3\] indices is outside the 3 entries along dim 1 \(0 to 2\)/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const src = `model M {\n  input tokens: i32[2, 3]\n  input x: f32[6, 3]\n  ${c.body}\n}\n`;
      const r = checkFile("/m.dlnet", { readFile: (p) => (p === "/m.dlnet" ? src : undefined) });
      expect(r.diagnostics.filter((x) => x.severity === "error").map((x) => x.message)).toEqual([]);
      const low = lowerModel(r.elaborate("M")!, { mode: "eval" });
      const params = initParams(low.params, 1);
      const x = { dtype: "f32" as const, shape: [6, 3], data: Float32Array.from({ length: 18 }, (_, i) => i) };
      const run = (values: number[]) => runReference(low.graph, { tokens: { dtype: "i32", shape: [2, 3], data: Int32Array.from(values) }, x, ...Object.fromEntries(params) });
      expect(() => run(c.good)).not.toThrow();
      let err: unknown;
      try {
        run(c.bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(c.msg);
    });
  }
});
