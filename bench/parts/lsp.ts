// Part 6: the language server's latency (bench/lsp.bench.ts, which spawns the
// server itself), run as a child process so its own timing is undisturbed by
// this process's Dawn devices; its JSON report is kept as it is.

import { join } from "node:path";
import { BENCH_DIR, childJson, log, type Options } from "../lib/common";

export async function lspBench(opts: Options): Promise<Record<string, unknown>> {
  log("lsp: bench/lsp.bench.ts");
  return childJson(join(BENCH_DIR, "lsp.bench.ts"), ["--edits", opts.quick ? "5" : "20"]);
}
