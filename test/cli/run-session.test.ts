// The run session (`dlnet run`, runInBrowser, the benchmark's inference):
// one plan per set of input shapes, kept warm. Checked on WebGPU against the
// CPU reference backend running the same session: shapes that change and
// come back, many runs at one shape with fresh data, an index input, and
// bad input as one-line errors.

import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../src/compiler/check/index";
import { memoryHost } from "../../src/compiler/check/program";
import { UserError } from "../../src/compiler/diagnostics";
import { initParams } from "../../src/compiler/lower/index";
import { makeTensor, type Tensor } from "../../src/compiler/tensor";
import { RunSession } from "../../src/cli/run-session";
import { CpuBackend } from "../../src/runtime/backend";
import { WebGpuBackend } from "../../src/runtime/webgpu/backend";
import { maxError, openTestGpu, randomArray } from "../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

const SOURCE = `model Tagger {
  input  tokens: i32[batch, 6]
  input  x: f32[batch, 6, 8]
  output logits = (Embedding(20, 8)(tokens) + x) -> Linear(16) -> Tanh -> Linear(3)
}
`;

function session(backend: CpuBackend | WebGpuBackend): RunSession {
  const check = checkFile("/m.dlnet", memoryHost({ "/m.dlnet": SOURCE }));
  expect(check.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return new RunSession(check, "Tagger", backend, { weights: (params) => initParams(params, 3) });
}

function feeds(batch: number, seed: number): Record<string, Tensor> {
  return {
    tokens: makeTensor("i32", [batch, 6], Array.from({ length: batch * 6 }, (_, i) => (i * 7 + seed) % 20)),
    x: makeTensor("f32", [batch, 6, 8], randomArray(batch * 48, seed)),
  };
}

describe.skipIf(!gpu)(`run session on WebGPU${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  it("matches the reference at shapes that change and come back, one plan per shape", async () => {
    const g = session(new WebGpuBackend(gpu!.handle, false));
    const c = session(new CpuBackend());
    const batches = [3, 5, 3, 1, 5, 3];
    for (const [k, b] of batches.entries()) {
      const f = feeds(b, 10 + k);
      const [got, want] = [await g.run(f), await c.run(f)];
      expect(got.logits.shape).toEqual([b, 6, 3]);
      expect(maxError(got.logits.data, want.logits.data, 1e-4, 1e-3), `run ${k} (batch ${b})`).toBeLessThan(1);
    }
    expect(g.planCount).toBe(3);
  });

  it("50 warm runs at one shape with fresh data each match the reference", async () => {
    const g = session(new WebGpuBackend(gpu!.handle, false));
    const c = session(new CpuBackend());
    for (let k = 0; k < 50; k++) {
      const f = feeds(4, 100 + k);
      const [got, want] = [await g.run(f), await c.run(f)];
      expect(maxError(got.logits.data, want.logits.data, 1e-4, 1e-3), `run ${k}`).toBeLessThan(1);
    }
    expect(g.planCount).toBe(1);
  });

  it("bad input is a one-line error, also on a warm plan", async () => {
    const g = session(new WebGpuBackend(gpu!.handle, false));
    await g.run(feeds(2, 1));
    const bad = feeds(2, 1);
    (bad.tokens.data as Int32Array)[5] = 20;
    await expect(g.run(bad)).rejects.toThrow(UserError);
    await expect(g.run(bad)).rejects.toThrow("inputs: input 'tokens' holds 20 at flat index 5, outside a table of 20 rows (0 to 19) that the model indexes with it");
    await expect(g.run({ ...feeds(2, 1), y: makeTensor("f32", [1]) })).rejects.toThrow(/'y' is not an input of the model \(its inputs: tokens, x\)/);
    await expect(g.run({ x: feeds(2, 1).x })).rejects.toThrow(/missing input 'tokens'/);
    await expect(g.run({ ...feeds(2, 1), x: makeTensor("f32", [3, 6, 8]) })).rejects.toThrow(/'batch' is 2 from input 'tokens' but 3 here/);
    // Still warm and right after the failures.
    expect((await g.run(feeds(2, 1))).logits.shape).toEqual([2, 6, 3]);
    expect(g.planCount).toBe(1);
  });
});
