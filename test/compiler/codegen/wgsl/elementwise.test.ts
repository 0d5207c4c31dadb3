import { afterAll, describe, expect, it } from "vitest";
import { elementwiseKernel } from "../../../../src/compiler/codegen/wgsl/elementwise";
import { elementsPerInvocation, PER_ELEMENT_MIN_GROUPS } from "../../../../src/compiler/codegen/wgsl/group-kernels";
import { call, constant, index, load } from "../../../../src/compiler/codegen/wgsl/expr";
import { maxError, openTestGpu, randomArray, runKernel } from "../../../runtime/webgpu/gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

describe.skipIf(!gpu)(`elementwise kernels${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  it("broadcasts inputs and shares subexpressions (x * sigmoid(x) + b)", async () => {
    const shape = [3, 5, 7];
    const x = randomArray(3 * 5 * 7, 1);
    const b = randomArray(7, 2);
    const sig = call("(1.0f / (1.0f + exp(-{0})))", "f32", load(0));
    const expr = call("({0} + {1})", "f32", call("({0} * {1})", "f32", load(0), sig), load(1));
    const k = elementwiseKernel({
      shape,
      inputs: [
        { shape, type: "f32" },
        { shape: [7], type: "f32" },
      ],
      outputs: [{ expr, type: "f32" }],
    });
    expect(k.wgsl.match(/in0\[/g)?.length).toBe(1);
    const [out] = await runKernel(gpu!, k, [x, b], [x.length]);
    const want = Array.from(x, (v, i) => v * (1 / (1 + Math.exp(-v))) + b[i % 7]);
    expect(maxError(out, want)).toBeLessThan(1);
  });

  it("writes several outputs, reads a middle-axis broadcast and an index", async () => {
    const shape = [4, 3, 130];
    const n = 4 * 3 * 130;
    const x = randomArray(n, 3);
    const m = randomArray(3, 4);
    const k = elementwiseKernel({
      shape,
      inputs: [
        { shape, type: "f32" },
        { shape: [3, 1], type: "f32" },
      ],
      outputs: [
        {
          expr: call("max({0}, 0.0f)", "f32", call("({0} - {1})", "f32", load(0), load(1))),
          type: "f32",
        },
        {
          expr: call("({0} > {1})", "bool", load(0), constant(0)),
          type: "bool",
        },
        { expr: call("f32({0})", "f32", index(2)), type: "f32" },
      ],
    });
    const [o0, o1, o2] = await runKernel(gpu!, k, [x, m], [n, n, n]);
    expect(
      maxError(
        o0,
        Array.from(x, (v, i) => Math.max(v - m[Math.floor(i / 130) % 3], 0)),
      ),
    ).toBeLessThan(1);
    expect(Array.from(o1)).toEqual(Array.from(x, (v) => (v > 0 ? 1 : 0)));
    expect(Array.from(o2)).toEqual(Array.from(x, (_, i) => i % 130));
  });

  it("emits non-finite constants (WGSL rejects them in constant expressions)", async () => {
    const x = randomArray(9, 5);
    const k = elementwiseKernel({
      shape: [9],
      inputs: [{ shape: [9], type: "f32" }],
      outputs: [
        {
          expr: call("select({1}, {0}, {0} > 0.0f)", "f32", load(0), constant(-Infinity)),
          type: "f32",
        },
        { expr: call("({0} + {1})", "f32", load(0), constant(NaN)), type: "f32" },
      ],
    });
    const [o, nan] = await runKernel(gpu!, k, [x], [9, 9]);
    expect(Array.from(o)).toEqual(Array.from(x, (v) => (v > 0 ? v : -Infinity)));
    expect(Array.from(nan).every(Number.isNaN)).toBe(true);
  });
});

describe("elements per invocation of per-element kernels", () => {
  it("GPUs one; CPU adapters up to 64 while 32 workgroups remain", () => {
    expect(elementsPerInvocation(1 << 20, "tiled")).toBe(1);
    expect(elementsPerInvocation(4095, "cpu")).toBe(1);
    expect(elementsPerInvocation(4096, "cpu")).toBe(2);
    expect(elementsPerInvocation(200704, "cpu")).toBe(64);
    for (const n of [1, 100, 5000, 65536, 1e6, 1e8]) {
      const per = elementsPerInvocation(n, "direct");
      expect(per === 1 || Math.ceil(n / (64 * per)) >= PER_ELEMENT_MIN_GROUPS).toBe(true);
      expect(per).toBeLessThanOrEqual(64);
    }
  });
});
