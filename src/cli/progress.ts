// Training progress. On a terminal: one line rewritten in place,
//   epoch 2/5 [=====>              ] 62/125 loss 0.1234 12.3 step/s
// then kept, completed with the epoch's metrics, when the epoch ends. Not a
// terminal (logs, CI): one line per epoch. --json: one JSON object per line
// and nothing else, so a program can read the stream.

import type { Writer } from "./command";

export interface ProgressOptions {
  out: Writer;
  /** A terminal: rewrite one line (`\r`); otherwise print a line per epoch. */
  isTTY: boolean;
  json: boolean;
  epochs: number;
  stepsPerEpoch: number;
  /** Terminal width; longer lines are cut so `\r` still rewrites one line. */
  columns?: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export interface EpochSummary {
  /** Mean training loss over the epoch. */
  loss?: number;
  /** Metrics on the test split (or train when there is none), by name. */
  metrics?: Record<string, number>;
}

const BAR = 20;
/** At most this many redraws per second on a terminal. */
const REDRAW_MS = 100;

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(3) : x.toFixed(4);
}

export function bar(done: number, total: number, width = BAR): string {
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.floor(frac * width);
  if (filled >= width) return `[${"=".repeat(width)}]`;
  return `[${"=".repeat(Math.max(0, filled - 1))}${filled > 0 ? ">" : ""}${" ".repeat(width - filled)}]`;
}

export class TrainProgress {
  private readonly now: () => number;
  private epoch = 0;
  private epochStart = 0;
  private lastDraw = -Infinity;
  private lastLine = "";
  private steps = 0;
  private loss: number | undefined;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** `epoch` is 1-based, as shown. */
  startEpoch(epoch: number): void {
    this.epoch = epoch;
    this.epochStart = this.now();
    this.lastDraw = -Infinity;
    this.steps = 0;
    this.loss = undefined;
  }

  /** After `stepInEpoch` steps of this epoch (1-based count); `loss` when it was read back. */
  step(stepInEpoch: number, loss?: number): void {
    this.steps = stepInEpoch;
    if (loss !== undefined) this.loss = loss;
    if (!this.opts.isTTY || this.opts.json) return;
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS && stepInEpoch < this.opts.stepsPerEpoch) return;
    this.lastDraw = t;
    this.draw(this.line());
  }

  endEpoch(summary: EpochSummary = {}): void {
    const seconds = (this.now() - this.epochStart) / 1000;
    const rate = seconds > 0 ? this.steps / seconds : 0;
    const { epochs } = this.opts;
    const loss = summary.loss ?? this.loss;
    if (this.opts.json) {
      this.event({
        event: "epoch",
        epoch: this.epoch,
        epochs,
        steps: this.steps,
        ...(loss !== undefined ? { loss } : {}),
        metrics: summary.metrics ?? {},
        seconds: round(seconds),
        stepsPerSecond: round(rate),
      });
      return;
    }
    const metrics = Object.entries(summary.metrics ?? {}).map(([k, v]) => `${k} ${formatNumber(v)}`);
    if (this.opts.isTTY) {
      this.draw([this.line(loss), ...metrics].join(" "));
      this.opts.out.write("\n");
      this.lastLine = "";
    } else {
      const parts = [`${this.steps} steps`, ...(loss !== undefined ? [`loss ${formatNumber(loss)}`] : []), ...metrics];
      parts.push(speed(rate), `${seconds.toFixed(1)}s`);
      this.opts.out.write(`epoch ${this.epoch}/${epochs}: ${parts.join(", ")}\n`);
    }
  }

  /** A free-form JSON line (--json) — e.g. the final checkpoint path; ignored otherwise. */
  event(obj: Record<string, unknown>): void {
    if (this.opts.json) this.opts.out.write(JSON.stringify(obj) + "\n");
  }

  /** A message that must not be garbled by the bar (a notice, a warning). */
  note(text: string): void {
    if (this.opts.json) return;
    if (this.opts.isTTY && this.lastLine) {
      this.opts.out.write("\r\x1b[2K" + text + "\n");
      this.opts.out.write(this.lastLine);
    } else this.opts.out.write(text + "\n");
  }

  private line(loss = this.loss): string {
    const { epochs, stepsPerEpoch } = this.opts;
    const seconds = (this.now() - this.epochStart) / 1000;
    const parts = [`epoch ${this.epoch}/${epochs}`, bar(this.steps, stepsPerEpoch), `${this.steps}/${stepsPerEpoch}`];
    if (loss !== undefined) parts.push(`loss ${formatNumber(loss)}`);
    if (seconds > 0 && this.steps > 0) parts.push(speed(this.steps / seconds));
    return parts.join(" ");
  }

  private draw(line: string): void {
    const cols = this.opts.columns;
    const text = cols && line.length >= cols ? line.slice(0, cols - 1) : line;
    this.lastLine = text;
    this.opts.out.write("\r\x1b[2K" + text);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Steps per second, or seconds per step below about one step a second (a slow CPU run would read "0.0 step/s"). */
export function speed(stepsPerSecond: number): string {
  if (stepsPerSecond >= 0.95 || stepsPerSecond <= 0) return `${stepsPerSecond.toFixed(1)} step/s`;
  const perStep = 1 / stepsPerSecond;
  return `${perStep < 10 ? perStep.toFixed(1) : perStep.toFixed(0)} s/step`;
}
