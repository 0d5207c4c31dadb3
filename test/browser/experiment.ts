// The browser test's experiment, one module run in both places: bundled as a
// page script (importing the library bundle, ./dlnet.js) and imported by the
// test in Node. Compile, train a few steps, run inference on test samples.

import { compileModel, runInBrowser, trainInBrowser } from "../../src/browser/index";

export interface Run {
  adapter: string;
  /** Sum of the training images: the synthetic data must be the same in both engines. */
  checksum: number;
  losses: { step: number; loss: number }[];
  logits: number[];
}

export async function experiment(args: { source: string; steps: number; samples: number; backend: "webgpu" | "cpu" }): Promise<Run> {
  const program = compileModel(args.source);
  if (!program.ok) throw new Error(program.errors);
  const r = await trainInBrowser(program, { steps: args.steps, logEvery: 1, skipTest: true, backend: args.backend });
  try {
    let checksum = 0;
    for (const v of r.dataset.train.fields.image) checksum += v;
    const image = r.dataset.test.fields.image;
    const k = image.length / r.dataset.test.size;
    const out = await runInBrowser(program, {
      inputs: { x: { shape: [args.samples, k], data: image.subarray(0, args.samples * k) } },
      backend: r.backend,
    });
    return { adapter: r.backend.description, checksum, losses: r.losses, logits: Array.from(out.logits.data) };
  } finally {
    r.backend.dispose();
  }
}
