// The step loop reuses everything it built once per shape (bind groups,
// parameter pairs, input buffers, staging buffers): these check that reuse
// against the reference interpreter run step by step. Many steps with fresh
// data each (uploaded by writeBuffer from the tensors' own arrays, and through
// the ring of mapped staging buffers); two executables of one graph alive at once (shared pipelines,
// their own buffers and bind groups); a second batch size compiled beside the
// first (a new plan, state handed over); no buffer made per step.

import { afterAll, describe, expect, it } from "vitest";
import * as b from "../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../src/compiler/ir/builder";
import { specialize, type Graph } from "../../../src/compiler/ir/graph";
import { buildTrainStep } from "../../../src/compiler/train-graph/build";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { compileForWebGPU } from "../../../src/runtime/webgpu/executor";
import { WebGpuBackend } from "../../../src/runtime/webgpu/backend";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { BufferManager, UploadRing } from "../../../src/runtime/webgpu/buffers";
import { maxError, openTestGpu, randomArray, rng } from "./gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

const [IN, H, C] = [12, 16, 5];

/** An MLP training step (Adam, with a metric) over a batch dim `B` left symbolic. */
function mlpStep(): Graph {
  const gb = new GraphBuilder();
  const x = gb.input("x", "f32", ["B", IN]);
  const labels = gb.input("labels", "i32", ["B"]);
  const w1 = gb.param("fc1.weight", [IN, H]);
  const b1 = gb.param("fc1.bias", [H]);
  const w2 = gb.param("fc2.weight", [H, C]);
  const b2 = gb.param("fc2.bias", [C]);
  const logits = b.add(b.matmul(b.tanh(b.add(b.matmul(x, w1), b1)), w2), b2);
  gb.output("loss", b.crossEntropy(logits, labels));
  gb.output("accuracy", b.accuracy(logits, labels));
  return buildTrainStep(gb.build(), { loss: "loss", optimizer: { kind: "adam", lr: 0.01 }, metrics: ["accuracy"] });
}

const persistent = (g: Graph) => g.inputs.filter((i) => i.role === "param" || i.role === "state");

function initial(g: Graph, seed: number): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const i of persistent(g)) {
    const shape = i.node.shape as number[];
    const n = shape.reduce((p, d) => p * d, 1);
    out[i.name] = i.role === "param" ? makeTensor("f32", shape, randomArray(n, seed + n).map((v) => v * 0.4)) : makeTensor("f32", shape);
  }
  return out;
}

/** Fresh data and hyperparameters for step `k` (1-based) at batch `batch`. */
function batchOf(batch: number, k: number, seed: number): Record<string, Tensor> {
  const r = rng(seed * 1000 + k);
  return {
    x: makeTensor("f32", [batch, IN], randomArray(batch * IN, seed * 7919 + k)),
    labels: makeTensor("i32", [batch], Array.from({ length: batch }, () => Math.floor(((r() + 1) / 2) * C))),
    lr: makeTensor("f32", [], [0.01]),
    step: makeTensor("f32", [], [k]),
  };
}

/** The reference interpreter's state after one step. */
function refStep(g: Graph, state: Record<string, Tensor>, feeds: Record<string, Tensor>) {
  const out = runReference(g, { ...state, ...feeds });
  const next = { ...state };
  for (const i of persistent(g)) next[i.name] = out[i.name];
  return { out, next };
}

const close = (got: Tensor, want: Tensor, what: string) =>
  expect(maxError(got.data, want.data, 2e-4, 2e-3), what).toBeLessThan(1);

describe.skipIf(!gpu)(`reuse across runs${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const pipelines = gpu ? new PipelineCache(gpu.handle.device) : undefined;
  it("100 steps with fresh batches match the reference step by step, with no buffer made per step", async () => {
    const g = specialize(mlpStep(), { B: 9 });
    const exe = await compileForWebGPU(g, gpu!.handle, { pipelines });
    let ref = initial(g, 3);
    const before = exe.gpuBuffers;
    // writeBuffer is handed the tensors' own ArrayBuffers: no host-side copy.
    const queue = gpu!.handle.device.queue;
    const write = queue.writeBuffer;
    const sources: unknown[] = [];
    queue.writeBuffer = function (this: GPUQueue, ...args: Parameters<GPUQueue["writeBuffer"]>) {
      sources.push(args[2]);
      return write.apply(this, args);
    } as GPUQueue["writeBuffer"];
    for (let k = 1; k <= 100; k++) {
      const feeds = batchOf(9, k, 1);
      // Read back on some steps only: the others stay in flight (at most MAX_IN_FLIGHT).
      const readback = k % 7 === 0 || k === 100 ? ["loss", "accuracy"] : [];
      const got = await exe.run(k === 1 ? { ...ref, ...feeds } : feeds, { readback }).finally(() => {
        if (k === 2) queue.writeBuffer = write;
      });
      if (k === 2) for (const name of ["x", "labels"] as const) expect(sources, name).toContain(feeds[name].data.buffer);
      const { out, next } = refStep(g, ref, feeds);
      ref = next;
      if (readback.length) {
        close(got.loss, out.loss, `loss at step ${k}`);
        expect(got.accuracy.data[0], `accuracy at step ${k}`).toBeCloseTo(out.accuracy.data[0], 5);
      }
      // The first read-back made the one staging buffer; nothing after it.
      if (k === 7) expect(exe.gpuBuffers).toEqual({ count: before.count + 1, bytes: before.bytes + 8 });
      if (k > 7) expect(exe.gpuBuffers.count, `buffers after step ${k}`).toBe(before.count + 1);
    }
    for (const i of persistent(g)) close(await exe.read(i.name), ref[i.name], i.name);
    exe.destroy();
  });

  it("the upload ring reused across 100 steps matches the reference step by step, and stops growing", async () => {
    const g = specialize(mlpStep(), { B: 9 });
    const maxInFlight = 3;
    const exe = await compileForWebGPU(g, gpu!.handle, { pipelines, upload: "ring", maxInFlight });
    let ref = initial(g, 5);
    const before = exe.gpuBuffers.count;
    for (let k = 1; k <= 100; k++) {
      const feeds = batchOf(9, k, 2);
      // Bursts of steps in flight, each reading the ring's staging buffers; every 5th reads back.
      const readback = k % 5 === 0 ? ["loss"] : [];
      // Data as the tensor's own array (Float32Array, Int32Array) and, every third step, as a
      // Float64Array: the ring converts while it copies into the mapped buffer.
      const given = k % 3 === 0 ? { ...feeds, x: makeTensor("f64", feeds.x.shape, Float64Array.from(feeds.x.data)) } : feeds;
      const got = await exe.run(k === 1 ? { ...ref, ...given } : given, { readback });
      const { out, next } = refStep(g, ref, feeds);
      ref = next;
      if (readback.length) close(got.loss, out.loss, `loss at step ${k}`);
      // Staging buffers: the read-back one, and at most the ring's bound of upload buffers.
      expect(exe.gpuBuffers.count - before, `buffers after step ${k}`).toBeLessThanOrEqual(1 + maxInFlight + 2);
    }
    for (const i of persistent(g)) close(await exe.read(i.name), ref[i.name], i.name);
    exe.destroy();
  });

  it("a full ring maps its used staging buffers and waits for one instead of growing; no mapping is pending while runs are in flight", async () => {
    const { device } = gpu!.handle;
    const buffers = new BufferManager(device);
    const ring = new UploadRing(buffers, 2);
    const dst = buffers.create(64);
    const upload = async (v: number) => {
      const staged = await ring.stage([{ buffer: dst, type: "f32", data: new Float32Array(16).fill(v) }]);
      const enc = device.createCommandEncoder();
      staged.encode(enc);
      device.queue.submit([enc.finish()]);
      staged.submitted();
    };
    await upload(1);
    await upload(2);
    // Two buffers, both used; neither is being mapped (that would keep Dawn polling through the runs).
    expect(ring.size).toBe(2);
    expect(ring.mapping).toBe(0);
    expect(buffers.count).toBe(3);
    // The third finds none ready: it maps the used ones, waits, and reuses one.
    await upload(3);
    expect(ring.size).toBe(2);
    expect(buffers.count).toBe(3);
    expect(Array.from(new Float32Array(await buffers.read(dst, 64)))).toEqual(new Array(16).fill(3));
    buffers.destroyAll();
  });

  it("two executables of one graph alive at once keep their own buffers and bind groups", async () => {
    const g = specialize(mlpStep(), { B: 6 });
    const pipelines = new PipelineCache(gpu!.handle.device);
    const a = await compileForWebGPU(g, gpu!.handle, { pipelines });
    const size = pipelines.size;
    const c = await compileForWebGPU(g, gpu!.handle, { pipelines });
    // Same kernels, so the second compiled no pipeline of its own.
    expect(pipelines.size).toBe(size);
    let refA = initial(g, 10);
    let refC = initial(g, 20);
    for (let k = 1; k <= 12; k++) {
      const fa = batchOf(6, k, 2);
      const fc = batchOf(6, k, 3);
      const readback = k % 4 === 0 ? ["loss"] : [];
      // Interleaved, and both submitted before either is awaited.
      const [ga, gc] = await Promise.all([
        a.run(k === 1 ? { ...refA, ...fa } : fa, { readback }),
        c.run(k === 1 ? { ...refC, ...fc } : fc, { readback }),
      ]);
      const ra = refStep(g, refA, fa);
      const rc = refStep(g, refC, fc);
      refA = ra.next;
      refC = rc.next;
      if (readback.length) {
        close(ga.loss, ra.out.loss, `a: loss at step ${k}`);
        close(gc.loss, rc.out.loss, `c: loss at step ${k}`);
        expect(ga.loss.data[0]).not.toBe(gc.loss.data[0]);
      }
    }
    for (const i of persistent(g)) {
      close(await a.read(i.name), refA[i.name], `a: ${i.name}`);
      close(await c.read(i.name), refC[i.name], `c: ${i.name}`);
    }
    a.destroy();
    c.destroy();
  });

  it("a second batch size is a new plan sharing the state, alternating with the first", async () => {
    const sym = mlpStep();
    const backend = new WebGpuBackend(gpu!.handle, false);
    let ref = initial(specialize(sym, { B: 8 }), 5);
    for (const [name, t] of Object.entries(ref)) backend.setState(name, t);
    const sizes = [8, 3];
    const graphs = sizes.map((B) => specialize(sym, { B }));
    const exes = await Promise.all(graphs.map((g) => backend.compile(g)));
    expect(backend.dispatchCounts).toHaveLength(2);
    for (let k = 1; k <= 10; k++) {
      // 8, 8, 3, 8, 8, 3, ...: a partial last batch every third step.
      const j = k % 3 === 0 ? 1 : 0;
      const feeds = batchOf(sizes[j], k, 4);
      const got = await exes[j].run(feeds, ["loss"]);
      const { out, next } = refStep(graphs[j], ref, feeds);
      ref = next;
      close(got.loss, out.loss, `loss at step ${k} (batch ${sizes[j]})`);
    }
    for (const name of Object.keys(ref)) close(await backend.getState(name), ref[name], name);
    backend.dispose();
  });
});
