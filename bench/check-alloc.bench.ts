// What one analysis of the 1 MB file (bench/lib/big-file.ts) allocates, as
// the language server runs it on open (parse and check, fresh caches, after
// one warm-up analysis): V8's sampling heap profiler with the objects minor
// and major GCs collected counted too, so the total is the allocation volume
// the garbage collector works through (a third of the open's CPU). Prints the
// total, the top allocating functions, and the CPU time of the analysis.
//
//   node bin/run-ts.js bench/check-alloc.bench.ts

import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { memoryHost } from "../src/compiler/check/program";
import { analyze } from "../src/lsp/analysis";
import { bigFile } from "./lib/big-file";

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const { text } = bigFile();
const host = memoryHost({ "/w/big.dlnet": text });
analyze("/w/big.dlnet", text, host, new Map(), new WeakMap());
const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
await session.post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
const c0 = process.cpuUsage();
const a = analyze("/w/big.dlnet", text, host, new Map(), new WeakMap());
const cpu = process.cpuUsage(c0);
const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as { profile: { head: ProfileNode } };
session.disconnect();

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const visit = (n: ProfileNode, above: ReadonlySet<string>) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const name = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber + 1}`;
  self.set(name, (self.get(name) ?? 0) + n.selfSize);
  const here = new Set(above).add(name);
  for (const f of here) inclusive.set(f, (inclusive.get(f) ?? 0) + n.selfSize);
  for (const c of n.children) visit(c, here);
};
visit(profile.head, new Set());
const MB = (b: number) => +(b / 2 ** 20).toFixed(1);
const top = (m: Map<string, number>, k: number) => Object.fromEntries([...m].sort((x, y) => y[1] - x[1]).slice(0, k).map(([f, b]) => [f, MB(b)]));
const total = [...self.values()].reduce((x, y) => x + y, 0);
console.log(
  JSON.stringify(
    {
      bytes: text.length,
      diagnostics: a.diagnostics.length,
      allocatedMB: MB(total),
      analyzeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      loadAverage: loadavg().map((x) => +x.toFixed(1)),
      selfMB: top(self, 15),
      inclusiveMB: top(inclusive, 25),
    },
    null,
    2,
  ),
);
