// Training checkpoints: every persistent value of the backend (parameters,
// BatchNorm buffers, optimizer state `optim.<param>.<state>`) as safetensors
// tensors named by path, and where the run stands in `__metadata__`. The file
// is written atomically (temp file, fsync, rename), so an interrupted save
// leaves the previous checkpoint intact. `--resume` restores all of it and
// continues with the exact data order (the order is a function of seed and
// epoch; the position within the epoch is stored).

import { UserError } from "../../compiler/diagnostics";
import type { Backend } from "../backend";
import { readTensors, writeSafetensors } from "../checkpoint/safetensors";
import type { Tensor } from "../../compiler/tensor";

export const CHECKPOINT_FORMAT = "dlnet-checkpoint/1";

export interface RunPosition {
  /** Optimizer steps taken so far. */
  step: number;
  /** The epoch to continue in (0-based). */
  epoch: number;
  /** The next batch of that epoch (0-based). */
  batch: number;
}

export interface CheckpointMeta extends RunPosition {
  model: string;
  seed: number;
  /**
   * The state of what watches the held-out figures, by dotted name: the plateau
   * schedule's as torch's state_dict names it (`plateau.lr`, `plateau.best`,
   * `plateau.num_bad_epochs`, `plateau.cooldown_counter`), early stopping's
   * (`early_stopping.best`, `early_stopping.wait`), keep_best's (`best.value`),
   * so a resumed run decides as the uninterrupted one would.
   */
  watch?: Record<string, number>;
}

/** A number as metadata text; infinities as Python writes them (train.py writes these files too). */
const numText = (x: number) => (x === Infinity ? "inf" : x === -Infinity ? "-inf" : String(x));
const textNum = (t: string | undefined) => (t === "inf" || t === "Infinity" ? Infinity : t === "-inf" || t === "-Infinity" ? -Infinity : t === undefined || t === "" ? NaN : Number(t));

export async function saveCheckpoint(path: string, backend: Backend, names: readonly string[], meta: CheckpointMeta): Promise<void> {
  const tensors = new Map<string, Tensor>();
  for (const n of names) tensors.set(n, await backend.getState(n));
  writeSafetensors(path, tensors, {
    format: CHECKPOINT_FORMAT,
    model: meta.model,
    seed: String(meta.seed),
    step: String(meta.step),
    epoch: String(meta.epoch),
    batch: String(meta.batch),
    ...Object.fromEntries(Object.entries(meta.watch ?? {}).map(([k, v]) => [k, numText(v)])),
  });
}

/**
 * Reads a checkpoint written by `saveCheckpoint` and checks it against the
 * state the run expects (name → shape). Every mismatch is listed in one error.
 */
export function loadCheckpoint(
  path: string,
  expected: ReadonlyMap<string, readonly number[]>,
  model: string,
): { tensors: Map<string, Tensor>; meta: CheckpointMeta } {
  const { tensors, metadata } = readTensors(path);
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new UserError(
      `'${path}' is not a dlnet training checkpoint (no '${CHECKPOINT_FORMAT}' metadata); ` +
        `to start from its weights use \`init = "${path}"\` in the train block`,
    );
  }
  if (metadata.model !== model) {
    throw new UserError(`'${path}' is a checkpoint of model '${metadata.model}', not '${model}'`);
  }
  const problems: string[] = [];
  for (const [name, shape] of expected) {
    const t = tensors.get(name);
    if (!t) problems.push(`missing '${name}'`);
    else if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      problems.push(`'${name}' has shape [${t.shape.join(", ")}], expected [${shape.join(", ")}]`);
    }
  }
  for (const name of tensors.keys()) if (!expected.has(name)) problems.push(`unexpected '${name}'`);
  if (problems.length) {
    throw new UserError(`'${path}' does not match this training run: ${problems.slice(0, 6).join("; ")}${problems.length > 6 ? `; and ${problems.length - 6} more` : ""}`);
  }
  const int = (k: string): number => {
    const v = Number(metadata[k]);
    if (!Number.isInteger(v) || v < 0) throw new UserError(`'${path}': checkpoint metadata '${k}' is missing or invalid`);
    return v;
  };
  const watch: Record<string, number> = {};
  for (const [k, t] of Object.entries(metadata)) {
    if (!k.includes(".")) continue;
    const v = textNum(t);
    if (Number.isNaN(v)) throw new UserError(`'${path}': checkpoint metadata '${k}' is not a number: "${t}"`);
    watch[k] = v;
  }
  return { tensors, meta: { model, seed: int("seed"), step: int("step"), epoch: int("epoch"), batch: int("batch"), watch } };
}
