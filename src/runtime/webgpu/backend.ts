// The WebGPU executor as a `Backend` (src/runtime/backend.ts). An executable
// keeps its parameters and state in its own GPU buffers; this adapter shares
// them between executables (the training step at the full and the last
// partial batch size, the evaluation graph) by versioning: every persistent
// value has a version, bumped when a run updates it, and each executable
// records the version its buffers hold. A run uploads only what its buffers
// hold an older version of — read back from the executable that has the
// newest one. Evaluation updates nothing, so switching between training and
// evaluation moves nothing; only the first run of a new executable uploads.

import { InternalError } from "../../compiler/diagnostics";
import { isPersistent, type Graph } from "../../compiler/ir/graph";
import type { Backend, Executable } from "../backend";
import { castTensor, type Tensor } from "../../compiler/tensor";
import type { GpuHandle } from "./device";
import { compileForWebGPU, type CompileOptions, type Executable as GpuExecutable } from "./executor";
import { PipelineCache } from "./pipelines";

interface StateEntry {
  version: number;
  /** A host copy, valid when hostVersion === version. */
  host?: Tensor;
  hostVersion: number;
  /** Which executables hold which version in their buffers. */
  holders: Map<GpuExecutable, number>;
}

export class WebGpuBackend implements Backend {
  readonly name = "webgpu" as const;
  readonly description: string;
  private readonly state = new Map<string, StateEntry>();
  private readonly pipelines: PipelineCache;
  private readonly executables: GpuExecutable[] = [];
  /** Kernel dispatches per run of each compiled graph, in compile order (for reports and tests). */
  readonly dispatchCounts: number[] = [];

  /**
   * `ownsDevice`: dispose releases the device too (false when others still use
   * it). `options.upload`: how runs upload their data (CompileOptions.upload).
   */
  constructor(
    readonly gpu: GpuHandle,
    private readonly ownsDevice = true,
    private readonly options: Pick<CompileOptions, "upload"> = {},
  ) {
    this.pipelines = new PipelineCache(gpu.device, gpu.limits.maxStorageBuffersPerShaderStage);
    // "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)" → "llvmpipe, software": the name a user recognizes.
    const info = gpu.adapter.info;
    const name = info.description?.split(":")[0].trim() || info.device || info.vendor || "adapter";
    this.description = `webgpu (${[name, info.architecture].filter(Boolean).join(", ")})`;
  }

  async compile(graph: Graph): Promise<Executable> {
    const exe = await compileForWebGPU(graph, this.gpu, { pipelines: this.pipelines, ...this.options });
    this.executables.push(exe);
    this.dispatchCounts.push(exe.dispatchCount);
    const persistent = graph.inputs
      .filter(isPersistent)
      .map((i) => i.name);
    const updated = new Set(graph.outputs.map((o) => o.name).filter((n) => persistent.includes(n)));
    return {
      run: async (feeds, readback) => {
        const inputs: Record<string, Tensor> = { ...feeds };
        for (const name of persistent) {
          if (name in feeds) continue;
          const e = this.entry(name);
          if (e.holders.get(exe) !== e.version) inputs[name] = await this.current(name, e);
        }
        const out = await exe.run(inputs, { readback });
        for (const name of persistent) {
          if (name in feeds) continue;
          const e = this.entry(name);
          if (updated.has(name)) {
            e.version++;
            e.holders.clear();
          }
          e.holders.set(exe, e.version);
        }
        return out;
      },
    };
  }

  private entry(name: string): StateEntry {
    const e = this.state.get(name);
    if (!e) throw new InternalError(`no value for persistent input '${name}'`);
    return e;
  }

  /** The newest value of a state entry, read back from the executable holding it if needed. */
  private async current(name: string, e: StateEntry): Promise<Tensor> {
    if (e.host && e.hostVersion === e.version) return e.host;
    for (const [exe, v] of e.holders) {
      if (v === e.version) {
        e.host = await exe.read(name);
        e.hostVersion = e.version;
        return e.host;
      }
    }
    throw new InternalError(`state '${name}' has no current copy`);
  }

  setState(name: string, value: Tensor): void {
    const prev = this.state.get(name);
    const version = (prev?.version ?? 0) + 1;
    const host = value.dtype === "f64" ? castTensor(value, "f32") : value;
    this.state.set(name, { version, host, hostVersion: version, holders: new Map() });
  }
  getState(name: string): Promise<Tensor> {
    return this.current(name, this.entry(name));
  }
  hasState(name: string): boolean {
    return this.state.has(name);
  }
  stateNames(): string[] {
    return [...this.state.keys()];
  }
  dispose(): void {
    for (const e of this.executables) e.destroy();
    this.executables.length = 0;
    if (this.ownsDevice) this.gpu.release();
  }
}
