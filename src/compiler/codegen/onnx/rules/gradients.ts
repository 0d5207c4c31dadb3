// Training-only ops (gradients of convolution and pooling), so the training
// step exports too. Each is a decomposition into standard ONNX ops; the math
// is in the comment above each rule. Spatial sizes must be concrete (they
// are after a train block binds the data's shape).

import { Unsupported, type OnnxEmitter } from "../emitter";
import { attr } from "../proto";
import type { Node } from "../../../ir/node";
import { pair } from "./compute";
import type { OnnxRules } from "./rule";


function concreteDims(shape: Node["shape"], axes: number[], what: string): number[] {
  return axes.map((a) => {
    const d = shape[a];
    if (typeof d !== "number") throw new Unsupported(`${what} over a symbolic spatial size`);
    return d;
  });
}

const transposeNC = (e: OnnxEmitter, v: string) => e.op("Transpose", [v], { perm: attr.ints([1, 0, 2, 3]) });

export const GRADIENT_RULES = {
  // dw[o,c,i,j] = Σ_{n,oh,ow} dy[n,o,oh,ow] · x[n, c, oh·s + i·d − p, ow·s + j·d − p]
  // is a convolution with the roles of batch and channels swapped:
  //   Conv(xᵀ [C,N,H,W], dyᵀ [O,N,OH,OW], strides = d, dilations = s, pads = p) → [C,O,KH',KW'],
  // sliced to the kernel size (KH' ≥ KH when the strided conv dropped rows), then transposed back.
  // With G groups that computes every (output, input) channel pair, [O, C, KH, KW]; output
  // channel o's block is its own group's inputs: viewed as [G, O/G, G, C/G, KH, KW], the
  // diagonal g = g' (a mask, then a sum over the second G) → [O, C/G, KH, KW].
  conv2d_grad_weight: {
    emit: (e, n, [x, dy]) => {
      const G = n.attrs.groups;
      const [O, Cg, kh, kw] = concreteDims(n.attrs.shape, [0, 1, 2, 3], "a grouped convolution's weight gradient");
      const [ph, pw] = pair(n.attrs.padding, "padding");
      const conv = e.op("Conv", [transposeNC(e, x), transposeNC(e, dy)], {
        strides: attr.ints(pair(n.attrs.dilation, "dilation")),
        dilations: attr.ints(pair(n.attrs.stride, "stride")),
        pads: attr.ints([ph, pw, ph, pw]),
      });
      const cut = e.op("Slice", [conv, e.i64([0, 0]), e.i64([kh, kw]), e.i64([2, 3])]);
      const all = transposeNC(e, cut);
      if (G === 1) return all;
      const blocks = e.op("Reshape", [all, e.i64([G, O / G, G, Cg, kh, kw])]);
      const eye = new Float32Array(G * G);
      for (let g = 0; g < G; g++) eye[g * G + g] = 1;
      const own = e.op("Mul", [blocks, e.constant({ dtype: "f32", dims: [G, 1, G, 1, 1, 1], data: eye })]);
      const diag = e.op("ReduceSum", [own, e.i64([2])], { keepdims: attr.int(0) });
      return e.op("Reshape", [diag, e.i64([O, Cg, kh, kw])]);
    },
  },
  // dx of average pooling spreads dy[oh,ow] / count over its window: a
  // depthwise ConvTranspose of dy / count with a kernel of ones (group = C).
  // count is the window size (count_include_pad; floor mode never clips the
  // padded window) or the number of in-bounds cells, a constant per position.
  avg_pool2d_grad: {
    emit: (e, n, [dy]) => {
      const [k, s, p] = (["kernel", "stride", "padding"] as const).map((a) => pair(n.attrs[a], a));
      const [C, H, W] = concreteDims(n.attrs.shape, [1, 2, 3], "average pooling's gradient");
      const [OH, OW] = concreteDims(n.inputs[0].shape, [2, 3], "average pooling's gradient");
      const counts = new Float32Array(OH * OW);
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const rows = n.attrs.count_include_pad ? k[0] : Math.min(oh * s[0] - p[0] + k[0], H) - Math.max(oh * s[0] - p[0], 0);
          const cols = n.attrs.count_include_pad ? k[1] : Math.min(ow * s[1] - p[1] + k[1], W) - Math.max(ow * s[1] - p[1], 0);
          counts[oh * OW + ow] = 1 / (rows * cols);
        }
      }
      const scaled = e.op("Mul", [dy, e.constant({ dtype: "f32", dims: [1, 1, OH, OW], data: counts })]);
      const ones = e.constant({ dtype: "f32", dims: [C, 1, k[0], k[1]], data: new Float32Array(C * k[0] * k[1]).fill(1) });
      const outPad = [H - ((OH - 1) * s[0] - 2 * p[0] + k[0]), W - ((OW - 1) * s[1] - 2 * p[1] + k[1])];
      return e.op("ConvTranspose", [scaled, ones], {
        strides: attr.ints(s),
        pads: attr.ints([p[0], p[1], p[0], p[1]]),
        group: attr.int(C),
        output_padding: attr.ints(outPad),
      });
    },
  },
  // dx of max pooling adds dy at each window's first maximum: MaxPool's second
  // output holds that position as a flat index into x (row-major over N,C,H,W;
  // ONNX Runtime keeps the first of equal values, as dlnet does), so dx is
  // ScatterElements(zeros, indices, dy, reduction = add) over the flat tensor.
  max_pool2d_grad: {
    emit: (e, n, [x, dy]) => {
      const [k, s, p] = (["kernel", "stride", "padding"] as const).map((a) => pair(n.attrs[a], a));
      const [, idx] = e.opN("MaxPool", [x], 2, {
        kernel_shape: attr.ints(k),
        strides: attr.ints(s),
        pads: attr.ints([p[0], p[1], p[0], p[1]]),
      });
      const flat = e.i64([-1]);
      const zeros = e.op("Mul", [e.op("Reshape", [x, flat]), e.scalar(0, "f32")], undefined, "zeros");
      const sum = e.op("ScatterElements", [zeros, e.op("Reshape", [idx, flat]), e.op("Reshape", [dy, flat])], {
        axis: attr.int(0),
        reduction: attr.string("add"),
      });
      return e.op("Reshape", [sum, e.op("Shape", [x])]);
    },
  },
} satisfies OnnxRules;
