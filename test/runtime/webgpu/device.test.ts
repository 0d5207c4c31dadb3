import { describe, expect, it } from "vitest";
import { acquireDevice, DEFAULT_LIMITS } from "../../../src/runtime/webgpu/device";
import { PipelineCache } from "../../../src/runtime/webgpu/pipelines";
import { elementwiseKernel } from "../../../src/compiler/codegen/wgsl/elementwise";
import { load } from "../../../src/compiler/codegen/wgsl/expr";
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
    const n = gpu!.handle.limits.maxStorageBuffersPerShaderStage;
    const inputs = Array.from({ length: n }, () => ({ shape: [4], type: "f32" as const }));
    const k = elementwiseKernel({ shape: [4], inputs, outputs: [{ expr: load(0), type: "f32" }] });
    await expect(new PipelineCache(gpu!.handle.device).get(k)).rejects.toThrow(/storage buffers/);
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
