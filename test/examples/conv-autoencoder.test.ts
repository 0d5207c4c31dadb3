// examples/conv_autoencoder.dlnet: a convolutional autoencoder (stride-2
// Conv2d down, ConvTranspose2d up) whose loss `mse(recon, x)` reads the model
// input x as the model sees it ([batch, 1, 28, 28], fed from data.image
// [batch, 784]). Checks clean; a short CPU run lowers the reconstruction
// error; ONNX Runtime and the exported PyTorch model compute the reference's
// reconstructions from the trained checkpoint.

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

  it("lowers the reconstruction error in 10 steps (CPU)", { timeout: 180_000 }, async () => {
    const spec = trainSpecOf("conv_autoencoder");
    const data = mnist({ train: 240, test: 20 });
    const out = join(mkdtempSync(join(tmpdir(), "dlnet-convae-")), "ConvAutoencoder.safetensors");
    const { result, first, last } = await shortRun(spec, { batch: 16, steps: 10, dataset: data, window: 3, out });
    // From about 0.25 (a sigmoid at 0.5 on mostly black pixels); these 10 steps end near 0.15.
    expect(first).toBeGreaterThan(0.2);
    expect(last).toBeLessThan(0.75 * first);
    expect(result.test!.loss).toBeLessThan(first);
    // Three held-out digits for the parity checks.
    const image = data.test.fields.image as Float32Array;
    const x = fromArray(Array.from(image.slice(0, 3 * 784)), [3, 1, 28, 28], "f32");
    trained = referenceOf("conv_autoencoder", "ConvAutoencoder", weightsOf(out), { x }, { batch: 3 });
  });

  it("exports to ONNX; ONNX Runtime gives the reference's reconstructions", async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectOrtParity(trained!);
  });
});

describeTorch("examples/conv_autoencoder.dlnet in PyTorch (export --pytorch)", () => {
  it("model.py (Conv2d, ConvTranspose2d) loads the trained checkpoint strictly and computes the reference's reconstructions", { timeout: 300_000 }, async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    await expectTorchParity(trained!);
  });
});
