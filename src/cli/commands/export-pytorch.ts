// `dlnet export FILE --pytorch OUT_DIR [--train NAME] [--model NAME] [--force]`:
// the model (and, when the file has a train block, its training) as a Python
// package; see src/compiler/codegen/pytorch. This file adds what needs the
// runtime: the train block's data, opened by dlnet's own loader and written
// as data.safetensors (train/FIELD, test/FIELD), and `init =` weights
// converted to init.safetensors. All files are written to a temporary folder
// first and moved into OUT_DIR only when every one of them is complete.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { ModelInstance, TrainSpec } from "../../compiler/check/elaborated";
import { exportPytorch } from "../../compiler/codegen/pytorch";
import { hasErrors, UserError } from "../../compiler/diagnostics";
import { encodeSafetensors, type StoredTensor } from "../../runtime/checkpoint/safetensors";
import { openTrainData } from "../../runtime/data/index";
import { withValidation } from "../../runtime/train/held-out";
import { readWeights } from "../../runtime/weights";
import { EXIT, stringOption, type CliContext, type ParsedArgs } from "../command";
import { loadChecked, reportToStderr } from "../frontend";
import { modelOf, trainSpecOf } from "../pick-name";

export async function exportPytorchCommand(args: ParsedArgs, ctx: CliContext, outArg: string): Promise<number> {
  const path = args.positionals[0];
  const out = resolve(ctx.cwd, outArg);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new UserError(`--pytorch ${outArg}: exists and is not a folder`);
    if (readdirSync(out).length > 0 && args.values.force !== true)
      throw new UserError(`--pytorch ${outArg}: the folder is not empty; pass --force to write into it (files of the same name are replaced)`);
  }
  const loaded = loadChecked(path, ctx);
  if (typeof loaded === "number") return loaded;
  const trainArg = stringOption(args, "train");
  const modelArg = stringOption(args, "model");
  let train: TrainSpec | undefined;
  let model: ModelInstance;
  if (trainArg !== undefined || (modelArg === undefined && loaded.check.trains.length > 0)) {
    const spec = trainSpecOf(loaded, trainArg, path, ctx);
    if (typeof spec === "number") return spec;
    train = spec;
    model = spec.model;
    if (modelArg !== undefined && modelArg !== model.name)
      throw new UserError(`--model ${modelArg}: the train block trains '${model.name}'; leave --model out or name that model`);
  } else {
    const m = modelOf(loaded, modelArg, path, ctx);
    if (typeof m === "number") return m;
    model = m;
  }
  const initFile = train?.init !== undefined ? "init.safetensors" : undefined;
  const command = `dlnet export ${basename(path)} --pytorch ${basename(outArg)}${trainArg ? ` --train ${trainArg}` : ""}${modelArg ? ` --model ${modelArg}` : ""}`;
  const result = exportPytorch(model, train, { initFile, command });
  reportToStderr({ files: loaded.files, diagnostics: result.diagnostics }, ctx);
  if (hasErrors(result.diagnostics)) return EXIT.failure;

  const binary = new Map<string, Uint8Array>();
  if (train) binary.set("data.safetensors", dataFile(train, ctx.cwd));
  if (train?.init !== undefined) {
    const initPath = resolve(ctx.cwd, train.init);
    if (!existsSync(initPath)) throw new UserError(`init: weights file '${train.init}' does not exist yet; train the model that writes it, then export again`);
    // An .onnx init becomes safetensors too: train.py reads one format.
    binary.set("init.safetensors", encodeSafetensors(readWeights(initPath) as Map<string, StoredTensor>));
  }
  writeFolder(out, result.files, binary);
  const names = [...result.files.keys(), ...binary.keys()].sort();
  ctx.stdout.write(`wrote ${outArg}: ${names.join(", ")} (model ${model.name}${train ? `, train block for ${train.model.name}` : ""})\n`);
  return EXIT.ok;
}

/**
 * The train block's data as dlnet's loader produces it: `train/FIELD`, `test/FIELD` (a `tensors()` source too),
 * and with `validate` the validation samples dlnet holds out as `val/FIELD` (train/ then holds the rest).
 */
function dataFile(spec: TrainSpec, cwd: string): Uint8Array {
  const opened = openTrainData(spec, cwd);
  const { dataset: ds, validation } = withValidation(opened, spec.validate, spec.seed ?? 0);
  const tensors = new Map<string, StoredTensor>();
  for (const [split, part] of [["train", ds.train], ["val", validation], ["test", ds.test]] as const) {
    if (!part) continue;
    if (part.size === 0) continue;
    for (const [field, f] of Object.entries(ds.fields)) tensors.set(`${split}/${field}`, { dtype: f.dtype, shape: [part.size, ...f.shape], data: part.fields[field] });
  }
  const meta: Record<string, string> = { source: ds.description };
  for (const [k, v] of Object.entries(ds.info)) meta[k] = JSON.stringify(v);
  return encodeSafetensors(tensors, meta);
}

/** Every file into a temporary sibling folder, then moved into `out` (created by one rename when it is new). */
function writeFolder(out: string, text: ReadonlyMap<string, string>, binary: ReadonlyMap<string, Uint8Array>): void {
  const parent = dirname(out);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new UserError(`cannot create '${parent}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const tmp = mkdtempSync(join(parent, `.${basename(out)}.tmp-`));
  chmodSync(tmp, 0o755); // mkdtemp makes it private; the package is an ordinary folder
  try {
    for (const [name, t] of text) writeFileSync(join(tmp, name), t);
    for (const [name, b] of binary) writeFileSync(join(tmp, name), b);
    if (!existsSync(out)) {
      renameSync(tmp, out);
      return;
    }
    for (const name of [...text.keys(), ...binary.keys()]) renameSync(join(tmp, name), join(out, name));
  } catch (e) {
    throw new UserError(`cannot write '${out}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
