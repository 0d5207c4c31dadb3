// examples/conv_autoencoder.dlnet: a convolutional autoencoder written as in
// PyTorch (strided Conv2d down, ConvTranspose2d with output_padding up, MSE
// against the flat pixels). Checks clean; a short CPU run lowers the
// reconstruction error; ONNX Runtime and the exported PyTorch model compute
// the reference's reconstructions from the trained checkpoint.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/index";
import { fromArray } from "../../src/compiler/tensor";
import { describeTorch } from "../compiler/codegen/pytorch/python";
import { expectChecksClean, expectOrtParity, expectTorchParity, referenceOf, shortRun, trainSpecOf, weightsOf, type Reference } from "./harness";

let trained: Reference | undefined;

describe("examples/conv_autoencoder.dlnet", () => {
  it("checks clean", () => expectChecksClean("conv_autoencoder"));

  it("lowers the reconstruction error in 24 steps (CPU)", { timeout: 300_000 }, async () => {
    const spec = trainSpecOf("conv_autoencoder");
    const out = join(mkdtempSync(join(tmpdir(), "dlnet-cae-")), "ConvAE.safetensors");
    const dataset = mnist({ train: 192, test: 32 });
    const { first, last } = await shortRun(spec, { batch: 16, steps: 24, dataset, out, window: 3 });
    // Untrained ≈ 0.26 (sigmoid(≈0) against mostly black pixels); about half of it after 24 steps.
    expect(first).toBeGreaterThan(0.2);
    expect(last).toBeLessThan(0.7 * first);
    const images = dataset.test.fields.image;
    const x = fromArray(Array.from(images.slice(0, 2 * 784)), [2, 1, 28, 28], "f32");
    trained = referenceOf("conv_autoencoder", "ConvAE", weightsOf(out), { x }, { batch: 2 });
  });

  it("exports to ONNX; ONNX Runtime gives the reference's reconstructions", async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectOrtParity(trained!);
  });
});

describeTorch("examples/conv_autoencoder.dlnet in PyTorch (export --pytorch)", () => {
  it("model.py loads the trained checkpoint strictly and computes the reference's reconstructions", { timeout: 300_000 }, async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectTorchParity(trained!);
  });
});
