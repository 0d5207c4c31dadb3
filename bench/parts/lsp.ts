// Part 6: the language server's latency (bench/lsp.bench.ts, which spawns the
// server itself), run as a child process so its own timing is undisturbed by
// this process's Dawn devices; its JSON report is kept as it is.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { BENCH_DIR, log, ROOT, type Options } from "../lib/common";

export async function lspBench(opts: Options): Promise<Record<string, unknown>> {
  log("lsp: bench/lsp.bench.ts");
  const args = [join(ROOT, "bin", "run-ts.js"), join(BENCH_DIR, "lsp.bench.ts"), "--edits", opts.quick ? "5" : "20"];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`lsp.bench.ts exited with ${code}`))));
  });
  const start = out.indexOf("{");
  return JSON.parse(out.slice(start));
}
