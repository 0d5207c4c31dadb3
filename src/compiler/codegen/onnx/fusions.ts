// Patterns the exporter writes as one ONNX op, the way PyTorch exports the
// same layers: a Linear is Gemm(x, W, b, transB=1), a convolution with bias is
// Conv(x, W, b). Each pattern absorbs its inner nodes only when nothing else
// reads them; the values are the same either way.

import { attrsOf, type Node } from "../../ir/node";
import type { OnnxEmitter } from "./emitter";
import { attr } from "./proto";

/** Emits the fused op given the names of already-emitted nodes. */
export type FusedEmit = (e: OnnxEmitter, name: (n: Node) => string) => string;

export interface Fusions {
  /** Nodes replaced by a fused op. */
  at: Map<Node, FusedEmit>;
  /** Inner nodes that need no ONNX node of their own. */
  absorbed: Set<Node>;
}

export function findFusions(order: readonly Node[], outputs: ReadonlySet<Node>): Fusions {
  const users = new Map<Node, number>();
  for (const n of order) for (const c of n.inputs) users.set(c, (users.get(c) ?? 0) + 1);
  const only = (n: Node) => users.get(n) === 1 && !outputs.has(n);
  const at = new Map<Node, FusedEmit>();
  const absorbed = new Set<Node>();
  for (const n of order) {
    if (n.op !== "add" || n.dtype !== "f32") continue;
    for (const k of [0, 1]) {
      const inner = n.inputs[k];
      const bias = n.inputs[1 - k];
      if (!only(inner) || absorbed.has(inner) || inner.shape.some((d, i) => d !== n.shape[i]) || inner.shape.length !== n.shape.length) continue;
      // add(matmul(a, wᵀ), bias), a of rank 2: Gemm with transB (the transpose absorbed when private).
      if (inner.op === "matmul" && inner.inputs[0].shape.length === 2 && inner.inputs[1].shape.length === 2 && bias.shape.length <= 2) {
        const [a, w] = inner.inputs;
        const transposed = w.op === "permute" && only(w);
        at.set(n, (e, name) =>
          e.op("Gemm", [name(a), transposed ? name(w.inputs[0]) : name(w), name(bias)], transposed ? { transB: attr.int(1) } : undefined));
        absorbed.add(inner);
        if (transposed) absorbed.add(w);
        break;
      }
      // add(conv2d(x, w), reshape(b, [C, 1, 1])), b of shape [C]: Conv with its bias input.
      const c = inner.shape[1];
      const isChannelBias = (m: Node) =>
        m.op === "reshape" && m.inputs[0].shape.length === 1 && m.inputs[0].shape[0] === c &&
        m.shape.length === 3 && m.shape[0] === c && m.shape[1] === 1 && m.shape[2] === 1;
      if (inner.op === "conv2d" && isChannelBias(bias)) {
        const [x, w] = inner.inputs;
        const b = bias.inputs[0];
        at.set(n, (e, name) => e.op("Conv", [name(x), name(w), name(b)], convAttrsOf(inner)));
        absorbed.add(inner);
        if (only(bias)) absorbed.add(bias);
        break;
      }
    }
  }
  return { at, absorbed };
}

function convAttrsOf(n: Node) {
  const a = attrsOf(n, "conv2d");
  const [ph, pw] = a.padding;
  return {
    strides: attr.ints(a.stride),
    pads: attr.ints([ph, pw, ph, pw]),
    dilations: attr.ints(a.dilation),
    group: attr.int(a.groups),
  };
}
