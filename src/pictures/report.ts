// The training report: one self-contained HTML file (inline CSS and SVG, no
// script, no network) with the final figures, the loss curve per logged step,
// loss and metrics per epoch, and the model's graph. `dlnet train --report`
// writes it; the run's numbers are also embedded as JSON
// (<script type="application/json" id="dlnet-run">) for tools.

import type { TrainEvent } from "../runtime/train/trainer";
import { lineChart, type Series } from "./chart";
import { escapeXml } from "./graph-svg";

export interface RunRecord {
  model: string;
  file: string;
  data: string;
  backend: string;
  batch: number;
  /** Losses as read back, by optimizer step. */
  losses: { step: number; loss: number }[];
  epochs: { epoch: number; step: number; loss?: number; metrics: Record<string, number>; seconds: number }[];
  test?: { loss: number; metrics: Record<string, number>; samples: number };
  steps: number;
  seconds: number;
  /** When the run started (ISO 8601). */
  started: string;
}

/** Collects a run from the trainer's events (the CLI and the playground feed it the same events). */
export class RunRecorder {
  readonly record: RunRecord;
  private readonly t0 = performance.now();
  constructor(head: Pick<RunRecord, "model" | "file" | "data" | "backend" | "batch">) {
    this.record = { ...head, losses: [], epochs: [], steps: 0, seconds: 0, started: new Date().toISOString() };
  }
  onEvent(e: TrainEvent): void {
    const r = this.record;
    if (e.kind === "step") {
      r.steps = e.step;
      if (e.loss !== undefined) r.losses.push({ step: e.step, loss: e.loss });
    } else if (e.kind === "epoch") {
      r.epochs.push({ epoch: e.epoch + 1, step: e.step, loss: e.loss, metrics: e.metrics, seconds: e.seconds });
    } else if (e.kind === "test") {
      r.test = { loss: e.loss, metrics: e.metrics, samples: e.samples };
    }
    r.seconds = (performance.now() - this.t0) / 1000;
  }
}

export function showMetric(name: string, v: number): string {
  return name.includes("accuracy") ? `${(100 * v).toFixed(2)}%` : v.toFixed(4);
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;color:#263238;margin:24px auto;max-width:1180px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}.sub{color:#607d8b;margin-bottom:16px}
.figures{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0 18px}.fig{border:1px solid #cfd8dc;border-radius:6px;padding:8px 14px;min-width:110px}
.fig b{display:block;font-size:20px}.fig span{color:#607d8b;font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:16px}
table{border-collapse:collapse;margin:10px 0}td,th{border-bottom:1px solid #eceff1;padding:3px 10px;text-align:right}th{color:#546e7a;font-weight:600}
.graph{overflow:auto;border:1px solid #eceff1;margin-top:10px}`;

export function renderReport(r: RunRecord, graphSvg?: string): string {
  const metricNames = [...new Set(r.epochs.flatMap((e) => Object.keys(e.metrics)))];
  const last = r.epochs[r.epochs.length - 1];
  const figures: [string, string][] = [
    ["steps", String(r.steps)],
    ["seconds", r.seconds.toFixed(1)],
    ["steps/s", r.seconds > 0 ? (r.steps / r.seconds).toFixed(1) : "–"],
  ];
  if (r.losses.length) figures.push(["final train loss", r.losses[r.losses.length - 1].loss.toFixed(4)]);
  if (last) for (const m of metricNames) if (last.metrics[m] !== undefined) figures.push([`train ${m}`, showMetric(m, last.metrics[m])]);
  if (r.test) {
    figures.push([`test loss (${r.test.samples})`, r.test.loss.toFixed(4)]);
    for (const [m, v] of Object.entries(r.test.metrics)) figures.push([`test ${m}`, showMetric(m, v)]);
  }
  const charts: string[] = [
    lineChart([{ name: "loss", points: r.losses.map((l) => ({ x: l.step, y: l.loss })) }], { title: "Training loss", xLabel: "step", yLabel: "loss" }),
  ];
  if (r.epochs.length) {
    const series: Series[] = [{ name: "loss", points: r.epochs.filter((e) => e.loss !== undefined).map((e) => ({ x: e.epoch, y: e.loss! })), dots: true }];
    charts.push(lineChart(series, { title: "Loss per epoch", xLabel: "epoch", yLabel: "mean loss", xInteger: true }));
    for (const m of metricNames) {
      const pts = r.epochs.filter((e) => e.metrics[m] !== undefined).map((e) => ({ x: e.epoch, y: e.metrics[m] }));
      charts.push(lineChart([{ name: m, points: pts, dots: true }], { title: `${m} per epoch`, xLabel: "epoch", yLabel: m, xInteger: true, percent: m.includes("accuracy") }));
    }
  }
  const rows = r.epochs
    .map((e) => `<tr><td>${e.epoch}</td><td>${e.step}</td><td>${e.loss?.toFixed(4) ?? ""}</td>${metricNames.map((m) => `<td>${e.metrics[m] !== undefined ? showMetric(m, e.metrics[m]) : ""}</td>`).join("")}<td>${e.seconds.toFixed(1)}</td></tr>`)
    .join("\n");
  // `</` cannot appear inside the JSON script element.
  const json = JSON.stringify(r).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(`dlnet run: ${r.model}`)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeXml(r.model)}</h1>
<div class="sub">${escapeXml(r.file)} · ${escapeXml(r.data)} · batch ${r.batch} · ${escapeXml(r.backend)} · started ${escapeXml(r.started)}</div>
<div class="figures">${figures.map(([k, v]) => `<div class="fig"><b>${escapeXml(v)}</b><span>${escapeXml(k)}</span></div>`).join("")}</div>
<div class="charts">${charts.join("\n")}</div>
<h2>Epochs</h2>
<table><tr><th>epoch</th><th>step</th><th>loss</th>${metricNames.map((m) => `<th>${escapeXml(m)}</th>`).join("")}<th>seconds</th></tr>
${rows}
</table>
${graphSvg ? `<h2>Model</h2><div class="graph">${graphSvg}</div>` : ""}
<script type="application/json" id="dlnet-run">${json}</script>
</body></html>
`;
}
