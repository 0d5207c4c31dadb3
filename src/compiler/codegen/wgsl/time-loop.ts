// Time loops on WebGPU: a `scan` (autodiff/scan.ts: RNN, LSTM and GRU layers
// and their derivatives) is not unrolled. Its body is compiled once, as a
// program of its own over one step (state [R, S], step input [R, X], the
// consts), and the executor runs that program T times, copying the step's
// input in and the new state out between runs. So the number of kernels and
// the compile time do not depend on the sequence length.
//
// Before fusion every scan is made time-major (xs [T, R, X], ys [T, R, S]),
// so that a step's input and output are each one contiguous range of a
// buffer; the two transposes are ordinary index math fused into neighbours.

import { attrsOf, makeNode, type Node } from "../../ir/node";
import { getOp } from "../../ir/registry";
import { input } from "../../ir/builder";
import { Graph, rewrite } from "../../ir/graph";
import { bodyAttrs, timeMajor } from "../../autodiff/scan";
import { InternalError } from "../../diagnostics";
import type { KernelGroup } from "./fusion";

/** A scan, run by the executor as a loop over its body's program. */
export interface LoopStep<P> {
  loop: {
    /** The body over one step: inputs `state`, `x`, `c0`, `c1`, ... (the consts); output `next`. */
    body: P;
    steps: number;
    reverse: boolean;
    /** Bytes of one step's state and of one step's input. */
    stateBytes: number;
    inputBytes: number;
  };
  /** init, xs [T, R, X], consts: read in place by the loop and its body. */
  reads: Node[];
  /** ys [T, R, S]. */
  writes: Node[];
}

/** Every scan time-major (see above). */
export function timeMajorScans(g: Graph): Graph {
  return rewrite(g, (n, ins) => (n.op === "scan" ? timeMajor(makeNode("scan", ins, n.attrs)) : undefined));
}

/** The graph of one step of a scan: what the loop runs T times. */
export function scanBody(scan: Node): Graph {
  const [init, xs, ...consts] = scan.inputs;
  const a = attrsOf(scan, "scan");
  if (a.axis !== 0) throw new InternalError("a time loop needs a time-major scan");
  const state = input("state", init.dtype, init.shape);
  const x = input("x", xs.dtype, xs.shape.slice(1));
  const cs = consts.map((c, k) => input(`c${k}`, c.dtype, c.shape));
  const next = makeNode(getOp(a.body), [state, x, ...cs], bodyAttrs(a));
  return new Graph(
    [state, x, ...cs].map((node) => ({ name: attrsOf(node, "input").name, node, role: "data" as const })),
    [{ name: "next", node: next }],
  );
}

const bytes = (shape: readonly (number | string)[]) => 4 * (shape as number[]).reduce((p, d) => p * d, 1);

/** The loop step of a fusion group of kind `scan`, its body compiled by `compile`. */
export function loopStep<P>(g: KernelGroup, compile: (body: Graph) => P): LoopStep<P> {
  const scan = g.anchor!;
  const [init, xs] = scan.inputs;
  return {
    loop: {
      body: compile(scanBody(scan)),
      steps: xs.shape[0] as number,
      reverse: attrsOf(scan, "scan").reverse,
      stateBytes: bytes(init.shape),
      inputBytes: bytes(xs.shape.slice(1)),
    },
    reads: [...scan.inputs],
    writes: [scan],
  };
}
