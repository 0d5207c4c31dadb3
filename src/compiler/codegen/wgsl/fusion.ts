// Fusion: graph -> kernel plan. Every node of a concrete, expanded graph is
// assigned to the kernel(s) that compute it:
//   - elementwise and movement ops join the kernel of their consumers (a
//     value used by several kernels is stored once, unless it is pure index
//     math, which is cheaper to recompute than to store);
//   - matmul and conv take their elementwise consumers as an epilogue, and a
//     forward conv the max-pool that alone reads it where the backend pools
//     in the conv's store (fusePools);
//   - reductions over the same rows share one row kernel, with producers as
//     prologue and consumers as per-element or per-row outputs, so softmax,
//     log-softmax(+NLL) and layer norm are one kernel each;
//   - a kernel that reads another's output at the same element merges into it
//     (multi-output fusion); small elementwise kernels are recomputed by
//     their readers; independent kernels over the same elements or rows merge
//     (horizontal fusion) — all in fusion-merge.ts.
// What a kernel can compute is decided by the WGSL backend (`validate`): from
// what its code would load when that settles it, else by generating it, so
// the planner and the code generator cannot disagree; a kernel over the
// device's storage-buffer limit is split.

import { InternalError } from "../../diagnostics";
import type { Graph } from "../../ir/graph";
import type { Node } from "../../ir/node";
import { hashNumbers, sameElements, sameShape } from "../../ir/types";
import { stageAxes, type GroupKernel } from "./group-kernels";
import { wgslRule, type KernelKind } from "./op-rules";
import {
  ANCHORED,
  duplicateSmallProducers,
  mergeIndependent,
  mergeSiblings,
  restore,
  snapshot,
} from "./fusion-merge";

export type GroupKind =
  "elementwise" | "rows" | Exclude<KernelKind, "elementwise" | "index" | "reduce">;

export interface KernelGroup {
  id: number;
  kind: GroupKind;
  /** matmul/conv/argmax/pool/scatter_add: the node the kernel is built around. */
  anchor?: Node;
  /** rows: the reductions, in the order the kernel runs them. */
  stages: Node[];
  /** The iteration shape: output shape, or for rows the reduced tensor's shape. */
  shape: number[];
  /** rows: the reduced axes. */
  axes: number[];
  /** Nodes computed inside the kernel (including anchor and stages). */
  members: Set<Node>;
  /** Members stored to buffers, in binding order. */
  outputs: Node[];
  /** matmul/conv operand chains: recomputed per use, so only index math may join. */
  loadPosition: Set<Node>;
}

export interface KernelPlan {
  graph: Graph;
  /** In execution order: each group after the groups it reads from. */
  groups: KernelGroup[];
  /** The kernel generated for a group while planning (to validate it), if one was. */
  kernelOf(g: KernelGroup): GroupKernel | undefined;
}

/**
 * Whether a group's kernel can be generated: its binding count and the nodes
 * it loads (`reads`, or the kernel generated to know, which code generation
 * then reuses), or a reason it cannot be.
 */
export type Validate = (
  g: KernelGroup,
) => { bindings: number; reads?: readonly Node[]; kernel?: GroupKernel } | { error: string };

export interface FusionOptions {
  validate: Validate;
  maxStorageBuffers: number;
  /** Nodes stored by a kernel of their own even where they could be recomputed by their readers (packed operands). */
  stored?: ReadonlySet<Node>;
}

function isCheap(n: Node): boolean {
  const k = wgslRule(n).kind;
  return k === "index" && n.op !== "random_uniform" && n.op !== "input";
}

/** A value computed without reading any buffer: constants and index math over them. */
function isConstant(n: Node): boolean {
  return n.op === "const" || (isCheap(n) && n.inputs.every(isConstant));
}

/**
 * An elementwise op on one tensor and constants (`(x - 0.13) / 0.31`,
 * `relu(x)`): in a matmul operand it costs a few arithmetic instructions
 * per load and no load of its own, so it is recomputed there rather than
 * stored by a kernel of its own (batch-256 MLP inference: the input
 * standardization's kernel, 0.4 ms of ~2.4, is gone). Not for conv: its
 * gather reads each input KH*KW times per block, and a computed input
 * cannot take the vec4 path (conv.ts vectorX).
 */
function isLight(n: Node): boolean {
  return wgslRule(n).kind === "elementwise" && n.inputs.filter((i) => !isConstant(i)).length <= 1;
}

function isFusible(n: Node): boolean {
  const k = wgslRule(n).kind;
  return (k === "elementwise" || k === "index") && n.op !== "input";
}

const shapeOf = (n: Node) => n.shape as number[];

export function planFusion(graph: Graph, options: FusionOptions): KernelPlan {
  // Planning asks about the same candidate kernels many times: remember the
  // answers, by the hash of a group's signature, then the signature itself.
  const seen = new Map<number, { sig: number[]; r: ReturnType<Validate> }[]>();
  const kinds = new Map<GroupKind, number>();
  const opts: FusionOptions = {
    ...options,
    validate(g) {
      const sig = signature(g, kinds);
      const h = hashNumbers(sig);
      const bucket = seen.get(h);
      const hit = bucket?.find((e) => sameElements(e.sig, sig));
      if (hit) return hit.r;
      const r = options.validate(g);
      if (bucket) bucket.push({ sig, r });
      else seen.set(h, [{ sig, r }]);
      return r;
    },
  };
  const forced = new Set<Node>(options.stored);
  for (let attempt = 0; attempt < 64; attempt++) {
    const groups = group(graph, opts, forced);
    const checked = groups.map((g) => ({ g, r: opts.validate(g) }));
    const over = checked.filter(({ r }) => "error" in r || r.bindings > opts.maxStorageBuffers);
    if (!over.length) {
      // The same signature, the same kernel: only the stored values' array is the group's own.
      const kernels = new Map<KernelGroup, GroupKernel>();
      for (const { g, r } of checked) if ("kernel" in r && r.kernel) kernels.set(g, { ...r.kernel, writes: g.outputs });
      return { graph, groups: order(groups), kernelOf: (g) => kernels.get(g) };
    }
    // Split every kernel that does not fit, then group again.
    for (const { g, r } of over) {
      const split = splitPoint(g, forced, opts.maxStorageBuffers);
      if (!split) {
        const why = "error" in r ? r.error : `${r.bindings} storage buffers`;
        throw new InternalError(`kernel ${g.kind} cannot be generated or split: ${why}`);
      }
      forced.add(split);
    }
  }
  throw new InternalError("fusion did not converge");
}

/**
 * Everything codegen depends on, as numbers: kind, anchor, then each list with
 * its length (stages, outputs, shape, axes), then the members in the set's
 * order (the same members reached in another order only miss the memo, and
 * sorting them cost more than those misses: none among the examples). Numbers,
 * not text: a fresh string per validation cost its building, flattening and
 * hashing; a plain array, not a Float64Array, whose constructor cost ~1 µs.
 */
function signature(g: KernelGroup, kinds: Map<GroupKind, number>): number[] {
  let kind = kinds.get(g.kind);
  if (kind === undefined) kinds.set(g.kind, (kind = kinds.size));
  const s: number[] = [kind, g.anchor ? g.anchor.id : -1, g.stages.length];
  for (const n of g.stages) s.push(n.id);
  s.push(g.outputs.length);
  for (const n of g.outputs) s.push(n.id);
  s.push(g.shape.length);
  for (const d of g.shape) s.push(d);
  s.push(g.axes.length);
  for (const a of g.axes) s.push(a);
  for (const n of g.members) s.push(n.id);
  return s;
}

/**
 * The member to store separately when a kernel needs too many buffers: the
 * elementwise member reading the most buffers that still fit one kernel
 * (else index math feeding a product, else the product itself, else a row stage).
 */
function splitPoint(g: KernelGroup, forced: Set<Node>, limit: number): Node | undefined {
  const leavesOf = (n: Node) => {
    const leaves = new Set<Node>();
    const walk = (m: Node) => {
      for (const i of m.inputs) {
        if (g.members.has(i) && i !== g.anchor && !g.stages.includes(i)) walk(i);
        else leaves.add(i);
      }
    };
    walk(n);
    return leaves.size;
  };
  const pick = (cheap: boolean) => {
    const cands = [...g.members]
      .filter(
        (n) => n !== g.anchor && !g.stages.includes(n) && !g.outputs.includes(n) && !forced.has(n),
      )
      .filter((n) => isFusible(n) && isCheap(n) === cheap && n.op !== "const" && n.op !== "iota")
      .map((n) => ({ n, k: leavesOf(n) }))
      .filter(({ k }) => k > 0)
      .sort((a, b) => b.k - a.k);
    return (cands.find(({ k }) => k <= limit - 1) ?? cands[0])?.n;
  };
  const best = pick(false) ?? pick(true);
  if (best) return best;
  if (g.anchor && g.members.size > 1 && !forced.has(g.anchor)) return g.anchor;
  return [...g.stages].reverse().find((s, i) => i < g.stages.length - 1 && !forced.has(s));
}

function group(graph: Graph, opts: FusionOptions, forced: Set<Node>): KernelGroup[] {
  const nodes = graph.nodes();
  const g = new Grouping(graph, nodes, opts, forced);
  // Consumers first: each node joins (or starts) a kernel knowing the kernels that read it.
  for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k].op !== "input") g.place(nodes[k]);
  mergeSiblings(g.groups, g.users, g.outputs, g.computedBy, g.valid);
  duplicateSmallProducers(g.groups, g.users, g.outputs, g.computedBy, g.valid);
  // What a kernel loads on its own: generated once per kernel, it rules out pairs that cannot fit.
  mergeIndependent(g.groups, g.valid, opts.maxStorageBuffers, (x) => {
    const r = opts.validate(x);
    return "error" in r ? undefined : (r.reads ?? r.kernel?.reads);
  });
  fusePools(g.groups, g.users, g.outputs, g.valid);
  return g.groups.filter((x) => x.members.size > 0);
}

/**
 * Moves a max-pool into the forward convolution kernel whose stored result
 * it alone reads (inference: conv -> bias -> relu -> max_pool2d; in training
 * the pool's gradient reads that result too), when the backend can pool in
 * the convolution's store (conv-strip.ts): the pre-pool tensor, 4x the
 * pool's size, is then neither written nor read back.
 */
function fusePools(
  groups: KernelGroup[],
  users: Map<Node, Node[]>,
  outputs: Set<Node>,
  valid: (g: KernelGroup) => boolean,
): void {
  for (const p of groups) {
    const pool = p.anchor;
    if (pool?.op !== "max_pool2d" || p.outputs.length !== 1 || p.outputs[0] !== pool) continue;
    const x = pool.inputs[0];
    if (outputs.has(x) || (users.get(x) ?? []).length !== 1) continue;
    const c = groups.find((g) => g.kind === "conv2d" && g.outputs.length === 1 && g.outputs[0] === x);
    if (!c) continue;
    const saved = snapshot(c);
    for (const m of p.members) c.members.add(m);
    c.outputs = [pool];
    if (!valid(c)) {
      restore(c, saved);
      continue;
    }
    p.members.clear();
    p.outputs = [];
  }
}

/** The kernels being formed by one grouping pass, and where each node has gone. */
class Grouping {
  readonly users = new Map<Node, Node[]>();
  readonly outputs: Set<Node>;
  readonly groups: KernelGroup[] = [];
  /** The kernels computing each node (index math may be computed by several); the merges keep it up to date. */
  readonly computedBy = new Map<Node, Set<KernelGroup>>();
  private nextId = 0;

  constructor(
    graph: Graph,
    nodes: readonly Node[],
    private readonly opts: FusionOptions,
    private readonly forced: Set<Node>,
  ) {
    for (const n of nodes) for (const i of n.inputs) this.users.get(i)?.push(n) ?? this.users.set(i, [n]);
    this.outputs = new Set(graph.outputs.map((o) => o.node));
  }

  readonly valid = (g: KernelGroup): boolean => {
    const r = this.opts.validate(g);
    return !("error" in r) && r.bindings <= this.opts.maxStorageBuffers;
  };

  /** Puts node `n` in a kernel: its consumers' (fused), a row kernel's stages, an anchored kernel's, or its own. */
  place(n: Node): void {
    const cgs = this.consumerGroups(n);
    const only = cgs.size === 1 ? [...cgs][0] : undefined;
    if (isFusible(n)) return this.placeFusible(n, cgs, only);
    const kind = wgslRule(n).kind;
    // Reductions (and argmax) are row-kernel stages.
    if (kind === "reduce" || (kind === "argmax" && n.inputs[0].dtype === "f32")) return this.placeReduction(n, only);
    if (ANCHORED.has(kind) && only && only.kind === "elementwise" && sameShape(only.shape, shapeOf(n)) && this.tryAnchor(n, kind as GroupKind, only)) return;
    const g = this.newGroup(kind as GroupKind, n, shapeOf(n));
    g.anchor = n;
  }

  /** An elementwise or index node: inside the kernel(s) that read it when it may be, else stored by its own kernel. */
  private placeFusible(n: Node, cgs: Set<KernelGroup>, only: KernelGroup | undefined): void {
    const isOut = this.outputs.has(n);
    const us = this.users.get(n) ?? [];
    // A time loop reads whole buffers: what it reads is stored, never fused into it.
    const forLoop = [...cgs].some((g) => g.kind === "scan");
    if (!forLoop) {
      // Used only inside one kernel (and not wanted outside): compute it there.
      if (only && !isOut && !this.forced.has(n) && this.canInline(n, only, us)) return this.inline(n, only, us);
      if (!isOut && !this.forced.has(n) && isCheap(n) && cgs.size > 0) {
        for (const g of cgs) this.inline(n, g, us);
        return;
      }
    }
    this.newGroup("elementwise", n, shapeOf(n));
  }

  /** A reduction: a stage of the one row kernel reading it when they fit together, else the first stage of its own. */
  private placeReduction(n: Node, only: KernelGroup | undefined): void {
    const S = shapeOf(n.inputs[0]);
    const A = [...stageAxes(n)];
    const f32 = n.inputs[0].dtype === "f32";
    if (only && !this.outputs.has(n) && !this.forced.has(n) && f32 && this.tryStage(n, only, S, A)) return;
    const g = this.newGroup("rows", n, S);
    g.axes = A;
    g.stages = [n];
  }

  /** Makes matmul/conv/… `n` the anchor of the elementwise kernel `only` that reads it (an epilogue), if it still generates. */
  private tryAnchor(n: Node, kind: GroupKind, only: KernelGroup): boolean {
    const saved = snapshot(only);
    only.kind = kind;
    only.anchor = n;
    this.join(n, only);
    if (this.outputs.has(n)) only.outputs.push(n);
    if (this.valid(only)) return true;
    restore(only, saved);
    this.computedBy.get(n)!.delete(only);
    return false;
  }

  /** Makes reduction `n` a stage of row kernel `g` (converting an elementwise kernel). */
  private tryStage(n: Node, g: KernelGroup, S: number[], A: number[]): boolean {
    const rows = S.reduce((p, d) => p * d, 1) / A.reduce((p, a) => p * S[a], 1);
    const compatible =
      (g.kind === "rows" && sameShape(g.shape, S) && sameShape(g.axes, A)) ||
      (g.kind === "elementwise" &&
        (sameShape(g.shape, S) || g.shape.reduce((p, d) => p * d, 1) === rows));
    if (!compatible) return false;
    const saved = snapshot(g);
    g.kind = "rows";
    g.shape = S;
    g.axes = A;
    g.stages = [n, ...g.stages];
    this.join(n, g);
    if (this.valid(g)) return true;
    restore(g, saved);
    this.computedBy.get(n)!.delete(g);
    return false;
  }

  private consumerGroups(n: Node): Set<KernelGroup> {
    const s = new Set<KernelGroup>();
    for (const u of this.users.get(n) ?? []) for (const g of this.computedBy.get(u) ?? []) s.add(g);
    return s;
  }

  private canInline(n: Node, g: KernelGroup, us: Node[]): boolean {
    const inLoad = us.some((u) => g.members.has(u) && (u === g.anchor || g.loadPosition.has(u)));
    return !inLoad || isCheap(n) || (g.kind === "matmul" && isLight(n));
  }

  private inline(n: Node, g: KernelGroup, us: Node[]): void {
    this.join(n, g);
    if (us.some((u) => g.members.has(u) && (u === g.anchor || g.loadPosition.has(u))))
      g.loadPosition.add(n);
  }

  private join(n: Node, g: KernelGroup): void {
    g.members.add(n);
    this.computedBy.get(n)?.add(g) ?? this.computedBy.set(n, new Set([g]));
  }

  private newGroup(kind: GroupKind, n: Node, shape: number[]): KernelGroup {
    const g: KernelGroup = {
      id: this.nextId++,
      kind,
      stages: [],
      shape,
      axes: [],
      members: new Set(),
      outputs: [n],
      loadPosition: new Set(),
    };
    this.join(n, g);
    this.groups.push(g);
    return g;
  }
}

/** Topological order of kernels by the buffers they read. */
function order(groups: KernelGroup[]): KernelGroup[] {
  const producer = new Map<Node, KernelGroup>();
  for (const g of groups) for (const o of g.outputs) producer.set(o, g);
  const done = new Set<KernelGroup>();
  const out: KernelGroup[] = [];
  const visit = (g: KernelGroup, path: Set<KernelGroup>) => {
    if (done.has(g)) return;
    if (path.has(g)) throw new InternalError("kernel plan has a cycle");
    path.add(g);
    for (const m of g.members)
      for (const i of m.inputs) {
        const p = !g.members.has(i) ? producer.get(i) : undefined;
        if (p && p !== g) visit(p, path);
      }
    path.delete(g);
    done.add(g);
    out.push(g);
  };
  for (const g of [...groups].sort((a, b) => b.id - a.id)) visit(g, new Set());
  return out;
}
