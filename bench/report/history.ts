// The run history kept in bench/results/latest.json: one line per full or
// partial run (newest last, at most 20) with its headline ratios and how many
// of issue #14's targets it met, so the page shows how much one machine's
// runs move (a run is one sample on a shared machine).

import { judgeTargets } from "./markdown";

export interface HistoryEntry {
  date: string;
  commit?: string;
  /** The machine's CPU model (runs on other CPUs are not comparable). */
  cpu?: string;
  load?: number;
  stepRatios?: Record<string, number | undefined>;
  matmul512VsOrt?: number;
  matmul1024VsOrt?: number;
  /** Batch-256 inference, dlnet / ONNX Runtime, per model. */
  infer256VsOrt?: Record<string, number | undefined>;
  /** The 2,000-line check from text, ms. */
  checkMs?: number;
  /** The slowest example's compile, ms. */
  slowestCompileMs?: number;
  /** Where the check and compiles were measured: a process of their own, or (absent) the bench's. */
  compileProcess?: "child";
  /** Issue #14's targets met, of those measured. */
  targetsMet?: [number, number];
}

/**
 * The headline ratios of every run (newest last, at most 20): on a shared
 * machine one run's ratio is one sample, and the report shows their spread.
 */
export function history(previous: Record<string, any>, now: Record<string, any>): HistoryEntry[] {
  const h: HistoryEntry[] = [...(previous.history ?? [])];
  if (!h.length && previous.parts?.step?.ratios) h.push(entry(previous));
  const e = entry(now);
  const same = h.findIndex((x) => x.date === e.date);
  if (same >= 0) h[same] = e;
  else if (e.date) h.push(e);
  return h.slice(-20);
}

/** A run's line in the history: its headline ratios and how many of issue #14's targets it met. */
export function entry(r: Record<string, any>): HistoryEntry {
  const judged = judgeTargets(r).filter((t) => t.met !== undefined);
  const infer = r.parts?.infer?.ratios as Record<string, Record<string, number>> | undefined;
  const compile = r.parts?.compile?.rows as { totalMs: number }[] | undefined;
  return {
    date: r.parts?.step?.at ?? r.environment?.date,
    commit: r.environment?.versions?.commit,
    cpu: r.environment?.cpu,
    load: r.environment?.loadAtStart?.[0] ?? r.environment?.loadAverage?.[0],
    stepRatios: r.parts?.step?.ratios,
    matmul512VsOrt: r.parts?.kernels?.vsOrt?.["matmul 512³"],
    matmul1024VsOrt: r.parts?.kernels?.vsOrt?.["matmul 1024³"],
    infer256VsOrt: infer && Object.fromEntries(Object.entries(infer).map(([m, v]) => [m, v["256"]])),
    checkMs: r.parts?.compile?.big?.checkMs,
    slowestCompileMs: compile?.length ? Math.max(...compile.map((x) => x.totalMs)) : undefined,
    compileProcess: r.parts?.compile?.process,
    targetsMet: judged.length ? [judged.filter((t) => t.met).length, judged.length] : undefined,
  };
}
