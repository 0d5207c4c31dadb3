// Times the check of bench's generated 2,000-line file (bench part `compile`'s
// figure) from text, its parse alone, and the check with the parse cached:
//   node bin/run-ts.js scripts/check-time.ts
//   node --cpu-prof bin/run-ts.js scripts/check-time.ts --loop 8 [check|parse|parsed]
// and the bytes one check (or parse) allocates, as the growth of the heap over
// a run the young generation is made large enough to hold (no GC during it):
//   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 bin/run-ts.js scripts/check-time.ts --bytes [check|parse|parsed]
// and where those bytes are allocated (V8's sampling heap profiler, collected
// objects included), summed by function, self and inclusive, over 20 runs:
//   node bin/run-ts.js scripts/check-time.ts --alloc [check|parse|parsed] [top]
import { Session } from "node:inspector/promises";
import { checkFile, type ParseCache } from "../src/compiler/check/index";
import { parse } from "../src/compiler/syntax/index";
import { SourceFile } from "../src/compiler/source";
import { bigFile } from "../bench/lsp.bench";
import { timeSync } from "../bench/lib/common";
import { heapGrowth } from "../bench/lib/heap";
const text = bigFile(2000);
const path = "/bench/big.dlnet";
const host = { readFile: (p: string) => (p === path ? text : undefined) };
/** What a mode measures: `check` (from text), `parse`, or `parsed` (the check with the parse cached). */
function runner(what: string): () => unknown {
  if (what === "parse") return () => parse(new SourceFile(path, text));
  if (what === "parsed") {
    const parseCache: ParseCache = new Map();
    return () => checkFile(path, host, { parseCache });
  }
  if (what === "check") return () => checkFile(path, host);
  throw new Error(`unknown mode '${what}': check, parse or parsed`);
}
const loop = process.argv.indexOf("--loop");
const bytes = process.argv.indexOf("--bytes");
const alloc = process.argv.indexOf("--alloc");
if (alloc >= 0) {
  const what = process.argv[alloc + 1] ?? "check";
  const top = Number(process.argv[alloc + 2] ?? 40);
  const f = runner(what);
  for (let i = 0; i < 30; i++) f();
  const session = new Session();
  session.connect();
  const runs = 20;
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < runs; i++) f();
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  // A function by name and file; a built-in (Map.prototype.set, Array.prototype.push) by its caller too.
  const nameOf = (n: Node, caller: string) => {
    const file = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src)\//, "$1/");
    const name = n.callFrame.functionName || "(anonymous)";
    return file ? `${name} ${file}` : `${name} ← ${caller}`;
  };
  let total = 0;
  const walk = (n: Node, onStack: Set<string>, caller = ""): number => {
    const name = nameOf(n, caller);
    self.set(name, (self.get(name) ?? 0) + n.selfSize);
    total += n.selfSize;
    const fresh = !onStack.has(name);
    if (fresh) onStack.add(name);
    let sum = n.selfSize;
    for (const c of n.children) sum += walk(c, onStack, n.callFrame.url ? name : caller);
    if (fresh) {
      onStack.delete(name);
      incl.set(name, (incl.get(name) ?? 0) + sum);
    }
    return sum;
  };
  walk(profile.head as Node, new Set());
  const MB = (b: number) => (b / runs / 2 ** 20).toFixed(2);
  const pct = (b: number) => ((100 * b) / total).toFixed(1).padStart(5);
  const list = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${pct(v)}% ${MB(v).padStart(6)} MB  ${k}`).join("\n");
  console.log(`${what}: ${MB(total)} MB sampled per run\n-- self\n${list(self)}\n-- inclusive\n${list(incl)}`);
} else if (bytes >= 0) {
  const what = process.argv[bytes + 1] ?? "check";
  const f = runner(what);
  const grown = (await heapGrowth(() => f(), { what: "a check", warmup: 30, total: what })).get(what)!;
  const MB = (b: number) => (b / 2 ** 20).toFixed(2);
  console.log(`${what}: ${MB(grown[grown.length >> 1])} MB allocated per run (median of ${grown.length} runs without a GC; min ${MB(grown[0])}, max ${MB(grown[grown.length - 1])})`);
} else if (loop >= 0) {
  const what = process.argv[loop + 2] ?? "check";
  const end = performance.now() + 1000 * Number(process.argv[loop + 1]);
  const f = runner(what);
  while (performance.now() < end) f();
} else {
  const c = timeSync(() => checkFile(path, host), { budgetMs: 2000, warmup: 5 });
  const p = timeSync(() => parse(new SourceFile(path, text)), { budgetMs: 1000, warmup: 5 });
  const parseCache: ParseCache = new Map();
  const cp = timeSync(() => checkFile(path, host, { parseCache }), { budgetMs: 1000, warmup: 5 });
  const f = (t: { ms: number; minMs: number; cpuMs: number }) => `${t.ms.toFixed(2)} ms (best ${t.minMs.toFixed(2)}, cpu ${t.cpuMs.toFixed(2)})`;
  console.log(`check from text ${f(c)}\nparse ${f(p)}\ncheck, parse cached ${f(cp)}`);
}
