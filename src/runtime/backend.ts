// What the trainer and `dlnet run` need from a place that executes IR graphs.
// Two implementations: the CPU reference interpreter (below) and WebGPU
// (src/runtime/webgpu/backend.ts).
//
// Persistent state: parameters, optimizer state and running statistics live
// in the backend (for WebGPU, in GPU buffers), under their graph-input names,
// shared by every graph compiled on it (the training step at two batch sizes,
// the evaluation graph). A run takes a graph input from the state when it is
// not fed, and an output whose name equals a state entry's name replaces that
// entry after the run (train-graph's naming convention: `linear_0.weight` in,
// `linear_0.weight` out). So nothing but the requested outputs crosses back to
// the host on a step.

import { InternalError } from "../compiler/diagnostics";
import { isConcreteGraph, type Graph } from "../compiler/ir/graph";
import { runReference } from "./reference/interpreter";
import { castTensor, type Tensor } from "../compiler/tensor";

export type BackendName = "cpu" | "webgpu";

export interface Executable {
  /**
   * Runs the graph once. `feeds` are non-state inputs (data, lr, step, seed).
   * Returns the outputs named in `readback` (state outputs included if asked).
   */
  run(feeds: Readonly<Record<string, Tensor>>, readback: readonly string[]): Promise<Record<string, Tensor>>;
}

export interface Backend {
  readonly name: BackendName;
  /** A line for logs: `webgpu (lavapipe, Vulkan)`, `cpu (reference interpreter)`. */
  readonly description: string;
  /** Prepares a concrete graph (specialized, no symbolic dims) for repeated runs. */
  compile(graph: Graph): Promise<Executable>;
  setState(name: string, value: Tensor): void;
  getState(name: string): Promise<Tensor>;
  hasState(name: string): boolean;
  stateNames(): string[];
  dispose(): void;
}

/** The CPU reference interpreter as a backend: state is a map of host tensors. */
export class CpuBackend implements Backend {
  readonly name = "cpu" as const;
  readonly description = "cpu (reference interpreter)";
  private readonly state = new Map<string, Tensor>();

  async compile(graph: Graph): Promise<Executable> {
    if (!isConcreteGraph(graph)) throw new InternalError("CpuBackend.compile needs a specialized graph");
    const stateOutputs = graph.outputs.map((o) => o.name).filter((n) => graph.inputs.some((i) => i.name === n));
    return {
      run: async (feeds, readback) => {
        const inputs: Record<string, Tensor> = {};
        for (const i of graph.inputs) {
          const t = feeds[i.name] ?? this.state.get(i.name);
          if (!t) throw new InternalError(`no value for graph input '${i.name}' (neither fed nor in the state)`);
          inputs[i.name] = t;
        }
        const out = runReference(graph, inputs);
        for (const n of stateOutputs) if (this.state.has(n)) this.state.set(n, out[n]);
        const result: Record<string, Tensor> = {};
        for (const n of readback) {
          if (!(n in out)) throw new InternalError(`graph has no output '${n}'`);
          result[n] = out[n];
        }
        return result;
      },
    };
  }

  setState(name: string, value: Tensor): void {
    this.state.set(name, value.dtype === "f64" ? castTensor(value, "f32") : value);
  }
  async getState(name: string): Promise<Tensor> {
    const t = this.state.get(name);
    if (!t) throw new InternalError(`no state '${name}'`);
    return t;
  }
  hasState(name: string): boolean {
    return this.state.has(name);
  }
  stateNames(): string[] {
    return [...this.state.keys()];
  }
  dispose(): void {
    this.state.clear();
  }
}
