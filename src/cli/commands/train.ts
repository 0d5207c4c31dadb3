// `dlnet train FILE`: run a train block, print progress, write a checkpoint.

import { basename } from "node:path";
import { resolve } from "node:path";
import { selectBackend } from "../../runtime/select-backend";
import { train, type TrainEvent } from "../../runtime/train/trainer";
import { BACKENDS, boolOption, EXIT, intOption, stringOption, type Command } from "../command";
import { loadChecked } from "../frontend";
import { trainSpecOf } from "../pick-name";
import { TrainProgress } from "../progress";
import { writeFileAtomic } from "../../runtime/checkpoint/safetensors";
import { graphSvg } from "../../pictures/graph-svg";
import { modelGraph, textOfFiles } from "../../pictures/model-graph";
import { renderReport, RunRecorder } from "../../pictures/report";
import type { TrainSpec } from "../../compiler/check/elaborated";
import type { CheckedFile } from "../frontend";

export const trainCommand: Command = {
  name: "train",
  summary: "train a model as its train block says; write a safetensors checkpoint",
  usage:
    "dlnet train FILE [--train NAME] [--epochs N] [--steps N] [--backend webgpu|cpu] " +
    "[--out CKPT.safetensors] [--resume CKPT] [--json] [--report RUN.html]",
  details:
    "--epochs and --steps override the train block (--steps stops after N optimizer\n" +
    "steps). Without a GPU adapter, training falls back to the CPU backend with a\n" +
    "one-line notice. The checkpoint (parameters, optimizer state, position in the\n" +
    "data) goes to --out, by default MODEL.safetensors in the current folder, at the\n" +
    "end and every `save_every` epochs; --resume continues from one exactly.\n" +
    "--json prints only JSON lines: one per epoch ({epoch, step, loss, metrics...}),\n" +
    "then {test_loss, test_<metric>...} after evaluation on the test split.\n" +
    "--report writes a self-contained HTML page with the loss curve (every logged\n" +
    "step), loss and metrics per epoch, the final figures and the model's graph.",
  options: {
    train: { type: "string", valueName: "NAME", help: "the train block to run (named by its model)" },
    epochs: { type: "string", valueName: "N", help: "number of epochs (overrides the file)" },
    steps: { type: "string", valueName: "N", help: "stop after N optimizer steps" },
    backend: { type: "string", valueName: "NAME", help: "where to run (default webgpu)", choices: BACKENDS },
    out: { type: "string", valueName: "CKPT", help: "checkpoint to write (.safetensors)" },
    resume: { type: "string", valueName: "CKPT", help: "continue from a checkpoint" },
    json: { type: "boolean", help: "machine-readable progress: JSON lines only" },
    report: { type: "string", valueName: "RUN.html", help: "write an HTML report (curves, figures, model graph)" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const epochs = intOption(args, "epochs", { min: 1 });
    const steps = intOption(args, "steps", { min: 1 });
    const json = boolOption(args, "json");
    const path = args.positionals[0];
    const loaded = loadChecked(path, ctx);
    if (typeof loaded === "number") return loaded;
    const spec = trainSpecOf(loaded, stringOption(args, "train"), path, ctx);
    if (typeof spec === "number") return spec;
    const out = resolve(ctx.cwd, stringOption(args, "out") ?? `${spec.model.name}.safetensors`);
    const resumeArg = stringOption(args, "resume");
    const { backend, notice } = await selectBackend(stringOption(args, "backend") as "cpu" | "webgpu" | undefined);
    if (notice) ctx.stderr.write(notice + "\n");
    const reportArg = stringOption(args, "report");
    const recorder = reportArg === undefined ? undefined : new RunRecorder({ model: spec.model.name, file: path, data: dataText(loaded, spec), backend: backend.description, batch: spec.batch });
    let bar: TrainProgress | undefined;
    const line = (o: Record<string, unknown>) => ctx.stdout.write(JSON.stringify(o) + "\n");
    const onEvent = (e: TrainEvent) => {
      recorder?.onEvent(e);
      switch (e.kind) {
        case "start":
          for (const w of e.warnings) ctx.stderr.write(`warning[${w.code}]: ${w.message}\n`);
          if (!json) {
            ctx.stdout.write(
              `training ${spec.model.name} on ${backend.description}: ${e.trainSize} samples` +
                (e.validationSize !== undefined ? ` (${e.validationSize} more held out for validation)` : "") +
                ", " +
                `batch ${spec.batch}, ${e.stepsPerEpoch} steps/epoch` +
                (e.startEpoch > 0 ? `, resuming at epoch ${e.startEpoch + 1}` : "") +
                "\n",
            );
          }
          bar = new TrainProgress({
            out: ctx.stdout,
            isTTY: ctx.stdoutIsTTY,
            json: false,
            epochs: e.epochs,
            stepsPerEpoch: e.stepsPerEpoch,
            columns: process.stdout.columns,
          });
          break;
        case "epoch-start":
          if (!json) bar?.startEpoch(e.epoch + 1);
          break;
        case "step":
          if (!json) bar?.step(e.stepInEpoch, e.loss);
          break;
        case "epoch": {
          // The held-out figures after the epoch (val_loss, val_<metric>) and a plateau schedule's lr.
          const extra = {
            ...(e.heldOut ? { val_loss: e.heldOut.loss, ...Object.fromEntries(Object.entries(e.heldOut.metrics).map(([k, v]) => [`val_${k}`, v])) } : {}),
            ...(e.lr !== undefined ? { lr: e.lr } : {}),
          };
          if (json) line({ epoch: e.epoch + 1, step: e.step, ...(e.loss !== undefined ? { loss: e.loss } : {}), ...e.metrics, ...extra, ...(e.heldOut ? { val_split: e.heldOut.split } : {}), seconds: round(e.seconds) });
          else bar?.endEpoch({ loss: e.loss, metrics: { ...e.metrics, ...extra } });
          break;
        }
        case "test": {
          const metrics = Object.fromEntries(Object.entries(e.metrics).map(([k, v]) => [`test_${k}`, v]));
          if (json) line({ test_loss: e.loss, ...metrics, test_samples: e.samples });
          else {
            const parts = [`loss ${e.loss.toFixed(4)}`, ...Object.entries(e.metrics).map(([k, v]) => `${k} ${k.includes("accuracy") ? `${(100 * v).toFixed(2)}%` : v.toFixed(4)}`)];
            ctx.stdout.write(`test (${e.samples} samples): ${parts.join(", ")}\n`);
          }
          break;
        }
        case "checkpoint":
          if (json) line({ checkpoint: e.path, step: e.step });
          else ctx.stdout.write(`saved ${displayPath(e.path, ctx.cwd)} (step ${e.step})\n`);
          break;
        case "best":
          if (json) line({ best: e.path, epoch: e.epoch + 1, step: e.step, [e.by]: e.value });
          else bar?.note(`best so far: epoch ${e.epoch + 1}, ${e.by} ${e.value.toFixed(4)}, saved ${displayPath(e.path, ctx.cwd)}`);
          break;
        case "stopped":
          if (json) line({ stopped: e.epoch + 1, reason: e.reason });
          else ctx.stdout.write(`stopped early after epoch ${e.epoch + 1}: ${e.reason}\n`);
          break;
      }
    };
    try {
      const result = await train({ spec, backend, cwd: ctx.cwd, epochs, steps, out, resume: resumeArg && resolve(ctx.cwd, resumeArg), onEvent });
      if (!json) ctx.stdout.write(`done: ${result.steps} steps in ${result.seconds.toFixed(1)}s\n`);
      if (recorder && reportArg !== undefined) {
        const svg = graphSvg(modelGraph(spec.model, textOfFiles(loaded.check.files)));
        writeFileAtomic(resolve(ctx.cwd, reportArg), new TextEncoder().encode(renderReport(recorder.record, svg)));
        if (json) line({ report: reportArg });
        else ctx.stdout.write(`wrote ${reportArg}\n`);
      }
    } finally {
      backend.dispose();
    }
    return EXIT.ok;
  },
};

/** The train block's `data = ...` as written (`mnist(train: 9000, test: 1000)`). */
function dataText(loaded: CheckedFile, spec: TrainSpec): string {
  const setting = spec.decl.settings.find((s) => s.key.name === "data");
  return (setting && loaded.files.get(spec.file)?.slice(setting.value.span)) ?? spec.data.source;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function displayPath(p: string, cwd: string): string {
  return p.startsWith(cwd + "/") ? p.slice(cwd.length + 1) : p === resolve(cwd, basename(p)) ? basename(p) : p;
}
