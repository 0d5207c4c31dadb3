// Dumps the WGSL kernel plan (every kernel's WGSL, bindings, reads and writes,
// and the plan's groups) of every example's training step and of generated
// programs (test/fuzz/generate.ts), for two targets. A refactor of fusion or
// codegen that must not change any kernel shows an identical digest before
// and after:
//   node bin/run-ts.js scripts/plan-dump.ts [--seeds N] [--out FILE]
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "../src/compiler/check/index";
import { specialize, type Graph } from "../src/compiler/ir/graph";
import { buildTrainStep } from "../src/compiler/train-graph/train-step";
import { lowerModel } from "../src/compiler/lower/index";
import { compileProgram, DEFAULT_TARGET, isLoop, type WebGpuProgram, type WebGpuTarget } from "../src/compiler/codegen/wgsl/pipeline";
import { diskHost, EXAMPLES_DIR } from "../bench/lib/models";
import { generate } from "../test/fuzz/generate";
import { fuzzHost } from "../test/fuzz/data";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : d;
};
const seeds = Number(arg("--seeds", "40"));
const out = arg("--out", "");

const TARGETS: [string, WebGpuTarget][] = [
  ["cpu16", { ...DEFAULT_TARGET, maxStorageBuffers: 16, strategy: "cpu" }],
  ["tiled8", DEFAULT_TARGET],
];

function describe(p: WebGpuProgram): string {
  const lines: string[] = [];
  for (const s of p.steps) {
    if (isLoop(s)) {
      lines.push(`loop {`, describe(s.loop.body), `}`);
      continue;
    }
    const k = s.kernel;
    lines.push(
      `kernel ${k.name} wg=${k.workgroups} params=${k.params ?? ""} reads=${s.reads.map((n) => n.id)} writes=${s.writes.map((n) => n.id)}`,
      k.wgsl,
    );
  }
  return lines.join("\n");
}

const report: string[] = [];
const digest = createHash("sha256");
function one(name: string, g: Graph, env: Record<string, number>) {
  for (const [tname, t] of TARGETS) {
    let text: string;
    try {
      text = describe(compileProgram(g, env, t));
    } catch (e) {
      text = `error: ${(e as Error).message}`;
    }
    const h = createHash("sha256").update(text).digest("hex").slice(0, 16);
    digest.update(`${name}/${tname}\n${text}\n`);
    report.push(`${name} ${tname} ${h} kernels=${(text.match(/^kernel /gm) ?? []).length}`);
  }
}

for (const f of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".dlnet")).sort()) {
  const r = checkFile(join(EXAMPLES_DIR, f), diskHost);
  if (!r.trains.length) continue;
  const spec = r.elaborateTrain(r.trains[0])!;
  const t = buildTrainStep(spec);
  const env = { [t.forward.batchDim]: spec.batch };
  if (specialize(t.step, env).nodes().some((n) => n.shape.some((d) => typeof d !== "number"))) continue;
  one(`${f}:step`, t.step, env);
}
const PATH = "/fuzz/case.dlnet";
for (let seed = 1; seed <= seeds; seed++) {
  const { source } = generate(seed);
  try {
    const r = checkFile(PATH, fuzzHost(PATH, source));
    if (r.diagnostics.some((d) => d.severity === "error")) {
      report.push(`seed ${seed} rejected`);
      continue;
    }
    const spec = r.elaborateTrain(r.trains[0])!;
    const t = buildTrainStep(spec);
    const env = { [t.forward.batchDim]: spec.batch };
    if (specialize(t.step, env).nodes().some((n) => n.shape.some((d) => typeof d !== "number"))) {
      report.push(`seed ${seed} symbolic`);
      continue;
    }
    one(`seed${seed}:step`, t.step, env);
    const ev = lowerModel(spec.model, { mode: "eval" });
    if (!ev.diagnostics.length) one(`seed${seed}:eval`, ev.graph, env);
  } catch (e) {
    report.push(`seed ${seed} failed: ${(e as Error).message.split("\n")[0]}`);
  }
}
report.push(`digest ${digest.digest("hex")}`);
if (out) writeFileSync(out, report.join("\n") + "\n");
console.log(report.slice(-1)[0], `(${report.length - 1} rows)`);
