// runtime/sample.ts and `dlnet sample`: the vocabulary is the data file's
// characters, greedy decoding picks the argmax of the model's own forward pass
// at the last real position (whatever follows it in the window: the models are
// causal), sampling is reproducible by seed, and the CLI prints the prompt and
// its continuation or the exact-match score. Random-init weights suffice here:
// what is tested is the decoding, not what the model learnt.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/compiler/diagnostics";
import { specialize } from "../../src/compiler/ir/graph";
import { initParams, lowerModel } from "../../src/compiler/lower/index";
import { CpuBackend } from "../../src/runtime/backend";
import { openTrainData } from "../../src/runtime/data/index";
import { writeSafetensors } from "../../src/runtime/checkpoint/safetensors";
import { runReference } from "../../src/runtime/reference/interpreter";
import { createSampler, exactMatch } from "../../src/runtime/sample";
import { dlnet, dlnetInProcess } from "../cli/run-cli";
import { ROOT, trainSpecOf } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "dlnet-sample-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = trainSpecOf("reverse");
const weights = initParams(spec.model.parameters, 5);

// Exact match decodes every test line through the f64 reference: on the
// shipped 500 test lines that is minutes of a loaded CI machine. The same
// example on its first 400 lines has 40 test lines.
mkdirSync(join(dir, "data"));
writeFileSync(join(dir, "data/reverse.txt"), readFileSync(join(ROOT, "examples/data/reverse.txt"), "utf8").split("\n").slice(0, 400).join("\n") + "\n");
copyFileSync(join(ROOT, "examples/reverse.dlnet"), join(dir, "reverse.dlnet"));
const shortData = () => openTrainData({ file: join(dir, "reverse.dlnet"), data: { source: "text", args: { ...spec.data.args, path: "data/reverse.txt" } } }, dir);

describe("createSampler", () => {
  it("rebuilds the vocabulary from the data file: its distinct characters, sorted", async () => {
    const s = await createSampler(spec, weights, new CpuBackend());
    const text = readFileSync(join(ROOT, "examples/data/reverse.txt"), "utf8");
    expect(s.vocab).toEqual([...new Set(text)].sort());
    expect(s.vocab.join("")).toBe("\n0123456789|");
    expect(s.context).toBe(10);
    expect(s.decode(s.encode("0571|1750\n"))).toBe("0571|1750\n");
  });

  it("greedy: each token is the argmax of the forward pass at the last real position, whatever pads the window", async () => {
    const s = await createSampler(spec, weights, new CpuBackend());
    const prompt = "0571|";
    const [out] = await s.generate([prompt], { tokens: 7 });
    expect(out).toHaveLength(7);
    // Independently: the eval graph on the reference interpreter, windows padded with '9' instead of token 0,
    // and a prompt longer than the window keeps only its last 10 characters.
    const low = lowerModel(spec.model, { mode: "eval" });
    const graph = specialize(low.graph, { batch: 1 });
    let seq = s.encode(prompt);
    for (let t = 0; t < 7; t++) {
      const w = seq.slice(-10);
      const window = Int32Array.from({ length: 10 }, (_, i) => (i < w.length ? w[i] : s.vocab.indexOf("9")));
      const feeds = { tokens: { dtype: "i32" as const, shape: [1, 10], data: window }, ...Object.fromEntries(weights) };
      const logits = runReference(graph, feeds).logits.data;
      const row = Array.from(logits.subarray((w.length - 1) * 12, w.length * 12));
      const best = row.indexOf(Math.max(...row));
      expect(s.vocab[best], `token ${t}`).toBe(out[t]);
      seq = [...seq, best];
    }
  });

  it("a batch of prompts gives what each prompt gives alone", async () => {
    const s = await createSampler(spec, weights, new CpuBackend());
    const prompts = ["12|", "9876|", "0000000000000|"];
    const together = await s.generate(prompts, { tokens: 4 });
    for (let i = 0; i < prompts.length; i++) expect(await s.generate([prompts[i]], { tokens: 4 })).toEqual([together[i]]);
  });

  it("samples reproducibly by seed at temperature > 0, only characters of the vocabulary", async () => {
    const s = await createSampler(spec, weights, new CpuBackend());
    const a = await s.generate(["1|"], { tokens: 40, temperature: 1.5, seed: 1 });
    const b = await s.generate(["1|"], { tokens: 40, temperature: 1.5, seed: 1 });
    const c = await s.generate(["1|"], { tokens: 40, temperature: 1.5, seed: 2 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect([...a[0]].every((ch) => s.vocab.includes(ch))).toBe(true);
  });

  it("refuses a prompt character outside the vocabulary, and weights of another model", async () => {
    const s = await createSampler(spec, weights, new CpuBackend());
    await expect(s.generate(["12a|"], { tokens: 1 })).rejects.toThrow(/"a" is not in the model's vocabulary/);
    const other = trainSpecOf("tiny_gpt");
    await expect(createSampler(other, weights, new CpuBackend())).rejects.toThrow(UserError);
    await expect(createSampler(trainSpecOf("mnist_mlp"), weights, new CpuBackend())).rejects.toThrow(/needs a text\(...\) data source/);
  });

  it("exact match scores every test line of the split", async () => {
    const s = await createSampler(spec, weights, new CpuBackend(), shortData());
    const r = await exactMatch(s, "|");
    expect(r.total).toBe(40);
    // An untrained model reverses (almost) nothing; its wrong answers are shown as they are.
    expect(r.correct).toBeLessThan(10);
    expect(r.failures.length).toBe(5);
    expect(r.failures[0].prompt).toMatch(/^\d{4}\|$/);
    expect(r.failures[0].expected).toBe([...r.failures[0].prompt.slice(0, 4)].reverse().join(""));
  });
});

describe("dlnet sample", () => {
  const ckpt = join(dir, "reverser.safetensors");
  writeSafetensors(ckpt, weights);

  it("prints the prompt and its greedy continuation", async () => {
    const s = await createSampler(spec, weights, new CpuBackend());
    const [expected] = await s.generate(["0571|"], { tokens: 5 });
    const r = await dlnet(["sample", "examples/reverse.dlnet", "--weights", ckpt, "--prompt", "0571|", "--tokens", "5"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("0571|" + expected + (expected.endsWith("\n") ? "" : "\n"));
  });

  it("prints the exact-match score over the test lines", async () => {
    const r = await dlnetInProcess(["sample", "reverse.dlnet", "--weights", ckpt, "--exact-match", "|"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^exact match: \d+\/40 test answers \(\d+\.\d\d%\) in /);
  });

  it("says what is wrong with a bad temperature, without a stack trace", async () => {
    const r = await dlnetInProcess(["sample", "examples/reverse.dlnet", "--weights", ckpt, "--temperature=-1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--temperature' expects a number >= 0/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
