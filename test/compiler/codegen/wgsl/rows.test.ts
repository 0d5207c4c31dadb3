import { afterAll, describe, expect, it } from "vitest";
import { rowKernel } from "../../../../src/compiler/codegen/wgsl/rows";
import { call, constant, index, load, reduced } from "../../../../src/compiler/codegen/wgsl/expr";
import { maxError, openTestGpu, randomArray, runKernel } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

const f = (t: string, ...a: Parameters<typeof call>[2][]) => call(t, "f32", ...a);

/** Reduces `x` (shape) over `axes` with `fn`, in float64: the oracle. */
function reduceRef(
  x: ArrayLike<number>,
  shape: number[],
  axes: number[],
  fn: (a: number[]) => number,
) {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const groups = new Map<number, number[]>();
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
  for (let i = 0; i < x.length; i++) {
    let key = 0;
    for (const d of kept) key = key * shape[d] + (Math.floor(i / strides[d]) % shape[d]);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(x[i]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => fn(groups.get(k)!));
}
const sum = (a: number[]) => a.reduce((p, v) => p + v, 0);

describe.skipIf(!gpu)(`row kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  it("sum of squares over a middle axis (prologue x*x)", async () => {
    const shape = [3, 300, 7];
    const x = randomArray(3 * 300 * 7, 1);
    const k = rowKernel({
      shape,
      axes: [1],
      inputs: [{ shape, type: "f32" }],
      stages: [{ op: "sum", expr: f("{0} * {0}", load(0)) }],
      outputs: [{ expr: reduced(0), type: "f32", reduced: true }],
    });
    const [out] = await runKernel(gpu!, k, [x], [21]);
    const want = reduceRef(
      x.map((v) => v * v),
      shape,
      [1],
      sum,
    );
    expect(maxError(out, want)).toBeLessThan(1);
  });

  it("mean over axes 0 and 2, max over the last axis, on a 2-D grid", async () => {
    const shape = [4, 6, 5];
    const x = randomArray(120, 2);
    const mean = rowKernel({
      shape,
      axes: [0, 2],
      inputs: [{ shape, type: "f32" }],
      stages: [{ op: "sum", expr: load(0) }],
      outputs: [{ expr: f("{0} * 0.05f", reduced(0)), type: "f32", reduced: true }],
    });
    const [m] = await runKernel(gpu!, mean, [x], [6]);
    expect(
      maxError(
        m,
        reduceRef(x, shape, [0, 2], (a) => sum(a) / 20),
      ),
    ).toBeLessThan(1);
    const max = rowKernel(
      {
        shape,
        axes: [2],
        inputs: [{ shape, type: "f32" }],
        stages: [{ op: "max", expr: load(0) }],
        outputs: [{ expr: reduced(0), type: "f32", reduced: true }],
      },
      5, // at most 5 workgroups per dimension: 24 rows need a 5x5 grid
    );
    expect(max.workgroups[1]).toBeGreaterThan(1);
    const [mx] = await runKernel(gpu!, max, [x], [24]);
    expect(Array.from(mx)).toEqual(
      reduceRef(x, shape, [2], (a) => Math.max(...a)).map(Math.fround),
    );
  });

  it("softmax over the last axis in one kernel", async () => {
    const shape = [5, 37];
    const x = randomArray(5 * 37, 3).map((v) => v * 10);
    const k = rowKernel({
      shape,
      axes: [1],
      inputs: [{ shape, type: "f32" }],
      stages: [
        { op: "max", expr: load(0) },
        { op: "sum", expr: f("exp({0} - {1})", load(0), reduced(0)) },
      ],
      outputs: [
        {
          expr: f("exp({0} - {1}) / {2}", load(0), reduced(0), reduced(1)),
          type: "f32",
          reduced: false,
        },
      ],
    });
    const [out] = await runKernel(gpu!, k, [x], [x.length]);
    const want: number[] = [];
    for (let r = 0; r < 5; r++) {
      const row = Array.from(x.subarray(r * 37, r * 37 + 37));
      const m = Math.max(...row);
      const s = sum(row.map((v) => Math.exp(v - m)));
      want.push(...row.map((v) => Math.exp(v - m) / s));
    }
    expect(maxError(out, want, 1e-6, 1e-4)).toBeLessThan(1);
  });

  it("log-softmax + NLL with integer labels: per-row loss and log-probabilities", async () => {
    const B = 6;
    const C = 10;
    const shape = [B, C];
    const x = randomArray(B * C, 4).map((v) => v * 5);
    const labels = new Int32Array([3, 0, 9, 9, 1, 5]);
    const logp = f("{0} - {1} - log({2})", load(0), reduced(0), reduced(1));
    const k = rowKernel({
      shape,
      axes: [1],
      inputs: [
        { shape, type: "f32" },
        { shape: [B, 1], type: "i32" },
      ],
      stages: [
        { op: "max", expr: load(0) },
        { op: "sum", expr: f("exp({0} - {1})", load(0), reduced(0)) },
        // The label's log-probability: select() keeps only the labelled column.
        { op: "sum", expr: f("select(0.0f, {0}, i32({1}) == {2})", logp, index(1), load(1)) },
      ],
      outputs: [
        { expr: f("-{0}", reduced(2)), type: "f32", reduced: true },
        { expr: logp, type: "f32", reduced: false },
      ],
    });
    const [loss, lp] = await runKernel(gpu!, k, [x, labels], [B, B * C]);
    const wantLoss: number[] = [];
    const wantLp: number[] = [];
    for (let r = 0; r < B; r++) {
      const row = Array.from(x.subarray(r * C, r * C + C));
      const m = Math.max(...row);
      const lse = m + Math.log(sum(row.map((v) => Math.exp(v - m))));
      wantLp.push(...row.map((v) => v - lse));
      wantLoss.push(lse - row[labels[r]]);
    }
    expect(maxError(loss, wantLoss)).toBeLessThan(1);
    expect(maxError(lp, wantLp)).toBeLessThan(1);
  });

  it("layer norm with gamma and beta in one kernel", async () => {
    const D = 50;
    const shape = [3, 4, D];
    const x = randomArray(3 * 4 * D, 5).map((v) => v * 3 + 1);
    const gamma = randomArray(D, 6);
    const beta = randomArray(D, 7);
    const inv = 1 / D;
    const centered = f("{0} - {1} * {2}", load(0), reduced(0), constant(inv));
    const k = rowKernel({
      shape,
      axes: [2],
      inputs: [
        { shape, type: "f32" },
        { shape: [D], type: "f32" },
        { shape: [D], type: "f32" },
      ],
      stages: [
        { op: "sum", expr: load(0) },
        { op: "sum", expr: f("{0} * {0}", centered) },
      ],
      outputs: [
        {
          expr: f(
            "{0} * inverseSqrt({1} * {2} + 1e-5f) * {3} + {4}",
            centered,
            reduced(1),
            constant(inv),
            load(1),
            load(2),
          ),
          type: "f32",
          reduced: false,
        },
      ],
    });
    const [out] = await runKernel(gpu!, k, [x, gamma, beta], [x.length]);
    const want: number[] = [];
    for (let r = 0; r < 12; r++) {
      const row = Array.from(x.subarray(r * D, r * D + D));
      const mu = sum(row) / D;
      const v = sum(row.map((a) => (a - mu) ** 2)) / D;
      want.push(...row.map((a, i) => ((a - mu) / Math.sqrt(v + 1e-5)) * gamma[i] + beta[i]));
    }
    expect(maxError(out, want)).toBeLessThan(1);
  });
});
