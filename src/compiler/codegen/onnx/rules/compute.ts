// Reductions, matmul, convolution, pooling, gather/scatter. Reductions take
// their axes as an input (ReduceSum since opset 13, the others since 18).

import { DTYPE_CODE, Unsupported, type OnnxEmitter } from "../emitter";
import { attr } from "../proto";
import type { OnnxRules } from "./rule";
import type { OpNode } from "../../../ir/node";

/** Reduce`kind`(x, axes) with keepdims; no axes is the identity (ONNX would reduce everything). */
export function reduce(e: OnnxEmitter, kind: string, n: OpNode<"reduce_sum" | "reduce_max" | "reduce_mean" | "logsumexp">, x: string): string {
  const axes = n.attrs.axes;
  if (axes.length === 0) return e.op("Identity", [x], undefined, kind.toLowerCase());
  return e.op(kind, [x, e.i64(axes)], { keepdims: attr.int(n.attrs.keepdims ? 1 : 0) });
}

/** The (H, W) values of a 2-D window attribute. */
export function pair(a: readonly number[], name: string): readonly number[] {
  if (a.length !== 2) throw new Unsupported(`${name} with ${a.length} values`);
  return a;
}

function convAttrs(n: OpNode<"conv2d" | "conv2d_grad_input">) {
  const [ph, pw] = pair(n.attrs.padding, "padding");
  return {
    strides: attr.ints(pair(n.attrs.stride, "stride")),
    pads: attr.ints([ph, pw, ph, pw]),
    dilations: attr.ints(pair(n.attrs.dilation, "dilation")),
    group: attr.int(n.attrs.groups),
  };
}

function poolAttrs(n: OpNode<"max_pool2d" | "avg_pool2d">) {
  const [ph, pw] = pair(n.attrs.padding, "padding");
  return {
    kernel_shape: attr.ints(pair(n.attrs.kernel, "kernel")),
    strides: attr.ints(pair(n.attrs.stride, "stride")),
    pads: attr.ints([ph, pw, ph, pw]),
  };
}

export const COMPUTE_RULES = {
  reduce_sum: { emit: (e, n, [x]) => reduce(e, "ReduceSum", n, x) },
  reduce_max: { emit: (e, n, [x]) => reduce(e, "ReduceMax", n, x) },
  // ArgMax returns int64 and picks the first maximum (select_last_index = 0), like the reference.
  argmax: {
    emit: (e, n, [x]) => {
      const i = e.op("ArgMax", [x], { axis: attr.int(n.attrs.axis), keepdims: attr.int(n.attrs.keepdims ? 1 : 0) });
      return e.op("Cast", [i], { to: attr.int(DTYPE_CODE.i32) }, "argmax");
    },
  },
  matmul: { emit: (e, _n, ins) => e.op("MatMul", ins) },
  conv2d: { emit: (e, n, ins) => e.op("Conv", ins, convAttrs(n)) },
  // The input gradient of conv2d is ConvTranspose with conv2d's own weight
  // ([O, C/g, kh, kw] is ConvTranspose's [C_in, C_out/g, kh, kw]); output_padding
  // recovers the rows a strided conv dropped, so the result has `shape`.
  conv2d_grad_input: {
    emit: (e, n, ins) => {
      const [dy, w] = n.inputs;
      const target = n.attrs.shape;
      const stride = pair(n.attrs.stride, "stride");
      const pad = pair(n.attrs.padding, "padding");
      const dil = pair(n.attrs.dilation, "dilation");
      const outPad = [0, 1].map((i) => {
        const ind = dy.shape[2 + i];
        const k = w.shape[2 + i];
        const want = target[2 + i];
        if (typeof ind !== "number" || typeof k !== "number" || typeof want !== "number") {
          throw new Unsupported("a transposed convolution over symbolic spatial sizes");
        }
        return want - ((ind - 1) * stride[i] - 2 * pad[i] + dil[i] * (k - 1) + 1);
      });
      return e.op("ConvTranspose", ins, { ...convAttrs(n), output_padding: attr.ints(outPad) });
    },
  },
  max_pool2d: { emit: (e, n, [x]) => e.op("MaxPool", [x], poolAttrs(n)) },
  avg_pool2d: {
    emit: (e, n, [x]) => e.op("AveragePool", [x], { ...poolAttrs(n), count_include_pad: attr.int(n.attrs.count_include_pad ? 1 : 0) }),
  },
  gather: { emit: (e, n, ins) => e.op("Gather", ins, { axis: attr.int(n.attrs.axis) }) },
  // (ONNX Runtime checks Gather's indices itself; labels are not checked in an exported graph)
  check_index: { emit: (e, _n, ins) => e.op("Identity", ins) },
  // scatter_add (the gradient of gather): zeros, then ScatterElements with
  // reduction "add" and the 1-D index broadcast to the source's shape. A k-dim
  // index (Embedding over [batch, T]) is flattened first, and the source's k
  // index dims with it: [pre, j1..jk, post] → [pre, j, post].
  scatter_add: {
    emit: (e, n, [src0, idx0]) => {
      const ax = n.attrs.axis;
      const [s0, i] = n.inputs;
      let src = src0;
      let idx = idx0;
      let shape = s0.shape;
      if (i.shape.length !== 1) {
        const post = s0.shape.slice(ax + i.shape.length);
        if (!post.every((d) => typeof d === "number")) throw new Unsupported("scatter_add with a multi-dimensional index over symbolic trailing dims");
        idx = e.op("Reshape", [idx0, e.i64([-1])]);
        // Reshape's 0 copies a leading dim (symbolic ones included); -1 is the merged index dims.
        src = e.op("Reshape", [src0, e.i64([...s0.shape.slice(0, ax).map(() => 0), -1, ...(post as number[])])]);
        shape = [...s0.shape.slice(0, ax), "j", ...post];
      }
      const line = e.op("Reshape", [idx, e.i64(shape.map((_, k) => (k === ax ? -1 : 1)))]);
      const full = e.op("Expand", [line, e.op("Shape", [src])]);
      const zeros = e.op("ConstantOfShape", [e.shape(n.shape)], { value: attr.tensor({ dtype: "f32", dims: [1], data: Float32Array.of(0) }) }, "zeros");
      return e.op("ScatterElements", [zeros, full, src], { axis: attr.int(ax), reduction: attr.string("add") });
    },
  },
} satisfies OnnxRules;
