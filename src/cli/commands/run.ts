// `dlnet run FILE --weights W --inputs IN.json`: inference with trained weights.
// Eval mode (dropout off, BatchNorm on running statistics). The model's
// symbolic dims bind from the shapes in IN.json; the model is elaborated at
// those shapes, so a recurrent model's sequence length may vary per run.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UserError } from "../../compiler/diagnostics";
import { writeFileAtomic } from "../../runtime/checkpoint/safetensors";
import { selectBackend } from "../../runtime/select-backend";
import { BACKENDS, boolOption, EXIT, intOption, requiredOption, stringOption, type Command } from "../command";
import { loadChecked, reportToStderr } from "../frontend";
import { loadModelWeights } from "../load-weights";
import { modelOf } from "../pick-name";
import { RunSession } from "../run-session";
import { outputsToJson, readInputs } from "../tensor-json";

export const runCommand: Command = {
  name: "run",
  summary: "run a model on inputs from a JSON file with trained weights",
  usage:
    "dlnet run FILE [--model NAME] --weights W [--ema] --inputs IN.json [--backend webgpu|cpu] [--seed N] [--out OUT.json]",
  details:
    "IN.json maps each model input to {\"shape\": [...], \"data\": [...]} (data flat,\n" +
    "row-major) or to a nested array; symbolic dims bind from the given shapes.\n" +
    "--weights takes a dlnet checkpoint, a safetensors file or an .onnx file; every\n" +
    "parameter must be there with its shape. --ema takes the checkpoint's EMA weights\n" +
    "(`ema.<param>`, written by a train block with `ema = ...`) instead of the model's own.\n" +
    "The outputs are printed as JSON\n" +
    "({\"logits\": {\"shape\": [...], \"data\": [...]}}), or written to --out.\n" +
    "A model that draws random numbers (randn, rand) draws them from --seed (default 0).",
  options: {
    model: { type: "string", valueName: "NAME", help: "the model to run" },
    weights: { type: "string", valueName: "W", help: "weights (.safetensors checkpoint or .onnx)" },
    ema: { type: "boolean", help: "use the checkpoint's EMA weights (ema.*) instead of the model's own" },
    inputs: { type: "string", valueName: "IN.json", help: "input tensors as JSON" },
    backend: { type: "string", valueName: "NAME", help: "where to run (default webgpu)", choices: BACKENDS },
    out: { type: "string", valueName: "OUT.json", help: "write outputs here instead of stdout" },
    seed: { type: "string", valueName: "N", help: "seed of randn/rand in the model (default 0)" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const weightsArg = requiredOption(args, this, "weights");
    const inputsArg = requiredOption(args, this, "inputs");
    const ema = boolOption(args, "ema");
    const path = args.positionals[0];
    const loaded = loadChecked(path, ctx);
    if (typeof loaded === "number") return loaded;
    const declared = modelOf(loaded, stringOption(args, "model"), path, ctx);
    if (typeof declared === "number") return declared;
    const { feeds, env } = readInputs(readJson(inputsArg, ctx.cwd), declared.inputs, inputsArg);
    const { backend, notice } = await selectBackend(stringOption(args, "backend") as "cpu" | "webgpu" | undefined);
    if (notice) ctx.stderr.write(notice + "\n");
    let text: string;
    try {
      const session = new RunSession(loaded.check, declared.name, backend, {
        seed: intOption(args, "seed", { min: 0 }) ?? 0,
        // The parameters of the model elaborated at these shapes, all of them from --weights.
        weights: (params) => loadModelWeights(weightsArg, ctx.cwd, params, declared.name, { ema }),
        onDiagnostics: (diagnostics) => reportToStderr({ files: loaded.files, diagnostics: [...diagnostics] }, ctx),
      });
      text = outputsToJson(await session.run(feeds, { env, file: inputsArg }));
    } finally {
      backend.dispose();
    }
    const out = stringOption(args, "out");
    if (out) writeFileAtomic(resolve(ctx.cwd, out), new TextEncoder().encode(text));
    else ctx.stdout.write(text);
    return EXIT.ok;
  },
};

function readJson(given: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, given), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read '${given}': ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UserError(`${given}: not valid JSON (${(e as Error).message})`, EXIT.failure);
  }
}
