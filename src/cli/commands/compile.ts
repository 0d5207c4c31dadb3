// `dlnet compile FILE --emit ast|ir|ir-train|wgsl`: print one stage of the
// pipeline as text (the same text the golden baselines hold).

import { UserError } from "../../compiler/diagnostics";
import { emitWgsl } from "../../compiler/codegen/wgsl/emit";
import type { Graph } from "../../compiler/ir/graph";
import { printGraph } from "../../compiler/ir/print";
import type { DimEnv } from "../../compiler/ir/types";
import { lowerModel } from "../../compiler/lower";
import { buildTrainStep } from "../../compiler/train-graph/train-step";
import { printAst } from "../../compiler/syntax";
import { EXIT, intOption, requiredOption, stringOption, type CliContext, type Command, type ParsedArgs } from "../command";
import { loadChecked, loadParsed, reportToStderr, type CheckedFile } from "../frontend";
import { modelOf, trainSpecOf } from "../pick-name";

export const EMIT_KINDS = ["ast", "ir", "ir-train", "wgsl"] as const;

export const compileCommand: Command = {
  name: "compile",
  summary: "print the AST, tensor IR, training IR or WGSL kernels of a model",
  usage: "dlnet compile FILE --emit ast|ir|ir-train|wgsl [--model NAME] [--train NAME] [--batch N]",
  details:
    "ast       the parsed program\n" +
    "ir        the forward graph of a model in eval mode (--model)\n" +
    "ir-train  the training step (forward, loss, backward, update) of a train block\n" +
    "wgsl      the fused kernels of the training step (of the forward when the file\n" +
    "          has no train block), specialized at the train block's batch size\n" +
    "          (--batch N overrides it; 64 without a train block)",
  options: {
    emit: { type: "string", valueName: "KIND", help: "what to print", choices: EMIT_KINDS },
    model: { type: "string", valueName: "NAME", help: "the model to compile" },
    train: { type: "string", valueName: "NAME", help: "the train block (named by its model)" },
    batch: { type: "string", valueName: "N", help: "batch size for --emit wgsl" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const emit = requiredOption(args, this, "emit");
    const batch = intOption(args, "batch", { min: 1 });
    const path = args.positionals[0];
    if (emit === "ast") {
      const parsed = loadParsed(path, ctx);
      if (typeof parsed === "number") return parsed;
      ctx.stdout.write(printAst(parsed.program, parsed.file));
      return EXIT.ok;
    }
    const loaded = loadChecked(path, ctx);
    if (typeof loaded === "number") return loaded;
    if (emit === "ir") {
      const graph = forwardGraph(loaded, args, path, ctx);
      if (typeof graph === "number") return graph;
      ctx.stdout.write(printGraph(graph));
      return EXIT.ok;
    }
    if (emit === "ir-train") {
      const step = trainStep(loaded, stringOption(args, "train"), path, ctx);
      if (typeof step === "number") return step;
      ctx.stdout.write(printGraph(step.graph));
      return EXIT.ok;
    }
    // wgsl: the training step when there is a train block (and no --model), else the forward.
    const useTrain = loaded.check.trains.length > 0 && (stringOption(args, "train") !== undefined || stringOption(args, "model") === undefined);
    if (useTrain) {
      const step = trainStep(loaded, stringOption(args, "train"), path, ctx);
      if (typeof step === "number") return step;
      ctx.stdout.write(emitWgsl(step.graph, { env: { [step.batchDim]: batch ?? step.batch } }));
      return EXIT.ok;
    }
    const graph = forwardGraph(loaded, args, path, ctx);
    if (typeof graph === "number") return graph;
    ctx.stdout.write(emitWgsl(graph, { env: batchEnv(graph, batch ?? 64) }));
    return EXIT.ok;
  },
};

/** The eval-mode forward graph of --model (or the only model). */
function forwardGraph(loaded: CheckedFile, args: ParsedArgs, path: string, ctx: CliContext): Graph | number {
  const model = modelOf(loaded, stringOption(args, "model"), path, ctx);
  if (typeof model === "number") return model;
  const lowered = lowerModel(model, { mode: "eval" });
  if (lowered.diagnostics.length) {
    reportToStderr({ files: loaded.files, diagnostics: [...lowered.diagnostics] }, ctx);
    return EXIT.failure;
  }
  return lowered.graph;
}

function trainStep(loaded: CheckedFile, wanted: string | undefined, path: string, ctx: CliContext) {
  const spec = trainSpecOf(loaded, wanted, path, ctx);
  if (typeof spec === "number") return spec;
  const graphs = buildTrainStep(spec);
  if (graphs.forward.diagnostics.length) {
    reportToStderr({ files: loaded.files, diagnostics: [...graphs.forward.diagnostics] }, ctx);
    return EXIT.failure;
  }
  return { graph: graphs.step, batchDim: spec.batchDim, batch: spec.batch };
}

/**
 * Binds the batch (dim 0 of every data input) for WGSL; any other symbolic
 * dim has no size to take, so it is a usage error naming the input.
 */
function batchEnv(graph: Graph, batch: number): DimEnv {
  const env: Record<string, number> = {};
  for (const i of graph.inputs) {
    if (i.role !== "data") continue;
    const d0 = i.node.shape[0];
    if (typeof d0 === "string" && /^[A-Za-z_]\w*$/.test(d0)) env[d0] = batch;
  }
  for (const i of graph.inputs) {
    const open = i.node.shape.find((d) => typeof d === "string" && !(d in env));
    if (open !== undefined) {
      throw new UserError(
        `--emit wgsl needs concrete shapes, but input '${i.name}' has the symbolic dim '${open}' besides the batch; ` +
          "add a train block (its data fixes the size)",
      );
    }
  }
  return env;
}
