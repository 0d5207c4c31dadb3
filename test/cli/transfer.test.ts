// Transfer learning as examples/transfer_*.dlnet do it, on a smaller budget:
// pre-train the backbone on digits 0-4, save, load it by name into a model
// with a new head, freeze it, fine-tune on digits 5-9. The frozen weights
// must come out bit-identical, the new head must have learned, and the
// held-out accuracy on 5-9 is reported. Plus the `digits` filter of mnist.

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/compiler/diagnostics";
import { readTensors } from "../../src/runtime/checkpoint/safetensors";
import { mnist } from "../../src/runtime/data/mnist";
import { acquireDevice } from "../../src/runtime/webgpu/device";
import { dlnetInProcess, ROOT } from "./run-cli";

const backend = "error" in (await acquireDevice()) ? "cpu" : "webgpu";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-transfer-"));
  copyFileSync(join(ROOT, "examples/transfer_backbone.dlnet"), join(dir, "transfer_backbone.dlnet"));
  const shrink = (name: string, edits: [string, string][]) => {
    let text = readFileSync(join(ROOT, "examples", name), "utf8");
    for (const [from, to] of edits) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, name), text);
  };
  shrink("transfer_pretrain.dlnet", [["train: 4000, test: 1000", "train: 1280, test: 200"], ["epochs    = 2", "epochs    = 1"]]);
  shrink("transfer_finetune.dlnet", [["train: 300, test: 2000", "train: 300, test: 500"], ["epochs    = 10", "epochs    = 4"]]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("transfer learning (examples/transfer_*.dlnet, shortened)", () => {
  it("fine-tunes a new head on a frozen pre-trained backbone", async () => {
    const pre = await dlnetInProcess(["train", join(dir, "transfer_pretrain.dlnet"), "--backend", backend, "--out", join(dir, "transfer_pretrained.safetensors"), "--json"]);
    expect(pre.code, pre.stderr).toBe(0);
    const ft = await dlnetInProcess(["train", join(dir, "transfer_finetune.dlnet"), "--backend", backend, "--out", join(dir, "finetuned.safetensors"), "--json"]);
    expect(ft.code, ft.stderr).toBe(0);
    // The new head is not in the pre-trained file, the old head not in the model: warnings, not errors.
    expect(ft.stderr).toContain("no tensor for parameter 'new_head.weight'");
    expect(ft.stderr).toContain("tensor 'head.weight' matches no parameter");

    const before = readTensors(join(dir, "transfer_pretrained.safetensors")).tensors;
    const after = readTensors(join(dir, "finetuned.safetensors")).tensors;
    const backbone = [...after.keys()].filter((k) => k.startsWith("backbone."));
    expect(backbone.sort()).toEqual(["backbone.conv2d_0.bias", "backbone.conv2d_0.weight", "backbone.conv2d_1.bias", "backbone.conv2d_1.weight"]);
    for (const k of backbone) expect(Buffer.from(after.get(k)!.data.buffer).equals(Buffer.from(before.get(k)!.data.buffer)), k).toBe(true);
    // Frozen parameters have no optimizer state; the new head has, and moved.
    expect([...after.keys()].filter((k) => k.startsWith("optim.backbone"))).toEqual([]);
    expect(after.has("optim.new_head.weight.exp_avg")).toBe(true);
    expect(after.has("head.weight")).toBe(false);
    const moved = after.get("optim.new_head.weight.exp_avg")!.data.some((v) => v !== 0);
    expect(moved).toBe(true);

    const lines = ft.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const test = lines.find((l) => "test_accuracy" in l);
    console.log(`transfer test (${backend}): pre-trained test accuracy on 0-4 ${JSON.parse(pre.stdout.trim().split("\n").pop()!).test_accuracy}, fine-tuned on 5-9 ${test.test_accuracy} (${test.test_samples} samples)`);
    // Five classes: chance is 20%; a frozen pre-trained backbone does far better after 20 steps.
    expect(test.test_accuracy).toBeGreaterThan(0.6);
  }, 300_000);
});

describe("mnist(digits: [...])", () => {
  it("keeps only the listed digits, labels unchanged, train and test disjoint", () => {
    const all = mnist({ train: 5000, test: 5000 });
    const low = mnist({ train: 4000, test: 1000, digits: [0, 1, 2, 3, 4] });
    for (const s of [low.train, low.test]) expect(new Set(s.fields.label)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(low.description).toBe("mnist(train: 4000, test: 1000, digits: [0, 1, 2, 3, 4])");
    // The same stratified order: the first 0-4 digits of the unfiltered data, in order.
    const firstLow = [...all.train.fields.label].filter((d) => d < 5).slice(0, 50);
    expect([...low.train.fields.label].slice(0, 50)).toEqual(firstLow);
    const key = (f: Float32Array, i: number) => f.subarray(i * 784, (i + 1) * 784).join(",");
    const trainImages = new Set(Array.from({ length: 4000 }, (_, i) => key(low.train.fields.image as Float32Array, i)));
    const overlap = Array.from({ length: 1000 }, (_, i) => key(low.test.fields.image as Float32Array, i)).filter((k) => trainImages.has(k));
    expect(overlap.length).toBeLessThan(5); // MNIST has a few exact duplicate images, not shared samples
  });

  it("refuses digits outside 0-9 and more samples than the digits have", () => {
    expect(() => mnist({ train: 10, digits: [3, 10] })).toThrow(UserError);
    expect(() => mnist({ train: 5000, test: 1000, digits: [5, 6, 7, 8, 9] })).toThrow(/has 4869 of digits 5, 6, 7, 8, 9/);
  });
});
