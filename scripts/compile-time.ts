// Compile time of each example's training step, stage by stage, warm (as
// bench part `compile`, lavapipe's target), with CPU time next to wall time:
// on a shared machine CPU time is the steadier figure. For profiles:
//   node bin/run-ts.js scripts/compile-time.ts [EXAMPLE-PREFIX]
//   node --cpu-prof bin/run-ts.js scripts/compile-time.ts resnet --loop 8
// (--loop SECONDS: only compiles the example's step over and over.)
//   node bin/run-ts.js scripts/compile-time.ts resnet --passes 40
// (--passes N: CPU ms of lower + autodiff and of each WGSL pass, best/median
// of N compiles after 5 warm-up ones: what to compare between two checkouts
// on a loaded machine, runs interleaved.)
//   node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 bin/run-ts.js scripts/compile-time.ts resnet --bytes
// (--bytes: MB each WGSL pass allocates, as the heap's growth over a compile
// the young generation holds without a GC, median of the runs that had none.)
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "../src/compiler/check/index";
import { specialize } from "../src/compiler/ir/graph";
import { buildTrainStep } from "../src/compiler/train-graph/train-step";
import { compileProgram, DEFAULT_TARGET, type WebGpuTarget } from "../src/compiler/codegen/wgsl/pipeline";
import { diskHost, EXAMPLES_DIR } from "../bench/lib/models";
import { timeSync } from "../bench/lib/common";
import { heapGrowth } from "../bench/lib/heap";

const TARGET: WebGpuTarget = { ...DEFAULT_TARGET, maxStorageBuffers: 16, strategy: "cpu" };
const only = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "";
const loop = process.argv.indexOf("--loop");
const passes = process.argv.indexOf("--passes");
const bytes = process.argv.includes("--bytes");
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
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
  if (passes >= 0) {
    const n = Number(process.argv[passes + 1] ?? 40);
    const per = new Map<string, number[]>();
    const add = (k: string, v: number) => (per.get(k) ?? per.set(k, []).get(k)!).push(v);
    for (let rep = 0; rep < n + 5; rep++) {
      const t0 = cpu();
      buildTrainStep(spec);
      const t1 = cpu();
      let last = t1;
      compileProgram(t.step, env, TARGET, (pass) => {
        const now = cpu();
        if (rep >= 5) add(pass, now - last);
        last = now;
      });
      if (rep >= 5) {
        add("lower+autodiff", t1 - t0);
        add("WGSL", cpu() - t1);
      }
    }
    const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))].toFixed(2);
    console.log(`${f.padEnd(24)} CPU ms best/median of ${n}: ${[...per].map(([k, v]) => `${k} ${at(v, 0)}/${at(v, 0.5)}`).join("  ")}`);
    continue;
  }
  if (bytes) {
    const per = await heapGrowth((mark) => compileProgram(t.step, env, TARGET, mark), { what: "a compile", warmup: 10, total: "WGSL" });
    const MB = (xs: number[]) => (xs[xs.length >> 1] / 2 ** 20).toFixed(2);
    console.log(`${f.padEnd(24)} MB allocated, median of ${per.get("WGSL")!.length} runs without a GC: ${[...per].map(([k, v]) => `${k} ${MB(v)}`).join("  ")}`);
    continue;
  }
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
