// Fused kernels against the reference interpreter, on real WebGPU (lavapipe
// in CI): each graph is compiled, run once, and every output compared.

import { afterAll, describe, expect, it } from "vitest";
import { grad } from "../../../src/compiler/autodiff/grad";
import * as b from "../../../src/compiler/ir/builder";
import { GraphBuilder, type Node } from "../../../src/compiler/ir/builder";
import type { Graph } from "../../../src/compiler/ir/graph";
import type { Tensor } from "../../../src/compiler/tensor";
import type { WebGpuTarget } from "../../../src/compiler/codegen/wgsl/pipeline";
import * as shared from "./gpu";
import { compileForWebGPU, cpuLanes } from "../../../src/runtime/webgpu/executor";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { openTestGpu } from "./gpu";

const { gpu, skipReason } = await openTestGpu();
afterAll(() => gpu?.handle.release());

let seed = 100;
function randomInputs(g: Graph): Record<string, Tensor> {
  const inputs = shared.randomInputs(g, seed);
  seed += g.inputs.length;
  return inputs;
}

/** Compiled for this device (target overrides as given), run once, every output against the reference. */
function check(g: Graph, inputs = randomInputs(g), target: Partial<WebGpuTarget> = {}) {
  return shared.expectReference(gpu!, g, inputs, target, { atol: 1e-4, rtol: 1e-3 });
}

function graph(f: (gb: GraphBuilder) => void): Graph {
  const gb = new GraphBuilder();
  f(gb);
  return gb.build();
}

describe.skipIf(!gpu)(
  `fused kernels vs the reference${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    it("an elementwise chain with broadcasts is one kernel", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [5, 7]);
        const w = gb.input("w", "f32", [7]);
        const c = gb.input("c", "f32", [5, 1]);
        gb.output("y", b.sigmoid(b.add(b.mul(b.relu(b.sub(x, c)), w), b.exp(c))));
      });
      expect((await check(g)).dispatchCount).toBe(1);
    });

    it("movement ops are index math: transpose, slice, pad, concat, reshape fuse", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [4, 6]);
        const t = b.transpose(b.exp(x)); // [6, 4]
        const s = b.slice(t, [1, 0], [6, 4], [2, 1]); // [3, 4]
        const p = b.pad(s, [1, 0], [0, 2], -1); // [4, 6]
        const cat = b.concat([p, x], 0); // [8, 6]
        gb.output("y", b.reshape(b.mul(cat, 2), [4, 12]));
      });
      expect((await check(g)).dispatchCount).toBe(1);
    });

    it("a reshape of a loaded buffer reads it at the element's flat index (Flatten + Linear, elementwise), not through its dims", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [3, 4, 5, 7]);
        const w = gb.input("w", "f32", [140, 6]);
        const e = gb.input("e", "f32", [2, 6, 35]);
        gb.output("z", b.relu(b.matmul(b.reshape(x, [3, 140]), w)));
        gb.output("y", b.mul(b.reshape(e, [12, 35]), 3));
      });
      for (const strategy of ["cpu", "tiled"] as const) {
        const exe = await check(g, undefined, { strategy });
        for (const k of exe.program.kernels) {
          // x: [3, 4, 5, 7] and e: [2, 6, 35] read through their own strides (unraveled)
          expect(k.kernel.wgsl, k.kernel.name).not.toMatch(/ [*] (35|210)u \+/);
        }
      }
    });

    it("matmul with a bias + relu epilogue, keeping the pre-activation, is one kernel", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [9, 13]);
        const w = gb.input("w", "f32", [13, 6]);
        const bias = gb.input("bias", "f32", [6]);
        const z = b.add(b.matmul(x, w), bias);
        gb.output("z", z);
        gb.output("a", b.relu(z));
      });
      expect((await check(g)).dispatchCount).toBe(1);
    });

    it("the tiled GEMM (what GPUs run) and the broadcast one compute fused conv and matmul kernels too", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [2, 3, 6, 5]);
        const w = gb.input("w", "f32", [4, 3, 3, 3]);
        const m = gb.input("m", "f32", [60, 4]);
        const y = b.relu(b.conv2d(x, w, { padding: [1, 1], stride: [2, 1] }));
        const flat = b.reshape(y, [2, 4 * 3 * 5]);
        const z = b.matmul(flat, m);
        gb.output("z", z);
      });
      await check(g, undefined, { strategy: "tiled" });
      // `broadcast` (8-lane subgroups, opt-in) with the same fused prologues and epilogues.
      if (cpuLanes(gpu!.handle)) await check(g, undefined, { strategy: "broadcast" });
    });

    it("a product with few columns and many rows runs transposed under `cpu` (Cᵀ = Bᵀ·Aᵀ on `broadcast`), with its epilogue", async () => {
      if (!cpuLanes(gpu!.handle)) return;
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [2, 150, 181]); // 150 x 10 x 181 >= 2^18 multiply-adds
        const w = gb.input("w", "f32", [181, 10]);
        const bias = gb.input("bias", "f32", [10]);
        gb.output("y", b.relu(b.add(b.matmul(x, w), bias)));
      });
      const exe = await check(g, undefined, { strategy: "cpu" });
      expect(exe.program.kernels.map((k) => k.kernel.name)).toEqual(["matmul_t_bcast16x8"]);
    });

    it.each(["cpu", "broadcast"] as const)(
      "an input standardized by constants is computed in the matmul's operand load, not by a kernel of its own (%s)",
      async (strategy) => {
        if (strategy === "broadcast" && !cpuLanes(gpu!.handle)) return;
        const g = graph((gb) => {
          const x = gb.input("x", "f32", [9, 20]);
          const w = gb.input("w", "f32", [20, 12]);
          const bias = gb.input("bias", "f32", [12]);
          // (x - 0.13) / 0.31 @ w + bias -> relu; and a second product reading
          // exp(x) (one tensor, no constants) by its transpose, as B.
          gb.output("y", b.relu(b.add(b.matmul(b.div(b.sub(x, 0.13), 0.31), w), bias)));
          gb.output("z", b.matmul(b.transpose(w), b.transpose(b.exp(x))));
        });
        const exe = await check(g, undefined, { strategy });
        expect(exe.dispatchCount).toBe(2);
      },
    );

    it.each(["cpu", "tiled", "broadcast"] as const)(
      "conv2d + BatchNorm with running statistics + residual + relu: one kernel, per-channel values loaded once per channel of a block (%s)",
      async (strategy) => {
        if (strategy === "broadcast" && !cpuLanes(gpu!.handle)) return;
        const g = graph((gb) => {
          const x = gb.input("x", "f32", [3, 5, 7, 9]);
          const w = gb.input("w", "f32", [5, 5, 3, 3]);
          const [bias, mean, v, gamma, beta] = ["bias", "mean", "var", "gamma", "beta"].map((n) =>
            b.reshape(gb.input(n, "f32", [5]), [1, 5, 1, 1]),
          );
          const h = b.add(b.conv2d(x, w, { padding: [1, 1] }), bias);
          const bn = b.add(b.mul(b.div(b.sub(h, mean), b.sqrt(b.add(b.exp(v), 1e-5))), gamma), beta);
          gb.output("y", b.relu(b.add(bn, x)));
        });
        const exe = await check(g, undefined, { strategy });
        expect(exe.dispatchCount).toBe(1);
        const wgsl = exe.program.kernels[0].kernel.wgsl;
        // Every per-channel value is read once per output channel (a row loop, or the
        // strip kernel's unrolled block per channel), not per element.
        const channels = wgsl.match(/let i1 = /g)?.length ?? 0;
        expect(channels).toBeGreaterThan(0);
        expect(wgsl.match(/= t\d+\[i1\];/g)?.length).toBe(5 * channels);
        if (strategy !== "cpu") {
          const rowPart = wgsl.slice(wgsl.indexOf("let i1 = "), wgsl.indexOf("for (var j = 0u"));
          expect(rowPart.match(/= t\d+\[i1\];/g)?.length).toBe(5);
        }
      },
    );

    it("conv2d reads a plain input by vec4s under broadcast (also read by the epilogue)", async () => {
      if (!cpuLanes(gpu!.handle)) return;
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [2, 3, 6, 8]);
        const w = gb.input("w", "f32", [3, 3, 3, 5]);
        const y = b.conv2d(x, w, { padding: [1, 2] }); // [2, 3, 6, 8]
        gb.output("y", b.add(y, x));
        gb.output("z", b.conv2d(b.tanh(x), w, { padding: [1, 2] }));
      });
      const exe = await check(g, undefined, { strategy: "broadcast" });
      const convs = exe.program.kernels.filter((k) => k.kernel.name.startsWith("conv2d"));
      expect(convs.length).toBe(2);
      for (const k of convs) expect(k.kernel.wgsl).toContain("fn load0v");
    });

    it.each(["cpu", "direct", "tiled", "broadcast"] as const)(
      "GEMM operands read as vec4 (plain, transposed, batch-broadcast), also read by the epilogue (%s)",
      async (strategy) => {
        if (strategy === "broadcast" && !cpuLanes(gpu!.handle)) return;
        const g = graph((gb) => {
          const a = gb.input("a", "f32", [2, 12, 40]);
          const w = gb.input("w", "f32", [40, 68]);
          const v = gb.input("v", "f32", [68, 40]);
          const y = b.matmul(a, w); // A along k, B along n (w shared by the batch)
          gb.output("y", b.add(y, b.reshape(b.slice(w, [0, 0], [12, 68], [1, 1]), [1, 12, 68])));
          gb.output("z", b.matmul(b.exp(b.reshape(a, [24, 40])), b.transpose(v))); // B along k
          gb.output("t", b.matmul(b.transpose(w), b.transpose(b.reshape(a, [24, 40])))); // A along m, B along k
        });
        await check(g, undefined, { strategy });
      },
    );

    it("batched matmul with transposed, broadcast operands", async () => {
      const g = graph((gb) => {
        const a = gb.input("a", "f32", [3, 5, 7]);
        const w = gb.input("w", "f32", [6, 7]);
        gb.output("y", b.matmul(a, b.transpose(w)));
        gb.output("g", b.matmul(b.transpose(a), b.tanh(a)));
      });
      await check(g);
    });

    it("softmax, log-softmax and layer norm are one kernel each", async () => {
      const sm = graph((gb) => gb.output("y", b.softmax(gb.input("x", "f32", [6, 37]), -1)));
      expect((await check(sm)).dispatchCount).toBe(1);
      const lsm = graph((gb) => gb.output("y", b.logSoftmax(gb.input("x", "f32", [3, 5, 4]), 1)));
      expect((await check(lsm)).dispatchCount).toBe(1);
      const ln = graph((gb) => {
        const x = gb.input("x", "f32", [4, 3, 20]);
        gb.output(
          "y",
          b.layerNorm(x, 1, 1e-5, gb.input("g", "f32", [20]), gb.input("b", "f32", [20])),
        );
      });
      expect((await check(ln)).dispatchCount).toBe(1);
    });

    it("cross-entropy with integer labels", async () => {
      const g = graph((gb) => {
        const z = gb.input("z", "f32", [8, 10]);
        gb.output("loss", b.crossEntropy(z, gb.input("l", "i32", [8])));
      });
      const exe = await check(g);
      expect(exe.dispatchCount).toBeLessThanOrEqual(2);
    });

    it("reductions over middle and several axes, argmax", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [3, 4, 5]);
        gb.output("s", b.sum(b.square(x), 1));
        gb.output("m", b.mean(x, [0, 2], true));
        gb.output("am", b.argmax(x, 2));
        gb.output("mx", b.amax(x, [0, 1]));
      });
      await check(g);
    });

    it("argmax keeps the first of tied maxima, like the reference", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [6, 70]);
        const q = b.sign(x); // many ties: -1, 0, 1
        gb.output("a", b.argmax(q, 1));
        gb.output("k", b.argmax(b.neg(q), 1, true));
      });
      await check(g);
    });

    it("conv2d + bias + relu, pooling (tiling and overlapping windows), and the gradients of all three", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [2, 3, 7, 7]);
        const w = gb.input("w", "f32", [4, 3, 3, 3]);
        const bias = gb.input("bias", "f32", [4]);
        const y = b.relu(b.add(b.conv2d(x, w, { padding: [1, 1] }), b.reshape(bias, [4, 1, 1])));
        const p = b.maxPool2d(y, { kernel: [2, 2] });
        const q = b.avgPool2d(y, { kernel: [3, 3], stride: [2, 2], padding: [1, 1] });
        // overlapping windows with padding (the general path of the max-pool gradient)
        const r = b.maxPool2d(y, { kernel: [3, 2], stride: [2, 1], padding: [1, 1] });
        // a window of 20 positions: loops, not unrolled (loop-kernels.ts MAX_UNROLLED_WINDOW)
        const big = b.avgPool2d(y, { kernel: [5, 4], stride: [2, 3] });
        const loss = b.add(b.add(b.add(b.sum(b.square(p)), b.sum(q)), b.sum(b.mul(r, r))), b.sum(b.square(big)));
        const [dx, dw] = grad(loss, [x, w]);
        gb.output("loss", loss);
        gb.output("dx", dx);
        gb.output("dw", dw);
      });
      const wgsl = (await check(g)).program.kernels.map((k) => k.kernel.wgsl).join("\n");
      expect(wgsl).toContain("for (var kh = 0i; kh < 5i; kh++)");
    });

    it("per-element kernels on a CPU adapter do several elements per invocation: ragged tails, a 2-D grid", async () => {
      // Sizes past elementsPerInvocation's threshold, not multiples of 64 × its
      // count; 16 workgroups a dimension force a 2-D grid with spare workgroups.
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [2, 8, 34, 35]);
        const y = b.mul(b.sub(x, 0.25), 3); // 19,040 elements
        gb.output("y", y);
        gb.output("p", b.maxPool2d(y, { kernel: [2, 2] })); // [2, 8, 17, 17]
      });
      const exe = await check(g, undefined, { strategy: "cpu", maxWorkgroupsPerDimension: 16 });
      const perElement = exe.program.kernels.filter((k) => /^(elementwise|max_pool2d)/.test(k.kernel.name));
      expect(perElement.length).toBeGreaterThan(0);
      for (const k of perElement) {
        expect(k.kernel.wgsl).toMatch(/for \(var r = 0u; r < \d+u; r\+\+\)/);
        expect(k.kernel.workgroups[1]).toBeGreaterThan(1);
      }
    });

    it("embedding gather and its scatter_add gradient", async () => {
      const g = graph((gb) => {
        const table = gb.input("table", "f32", [4, 6]);
        const idx = gb.input("idx", "i32", [3, 5]);
        const e = b.gather(table, idx, 0); // [3, 5, 6]
        gb.output("e", b.mul(e, 3));
        gb.output("d", b.scatterAdd(b.tanh(e), idx, 0, 4));
      });
      await check(g);
    });

    it("splits a kernel that needs more storage buffers than the device allows", async () => {
      const g = graph((gb) => {
        const xs = Array.from({ length: 9 }, (_, i) => gb.input(`x${i}`, "f32", [33]));
        gb.output(
          "y",
          xs.slice(1).reduce((acc: Node, x) => b.add(b.mul(acc, x), b.exp(x)), xs[0]),
        );
      });
      const exe = await check(g, undefined, { maxStorageBuffers: 4 });
      expect(exe.dispatchCount).toBeGreaterThan(1);
      for (const k of exe.program.kernels) expect(k.kernel.bindings.length).toBeLessThanOrEqual(4);
    });

    it("gradients of strided slices and concats (pad with interior, slices)", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [5, 9]);
        const y = gb.input("y", "f32", [5, 2]);
        const s = b.slice(x, [1, 0], [5, 9], [2, 3]); // [2, 3]
        const c = b.concat([b.tanh(x), y], 1); // [5, 11]
        const loss = b.add(b.sum(b.square(s)), b.sum(b.mul(c, c)));
        const [dx, dy] = grad(loss, [x, y]);
        gb.output("dx", dx);
        gb.output("dy", dy);
      });
      await check(g);
    });

    it("values computed from parameters alone are computed on the first run and again after a parameter is written", async () => {
      // Inference's Linear under `cpu`: Wᵀ is stored [K, N] by a refresh kernel (codegen/wgsl/pack-operands.ts).
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [64, 40]);
        const w = gb.param("w", [24, 40]);
        const bias = gb.param("bias", [24]);
        gb.output("y", b.relu(b.add(b.matmul(x, b.transpose(w)), bias)));
      });
      const exe = await compileForWebGPU(g, gpu!.handle, { pipelines: gpu!.pipelines, target: { strategy: "cpu" } });
      expect(exe.program.refresh.size).toBe(1);
      expect(exe.dispatchCount).toBe(1);
      const all = randomInputs(g);
      const expectRun = async (feed: Record<string, Tensor>) => {
        Object.assign(all, feed);
        const got = await exe.run(feed, { readback: ["y"] });
        expect(shared.maxError(got.y.data, runReference(g, all).y.data, 1e-4, 1e-3)).toBeLessThan(1);
      };
      await expectRun({ ...all });
      // Both parities with the weights as they are, then new weights, then new data again.
      for (let i = 0; i < 2; i++) await expectRun({ x: randomInputs(g).x });
      await expectRun({ w: randomInputs(g).w });
      await expectRun({ x: randomInputs(g).x });
      await expectRun({ w: randomInputs(g).w, bias: randomInputs(g).bias, x: randomInputs(g).x });
      exe.destroy();
    });

    it("dropout masks match the reference bit for bit (counter-based RNG)", async () => {
      const g = graph((gb) => {
        const x = gb.input("x", "f32", [7, 13]);
        const seed = gb.input("seed", "i32", []);
        gb.output("y", b.dropout(x, seed, 0.3, 5));
      });
      await check(g);
    });
  },
);
