// A recorded list of dispatches: pipelines and bind groups are built once,
// then every `submit` encodes all dispatches in one compute pass of one
// command encoder — one queue submission per graph run.

import type { Kernel } from "../../compiler/codegen/wgsl/kernel";
import type { PipelineCache } from "./pipelines";

export interface Dispatch {
  kernel: Kernel;
  /** One buffer per kernel binding, in binding order. */
  buffers: GPUBuffer[];
}

interface Recorded {
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  workgroups: [number, number, number];
}

export class CommandList {
  private constructor(
    private readonly device: GPUDevice,
    private readonly recorded: Recorded[],
  ) {}

  static async record(
    device: GPUDevice,
    cache: PipelineCache,
    dispatches: Dispatch[],
  ): Promise<CommandList> {
    const pipelines = await Promise.all(dispatches.map((d) => cache.get(d.kernel)));
    const recorded = dispatches.map((d, i): Recorded => {
      if (d.buffers.length !== d.kernel.bindings.length) {
        throw new Error(
          `${d.kernel.name}: ${d.buffers.length} buffers for ${d.kernel.bindings.length} bindings`,
        );
      }
      const bindGroup = device.createBindGroup({
        layout: pipelines[i].layout,
        entries: d.buffers.map((buffer, binding) => ({
          binding,
          resource: { buffer },
        })),
      });
      return {
        pipeline: pipelines[i].pipeline,
        bindGroup,
        workgroups: d.kernel.workgroups,
      };
    });
    return new CommandList(device, recorded);
  }

  get dispatchCount(): number {
    return this.recorded.length;
  }

  /** Encodes every dispatch, in order, as one compute pass. */
  encode(enc: GPUCommandEncoder): void {
    const pass = enc.beginComputePass();
    let pipeline: GPUComputePipeline | undefined;
    for (const r of this.recorded) {
      // (a pipeline stays set across dispatches; the same kernel twice sets it once)
      if (r.pipeline !== pipeline) pass.setPipeline((pipeline = r.pipeline));
      pass.setBindGroup(0, r.bindGroup);
      pass.dispatchWorkgroups(...r.workgroups);
    }
    pass.end();
  }

  /** Encodes every dispatch into one command buffer and submits it. */
  submit(): void {
    const enc = this.device.createCommandEncoder();
    this.encode(enc);
    this.device.queue.submit([enc.finish()]);
  }
}
