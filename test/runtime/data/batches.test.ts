import { describe, expect, it } from "vitest";
import { batchCount, batches, epochOrder, evenSplit, mixSeed, mulberry32, permutation, type FieldSpec, type Split } from "../../../src/runtime/data";

const fields: Record<string, FieldSpec> = { x: { dtype: "f32", shape: [2] }, y: { dtype: "i32", shape: [] } };
const split = (n: number): Split => ({
  size: n,
  fields: { x: Float32Array.from({ length: 2 * n }, (_, i) => i / 2), y: Int32Array.from({ length: n }, (_, i) => 100 + i) },
});

describe("seeded randomness", () => {
  it("mulberry32 is deterministic, in [0, 1), and depends on the seed", () => {
    const a = mulberry32(42);
    const xs = Array.from({ length: 1000 }, a);
    expect(xs).toEqual(Array.from({ length: 1000 }, mulberry32(42)));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs[0]).not.toBe(mulberry32(43)());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it("permutations are permutations, differ per epoch, and repeat for the same (seed, epoch)", () => {
    const p = epochOrder(100, 7, 3);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...p]).toEqual([...epochOrder(100, 7, 3)]);
    expect([...p]).not.toEqual([...epochOrder(100, 7, 4)]);
    expect([...p]).not.toEqual([...epochOrder(100, 8, 3)]);
    expect([...permutation(1, 5)]).toEqual([0]);
    expect(mixSeed(2 ** 40, 1)).not.toBe(mixSeed(0, 1)); // high bits of a large seed matter
  });
});

describe("batches", () => {
  it("covers every sample once per epoch, keeping the last partial batch", () => {
    const s = split(10);
    const bs = [...batches(s, fields, { batchSize: 4, seed: 1, epoch: 0 })];
    expect(bs.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(bs.map((b) => b.index)).toEqual([0, 1, 2]);
    expect(batchCount(10, 4)).toBe(3);
    const seen = bs.flatMap((b) => [...b.fields.y]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
    // fields stay aligned: x of sample i is [i, i + 0.5]
    for (const b of bs) {
      b.samples.forEach((i, k) => {
        expect(b.fields.y[k]).toBe(100 + i);
        expect([...b.fields.x.subarray(2 * k, 2 * k + 2)]).toEqual([i, i + 0.5]);
      });
    }
  });

  it("shuffles per epoch from (seed, epoch); resuming at a batch continues the same order", () => {
    const s = split(50);
    const order = (epoch: number, startBatch = 0) =>
      [...batches(s, fields, { batchSize: 8, seed: 3, epoch, startBatch })].flatMap((b) => [...b.samples]);
    expect(order(2)).toEqual(order(2));
    expect(order(2)).not.toEqual(order(1));
    expect(order(2, 3)).toEqual(order(2).slice(24));
    expect(order(0)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("keeps the stored order without shuffle (evaluation)", () => {
    const got = [...batches(split(5), fields, { batchSize: 2, shuffle: false })].map((b) => [...b.samples]);
    expect(got).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("rejects a batch size below 1", () => {
    expect(() => [...batches(split(5), fields, { batchSize: 0 })]).toThrow(/batch size/);
  });
});

describe("evenSplit", () => {
  it("spreads test samples evenly, disjoint from train, with the asked size", () => {
    const { train, test } = evenSplit(10, 0.2, "t");
    expect([...test]).toEqual([2, 7]);
    expect(train.length).toBe(8);
    expect(new Set([...train, ...test]).size).toBe(10);
    expect(evenSplit(10, 3, "t").test.length).toBe(3);
    expect(evenSplit(10, 0, "t").test.length).toBe(0);
  });
  it("refuses a split that leaves nothing to train on, or a bad value", () => {
    expect(() => evenSplit(4, 4, "t")).toThrow(/nothing would be left/);
    expect(() => evenSplit(4, 1.5, "t")).toThrow(/fraction/);
    expect(() => evenSplit(4, -0.1, "t")).toThrow(/fraction/);
  });
});
