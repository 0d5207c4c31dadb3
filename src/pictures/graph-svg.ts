// A ModelGraph drawn as standalone SVG: dagre lays it out top to bottom
// (ranks, crossing minimisation, edge routes, label positions); this file
// only measures boxes and writes the markup. Text is monospace so widths can
// be estimated without a DOM (the same code runs in Node for `dlnet graph`
// and in the playground page).

import dagre from "@dagrejs/dagre";
import { formatCount, type GraphNode, type ModelGraph } from "./model-graph";

const FONT = 12;
const PAD_X = 12;
const LINE = 16;

const FILL: Record<GraphNode["kind"], string> = {
  input: "#e3f2fd",
  output: "#e8f5e9",
  layer: "#fff3e0",
  block: "#fde7f3",
  function: "#f3e5f5",
  arith: "#f5f5f5",
  param: "#fffde7",
};

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Advance of a monospace glyph is about 0.61 em. */
const textWidth = (s: string, size = FONT) => s.length * size * 0.61;

export interface Laid {
  width: number;
  height: number;
  nodes: (GraphNode & { x: number; y: number; w: number; h: number })[];
  edges: { from: string; to: string; label: string; points: { x: number; y: number }[]; lx: number; ly: number }[];
}

/** Positions of every node, edge route and edge label. */
export function layoutGraph(g: ModelGraph): Laid {
  const d = new dagre.graphlib.Graph({ multigraph: true });
  d.setGraph({ rankdir: "TB", nodesep: 30, ranksep: 34, edgesep: 12, marginx: 16, marginy: 16 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) {
    const w = Math.max(textWidth(n.label), n.detail ? textWidth(n.detail, FONT - 2) : 0) + 2 * PAD_X;
    d.setNode(n.id, { width: Math.max(70, w), height: n.detail ? 2 * LINE + 10 : LINE + 14 });
  }
  g.edges.forEach((e, i) => d.setEdge(e.from, e.to, { width: textWidth(e.label, FONT - 2) + 6, height: LINE, labelpos: "r", labeloffset: 6 }, `e${i}`));
  dagre.layout(d);
  const nodes = g.nodes.map((n) => {
    const l = d.node(n.id);
    return { ...n, x: l.x!, y: l.y!, w: l.width, h: l.height };
  });
  const edges = g.edges.map((e, i) => {
    const l = d.edge({ v: e.from, w: e.to, name: `e${i}` });
    return { ...e, points: l.points ?? [], lx: (l.x as number) ?? 0, ly: (l.y as number) ?? 0 };
  });
  const gl = d.graph();
  return { width: Math.ceil(gl.width ?? 0), height: Math.ceil(gl.height ?? 0), nodes, edges };
}

export interface GraphSvgOptions {
  /** Add a title line above the graph (model name and parameter count). */
  title?: boolean;
}

/** The graph as an SVG document (no external references: it opens anywhere). */
export function graphSvg(g: ModelGraph, o: GraphSvgOptions = {}): string {
  const laid = layoutGraph(g);
  const top = o.title === false ? 0 : 28;
  const width = Math.max(laid.width, textWidth(`${g.name} · ${formatCount(g.params)} parameters`, 14) + 32);
  const height = laid.height + top;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="dlnet-graph" width="${Math.ceil(width)}" height="${height}" viewBox="0 0 ${Math.ceil(width)} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="${FONT}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#607d8b"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  if (top) out.push(`<text class="title" x="16" y="20" font-size="14" font-weight="bold" fill="#263238">${escapeXml(`${g.name} · ${formatCount(g.params)} parameters`)}</text>`);
  out.push(`<g transform="translate(0,${top})">`);
  for (const e of laid.edges) {
    if (!e.points.length) continue;
    const d = e.points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
    out.push(`<path class="edge" d="${d}" fill="none" stroke="#607d8b" stroke-width="1.3" marker-end="url(#arrow)"/>`);
    out.push(`<text class="shape" x="${(e.lx - textWidth(e.label, FONT - 2) / 2).toFixed(1)}" y="${(e.ly + 4).toFixed(1)}" font-size="${FONT - 2}" fill="#455a64">${escapeXml(e.label)}</text>`);
  }
  for (const n of laid.nodes) {
    const x = n.x - n.w / 2;
    const y = n.y - n.h / 2;
    const rx = n.kind === "input" || n.kind === "output" ? n.h / 2 : 6;
    out.push(`<g class="node ${n.kind}" data-id="${n.id}">`);
    out.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.w.toFixed(1)}" height="${n.h}" rx="${rx}" fill="${FILL[n.kind]}" stroke="#90a4ae"/>`);
    const ty = n.detail ? n.y - 3 : n.y + 4;
    out.push(`<text class="label" x="${n.x.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="middle" fill="#212121" font-weight="${n.kind === "layer" || n.kind === "block" ? "bold" : "normal"}">${escapeXml(n.label)}</text>`);
    if (n.detail) out.push(`<text class="detail" x="${n.x.toFixed(1)}" y="${(n.y + 13).toFixed(1)}" text-anchor="middle" font-size="${FONT - 2}" fill="#546e7a">${escapeXml(n.detail)}</text>`);
    out.push(`</g>`);
  }
  out.push(`</g></svg>`);
  return out.join("\n") + "\n";
}
