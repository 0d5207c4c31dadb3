// Memory plan: which buffer holds each stored value. Graph inputs that are
// parameters or state persist across runs; an output named like an input is
// that input's next value (train-graph/build.ts), so the two form a pair of
// buffers that swap roles every run (double buffering: a step reads one and
// writes the other, nothing is copied or read back). What the refresh kernels
// store (values computed from parameters alone, pipeline.ts) is kept from run
// to run in buffers of its own. Every other stored value gets a transient
// buffer, reused once its last reader has run (liveness over the kernel
// order); values that are graph outputs live to the end.

import { InternalError } from "../../diagnostics";
import type { Graph, InputRole } from "../../ir/graph";
import type { Node } from "../../ir/node";

export type SlotKind =
  | "input" // written by the host before every run (data, lr, step, seed)
  | "persistent" // parameter or state without an update: one buffer, kept
  | "current" // the read half of a double-buffered pair
  | "next" // the written half of a pair
  | "fixed" // written by a refresh kernel (a value computed from parameters alone): one buffer, kept
  | "transient";

export interface Slot {
  id: number;
  kind: SlotKind;
  bytes: number;
  /** input/persistent/current/next: the graph input's name. */
  name?: string;
  /** current <-> next partner. */
  pair?: number;
}

export interface KernelIO {
  reads: readonly Node[];
  writes: readonly Node[];
}

/** After the kernels run: copy `from`'s value into slot `to` (a value needed in two places). */
export interface Copy {
  from: number;
  to: number;
  bytes: number;
}

export interface MemoryPlan {
  slots: Slot[];
  slotOf: Map<Node, number>;
  /** Output name -> slot holding it after a run. */
  outputSlot: Map<string, number>;
  copies: Copy[];
  /** Bytes of transient buffers (after reuse) and of persistent ones. */
  transientBytes: number;
  persistentBytes: number;
}

const PERSISTENT: ReadonlySet<InputRole> = new Set(["param", "frozen", "state"]);

export const bytesOf = (n: Node) => 4 * (n.shape as number[]).reduce((p, d) => p * d, 1);

/**
 * Slots for a graph's inputs and for what `kernels` (in execution order)
 * store. The writes of the kernels in `refresh` (indices) are kept from run
 * to run, so each gets a buffer of its own.
 */
export function planMemory(graph: Graph, kernels: readonly KernelIO[], refresh: ReadonlySet<number> = new Set()): MemoryPlan {
  const slots: Slot[] = [];
  const slotOf = new Map<Node, number>();
  const outputSlot = new Map<string, number>();
  const copies: Copy[] = [];
  const add = (s: Omit<Slot, "id">) => slots.push({ id: slots.length, ...s }) - 1;
  const outNames = new Map(graph.outputs.map((o) => [o.name, o.node]));

  // Inputs, and the "next" halves of state pairs.
  const nextSlot = new Map<Node, number>();
  for (const i of graph.inputs) {
    const bytes = bytesOf(i.node);
    const out = outNames.get(i.name);
    if (!PERSISTENT.has(i.role)) {
      slotOf.set(i.node, add({ kind: "input", bytes, name: i.name }));
    } else if (!out || out === i.node) {
      slotOf.set(i.node, add({ kind: "persistent", bytes, name: i.name }));
    } else {
      if (bytesOf(out) !== bytes || out.dtype !== i.node.dtype) {
        throw new InternalError(`output '${i.name}' does not match the input it updates`);
      }
      const cur = add({ kind: "current", bytes, name: i.name });
      const nxt = add({ kind: "next", bytes, name: i.name, pair: cur });
      slots[cur].pair = nxt;
      slotOf.set(i.node, cur);
      if (nextSlot.has(out)) copies.push({ from: nextSlot.get(out)!, to: nxt, bytes });
      else nextSlot.set(out, nxt);
    }
  }

  // Transient values: liveness over the kernel order.
  const lastUse = new Map<Node, number>();
  kernels.forEach((k, t) => k.reads.forEach((n) => lastUse.set(n, t)));
  for (const o of graph.outputs) lastUse.set(o.node, Infinity);
  const free: number[] = [];
  const release = new Map<number, Node[]>();
  kernels.forEach((k, t) => {
    // Fusion's invariant: a kernel loads only graph inputs and what earlier kernels store.
    for (const r of k.reads) {
      if (!slotOf.has(r)) throw new InternalError(`kernel ${t + 1} reads %${r.id} (${r.op}), which no earlier kernel stores`);
    }
    for (const w of k.writes) {
      if (slotOf.has(w)) throw new InternalError("a value is stored twice");
      const pinned = nextSlot.get(w);
      if (pinned !== undefined) {
        slotOf.set(w, pinned);
        continue;
      }
      const bytes = bytesOf(w);
      if (refresh.has(t)) {
        slotOf.set(w, add({ kind: "fixed", bytes }));
        continue;
      }
      // Smallest free buffer that fits; else grow the largest free one; else a new one.
      let pick = -1;
      for (const f of free)
        if (slots[f].bytes >= bytes && (pick < 0 || slots[f].bytes < slots[pick].bytes)) pick = f;
      if (pick < 0 && free.length) {
        pick = free.reduce((a, b) => (slots[a].bytes >= slots[b].bytes ? a : b));
        slots[pick].bytes = bytes;
      }
      if (pick >= 0) free.splice(free.indexOf(pick), 1);
      else pick = add({ kind: "transient", bytes });
      slotOf.set(w, pick);
      const end = lastUse.get(w) ?? t;
      if (end !== Infinity) release.get(end)?.push(w) ?? release.set(end, [w]);
    }
    for (const n of release.get(t) ?? []) free.push(slotOf.get(n)!);
  });

  // A state's next value that no kernel computes (an input passed through) is copied.
  for (const [node, nxt] of nextSlot) {
    if (slotOf.get(node) !== nxt)
      copies.push({ from: slotOf.get(node)!, to: nxt, bytes: slots[nxt].bytes });
  }

  const inputNamed = new Map<string, Node>();
  for (const i of graph.inputs) if (!inputNamed.has(i.name)) inputNamed.set(i.name, i.node);
  for (const o of graph.outputs) {
    const s = slotOf.get(o.node);
    if (s === undefined) throw new InternalError(`output '${o.name}' is never stored`);
    const i = inputNamed.get(o.name);
    // A pair's output lives in its "next" half (possibly by a copy, above).
    outputSlot.set(o.name, i && slots[slotOf.get(i)!].pair !== undefined ? slots[slotOf.get(i)!].pair! : s);
  }
  const sum = (f: (s: Slot) => boolean) => slots.filter(f).reduce((p, s) => p + s.bytes, 0);
  return {
    slots,
    slotOf,
    outputSlot,
    copies,
    transientBytes: sum((s) => s.kind === "transient"),
    persistentBytes: sum((s) => s.kind !== "transient" && s.kind !== "input"),
  };
}
