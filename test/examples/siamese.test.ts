// examples/siamese.dlnet: a siamese multi-task network written as in PyTorch
// (one encoder and one classifier applied to both inputs; two classification
// losses and a verification loss). Checks clean with ONE set of encoder
// weights; a short CPU run lowers the summed loss; ONNX Runtime and the
// exported PyTorch model compute the reference's three outputs from the
// trained checkpoint.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../src/compiler/check/index";
import { readTensors } from "../../src/runtime/checkpoint/safetensors";
import { fromArray } from "../../src/compiler/tensor";
import { describeTorch } from "../compiler/codegen/pytorch/python";
import { diskHost } from "../compiler/check/helpers";
import { expectChecksClean, expectOrtParity, expectTorchParity, referenceOf, ROOT, shortRun, trainSpecOf, weightsOf, type Reference } from "./harness";

let trained: Reference | undefined;

describe("examples/siamese.dlnet", () => {
  it("checks clean", () => expectChecksClean("siamese"));

  it("shares the encoder and the classifier between the two inputs", () => {
    const m = checkFile(join(ROOT, "examples/siamese.dlnet"), diskHost()).elaborate("Siamese")!;
    expect(m.parameters.map((p) => p.path)).toEqual([
      "encoder.linear_0.weight", "encoder.linear_0.bias", "encoder.linear_1.weight", "encoder.linear_1.bias",
      "classify.weight", "classify.bias", "linear_0.weight", "linear_0.bias",
    ]);
    expect(m.outputs.map((o) => [o.name, o.type.shape])).toEqual([["logits_a", ["batch", 4]], ["logits_b", ["batch", 4]], ["same", ["batch", 1]]]);
  });

  it("learns both tasks in 30 steps (CPU)", { timeout: 300_000 }, async () => {
    const spec = trainSpecOf("siamese");
    const out = join(mkdtempSync(join(tmpdir(), "dlnet-siamese-")), "Siamese.safetensors");
    const { result, first, last } = await shortRun(spec, { batch: 32, steps: 30, out });
    // Untrained: 2·ln 4 + ln 2 ≈ 3.47.
    expect(first).toBeGreaterThan(2.5);
    expect(last).toBeLessThan(0.6 * first);
    expect(result.test!.metrics.accuracy).toBeGreaterThan(0.6);
    const data = readTensors(join(ROOT, "examples/data/pairs.safetensors")).tensors;
    const rows = (k: string) => fromArray(Array.from(data.get(k)!.data.slice(0, 5 * 16)), [5, 16], "f32");
    trained = referenceOf("siamese", "Siamese", weightsOf(out), { a: rows("a"), b: rows("b") }, { batch: 5 });
  });

  it("exports to ONNX; ONNX Runtime gives the reference's three outputs", async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectOrtParity(trained!);
  });
});

describeTorch("examples/siamese.dlnet in PyTorch (export --pytorch)", () => {
  it("model.py loads the trained checkpoint strictly and computes the reference's outputs", { timeout: 300_000 }, async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectTorchParity(trained!);
  });
});
