// Forward semantics of the reference ops against independent, naive
// implementations written here (the gradient check only proves that each
// derivative matches its forward, not that the forward is right).

import { describe, expect, it } from "vitest";
import * as B from "../../../src/compiler/ir/builder";
import type { Node } from "../../../src/compiler/ir/builder";
import { Graph } from "../../../src/compiler/ir/graph";
import { pcg, uniformAt } from "../../../src/compiler/ir/ops/sources";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { fromArray, type Tensor } from "../../../src/compiler/tensor";

let seed = 3;
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
const randT = (shape: number[]) => fromArray(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, rnd), shape, "f64");

/** Evaluate f on tensors (float64). */
function run(f: (...xs: Node[]) => Node, ...ts: Tensor[]): Tensor {
  const ins = ts.map((t, i) => ({ name: `t${i}`, node: B.input(`t${i}`, t.dtype === "f64" ? "f32" : (t.dtype as "i32"), t.shape), role: "data" as const }));
  const g = new Graph(ins, [{ name: "y", node: f(...ins.map((i) => i.node)) }]);
  return runReference(g, Object.fromEntries(ts.map((t, i) => [`t${i}`, t])), { f64: true }).y;
}
function expectNear(a: Tensor, b: ArrayLike<number>, shape?: number[], tol = 1e-12) {
  if (shape) expect(a.shape).toEqual(shape);
  expect(a.data.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a.data[i] - b[i]), `[${i}] ${a.data[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol);
}

describe("reference ops vs naive implementations", () => {
  it("conv2d (groups, stride, padding, dilation)", () => {
    const [N, C, H, W, O, G, KH, KW] = [2, 4, 6, 5, 6, 2, 3, 2];
    const [sh, sw, ph, pw, dh, dw] = [2, 1, 1, 2, 1, 2];
    const x = randT([N, C, H, W]);
    const w = randT([O, C / G, KH, KW]);
    const y = run((a, b) => B.conv2d(a, b, { stride: [sh, sw], padding: [ph, pw], dilation: [dh, dw], groups: G }), x, w);
    const OH = Math.floor((H + 2 * ph - dh * (KH - 1) - 1) / sh) + 1;
    const OW = Math.floor((W + 2 * pw - dw * (KW - 1) - 1) / sw) + 1;
    const X = (n: number, c: number, h: number, ww: number) => (h < 0 || h >= H || ww < 0 || ww >= W ? 0 : x.data[((n * C + c) * H + h) * W + ww]);
    const expected: number[] = [];
    for (let n = 0; n < N; n++)
      for (let o = 0; o < O; o++)
        for (let i = 0; i < OH; i++)
          for (let j = 0; j < OW; j++) {
            const g = Math.floor(o / (O / G));
            let s = 0;
            for (let c = 0; c < C / G; c++)
              for (let u = 0; u < KH; u++)
                for (let v = 0; v < KW; v++) s += w.data[((o * (C / G) + c) * KH + u) * KW + v] * X(n, g * (C / G) + c, i * sh - ph + u * dh, j * sw - pw + v * dw);
            expected.push(s);
          }
    expectNear(y, expected, [N, O, OH, OW]);
  });

  it("max and avg pooling with padding (count_include_pad both ways)", () => {
    const x = randT([1, 2, 5, 5]);
    const o = { kernel: [3, 3], stride: [2, 2], padding: [1, 1] };
    const mx = run((a) => B.maxPool2d(a, o), x);
    const av = run((a) => B.avgPool2d(a, o), x);
    const ax = run((a) => B.avgPool2d(a, { ...o, countIncludePad: false }), x);
    const em: number[] = [];
    const ea: number[] = [];
    const ex: number[] = [];
    for (let c = 0; c < 2; c++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          let m = -Infinity;
          let s = 0;
          let cnt = 0;
          for (let u = 0; u < 3; u++)
            for (let v = 0; v < 3; v++) {
              const h = i * 2 - 1 + u;
              const w = j * 2 - 1 + v;
              if (h < 0 || h >= 5 || w < 0 || w >= 5) continue;
              const val = x.data[(c * 5 + h) * 5 + w];
              m = Math.max(m, val);
              s += val;
              cnt++;
            }
          em.push(m);
          ea.push(s / 9); // the padded window always fits in 5+2 here
          ex.push(s / cnt);
        }
    expectNear(mx, em, [1, 2, 3, 3]);
    expectNear(av, ea);
    expectNear(ax, ex);
  });

  it("batched matmul with broadcast batch dims", () => {
    const a = randT([2, 1, 3, 4]);
    const b = randT([3, 4, 2]);
    const y = run(B.matmul, a, b);
    const e: number[] = [];
    for (let p = 0; p < 2; p++)
      for (let q = 0; q < 3; q++)
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 2; j++) {
            let s = 0;
            for (let k = 0; k < 4; k++) s += a.data[(p * 3 + i) * 4 + k] * b.data[(q * 4 + k) * 2 + j];
            e.push(s);
          }
    expectNear(y, e, [2, 3, 3, 2]);
  });

  it("matmul keeps IEEE semantics for 0·inf (zero skipping only when B is finite)", () => {
    const y = run(B.matmul, fromArray([0, 1], [1, 2], "f64"), fromArray([Infinity, 2], [2, 1], "f64"));
    expect(Number.isNaN(y.data[0])).toBe(true);
    expectNear(run(B.matmul, fromArray([0, 1], [1, 2], "f64"), fromArray([3, 2], [2, 1], "f64")), [2]);
  });

  it("slice with steps, pad with interior, concat, permute, gather", () => {
    const x = fromArray(Array.from({ length: 12 }, (_, i) => i), [3, 4], "f64");
    expectNear(run((a) => B.slice(a, [0, 1], [3, 4], [2, 2]), x), [1, 3, 9, 11], [2, 2]);
    expectNear(run((a) => B.sliceAxis(a, 1, -1), x), [3, 7, 11], [3, 1]);
    expectNear(run((a) => B.pad(B.sliceAxis(a, 0, 0, 1), [0, 1], [0, 1], -1, [0, 1]), x), [-1, 0, -1, 1, -1, 2, -1, 3, -1], [1, 9]);
    expectNear(run((a) => B.concat([B.sliceAxis(a, 1, 3), B.sliceAxis(a, 1, 0, 1)], 1), x), [3, 0, 7, 4, 11, 8], [3, 2]);
    expectNear(run((a) => B.transpose(a), x), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], [4, 3]);
    expectNear(run((a, i) => B.gather(a, i, 0), x, fromArray([2, 0, 2], [3], "i32")), [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11], [3, 4]);
    expectNear(run((a, i) => B.scatterAdd(a, i, 0, 3), fromArray([1, 2, 3, 4], [2, 2], "f64"), fromArray([2, 2], [2], "i32")), [0, 0, 0, 0, 4, 6], [3, 2]);
  });

  it("softmax, log_softmax, layer_norm, cross_entropy, bce by hand", () => {
    const z = fromArray([1, 2, 3, -1, 0, 5], [2, 3], "f64");
    const sm = (r: number[]) => r.map((v) => Math.exp(v) / r.reduce((s, u) => s + Math.exp(u), 0));
    const rows = [[1, 2, 3], [-1, 0, 5]];
    expectNear(run((a) => B.softmax(a), z), rows.flatMap(sm), [2, 3], 1e-15);
    expectNear(run((a) => B.logSoftmax(a), z), rows.flatMap((r) => sm(r).map(Math.log)), [2, 3], 1e-14);
    const ce = -(Math.log(sm(rows[0])[2]) + Math.log(sm(rows[1])[0])) / 2;
    expectNear(run((a, l) => B.crossEntropy(a, l), z, fromArray([2, 0], [2], "i32")), [ce], [], 1e-14);
    const ln = rows.flatMap((r) => {
      const m = r.reduce((s, v) => s + v, 0) / 3;
      const v = r.reduce((s, u) => s + (u - m) ** 2, 0) / 3;
      return r.map((u) => (u - m) / Math.sqrt(v + 1e-5));
    });
    expectNear(run((a) => B.layerNorm(a), z), ln, [2, 3], 1e-14);
    const p = fromArray([0.2, 0.9], [2], "f64");
    const t = fromArray([0, 1], [2], "f64");
    expectNear(run((a, b) => B.bce(a, b), p, t), [-(Math.log(0.8) + Math.log(0.9)) / 2], [], 1e-15);
    expectNear(run((a, b) => B.bceWithLogits(a, b), z, fromArray([1, 0, 1, 0, 1, 1], [2, 3], "f64")), [
      [1, 2, 3, -1, 0, 5].map((v, i) => -([1, 0, 1, 0, 1, 1][i] ? Math.log(1 / (1 + Math.exp(-v))) : Math.log(1 - 1 / (1 + Math.exp(-v))))).reduce((s, v) => s + v) / 6,
    ], [], 1e-14);
    expectNear(run((a, l) => B.accuracy(a, l), z, fromArray([2, 0], [2], "i32")), [0.5]);
  });

  it("erf and GELU match known values (PyTorch's exact GELU)", () => {
    const x = fromArray([-2, -0.5, 0, 1, 3], [5], "f64");
    // erf values from tables (Abramowitz & Stegun), to 16 digits
    expectNear(run(B.erf, x), [-0.9953222650189527, -0.5204998778130465, 0, 0.8427007929497149, 0.9999779095030014], [5], 1e-15);
    // torch.nn.functional.gelu(torch.tensor([1., -0.5], dtype=torch.float64))
    expectNear(run((a) => B.gelu(a), fromArray([1, -0.5], [2], "f64")), [0.8413447460685429, -0.15426876936299344], [2], 1e-15);
  });

  it("causal attention only looks back", () => {
    const q = randT([1, 3, 2]);
    const k = randT([1, 3, 2]);
    const v = fromArray([1, 0, 0, 1, 5, 5], [1, 3, 2], "f64");
    const y = run((a, b, c) => B.attention(a, b, c, true), q, k, v);
    expectNear(fromArray(Array.from(y.data.subarray(0, 2)), [2], "f64"), [1, 0]); // first query sees only the first key
  });

  it("random_uniform: the documented PCG hash (checked with BigInt) and a uniform spread", () => {
    const M = (1n << 32n) - 1n;
    const pcgBig = (v: bigint) => {
      const s = (v * 747796405n + 2891336453n) & M;
      const w = (((s >> ((s >> 28n) + 4n)) ^ s) * 277803737n) & M;
      return ((w >> 22n) ^ w) & M;
    };
    for (const v of [0, 1, 42, 0xdeadbeef, 0xffffffff]) expect(BigInt(pcg(v))).toBe(pcgBig(BigInt(v)));
    const key = pcgBig((42n ^ pcgBig(7n)) & M);
    expect(uniformAt(42, 7, 5)).toBe(Number(pcgBig((5n + key) & M) >> 8n) / 16777216);
    const u = run((s) => B.randomUniform(s, [1000], 7), fromArray([42], [], "i32"));
    expect(u.data[5]).toBe(uniformAt(42, 7, 5));
    const mean = Array.from(u.data).reduce((s, v) => s + v, 0) / 1000;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u.data)).toBeLessThan(1);
    const other = run((s) => B.randomUniform(s, [1000], 8), fromArray([42], [], "i32"));
    expect(Array.from(other.data)).not.toEqual(Array.from(u.data));
  });

  it("dropout keeps about 1-p of the values, scaled by 1/(1-p)", () => {
    const x = fromArray(new Array(2000).fill(1), [2000], "f64");
    const y = run((a, s) => B.dropout(a, s, 0.25), x, fromArray([1], [], "i32"));
    const kept = Array.from(y.data).filter((v) => v !== 0);
    expect(Math.abs(kept.length / 2000 - 0.75)).toBeLessThan(0.04);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-15)).toBe(true);
  });
});
