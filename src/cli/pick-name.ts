// Choosing the model or train block a verb works on when the file has several.

import type { ModelInstance, TrainSpec } from "../compiler/check/index";
import { UserError } from "../compiler/diagnostics";
import { EXIT, type CliContext } from "./command";
import type { CheckedFile } from "./frontend";

/** The one model or train block when NAME is not given; otherwise NAME, checked. */
export function pickName(kind: "model" | "train block", names: readonly string[], wanted: string | undefined, flag: string, file: string): string {
  if (wanted !== undefined) {
    if (names.includes(wanted)) return wanted;
    const known = names.length ? `; it has: ${names.join(", ")}` : "";
    throw new UserError(`${file} has no ${kind} '${wanted}'${known}`);
  }
  if (names.length === 1) return names[0];
  if (names.length === 0) throw new UserError(`${file} has no ${kind}`);
  throw new UserError(`${file} has ${names.length} ${kind}s (${names.join(", ")}): choose one with ${flag} NAME`);
}

/**
 * The model NAME (or the file's only one), elaborated; or, after a one-line
 * message on stderr, the exit code.
 */
export function modelOf(loaded: CheckedFile, wanted: string | undefined, path: string, ctx: CliContext): ModelInstance | number {
  const name = pickName("model", loaded.check.models, wanted, "--model", path);
  const model = loaded.check.elaborate(name);
  if (model) return model;
  ctx.stderr.write(`dlnet: model '${name}' cannot be compiled\n`);
  return EXIT.failure;
}

/**
 * The train block NAME (or the file's only one), elaborated; or, after a
 * one-line message on stderr, the exit code.
 */
export function trainSpecOf(loaded: CheckedFile, wanted: string | undefined, path: string, ctx: CliContext): TrainSpec | number {
  const name = pickName("train block", loaded.check.trains, wanted, "--train", path);
  const spec = loaded.check.elaborateTrain(name);
  if (spec) return spec;
  ctx.stderr.write(`dlnet: the train block for '${name}' cannot be compiled\n`);
  return EXIT.failure;
}
