import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueueClock } from "../../../src/runtime/webgpu/queue-clock";

// The clock against a simulated queue (fake timers move performance.now and
// setTimeout together): how long the host sleeps before it asks the queue.
describe("QueueClock", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "performance"] });
  });
  afterEach(() => vi.useRealTimers());

  /** Sleeps the clock's settle() takes now, in ms of simulated time. */
  async function settleMs(clock: QueueClock): Promise<number> {
    const t0 = performance.now();
    const p = clock.settle();
    await vi.runAllTimersAsync();
    await p;
    return performance.now() - t0;
  }

  /** One round: `runs` submissions the queue takes `perRun` ms each for; the host settles, then sees the drain. */
  async function round(clock: QueueClock, runs: number, perRun: number, cold = false): Promise<{ slept: number; waited: number }> {
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) clock.submitted(cold);
    const slept = await settleMs(clock);
    // the queue drains at t0 + runs * perRun; a host that overslept sees it at once
    const left = t0 + runs * perRun - performance.now();
    if (left > 0) await vi.advanceTimersByTimeAsync(left);
    clock.drained();
    return { slept, waited: performance.now() - t0 };
  }

  it("polls until it has seen a drain, then sleeps through most of the expected time", async () => {
    const clock = new QueueClock();
    expect((await round(clock, 1, 40)).slept).toBe(0);
    const r = await round(clock, 1, 40);
    expect(r.slept).toBeGreaterThanOrEqual(29);
    expect(r.slept).toBeLessThanOrEqual(31);
    expect(r.waited).toBeCloseTo(40, 0);
    // 3 runs queued: about 3x as long
    expect((await round(clock, 3, 40)).slept).toBeGreaterThan(85);
  });

  it("does not sleep for short work", async () => {
    const clock = new QueueClock();
    for (let i = 0; i < 5; i++) expect((await round(clock, 1, 3)).slept).toBe(0);
  });

  it("learns nothing from a compiling run; an overestimate shrinks per drain", async () => {
    const clock = new QueueClock();
    await round(clock, 1, 2000, true);
    expect((await round(clock, 1, 40)).slept).toBe(0);
    // 4x faster now: it oversleeps (30 ms, 0.75 of 40), then less (0.75 of 30)
    expect((await round(clock, 1, 10)).waited).toBeCloseTo(30, 0);
    const next = (await round(clock, 1, 10)).waited;
    expect(next).toBeGreaterThan(21);
    expect(next).toBeLessThan(23);
  });

  it("recovers from an overestimate: waits shrink to the work's time", async () => {
    const clock = new QueueClock();
    await round(clock, 1, 200);
    // the work got 10x faster; each drain after oversleeping cuts the estimate to the sleep
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) waits.push((await round(clock, 1, 20)).waited);
    expect(waits[0]).toBeCloseTo(150, 0);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeLessThanOrEqual(waits[i - 1] + 0.01);
    expect(waits[waits.length - 1]).toBeCloseTo(20, 0);
  });

  it("follows slower work gradually", async () => {
    const clock = new QueueClock();
    await round(clock, 1, 20);
    const slept: number[] = [];
    for (let i = 0; i < 6; i++) slept.push((await round(clock, 1, 40)).slept);
    expect(slept[0]).toBeCloseTo(15, 0);
    for (let i = 1; i < slept.length; i++) expect(slept[i]).toBeGreaterThan(slept[i - 1]);
    expect(slept[slept.length - 1]).toBeLessThan(30);
  });
});

// wait() with real timers: the host dozes (Node) between turns of the event
// loop, in which the answer arrives (as Dawn's poll delivers it).
describe("QueueClock.wait", () => {
  it("returns the answer soon after it comes, and the event loop keeps turning meanwhile", async () => {
    const clock = new QueueClock();
    let turns = 0;
    const spin = () => {
      turns++;
      if (!stop) setImmediate(spin);
    };
    let stop = false;
    setImmediate(spin);
    const t0 = performance.now();
    const r = await clock.wait(() => new Promise<number>((resolve) => setTimeout(() => resolve(7), 30)));
    const waited = performance.now() - t0;
    stop = true;
    expect(r).toBe(7);
    expect(waited).toBeGreaterThanOrEqual(29);
    // at most a slice (0.2 ms) late, plus the timer's own lateness on a loaded machine
    expect(waited).toBeLessThan(200);
    expect(turns).toBeGreaterThan(10);
  });

  it("passes a failed answer on", async () => {
    const clock = new QueueClock();
    await expect(clock.wait(() => new Promise((_, reject) => setTimeout(() => reject(new Error("device lost")), 5)))).rejects.toThrow("device lost");
  });
});
