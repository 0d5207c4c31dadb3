// `dlnet export FILE --onnx OUT.onnx`: the model as an ONNX graph (eval mode,
// weights as initializers named by parameter path), or with --train the whole
// training step (see src/compiler/codegen/onnx/train-step.ts).

import { resolve } from "node:path";
import type { ModelInstance } from "../../compiler/check/elaborated";
import { exportOnnx } from "../../compiler/codegen/onnx";
import { DEFAULT_OPSET } from "../../compiler/codegen/onnx/proto";
import { exportTrainStep, NEW_SUFFIX } from "../../compiler/codegen/onnx/train-step";
import { hasErrors, UserError, type Diagnostic } from "../../compiler/diagnostics";
import { isPersistent, type Graph } from "../../compiler/ir/graph";
import { showType } from "../../compiler/ir/types";
import { initParams, lowerModel } from "../../compiler/lower";
import { writeFileAtomic } from "../../runtime/checkpoint/safetensors";
import type { Tensor } from "../../compiler/tensor";
import { boolOption, EXIT, intOption, requiredOption, stringOption, type Command } from "../command";
import { loadChecked, reportToStderr } from "../frontend";
import { loadModelWeights, loadOptimizerState } from "../load-weights";
import { modelOf, trainSpecOf } from "../pick-name";

export const exportCommand: Command = {
  name: "export",
  summary: "export a model to ONNX (or its training step), or model and training to PyTorch",
  usage:
    "dlnet export FILE [--model NAME] --onnx OUT.onnx [--weights W [--ema]] [--seed N] [--opset N] [--train NAME]\n" +
    "       dlnet export FILE --pytorch OUT_DIR [--train NAME] [--model NAME] [--force]",
  details:
    "Exports the model's inference graph (dropout off, BatchNorm on running\n" +
    "statistics). Without --weights the parameters are freshly initialized from\n" +
    "--seed (default 0; with --train, the train block's seed). --ema exports the\n" +
    "checkpoint's EMA weights (`ema.<param>`, from a train block with `ema = ...`).\n" +
    "--train NAME exports the train block's whole training step instead:\n" +
    "parameters, optimizer state, lr, step and a batch in; loss, metrics and each\n" +
    "updated tensor as `<name>.new` out; beside it OUT.init.onnx, whose outputs\n" +
    "are the starting values (see docs/cli.md). A training step with Dropout\n" +
    "needs --opset 21 (ONNX Runtime's newest random ops).\n" +
    `The default opset is ${DEFAULT_OPSET} (ONNX Runtime 1.30's newest); --opset 18 and\n` +
    "later work for older runtimes.\n" +
    "--pytorch OUT_DIR writes a Python package instead: model.py (torch.nn modules\n" +
    "whose state_dict keys are dlnet's parameter paths), and for a train block\n" +
    "train.py (one process, or DDP under torchrun), its data and a README with the\n" +
    "commands (see docs/scale-out.md). OUT_DIR must be new or empty unless --force.",
  options: {
    model: { type: "string", valueName: "NAME", help: "the model to export" },
    onnx: { type: "string", valueName: "OUT.onnx", help: "the ONNX file to write" },
    weights: { type: "string", valueName: "W", help: "trained weights (.safetensors or .onnx)" },
    ema: { type: "boolean", help: "with --weights: the checkpoint's EMA weights (ema.*) instead of the model's own" },
    seed: { type: "string", valueName: "N", help: "initialization seed when there are no weights (default 0)" },
    opset: { type: "string", valueName: "N", help: `ONNX opset version (default ${DEFAULT_OPSET})` },
    train: { type: "string", valueName: "NAME", help: "export this train block's training step (with --pytorch: its train.py)" },
    pytorch: { type: "string", valueName: "OUT_DIR", help: "write a PyTorch package (model.py, train.py) to this folder" },
    force: { type: "boolean", help: "with --pytorch: write into a folder that is not empty" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const pytorchArg = stringOption(args, "pytorch");
    if (pytorchArg !== undefined) {
      if (stringOption(args, "onnx") !== undefined) throw new UserError("--onnx and --pytorch: choose one export per run");
      const { exportPytorchCommand } = await import("./export-pytorch");
      return exportPytorchCommand(args, ctx, pytorchArg);
    }
    const outArg = requiredOption(args, this, "onnx");
    const seedArg = intOption(args, "seed", { min: 0 });
    const opset = intOption(args, "opset", { min: 1 }) ?? DEFAULT_OPSET;
    const path = args.positionals[0];
    const loaded = loadChecked(path, ctx);
    if (typeof loaded === "number") return loaded;
    const trainArg = stringOption(args, "train");
    const weightsArg = stringOption(args, "weights");
    const ema = boolOption(args, "ema");
    if (ema && weightsArg === undefined) throw new UserError("--ema needs --weights (the checkpoint whose EMA weights to export)");
    if (ema && trainArg !== undefined) {
      throw new UserError("--ema exports the model with its averaged weights; --train exports the training step, which carries the EMA weights as state already: choose one");
    }
    let model: ModelInstance;
    let result: { bytes: Uint8Array; initBytes?: Uint8Array; diagnostics: Diagnostic[]; graph: Graph };
    if (trainArg !== undefined) {
      const spec = trainSpecOf(loaded, trainArg, path, ctx);
      if (typeof spec === "number") return spec;
      model = spec.model;
      const params = paramsFor(model, weightsArg, seedArg ?? spec.seed ?? 0, ctx.cwd);
      // A dlnet checkpoint's optimizer state lets the exported step continue the run.
      const state = weightsArg !== undefined ? loadOptimizerState(weightsArg, ctx.cwd) : new Map<string, Tensor>();
      result = exportTrainStep(spec, { params, state, opset, file: model.file, span: model.decl.name.span });
    } else {
      const m = modelOf(loaded, stringOption(args, "model"), path, ctx);
      if (typeof m === "number") return m;
      model = m;
      const lowered = lowerModel(model, { mode: "eval" });
      if (lowered.diagnostics.length) {
        reportToStderr({ files: loaded.files, diagnostics: [...lowered.diagnostics] }, ctx);
        return EXIT.failure;
      }
      const params = paramsFor(model, weightsArg, seedArg ?? 0, ctx.cwd, ema);
      const r = exportOnnx(lowered.graph, { params, opset, name: model.name, file: model.file, span: model.decl.name.span });
      result = { ...r, graph: lowered.graph };
    }
    reportToStderr({ files: loaded.files, diagnostics: result.diagnostics }, ctx);
    if (hasErrors(result.diagnostics)) return EXIT.failure;
    writeFileAtomic(resolve(ctx.cwd, outArg), result.bytes);
    ctx.stdout.write(summary(outArg, result.graph, model, opset) + "\n");
    if (result.initBytes) {
      const initPath = initModelPath(outArg);
      writeFileAtomic(resolve(ctx.cwd, initPath), result.initBytes);
      const n = result.graph.inputs.filter(isPersistent).length;
      ctx.stdout.write(`wrote ${initPath}: the starting values of ${n} parameter, buffer and optimizer-state tensors\n`);
    }
    return EXIT.ok;
  },
};

/** `step.onnx` → `step.init.onnx`: the training step's starting values. */
export function initModelPath(out: string): string {
  return out.replace(/(\.onnx)?$/i, ".init.onnx");
}

function paramsFor(model: ModelInstance, weights: string | undefined, seed: number, cwd: string, ema = false): Map<string, Tensor> {
  return weights !== undefined ? loadModelWeights(weights, cwd, model.parameters, model.name, { ema }) : initParams(model.parameters, seed);
}

/** `wrote m.onnx: x f32[batch,784] -> logits f32[batch,10]; 101770 parameters in 4 tensors; opset 26` */
function summary(out: string, graph: Graph, model: ModelInstance, opset: number): string {
  // Not the seed: ONNX's random ops draw without it, so the exported model has no such input.
  const fed = graph.inputs.filter((i) => i.role === "data" || i.role === "hyper");
  const ins = fed.map((i) => `${i.name} ${showType(i.node)}`).join(", ");
  const outs = graph.outputs.filter((o) => !o.name.endsWith(NEW_SUFFIX)).map((o) => `${o.name} ${showType(o.node)}`);
  const updated = graph.outputs.length - outs.length;
  const count = model.parameters.reduce((a, p) => a + p.shape.reduce((x, d) => x * d, 1), 0);
  return (
    `wrote ${out}: ${ins} -> ${outs.join(", ")}${updated ? ` (+${updated} state tensors: NAME in, NAME.new out)` : ""}; ` +
    `${count} parameters in ${model.parameters.length} tensors; opset ${opset}`
  );
}
