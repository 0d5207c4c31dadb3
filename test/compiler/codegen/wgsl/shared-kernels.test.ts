// Kernels are generated once per group structure (shared-kernels.ts) and
// rebound to each group's nodes. The oracle is the code generator itself:
// in every example's training step and in generated programs
// (test/fuzz/generate.ts), on both GEMM strategies, every kernel of the
// compiled program must be exactly what generating its group afresh gives:
// the same WGSL, dispatch, parameters and bindings, bound to the same nodes.
// CPU only (no GPU). More generated programs: DLNET_SHARED_SEEDS=300.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as b from "../../../../src/compiler/ir/builder";
import { GraphBuilder } from "../../../../src/compiler/ir/builder";
import type { Graph } from "../../../../src/compiler/ir/graph";
import type { KernelGroup } from "../../../../src/compiler/codegen/wgsl/fusion";
import { groupKernel, type GroupKernel } from "../../../../src/compiler/codegen/wgsl/group-kernels";
import { groupStructure, StructureCodes } from "../../../../src/compiler/codegen/wgsl/shared-kernels";
import {
  compileProgram,
  DEFAULT_TARGET,
  isLoop,
  type WebGpuProgram,
  type WebGpuTarget,
} from "../../../../src/compiler/codegen/wgsl/pipeline";
import { concreteSteps } from "./concrete-steps";
import { generate } from "../../../fuzz/generate";
import { fuzzHost } from "../../../fuzz/data";
import { ROOT } from "../../syntax/baseline";
import { diskHost } from "../../check/helpers";

const TARGETS: WebGpuTarget[] = [{ ...DEFAULT_TARGET, maxStorageBuffers: 16, strategy: "cpu" }, DEFAULT_TARGET];
const SEEDS = Number(process.env.DLNET_SHARED_SEEDS ?? 10);

const ids = (ns: readonly { id: number }[]) => ns.map((n) => n.id);

/**
 * Checks every kernel of `graph`'s program (and of its loops' bodies) against
 * its group generated afresh; returns how many kernels were an earlier one's.
 */
function crossCheck(graph: Graph, env: Record<string, number>, target: WebGpuTarget): number {
  const codegen = { strategy: target.strategy, tileLimits: target.tileLimits, maxPerDim: target.maxWorkgroupsPerDimension };
  const check = (p: WebGpuProgram): number => {
    let shared = 0;
    const seen = new Set<GroupKernel["kernel"]>();
    p.plan.groups.forEach((group, i) => {
      const step = p.steps[i];
      if (isLoop(step)) {
        shared += check(step.loop.body);
        return;
      }
      if (seen.has(step.kernel)) shared++;
      seen.add(step.kernel);
      const fresh = groupKernel(group, codegen);
      const what = `${step.kernel.name} (kernel ${i + 1})`;
      expect(step.kernel.wgsl, what).toBe(fresh.kernel.wgsl);
      expect(step.kernel.name, what).toBe(fresh.kernel.name);
      expect(step.kernel.workgroups, what).toEqual(fresh.kernel.workgroups);
      expect(step.kernel.params, what).toEqual(fresh.kernel.params);
      expect(step.kernel.bindings, what).toEqual(fresh.kernel.bindings);
      expect(ids(step.reads), `${what} reads`).toEqual(ids(fresh.reads));
      expect(ids(step.writes), `${what} writes`).toEqual(ids(fresh.writes));
    });
    return shared;
  };
  return check(compileProgram(graph, env, target));
}

describe("kernels shared between groups of one structure", () => {
  it("are the kernels each group generates, on every example's training step", () => {
    const host = diskHost();
    const dir = join(ROOT, "examples");
    const shared = new Map<string, number>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".dlnet")).sort())
      for (const [g, env] of concreteSteps(join(dir, f), host, false))
        for (const target of TARGETS) shared.set(`${f} ${target.strategy}`, crossCheck(g, env, target));
    // Repeated blocks share: resnet's residual blocks, the transformers' layers.
    expect(shared.get("resnet.dlnet cpu")).toBeGreaterThanOrEqual(20);
    expect(shared.get("tiny_gpt.dlnet cpu")).toBeGreaterThanOrEqual(10);
  });

  it("are the kernels each group generates, on generated programs", () => {
    const PATH = "/fuzz/case.dlnet";
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { source } = generate(seed);
      for (const [g, env] of concreteSteps(PATH, fuzzHost(PATH, source), true))
        for (const target of TARGETS) crossCheck(g, env, target);
    }
  }, 60_000 + SEEDS * 5_000);

  it("tells apart groups that differ in an attribute, a shape, a dtype or their wiring", () => {
    const gb = new GraphBuilder();
    const x = gb.input("x", "f32", [4, 8]);
    const y = gb.input("y", "f32", [4, 8]);
    const z = gb.input("z", "f32", [4, 6]);
    const group = (outputs: ReturnType<typeof b.add>[]): KernelGroup => {
      const members = new Set<(typeof outputs)[number]>();
      const walk = (n: (typeof outputs)[number]) => {
        if (n.op === "input" || members.has(n)) return;
        members.add(n);
        n.inputs.forEach(walk);
      };
      outputs.forEach(walk);
      return { id: 0, kind: "elementwise", stages: [], shape: [...outputs[0].shape] as number[], axes: [], members, outputs, loadPosition: new Set() };
    };
    const codes = new StructureCodes();
    const sig = (g: KernelGroup) => groupStructure(g, codes).sig.join(",");
    const base = sig(group([b.mul(b.add(x, 1), x)]));
    // The same structure over other inputs.
    expect(sig(group([b.mul(b.add(y, 1), y)]))).toBe(base);
    // Another constant, another op, another input's shape, other wiring (y where x was read twice).
    expect(sig(group([b.mul(b.add(x, 2), x)]))).not.toBe(base);
    expect(sig(group([b.sub(b.add(x, 1), x)]))).not.toBe(base);
    expect(sig(group([b.mul(b.add(x, 1), y)]))).not.toBe(base);
    expect(sig(group([b.mul(b.add(z, 1), z)]))).not.toBe(base);
    expect(sig(group([b.cast(b.mul(b.add(x, 1), x), "i32")]))).not.toBe(sig(group([b.cast(b.mul(b.add(x, 1), x), "bool")])));
  });
});
