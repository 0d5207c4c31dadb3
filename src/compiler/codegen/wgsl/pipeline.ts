// The WebGPU compilation pipeline: the passes, in order. Each is a named
// function; `dumpAfter` lets `dlnet compile --dump-after PASS` and tests see
// the intermediate result.

import { expandComposites, fixedValues, specialize, type Graph } from "../../ir/graph";
import { UserError } from "../../diagnostics";
import { isConcrete, showShape, type DimEnv } from "../../ir/types";
import { groupKernel, groupLoads, WalkMarks, type GroupKernel } from "./group-kernels";
import type { GemmStrategy, TileLimits } from "./gemm";
import { NotFusable } from "./ir-emit";
import { storageBindings } from "./kernel";
import { splitWideConcats } from "../../passes/concat-tree";
import { splitWeightGradients } from "../../passes/split-weight-gradients";
import { transposeProducts } from "../../passes/transpose-product";
import { packOperands } from "./pack-operands";
import type { Node } from "../../ir/node";
import { planFusion, type KernelPlan } from "./fusion";
import { SharedKernels } from "./shared-kernels";
import { planMemory, type MemoryPlan } from "./memory-plan";
import { loopStep, timeMajorScans, type LoopStep } from "./time-loop";

export interface WebGpuTarget {
  /** The device's storage buffers per shader stage (8 is WebGPU's default). */
  maxStorageBuffers: number;
  maxWorkgroupsPerDimension: number;
  /** GEMM strategy: `cpu` / `direct` for CPU adapters (lavapipe), `tiled` for GPUs. */
  strategy: GemmStrategy;
  /** What `tiled` GEMM tiles must fit (default: WebGPU's guaranteed limits). */
  tileLimits?: TileLimits;
  /**
   * Lanes per subgroup of a CPU adapter, for the `cpu` strategy's kernels
   * (default 8: lavapipe's 256-bit vectors; 16 with LP_NATIVE_VECTOR_WIDTH=512).
   */
  lanes?: number;
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
  /** One per plan group, in execution order: a kernel, or a time loop over a program of its own. */
  steps: ProgramStep[];
  /** The kernels among the steps (the loops' bodies' kernels are in their programs). */
  kernels: GroupKernel[];
  /**
   * Steps (indices into `steps`) that compute only values fixed between
   * parameter writes (ir/graph.ts fixedValues) into buffers of their own: a
   * runtime runs them, before the others, only when it has written a
   * persistent input since it last did (an inference session: once per
   * weight upload). Every other step runs in every run.
   */
  refresh: ReadonlySet<number>;
  memory: MemoryPlan;
}

export type ProgramStep = GroupKernel | LoopStep<WebGpuProgram>;

export const isLoop = (s: ProgramStep): s is LoopStep<WebGpuProgram> => "loop" in s;

/** Kernels of a program and of its loops' bodies: what is generated and compiled, whatever the sequence length. */
export function allKernels(p: WebGpuProgram): GroupKernel[] {
  return p.steps.flatMap((s) => (isLoop(s) ? allKernels(s.loop.body) : [s]));
}

/** graph -> graph passes, in order. */
export const GRAPH_PASSES: {
  name: string;
  run: (g: Graph, env: DimEnv, t: WebGpuTarget) => Graph;
}[] = [
  { name: "specialize", run: (g, env) => specialize(g, env) },
  // scans stay loops (codegen/wgsl/time-loop.ts), time-major
  { name: "time-major-scans", run: (g) => timeMajorScans(g) },
  { name: "expand-composites", run: (g) => expandComposites(g, new Set(["scan"])) },
  // (AB)ᵀ = BᵀAᵀ: weight gradients come out in the weight's layout
  { name: "transpose-products", run: (g) => transposeProducts(g) },
  // weight gradients with few outputs and long reductions: parts of the batch as groups, summed
  { name: "split-weight-gradients", run: (g) => splitWeightGradients(g) },
  // a kernel binds its inputs and one output: wider concats become trees
  { name: "split-wide-concats", run: (g, _, t) => splitWideConcats(g, t.maxStorageBuffers - 1) },
];

/**
 * The graph passes, then (CPU adapters) the operand packing, whose copies
 * fusion must store: what planFusion plans.
 */
export function prepareGraph(
  graph: Graph,
  env: DimEnv,
  target: WebGpuTarget,
  dumpAfter?: (pass: string, value: unknown) => void,
): { graph: Graph; stored: ReadonlySet<Node> } {
  let g = graph;
  for (const p of GRAPH_PASSES) {
    g = p.run(g, env, target);
    dumpAfter?.(p.name, g);
  }
  if (target.strategy !== "cpu") return { graph: g, stored: new Set() };
  const packed = packOperands(g);
  dumpAfter?.("pack-operands", packed.graph);
  return packed;
}

export function compileProgram(
  graph: Graph,
  env: DimEnv = {},
  target: WebGpuTarget = DEFAULT_TARGET,
  dumpAfter?: (pass: string, value: unknown) => void,
  /** Whether fixed values get refresh kernels (not in a time loop's body, which runs whole every step). */
  hoist = true,
): WebGpuProgram {
  const { graph: g, stored } = prepareGraph(graph, env, target, dumpAfter);
  const symbolic = g.nodes().find((n) => !isConcrete(n.shape));
  if (symbolic) {
    throw new UserError(
      `kernels need concrete shapes: give a value to every symbolic dimension (found ${showShape(symbolic.shape)})`,
    );
  }
  const codegen = {
    strategy: target.strategy,
    tileLimits: target.tileLimits,
    maxPerDim: target.maxWorkgroupsPerDimension,
    lanes: target.lanes,
  };
  // fusion: graph -> kernel plan; what fits is what the code generator can emit
  // (known from what the kernel would load when that decides it, else by generating it).
  const marks = new WalkMarks();
  // Groups of one structure (repeated blocks) share one generated kernel.
  const shared = new SharedKernels((group) => groupKernel(group, codegen));
  const plan = planFusion(g, {
    maxStorageBuffers: target.maxStorageBuffers,
    stored,
    validate(group) {
      if (group.kind === "scan") return { bindings: 0 };
      const known = groupLoads(group, marks);
      if (known) return { bindings: known.bindings, reads: known.loads };
      try {
        const kernel = shared.of(group);
        return { bindings: storageBindings(kernel.kernel.bindings), kernel };
      } catch (e) {
        if (e instanceof NotFusable) return { error: e.message };
        throw e;
      }
    },
  });
  dumpAfter?.("fusion", plan);
  // codegen: kernel plan -> WGSL kernels
  // (a time loop's body is a program of its own)
  const steps = plan.groups.map((group): ProgramStep =>
    group.kind === "scan"
      ? loopStep(group, (body) => compileProgram(body, {}, target, undefined, false))
      : (plan.kernelOf(group) ?? shared.of(group)),
  );
  const kernels = steps.filter((s): s is GroupKernel => !isLoop(s));
  dumpAfter?.("codegen", kernels);
  // kernels of values fixed between parameter writes (not outputs: a pair's next half swaps every run)
  const refresh = new Set<number>();
  if (hoist) {
    const fixed = fixedValues(g);
    const outputs = new Set(g.outputs.map((o) => o.node));
    steps.forEach((s, i) => {
      if (!isLoop(s) && s.writes.every((w) => fixed.has(w) && !outputs.has(w))) refresh.add(i);
    });
  }
  // memory plan: buffers by liveness, persistent state double-buffered, fixed values kept
  const memory = planMemory(g, steps, refresh);
  dumpAfter?.("memory-plan", memory);
  return { graph: g, plan, steps, kernels, refresh, memory };
}
