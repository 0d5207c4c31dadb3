// `dlnet export FILE --onnx OUT.onnx`: the model as an ONNX graph.

import { intOption, notAvailable, requiredOption, type Command } from "../command";
import { loadChecked } from "../frontend";

export const exportCommand: Command = {
  name: "export",
  summary: "export a model to ONNX (weights as initializers)",
  usage: "dlnet export FILE [--model NAME] --onnx OUT.onnx [--weights W] [--seed N] [--opset N] [--train NAME]",
  details:
    "Without --weights the parameters are freshly initialized from --seed (or the\n" +
    "train block's seed with --train).",
  options: {
    model: { type: "string", valueName: "NAME", help: "the model to export" },
    onnx: { type: "string", valueName: "OUT.onnx", help: "the ONNX file to write" },
    weights: { type: "string", valueName: "W", help: "trained weights (.safetensors)" },
    seed: { type: "string", valueName: "N", help: "initialization seed when there are no weights" },
    opset: { type: "string", valueName: "N", help: "ONNX opset version" },
    train: { type: "string", valueName: "NAME", help: "take the model and seed from this train block" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    requiredOption(args, this, "onnx");
    intOption(args, "seed", { min: 0 });
    intOption(args, "opset", { min: 1 });
    const loaded = loadChecked(args.positionals[0], ctx);
    if (typeof loaded === "number") return loaded;
    return notAvailable("'export'", ctx);
  },
};
