// The WebGPU executor: a compiled graph bound to buffers. One `run` is one
// command-encoder submission holding every kernel; host data goes in with
// queue.writeBuffer before it, and only the outputs asked for come back.
// Parameters and state live in GPU buffers across runs: each updated value
// has two buffers that swap roles every run (see passes/memory-plan.ts), so
// there are two recorded command lists, one per parity.

import { InternalError, UserError } from "../../compiler/diagnostics";
import type { Graph } from "../../compiler/ir/graph";
import type { DimEnv } from "../../compiler/ir/types";
import {
  compileProgram,
  type WebGpuProgram,
  type WebGpuTarget,
} from "../../compiler/passes/pipeline";
import { makeTensor, type Tensor } from "../tensor";
import { BufferManager, type TypedArray } from "./buffers";
import type { GpuHandle } from "./device";
import { PipelineCache } from "./pipelines";
import { CommandList } from "./runner";

const MAX_IN_FLIGHT = 2;

export interface RunOptions {
  /** Output names to read back (default: none). */
  readback?: readonly string[];
}

export interface Executable {
  readonly program: WebGpuProgram;
  /** Kernel dispatches per run (= kernels in the plan). */
  readonly dispatchCount: number;
  /**
   * Runs the graph once. `inputs` must hold every data/hyper/seed input;
   * parameters and state are needed on the first run only (state defaults to
   * zeros) and may be replaced on any run.
   */
  run(inputs: Readonly<Record<string, Tensor>>, opts?: RunOptions): Promise<Record<string, Tensor>>;
  /** Current value of a parameter or state input (for checkpoints). */
  read(name: string): Promise<Tensor>;
  /** Frees every buffer. */
  destroy(): void;
}

export interface CompileOptions {
  env?: DimEnv;
  target?: Partial<WebGpuTarget>;
  /** Share pipelines between executables on one device. */
  pipelines?: PipelineCache;
}

/** The GEMM strategy the adapter wants: CPU adapters run `direct` faster. */
export function strategyFor(gpu: GpuHandle): WebGpuTarget["strategy"] {
  const info = gpu.adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  return info.architecture === "software" ||
    info.isFallbackAdapter ||
    /llvmpipe|swiftshader/i.test(info.device ?? "")
    ? "direct"
    : "tiled";
}

export async function compileForWebGPU(
  graph: Graph,
  gpu: GpuHandle,
  opts: CompileOptions = {},
): Promise<Executable> {
  const target: WebGpuTarget = {
    maxStorageBuffers: gpu.limits.maxStorageBuffersPerShaderStage,
    maxWorkgroupsPerDimension: gpu.limits.maxComputeWorkgroupsPerDimension,
    strategy: strategyFor(gpu),
    ...opts.target,
  };
  const program = compileProgram(graph, opts.env ?? {}, target);
  const { device } = gpu;
  const buffers = new BufferManager(device);
  const pipelines = opts.pipelines ?? new PipelineCache(device, target.maxStorageBuffers);
  const mem = program.memory;
  for (const s of mem.slots) {
    if (s.bytes > gpu.limits.maxStorageBufferBindingSize) {
      throw new UserError(
        `DL5001 model exceeds the device's limits: a ${s.bytes}-byte tensor${s.name ? ` ('${s.name}')` : ""} is larger than the ${gpu.limits.maxStorageBufferBindingSize}-byte storage binding limit`,
      );
    }
  }
  const physical = mem.slots.map((s) => buffers.create(s.bytes, s.name ?? `slot${s.id}`));
  /** Buffer of slot `id` when the pairs are in parity `p`. */
  const bufferOf = (id: number, p: number): GPUBuffer => {
    const s = mem.slots[id];
    if (p === 1 && s.pair !== undefined) return physical[s.pair];
    return physical[id];
  };
  // Kernel parameters (offsets) are constant: one small uniform buffer each, written once.
  const params = program.kernels.map((k) =>
    k.kernel.params ? [buffers.uniform(k.kernel.params)] : [],
  );
  const record = (p: number) =>
    CommandList.record(
      device,
      pipelines,
      program.kernels.map((k, i) => ({
        kernel: k.kernel,
        buffers: [
          ...[...k.reads, ...k.writes].map((n) => bufferOf(mem.slotOf.get(n)!, p)),
          ...params[i],
        ],
      })),
    );
  const lists = [await record(0), await record(1)];
  const inputs = new Map(program.graph.inputs.map((i) => [i.name, i]));
  let parity = 0;
  let initialized = false;
  const inFlight: Promise<undefined>[] = [];

  const slotOfInput = (name: string) => mem.slotOf.get(inputs.get(name)!.node)!;

  return {
    program,
    dispatchCount: lists[0].dispatchCount,
    async run(values, opts = {}) {
      if (gpu.lost) throw new Error(gpu.lost);
      for (const [name, t] of Object.entries(values)) {
        const i = inputs.get(name);
        if (!i) throw new InternalError(`the graph has no input '${name}'`);
        checkShape(name, i.node.shape as number[], t);
        buffers.write(bufferOf(slotOfInput(name), parity), toGpu(t));
      }
      if (!initialized) {
        // Fresh buffers are zeros, which is how state without a value starts;
        // data and parameters must be given.
        for (const i of program.graph.inputs) {
          if (!values[i.name] && i.role !== "state")
            throw new InternalError(`input '${i.name}' has no value`);
        }
        initialized = true;
      }
      const enc = device.createCommandEncoder();
      lists[parity].encode(enc);
      for (const c of mem.copies)
        enc.copyBufferToBuffer(bufferOf(c.from, parity), 0, bufferOf(c.to, parity), 0, c.bytes);
      device.queue.submit([enc.finish()]);
      // Pairs swap: this run's "next" halves are the next run's inputs.
      parity ^= 1;
      // Back-pressure: a host feeding steps faster than the GPU runs them
      // would queue every step's input copies; keep at most two in flight.
      inFlight.push(device.queue.onSubmittedWorkDone());
      if (inFlight.length > MAX_IN_FLIGHT) await inFlight.shift();
      const want = opts.readback ?? [];
      if (!want.length) return {};
      const slots = want.map((name) => {
        const s = mem.outputSlot.get(name);
        if (s === undefined) throw new InternalError(`the graph has no output '${name}'`);
        // The output was written at the previous parity.
        return bufferOf(s, parity ^ 1);
      });
      const outs = want.map((name) => program.graph.outputs.find((o) => o.name === name)!.node);
      const data = await buffers.readMany(
        slots.map((buffer, k) => ({ buffer, bytes: byteLength(outs[k]) })),
      );
      return Object.fromEntries(
        want.map((name, k) => [name, fromGpu(outs[k].dtype, outs[k].shape as number[], data[k])]),
      );
    },
    async read(name) {
      const i = inputs.get(name);
      if (!i) throw new InternalError(`the graph has no input '${name}'`);
      const [d] = await buffers.readMany([
        { buffer: bufferOf(slotOfInput(name), parity), bytes: byteLength(i.node) },
      ]);
      return fromGpu(i.node.dtype, i.node.shape as number[], d);
    },
    destroy() {
      buffers.destroyAll();
    },
  };
}

function byteLength(n: { shape: readonly (number | string)[] }): number {
  return 4 * (n.shape as number[]).reduce((p, d) => p * d, 1);
}

function checkShape(name: string, shape: number[], t: Tensor) {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new InternalError(`input '${name}' expects [${shape}], got [${t.shape}]`);
  }
}

function toGpu(t: Tensor): TypedArray {
  switch (t.dtype) {
    case "f32":
      return t.data as Float32Array;
    case "f64":
      return Float32Array.from(t.data);
    case "i32":
      return t.data as Int32Array;
    case "bool":
      return Uint32Array.from(t.data);
  }
}

function fromGpu(dtype: string, shape: number[], data: ArrayBuffer): Tensor {
  if (dtype === "f32") return makeTensor("f32", shape, new Float32Array(data));
  if (dtype === "i32") return makeTensor("i32", shape, new Int32Array(data));
  return makeTensor("bool", shape, new Uint32Array(data));
}
