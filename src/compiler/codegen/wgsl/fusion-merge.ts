// Fusion, second half: merging the kernels the first pass formed. Each
// merge is tried, validated (from what the merged kernel would load, else by
// generating it: pipeline.ts), and undone if it cannot be generated or needs
// more buffers than the device allows.

import type { Node } from "../../ir/node";
import { sameShape } from "../../ir/types";
import { wgslRule } from "./op-rules";
import type { KernelGroup } from "./fusion";

export const ANCHORED = new Set(["matmul", "conv2d", "conv2d_grad_input", "conv2d_grad_weight"]);


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
  computedBy: Map<Node, Set<KernelGroup>>,
  valid: (g: KernelGroup) => boolean,
) {
  const index = new Map(groups.map((g, i) => [g, i]));
  for (const p of groups) {
    if (p.kind !== "elementwise" || p.outputs.length !== 1 || outputs.has(p.outputs[0])) continue;
    const ops = [...p.members].filter((m) => wgslRule(m).kind === "elementwise").length;
    if (ops > DUPLICATE_MAX_OPS) continue;
    const o = p.outputs[0];
    const us = users.get(o) ?? [];
    // The kernels computing a user of o, in kernel order.
    const found = new Set<KernelGroup>();
    for (const u of us) for (const g of computedBy.get(u) ?? []) if (g !== p && g.members.size > 0) found.add(g);
    const readers = [...found].sort((a, b) => index.get(a)! - index.get(b)!);
    const inLoad = readers.some((g) =>
      us.some((u) => g.members.has(u) && (u === g.anchor || g.loadPosition.has(u))),
    );
    if (!readers.length || inLoad) continue;
    const saved = readers.map((g) => snapshot(g));
    for (const g of readers) for (const m of p.members) g.members.add(m);
    if (readers.every(valid)) {
      for (const m of p.members) {
        const by = computedBy.get(m)!;
        by.delete(p);
        for (const g of readers) by.add(g);
      }
      p.members.clear();
      p.outputs = [];
    } else readers.forEach((g, i) => restore(g, saved[i]));
  }
}

/**
 * A group's state before a trial merge, which only adds members: the members
 * are the first `size` of the set (a set keeps insertion order), so undoing
 * the trial deletes the later ones instead of copying the set first.
 */
export type Snapshot = Pick<KernelGroup, "kind" | "anchor" | "stages" | "shape" | "axes" | "outputs"> & {
  size: number;
};
export function snapshot(g: KernelGroup): Snapshot {
  const { kind, anchor, stages, shape, axes, outputs } = g;
  return { kind, anchor, stages: [...stages], shape, axes, outputs: [...outputs], size: g.members.size };
}
export function restore(g: KernelGroup, s: Snapshot) {
  const { size, ...rest } = s;
  Object.assign(g, rest);
  let i = 0;
  for (const m of g.members) if (i++ >= size) g.members.delete(m);
}

/**
 * Merges a kernel into the kernel producing its input when both iterate the
 * same elements (or rows), e.g. relu(z) into the matmul that stores z, or the
 * NLL row sum into the log-softmax row kernel. Stored values read only inside
 * the merged kernel are then not stored at all.
 *
 * Kernels are visited in order, each merging into the first kernel it reads
 * that takes it, pass after pass until a pass merges nothing. A kernel that
 * took no merge is visited again only once a merge touched it ("dirty"): a
 * merge of g2 into g1 changes what g1 and the kernels reading g1 or g2 may
 * merge with, and, through index math computed in several kernels at once,
 * the kernels sharing a member with them; elsewhere a merge only adds paths
 * between kernels, which can forbid a merge but never allow one. So the
 * merges are the same as visiting every kernel in every pass. What kernels
 * read and which kernels compute a node are updated per merge, not rebuilt.
 */
export function mergeSiblings(
  groups: KernelGroup[],
  users: Map<Node, Node[]>,
  outputs: Set<Node>,
  computedBy: Map<Node, Set<KernelGroup>>,
  valid: (g: KernelGroup) => boolean,
) {
  const producer = new Map<Node, KernelGroup>();
  for (const g of groups) for (const o of g.outputs) producer.set(o, g);
  // Which kernels each kernel reads (dropped when a merge changes them).
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
  /**
   * Does g2 depend on g1 through some third kernel? Then merging would make a
   * cycle. (Kernels seen by this search are marked with its number, by kernel
   * id: a Set cleared per search reallocated its table every time.)
   */
  const seenIn = new Uint32Array(groups.reduce((m, g) => Math.max(m, g.id + 1), 0));
  let search = 0;
  const stack: KernelGroup[] = [];
  const dependsVia = (g2: KernelGroup, g1: KernelGroup) => {
    search++;
    stack.length = 0;
    seenIn[g2.id] = search;
    for (const g of reads(g2)) if (g !== g1) stack.push(g);
    while (stack.length) {
      const g = stack.pop()!;
      if (g === g1) return true;
      if (seenIn[g.id] === search) continue;
      seenIn[g.id] = search;
      for (const r of reads(g)) if (seenIn[r.id] !== search) stack.push(r);
    }
    return false;
  };
  /** The kernels reading one of the stored values (computing a user of it, not the value). */
  const readersOf = (stored: Node[], out: Set<KernelGroup>) => {
    for (const o of stored)
      for (const u of users.get(o) ?? [])
        for (const r of computedBy.get(u) ?? []) if (!r.members.has(o)) out.add(r);
  };

  // Kernels to visit, by position: in this pass (after the current one) and in the next.
  const index = new Map(groups.map((g, i) => [g, i]));
  let cursor = -1;
  let now = new Uint8Array(groups.length).fill(1);
  let next = new Uint8Array(groups.length);
  let pending = 0;
  const markDirty = (g: KernelGroup) => {
    const i = index.get(g)!;
    if (now[i] || next[i]) return;
    if (i > cursor) now[i] = 1;
    else {
      next[i] = 1;
      pending++;
    }
  };
  for (;;) {
    // The next kernel of this pass (positions increase within a pass), else the next pass's first.
    let i = cursor + 1;
    while (i < now.length && !now[i]) i++;
    if (i === now.length) {
      if (!pending) break;
      [now, next] = [next, now];
      pending = 0;
      cursor = -1;
      continue;
    }
    now[i] = 0;
    cursor = i;
    const g2 = groups[i];
    if (!g2.members.size || (g2.kind !== "elementwise" && g2.kind !== "rows")) continue;
    for (const g1 of reads(g2)) {
      if (g1 === g2 || !g1.members.size) continue;
      if (!mergeable(g1, g2) || dependsVia(g2, g1)) continue;
      const saved1 = snapshot(g1);
      const outputs1 = g1.outputs;
      const outputs2 = g2.outputs;
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
      const readElsewhere = (o: Node) => (u: Node) => {
        if (!g1.members.has(u)) return true;
        for (const g of computedBy.get(u)!) if (g !== g1 && g !== g2 && !g.members.has(o)) return true;
        return false;
      };
      g1.outputs = [...g1.outputs, ...g2.outputs].filter(
        (o) => outputs.has(o) || (users.get(o) ?? []).some(readElsewhere(o)),
      );
      if (!valid(g1)) {
        restore(g1, saved1);
        continue;
      }
      // Who may merge differently now: g1, the readers of g1 and g2, the kernels
      // sharing a member with them, and the readers of those. A shared member
      // matters only as a reader of a stored value (`readElsewhere`): one
      // without inputs (a constant, iota) reads none, so it makes no sharing.
      const dirty = new Set<KernelGroup>([g1]);
      readersOf([...outputs1, ...outputs2], dirty);
      const sharing = new Set<KernelGroup>();
      for (const m of g1.members)
        if (m.inputs.length) for (const s of computedBy.get(m)!) if (s !== g1 && s !== g2) sharing.add(s);
      for (const s of sharing) {
        dirty.add(s);
        readersOf(s.outputs, dirty);
      }
      for (const m of g2.members) {
        const by = computedBy.get(m)!;
        by.delete(g2);
        by.add(g1);
      }
      g2.members.clear();
      g2.outputs = [];
      for (const o of [...outputs1, ...outputs2]) producer.delete(o);
      for (const o of g1.outputs) producer.set(o, g1);
      dirty.delete(g2);
      // What another kernel reads changes only by g2 becoming g1 (it reads no value that
      // stopped being stored: `readElsewhere` keeps those); g1's own is found again.
      readCache.delete(g1);
      readCache.delete(g2);
      for (const g of dirty) if (readCache.get(g)?.delete(g2)) readCache.get(g)!.add(g1);
      for (const g of dirty) markDirty(g);
      break;
    }
  }
}

/**
 * Horizontal fusion: kernels over the same elements (or rows) with no path
 * between them become one, e.g. the batch means of the loss and the accuracy.
 * What each kernel reads, and every kernel it reaches, are kept between pairs:
 * a merge changes them only for the two kernels and the kernels reaching them.
 *
 * A pair is not generated when the two kernels alone (`loadsOf`: the nodes
 * a kernel's code loads, when it can be generated) already need more storage
 * buffers together than `maxBuffers`: the merged kernel stores both kernels'
 * values and loads at least what each loads, since with no path between them
 * neither computes a value the other loads (a stored value is computed by one
 * kernel only). Resnet: ~290 of its ~870 generated candidates.
 */
export function mergeIndependent(
  groups: KernelGroup[],
  valid: (g: KernelGroup) => boolean,
  maxBuffers = Infinity,
  loadsOf: (g: KernelGroup) => readonly Node[] | undefined = () => undefined,
) {
  const loadCache = new Map<KernelGroup, readonly Node[] | undefined>();
  const loads = (g: KernelGroup) => {
    if (!loadCache.has(g)) loadCache.set(g, loadsOf(g));
    return loadCache.get(g);
  };
  const cannotFit = (g1: KernelGroup, g2: KernelGroup) => {
    const a = loads(g1);
    const b = loads(g2);
    if (!a || !b) return false;
    const all = new Set(a);
    for (const n of b) all.add(n);
    return all.size + g1.outputs.length + g2.outputs.length > maxBuffers;
  };
  const producer = new Map<Node, KernelGroup>();
  for (const g of groups) for (const o of g.outputs) producer.set(o, g);
  const readCache = new Map<KernelGroup, Set<KernelGroup>>();
  const readsOf = (g: KernelGroup) => {
    let r = readCache.get(g);
    if (r) return r;
    r = new Set<KernelGroup>();
    for (const m of g.members)
      for (const i of m.inputs) {
        const p = !g.members.has(i) ? producer.get(i) : undefined;
        if (p && p !== g) r.add(p);
      }
    readCache.set(g, r);
    return r;
  };
  /** The kernels `from` depends on, directly or not. */
  const reachCache = new Map<KernelGroup, Set<KernelGroup>>();
  const reachable = (from: KernelGroup) => {
    let seen = reachCache.get(from);
    if (seen) return seen;
    seen = new Set<KernelGroup>();
    const stack = [from];
    while (stack.length) {
      for (const r of readsOf(stack.pop()!))
        if (!seen.has(r)) {
          seen.add(r);
          stack.push(r);
        }
    }
    reachCache.set(from, seen);
    return seen;
  };
  const reaches = (from: KernelGroup, to: KernelGroup) => reachable(from).has(to);
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
        if (cannotFit(g1, g2)) continue;
        // Undone by taking back what was added (not by copying g1's members first).
        const { outputs, stages } = g1;
        const added = [...g2.members].filter((m) => !g1.members.has(m));
        for (const m of added) g1.members.add(m);
        g1.outputs = [...g1.outputs, ...g2.outputs];
        g1.stages = [...g1.stages, ...g2.stages];
        if (!valid(g1)) {
          for (const m of added) g1.members.delete(m);
          Object.assign(g1, { outputs, stages });
          continue;
        }
        for (const o of g2.outputs) producer.set(o, g1);
        g2.members.clear();
        g2.outputs = [];
        g2.stages = [];
        // g2's readers now read g1; the kernels reaching either reach both.
        for (const [g, r] of readCache) if (r.has(g2)) readCache.delete(g);
        readCache.delete(g1);
        readCache.delete(g2);
        for (const [g, r] of reachCache) if (r.has(g1) || r.has(g2)) reachCache.delete(g);
        reachCache.delete(g1);
        reachCache.delete(g2);
        loadCache.delete(g1);
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
