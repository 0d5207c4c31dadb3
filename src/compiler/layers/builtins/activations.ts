// Activation layers: the module form of the elementwise functions (nn.ReLU, …).

import { normAxis } from "../../dims";
import { showShape } from "../../tensor-type";
import { fail, type LayerDef } from "../registry";
import { needFloat } from "../rules";

function activation(name: string, doc: string, intOk = false, args: LayerDef["args"] = []): LayerDef {
  return {
    kind: "layer",
    name,
    doc,
    args,
    infer(input, args, { display }) {
      if (!input) return fail(`${display} needs an input`);
      const err = intOk ? undefined : needFloat(input, display);
      return err ?? { type: input, args };
    },
    params: () => [],
  };
}

export const ReLU = activation("ReLU", "max(x, 0), elementwise.", true);
export const GELU = activation("GELU", "x·Φ(x) (exact, erf form), elementwise.");
export const SiLU = activation("SiLU", "x·sigmoid(x) (swish), elementwise.");
export const Tanh = activation("Tanh", "tanh(x), elementwise.");
export const Sigmoid = activation("Sigmoid", "1 / (1 + exp(-x)), elementwise.");
export const LeakyReLU = activation("LeakyReLU", "x where x > 0, else negative_slope·x, elementwise.", false, [{ name: "negative_slope", kind: "float", default: 0.01 }]);
export const ELU = activation("ELU", "x where x > 0, else alpha·(exp(x) − 1), elementwise.", false, [{ name: "alpha", kind: "float", default: 1 }]);
export const Softplus = activation("Softplus", "log(1 + exp(beta·x)) / beta (x where beta·x > threshold), elementwise.", false, [
  { name: "beta", kind: "float", default: 1 },
  { name: "threshold", kind: "float", default: 20 },
]);
export const Mish = activation("Mish", "x·tanh(softplus(x)), elementwise.");
export const Identity = activation("Identity", "x unchanged (a placeholder, as nn.Identity).", true);

export const Softmax: LayerDef = {
  kind: "layer",
  name: "Softmax",
  doc: "exp(x) / sum(exp(x)) along `dim` (default the last).",
  args: [{ name: "dim", kind: "axis", default: -1 }],
  infer(input, args, { display }) {
    if (!input) return fail(`${display} needs an input`);
    const err = needFloat(input, display);
    if (err) return err;
    const axis = normAxis(args.dim as number, input.shape.length);
    if (axis === undefined)
      return fail(`${display}: dim ${String(args.dim)} is out of range for ${showShape(input.shape)}`, "DL3008");
    return { type: input, args: { ...args, dim: axis } };
  },
  params: () => [],
};
