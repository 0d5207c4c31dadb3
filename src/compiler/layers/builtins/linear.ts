// Linear: y = x Wᵀ + b over the last dimension (torch.nn.Linear).

import { type TensorType } from "../../tensor-type";
import { f32, fanInUniform, kaimingUniform, num, type LayerDef } from "../registry";
import { badSize, firstError, needFloat, needLast, needMinRank } from "../rules";

export const Linear: LayerDef = {
  kind: "layer",
  name: "Linear",
  doc: "Applies y = x Wᵀ + b to the last dimension. `Linear(out)` infers in_features from the input; `Linear(in, out)` states it and is checked.",
  args: [
    { name: "in_features", kind: "dim", doc: "size of the input's last dimension (inferred when omitted)" },
    { name: "out_features", kind: "dim", required: true, doc: "size of the output's last dimension" },
    { name: "bias", kind: "bool", default: true, doc: "learn an additive bias" },
  ],
  positional: [["out_features"], ["in_features", "out_features"]],
  infer(input, args, { display }) {
    if (!input) return { error: `${display} needs an input` };
    const err = firstError(
      badSize(args.out_features, "out_features", display),
      needFloat(input, display),
      needMinRank(input, 1, display, "[.., in_features]"),
      args.in_features !== undefined ? needLast(input, args.in_features as number, display) : undefined,
    );
    if (err) return err;
    const inF = input.shape[input.shape.length - 1];
    const shape = input.shape.slice(); // rank >= 1: the last dimension becomes out_features
    shape[shape.length - 1] = args.out_features as number;
    const type: TensorType = { dtype: input.dtype, shape };
    return { type, args: { ...args, in_features: inF } };
  },
  params(a) {
    const fanIn = num(a.in_features);
    const shapeW = [a.out_features as number, a.in_features as number];
    const ps = [f32("weight", shapeW, kaimingUniform(fanIn))];
    if (a.bias !== false) ps.push(f32("bias", [a.out_features as number], fanInUniform(fanIn)));
    return ps;
  },
};
