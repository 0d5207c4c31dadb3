// `dlnet run FILE --weights W --inputs IN.json`: inference with trained weights.

import { BACKENDS, notAvailable, requiredOption, type Command } from "../command";
import { loadChecked } from "../frontend";

export const runCommand: Command = {
  name: "run",
  summary: "run a model on inputs from a JSON file with trained weights",
  usage:
    "dlnet run FILE [--model NAME] --weights W --inputs IN.json [--backend webgpu|cpu] [--out OUT.json]",
  details:
    "IN.json maps each model input to a nested array (or {shape, data}); the outputs\n" +
    "are printed as JSON, or written to --out.",
  options: {
    model: { type: "string", valueName: "NAME", help: "the model to run" },
    weights: { type: "string", valueName: "W", help: "weights (.safetensors checkpoint or .onnx)" },
    inputs: { type: "string", valueName: "IN.json", help: "input tensors as JSON" },
    backend: { type: "string", valueName: "NAME", help: "where to run (default webgpu)", choices: BACKENDS },
    out: { type: "string", valueName: "OUT.json", help: "write outputs here instead of stdout" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    requiredOption(args, this, "weights");
    requiredOption(args, this, "inputs");
    const loaded = loadChecked(args.positionals[0], ctx);
    if (typeof loaded === "number") return loaded;
    return notAvailable("'run'", ctx);
  },
};
