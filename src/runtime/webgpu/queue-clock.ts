// Waiting for the queue without polling it the whole time.
//
// Dawn's Node binding polls its device from the event loop (setImmediate)
// while any promise it handed out (onSubmittedWorkDone, mapAsync) is
// pending, so a host that awaits the queue keeps one CPU core busy for as
// long as the adapter works. On a CPU adapter (lavapipe: one worker thread
// per core) that thread takes a core from the adapter's own workers, which
// split a dispatch's workgroups evenly between them up front; the slowest
// half sets the time. Measured with matmul 1024³ (load ~9 on 2 cores,
// alternating rounds): the host thread used 190-320 ms of CPU per 6
// dispatches while polling and 70-100 ms when it slept through most of the
// wait; median wall time 328 -> 241 ms per dispatch, 512³ x 6 224 -> 174 ms.
//
// So the host asks for the promise late: it learns how long the adapter
// takes per submission (from the drains it observes) and sleeps through a
// share of the time the queue is expected to stay busy before it asks.
// Sleeping only SLEEP_SHARE of the estimate keeps an overestimate from
// feeding itself: a drain observed after oversleeping pulls the estimate
// back down.
//
// What is left of a wait (all of a short one) the host dozes through where
// it can (Node): it blocks its thread in short slices (Atomics.wait) and
// lets the event loop turn once between them, so Dawn's poll still runs
// once per slice and sees the answer at most a slice late, but the thread
// leaves the cores to the adapter's workers most of the time instead of
// spinning. Measured through the run session, polled against dozing in
// alternating rounds of one process (load 5-5.5 on 2 cores, median round):
// SimpleNet batch 256 3.53 -> 2.34 ms (ORT 0.56), batch 1 0.45 -> 0.36 ms,
// MNIST CNN batch 256 78 -> 52 ms (ORT 13.5), the process's CPU time per
// run down with the polling thread's.

/** Share of the expected busy time the host sleeps before asking the queue. */
const SLEEP_SHARE = 0.75;
/**
 * Shorter waits are polled: a sleeping host wakes late on a loaded machine
 * (matmul 128³ x 24 runs per round, load ~9: median round 20.3 ms polled,
 * 27.7 ms sleeping from 2 ms up), and short work gains little from the core.
 */
const MIN_SLEEP_MS = 4;

/**
 * A dozing host's slices: DOZE_SHARE of the expected time left, within
 * these bounds (ms). Long slices cost latency when the work is short: the
 * SimpleNet at batch 1 (~0.3 ms a run, load ~4.5) had median runs 0.43 ms
 * with 0.02 ms slices, 0.44 polled and 0.52 with 0.1 ms.
 */
const DOZE_SHARE = 0.25;
const MIN_DOZE_MS = 0.02;
const MAX_DOZE_MS = 0.2;

export class QueueClock {
  /** Adapter time per submission, ms, from the drains seen so far (0: none yet). */
  private perRun = 0;
  /** When the queue is expected to be empty (performance.now() ms). */
  private busyUntil = 0;
  /** Submissions since the last observed drain, and when the first of them was made. */
  private count = 0;
  private since = 0;
  /** A submission since the last drain compiles (lavapipe compiles at a pipeline's first dispatch). */
  private cold = false;

  /**
   * Work to start each time the host, done sleeping, asks for the queue: more
   * promises of Dawn's (a ring's staging buffers mapped again) cost no
   * polling of their own then, and resolve with the answer.
   */
  readonly onAsk: (() => void)[] = [];

  /** Call after each queue submission; `cold` when it holds a pipeline's first dispatch. */
  submitted(cold = false): void {
    const now = performance.now();
    if (this.count++ === 0) this.since = now;
    this.cold ||= cold;
    this.busyUntil = Math.max(now, this.busyUntil) + this.perRun;
  }

  /**
   * Waits for the queue to empty through `ask` (onSubmittedWorkDone, or a
   * map, which waits for every earlier submission): sleeps through most of
   * the expected work first, and learns from the drain.
   */
  async wait<T>(ask: () => Promise<T>): Promise<T> {
    await this.settle();
    for (const f of this.onAsk) f();
    const answer = ask();
    await doze(answer, () => Math.min(MAX_DOZE_MS, Math.max(MIN_DOZE_MS, (this.busyUntil - performance.now()) * DOZE_SHARE)));
    const r = await answer;
    this.drained();
    return r;
  }

  /** Sleeps through most of the time the queue is expected to stay busy. */
  async settle(): Promise<void> {
    const ms = (this.busyUntil - performance.now()) * SLEEP_SHARE;
    if (ms >= MIN_SLEEP_MS) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Call when the queue was seen empty (onSubmittedWorkDone or a map
   * resolved). The estimate follows a faster queue at once and a slower one
   * gradually: sleeping too little costs some polling, too much costs
   * latency. A drain after oversleeping measures the sleep, which is
   * SLEEP_SHARE of the estimate, so an overestimate shrinks by that factor
   * per drain.
   */
  drained(): void {
    const now = performance.now();
    if (this.count && !this.cold) {
      const per = (now - this.since) / this.count;
      this.perRun = this.perRun === 0 || per < this.perRun ? per : 0.8 * this.perRun + 0.2 * per;
    }
    this.count = 0;
    this.cold = false;
    this.busyUntil = now;
  }
}

/** A word to block on with Atomics.wait (nothing ever notifies it), where the host may block: Node, not a browser's main thread. */
const dozeCell: Int32Array | undefined = (() => {
  if (typeof SharedArrayBuffer !== "function" || typeof setImmediate !== "function") return undefined;
  try {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, 0);
    return cell;
  } catch {
    return undefined;
  }
})();

/**
 * Returns when `answer` settles, having blocked the thread for slices of
 * `slice()` ms between turns of the event loop (where Dawn's Node binding
 * polls the device for the answer); where the thread cannot block, at once
 * (the caller awaits the answer itself).
 */
async function doze(answer: Promise<unknown>, slice: () => number): Promise<void> {
  if (!dozeCell) return;
  let done = false;
  const settle = () => (done = true);
  answer.then(settle, settle);
  // One turn first: an answer already on its way costs no slice.
  await new Promise((resolve) => setImmediate(resolve));
  while (!done) {
    Atomics.wait(dozeCell, 0, 0, slice());
    await new Promise((resolve) => setImmediate(resolve));
  }
}
