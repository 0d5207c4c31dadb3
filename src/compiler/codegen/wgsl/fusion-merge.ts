// Fusion, second half: merging the kernels the first pass formed. Each
// merge is tried, validated by generating the merged kernel, and undone if
// it cannot be generated or needs more buffers than the device allows.

import type { Node } from "../../ir/node";
import { wgslRule } from "./op-rules";
import type { KernelGroup } from "./fusion";

export const ANCHORED = new Set(["matmul", "conv2d", "conv2d_grad_input", "conv2d_grad_weight"]);

export const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** Elementwise ops a kernel may recompute rather than load: a store and a load cost more. */
const DUPLICATE_MAX_OPS = 4;

/**
 * Recomputes small elementwise kernels (a one-hot of the labels, Adam's
 * bias corrections of lr and step) inside each kernel that reads them,
 * instead of storing their result: one dispatch less each.
 */
export function duplicateSmallProducers(
  groups: KernelGroup[],
  users: Map<Node, Node[]>,
  outputs: Set<Node>,
  valid: (g: KernelGroup) => boolean,
) {
  for (const p of groups) {
    if (p.kind !== "elementwise" || p.outputs.length !== 1 || outputs.has(p.outputs[0])) continue;
    const ops = [...p.members].filter((m) => wgslRule(m).kind === "elementwise").length;
    if (ops > DUPLICATE_MAX_OPS) continue;
    const o = p.outputs[0];
    const readers = groups.filter(
      (g) => g !== p && g.members.size > 0 && (users.get(o) ?? []).some((u) => g.members.has(u)),
    );
    const inLoad = readers.some((g) =>
      (users.get(o) ?? []).some(
        (u) => g.members.has(u) && (u === g.anchor || g.loadPosition.has(u)),
      ),
    );
    if (!readers.length || inLoad) continue;
    const saved = readers.map((g) => snapshot(g));
    for (const g of readers) for (const m of p.members) g.members.add(m);
    if (readers.every(valid)) {
      p.members.clear();
      p.outputs = [];
    } else readers.forEach((g, i) => restore(g, saved[i]));
  }
}

export type Snapshot = Pick<
  KernelGroup,
  "kind" | "anchor" | "stages" | "shape" | "axes" | "outputs"
> & {
  members: Set<Node>;
};
export function snapshot(g: KernelGroup): Snapshot {
  return { ...g, stages: [...g.stages], outputs: [...g.outputs], members: new Set(g.members) };
}
export function restore(g: KernelGroup, s: Snapshot) {
  Object.assign(g, { ...s, members: s.members });
}

/**
 * Merges a kernel into the kernel producing its input when both iterate the
 * same elements (or rows), e.g. relu(z) into the matmul that stores z, or the
 * NLL row sum into the log-softmax row kernel. Stored values read only inside
 * the merged kernel are then not stored at all.
 */
export function mergeSiblings(
  groups: KernelGroup[],
  users: Map<Node, Node[]>,
  outputs: Set<Node>,
  valid: (g: KernelGroup) => boolean,
) {
  const producer = new Map<Node, KernelGroup>();
  const rebuild = () => {
    producer.clear();
    for (const g of groups) for (const o of g.outputs) producer.set(o, g);
  };
  rebuild();
  // Which kernels each kernel reads; recomputed after every merge.
  const readCache = new Map<KernelGroup, Set<KernelGroup>>();
  const reads = (g: KernelGroup) => {
    let s = readCache.get(g);
    if (s) return s;
    s = new Set<KernelGroup>();
    for (const m of g.members)
      for (const i of m.inputs) if (!g.members.has(i) && producer.has(i)) s.add(producer.get(i)!);
    readCache.set(g, s);
    return s;
  };
  /** Does g2 depend on g1 through some third kernel? Then merging would make a cycle. */
  const dependsVia = (g2: KernelGroup, g1: KernelGroup) => {
    const seen = new Set<KernelGroup>();
    const stack = [...reads(g2)].filter((g) => g !== g1);
    while (stack.length) {
      const g = stack.pop()!;
      if (g === g1) return true;
      if (seen.has(g)) continue;
      seen.add(g);
      stack.push(...reads(g));
    }
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const g2 of groups) {
      if (!g2.members.size || (g2.kind !== "elementwise" && g2.kind !== "rows")) continue;
      for (const g1 of [...reads(g2)]) {
        if (g1 === g2 || !g1.members.size) continue;
        if (!mergeable(g1, g2) || dependsVia(g2, g1)) continue;
        const saved1 = snapshot(g1);
        if (g2.kind === "rows") {
          if (g1.kind === "elementwise") {
            g1.kind = "rows";
            g1.shape = g2.shape;
            g1.axes = g2.axes;
          }
          g1.stages = [...g1.stages, ...g2.stages];
        }
        for (const m of g2.members) g1.members.add(m);
        // A value stays stored if anything outside the merged kernel reads it. Cheap
        // index math (a reshape) may be a member of several kernels at once, so a
        // user inside g1 can also be computed by a third kernel that loads the value
        // (unless that kernel computes the value too).
        const readElsewhere = (o: Node) => (u: Node) =>
          !g1.members.has(u) || groups.some((g) => g !== g1 && g !== g2 && g.members.has(u) && !g.members.has(o));
        g1.outputs = [...g1.outputs, ...g2.outputs].filter(
          (o) => outputs.has(o) || (users.get(o) ?? []).some(readElsewhere(o)),
        );
        if (!valid(g1)) {
          restore(g1, saved1);
          continue;
        }
        g2.members.clear();
        g2.outputs = [];
        rebuild();
        readCache.clear();
        changed = true;
        break;
      }
    }
  }
}

/**
 * Horizontal fusion: kernels over the same elements (or rows) with no path
 * between them become one, e.g. the batch means of the loss and the accuracy.
 */
export function mergeIndependent(groups: KernelGroup[], valid: (g: KernelGroup) => boolean) {
  const producer = new Map<Node, KernelGroup>();
  const rebuild = () => {
    producer.clear();
    for (const g of groups) for (const o of g.outputs) producer.set(o, g);
  };
  rebuild();
  const readsOf = (g: KernelGroup) => {
    const r = new Set<KernelGroup>();
    for (const m of g.members)
      for (const i of m.inputs) {
        const p = !g.members.has(i) ? producer.get(i) : undefined;
        if (p && p !== g) r.add(p);
      }
    return r;
  };
  const reaches = (from: KernelGroup, to: KernelGroup) => {
    const seen = new Set<KernelGroup>();
    const stack = [from];
    while (stack.length) {
      const g = stack.pop()!;
      for (const r of readsOf(g)) {
        if (r === to) return true;
        if (!seen.has(r)) {
          seen.add(r);
          stack.push(r);
        }
      }
    }
    return false;
  };
  const buckets = new Map<string, KernelGroup[]>();
  for (const g of groups) {
    if (!g.members.size || (g.kind !== "rows" && g.kind !== "elementwise")) continue;
    const key = `${g.kind}|${g.shape}|${g.axes}`;
    buckets.get(key)?.push(g) ?? buckets.set(key, [g]);
  }
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i++) {
      const g1 = bucket[i];
      for (let j = i + 1; j < bucket.length; j++) {
        const g2 = bucket[j];
        if (!g1.members.size || !g2.members.size || reaches(g1, g2) || reaches(g2, g1)) continue;
        const saved = snapshot(g1);
        for (const m of g2.members) g1.members.add(m);
        g1.outputs = [...g1.outputs, ...g2.outputs];
        g1.stages = [...g1.stages, ...g2.stages];
        if (!valid(g1)) {
          restore(g1, saved);
          continue;
        }
        g2.members.clear();
        g2.outputs = [];
        g2.stages = [];
        rebuild();
      }
    }
  }
}

function mergeable(g1: KernelGroup, g2: KernelGroup): boolean {
  if (g1.kind === "rows" && (g2.kind === "rows" || g2.kind === "elementwise")) {
    if (g2.kind === "rows") return sameShape(g1.shape, g2.shape) && sameShape(g1.axes, g2.axes);
    return true; // validate decides whether g2's elements are g1's elements or rows
  }
  if (g2.kind !== "elementwise") return false;
  if (g1.kind === "elementwise" || ANCHORED.has(g1.kind)) return sameShape(g1.shape, g2.shape);
  return false;
}
