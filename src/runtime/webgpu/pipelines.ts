// Compute pipelines cached by WGSL text: the text holds every size, so equal
// text means an equal pipeline. Layouts are explicit (not "auto") so a binding
// the shader happens not to use still matches the bind group we build.

import { storageBindings, type Kernel } from "../../compiler/codegen/wgsl/kernel";
import { InternalError } from "../../compiler/diagnostics";

export interface CachedPipeline {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

export class PipelineCache {
  private readonly cache = new Map<string, Promise<CachedPipeline>>();

  constructor(
    private readonly device: GPUDevice,
    private readonly maxStorageBuffers = device.limits.maxStorageBuffersPerShaderStage,
  ) {}

  get size(): number {
    return this.cache.size;
  }

  /** Is this kernel's pipeline made (or being made)? */
  has(kernel: Kernel): boolean {
    return this.cache.has(kernel.wgsl);
  }

  get(kernel: Kernel): Promise<CachedPipeline> {
    let p = this.cache.get(kernel.wgsl);
    if (!p) {
      p = this.create(kernel);
      this.cache.set(kernel.wgsl, p);
    }
    return p;
  }

  private async create(kernel: Kernel): Promise<CachedPipeline> {
    // Fusion splits kernels to fit; reaching this is a planner bug.
    const storage = storageBindings(kernel.bindings);
    if (storage > this.maxStorageBuffers) {
      throw new InternalError(
        `kernel ${kernel.name} needs ${storage} storage buffers; the device allows ${this.maxStorageBuffers}`,
      );
    }
    const device = this.device;
    device.pushErrorScope("validation");
    const module = device.createShaderModule({
      code: kernel.wgsl,
      label: kernel.name,
    });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === "error");
    if (errors.length) {
      await device.popErrorScope();
      const lines = kernel.wgsl.split("\n");
      const detail = errors
        .map((m) => `  ${m.lineNum}:${m.linePos} ${m.message}\n    ${lines[m.lineNum - 1] ?? ""}`)
        .join("\n");
      throw new InternalError(`generated WGSL for ${kernel.name} does not compile:\n${detail}`);
    }
    const layout = device.createBindGroupLayout({
      label: kernel.name,
      entries: kernel.bindings.map((b, i) => ({
        binding: i,
        visibility: 0x4, // GPUShaderStage.COMPUTE (global only once Dawn is loaded)
        buffer: {
          type:
            b.access === "uniform"
              ? "uniform"
              : b.access === "read"
                ? "read-only-storage"
                : "storage",
        },
      })),
    });
    let pipeline: GPUComputePipeline;
    try {
      pipeline = await device.createComputePipelineAsync({
        label: kernel.name,
        layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: "main" },
      });
    } finally {
      const err = await device.popErrorScope();
      if (err) throw new InternalError(`pipeline ${kernel.name}: ${err.message}`);
    }
    return { pipeline, layout };
  }
}
