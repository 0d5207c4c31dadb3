// The epoch's mean loss and metrics over every step, computed the same way on
// every backend without reading anything back per step: the step graph gets a
// persistent running sum per value (`__sum.<name>`, state in and out like an
// optimizer's), which the device adds to on each run; the trainer zeroes the
// sums when an epoch starts and reads them once when it ends.

import { add, cast, GraphBuilder } from "../../compiler/ir/builder";
import type { Graph } from "../../compiler/ir/graph";
import type { Backend } from "../backend";
import { zeros } from "../../compiler/tensor";

const sumName = (name: string) => `__sum.${name}`;

/** `graph` plus an output `__sum.<name>` = input `__sum.<name>` + `<name>` for each scalar output named. */
export function withRunningSums(graph: Graph, names: readonly string[]): Graph {
  const b = new GraphBuilder();
  for (const i of graph.inputs) b.input(i.name, i.node.dtype, i.node.shape, i.role);
  for (const o of graph.outputs) b.output(o.name, o.node);
  for (const n of names) {
    const v = graph.output(n);
    const s = b.input(sumName(n), "f32", [], "state");
    b.output(sumName(n), add(s, v.dtype === "f32" ? v : cast(v, "f32")));
  }
  return b.build();
}

export class EpochSums {
  private count = 0;
  constructor(
    private readonly backend: Backend,
    private readonly names: readonly string[],
  ) {}

  /** Zero the sums (at the start of an epoch). */
  reset(): void {
    this.count = 0;
    for (const n of this.names) this.backend.setState(sumName(n), zeros([]));
  }

  /** One more run of the step graph (a batch, or a micro-batch under accumulation). */
  counted(): void {
    this.count++;
  }

  /** The means over the runs since `reset`, by name (empty when nothing ran). */
  async means(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    if (this.count === 0) return out;
    for (const n of this.names) out[n] = (await this.backend.getState(sumName(n))).data[0] / this.count;
    return out;
  }
}
