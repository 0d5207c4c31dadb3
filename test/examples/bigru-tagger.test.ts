// examples/bigru_tagger.dlnet: a bidirectional GRU tagger written as in
// PyTorch (`GRU(32, bidirectional: true)`, cross_entropy with ignore_index
// on the padding). Checks clean; a short CPU run lowers the loss to under 0.6x
// its start; ONNX Runtime (two Scans, one reversed) and
// the exported PyTorch model (nn.GRU(bidirectional=True)) compute the
// reference's logits from the trained checkpoint.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTensors } from "../../src/runtime/checkpoint/safetensors";
import { fromArray } from "../../src/compiler/tensor";
import { describeTorch } from "../compiler/codegen/pytorch/python";
import { expectChecksClean, expectOrtParity, expectTorchParity, referenceOf, ROOT, shortRun, trainSpecOf, weightsOf, type Reference } from "./harness";

let trained: Reference | undefined;

describe("examples/bigru_tagger.dlnet", () => {
  it("checks clean", () => expectChecksClean("bigru_tagger"));

  it("learns to tag peaks in 40 steps (CPU); padding is ignored", { timeout: 300_000 }, async () => {
    const spec = trainSpecOf("bigru_tagger");
    const out = join(mkdtempSync(join(tmpdir(), "dlnet-bigru-")), "Tagger.safetensors");
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 40, out });
    // ln 2 ≈ 0.69 untrained; about a third of the digits are peaks.
    expect(first).toBeGreaterThan(0.5);
    expect(last).toBeLessThan(0.6 * first);
    expect(Number.isFinite(result.test!.loss)).toBe(true);
    // Some test sequences for the parity checks, padding included (token 10).
    const data = readTensors(join(ROOT, "examples/data/tagging.safetensors")).tensors;
    const all = data.get("tokens")!;
    const T = all.shape[1];
    const tokens = fromArray(Array.from(all.data.slice(-3 * T)), [3, T], "i32");
    trained = referenceOf("bigru_tagger", "Tagger", weightsOf(out), { tokens }, { batch: 3, T });
  });

  it("exports to ONNX; ONNX Runtime gives the reference's logits", async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectOrtParity(trained!);
  });
});

describeTorch("examples/bigru_tagger.dlnet in PyTorch (export --pytorch)", () => {
  it("model.py (nn.GRU bidirectional) loads the trained checkpoint strictly and computes the reference's logits", { timeout: 300_000 }, async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectTorchParity(trained!);
  });
});
