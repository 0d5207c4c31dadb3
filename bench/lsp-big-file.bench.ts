// The language server on a 1 MB file (issue 16's memory target: under
// 300 MB, open under 1 s): ~8,900 small layers and a model, opened in a
// spawned `dlnet lsp --stdio`; prints the time from didOpen to the first
// diagnostics, the server's CPU time over the same interval (steadier than
// the wall time on a shared machine) and its resident memory (peak) from
// /proc (Linux), with the load average.
//
//   node bin/run-ts.js bench/lsp-big-file.bench.ts
//
// DLNET_BENCH_SERVER_FLAGS: extra node flags for the server, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof" or "--trace-gc" (printed on its stderr,
// shown at the end).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TestClient } from "../test/lsp/client";
import { bigFile } from "./lib/big-file";

/** CPU milliseconds (user + system) process `pid` has used so far, from /proc. */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000; // clock ticks of 10 ms
}

const dir = mkdtempSync(join(tmpdir(), "dlnet-bigfile-"));
const { text, layers } = bigFile();
const path = join(dir, "big.dlnet");
writeFileSync(path, text);

const flags = (process.env.DLNET_BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean);
const client = new TestClient([...flags, fileURLToPath(new URL("../bin/dlnet.js", import.meta.url)), "lsp", "--stdio"]);
try {
  await client.initialize(dir);
  const cpu0 = cpuMs(client.proc.pid);
  const t0 = performance.now();
  const first = client.diagnostics(pathToFileURL(path).href, () => true, 120_000);
  await client.open(path, text);
  await first;
  const openMs = performance.now() - t0;
  const openCpuMs = cpuMs(client.proc.pid) - cpu0;
  const status = readFileSync(`/proc/${client.proc.pid}/status`, "utf8");
  const kB = (k: string) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? NaN);
  console.log(JSON.stringify({ bytes: text.length, layers, openToDiagnosticsMs: Math.round(openMs), openCpuMs: Math.round(openCpuMs), rssMB: Math.round(kB("VmRSS") / 1024), peakRssMB: Math.round(kB("VmHWM") / 1024), loadAverage: loadavg().map((x) => +x.toFixed(1)) }));
} finally {
  await client.close();
  if (flags.length > 0 && client.stderr) console.log(client.stderr);
  rmSync(dir, { recursive: true, force: true });
}
