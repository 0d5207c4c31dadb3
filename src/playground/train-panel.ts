/// <reference lib="dom" />
// The training side of the playground: starts and stops runs in the training
// worker, draws the live loss and metric charts (the report's SVG chart,
// redrawn at most once a frame), the step rate and the figures, and points the
// download links at the files the worker makes after each run.

import { lineChart } from "../pictures/chart";
import { showMetric } from "../pictures/report";
import type { FromTrainer, ToTrainer } from "./protocol";

export interface TrainPanelElements {
  train: HTMLButtonElement;
  stop: HTMLButtonElement;
  backend: HTMLSelectElement;
  epochs: HTMLInputElement;
  /** Links with data-what="onnx" | "safetensors": live once a run has made the file. */
  downloads: HTMLAnchorElement[];
  notice: HTMLElement;
  figures: HTMLElement;
  chart: HTMLElement;
  metricChart: HTMLElement;
}

/** What the page exposes for measurements and tests (window.playground). */
export interface RunState {
  running: boolean;
  /** performance.now() when Train was pressed and when the first step finished. */
  startedAt?: number;
  firstStepAt?: number;
  steps: number;
  losses: { step: number; loss: number }[];
  /** Per finished epoch; seconds as the trainer measures it (the same figure as `dlnet train --json`). */
  epochs: { epoch: number; step: number; loss?: number; metrics: Record<string, number>; seconds: number }[];
  test?: { loss: number; metrics: Record<string, number>; samples: number };
  backend?: string;
  stepsPerSecond?: number;
  error?: string;
}

export class TrainPanel {
  readonly state: RunState = { running: false, steps: 0, losses: [], epochs: [] };
  private worker: Worker;
  private totalSteps = 0;
  private rate: { t: number; step: number }[] = [];
  private frame = 0;

  constructor(
    private readonly el: TrainPanelElements,
    private readonly source: () => string,
  ) {
    this.worker = this.spawn();
    el.train.onclick = () => this.start();
    el.stop.onclick = () => this.stop();
    this.setRunning(false);
    this.clearDownloads();
    this.draw();
  }

  private spawn(): Worker {
    const w = new Worker(new URL("./train-worker.js", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<FromTrainer>) => this.receive(e.data);
    w.onerror = (e) => this.fail(`the training worker failed: ${e.message}`);
    return w;
  }

  private send(m: ToTrainer) {
    this.worker.postMessage(m);
  }

  start(): void {
    if (this.state.running) return;
    this.clearDownloads();
    Object.assign(this.state, { running: true, startedAt: performance.now(), firstStepAt: undefined, steps: 0, losses: [], epochs: [], test: undefined, error: undefined, stepsPerSecond: undefined });
    this.rate = [];
    this.el.notice.className = "notice";
    this.el.notice.textContent = "compiling…";
    const epochs = Number(this.el.epochs.value);
    const backend = this.el.backend.value === "cpu" ? "cpu" : "webgpu";
    this.send({ type: "train", source: this.source(), backend, epochs: epochs > 0 ? epochs : undefined });
    this.setRunning(true);
    this.draw();
  }

  stop(): void {
    if (!this.state.running) return;
    this.send({ type: "stop" });
    this.el.notice.textContent = "stopping after this step…";
    // The CPU backend may not yield to messages between steps: end the worker if it does not answer.
    const steps = this.state.steps;
    setTimeout(() => {
      if (this.state.running && this.state.steps > steps + 2) {
        this.worker.terminate();
        this.worker = this.spawn();
        this.clearDownloads();
        this.finish(`stopped at step ${this.state.steps} (the worker was ended; train again to download weights)`);
      }
    }, 3000);
  }

  private setRunning(on: boolean) {
    this.state.running = on;
    this.el.train.disabled = on;
    this.el.stop.disabled = !on;
  }

  private clearDownloads() {
    for (const a of this.el.downloads) {
      if (a.href.startsWith("blob:")) URL.revokeObjectURL(a.href);
      a.removeAttribute("href");
      a.setAttribute("aria-disabled", "true");
    }
  }

  private fail(message: string) {
    this.state.error = message;
    this.el.notice.className = "notice error";
    this.el.notice.textContent = message;
    this.setRunning(false);
  }

  private finish(text: string) {
    this.el.notice.textContent = [this.el.notice.dataset.notices, text].filter(Boolean).join("\n");
    this.setRunning(false);
    this.draw();
  }

  private receive(m: FromTrainer) {
    switch (m.type) {
      case "status":
        this.el.notice.textContent = m.text;
        break;
      case "ready":
        this.state.backend = m.backend;
        this.el.notice.dataset.notices = m.notices.join("\n");
        this.el.notice.className = m.notices.length ? "notice warn" : "notice";
        this.el.notice.textContent = [...m.notices, `training ${m.model} on ${m.backend}: ${m.data}, batch ${m.batch}`].join("\n");
        break;
      case "event": {
        const e = m.event;
        if (e.kind === "start") this.totalSteps = e.epochs * e.stepsPerEpoch;
        else if (e.kind === "step") {
          const now = performance.now();
          this.state.firstStepAt ??= now;
          this.state.steps = e.step;
          if (e.loss !== undefined) this.state.losses.push({ step: e.step, loss: e.loss });
          this.rate.push({ t: now, step: e.step });
          while (this.rate.length > 2 && now - this.rate[0].t > 3000) this.rate.shift();
          const first = this.rate[0];
          if (now > first.t) this.state.stepsPerSecond = ((e.step - first.step) * 1000) / (now - first.t);
        } else if (e.kind === "epoch") this.state.epochs.push({ epoch: e.epoch + 1, step: e.step, loss: e.loss, metrics: e.metrics, seconds: e.seconds });
        else if (e.kind === "test") this.state.test = { loss: e.loss, metrics: e.metrics, samples: e.samples };
        this.schedule();
        break;
      }
      case "done":
        this.finish([`${m.stopped ? "stopped" : "done"}: ${m.steps} steps in ${m.seconds.toFixed(1)} s`, ...m.problems].join("\n"));
        break;
      case "error":
        this.fail(m.message);
        break;
      case "file": {
        const a = this.el.downloads.find((d) => d.dataset.what === m.what);
        if (!a) break;
        if (a.href.startsWith("blob:")) URL.revokeObjectURL(a.href);
        a.href = URL.createObjectURL(new Blob([m.bytes], { type: "application/octet-stream" }));
        a.download = m.name;
        a.removeAttribute("aria-disabled");
        break;
      }
    }
  }

  private schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.draw()));
  }

  private draw() {
    const s = this.state;
    const lastLoss = s.losses[s.losses.length - 1];
    const lastEpoch = s.epochs[s.epochs.length - 1];
    const figs: [string, string][] = [
      ["step", this.totalSteps && s.steps ? `${s.steps} / ${this.totalSteps}` : String(s.steps)],
      ["loss", lastLoss ? lastLoss.loss.toFixed(4) : "–"],
      ["steps/s", s.stepsPerSecond !== undefined ? s.stepsPerSecond.toFixed(1) : "–"],
    ];
    if (lastEpoch) for (const [k, v] of Object.entries(lastEpoch.metrics)) figs.push([`epoch ${lastEpoch.epoch} ${k}`, showMetric(k, v)]);
    if (s.test) for (const [k, v] of Object.entries(s.test.metrics)) figs.push([`test ${k}`, showMetric(k, v)]);
    if (s.firstStepAt !== undefined && s.startedAt !== undefined) figs.push(["to first step", `${((s.firstStepAt - s.startedAt) / 1000).toFixed(1)} s`]);
    this.el.figures.innerHTML = figs.map(([k, v]) => `<div class="fig"><b>${v}</b><span>${k}</span></div>`).join("");
    this.el.chart.innerHTML = lineChart([{ name: "loss", points: s.losses.map((l) => ({ x: l.step, y: l.loss })) }], { title: "Training loss", xLabel: "step", width: 520, height: 240 });
    const names = [...new Set(s.epochs.flatMap((e) => Object.keys(e.metrics)))];
    const series = names.map((n) => ({ name: n, dots: true, points: s.epochs.filter((e) => e.metrics[n] !== undefined).map((e) => ({ x: e.epoch, y: e.metrics[n] })) }));
    this.el.metricChart.innerHTML = series.length
      ? lineChart(series, { title: "Metrics per epoch", xLabel: "epoch", width: 520, height: 180, xInteger: true, percent: names.every((n) => n.includes("accuracy")) })
      : "";
  }
}
