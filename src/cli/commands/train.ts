// `dlnet train FILE`: run a train block, print progress, write a checkpoint.

import { BACKENDS, boolOption, intOption, notAvailable, stringOption, type Command } from "../command";
import { loadChecked } from "../frontend";

export const trainCommand: Command = {
  name: "train",
  summary: "train a model as its train block says; write a safetensors checkpoint",
  usage:
    "dlnet train FILE [--train NAME] [--epochs N] [--steps N] [--backend webgpu|cpu] " +
    "[--out CKPT.safetensors] [--resume CKPT] [--json]",
  details:
    "--epochs and --steps override the train block (--steps stops after N optimizer\n" +
    "steps). Without a GPU adapter, training falls back to the CPU backend with a\n" +
    "one-line notice. --json prints only JSON lines (one per logged step and epoch).",
  options: {
    train: { type: "string", valueName: "NAME", help: "the train block to run (named by its model)" },
    epochs: { type: "string", valueName: "N", help: "number of epochs (overrides the file)" },
    steps: { type: "string", valueName: "N", help: "stop after N optimizer steps" },
    backend: { type: "string", valueName: "NAME", help: "where to run (default webgpu)", choices: BACKENDS },
    out: { type: "string", valueName: "CKPT", help: "checkpoint to write (.safetensors)" },
    resume: { type: "string", valueName: "CKPT", help: "continue from a checkpoint" },
    json: { type: "boolean", help: "machine-readable progress: JSON lines only" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    intOption(args, "epochs", { min: 1 });
    intOption(args, "steps", { min: 1 });
    void stringOption(args, "out");
    void boolOption(args, "json");
    const loaded = loadChecked(args.positionals[0], ctx);
    if (typeof loaded === "number") return loaded;
    return notAvailable("'train'", ctx);
  },
};
