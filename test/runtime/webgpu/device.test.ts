import { describe, expect, it } from "vitest";
import { acquireDevice, DEFAULT_LIMITS } from "../../../src/runtime/webgpu/device";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { compileProgram } from "../../../src/compiler/codegen/wgsl/pipeline";
import * as b from "../../../src/compiler/ir/builder";
import { targetFor } from "../../../src/runtime/webgpu/executor";
import { openTestGpu } from "./gpu";

const { gpu, skipReason } = await openTestGpu();

describe.skipIf(!gpu)(`device acquisition${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  it("requests the adapter's real limits, at least WebGPU's defaults", () => {
    const { limits, adapter } = gpu!.handle;
    for (const [k, v] of Object.entries(DEFAULT_LIMITS)) {
      expect(limits[k as keyof typeof limits], k).toBeGreaterThanOrEqual(v);
      expect(limits[k as keyof typeof limits], k).toBe(
        adapter.limits[k as keyof GPUSupportedLimits],
      );
    }
  });

  it("refuses a kernel over the storage-buffer limit before pipeline creation, clearly", async () => {
    // A sum of n inputs planned for a device with more buffers than this one: one kernel of n + 1.
    const n = gpu!.handle.limits.maxStorageBuffersPerShaderStage;
    const gb = new b.GraphBuilder();
    const xs = Array.from({ length: n }, (_, i) => gb.input(`x${i}`, "f32", [4]));
    gb.output("y", xs.reduce((s, x) => b.add(s, x)));
    const program = compileProgram(gb.build(), {}, { ...targetFor(gpu!.handle), maxStorageBuffers: n + 1 });
    expect(program.kernels).toHaveLength(1);
    await expect(new PipelineCache(gpu!.handle.device).get(program.kernels[0].kernel)).rejects.toThrow(/storage buffers/);
  });

  it("reports a released (lost) device", async () => {
    const r = await acquireDevice();
    if ("error" in r) throw new Error(r.error);
    r.release();
    await new Promise((res) => setTimeout(res, 10));
    expect(r.lost).toMatch(/released|lost/);
  });

  it("returns an error, not an exception, when no adapter matches", async () => {
    // Ask Dawn for a backend that does not exist: no adapter.
    const r = await acquireDevice({ dawnFlags: ["adapter=no-such-adapter"] });
    expect("error" in r).toBe(true);
  });
});
