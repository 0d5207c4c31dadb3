// The WebGPU compilation pipeline: the passes, in order. Each is a named
// function; `dumpAfter` lets `dlnet compile --dump-after PASS` and tests see
// the intermediate result.

import { expandComposites, specialize, type Graph } from "../ir/graph";
import { UserError } from "../diagnostics";
import { isConcrete, showShape, type DimEnv } from "../ir/types";
import { groupKernel, type GroupKernel } from "../codegen/wgsl/group-kernels";
import type { GemmStrategy } from "../codegen/wgsl/gemm";
import { NotFusable } from "../codegen/wgsl/ir-emit";
import { storageBindings } from "../codegen/wgsl/kernel";
import { splitWideConcats } from "./concat-tree";
import { transposeProducts } from "./transpose-product";
import { planFusion, type KernelPlan } from "./fusion";
import { planMemory, type MemoryPlan } from "./memory-plan";

export interface WebGpuTarget {
  /** The device's storage buffers per shader stage (8 is WebGPU's default). */
  maxStorageBuffers: number;
  maxWorkgroupsPerDimension: number;
  /** GEMM strategy: `direct` for CPU adapters (lavapipe), `tiled` for GPUs. */
  strategy: GemmStrategy;
}

export const DEFAULT_TARGET: WebGpuTarget = {
  maxStorageBuffers: 8,
  maxWorkgroupsPerDimension: 65535,
  strategy: "tiled",
};

export interface WebGpuProgram {
  /** The graph the kernels compute: specialized, composites expanded. */
  graph: Graph;
  plan: KernelPlan;
  kernels: GroupKernel[];
  memory: MemoryPlan;
}

/** graph -> graph passes, in order. */
export const GRAPH_PASSES: {
  name: string;
  run: (g: Graph, env: DimEnv, t: WebGpuTarget) => Graph;
}[] = [
  { name: "specialize", run: (g, env) => specialize(g, env) },
  { name: "expand-composites", run: (g) => expandComposites(g) },
  // (AB)ᵀ = BᵀAᵀ: weight gradients come out in the weight's layout
  { name: "transpose-products", run: (g) => transposeProducts(g) },
  // a kernel binds its inputs and one output: wider concats become trees
  { name: "split-wide-concats", run: (g, _, t) => splitWideConcats(g, t.maxStorageBuffers - 1) },
];

export function compileProgram(
  graph: Graph,
  env: DimEnv = {},
  target: WebGpuTarget = DEFAULT_TARGET,
  dumpAfter?: (pass: string, value: unknown) => void,
): WebGpuProgram {
  let g = graph;
  for (const p of GRAPH_PASSES) {
    g = p.run(g, env, target);
    dumpAfter?.(p.name, g);
  }
  const symbolic = g.nodes().find((n) => !isConcrete(n.shape));
  if (symbolic) {
    throw new UserError(
      `kernels need concrete shapes: give a value to every symbolic dimension (found ${showShape(symbolic.shape)})`,
    );
  }
  const codegen = { strategy: target.strategy, maxPerDim: target.maxWorkgroupsPerDimension };
  // fusion: graph -> kernel plan; what fits is what the code generator can emit.
  const plan = planFusion(g, {
    maxStorageBuffers: target.maxStorageBuffers,
    validate(group) {
      try {
        return { bindings: storageBindings(groupKernel(group, codegen).kernel.bindings) };
      } catch (e) {
        if (e instanceof NotFusable) return { error: e.message };
        throw e;
      }
    },
  });
  dumpAfter?.("fusion", plan);
  // codegen: kernel plan -> WGSL kernels
  const kernels = plan.groups.map((group) => groupKernel(group, codegen));
  dumpAfter?.("codegen", kernels);
  // memory plan: buffers by liveness, persistent state double-buffered
  const memory = planMemory(g, kernels);
  dumpAfter?.("memory-plan", memory);
  return { graph: g, plan, kernels, memory };
}
