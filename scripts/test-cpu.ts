// Sums the per-file CPU lines that DLNET_TEST_CPU=FILE writes (test/setup/cpu-usage.ts):
//
//   DLNET_TEST_CPU=/tmp/cpu.jsonl CI=true npm test
//   node bin/run-ts.js scripts/test-cpu.ts /tmp/cpu.jsonl [--top N]
//
// Prints the total CPU seconds of the test workers (the vitest main process,
// which transforms the sources, is not in it: time it with /usr/bin/time) and
// the N costliest files (default 30): worker start and imports, the tests'
// own CPU, and the CPU of the processes they spawned.

import { readFileSync } from "node:fs";

interface Line {
  file: string;
  importCpu: number;
  cpu: number;
  childCpu: number;
  wall: number;
}

const args = process.argv.slice(2);
const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 30;
const path = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--top");
if (!path) {
  console.error("usage: node bin/run-ts.js scripts/test-cpu.ts FILE.jsonl [--top N]");
  process.exit(2);
}
const lines: Line[] = readFileSync(path, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const total = (l: Line) => l.importCpu + l.cpu + l.childCpu;
const sum = (f: (l: Line) => number) => lines.reduce((a, l) => a + f(l), 0);
lines.sort((a, b) => total(b) - total(a));
const s = (x: number) => x.toFixed(1).padStart(7);
console.log(`${lines.length} files: ${sum(total).toFixed(1)} s CPU (imports ${sum((l) => l.importCpu).toFixed(1)}, tests ${sum((l) => l.cpu).toFixed(1)}, child processes ${sum((l) => l.childCpu).toFixed(1)}); ${sum((l) => l.wall).toFixed(1)} s wall in tests`);
console.log(`${"total".padStart(7)}${"import".padStart(7)}${"tests".padStart(7)}${"child".padStart(7)}${"wall".padStart(7)}  file`);
for (const l of lines.slice(0, top)) console.log(`${s(total(l))}${s(l.importCpu)}${s(l.cpu)}${s(l.childCpu)}${s(l.wall)}  ${l.file}`);
