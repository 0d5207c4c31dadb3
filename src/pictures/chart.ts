// A line chart as SVG markup, for the training report (`dlnet train
// --report`) and the playground's live chart: one x axis (steps or epochs),
// one or more series on a shared y axis, "nice" ticks, a legend. Hand-written
// SVG rather than a chart library so the same string works in a self-contained
// HTML file, in Node and in the page, with no script.

import { escapeXml } from "./graph-svg";

export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
  color?: string;
  /** Draw a dot at each point (for short series such as per-epoch values). */
  dots?: boolean;
}

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
  /** Whole-number x ticks (epochs). */
  xInteger?: boolean;
  /** Y axis as a percentage (values in [0, 1]). */
  percent?: boolean;
}

const COLORS = ["#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b"];

/** Ticks at 1, 2 or 5 × 10^k covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) {
    const d = Math.abs(lo) || 1;
    lo -= d / 2;
    hi += d / 2;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const step = integer ? Math.max(1, Math.round(nice)) : nice;
  const out: number[] = [];
  // Whole multiples of the step (not a running sum: -0.6 + 3 × 0.2 is -1.1e-16, not 0).
  for (let k = Math.floor(lo / step); k * step <= hi + step * 1e-9; k++) out.push(+(k * step).toPrecision(12));
  if (out[out.length - 1] < hi) out.push(+(out[out.length - 1] + step).toPrecision(12));
  return out;
}

function fmt(v: number, percent: boolean): string {
  if (percent) return `${+(v * 100).toPrecision(3)}%`;
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(1);
  return String(+v.toPrecision(4));
}

export function lineChart(series: readonly Series[], o: ChartOptions = {}): string {
  const W = o.width ?? 560;
  const H = o.height ?? 280;
  const m = { left: 58, right: 16, top: o.title ? 30 : 12, bottom: 40 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const pts = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dlnet-chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  if (o.title) out.push(`<text class="title" x="${m.left}" y="18" font-size="13" font-weight="bold" fill="#263238">${escapeXml(o.title)}</text>`);
  if (!pts.length) {
    out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#90a4ae">no data yet</text></svg>`);
    return out.join("\n");
  }
  const xs = niceTicks(Math.min(...pts.map((p) => p.x)), Math.max(...pts.map((p) => p.x)), 6, !!o.xInteger);
  const [ylo, yhi] = [Math.min(...pts.map((p) => p.y)), Math.max(...pts.map((p) => p.y))];
  let ys = niceTicks(ylo, yhi, 5);
  // A percentage axis stays within 0–100% (one epoch's accuracy would widen it to 120%).
  if (o.percent && ylo >= 0 && yhi <= 1) {
    const inside = ys.filter((y) => y >= 0 && y <= 1);
    if (inside.length >= 2 && inside[0] <= ylo && inside[inside.length - 1] >= yhi) ys = inside;
  }
  const [x0, x1, y0, y1] = [xs[0], xs[xs.length - 1], ys[0], ys[ys.length - 1]];
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * pw;
  const sy = (y: number) => m.top + ph - ((y - y0) / (y1 - y0 || 1)) * ph;
  for (const y of ys) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${sy(y).toFixed(1)}" y2="${sy(y).toFixed(1)}" stroke="#eceff1"/>`);
    out.push(`<text class="ytick" x="${m.left - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end" fill="#546e7a">${fmt(y, !!o.percent)}</text>`);
  }
  for (const x of xs) out.push(`<text class="xtick" x="${sx(x).toFixed(1)}" y="${m.top + ph + 16}" text-anchor="middle" fill="#546e7a">${fmt(x, false)}</text>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#b0bec5"/>`);
  if (o.xLabel) out.push(`<text x="${m.left + pw / 2}" y="${H - 6}" text-anchor="middle" fill="#37474f">${escapeXml(o.xLabel)}</text>`);
  if (o.yLabel) out.push(`<text transform="translate(12,${m.top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#37474f">${escapeXml(o.yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = s.color ?? COLORS[i % COLORS.length];
    const p = s.points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y));
    const d = p.map((q, j) => `${j ? "L" : "M"}${sx(q.x).toFixed(1)},${sy(q.y).toFixed(1)}`).join("");
    out.push(`<path class="series" data-name="${escapeXml(s.name)}" data-points="${p.length}" d="${d}" fill="none" stroke="${color}" stroke-width="1.6"/>`);
    if (s.dots || p.length === 1) for (const q of p) out.push(`<circle cx="${sx(q.x).toFixed(1)}" cy="${sy(q.y).toFixed(1)}" r="3" fill="${color}"/>`);
    const lx = m.left + pw - 8 - (series.length - 1 - i) * 110;
    out.push(`<rect x="${lx - 96}" y="${m.top + 6}" width="10" height="3" fill="${color}"/><text class="legend" x="${lx - 82}" y="${m.top + 11}" fill="#37474f">${escapeXml(s.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n");
}
