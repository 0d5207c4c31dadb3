// Language-server latency on a 2,000-line file, as an editor sees it: the
// server is spawned (`dlnet lsp --stdio`), the file opened, then single-
// character edits are sent one at a time and the time from each didChange to
// its publishDiagnostics is measured (this includes the 100 ms debounce).
// Also the in-process cost of the work behind it: analysis (front end),
// semantic tokens, formatting.
//
//   node bin/run-ts.js bench/lsp.bench.ts [--edits N]

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { analyze } from "../src/lsp/analysis";
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

function stats(ms: number[]): { median: number; p90: number; min: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return { median: +q(0.5).toFixed(1), p90: +q(0.9).toFixed(1), min: +s[0].toFixed(1), max: +s[s.length - 1].toFixed(1) };
}

function time<T>(f: () => T, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const editsArg = process.argv.indexOf("--edits");
  const edits = editsArg > 0 ? Number(process.argv[editsArg + 1]) : 20;
  const text = bigFile(2000);
  const lineCount = text.split("\n").length;
  const dir = mkdtempSync(join(tmpdir(), "dlnet-bench-"));
  const path = join(dir, "big.dlnet");
  writeFileSync(path, text);

  const host = { readFile: () => undefined };
  const inProcess = {
    analyze: stats(time(() => analyze(path, text, host), 10)),
    semanticTokens: stats(time(() => semanticTokens(analyze(path, text, host)), 5)),
    format: stats(time(() => format(text, path), 5)),
  };

  const client = new TestClient();
  const latencies: number[] = [];
  try {
    await client.initialize(dir);
    const uri = await client.open(path, text);
    await client.diagnostics(uri);
    // Alternate a harmless edit (a width) so every change yields a fresh analysis.
    for (let k = 0; k < edits; k++) {
      const edited = text.replace("Linear(4 * d)", `Linear(${k % 2 ? 4 : 2} * d)`);
      const t = performance.now();
      const got = client.diagnostics(uri);
      await client.change(uri, edited);
      await got;
      latencies.push(performance.now() - t);
    }
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const result = {
    bench: "lsp",
    file: { lines: lineCount, chars: text.length },
    debounceMs: DIAGNOSTICS_DELAY_MS,
    editToDiagnosticsMs: stats(latencies),
    inProcessMs: inProcess,
  };
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1]?.endsWith("lsp.bench.ts")) await main();
