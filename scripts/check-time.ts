// Times the check of bench's generated 2,000-line file (bench part `compile`'s
// figure) from text, its parse alone, and the check with the parse cached:
//   node bin/run-ts.js scripts/check-time.ts
//   node --cpu-prof bin/run-ts.js scripts/check-time.ts --loop 8 [check|parse]
// and the bytes one check (or parse) allocates, as the growth of the heap over
// a run the young generation is made large enough to hold (no GC during it):
//   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 bin/run-ts.js scripts/check-time.ts --bytes [check|parse]
import { getHeapStatistics } from "node:v8";
import { PerformanceObserver } from "node:perf_hooks";
import { checkFile, type ParseCache } from "../src/compiler/check/index";
import { parse } from "../src/compiler/syntax/index";
import { SourceFile } from "../src/compiler/source";
import { bigFile } from "../bench/lsp.bench";
import { timeSync } from "../bench/lib/common";
const text = bigFile(2000);
const path = "/bench/big.dlnet";
const host = { readFile: (p: string) => (p === path ? text : undefined) };
const loop = process.argv.indexOf("--loop");
const bytes = process.argv.indexOf("--bytes");
if (bytes >= 0) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("--bytes needs node --expose-gc (and a young generation that holds a check: see the top of this file)");
  const what = process.argv[bytes + 1] ?? "check";
  const f = what === "parse" ? () => parse(new SourceFile(path, text)) : () => checkFile(path, host);
  for (let i = 0; i < 30; i++) f();
  let gcs = 0;
  const obs = new PerformanceObserver((l) => (gcs += l.getEntries().length));
  obs.observe({ entryTypes: ["gc"] });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  const grown: number[] = [];
  for (let r = 0; r < 9; r++) {
    gc();
    await settle();
    const seen = gcs;
    const before = getHeapStatistics().used_heap_size;
    f();
    const after = getHeapStatistics().used_heap_size;
    await settle();
    if (gcs === seen) grown.push(after - before); // a GC during the run would hide what it freed
  }
  obs.disconnect();
  if (!grown.length) throw new Error("every run was interrupted by a GC: give the young generation more room");
  grown.sort((a, b) => a - b);
  const MB = (b: number) => (b / 2 ** 20).toFixed(2);
  console.log(`${what}: ${MB(grown[grown.length >> 1])} MB allocated per run (median of ${grown.length} runs without a GC; min ${MB(grown[0])}, max ${MB(grown[grown.length - 1])})`);
} else if (loop >= 0) {
  const what = process.argv[loop + 2] ?? "check";
  const end = performance.now() + 1000 * Number(process.argv[loop + 1]);
  while (performance.now() < end) what === "parse" ? parse(new SourceFile(path, text)) : checkFile(path, host);
} else {
  const c = timeSync(() => checkFile(path, host), { budgetMs: 2000, warmup: 5 });
  const p = timeSync(() => parse(new SourceFile(path, text)), { budgetMs: 1000, warmup: 5 });
  const parseCache: ParseCache = new Map();
  const cp = timeSync(() => checkFile(path, host, { parseCache }), { budgetMs: 1000, warmup: 5 });
  const f = (t: { ms: number; minMs: number; cpuMs: number }) => `${t.ms.toFixed(2)} ms (best ${t.minMs.toFixed(2)}, cpu ${t.cpuMs.toFixed(2)})`;
  console.log(`check from text ${f(c)}\nparse ${f(p)}\ncheck, parse cached ${f(cp)}`);
}
