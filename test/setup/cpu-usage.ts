// Opt-in (DLNET_TEST_CPU=FILE, see vitest.config.ts and docs/testing.md): at
// the end of each test file, appends one JSON line to FILE with the CPU
// seconds its worker process used (user + system), including every child it
// waited for (a spawned `dlnet`, python3, Chromium): the file's CPU cost, which
// unlike wall time hardly depends on what else the machine is running. A
// worker runs file after file (vitest.config.ts: not isolated), so each line
// counts from where the worker's previous file ended (or from its start).
// `node bin/run-ts.js scripts/test-cpu.ts FILE` sums and sorts the lines.

import { appendFileSync, readFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";

/** utime, stime, cutime, cstime of this process in seconds (proc(5): fields 14-17 of /proc/self/stat). */
function cpu(): { self: number; children: number } {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number); // f[0] is field 3 (state)
  const hz = 100; // USER_HZ on Linux
  return { self: (f[11] + f[12]) / hz, children: (f[13] + f[14]) / hz };
}

/** Where this worker's previous test file ended (kept on globalThis: this module may be evaluated once per file). */
const worker = globalThis as { dlnetCpuLast?: { self: number; children: number } };

let start: { self: number; children: number; wall: number };
let before: { self: number; children: number };
beforeAll(() => {
  before = worker.dlnetCpuLast ?? { self: 0, children: 0 };
  start = { ...cpu(), wall: performance.now() };
});

afterAll(({}, suite) => {
  const end = cpu();
  worker.dlnetCpuLast = end;
  const file = ("file" in suite ? suite.file : suite).filepath ?? suite.name;
  appendFileSync(
    process.env.DLNET_TEST_CPU!,
    `${JSON.stringify({
      file: file.replace(`${process.cwd()}/`, ""),
      pid: process.pid,
      // Before beforeAll: the worker's start (first file) and the file's imports (the module graph, Dawn, ...).
      importCpu: +(start.self - before.self).toFixed(2),
      cpu: +(end.self - start.self).toFixed(2),
      childCpu: +(end.children - before.children).toFixed(2),
      wall: +((performance.now() - start.wall) / 1000).toFixed(2),
    })}\n`,
  );
});
