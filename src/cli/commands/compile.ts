// `dlnet compile FILE --emit ast|ir|ir-train|wgsl`: print one stage of the
// pipeline as text (the same text the golden baselines hold).

import { printAst } from "../../compiler/syntax";
import { EXIT, notAvailable, requiredOption, type Command } from "../command";
import { loadChecked, loadParsed } from "../frontend";

export const EMIT_KINDS = ["ast", "ir", "ir-train", "wgsl"] as const;

export const compileCommand: Command = {
  name: "compile",
  summary: "print the AST, tensor IR, training IR or WGSL kernels of a model",
  usage: "dlnet compile FILE --emit ast|ir|ir-train|wgsl [--model NAME] [--train NAME]",
  details:
    "ast       the parsed program\n" +
    "ir        the forward graph of a model (--model, default: the only or last model)\n" +
    "ir-train  the training step (forward, loss, backward, update) of a train block\n" +
    "wgsl      the fused kernels of the training step",
  options: {
    emit: { type: "string", valueName: "KIND", help: "what to print", choices: EMIT_KINDS },
    model: { type: "string", valueName: "NAME", help: "the model to compile" },
    train: { type: "string", valueName: "NAME", help: "the train block (named by its model)" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const emit = requiredOption(args, this, "emit");
    if (emit === "ast") {
      const parsed = loadParsed(args.positionals[0], ctx);
      if (typeof parsed === "number") return parsed;
      ctx.stdout.write(printAst(parsed.program, parsed.file));
      return EXIT.ok;
    }
    const loaded = loadChecked(args.positionals[0], ctx);
    if (typeof loaded === "number") return loaded;
    return notAvailable(`'compile --emit ${emit}'`, ctx);
  },
};
