// Kernels generated once per structure. A model of repeated blocks (a
// ResNet's residual blocks, a transformer's layers) plans the same kernel
// many times over different buffers: the same ops, attributes, shapes and
// wiring, only other nodes. Code generation reads nothing else of a group
// (group-kernels.ts: its kind, shape, axes, anchor, stages, members and
// outputs, and the shapes and types of the values it loads), so such groups
// get the same kernel, bound to their own nodes. Resnet's training step: 92
// kernels, 59 distinct, 41% of its WGSL text generated once instead of twice
// or more (as a compiler caching functions by structural hash would).

import { attrsKeyOf, type Node } from "../../ir/node";
import type { OpDef } from "../../ir/op";
import { hashNumbers, sameElements } from "../../ir/types";
import type { KernelGroup } from "./fusion";
import type { GroupKernel } from "./group-kernels";

/**
 * A group's structure as numbers, and its nodes in the order the numbers
 * describe them: the outputs, anchor and stages, then each member before its
 * inputs (depth first), then the members not reached from those. A node is
 * described where first reached; later references give its position. Two
 * groups with equal structures compute the same thing, node for node.
 */
export interface GroupStructure {
  sig: number[];
  nodes: Node[];
}

/**
 * Numbers for op records, attribute texts, dtypes and group kinds, in the
 * order first met: structures compare equal only under one instance.
 */
export class StructureCodes {
  private readonly maps = { op: new Map<OpDef, number>(), attrs: new Map<string, number>(), dtype: new Map<string, number>(), kind: new Map<string, number>() };
  private code<K>(m: Map<K, number>, k: K): number {
    let c = m.get(k);
    if (c === undefined) m.set(k, (c = m.size));
    return c;
  }
  op = (d: OpDef) => this.code(this.maps.op, d);
  attrs = (k: string) => this.code(this.maps.attrs, k);
  dtype = (t: string) => this.code(this.maps.dtype, t);
  kind = (k: string) => this.code(this.maps.kind, k);
}

// Markers between a structure's parts: negative, unlike every id, size and code.
const MEMBER = -1;
const LEAF = -2;
const REF = -3;
const END = -4;

export function groupStructure(g: KernelGroup, codes: StructureCodes): GroupStructure {
  const sig: number[] = [codes.kind(g.kind), g.shape.length, ...g.shape, g.axes.length, ...g.axes];
  const nodes: Node[] = [];
  const at = new Map<Node, number>();
  const describe = (root: Node) => {
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      const seen = at.get(n);
      if (seen !== undefined) {
        sig.push(REF, seen);
        continue;
      }
      at.set(n, nodes.length);
      nodes.push(n);
      sig.push(codes.dtype(n.dtype), n.shape.length);
      for (const d of n.shape) sig.push(d as number);
      if (!g.members.has(n)) {
        sig.push(LEAF);
        continue;
      }
      sig.push(MEMBER, codes.op(n.def), codes.attrs(attrsKeyOf(n)), n.inputs.length);
      for (let i = n.inputs.length - 1; i >= 0; i--) stack.push(n.inputs[i]);
    }
  };
  for (const o of g.outputs) describe(o);
  sig.push(END);
  if (g.anchor) describe(g.anchor);
  sig.push(END);
  for (const s of g.stages) describe(s);
  sig.push(END);
  for (const m of g.members) if (!at.has(m)) describe(m);
  return { sig, nodes };
}

/**
 * The kernels of one compile by group structure: `of(g)` generates g's
 * kernel, or binds the kernel of an earlier group of the same structure to
 * g's own nodes (its reads at the same positions, its outputs).
 */
export class SharedKernels {
  private readonly codes = new StructureCodes();
  private readonly byHash = new Map<number, { s: GroupStructure; k: GroupKernel; pos: Map<Node, number> }[]>();

  constructor(private readonly generate: (g: KernelGroup) => GroupKernel) {}

  of(g: KernelGroup): GroupKernel {
    const s = groupStructure(g, this.codes);
    const h = hashNumbers(s.sig);
    const bucket = this.byHash.get(h);
    const hit = bucket?.find((e) => sameElements(e.s.sig, s.sig));
    if (hit) {
      const reads = hit.k.reads.map((r) => s.nodes[hit.pos.get(r)!]);
      return { kernel: hit.k.kernel, reads, writes: g.outputs };
    }
    const k = this.generate(g);
    const pos = new Map(s.nodes.map((n, i) => [n, i]));
    if (k.reads.every((r) => pos.has(r))) {
      const e = { s, k, pos };
      if (bucket) bucket.push(e);
      else this.byHash.set(h, [e]);
    }
    return k;
  }
}
