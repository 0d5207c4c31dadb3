// A grouped horizontal bar chart as SVG text: one group per model or case, one
// bar per framework, a log scale when values span more than two decades
// (8 ms and 50 s on one axis). No plotting library: rectangles and text.

export interface BarGroup {
  label: string;
  bars: { series: string; value: number | undefined }[];
}

export interface ChartSpec {
  title: string;
  unit: string;
  groups: BarGroup[];
  /** Series in legend order, with colours. */
  series: { name: string; color: string }[];
  /** A note under the title (e.g. "lower is better"). */
  note?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function fmt(v: number): string {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

export function barChart(spec: ChartSpec): string {
  const values = spec.groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v): v is number => v !== undefined && v > 0);
  const max = Math.max(...values, 1e-9);
  const min = Math.min(...values, max);
  const log = max / min > 100;
  const lo = log ? 10 ** Math.floor(Math.log10(min)) : 0;
  const hi = log ? 10 ** Math.ceil(Math.log10(max)) : max * 1.1;
  const left = 230;
  const width = 470;
  const barH = 14;
  const gap = 10;
  const top = spec.note ? 58 : 44;
  const x = (v: number) => (log ? ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * width : (v / hi) * width);
  const out: string[] = [];
  let y = top;
  for (const g of spec.groups) {
    out.push(`<text x="8" y="${y + 11}" font-weight="bold">${esc(g.label)}</text>`);
    y += 16;
    for (const b of g.bars) {
      const s = spec.series.find((s) => s.name === b.series);
      out.push(`<text x="${left - 6}" y="${y + 11}" text-anchor="end">${esc(b.series)}</text>`);
      if (b.value === undefined || !(b.value > 0)) {
        out.push(`<text x="${left + 4}" y="${y + 11}" fill="#888">skipped</text>`);
      } else {
        const w = Math.max(1, x(b.value));
        out.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${s?.color ?? "#999"}"/>`);
        out.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + 11}">${fmt(b.value)} ${esc(spec.unit)}</text>`);
      }
      y += barH + 3;
    }
    y += gap;
  }
  // Axis ticks: decades on a log scale, fifths on a linear one.
  const ticks: number[] = [];
  if (log) for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t);
  else for (let i = 0; i <= 5; i++) ticks.push((hi * i) / 5);
  const axis = ticks.map((t) => {
    const tx = (left + x(t)).toFixed(1);
    return `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${y - gap}" stroke="#ddd"/><text x="${tx}" y="${y + 6}" text-anchor="middle" fill="#666">${log ? (t >= 1 ? String(t) : t.toPrecision(1)) : fmt(t)}</text>`;
  });
  const height = y + 20;
  const total = left + width + 110;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${height}" viewBox="0 0 ${total} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${esc(spec.title)}</text>`,
    `<text x="8" y="34" fill="#444">${esc(`${spec.unit}${log ? ", log scale" : ""}`)}</text>`,
    spec.note ? `<text x="8" y="48" fill="#444">${esc(spec.note)}</text>` : "",
    ...axis,
    ...out,
    `</svg>`,
    "",
  ].join("\n");
}
