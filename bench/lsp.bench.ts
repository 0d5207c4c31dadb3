// Language-server latency on a 2,000-line file, as an editor sees it: the
// server is spawned (`dlnet lsp --stdio`), the file opened, then keystrokes
// are sent one at a time (typing in one declaration, moving elsewhere every
// 10; each changes the text's length, so later declarations move), and the
// time from each didChange to its publishDiagnostics is measured (this
// includes the debounce). Also the
// in-process cost of the work behind it, after warm-up, as CPU and wall time
// (the machine may be shared: CPU time is the steadier figure): a full parse,
// the re-parse after an edit, the checker, the whole analysis after an edit,
// the conversion to LSP diagnostics, semantic tokens, formatting.
//
//   node bin/run-ts.js bench/lsp.bench.ts [--edits N]

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkFile, type LayerCheckCache, type ParseCache } from "../src/compiler/check/index";
import { SourceFile } from "../src/compiler/source";
import { parse } from "../src/compiler/syntax/index";
import { analyze } from "../src/lsp/analysis";
import { toLspDiagnostics } from "../src/lsp/features/diagnostics";
import { semanticTokens } from "../src/lsp/features/semantic-tokens";
import { format } from "../src/format/index";
import { DIAGNOSTICS_DELAY_MS } from "../src/lsp/server";
import { TestClient } from "../test/lsp/client";

/** A realistic file of `lines` lines: many residual blocks, a model stacking them, a train block. */
export function bigFile(lines: number): string {
  const out: string[] = ["// generated for bench/lsp.bench.ts", ""];
  let i = 0;
  while (out.length < lines - 20) {
    out.push(
      `layer Block${i}(d: int, p: float = 0.1) {`,
      "  input x: f32[B, T, d]",
      "  // pre-norm attention, then a feed-forward layer",
      "  a = x -> LayerNorm -> MultiHeadAttention(heads: 4, causal: true)",
      "  h = x + Dropout(p)(a)",
      `  f = h -> LayerNorm -> Linear(4 * d) -> GELU -> Linear(d)`,
      "  output y = h + f",
      "}",
      "",
    );
    i++;
  }
  const stages = Array.from({ length: Math.min(i, 12) }, (_, k) => `    -> Block${k}(128)`);
  out.push(
    "model Big(vocab: int = 96, ctx: int = 64) {",
    "  input tokens: i32[batch, ctx]",
    "  output logits = (tokens -> Embedding(vocab, 128)) + PositionalEmbedding(ctx, 128)",
    ...stages,
    "    -> LayerNorm",
    "    -> Linear(vocab)",
    "}",
    "",
  );
  return out.join("\n");
}

type Stats = { median: number; p90: number; min: number; max: number };

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return { median: +q(0.5).toFixed(1), p90: +q(0.9).toFixed(1), min: +s[0].toFixed(1), max: +s[s.length - 1].toFixed(1) };
}

/** Median wall and CPU milliseconds of `f` over `n` runs after `warm` unmeasured ones. */
function time(f: (k: number) => unknown, n: number, warm = 5): { wallMs: number; cpuMs: number } {
  for (let k = 0; k < warm; k++) f(k);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    f(warm + k);
    const d = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wallMs: stats(wall).median, cpuMs: stats(cpu).median };
}

/** CPU milliseconds a process has used so far (Linux /proc; undefined elsewhere). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/**
 * The text after the k-th keystroke of a typing session: in one declaration's
 * feed-forward width, `Linear(4 * d + 1…1)` gains a digit per keystroke
 * (so the declarations after it move each time); every 10 keystrokes the
 * typing moves to another declaration, spread over the file.
 */
export function editOf(text: string, k: number): string {
  const needle = "Linear(4 * d)";
  const count = text.split(needle).length - 1;
  const nth = (Math.floor(k / 10) * 37) % count;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  return text.slice(0, at) + `Linear(4 * d + ${"1".repeat(1 + (k % 10))})` + text.slice(at + needle.length);
}

async function main(): Promise<void> {
  const editsArg = process.argv.indexOf("--edits");
  const edits = editsArg > 0 ? Number(process.argv[editsArg + 1]) : 40;
  const text = bigFile(2000);
  const lineCount = text.split("\n").length;
  const dir = mkdtempSync(join(tmpdir(), "dlnet-bench-"));
  const path = join(dir, "big.dlnet");
  writeFileSync(path, text);
  const load = loadavg().map((x) => +x.toFixed(1));

  // In process, what the server does per edit, and its parts.
  const host = { readFile: (p: string) => (p === path ? text : undefined) };
  const file = new SourceFile(path, text);
  const full = parse(file);
  /** The parse an edit starts from in the server: the previous one, made incrementally. */
  const base = parse(file, full);
  const cache: ParseCache = new Map();
  const layerCache: LayerCheckCache = new WeakMap();
  const analysis = analyze(path, text, host, cache, layerCache);
  const inProcess = {
    parseFull: time(() => parse(new SourceFile(path, text)), 15),
    reparseAfterEdit: time((k) => parse(new SourceFile(path, editOf(text, k)), base), 30),
    checkParsed: time(() => checkFile(path, host, { parseCache: cache }), 15),
    analyzeAfterEdit: time((k) => analyze(path, editOf(text, k), host, cache, layerCache), 30),
    toLspDiagnostics: time(() => toLspDiagnostics(analysis), 30),
    semanticTokens: time(() => semanticTokens(analysis), 10),
    format: time(() => format(text, path), 5, 2),
  };

  const client = new TestClient();
  const latencies: number[] = [];
  let startMs = 0;
  let openMs = 0;
  let published = 0;
  let serverCpuPerEditMs: number | undefined;
  try {
    let t = performance.now();
    await client.initialize(dir);
    startMs = performance.now() - t;
    t = performance.now();
    const first = client.diagnostics(path.startsWith("/") ? `file://${path}` : path);
    const uri = await client.open(path, text);
    published = (await first).length;
    openMs = performance.now() - t;
    // Warm-up edits, then the measured ones; each waits for its diagnostics.
    let cpuBefore: number | undefined;
    for (let k = 0; k < edits + 5; k++) {
      if (k === 5) cpuBefore = processCpuMs(client.proc.pid);
      const edited = editOf(text, k);
      t = performance.now();
      const got = client.diagnostics(uri);
      await client.change(uri, edited);
      await got;
      if (k >= 5) latencies.push(performance.now() - t);
    }
    const cpuAfter = processCpuMs(client.proc.pid);
    if (cpuBefore !== undefined && cpuAfter !== undefined) serverCpuPerEditMs = +((cpuAfter - cpuBefore) / edits).toFixed(1);
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const result = {
    bench: "lsp",
    loadAverage: load,
    file: { lines: lineCount, chars: text.length, declarations: full.program.decls.length, diagnosticsPublished: published },
    debounceMs: DIAGNOSTICS_DELAY_MS,
    serverStartMs: +startMs.toFixed(0),
    openToDiagnosticsMs: +openMs.toFixed(0),
    editToDiagnosticsMs: stats(latencies),
    /** The server process's CPU time per edit (receive, analyse, convert, send): the figure the machine's load does not inflate much. */
    serverCpuPerEditMs,
    inProcess,
  };
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1]?.endsWith("lsp.bench.ts")) await main();
