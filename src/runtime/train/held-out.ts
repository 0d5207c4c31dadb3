// Held-out data during training: which split is evaluated after each epoch
// (the validation split carved from the train split by `validate`, else the
// test split), and what watches its figures: early stopping and the best
// checkpoint. The plateau schedule (train-graph/plateau.ts) reads the same
// figures. Every piece of state here is plain numbers, saved in checkpoints.

import { UserError } from "../../compiler/diagnostics";
import type { TrainSpec } from "../../compiler/check/elaborated";
import { takeSamples, type Dataset, type Split } from "../data/dataset";
import { mixSeed, permutation } from "../data/prng";
import { Plateau, type PlateauOptions } from "../../compiler/train-graph/plateau";

export type HeldOutName = "validation" | "test";

/**
 * `validate = v`: v (a fraction in (0, 1), or a count) of the train split becomes the
 * validation split: the samples are the first of a permutation drawn from the seed
 * alone, so a run and its resumption (and `export --pytorch`) hold out the same ones.
 * Both parts keep the samples' original order.
 */
export function withValidation(dataset: Dataset, validate: number | undefined, seed: number): { dataset: Dataset; validation?: Split } {
  if (validate === undefined) return { dataset };
  const n = dataset.train.size;
  const m = validate < 1 ? Math.round(validate * n) : validate;
  const what = `validate = ${validate}`;
  if (m < 1) throw new UserError(`${what} holds out no sample of ${dataset.description}'s ${n} training samples; give a larger fraction or a count`);
  if (m >= n) throw new UserError(`${what} asks for ${m} validation samples but the train split of ${dataset.description} has ${n}; nothing would be left to train on`);
  const order = permutation(n, mixSeed(seed, 0x7a11d));
  const held = new Uint8Array(n);
  for (let i = 0; i < m; i++) held[order[i]] = 1;
  const keep: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) (held[i] ? val : keep).push(i);
  return {
    dataset: { ...dataset, train: takeSamples(dataset.train, dataset.fields, keep) },
    validation: takeSamples(dataset.train, dataset.fields, val),
  };
}

/** The split evaluated after each epoch: the validation split, else the test split. `why` names what needs it. */
export function heldOutSplit(dataset: Dataset, validation: Split | undefined, why: string): { name: HeldOutName; split: Split } {
  if (validation) return { name: "validation", split: validation };
  if (dataset.test.size === 0) {
    throw new UserError(`${why} needs held-out data, but ${dataset.description} has no test split (add 'validate = 0.1' to the train block, or give the data source a 'test' fraction or count)`);
  }
  return { name: "test", split: dataset.test };
}

/** The figure a watcher reads from a held-out evaluation. */
export function monitored(r: { loss: number; metrics: Record<string, number> }, monitor: string): number {
  return monitor === "loss" ? r.loss : r.metrics[monitor];
}

/** Whether `value` beats `best` by more than `delta` (below in mode min, above in mode max); NaN never does. */
function improves(mode: "min" | "max", value: number, best: number, delta: number): boolean {
  return mode === "min" ? value < best - delta : value > best + delta;
}

export interface StoppingState {
  best: number;
  /** Epochs since the last improvement. */
  wait: number;
}

/**
 * EarlyStopping as PyTorch Lightning's: an epoch improves when its figure beats
 * the best by more than min_delta (below in mode min, above in mode max); the
 * run stops once `patience` epochs in a row have not.
 */
export class EarlyStopping {
  state: StoppingState;
  constructor(
    readonly o: NonNullable<TrainSpec["earlyStopping"]>,
    state?: StoppingState,
  ) {
    this.state = state ?? { best: o.mode === "min" ? Infinity : -Infinity, wait: 0 };
  }
  /** One epoch's figure; true when the run should stop. */
  step(value: number): boolean {
    const s = this.state;
    if (improves(this.o.mode, value, s.best, this.o.minDelta)) (s.best = value), (s.wait = 0);
    else s.wait++;
    return s.wait >= this.o.patience;
  }
}

/** `keep_best`: the best figure so far; an epoch is the new best when strictly better. */
export class BestKeeper {
  constructor(
    readonly monitor: string,
    readonly mode: "min" | "max",
    public best: number = mode === "min" ? Infinity : -Infinity,
  ) {}
  /** True when `value` is the new best (and records it). */
  offer(value: number): boolean {
    if (!improves(this.mode, value, this.best, 0)) return false;
    this.best = value;
    return true;
  }
}

/** The checkpoint `keep_best` writes beside `out`: `Net.safetensors` → `Net.best.safetensors`. */
export function bestPath(out: string): string {
  return /\.safetensors$/i.test(out) ? out.replace(/\.safetensors$/i, ".best.safetensors") : `${out}.best.safetensors`;
}

/** `schedule = plateau(...)` in the state machine's terms. */
export function plateauOptions(spec: TrainSpec): (PlateauOptions & { monitor: string }) | undefined {
  const s = spec.schedule;
  if (s?.name !== "plateau") return undefined;
  const a = s.args as Record<string, unknown>;
  return {
    mode: a.mode === "max" ? "max" : "min", factor: a.factor as number, patience: a.patience as number, threshold: a.threshold as number,
    thresholdMode: a.threshold_mode === "abs" ? "abs" : "rel", cooldown: a.cooldown as number, minLr: a.min_lr as number, eps: a.eps as number,
    monitor: typeof a.monitor === "string" ? a.monitor : "loss",
  };
}

/** Loss and metrics over a held-out split in eval mode; `split` says which. */
export interface HeldOutResult {
  split: HeldOutName;
  loss: number;
  metrics: Record<string, number>;
  samples: number;
}

export interface Evaluate {
  run(split: Split, fields: Dataset["fields"]): Promise<{ loss: number; metrics: Record<string, number> }>;
}

/**
 * Everything that reads the held-out figures after an epoch — the plateau
 * schedule, early stopping, keep_best — over one evaluation per epoch, and
 * their state as checkpoint metadata. A run with none of them evaluates nothing.
 */
export class HeldOutWatch {
  readonly split?: { name: HeldOutName; split: Split };
  private readonly plateauOpts?: PlateauOptions & { monitor: string };
  private plateau?: Plateau;
  private stopping?: EarlyStopping;
  private keeper?: BestKeeper;
  /** Set once early stopping has decided (kept across --resume). */
  stopped = false;

  constructor(spec: TrainSpec, baseLr: number, dataset: Dataset, validation: Split | undefined) {
    this.plateauOpts = plateauOptions(spec);
    if (this.plateauOpts) this.plateau = new Plateau(baseLr, this.plateauOpts);
    if (spec.earlyStopping) this.stopping = new EarlyStopping(spec.earlyStopping);
    if (spec.keepBest) {
      // The best by early stopping's figure, else the plateau's, else the held-out loss.
      const by = spec.earlyStopping ?? (this.plateauOpts ? { monitor: this.plateauOpts.monitor, mode: this.plateauOpts.mode ?? "min" } : { monitor: "loss", mode: "min" as const });
      this.keeper = new BestKeeper(by.monitor, by.mode);
    }
    const why = this.plateau ? "schedule = plateau(...)" : this.stopping ? "early_stopping" : this.keeper ? "keep_best" : undefined;
    // `validate` alone still evaluates the validation split after every epoch (it is shown).
    if (why || validation) this.split = heldOutSplit(dataset, validation, why ?? "validate");
  }

  /** The lr the plateau schedule sets (undefined without one). */
  get lr(): number | undefined {
    return this.plateau?.state.lr;
  }

  /** The figure keep_best ranks epochs by, and its name, for messages. */
  get bestBy(): string | undefined {
    return this.keeper?.monitor;
  }

  /** After a whole epoch: evaluate, then let each watcher decide. */
  async afterEpoch(evaluator: Evaluate, fields: Dataset["fields"]): Promise<{ heldOut: HeldOutResult; best: boolean; stop: boolean } | undefined> {
    if (!this.split) return undefined;
    const r = await evaluator.run(this.split.split, fields);
    const heldOut: HeldOutResult = { split: this.split.name, ...r, samples: this.split.split.size };
    if (this.plateau) this.plateau.step(monitored(r, this.plateauOpts!.monitor));
    const best = this.keeper ? this.keeper.offer(monitored(r, this.keeper.monitor)) : false;
    if (this.stopping && this.stopping.step(monitored(r, this.stopping.o.monitor))) this.stopped = true;
    return { heldOut, best, stop: this.stopped };
  }

  /** The state as checkpoint metadata numbers (checkpoint.ts `watch`). */
  state(): Record<string, number> {
    const out: Record<string, number> = {};
    if (this.plateau) {
      const p = this.plateau.state;
      Object.assign(out, { "plateau.lr": p.lr, "plateau.best": p.best, "plateau.num_bad_epochs": p.badEpochs, "plateau.cooldown_counter": p.cooldownLeft });
    }
    if (this.stopping) Object.assign(out, { "early_stopping.best": this.stopping.state.best, "early_stopping.wait": this.stopping.state.wait });
    if (this.keeper) out["best.value"] = this.keeper.best;
    return out;
  }

  /** Continues from a checkpoint's state; a watcher whose keys are absent starts afresh. */
  restore(w: Record<string, number>): void {
    if (this.plateau && w["plateau.lr"] !== undefined) {
      this.plateau.state = { lr: w["plateau.lr"], best: w["plateau.best"], badEpochs: w["plateau.num_bad_epochs"], cooldownLeft: w["plateau.cooldown_counter"] };
      if (Object.values(this.plateau.state).some((x) => x === undefined)) throw new UserError(`the checkpoint's plateau.* metadata is incomplete`);
    }
    if (this.stopping && w["early_stopping.best"] !== undefined) {
      this.stopping.state = { best: w["early_stopping.best"], wait: w["early_stopping.wait"] ?? 0 };
      this.stopped = this.stopping.state.wait >= this.stopping.o.patience;
    }
    if (this.keeper && w["best.value"] !== undefined) this.keeper.best = w["best.value"];
  }
}
