// Scale-out end to end: examples/mnist_mlp.dlnet exported with `dlnet export
// --pytorch`, its train.py run as two DistributedDataParallel ranks (gloo,
// CPU), launched with the env:// variables torchrun sets (Debian's torchrun
// 1.13 does not start on Python 3.11), against one process with the same
// global batch. Both ranks end with identical parameters; the checkpoint
// rank 0 writes is read by `dlnet run` (accuracy on the held-out digits,
// computed here from its logits) and by `dlnet export --onnx`.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readTensors } from "../../../../src/runtime/checkpoint/safetensors";
import { dlnetInProcess, ROOT } from "../../../cli/run-cli";
import { describeTorch, expectOk, forked, type PyResult } from "./python";

const STEPS = 300;

let dir: string;
const at = (f: string) => join(dir, f);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** Accuracy of `dlnet run --backend cpu` with these weights on the exported test split. */
async function dlnetAccuracy(weights: string): Promise<number> {
  const { tensors } = readTensors(at("out/data.safetensors"));
  const image = tensors.get("test/image")!;
  const label = tensors.get("test/label")!;
  writeFileSync(at("in.json"), JSON.stringify({ x: { shape: image.shape, data: Array.from(image.data) } }));
  const r = await dlnetInProcess(["run", join(ROOT, "examples/mnist_mlp.dlnet"), "--weights", weights, "--inputs", at("in.json"), "--backend", "cpu", "--out", at("logits.json")]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const logits = JSON.parse(readFileSync(at("logits.json"), "utf8")).logits as { shape: number[]; data: number[] };
  const [n, c] = logits.shape;
  expect(n).toBe(label.shape[0]);
  let right = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (logits.data[i * c + j] > logits.data[i * c + best]) best = j;
    if (best === label.data[i]) right++;
  }
  return right / n;
}

const testAccuracy = (r: PyResult) => Number(/^test: loss \S+ accuracy (\S+)/m.exec(r.stdout)?.[1]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-pt-ddp-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeTorch("train.py under DDP (two gloo ranks on CPU)", () => {
  it(`mnist_mlp, ${STEPS} steps: identical replicas, a checkpoint dlnet runs and exports, the accuracy of one process`, async () => {
    const e = await dlnetInProcess(["export", join(ROOT, "examples/mnist_mlp.dlnet"), "--pytorch", at("out")]);
    expect(e.stderr).toBe("");
    expect(e.code).toBe(0);
    const readme = readFileSync(at("out/README.md"), "utf8");
    expect(readme).toContain("torchrun --nproc_per_node=2 train.py");
    expect(readme).toMatch(/MASTER_ADDR=.* WORLD_SIZE=2 RANK=\$r LOCAL_RANK=\$r python3 train.py/);

    const port = String(await freePort());
    const ranks = await Promise.all(
      [0, 1].map((rank) =>
        forked([at("out/train.py"), "--steps", String(STEPS), "--out", at("ddp.safetensors")], {
          cwd: at("out"),
          env: { MASTER_ADDR: "127.0.0.1", MASTER_PORT: port, WORLD_SIZE: "2", RANK: String(rank), LOCAL_RANK: String(rank) },
        }),
      ),
    );
    ranks.forEach((r, k) => expectOk(r, `rank ${k}`));
    expect(ranks[0].stdout).toMatch(/batch 32 \(2 ranks x 16\)/);
    expect(ranks[0].stdout).toContain(`step ${STEPS}/${STEPS} `);
    // Only rank 0 reports and writes; every rank prints its parameters' digest.
    expect(ranks[1].stdout).not.toMatch(/^(step|checkpoint|test)/m);
    const digests = ranks.map((r, k) => new RegExp(`^rank ${k}: parameters sha256 ([0-9a-f]{64})$`, "m").exec(r.stdout)?.[1]);
    expect(digests[0]).toBeDefined();
    expect(digests[1]).toBe(digests[0]);

    const single = await forked([at("out/train.py"), "--steps", String(STEPS), "--out", at("single.safetensors")], { cwd: at("out") });
    expectOk(single, "one process");
    expect(single.stdout).toMatch(/batch 32 \(1 rank x 32\)/);
    expect(single.stdout).not.toContain("parameters sha256");

    // The checkpoint is dlnet's: position and optimizer state included.
    const ck = readTensors(at("ddp.safetensors"));
    expect(ck.metadata).toMatchObject({ format: "dlnet-checkpoint/1", model: "SimpleNet", step: String(STEPS) });
    expect([...ck.tensors.keys()].filter((k) => k.startsWith("optim.")).length).toBe(8);

    // dlnet runs both checkpoints; train.py's own evaluation agrees with dlnet's.
    const ddpAcc = await dlnetAccuracy(at("ddp.safetensors"));
    const singleAcc = await dlnetAccuracy(at("single.safetensors"));
    expect(Math.abs(ddpAcc - testAccuracy(ranks[0]))).toBeLessThan(0.002);
    expect(Math.abs(singleAcc - testAccuracy(single))).toBeLessThan(0.002);
    // Trained, and as well as one process with the same global batch (1,000 digits: ±2% is noise).
    expect(ddpAcc).toBeGreaterThan(0.85);
    expect(Math.abs(ddpAcc - singleAcc)).toBeLessThan(0.03);

    const onnx = await dlnetInProcess(["export", join(ROOT, "examples/mnist_mlp.dlnet"), "--weights", at("ddp.safetensors"), "--onnx", at("m.onnx")]);
    expect(onnx.stderr).toBe("");
    expect(onnx.code).toBe(0);
    expect(existsSync(at("m.onnx"))).toBe(true);
  }, 300_000);
});
