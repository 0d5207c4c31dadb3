// Compile time of each example's training step, stage by stage, warm (as
// bench part `compile`, lavapipe's target), with CPU time next to wall time:
// on a shared machine CPU time is the steadier figure. For profiles:
//   node bin/run-ts.js scripts/compile-time.ts [EXAMPLE-PREFIX]
//   node --cpu-prof bin/run-ts.js scripts/compile-time.ts resnet --loop 8
// (--loop SECONDS: only compiles the example's step over and over.)
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "../src/compiler/check/index";
import { specialize } from "../src/compiler/ir/graph";
import { buildTrainStep } from "../src/compiler/train-graph/train-step";
import { compileProgram, DEFAULT_TARGET, type WebGpuTarget } from "../src/compiler/codegen/wgsl/pipeline";
import { diskHost, EXAMPLES_DIR } from "../bench/lib/models";
import { timeSync } from "../bench/lib/common";

const TARGET: WebGpuTarget = { ...DEFAULT_TARGET, maxStorageBuffers: 16, strategy: "cpu" };
const only = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "";
const loop = process.argv.indexOf("--loop");
const ms = (t: { ms: number; cpuMs: number }) => `${t.ms.toFixed(2)} (cpu ${t.cpuMs.toFixed(2)})`;
for (const f of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".dlnet")).sort()) {
  if (!f.startsWith(only)) continue;
  const path = join(EXAMPLES_DIR, f);
  const r = checkFile(path, diskHost);
  if (!r.trains.length) continue;
  const spec = r.elaborateTrain(r.trains[0])!;
  const t = buildTrainStep(spec);
  const env = { [t.forward.batchDim]: spec.batch };
  if (specialize(t.step, env).nodes().some((n) => n.shape.some((d) => typeof d !== "number"))) continue;
  if (loop >= 0) {
    const end = performance.now() + 1000 * Number(process.argv[loop + 1] ?? 8);
    while (performance.now() < end) compileProgram(t.step, env, TARGET);
    continue;
  }
  const check = timeSync(() => checkFile(path, diskHost), { budgetMs: 300 });
  const lower = timeSync(() => buildTrainStep(spec), { budgetMs: 300 });
  const wgsl = timeSync(() => compileProgram(t.step, env, TARGET), { budgetMs: 600, warmup: 2, minReps: 3 });
  const total = { ms: check.ms + lower.ms + wgsl.ms, cpuMs: check.cpuMs + lower.cpuMs + wgsl.cpuMs };
  console.log(`${f.padEnd(24)} check ${ms(check)}  lower+autodiff ${ms(lower)}  WGSL ${ms(wgsl)}  total ${ms(total)}`);
}
