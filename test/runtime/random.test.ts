// Random numbers in models: randn/rand/randn_like/rand_like. The reference
// interpreter's draws follow N(0, 1) and U[0, 1) (moments and quantiles
// against the distributions' known values), WebGPU draws the same numbers
// element for element, a train block's run is reproducible from its seed and
// differs across seeds, and ONNX export draws with RandomNormalLike /
// RandomUniformLike in ONNX Runtime (opset ≤ 21; a clear diagnostic above).
// The VAE example (randn_like for the reparameterization trick) trains.

import { afterAll, describe, expect, it } from "vitest";
import { checkFile } from "../../src/compiler/check/index";
import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { GraphBuilder, randomNormal, randomUniform } from "../../src/compiler/ir/builder";
import { specialize } from "../../src/compiler/ir/graph";
import { lowerModel } from "../../src/compiler/lower/index";
import { CpuBackend, type Backend } from "../../src/runtime/backend";
import { runReference } from "../../src/runtime/reference/interpreter";
import { scalar, type Tensor } from "../../src/compiler/tensor";
import { train } from "../../src/runtime/train/trainer";
import { acquireDevice } from "../../src/runtime/webgpu/device";
import { WebGpuBackend } from "../../src/runtime/webgpu/backend";
import { runOrt } from "../compiler/codegen/onnx/ort";
import { diskHost, memoryHost } from "../compiler/check/helpers";
import { join } from "node:path";

const N = 40000;

/** Φ at -2, -1, 0, 1, 2 (standard normal CDF; tables). */
const PHI: [number, number][] = [[-2, 0.0227501], [-1, 0.1586553], [0, 0.5], [1, 0.8413447], [2, 0.9772499]];

function moments(xs: ArrayLike<number>) {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return { mean: m, variance: v / xs.length };
}

const below = (xs: ArrayLike<number>, t: number) => Array.prototype.filter.call(xs, (x: number) => x < t).length / xs.length;

/** N(0,1) by moments and quantiles: standard errors at N = 40000 are ~0.005 (mean), ~0.007 (variance), ≤ 0.0025 (fractions). */
function expectStandardNormal(xs: ArrayLike<number>) {
  const { mean, variance } = moments(xs);
  expect(Math.abs(mean)).toBeLessThan(0.025);
  expect(Math.abs(variance - 1)).toBeLessThan(0.035);
  for (const [t, p] of PHI) expect(Math.abs(below(xs, t) - p)).toBeLessThan(0.012);
  for (let i = 0; i < xs.length; i++) expect(Number.isFinite(xs[i])).toBe(true);
}

function expectUniform(xs: ArrayLike<number>) {
  const { mean, variance } = moments(xs);
  expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.005);
  for (const t of [0.1, 0.25, 0.5, 0.9]) expect(Math.abs(below(xs, t) - t)).toBeLessThan(0.012);
  for (let i = 0; i < xs.length; i++) expect(xs[i] >= 0 && xs[i] < 1).toBe(true);
}

function randomGraph() {
  const b = new GraphBuilder();
  const seed = b.input("seed", "i32", [], "seed");
  b.output("n", randomNormal(seed, [200, N / 200], 11));
  b.output("u", randomUniform(seed, [200, N / 200], 11));
  return b.build();
}

describe("randn and rand on the reference interpreter", () => {
  it("draw N(0, 1) and U[0, 1), and new numbers for a new seed", () => {
    const g = randomGraph();
    const a = runReference(g, { seed: scalar(7, "i32") });
    expectStandardNormal(a.n.data);
    expectUniform(a.u.data);
    const b = runReference(g, { seed: scalar(8, "i32") });
    const same = a.n.data.filter((x, i) => x === b.n.data[i]).length;
    expect(same).toBeLessThan(10);
    // The normal's two uniform streams are not the uniform output's stream reused: uncorrelated.
    let c = 0;
    for (let i = 0; i < N; i++) c += a.n.data[i] * (a.u.data[i] - 0.5);
    expect(Math.abs(c / N)).toBeLessThan(0.01);
  });
});

function checked(src: string) {
  const r = checkFile("/m.dlnet", memoryHost({ "/m.dlnet": src }));
  return r;
}

describe("randn, rand, randn_like, rand_like in the language", () => {
  it("type as f32 of the given shape, and refuse an empty or zero size", () => {
    const ok = checked(`
model M {
  input x: f32[batch, 3]
  output a = x + randn(batch, 3)
  output b = rand(2, batch, 3)
  output c = x * randn_like(x) + rand_like(x)
}`);
    expect(ok.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const m = ok.elaborate("M")!;
    expect(m.outputs.map((o) => o.value.type.shape)).toEqual([["batch", 3], [2, "batch", 3], ["batch", 3]]);
    const bad = checked(`
model M {
  input x: f32[batch, 3]
  output a = x + randn(batch, 0)
  output b = rand()
}`);
    const msgs = bad.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    expect(msgs).toEqual([expect.stringMatching(/randn.*sizes must be at least 1, found 0/), expect.stringMatching(/rand.*needs (a shape|argument 'shape')/)]);
  });

  it("two calls are two streams, and an inference run is reproducible from its seed", () => {
    const r = checked(`
model M {
  input x: f32[batch, 500]
  output a = randn_like(x)
  output b = randn_like(x)
}`);
    const lowered = lowerModel(r.elaborate("M")!, { mode: "eval" });
    expect(lowered.seedInput).toBeDefined();
    const g = specialize(lowered.graph, { batch: 20 });
    const feeds = (s: number): Record<string, Tensor> => ({ x: { dtype: "f32", shape: [20, 500], data: new Float32Array(10000) }, [lowered.seedInput!]: scalar(s, "i32") });
    const o1 = runReference(g, feeds(3));
    expectStandardNormal(o1.a.data);
    expectStandardNormal(o1.b.data);
    let c = 0;
    for (let i = 0; i < 10000; i++) c += o1.a.data[i] * o1.b.data[i];
    expect(Math.abs(c / 10000)).toBeLessThan(0.04);
    expect(runReference(g, feeds(3)).a.data).toEqual(o1.a.data);
  });
});

describe("ONNX export", () => {
  it("draws with RandomNormalLike / RandomUniformLike in ONNX Runtime (opset 21)", async () => {
    const g = randomGraph();
    const r = exportOnnx(g, { opset: 21 });
    expect(r.diagnostics).toEqual([]);
    const out = await runOrt(r.bytes, {});
    expect(out.n.shape).toEqual([200, N / 200]);
    expectStandardNormal(out.n.data);
    expectUniform(out.u.data);
  });

  it("opset 22 is refused with a message naming the opset to use", () => {
    const b = new GraphBuilder();
    b.output("n", randomNormal(b.input("seed", "i32", [], "seed"), [3], 1));
    const r = exportOnnx(b.build(), { opset: 22 });
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/random numbers \(Dropout, rand, randn\) need opset 21 or older/)]);
  });
});

const VAE = join(__dirname, "../../examples/vae.dlnet");

function vaeSpec(settings = "") {
  const r = checkFile(VAE, diskHost());
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const spec = r.elaborateTrain("VAE")!;
  return settings ? { ...spec, seed: Number(settings) } : spec;
}

describe("the VAE example (randn_like) trains, reproducibly from its seed", () => {
  it("lowers the loss on the CPU reference; the same seed gives the same losses, another seed others", async () => {
    const spec = vaeSpec();
    const run = (s: typeof spec, steps: number) => train({ spec: s, backend: new CpuBackend(), steps, skipTest: true });
    const a = await run(spec, 12);
    const b = await run(spec, 12);
    expect(b.losses).toEqual(a.losses);
    const c = await run(vaeSpec("2"), 3);
    expect(c.losses.map((l) => l.loss)).not.toEqual(a.losses.slice(0, 3).map((l) => l.loss));
    const first = a.losses.slice(0, 3).reduce((s, l) => s + l.loss, 0) / 3;
    const last = a.losses.slice(-3).reduce((s, l) => s + l.loss, 0) / 3;
    expect(last).toBeLessThan(first * 0.8);
  }, 300_000);
});

const gpu = await acquireDevice();

describe.skipIf("error" in gpu)("randn and rand on WebGPU", () => {
  const handle = "error" in gpu ? undefined : gpu;
  afterAll(() => handle?.release());
  const backend = (): Backend => new WebGpuBackend({ ...handle!, release: () => {} });

  it("draw the reference interpreter's numbers, element for element", async () => {
    const g = randomGraph();
    const b = backend();
    const exe = await b.compile(g);
    for (const s of [0, 7, -123456]) {
      const got = await exe.run({ seed: scalar(s, "i32") }, ["n", "u"]);
      const want = runReference(g, { seed: scalar(s, "i32") });
      expect(got.u.data).toEqual(want.u.data); // the same 24-bit integers
      let worst = 0;
      for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(got.n.data[i] - want.n.data[i]));
      expect(worst).toBeLessThan(2e-4); // f32 log/cos of the GPU against the interpreter's
    }
    b.dispose();
  });

  it("trains the VAE step by step as the reference does", async () => {
    const spec = vaeSpec();
    const ref = await train({ spec, backend: new CpuBackend(), steps: 4, logEvery: 1, skipTest: true });
    const b = backend();
    const got = await train({ spec, backend: b, steps: 4, logEvery: 1, skipTest: true });
    for (let i = 0; i < 4; i++) expect(Math.abs(got.losses[i].loss - ref.losses[i].loss) / ref.losses[i].loss).toBeLessThan(1e-4);
    b.dispose();
  }, 300_000);
});
