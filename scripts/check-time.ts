// Times the check of bench's generated 2,000-line file (bench part `compile`'s
// figure) from text, its parse alone, and the check with the parse cached:
//   node bin/run-ts.js scripts/check-time.ts
//   node --cpu-prof bin/run-ts.js scripts/check-time.ts --loop 8 [check|parse]
import { checkFile, type ParseCache } from "../src/compiler/check/index";
import { parse } from "../src/compiler/syntax/index";
import { SourceFile } from "../src/compiler/source";
import { bigFile } from "../bench/lsp.bench";
import { timeSync } from "../bench/lib/common";
const text = bigFile(2000);
const path = "/bench/big.dlnet";
const host = { readFile: (p: string) => (p === path ? text : undefined) };
const loop = process.argv.indexOf("--loop");
if (loop >= 0) {
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
