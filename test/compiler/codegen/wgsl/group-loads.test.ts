// Fusion decides most candidate kernels from what their code would load
// (groupLoads) instead of generating them. The oracle is the code generator:
// for every candidate kernel the planner considers, in every example's
// training step and in generated programs (test/fuzz/generate.ts), on both
// GEMM strategies, wherever groupLoads answers, generating the kernel must
// succeed and bind exactly those nodes (and as many storage buffers). CPU only (no GPU). More generated
// programs: DLNET_LOADS_SEEDS=300 (groupLoads decides 97% of the ~11,000
// candidates in the examples and the first 24 seeds).

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Graph } from "../../../../src/compiler/ir/graph";
import { planFusion, type KernelGroup } from "../../../../src/compiler/codegen/wgsl/fusion";
import { groupKernel, groupLoads } from "../../../../src/compiler/codegen/wgsl/group-kernels";
import { NotFusable } from "../../../../src/compiler/codegen/wgsl/ir-emit";
import { storageBindings } from "../../../../src/compiler/codegen/wgsl/kernel";
import { loopStep } from "../../../../src/compiler/codegen/wgsl/time-loop";
import {
  compileProgram,
  DEFAULT_TARGET,
  prepareGraph,
  type WebGpuTarget,
} from "../../../../src/compiler/codegen/wgsl/pipeline";
import { concreteSteps } from "./concrete-steps";
import { generate } from "../../../fuzz/generate";
import { fuzzHost } from "../../../fuzz/data";
import { ROOT } from "../../syntax/baseline";
import { diskHost } from "../../check/helpers";

/** lavapipe's (what the compile benchmark plans for), and WebGPU's defaults (8 storage buffers: more kernels split). */
const TARGETS: WebGpuTarget[] = [{ ...DEFAULT_TARGET, maxStorageBuffers: 16, strategy: "cpu" }, DEFAULT_TARGET];
const SEEDS = Number(process.env.DLNET_LOADS_SEEDS ?? 10);

interface Tally {
  candidates: number;
  decided: number;
}

/** Plans `graph` generating every candidate (as fusion did before groupLoads), checking groupLoads against each; loop bodies too. */
function crossCheck(graph: Graph, env: Record<string, number>, target: WebGpuTarget, tally: Tally): void {
  const { graph: g, stored } = prepareGraph(graph, env, target);
  const codegen = { strategy: target.strategy, tileLimits: target.tileLimits, maxPerDim: target.maxWorkgroupsPerDimension };
  const plan = planFusion(g, {
    maxStorageBuffers: target.maxStorageBuffers,
    stored,
    validate(group: KernelGroup) {
      if (group.kind === "scan") return { bindings: 0 };
      tally.candidates++;
      const known = groupLoads(group);
      const ids = (ns: Iterable<{ id: number }>) => [...ns].map((n) => n.id).sort((a, b) => a - b);
      try {
        const kernel = groupKernel(group, codegen);
        if (known) {
          tally.decided++;
          expect(ids(known.loads), `${group.kind} kernel loads`).toEqual(ids(kernel.reads));
          expect(known.bindings, `${group.kind} kernel storage buffers`).toBe(storageBindings(kernel.kernel.bindings));
        }
        return { bindings: storageBindings(kernel.kernel.bindings), kernel };
      } catch (e) {
        if (!(e instanceof NotFusable)) throw e;
        expect(known, `groupLoads answered for a kernel that cannot be generated (${e.message})`).toBeUndefined();
        return { error: e.message };
      }
    },
  });
  for (const group of plan.groups)
    if (group.kind === "scan")
      loopStep(group, (body) => {
        crossCheck(body, {}, target, tally);
        return compileProgram(body, {}, target);
      });
}

describe("fusion's load analysis agrees with the code generator", () => {
  it("on every example's training step", () => {
    const tally = { candidates: 0, decided: 0 };
    const host = diskHost();
    const dir = join(ROOT, "examples");
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".dlnet")).sort())
      for (const [g, env] of concreteSteps(join(dir, f), host, false))
        crossCheck(g, env, TARGETS[0], tally);
    // Most candidates are decided without generating them (that is the point).
    expect(tally.decided).toBeGreaterThan(tally.candidates / 2);
  });

  it("on computed indices (check_index: the kernel binds the index flag)", () => {
    const tally = { candidates: 0, decided: 0 };
    const PATH = "/computed/case.dlnet";
    const source = `// computed indices
// data: tokens i32[4] < 5; label i32[] < 2
model Shift {
  input tokens: i32[batch, 4]
  output logits = (tokens + 1) -> Embedding(6, 3) -> Flatten -> Linear(2)
}
train Shift {
  data      = tensors("data.safetensors")
  feed tokens = data.tokens
  loss      = cross_entropy(logits, data.label + 1)
  optimizer = Adam(lr: 0.01)
  batch     = 4
}
`;
    const graphs = concreteSteps(PATH, fuzzHost(PATH, source), false);
    expect(graphs).toHaveLength(1);
    expect(graphs[0][0].nodes().some((n) => n.op === "check_index")).toBe(true);
    for (const [g, env] of graphs) for (const target of TARGETS) crossCheck(g, env, target, tally);
    expect(tally.decided).toBeGreaterThan(0);
  });

  it("on generated programs", () => {
    const tally = { candidates: 0, decided: 0 };
    const PATH = "/fuzz/case.dlnet";
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { source } = generate(seed);
      for (const [g, env] of concreteSteps(PATH, fuzzHost(PATH, source), true))
        for (const target of TARGETS) crossCheck(g, env, target, tally);
    }
    expect(tally.decided).toBeGreaterThan(0);
  }, 60_000 + SEEDS * 5_000);
});
