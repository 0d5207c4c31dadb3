// Which graph inputs are indices, and into how many things: an i32 input that
// reaches an op's index operand (gather's rows, one_hot's or cross_entropy's
// classes; OpDef.indexOperands) through views only. Out-of-range values there
// are bad data, not a compiler fault: the runtime checks fed tensors against
// these bounds on the host before they reach a backend, so every backend
// reports the same error (and the CPU interpreter never trips over them).

import type { Graph } from "./graph";
import { attrsOf, type Node } from "./node";
import { sameShape, type Dim } from "./types";

/**
 * Input `input` must hold values in [0, size); `what` says what they index
 * ("a table of 5 rows"). `region`: when the op reads only a slice of the
 * input (`data.targets[:, 5:9]`), the positions it reads, per axis after the
 * first (samples): start, step and count; values elsewhere are not checked.
 */
export interface IndexCheck {
  readonly input: string;
  readonly size: number;
  readonly what: string;
  /** A value outside [0, size) that is not an error (a loss's ignore_index). */
  readonly allowed?: number;
  readonly region?: readonly { start: number; step: number; count: number }[];
  /** The input's shape after the samples axis, which `region` is in. */
  readonly sampleShape?: readonly number[];
}

// Ops that move every value without changing it.
const VIEWS = new Set(["reshape", "permute", "expand"]);

type Region = { start: number; step: number; count: number }[];

/** Region read by a chain of slices ending at `n` (slices of slices compose); undefined when it is not sample-wise. */
function sliceRegion(n: Node): { input: Node; region?: Region; sampleShape?: number[] } | undefined {
  const chain: Node[] = [];
  while (n.op === "slice") {
    chain.push(n);
    n = n.inputs[0];
  }
  if (chain.length === 0) return { input: n };
  const shape = n.shape;
  if (!shape.slice(1).every((d) => typeof d === "number")) return undefined;
  let region: Region = shape.slice(1).map((d) => ({ start: 0, step: 1, count: d as number }));
  for (const s of chain.reverse()) {
    const { starts, steps } = attrsOf(s, "slice");
    const from = starts.slice(1);
    if (!from.every((d): d is number => typeof d === "number")) return undefined;
    // The samples axis must be read whole: batches are drawn from every sample.
    if (starts[0] !== 0 || steps[0] !== 1 || s.shape[0] !== s.inputs[0].shape[0]) return undefined;
    region = region.map((r, i) => {
      const a = from[i];
      return { start: r.start + a * r.step, step: r.step * steps[i + 1], count: s.shape[i + 1] as number };
    });
  }
  return { input: n, region, sampleShape: shape.slice(1) as number[] };
}

/**
 * Is `idx`, as an index into something of `size`, checked on the host before
 * a backend sees it (an input through views and sample-wise slices, indexing
 * something of concrete size)? Every other index is computed in the model and
 * checked where it is used (check_index, which the lowering puts there).
 */
export function checkedOnHost(idx: Node, size: Dim): boolean {
  while (VIEWS.has(idx.op)) idx = idx.inputs[0];
  return typeof size === "number" && sliceRegion(idx)?.input.op === "input";
}

/** One check per input (and region of it) that indexes something of concrete size (the tightest, when several). */
export function indexChecks(graph: Graph): IndexCheck[] {
  const byInput = new Map<string, IndexCheck>();
  for (const n of graph.nodes()) {
    const rule = n.def.indexOperands;
    if (!rule) continue;
    for (const { operand, size, what, allowed } of rule(n.inputs, n.attrs)) {
      let idx: Node = n.inputs[operand];
      while (VIEWS.has(idx.op)) idx = idx.inputs[0];
      const sliced = sliceRegion(idx);
      if (!sliced || sliced.input.op !== "input" || typeof size !== "number") continue;
      const input = attrsOf(sliced.input, "input").name;
      const key = `${input}:${JSON.stringify(sliced.region ?? null)}`;
      const prev = byInput.get(key);
      // Several ops index with one input: the tightest size, and an exemption only when all of them allow it.
      const exempt = allowed !== undefined && (!prev || prev.allowed === allowed) ? { allowed } : {};
      if (!prev || size <= prev.size)
        byInput.set(key, { input, size, what, ...exempt, ...(sliced.region ? { region: sliced.region, sampleShape: sliced.sampleShape } : {}) });
      else if (prev.allowed !== undefined && prev.allowed !== allowed) byInput.set(key, { ...prev, allowed: undefined });
    }
  }
  return [...byInput.values()];
}

/** Offsets within one sample of `region` (ascending), for samples of `sampleShape`. */
function regionOffsets(region: Readonly<Region>, sampleShape: readonly number[]): number[] {
  let offsets = [0];
  let stride = 1;
  const strides = sampleShape.map(() => 0);
  for (let i = sampleShape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= sampleShape[i];
  }
  region.forEach((r, i) => {
    const next: number[] = [];
    for (const o of offsets) for (let k = 0; k < r.count; k++) next.push(o + (r.start + k * r.step) * strides[i]);
    offsets = next;
  });
  return offsets;
}

/**
 * The first flat position of `data` outside [0, c.size), or -1. `sampleShape`
 * is the shape of one sample of `data`; unless it is the shape `c.region` was
 * taken in (a field fed through a reshape), every value is checked.
 */
export function firstOutOfRange(data: ArrayLike<number>, c: Pick<IndexCheck, "size" | "region" | "sampleShape" | "allowed">, sampleShape?: readonly number[]): number {
  const bad = (v: number) => !(v >= 0 && v < c.size) && v !== c.allowed;
  const same = sampleShape && c.sampleShape && sameShape(sampleShape, c.sampleShape);
  if (!c.region || !same) {
    for (let i = 0; i < data.length; i++) if (bad(data[i])) return i;
    return -1;
  }
  const offsets = regionOffsets(c.region, sampleShape);
  const k = sampleShape.reduce((a, b) => a * b, 1);
  for (let s = 0; s * k < data.length; s++) for (const o of offsets) if (bad(data[s * k + o])) return s * k + o;
  return -1;
}
