// Bytes a piece of work allocates, as the heap's growth over a run the young
// generation is large enough to hold without a GC (node --expose-gc and a
// large --min/--max-semi-space-size): scripts/check-time.ts and
// scripts/compile-time.ts `--bytes`.

import { getHeapStatistics } from "node:v8";
import { PerformanceObserver } from "node:perf_hooks";

/**
 * Runs `run` `warmup` times, then `runs` times, each after a full GC, and
 * returns the heap's growth per label (sorted, one entry per run that had no
 * GC: a GC during the run would hide what it freed). `run` calls `mark(label)`
 * at the end of each part it labels (the growth since the previous mark);
 * `total` labels the whole run. `what` names the work in the error a process
 * without --expose-gc gets.
 */
export async function heapGrowth(
  run: (mark: (label: string) => void) => void,
  opts: { what: string; warmup: number; total: string; runs?: number },
): Promise<Map<string, number[]>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error(`--bytes needs node --expose-gc (and a young generation that holds ${opts.what}: see the top of the script)`);
  const none = () => {};
  for (let i = 0; i < opts.warmup; i++) run(none);
  let gcs = 0;
  const obs = new PerformanceObserver((l) => (gcs += l.getEntries().length));
  obs.observe({ entryTypes: ["gc"] });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  const used = () => getHeapStatistics().used_heap_size;
  const per = new Map<string, number[]>();
  for (let r = 0; r < (opts.runs ?? 9); r++) {
    gc();
    await settle();
    const seen = gcs;
    const grown = new Map<string, number>();
    const t0 = used();
    let last = t0;
    run((label) => {
      const now = used();
      grown.set(label, now - last);
      last = now;
    });
    grown.set(opts.total, used() - t0);
    await settle();
    if (gcs === seen) for (const [k, v] of grown) (per.get(k) ?? per.set(k, []).get(k)!).push(v);
  }
  obs.disconnect();
  if (!per.size) throw new Error("every run was interrupted by a GC: give the young generation more room");
  for (const v of per.values()) v.sort((a, b) => a - b);
  return per;
}
