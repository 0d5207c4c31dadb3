import { afterAll, describe, expect, it } from "vitest";
import {
  conv2dGradInputKernel,
  conv2dGradWeightKernel,
  conv2dKernel,
  convOutputSize,
  vectorX,
  type Conv2dShape,
} from "../../../../src/compiler/codegen/wgsl/conv";
import { acc, call, load } from "../../../../src/compiler/codegen/wgsl/expr";
import { maxError, openTestGpu, randomArray, runKernel } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

/** Direct-loop oracle: forward y, and dx, dW for a given dy (scatter form). */
function convRef(s: Conv2dShape, x: Float32Array, w: Float32Array, dy: Float32Array) {
  const [OH, OW] = convOutputSize(s);
  const Cg = s.C / s.groups;
  const Og = s.O / s.groups;
  const y = new Float64Array(s.N * s.O * OH * OW);
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(w.length);
  for (let n = 0; n < s.N; n++)
    for (let o = 0; o < s.O; o++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          const yi = ((n * s.O + o) * OH + oh) * OW + ow;
          const g = Math.floor(o / Og);
          for (let c = 0; c < Cg; c++)
            for (let kh = 0; kh < s.KH; kh++)
              for (let kw = 0; kw < s.KW; kw++) {
                const ih = oh * s.stride[0] - s.padding[0] + kh * s.dilation[0];
                const iw = ow * s.stride[1] - s.padding[1] + kw * s.dilation[1];
                if (ih < 0 || iw < 0 || ih >= s.H || iw >= s.W) continue;
                const xi = ((n * s.C + g * Cg + c) * s.H + ih) * s.W + iw;
                const wi = ((o * Cg + c) * s.KH + kh) * s.KW + kw;
                y[yi] += x[xi] * w[wi];
                dx[xi] += dy[yi] * w[wi];
                dw[wi] += dy[yi] * x[xi];
              }
        }
  return { y, dx, dw };
}

const base = {
  stride: [1, 1] as [number, number],
  padding: [0, 0] as [number, number],
  dilation: [1, 1] as [number, number],
  groups: 1,
};
const cases: Conv2dShape[] = [
  { ...base, N: 2, C: 3, H: 7, W: 6, O: 5, KH: 3, KW: 3, padding: [1, 1] as [number, number] },
  {
    N: 1,
    C: 4,
    H: 9,
    W: 8,
    O: 6,
    KH: 3,
    KW: 2,
    stride: [2, 1],
    padding: [1, 0],
    dilation: [2, 1],
    groups: 2,
  },
  {
    ...base,
    N: 3,
    C: 4,
    H: 5,
    W: 5,
    O: 4,
    KH: 3,
    KW: 3,
    stride: [2, 2],
    padding: [1, 1],
    groups: 4,
  },
];

describe.skipIf(!gpu)(`conv2d kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  // Every shape on `direct` (what lavapipe runs); the grouped, strided,
  // dilated one on `broadcast` too where subgroups are 8 lanes wide.
  // `cpu` (lavapipe's default) on a layer of the MNIST CNN's size at batch
  // 10, big enough for `broadcast` in all three (16 output channels, 4.5M
  // multiply-adds each).
  const cnnLayer: Conv2dShape = { ...base, N: 10, C: 16, H: 14, W: 14, O: 16, KH: 3, KW: 3, padding: [1, 1] };
  const runs = [
    ...cases.map((c) => ({ ...c, strategy: "direct" as const })),
    ...(gpu?.handle.subgroupSize === 8 ? [{ ...cases[1], strategy: "broadcast" as const }] : []),
    { ...cnnLayer, strategy: "cpu" as const },
  ];
  for (const spec of runs) {
    const { strategy, ...s } = spec;
    it(`forward, grad input, grad weight (${strategy}): ${JSON.stringify(s)}`, async () => {
      const [OH, OW] = convOutputSize(s);
      const x = randomArray(s.N * s.C * s.H * s.W, 1);
      const w = randomArray((s.O * s.C * s.KH * s.KW) / s.groups, 2);
      const dy = randomArray(s.N * s.O * OH * OW, 3);
      const ref = convRef(s, x, w, dy);
      const [y] = await runKernel(gpu!, conv2dKernel(spec), [x, w], [ref.y.length]);
      expect(maxError(y, ref.y)).toBeLessThan(1);
      const [dx] = await runKernel(gpu!, conv2dGradInputKernel(spec), [dy, w], [x.length]);
      expect(maxError(dx, ref.dx)).toBeLessThan(1);
      const [dw] = await runKernel(gpu!, conv2dGradWeightKernel(spec), [x, dy], [w.length]);
      expect(maxError(dw, ref.dw)).toBeLessThan(1);
    });
  }

  // `broadcast` forward with x read by vec4s (vectorX: W and OW multiples of
  // 4, horizontal stride 1; its backward kernels are the ones above):
  // horizontal tap offsets of every residue mod 4 (KW = 5 with padding 2;
  // dilation 3 with padding 3, beside a vertical stride and groups), and
  // O = 64 for the 64-row block.
  const vecX: Conv2dShape[] = [
    { ...base, N: 2, C: 3, H: 5, W: 8, O: 64, KH: 3, KW: 5, padding: [1, 2] },
    { N: 3, C: 4, H: 9, W: 12, O: 16, KH: 2, KW: 3, stride: [2, 1], padding: [0, 3], dilation: [1, 3], groups: 2 },
  ];
  for (const s of vecX)
    it.skipIf(gpu?.handle.subgroupSize !== 8)(`forward, x by vec4s (broadcast): ${JSON.stringify(s)}`, async () => {
      expect(vectorX(s, "broadcast")).toBe(true);
      const k = conv2dKernel({ ...s, strategy: "broadcast" });
      expect(k.wgsl).toContain("fn load0v");
      expect(conv2dKernel({ ...s, strategy: "broadcast", scalarX: true }).wgsl).not.toContain("load0v");
      const [OH, OW] = convOutputSize(s);
      const x = randomArray(s.N * s.C * s.H * s.W, 7);
      const w = randomArray((s.O * s.C * s.KH * s.KW) / s.groups, 8);
      const ref = convRef(s, x, w, new Float32Array(s.N * s.O * OH * OW));
      const [y] = await runKernel(gpu!, k, [x, w], [ref.y.length]);
      expect(maxError(y, ref.y)).toBeLessThan(1);
    });

  it("tiled forward with a fused bias + relu epilogue", async () => {
    const s = cases[1];
    const [OH, OW] = convOutputSize(s);
    const shape = [s.N, s.O, OH, OW];
    const x = randomArray(s.N * s.C * s.H * s.W, 4);
    const w = randomArray((s.O * s.C * s.KH * s.KW) / s.groups, 5);
    const bias = randomArray(s.O, 6);
    const k = conv2dKernel({
      ...s,
      strategy: "tiled",
      epilogue: {
        shape,
        inputs: [{ shape: [s.O, 1, 1], type: "f32" }],
        outputs: [{ expr: call("max({0} + {1}, 0.0f)", "f32", acc(), load(0)), type: "f32" }],
      },
    });
    const [y] = await runKernel(gpu!, k, [x, w, bias], [s.N * s.O * OH * OW]);
    const ref = convRef(s, x, w, new Float32Array(s.N * s.O * OH * OW));
    const want = Array.from(ref.y, (v, i) =>
      Math.max(v + bias[Math.floor(i / (OH * OW)) % s.O], 0),
    );
    expect(maxError(y, want)).toBeLessThan(1);
  });
});
