// The WebGPU executor: a compiled graph bound to buffers. One `run` is one
// command-encoder submission holding every kernel; host data goes in with
// queue.writeBuffer before it (or, with `upload: "ring"`, through mapped
// staging buffers copied in that submission), and only the outputs asked for
// come back.
// Parameters and state live in GPU buffers across runs: each updated value
// has two buffers that swap roles every run (see codegen/wgsl/memory-plan.ts), so
// there are two recorded command lists, one per parity.

import { InternalError, UserError } from "../../compiler/diagnostics";
import { isPersistent, type Graph } from "../../compiler/ir/graph";
import type { DimEnv } from "../../compiler/ir/types";
import {
  allKernels,
  compileProgram,
  isLoop,
  type WebGpuProgram,
  type WebGpuTarget,
} from "../../compiler/codegen/wgsl/pipeline";
import { checksById, FLAG_WORDS, flaggedError } from "../../compiler/codegen/wgsl/index-flag";
import { bindsFlag } from "../../compiler/codegen/wgsl/kernel";
import type { GroupKernel } from "../../compiler/codegen/wgsl/group-kernels";
import type { Node } from "../../compiler/ir/node";
import { makeTensor, type Tensor } from "../../compiler/tensor";
import { BufferManager, UploadRing, type TypedArray, type Upload } from "./buffers";
import type { GpuHandle } from "./device";
import { PipelineCache } from "./pipelines";
import { QueueClock } from "./queue-clock";
import { CommandList } from "./runner";

/**
 * Runs submitted and not finished before `run` waits for the queue to empty. A deeper
 * queue hides the host's stalls (on a shared machine its thread is often
 * descheduled while the adapter still has work); a bound keeps the queued
 * input copies and the work left after a stop small. SimpleNet's step through
 * `run` against its kernels replayed, alternating rounds at load ~25 on 2
 * cores (median round ratios of 5 runs with 2 in flight, 2 with 4 and 8):
 * 1.09-3.81x with 2 in flight, 1.41-1.93x with 4, 1.07-1.08x with 8
 * (measured when `run` waited for the oldest run's own promise).
 */
export const MAX_IN_FLIGHT = 8;

export interface RunOptions {
  /** Output names to read back (default: none). */
  readback?: readonly string[];
}

export interface Executable {
  readonly program: WebGpuProgram;
  /** Kernel dispatches per run (the kernels in the plan, a time loop's body once per step). */
  readonly dispatchCount: number;
  /**
   * Runs the graph once. `inputs` must hold every data/hyper/seed input;
   * parameters and state are needed on the first run only (state defaults to
   * zeros) and may be replaced on any run.
   */
  run(inputs: Readonly<Record<string, Tensor>>, opts?: RunOptions): Promise<Record<string, Tensor>>;
  /**
   * Resolves when every run submitted so far has finished. The host sleeps
   * through most of the expected time first instead of polling the device
   * (see queue-clock.ts), as `run` does when it waits.
   */
  settled(): Promise<void>;
  /** Current value of a parameter or state input (for checkpoints). */
  read(name: string): Promise<Tensor>;
  /** GPU buffers this executable holds now (storage, uniform, staging) and their bytes. */
  readonly gpuBuffers: { count: number; bytes: number };
  /** Frees every buffer. */
  destroy(): void;
}

export interface CompileOptions {
  env?: DimEnv;
  target?: Partial<WebGpuTarget>;
  /** Share pipelines between executables on one device. */
  pipelines?: PipelineCache;
  /** Runs submitted but not finished before `run` waits for the queue to empty (default MAX_IN_FLIGHT). */
  maxInFlight?: number;
  /**
   * How a run's data, hyperparameter and seed inputs reach the GPU (parameters
   * and state always go by writeBuffer): `write`, queue.writeBuffer straight
   * from the tensor's array; `ring`, through a ring of mapped staging
   * buffers (UploadRing) copied in the run's own submission. Default `write`.
   */
  upload?: "write" | "ring";
}

/**
 * The GEMM strategy the adapter wants (codegen/wgsl/gemm.ts): CPU adapters
 * run `direct` faster than `tiled`; with 8- or 16-lane subgroups (lavapipe at
 * 256 or 512 bits) `cpu` takes `broadcast` for big products and `direct` for
 * small ones.
 */
export function strategyFor(gpu: GpuHandle): WebGpuTarget["strategy"] {
  const info = gpu.adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const cpu =
    info.architecture === "software" || info.isFallbackAdapter || /llvmpipe|swiftshader/i.test(info.device ?? "");
  if (!cpu) return "tiled";
  return cpuLanes(gpu) ? "cpu" : "direct";
}

/** Does the device have subgroups of a size the `cpu` strategy's kernels are written for (8 or 16 lanes)? */
export function cpuLanes(gpu: Pick<GpuHandle, "subgroupSize">): boolean {
  return gpu.subgroupSize === 8 || gpu.subgroupSize === 16;
}

/** What the code generator targets on this device: its limits and GEMM strategy. */
export function targetFor(gpu: GpuHandle, overrides: Partial<WebGpuTarget> = {}): WebGpuTarget {
  return {
    maxStorageBuffers: gpu.limits.maxStorageBuffersPerShaderStage,
    maxWorkgroupsPerDimension: gpu.limits.maxComputeWorkgroupsPerDimension,
    strategy: strategyFor(gpu),
    lanes: gpu.subgroupSize,
    tileLimits: {
      maxWorkgroupStorage: gpu.limits.maxComputeWorkgroupStorageSize,
      maxInvocations: gpu.limits.maxComputeInvocationsPerWorkgroup,
    },
    ...overrides,
  };
}

export async function compileForWebGPU(
  graph: Graph,
  gpu: GpuHandle,
  opts: CompileOptions = {},
): Promise<Executable> {
  const target = targetFor(gpu, opts.target);
  const program = compileProgram(graph, opts.env ?? {}, target);
  const buffers = new BufferManager(gpu.device);
  const pipelines = opts.pipelines ?? new PipelineCache(gpu.device, target.maxStorageBuffers);
  const bufferOf = allocateSlots(program, gpu, buffers);
  // Computed-index checks report into one flag buffer (codegen/wgsl/index-flag.ts), read back with the outputs.
  const flag = allKernels(program).some((k) => bindsFlag(k.kernel)) ? buffers.create(4 * FLAG_WORDS, "index-flag") : undefined;
  if (flag) gpu.device.queue.writeBuffer(flag, 0, new Uint32Array(FLAG_WORDS));
  const binder = new Binder(gpu.device, pipelines, buffers, flag);
  const record = (p: number, refresh: boolean) =>
    binder.bind(program, (n) => bufferOf(program.memory.slotOf.get(n)!, p), (i) => program.refresh.has(i) === refresh);
  const lists = [await record(0, false), await record(1, false)];
  // (refresh kernels read unpaired inputs and write buffers of their own: one list serves both parities)
  const refresh = program.refresh.size ? await record(0, true) : [];
  return new WebGpuExecutable(gpu, program, buffers, bufferOf, lists, refresh, opts.maxInFlight ?? MAX_IN_FLIGHT, opts.upload ?? "write", flag);
}

/** Buffer of memory slot `id` when the pairs are in parity `p`. */
type SlotBuffers = (id: number, p: number) => GPUBuffer;

/** One buffer per memory slot, after checking each fits the device's binding limit (DL5001). */
function allocateSlots(program: WebGpuProgram, gpu: GpuHandle, buffers: BufferManager): SlotBuffers {
  const mem = program.memory;
  for (const s of mem.slots) {
    if (s.bytes > gpu.limits.maxStorageBufferBindingSize) {
      throw new UserError(
        `DL5001 model exceeds the device's limits: a ${s.bytes}-byte tensor${s.name ? ` ('${s.name}')` : ""} is larger than the ${gpu.limits.maxStorageBufferBindingSize}-byte storage binding limit`,
      );
    }
  }
  const physical = mem.slots.map((s) => buffers.create(s.bytes, s.name ?? `slot${s.id}`));
  return (id, p) => {
    const s = mem.slots[id];
    if (p === 1 && s.pair !== undefined) return physical[s.pair];
    return physical[id];
  };
}

interface Feed {
  input: Graph["inputs"][number];
  shape: number[];
  buffers: GPUBuffer[];
  scratch: TypedArray | undefined;
  /** The buffer's element type (bool as u32). */
  type: Upload["type"];
  /** Uploaded through the ring (else writeBuffer). */
  staged: boolean;
  /** A persistent input nothing updates, from which the refresh kernels may compute: writing it makes them run. */
  refreshes: boolean;
}

/** A bound program: two recorded parities, host-fed inputs and read-back outputs resolved once. */
class WebGpuExecutable implements Executable {
  readonly dispatchCount: number;
  /** Per parity, everything one run encodes: the kernels, then the copies the plan asks for. */
  private readonly steps: ((enc: GPUCommandEncoder) => void)[];
  /** The same, after the refresh kernels (the program's values fixed between parameter writes). */
  private readonly refreshed: ((enc: GPUCommandEncoder) => void)[];
  /** Whether a fixed value's inputs were written since the refresh kernels last ran (always, before the first run). */
  private stale: boolean;
  private readonly feeds: Map<string, Feed>;
  private readonly outputs: Map<string, { node: Node; bytes: number; buffers: GPUBuffer[] }>;
  private parity = 0;
  private initialized = false;
  /** Runs submitted since the queue was last seen empty, and in all. */
  private inFlight = 0;
  private runs = 0;
  private readonly clock = new QueueClock();
  private readonly ring: UploadRing;
  /** The checks of the program's kernels by id, when it has any (then `flag` is their buffer). */
  private readonly checks: ReturnType<typeof checksById> | undefined;

  constructor(
    private readonly gpu: GpuHandle,
    readonly program: WebGpuProgram,
    private readonly buffers: BufferManager,
    bufferOf: SlotBuffers,
    lists: Segment[][],
    refresh: Segment[],
    private readonly maxInFlight: number,
    upload: "write" | "ring",
    private readonly flag?: GPUBuffer,
  ) {
    const mem = program.memory;
    this.checks = flag ? checksById(programGraphs(program)) : undefined;
    // (the runs in flight, the one being staged, and one coming back)
    this.ring = new UploadRing(buffers, maxInFlight + 2);
    // The used staging buffers are mapped again when the host waits for the queue anyway.
    this.clock.onAsk.push(() => this.ring.idle());
    this.dispatchCount = dispatchesOf(lists[0]);
    this.steps = [0, 1].map((p) => (enc: GPUCommandEncoder) => {
      encode(enc, lists[p]);
      for (const c of mem.copies) enc.copyBufferToBuffer(bufferOf(c.from, p), 0, bufferOf(c.to, p), 0, c.bytes);
    });
    this.refreshed = this.steps.map((step) => (enc: GPUCommandEncoder) => {
      encode(enc, refresh);
      step(enc);
    });
    this.stale = refresh.length > 0;
    this.feeds = new Map(
      program.graph.inputs.map((i) => {
        const slot = mem.slotOf.get(i.node)!;
        const type = i.node.dtype === "f32" ? "f32" : i.node.dtype === "i32" ? "i32" : "u32";
        const staged = upload === "ring" && !isPersistent(i);
        const refreshes = refresh.length > 0 && mem.slots[slot].kind === "persistent";
        return [i.name, { input: i, shape: i.node.shape as number[], buffers: [bufferOf(slot, 0), bufferOf(slot, 1)], scratch: undefined, type, staged, refreshes }];
      }),
    );
    this.outputs = new Map(
      program.graph.outputs.map((o) => {
        const s = mem.outputSlot.get(o.name)!;
        return [o.name, { node: o.node, bytes: byteLength(o.node), buffers: [bufferOf(s, 0), bufferOf(s, 1)] }];
      }),
    );
  }

  async run(values: Readonly<Record<string, Tensor>>, opts: RunOptions = {}): Promise<Record<string, Tensor>> {
    if (this.gpu.lost) throw new Error(this.gpu.lost);
    const want = opts.readback ?? [];
    for (const name of want) if (!this.outputs.has(name)) throw new InternalError(`the graph has no output '${name}'`);
    const staged = this.writeInputs(values);
    const p = this.parity;
    // Pairs swap: this run's "next" halves are the next run's inputs.
    this.parity ^= 1;
    const upload = staged.length ? await this.ring.stage(staged) : undefined;
    const kernels = this.stale ? this.refreshed[p] : this.steps[p];
    this.stale = false;
    const encodeRun = upload
      ? (enc: GPUCommandEncoder) => {
          upload.encode(enc);
          kernels(enc);
        }
      : kernels;
    // The first run of each parity dispatches its pipelines first (lavapipe compiles then).
    const cold = this.runs++ < 2;
    if (!want.length) {
      await this.submit(encodeRun, upload, cold);
      return {};
    }
    // The outputs are copied to the staging buffer in the run's own
    // submission; its one map waits for this run and so for every earlier one.
    const outs = want.map((name) => this.outputs.get(name)!);
    // (readMany submits before its first await: the upload's staging buffer is in that submission)
    // The index flag comes back in the same copy: checking costs no submission of its own.
    const reading = this.buffers.readMany(
      [...outs.map((o) => ({ buffer: o.buffers[p], bytes: o.bytes })), ...(this.flag ? [{ buffer: this.flag, bytes: 4 * FLAG_WORDS }] : [])],
      encodeRun,
      this.clock,
      cold,
    );
    upload?.submitted();
    const data = await reading;
    this.inFlight = 0;
    if (this.flag) {
      const bad = flaggedError(new Uint32Array(data[outs.length]), this.checks!);
      if (bad) {
        // Cleared, so a caller that goes on (a test, the playground) sees only later reports.
        this.gpu.device.queue.writeBuffer(this.flag, 0, new Uint32Array(FLAG_WORDS));
        throw bad;
      }
    }
    const result: Record<string, Tensor> = {};
    want.forEach((name, k) => (result[name] = fromGpu(outs[k].node.dtype, outs[k].node.shape as number[], data[k])));
    return result;
  }

  /**
   * Writes the given inputs into this parity's buffers, or returns them for
   * the upload ring; on the first run every non-state input must be among them.
   */
  private writeInputs(values: Readonly<Record<string, Tensor>>): Upload[] {
    const staged: Upload[] = [];
    for (const name in values) {
      const f = this.feeds.get(name);
      if (!f) throw new InternalError(`the graph has no input '${name}'`);
      const t = values[name];
      checkShape(name, f.shape, t);
      if (f.staged) staged.push({ buffer: f.buffers[this.parity], type: f.type, data: t.data });
      else this.buffers.write(f.buffers[this.parity], toGpu(f.input.node.dtype, t, f));
      if (f.refreshes) this.stale = true;
    }
    if (!this.initialized) {
      // Fresh buffers are zeros, which is how state without a value starts;
      // data and parameters must be given.
      for (const i of this.program.graph.inputs) {
        if (!values[i.name] && i.role !== "state")
          throw new InternalError(`input '${i.name}' has no value`);
      }
      this.initialized = true;
    }
    return staged;
  }

  /** Submits a run with nothing to read back. */
  private async submit(encodeRun: (enc: GPUCommandEncoder) => void, upload: { submitted(): void } | undefined, cold: boolean): Promise<void> {
    const { device } = this.gpu;
    const enc = device.createCommandEncoder();
    encodeRun(enc);
    device.queue.submit([enc.finish()]);
    upload?.submitted();
    this.clock.submitted(cold);
    // Back-pressure: a host feeding steps faster than the GPU runs them
    // would queue every step's input copies; past maxInFlight runs in
    // flight, wait for the queue to empty. (No promise is held per run:
    // while one is pending, Dawn polls the device from the event loop.)
    if (++this.inFlight > this.maxInFlight) await this.settled();
  }

  async settled(): Promise<void> {
    await this.clock.wait(() => this.gpu.device.queue.onSubmittedWorkDone());
    this.inFlight = 0;
  }

  async read(name: string): Promise<Tensor> {
    const f = this.feeds.get(name);
    if (!f) throw new InternalError(`the graph has no input '${name}'`);
    const [d] = await this.buffers.readMany([{ buffer: f.buffers[this.parity], bytes: byteLength(f.input.node) }]);
    return fromGpu(f.input.node.dtype, f.shape, d);
  }

  get gpuBuffers(): { count: number; bytes: number } {
    return { count: this.buffers.count, bytes: this.buffers.bytesAllocated };
  }

  destroy(): void {
    this.ring.destroy();
    this.buffers.destroyAll();
  }
}

/** A program's graph and its time loops' bodies' graphs. */
function programGraphs(p: WebGpuProgram): WebGpuProgram["graph"][] {
  return [p.graph, ...p.steps.flatMap((s) => (isLoop(s) ? programGraphs(s.loop.body) : []))];
}

function byteLength(n: { shape: readonly (number | string)[] }): number {
  return 4 * (n.shape as number[]).reduce((p, d) => p * d, 1);
}

function checkShape(name: string, shape: number[], t: Tensor) {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new InternalError(`input '${name}' expects [${shape}], got [${t.shape}]`);
  }
}

/**
 * A tensor's data as the buffer's element type (the input's dtype, bool as
 * u32): passed through when it already is, else converted into a scratch
 * array kept per input, so a run allocates nothing.
 */
function toGpu(dtype: string, t: Tensor, f: { scratch?: TypedArray }): TypedArray {
  const want = dtype === "f32" ? Float32Array : dtype === "i32" ? Int32Array : Uint32Array;
  if (t.data instanceof want) return t.data;
  if (!(f.scratch instanceof want) || f.scratch.length !== t.data.length) f.scratch = new want(t.data.length);
  f.scratch.set(t.data);
  return f.scratch;
}

function fromGpu(dtype: string, shape: number[], data: ArrayBuffer): Tensor {
  if (dtype === "f32") return makeTensor("f32", shape, new Float32Array(data));
  if (dtype === "i32") return makeTensor("i32", shape, new Int32Array(data));
  return makeTensor("bool", shape, new Uint32Array(data));
}

/**
 * A program bound to buffers: runs of dispatches (one compute pass each) and
 * time loops, whose bodies are bound programs of their own.
 */
type Segment =
  | { list: CommandList }
  | {
      steps: number;
      reverse: boolean;
      stateBytes: number;
      inputBytes: number;
      /** The loop's reads and write (outer buffers) and the body's state, step input and next state. */
      init: GPUBuffer;
      xs: GPUBuffer;
      ys: GPUBuffer;
      state: GPUBuffer;
      x: GPUBuffer;
      next: GPUBuffer;
      body: Segment[];
    };

/** Binds programs to buffers; uniform parameters and a loop body's own buffers are made once, whatever the parity. */
class Binder {
  private readonly params = new Map<GroupKernel, GPUBuffer[]>();
  private readonly bodyBuffers = new Map<WebGpuProgram, GPUBuffer[]>();

  constructor(
    private readonly device: GPUDevice,
    private readonly pipelines: PipelineCache,
    private readonly buffers: BufferManager,
    /** The index flag, bound last by the kernels that check computed indices. */
    private readonly flag?: GPUBuffer,
  ) {}

  /** The program's steps (those `which` takes by index, default all) bound: runs of dispatches and loops. */
  async bind(program: WebGpuProgram, bufferOf: (n: Node) => GPUBuffer, which: (i: number) => boolean = () => true): Promise<Segment[]> {
    const out: Segment[] = [];
    let run: GroupKernel[] = [];
    const flush = async () => {
      if (!run.length) return;
      const dispatches = run.map((k) => ({
        kernel: k.kernel,
        buffers: [...[...k.reads, ...k.writes].map(bufferOf), ...this.paramsOf(k), ...(bindsFlag(k.kernel) ? [this.flag!] : [])],
      }));
      run = [];
      out.push({ list: await CommandList.record(this.device, this.pipelines, dispatches) });
    };
    for (const [i, s] of program.steps.entries()) {
      if (!which(i)) continue;
      if (!isLoop(s)) {
        run.push(s);
        continue;
      }
      await flush();
      const body = s.loop.body;
      const mem = body.memory;
      const own = this.ownBuffers(body);
      const [, , ...consts] = s.reads;
      // The body reads the consts where they are; everything else of its own.
      const outer = new Map(consts.map((c, k) => [body.graph.input(`c${k}`), bufferOf(c)]));
      const inner = (n: Node) => outer.get(n) ?? own[mem.slotOf.get(n)!];
      out.push({
        ...s.loop,
        init: bufferOf(s.reads[0]),
        xs: bufferOf(s.reads[1]),
        ys: bufferOf(s.writes[0]),
        state: inner(body.graph.input("state")),
        x: inner(body.graph.input("x")),
        next: own[mem.outputSlot.get("next")!],
        body: await this.bind(body, inner),
      });
    }
    await flush();
    return out;
  }

  /** Kernel parameters (offsets) are constant: one small uniform buffer each, written once. */
  private paramsOf(k: GroupKernel): GPUBuffer[] {
    let p = this.params.get(k);
    if (!p) this.params.set(k, (p = k.kernel.params ? [this.buffers.uniform(k.kernel.params)] : []));
    return p;
  }

  private ownBuffers(body: WebGpuProgram): GPUBuffer[] {
    let b = this.bodyBuffers.get(body);
    if (!b) {
      // (a const's slot stays empty: the body reads the outer buffer)
      const isConst = (name?: string) => name !== undefined && /^c\d+$/.test(name);
      b = body.memory.slots.map((s) =>
        this.buffers.create(s.kind === "input" && isConst(s.name) ? 4 : s.bytes, `loop.${s.name ?? `slot${s.id}`}`),
      );
      this.bodyBuffers.set(body, b);
    }
    return b;
  }
}

function encode(enc: GPUCommandEncoder, segments: readonly Segment[]): void {
  for (const s of segments) {
    if ("list" in s) {
      s.list.encode(enc);
      continue;
    }
    enc.copyBufferToBuffer(s.init, 0, s.state, 0, s.stateBytes);
    for (let k = 0; k < s.steps; k++) {
      const t = s.reverse ? s.steps - 1 - k : k;
      enc.copyBufferToBuffer(s.xs, t * s.inputBytes, s.x, 0, s.inputBytes);
      encode(enc, s.body);
      enc.copyBufferToBuffer(s.next, 0, s.ys, t * s.stateBytes, s.stateBytes);
      enc.copyBufferToBuffer(s.next, 0, s.state, 0, s.stateBytes);
    }
  }
}

function dispatchesOf(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + ("list" in s ? s.list.dispatchCount : s.steps * dispatchesOf(s.body)), 0);
}
