// Parameter initialisation: PyTorch's default distributions (checked by their
// moments and bounds on large tensors), determinism, independence of streams.

import { describe, expect, it } from "vitest";
import type { ParamInfo } from "../../../src/compiler/check/elaborated";
import type { InitSpec } from "../../../src/compiler/layers/index";
import { kaimingUniform, fanInUniform, xavierUniform } from "../../../src/compiler/layers/index";
import { initParam, initParams } from "../../../src/compiler/lower/index";

const param = (path: string, shape: number[], init: InitSpec, buffer = false): ParamInfo => ({
  path, name: path.split(".").pop()!, owner: "", shape, dtype: "f32", init, buffer, file: "t", span: { start: 0, end: 0 },
});

function moments(d: ArrayLike<number>) {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < d.length; i++) {
    s += d[i];
    min = Math.min(min, d[i]);
    max = Math.max(max, d[i]);
  }
  const mean = s / d.length;
  let v = 0;
  for (let i = 0; i < d.length; i++) v += (d[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / d.length), min, max };
}

describe("initParams", () => {
  const n = 200 * 300;
  it("Linear weight: kaiming_uniform(a=√5) = U(±1/√fan_in); bias U(±1/√fan_in)", () => {
    const w = initParam(param("fc.weight", [200, 300], kaimingUniform(300)), 1);
    const b = 1 / Math.sqrt(300);
    const m = moments(w.data);
    expect(m.max).toBeLessThanOrEqual(b);
    expect(m.min).toBeGreaterThanOrEqual(-b);
    expect(m.max).toBeGreaterThan(b * 0.999);
    expect(Math.abs(m.mean)).toBeLessThan(0.01 * b);
    expect(m.std).toBeCloseTo(b / Math.sqrt(3), 3); // U(-b, b) has std b/√3
    const bias = moments(initParam(param("fc.bias", [5000], fanInUniform(300)), 1).data);
    expect(bias.max).toBeLessThanOrEqual(b);
    expect(bias.std).toBeGreaterThan(0.9 * b / Math.sqrt(3));
  });

  it("normal(mean, std): Embedding N(0, 1), PositionalEmbedding N(0, 0.02²)", () => {
    const e = moments(initParam(param("emb.weight", [200, 300], { kind: "normal", mean: 0, std: 1 }), 7).data);
    expect(Math.abs(e.mean)).toBeLessThan(0.02);
    expect(e.std).toBeGreaterThan(0.98);
    expect(e.std).toBeLessThan(1.02);
    const p = moments(initParam(param("pos.weight", [n], { kind: "normal", mean: 0, std: 0.02 }), 7).data);
    expect(p.std).toBeCloseTo(0.02, 3);
    // Box–Muller's tails: some values beyond 3σ, but not many (expected 0.27%).
    const w = initParam(param("t.w", [n], { kind: "normal", mean: 2, std: 1 }), 3).data;
    const tail = Array.from(w).filter((v) => Math.abs(v - 2) > 3).length / n;
    expect(tail).toBeGreaterThan(0.0015);
    expect(tail).toBeLessThan(0.004);
  });

  it("xavier_uniform, kaiming_normal, zeros, ones", () => {
    const x = moments(initParam(param("a.in_proj_weight", [384, 128], xavierUniform(128, 384)), 2).data);
    const bound = Math.sqrt(6 / (128 + 384));
    expect(x.max).toBeLessThanOrEqual(bound);
    expect(x.std).toBeCloseTo(bound / Math.sqrt(3), 3);
    const k = moments(initParam(param("k.w", [n], { kind: "kaiming_normal", fanIn: 50, std: Math.sqrt(2 / 50) }), 2).data);
    expect(k.std).toBeCloseTo(Math.sqrt(2 / 50), 2);
    expect(Array.from(initParam(param("bn.running_var", [4], { kind: "ones" }, true), 1).data)).toEqual([1, 1, 1, 1]);
    expect(Array.from(initParam(param("bn.bias", [3], { kind: "zeros" }), 1).data)).toEqual([0, 0, 0]);
  });

  it("is deterministic per (seed, path) and independent of the other parameters", () => {
    const a = param("l.weight", [10, 10], kaimingUniform(10));
    const b = param("m.weight", [10, 10], kaimingUniform(10));
    const one = initParams([a], 42).get("l.weight")!;
    const two = initParams([b, a], 42).get("l.weight")!;
    expect(Array.from(two.data)).toEqual(Array.from(one.data));
    expect(two.dtype).toBe("f32");
    expect(Array.from(initParams([b], 42).get("m.weight")!.data)).not.toEqual(Array.from(one.data));
    expect(Array.from(initParams([a], 43).get("l.weight")!.data)).not.toEqual(Array.from(one.data));
    // The documented algorithm, re-implemented here: FNV-1a salt, PCG-RXS-M-XS hash stream.
    const pcg = (v: number) => {
      const st = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
      const w = Math.imul(((st >>> ((st >>> 28) + 4)) ^ st) >>> 0, 277803737) >>> 0;
      return ((w >>> 22) ^ w) >>> 0;
    };
    let salt = 0x811c9dc5;
    for (const ch of "linear_0.weight") salt = Math.imul(salt ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    const key = pcg((42 ^ pcg(salt)) >>> 0);
    const want = [0, 1, 2].map((i) => -0.5 + (pcg((i + key) >>> 0) >>> 8) / 16777216);
    const got = initParams([param("linear_0.weight", [3], { kind: "uniform", low: -0.5, high: 0.5 })], 42).get("linear_0.weight")!;
    expect(Array.from(got.data)).toEqual(want.map(Math.fround));
  });
});
