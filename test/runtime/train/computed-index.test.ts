// Indices the model computes (`tokens + 1 -> Embedding`, `data.label + 1` as
// labels) cannot be checked before training: the first one outside what it
// indexes stops the run with the step, the call and its source position, the
// value and where it is among the indices. The CPU reference stops at the
// step; WebGPU kernels flag it and the trainer reports it when it reads the
// loss back (every `logEvery` steps). The step is found independently from
// the batch order (`batches`), and the same message is expected of both.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../../src/compiler/check/index";
import { UserError } from "../../../src/compiler/diagnostics";
import { CpuBackend, type Backend } from "../../../src/runtime/backend";
import { batches } from "../../../src/runtime/data/index";
import { encodeSafetensors } from "../../../src/runtime/checkpoint/safetensors";
import type { Tensor } from "../../../src/compiler/tensor";
import { train } from "../../../src/runtime/train/trainer";
import { diskHost } from "../../compiler/check/helpers";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { WebGpuBackend } from "../../../src/runtime/webgpu/backend";

const gpu = await acquireDevice();
const dir = mkdtempSync(join(tmpdir(), "dlnet-computed-"));

const SRC = `model Shift {
  input tokens: i32[batch, 4]
  output logits = (tokens + 1) -> Embedding(6, 3)
}
train Shift {
  data      = tensors("shift.safetensors")
  feed tokens = data.tokens
  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.1)
  batch     = 4
  epochs    = 1
  seed      = 5
}

model Labels {
  input x: f32[batch, 2]
  output logits = x -> Linear(3)
}
train Labels {
  data      = tensors("labels.safetensors")
  feed x    = data.x
  loss      = cross_entropy(logits, data.label + 1IGNORE)
  optimizer = SGD(lr: 0.1)
  batch     = 4
  epochs    = 1
  seed      = 5
}
`;

function specOf(name: string, ignore?: number) {
  const path = join(dir, "computed.dlnet");
  const src = SRC.replace("IGNORE", ignore === undefined ? "" : `, ignore_index: ${ignore}`);
  writeFileSync(path, src);
  const r = checkFile(path, diskHost());
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return r.elaborateTrain(name)!;
}

const N = 16;
const BAD = 9;
// 16 samples; sample 9 holds token 5 at position 2 (5 + 1 is outside the 6 rows) and label 2 (2 + 1 is outside the 3 classes).
const tokens = Int32Array.from({ length: N * 4 }, (_, i) => (Math.floor(i / 4) === BAD ? (i % 4 === 2 ? 5 : 0) : i % 5));
const label4 = Int32Array.from({ length: N * 4 }, (_, i) => i % 3);
const label = Int32Array.from({ length: N }, (_, i) => (i === BAD ? 2 : i % 2));
writeFileSync(join(dir, "shift.safetensors"), encodeSafetensors(new Map<string, Tensor>([
  ["tokens", { dtype: "i32", shape: [N, 4], data: tokens }],
  ["label", { dtype: "i32", shape: [N, 4], data: label4 }],
])));
writeFileSync(join(dir, "labels.safetensors"), encodeSafetensors(new Map<string, Tensor>([
  ["x", { dtype: "f32", shape: [N, 2], data: Float32Array.from({ length: N * 2 }, (_, i) => Math.sin(i)) }],
  ["label", { dtype: "i32", shape: [N], data: label }],
])));

/** The step (1-based) whose batch holds sample BAD, and BAD's row in it: from the batch order alone. */
function badStep(): { step: number; row: number } {
  const split = { size: N, fields: { label } };
  for (const b of batches(split, { label: { dtype: "i32", shape: [] } }, { batchSize: 4, seed: 5, epoch: 0 })) {
    const row = b.samples.indexOf(BAD);
    if (row >= 0) return { step: b.index + 1, row };
  }
  throw new Error("sample not in any batch");
}

async function failure(name: string, backend: Backend, logEvery?: number): Promise<string> {
  const err = await train({ spec: specOf(name), backend, cwd: dir, skipTest: true, logEvery }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).exitCode).toBe(1);
  return (err as Error).message;
}

describe("computed indices outside their range stop training with the step, the call and the value", () => {
  const { step, row } = badStep();
  /** `file:line:column` of the first `text` in the source. */
  const placeOf = (text: string) => {
    const lines = SRC.slice(0, SRC.indexOf(text)).split("\n");
    return `${join(dir, "computed.dlnet")}:${lines.length}:${lines[lines.length - 1].length + 1}`;
  };
  const place = placeOf("Embedding(");
  const embedding = `Embedding 'embedding_0' at ${place}: index 6 at position [${row}, 2] of its [4, 4] indices is outside a table of 6 rows (0 to 5); the indices are computed in the model, so check what produces them`;
  const labels = `cross_entropy at ${placeOf("cross_entropy(logits, data.label + 1")}: index 3 at position [${row}] of its [4] indices is outside the 3 classes (0 to 2); the indices are computed in the model, so check what produces them`;

  it("on the CPU reference: an Embedding index, at its step", async () => {
    expect(await failure("Shift", new CpuBackend())).toBe(`step ${step}: ${embedding}`);
  });

  it("on the CPU reference: a label outside the classes (no longer a zero one-hot row); ignore_index exempts it", async () => {
    expect(await failure("Labels", new CpuBackend())).toBe(`step ${step}: ${labels}`);
    const ok = await train({ spec: specOf("Labels", 3), backend: new CpuBackend(), cwd: dir, skipTest: true });
    expect(ok.steps).toBe(N / 4);
  });

  it.skipIf("error" in gpu)("on WebGPU: the flag read back with the loss names the same call, value and position, and the steps it came between", async () => {
    if ("error" in gpu) return;
    const backend = new WebGpuBackend(gpu);
    try {
      // The loss (and the flag) is read at steps 2 and 4 (every 2 steps).
      const read = Math.ceil(step / 2) * 2;
      const when = `step ${read} (WebGPU reports computed indices when it reads the loss back, every 2 steps: the value came at one of steps ${read - 1} to ${read})`;
      expect(await failure("Shift", backend, 2)).toBe(`${when}: ${embedding}`);
      expect(await failure("Labels", backend, 2)).toBe(`${when}: ${labels}`);
    } finally {
      backend.dispose();
    }
  }, 120_000);
});
