// `dlnet compile --emit wgsl`: every kernel of a compiled graph, in dispatch
// order, each under a comment naming the IR ops it fused (numbered as in the
// IR text of the specialized, expanded graph), what it reads and writes, and
// its dispatch size. A kernel whose WGSL an earlier kernel has (a repeated
// block's) names that kernel instead of repeating the text: one pipeline.

import type { Graph } from "../../ir/graph";
import type { Node } from "../../ir/node";
import { showType, type DimEnv } from "../../ir/types";
import {
  allKernels,
  compileProgram,
  DEFAULT_TARGET,
  isLoop,
  type WebGpuProgram,
  type WebGpuTarget,
} from "./pipeline";

export interface EmitWgslOptions {
  /** Values for symbolic dims (`{batch: 64}`); kernels are generated for concrete shapes. */
  env?: DimEnv;
  target?: Partial<WebGpuTarget>;
}

export function emitWgsl(graph: Graph, opts: EmitWgslOptions = {}): string {
  const target = { ...DEFAULT_TARGET, ...opts.target };
  return printProgram(compileProgram(graph, opts.env ?? {}, target), target);
}

export function printProgram(program: WebGpuProgram, target: WebGpuTarget): string {
  const total = allKernels(program).length;
  const loops = total - program.kernels.length;
  return [
    `// ${total} kernel${total === 1 ? "" : "s"}${loops ? ` (${loops} in time loops, run once per step)` : ""}, dispatched in this order as one submission.`,
    ...(program.refresh.size
      ? [
          `// ${program.refresh.size} of them compute values fixed between parameter writes (from parameters and constants alone): they run first, on the first run and after a parameter is written.`,
        ]
      : []),
    `// Target: ${target.strategy} GEMM, ${target.maxStorageBuffers} storage buffers per kernel.`,
    `// Buffers: ${program.memory.transientBytes} bytes transient (reused by liveness), ${program.memory.persistentBytes} bytes persistent.`,
    "",
    ...printSteps(program, ""),
  ].join("\n");
}

/** The steps of a program; a loop's body follows it, its kernels numbered within the loop (`3.1`). */
function printSteps(program: WebGpuProgram, prefix: string, firstWith = new Map<string, string>()): string[] {
  const g = program.graph;
  const ids = new Map<Node, number>();
  for (const n of g.nodes()) ids.set(n, ids.size);
  const inputs = new Map(g.inputs.map((i) => [i.node, i.name]));
  const outputs = new Map<Node, string[]>();
  for (const o of g.outputs) outputs.set(o.node, [...(outputs.get(o.node) ?? []), o.name]);
  const label = (n: Node) => {
    const named = inputs.get(n) ?? outputs.get(n)?.join(", ");
    return `%${ids.get(n)}${named ? ` "${named}"` : ""} ${showType(n)}`;
  };
  const total = program.steps.length;
  const out: string[] = [];
  program.steps.forEach((k, i) => {
    const num = `${prefix}${i + 1}/${total}`;
    const io = [...k.reads.map((n, j) => `// t${j} = ${label(n)}`), ...k.writes.map((n, j) => `// o${j} = ${label(n)}`)];
    if (isLoop(k)) {
      const l = k.loop;
      out.push(
        `// ---- loop ${num}: %${ids.get(k.writes[0])} scan, ${l.steps} steps${l.reverse ? " (last to first)" : ""} of ${l.body.steps.length} kernels;`,
        `// each step: state = t0 (first) or next, x = t1[t], body, o0[t] = next; c0, c1, ... = t2, t3, ...`,
        ...io,
        "",
        ...printSteps(l.body, `${prefix}${i + 1}.`, firstWith),
      );
      return;
    }
    const grp = program.plan.groups[i];
    const fused = [...grp.members]
      .filter((n) => n.op !== "const")
      .sort((a, b) => ids.get(a)! - ids.get(b)!)
      .map((n) => `%${ids.get(n)} ${n.op}`);
    const wrap = (head: string, items: string[]) => {
      const lines: string[] = [];
      let line = head;
      for (const it of items) {
        if (line.length + it.length > 100 && line !== head) {
          lines.push(line.trimEnd().replace(/,$/, ","));
          line = "//   ";
        }
        line += `${it}, `;
      }
      lines.push(line.replace(/, $/, ""));
      return lines;
    };
    const same = firstWith.get(k.kernel.wgsl);
    if (same === undefined) firstWith.set(k.kernel.wgsl, num);
    out.push(
      `// ---- kernel ${num}: ${k.kernel.name}, workgroups ${k.kernel.workgroups.join("x")}${program.refresh.has(i) ? " (when parameters change)" : ""}`,
      ...wrap("// fuses: ", fused),
      ...io,
      same === undefined ? k.kernel.wgsl.trimEnd() : `// WGSL: kernel ${same}'s (the same pipeline, other buffers)`,
      "",
    );
  });
  return out;
}
