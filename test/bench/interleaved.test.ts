// The alternating rounds every comparison with a peer is timed in
// (bench/lib/common.ts timeInterleaved): with `hygiene`, untimed units before
// each timed round and a pause after the rounds of a contestant whose threads
// keep running (ONNX Runtime's spinning workers).

import { describe, expect, it } from "vitest";
import { timeInterleaved } from "../../bench/lib/common";

describe("timeInterleaved's round hygiene", () => {
  it("warms each contestant up before each timed round and pauses after the rounds marked to settle", async () => {
    const calls: { who: string; n: number; t: number }[] = [];
    const round = (who: string) => async (n: number) => {
      calls.push({ who, n, t: performance.now() });
    };
    const timed = await timeInterleaved(
      { ort: round("ort"), dlnet: round("dlnet") },
      { ort: 5, dlnet: 5 },
      { budgetMs: 0, minRounds: 4, hygiene: { ort: { settleMs: 20, warmupMs: 2 }, dlnet: { warmupMs: 2 } } },
    );
    expect(timed.ort.reps).toBe(4 * 5);
    expect(timed.dlnet.reps).toBe(4 * 5);
    // Timed rounds are the calls of 5 units (the first warm-up round of each is 3, hygiene's are 1).
    const rounds = calls.flatMap((c, i) => (c.n === 5 ? [i] : []));
    expect(rounds).toHaveLength(8);
    for (const i of rounds) {
      // Untimed single units of the same contestant right before it.
      expect(calls[i - 1]).toMatchObject({ who: calls[i].who, n: 1 });
      // After ONNX Runtime's round the next call waits for the pause.
      const next = calls[i + 1];
      if (calls[i].who === "ort" && next) expect(next.t - calls[i].t).toBeGreaterThanOrEqual(15);
    }
  });

  it("without hygiene, rounds follow each other directly", async () => {
    const calls: number[] = [];
    await timeInterleaved({ a: async (n) => void calls.push(n), b: async (n) => void calls.push(n) }, { a: 5, b: 5 }, { budgetMs: 0, minRounds: 2 });
    expect(calls).toEqual([3, 3, 5, 5, 5, 5]);
  });
});
