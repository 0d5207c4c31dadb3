// Convolutions and pooling, NCHW like PyTorch. Conv1d is Conv2d on a height-1
// image; ConvTranspose2d is the input-gradient of the convolution whose weight
// it shares ([in, out/groups, kh, kw] is that convolution's [O, C/groups, ..]).

import { add, avgPool2d, conv2d, conv2dGradInput, maxPool2d, mean, reshape, type Node, type Pool2dAttrs } from "../../ir/builder";
import type { BuiltinInstance } from "../../check/elaborated";
import { ints, lowers, need, type LayerLowering } from "../rules";
import * as L from "../../layers/builtins";

/** Add a per-channel bias [C] to NC… data. */
function channelBias(y: Node, b: Node | undefined): Node {
  if (!b) return y;
  return add(y, reshape(b, [b.shape[0], ...y.shape.slice(2).map(() => 1)]));
}

function convAttrs(inst: BuiltinInstance, n: number) {
  const a = inst.args;
  return {
    stride: ints(a, "stride", n, 1),
    padding: ints(a, "padding", n, 0),
    dilation: ints(a, "dilation", n, 1),
    groups: (a.groups as number | undefined) ?? 1,
  };
}

export const Conv2d = lowers(L.Conv2d, (cx, inst, x) =>
  channelBias(conv2d(need(x, "Conv2d"), cx.weight(inst), convAttrs(inst, 2)), cx.instParam(inst, "bias")));

export const Conv1d = lowers(L.Conv1d, (cx, inst, x0) => {
  const x = need(x0, "Conv1d");
  const w = cx.weight(inst);
  const a = convAttrs(inst, 1);
  const x4 = reshape(x, [x.shape[0], x.shape[1], 1, x.shape[2]]);
  const w4 = reshape(w, [w.shape[0], w.shape[1], 1, w.shape[2]]);
  const y = conv2d(x4, w4, { stride: [1, a.stride[0]], padding: [0, a.padding[0]], dilation: [1, a.dilation[0]], groups: a.groups });
  return channelBias(reshape(y, [y.shape[0], y.shape[1], y.shape[3]]), cx.instParam(inst, "bias"));
});

export const ConvTranspose2d = lowers(L.ConvTranspose2d, (cx, inst, x, e) =>
  channelBias(
    conv2dGradInput(need(x, "ConvTranspose2d"), cx.weight(inst), cx.shapeOf(e), convAttrs(inst, 2)),
    cx.instParam(inst, "bias"),
  ));

function poolAttrs(inst: BuiltinInstance) {
  const kernel = ints(inst.args, "kernel_size", 2, 1);
  return {
    kernel,
    stride: inst.args.stride === undefined ? kernel : ints(inst.args, "stride", 2, 1),
    padding: ints(inst.args, "padding", 2, 0),
  };
}

export const MaxPool2d = lowers(L.MaxPool2d, (_cx, inst, x) => maxPool2d(need(x, "MaxPool2d"), poolAttrs(inst)));
/** PyTorch's default count_include_pad=True: padded zeros count in the mean. */
export const AvgPool2d = lowers(L.AvgPool2d, (_cx, inst, x) => avgPool2d(need(x, "AvgPool2d"), { ...poolAttrs(inst), countIncludePad: true }));

/** 1-d pooling of [B, C, L] is 2-d pooling of [B, C, 1, L] with a 1×k window. */
function pool1d(name: string, pool2d: (x: Node, o: Pool2dAttrs) => Node): LayerLowering {
  return (_cx, inst, x0) => {
    const x = need(x0, name);
    const [k] = ints(inst.args, "kernel_size", 1, 1);
    const [s] = inst.args.stride === undefined ? [k] : ints(inst.args, "stride", 1, 1);
    const [p] = ints(inst.args, "padding", 1, 0);
    const y = pool2d(reshape(x, [x.shape[0], x.shape[1], 1, x.shape[2]]), { kernel: [1, k], stride: [1, s], padding: [0, p], countIncludePad: true });
    return reshape(y, [y.shape[0], y.shape[1], y.shape[3]]);
  };
}

export const MaxPool1d = lowers(L.MaxPool1d, pool1d("MaxPool1d", maxPool2d));
export const AvgPool1d = lowers(L.AvgPool1d, pool1d("AvgPool1d", avgPool2d));

export const GlobalAvgPool = lowers(L.GlobalAvgPool, (_cx, _inst, x0) => {
  const x = need(x0, "GlobalAvgPool");
  return mean(x, x.shape.slice(2).map((_, i) => i + 2));
});

