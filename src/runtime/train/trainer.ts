// The training loop: a checked train block (TrainSpec) → step graphs → runs on
// a backend, batch by batch, with the learning-rate schedule, gradient
// accumulation, held-out evaluation and checkpoints.
//
// What runs where: the step graph (forward, loss, backward, clipping and the
// optimizer update; train-graph/build.ts) is one executable per batch size
// (the full batch, and the last partial batch of an epoch). Parameters,
// buffers and optimizer state stay in the backend between steps; the host
// feeds a batch, `lr`, `step` and the dropout seed, and reads the loss back
// only every `logEvery` steps.

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../../compiler/diagnostics";
import { UserError } from "../../compiler/diagnostics";
import type { TrainSpec } from "../../compiler/check/elaborated";
import { isPersistent, specialize, type Graph } from "../../compiler/ir/graph";
import { initParams, lowerTrain } from "../../compiler/lower/index";
import { buildTrainStep, type TrainGraphs } from "../../compiler/train-graph/train-step";
import { emaName, gradName, LR, STEP } from "../../compiler/train-graph/build";
import { lrAt, type Schedule } from "../../compiler/train-graph/schedules";
import { bestPath, HeldOutWatch, withValidation, type HeldOutResult } from "./held-out";
import { matchParameters } from "../onnx/import";
import type { Backend, Executable } from "../backend";
import { batchCount, batches, openTrainData, type Batch, type Dataset, type FieldSpec, type Split } from "../data/index";
import { mixSeed } from "../data/prng";
import { augmentBatch } from "../data/augment";
import { scalar, zeros, type Tensor } from "../../compiler/tensor";
import { readWeights } from "../weights";
import { loadCheckpoint, saveCheckpoint, type RunPosition } from "./checkpoint";
import { checkDataIndices } from "./data-checks";
import { IndexOutOfRange } from "../../compiler/ir/ops/gather";
import { EpochSums, withRunningSums } from "./epoch-sums";

export interface TrainOptions {
  spec: TrainSpec;
  backend: Backend;
  /** Overrides the train block's `epochs`. */
  epochs?: number;
  /** Stop after this many optimizer steps (in total, counting resumed ones). */
  steps?: number;
  /** Where to write checkpoints (at `save_every` epochs and at the end). */
  out?: string;
  /** A checkpoint to continue from. */
  resume?: string;
  /** Read the loss back every this many steps (default: every step on cpu, 20 on webgpu). */
  logEvery?: number;
  /** The folder the train block's relative file names resolve against (the CLI's working folder); default: the process's. */
  cwd?: string;
  /** A dataset already opened (tests); otherwise the train block's data source. */
  dataset?: Dataset;
  /** Skip the held-out evaluation at the end. */
  skipTest?: boolean;
  onEvent?: (e: TrainEvent) => void;
  /** Asked after every optimizer step: true ends the run there (the playground's Stop button). */
  stop?: () => boolean;
}

export type TrainEvent =
  | { kind: "start"; epochs: number; stepsPerEpoch: number; startEpoch: number; trainSize: number; testSize: number; validationSize?: number; warnings: Diagnostic[] }
  | { kind: "epoch-start"; epoch: number }
  /** `stepInEpoch`: optimizer steps of this epoch so far (with `accumulate`, batches / accumulate). */
  | { kind: "step"; epoch: number; step: number; stepInEpoch: number; loss?: number }
  /**
   * `loss` and `metrics`: means over every batch this epoch ran (the same on every backend).
   * `heldOut`: the held-out evaluation after the epoch, when the run needs one (plateau);
   * `lr`: the optimizer's lr for the next epoch when a plateau schedule sets it.
   */
  | {
      kind: "epoch"; epoch: number; step: number; loss?: number; metrics: Record<string, number>; seconds: number;
      heldOut?: HeldOutResult; lr?: number;
    }
  | { kind: "test"; loss: number; metrics: Record<string, number>; samples: number }
  | { kind: "checkpoint"; path: string; step: number }
  /** keep_best wrote the checkpoint of a new best held-out epoch (`by`: the figure, `value`: its value). */
  | { kind: "best"; path: string; epoch: number; step: number; by: string; value: number }
  /** Early stopping ended the run after `epoch` (0-based). */
  | { kind: "stopped"; epoch: number; reason: string };

export type { HeldOutResult } from "./held-out";

export interface TrainResult {
  steps: number;
  epochs: number;
  seconds: number;
  /** Losses read back, in step order (every `logEvery` steps). */
  losses: { step: number; loss: number }[];
  test?: { loss: number; metrics: Record<string, number> };
}

/** The train block's schedule in train-graph's terms. */
export function scheduleOf(spec: TrainSpec, stepsPerEpoch: number): Schedule {
  const s = spec.schedule;
  if (!s) return { kind: "constant" };
  const a = s.args as Record<string, unknown>;
  const num = (k: string, d: number) => (typeof a[k] === "number" ? (a[k] as number) : d);
  switch (s.name) {
    case "step":
      return { kind: "step", stepSize: num("step_size", stepsPerEpoch), gamma: num("gamma", 0.1), warmup: num("warmup", 0) };
    case "cosine":
      return { kind: "cosine", warmup: num("warmup", 0), minLr: num("min_lr", 0) };
    case "linear":
      return { kind: "linear", warmup: num("warmup", 0), endLr: num("end_lr", 0) };
    case "warmup":
      return { kind: "constant", warmup: num("steps", 0) };
    case "multistep":
      return { kind: "multistep", milestones: (a.milestones as number[]) ?? [], gamma: num("gamma", 0.1), warmup: num("warmup", 0) };
    case "onecycle":
      return {
        kind: "onecycle", pctStart: num("pct_start", 0.3), divFactor: num("div_factor", 25), finalDivFactor: num("final_div_factor", 1e4),
        anneal: a.anneal_strategy === "linear" ? "linear" : "cos", threePhase: a.three_phase === true,
      };
    default:
      return { kind: "constant", warmup: num("warmup", 0) };
  }
}

/** Compiles a symbolic graph per concrete batch size, once. */
class PerBatchSize {
  private readonly cache = new Map<number, Promise<Executable>>();
  constructor(
    private readonly graph: Graph,
    private readonly batchDim: string,
    private readonly backend: Backend,
  ) {}
  get(size: number): Promise<Executable> {
    let e = this.cache.get(size);
    if (!e) {
      e = this.backend.compile(specialize(this.graph, { [this.batchDim]: size }));
      this.cache.set(size, e);
    }
    return e;
  }
}

const hasInput = (g: Graph, name: string) => g.inputs.some((i) => i.name === name);

/** A batch's data fields as the graph's data inputs. */
function feedBatch(batch: Batch, dataInputs: readonly { input: string; field: string }[], graph: Graph): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const d of dataInputs) {
    const node = graph.input(d.input);
    const shape = node.shape.map((x, i) => (i === 0 ? batch.size : (x as number)));
    const data = batch.fields[d.field];
    feeds[d.input] = { dtype: node.dtype === "i32" ? "i32" : "f32", shape, data };
  }
  return feeds;
}

/** Expected shape of every persistent value of the step graph (params, buffers, optimizer state). */
function persistentShapes(graph: Graph): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const i of graph.inputs) {
    if (isPersistent(i)) m.set(i.name, i.node.shape as number[]);
  }
  return m;
}

export async function train(o: TrainOptions): Promise<TrainResult> {
  const { spec, backend } = o;
  const t0 = performance.now();
  const emit = o.onEvent ?? (() => {});
  const seed = spec.seed ?? 0;
  // "": node:path resolves against the process's folder (a browser page gives its dataset and no init).
  const cwd = o.cwd ?? "";
  const opened = o.dataset ?? openTrainData(spec, cwd);
  if (opened.train.size === 0) throw new UserError(`${opened.description}: the train split is empty`);
  // `validate`: part of the train split held out (chosen from the seed); training sees the rest.
  const { dataset, validation } = withValidation(opened, spec.validate, seed);

  const graphs: TrainGraphs = buildTrainStep(spec);
  const lowered = graphs.forward;
  checkDataIndices(opened, lowered.graph, lowered.dataInputs);
  const accumulate = Math.max(1, spec.accumulate);
  // Every run adds its loss and metrics to running sums on the device: the epoch's means, read once.
  const summed = ["loss", ...lowered.metrics];
  const stepGraph = withRunningSums(accumulate > 1 ? graphs.gradStep! : graphs.step, summed);
  const shapes = persistentShapes(graphs.step);
  const warnings = await initialState(spec, backend, lowered, shapes, seed, cwd);
  // What reads the held-out split after every epoch: plateau, early stopping, keep_best.
  const watch = new HeldOutWatch(spec, graphs.optimizer.lr, dataset, validation);
  let pos: RunPosition = { step: 0, epoch: 0, batch: 0 };
  if (o.resume) {
    const ck = loadCheckpoint(o.resume, shapes, spec.model.name);
    for (const [name, t] of ck.tensors) backend.setState(name, t);
    pos = { step: ck.meta.step, epoch: ck.meta.epoch, batch: ck.meta.batch };
    watch.restore(ck.meta.watch ?? {});
  }

  const epochs = o.epochs ?? spec.epochs;
  const batchesPerEpoch = batchCount(dataset.train.size, spec.batch);
  const stepsPerEpoch = Math.ceil(batchesPerEpoch / accumulate);
  // The schedule spans the run the train block describes; --steps only stops early,
  // so a run cut short and resumed follows the same learning-rate curve.
  const scheduleSteps = epochs * stepsPerEpoch;
  const run: Run = {
    o, emit, seed, dataset, lowered, stepGraph, shapes, accumulate, batchesPerEpoch, scheduleSteps, pos,
    totalSteps: Math.min(o.steps ?? Infinity, scheduleSteps),
    schedule: scheduleOf(spec, stepsPerEpoch),
    baseLr: graphs.optimizer.lr,
    logEvery: o.logEvery ?? (backend.name === "cpu" ? 1 : 20),
    stepExe: new PerBatchSize(stepGraph, lowered.batchDim, backend),
    updateExe: accumulate > 1 ? backend.compile(graphs.updateStep!) : undefined,
    trainable: lowered.params.map((p) => p.path),
    losses: [],
    readAt: pos.step,
    sums: new EpochSums(backend, summed),
    watch,
    // With `ema`, the held-out figures and the test split are those of the averaged weights.
    evaluator: new Evaluator(spec, backend, spec.ema !== undefined ? lowered.params.map((p) => p.path) : undefined),
  };

  emit({
    kind: "start", epochs, stepsPerEpoch, startEpoch: pos.epoch, trainSize: dataset.train.size, testSize: dataset.test.size,
    ...(validation ? { validationSize: validation.size } : {}), warnings,
  });

  const stateNames = [...shapes.keys()];
  const save = async (path: string, quiet = false) => {
    await saveCheckpoint(path, backend, stateNames, { ...run.pos, model: spec.model.name, seed, watch: watch.state() });
    if (!quiet) emit({ kind: "checkpoint", path, step: run.pos.step });
  };

  let epoch = pos.epoch;
  // (A run resumed from a checkpoint written after early stopping stays stopped.)
  for (; epoch < epochs && run.pos.step < run.totalSteps && !watch.stopped && !o.stop?.(); epoch++) {
    if (await endOfEpoch(run, epoch, await runEpoch(run, epoch), save)) {
      epoch++;
      break;
    }
  }
  if (o.out) await save(o.out);

  let test: TrainResult["test"];
  if (!o.skipTest && dataset.test.size > 0) {
    test = await run.evaluator.run(dataset.test, dataset.fields);
    emit({ kind: "test", ...test, samples: dataset.test.size });
  }
  return { steps: run.pos.step, epochs: epoch, seconds: (performance.now() - t0) / 1000, losses: run.losses, test };
}

/** After an epoch: the best checkpoint (keep_best), `save_every`'s checkpoint, and early stopping; true ends the run. */
async function endOfEpoch(run: Run, epoch: number, after: Awaited<ReturnType<typeof runEpoch>>, save: (path: string, quiet?: boolean) => Promise<void>): Promise<boolean> {
  const { o, emit, watch } = run;
  const spec = o.spec;
  if (after?.best && o.out) {
    const path = bestPath(o.out);
    await save(path, true);
    const by = watch.bestBy!;
    emit({ kind: "best", path, epoch, step: run.pos.step, by: `val_${by}`, value: by === "loss" ? after.heldOut.loss : after.heldOut.metrics[by] });
  }
  if (o.out && spec.saveEvery && (epoch + 1) % spec.saveEvery === 0 && run.pos.step < run.totalSteps) await save(o.out);
  if (!after?.stop) return false;
  const es = spec.earlyStopping!;
  emit({ kind: "stopped", epoch, reason: `val_${es.monitor} has not improved by more than ${es.minDelta} for ${es.patience} epoch${es.patience === 1 ? "" : "s"}` });
  return true;
}

/** One training run's fixed plan and moving position, shared by the epoch loop's parts. */
interface Run {
  o: TrainOptions;
  emit: (e: TrainEvent) => void;
  seed: number;
  dataset: Dataset;
  lowered: TrainGraphs["forward"];
  stepGraph: Graph;
  shapes: ReadonlyMap<string, number[]>;
  accumulate: number;
  batchesPerEpoch: number;
  scheduleSteps: number;
  totalSteps: number;
  schedule: Schedule;
  baseLr: number;
  logEvery: number;
  stepExe: PerBatchSize;
  updateExe: Promise<Executable> | undefined;
  trainable: string[];
  /** Losses read back, in step order. */
  losses: { step: number; loss: number }[];
  /** The step whose loss was read back last (a WebGPU index flag comes back with it). */
  readAt: number;
  sums: EpochSums;
  pos: RunPosition;
  /** Plateau, early stopping and keep_best over the held-out split after each epoch. */
  watch: HeldOutWatch;
  evaluator: Evaluator;
}

/**
 * Every parameter, buffer and optimizer state in the backend before the first step:
 * PyTorch's default init from the seed, then `init = "file"`, optimizer state at zero.
 * Returns the warnings of matching the init file's tensors by name.
 */
async function initialState(
  spec: TrainSpec,
  backend: Backend,
  lowered: TrainGraphs["forward"],
  shapes: ReadonlyMap<string, number[]>,
  seed: number,
  cwd: string,
): Promise<Diagnostic[]> {
  const warnings: Diagnostic[] = [];
  const all = [...lowered.params, ...lowered.frozen, ...lowered.buffers];
  for (const [name, t] of initParams(all, seed)) backend.setState(name, t);
  if (spec.init) {
    const expected = new Map(all.map((p) => [p.path, p.shape]));
    const setting = spec.decl.settings.find((s) => s.key.name === "init");
    const initPath = resolve(cwd, spec.init);
    if (!existsSync(initPath)) {
      throw new UserError(`init: weights file '${spec.init}' does not exist (train the model that writes it first)`);
    }
    // A dlnet checkpoint also holds optimizer state (`optim.*`): not parameters, not unexpected.
    const found = new Map([...readWeights(initPath)].filter(([name]) => !name.startsWith("optim.") && !name.startsWith("ema.")));
    const m = matchParameters(expected, found, spec.init, {
      strict: false,
      at: setting ? { file: spec.file, span: setting.value.span } : undefined,
    });
    const errors = m.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new UserError(errors.map((d) => d.message).join("\n  "), 1);
    warnings.push(...m.diagnostics);
    if (m.matched.size === 0) throw new UserError(`'${spec.init}': no tensor matches a parameter of ${spec.model.name}`, 1);
    for (const [name, t] of m.matched) backend.setState(name, t);
  }
  // `ema`: the average starts at the initial weights (timm's ModelEmaV2 copies the model).
  if (spec.ema !== undefined) for (const p of lowered.params) backend.setState(emaName(p.path), copyTensor(await backend.getState(p.path)));
  for (const [name, shape] of shapes) if (!backend.hasState(name)) backend.setState(name, zeros(shape));
  return warnings;
}

/**
 * One epoch (from the resumed batch when it is the resumed epoch): its steps, then its means
 * and, after a whole epoch, the held-out figures and what the watchers make of them.
 */
async function runEpoch(run: Run, epoch: number): Promise<Awaited<ReturnType<HeldOutWatch["afterEpoch"]>>> {
  const { o, emit, dataset, lowered, stepGraph, accumulate, batchesPerEpoch } = run;
  const spec = o.spec;
  const te = performance.now();
  emit({ kind: "epoch-start", epoch });
  run.sums.reset();
  const startBatch = epoch === run.pos.epoch ? run.pos.batch : 0;
  const acc: Accumulated = { micro: 0, gradSum: undefined };
  for (const batch of batches(dataset.train, dataset.fields, { batchSize: spec.batch, seed: run.seed, epoch, startBatch })) {
    // `augment`: training batches only (held-out and test batches go through the Evaluator).
    if (spec.augment) augmentBatch(batch, spec.augment, run.seed, epoch);
    const exe = await run.stepExe.get(batch.size);
    const feeds = feedBatch(batch, lowered.dataInputs, stepGraph);
    const lr = run.watch.lr ?? lrAt(run.baseLr, run.schedule, run.pos.step, run.scheduleSteps);
    // The gradient-only graph of `accumulate` > 1 has no lr/step (its update step does).
    if (hasInput(stepGraph, LR)) feeds[LR] = scalar(lr);
    if (hasInput(stepGraph, STEP)) feeds[STEP] = scalar(run.pos.step + 1);
    if (lowered.seedInput) feeds[lowered.seedInput] = scalar(mixSeed(run.seed, run.pos.step, acc.micro, 0x5eed) | 0, "i32");
    if (accumulate === 1) await plainStep(run, epoch, batch.index, exe, feeds);
    else await accumulatedStep(run, epoch, batch.index, exe, feeds, lr, acc);
    if (run.pos.step >= run.totalSteps || o.stop?.()) break;
  }
  const finished = run.pos.batch >= batchesPerEpoch;
  if (finished) run.pos = { step: run.pos.step, epoch: epoch + 1, batch: 0 };
  const { loss: epochLoss, ...metrics } = await run.sums.means();
  const seconds = (performance.now() - te) / 1000;
  const after = finished ? await run.watch.afterEpoch(run.evaluator, dataset.fields) : undefined;
  const lr = run.watch.lr;
  emit({ kind: "epoch", epoch, step: run.pos.step, loss: epochLoss, metrics, seconds, ...(after ? { heldOut: after.heldOut } : {}), ...(lr !== undefined ? { lr } : {}) });
  return after;
}

/** Optimizer steps of this epoch so far, as the progress bar counts them (batches / accumulate). */
const stepInEpoch = (run: Run, batchIndex: number) => Math.ceil((batchIndex + 1) / run.accumulate);

/** A batch is one optimizer step; the loss is read back every `logEvery` steps and at the ends. */
async function plainStep(run: Run, epoch: number, batchIndex: number, exe: Executable, feeds: Record<string, Tensor>): Promise<void> {
  const logNow = (run.pos.step + 1) % run.logEvery === 0 || batchIndex === run.batchesPerEpoch - 1 || run.pos.step + 1 === run.totalSteps;
  const out = await atStep(run, () => exe.run(feeds, logNow ? ["loss"] : []));
  if (logNow) run.readAt = run.pos.step + 1;
  run.sums.counted();
  run.pos = { step: run.pos.step + 1, epoch, batch: batchIndex + 1 };
  if (logNow) run.losses.push({ step: run.pos.step, loss: out.loss.data[0] });
  run.emit({ kind: "step", epoch, step: run.pos.step, stepInEpoch: stepInEpoch(run, batchIndex), loss: logNow ? out.loss.data[0] : undefined });
}

/**
 * A computed index out of range (ir/ops/gather.ts), named with the step: the
 * CPU reference stops at the step itself; WebGPU kernels flag it and the
 * executor reports it when the step's loss is read back (every `logEvery`
 * steps), so the value came at one of the steps since the last read.
 */
async function atStep<T>(run: Run, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof IndexOutOfRange)) throw e;
    const step = run.pos.step + 1;
    const when =
      run.o.backend.name === "cpu" || step === run.readAt + 1
        ? `step ${step}`
        : `step ${step} (WebGPU reports computed indices when it reads the loss back, every ${run.logEvery} steps: the value came at one of steps ${run.readAt + 1} to ${step})`;
    throw new UserError(`${when}: ${e.message}`, 1);
  }
}

/** The micro-batches of the current accumulated step so far and their summed gradients. */
interface Accumulated {
  micro: number;
  gradSum: Map<string, Float32Array> | undefined;
}

/** Gradient accumulation: sum k micro-batch gradients, average, update once (at k, or at the epoch's last batch). */
async function accumulatedStep(run: Run, epoch: number, batchIndex: number, exe: Executable, feeds: Record<string, Tensor>, lr: number, acc: Accumulated): Promise<void> {
  const { trainable } = run;
  const out = await atStep(run, () => exe.run(feeds, ["loss", ...trainable.map(gradName)]));
  run.readAt = run.pos.step + 1;
  run.sums.counted();
  run.losses.push({ step: run.pos.step, loss: out.loss.data[0] });
  const gradSum = (acc.gradSum ??= new Map(trainable.map((p) => [p, new Float32Array(out[gradName(p)].data.length)])));
  for (const p of trainable) {
    const g = out[gradName(p)].data;
    const sum = gradSum.get(p)!;
    for (let i = 0; i < sum.length; i++) sum[i] += g[i];
  }
  acc.micro++;
  if (acc.micro < run.accumulate && batchIndex !== run.batchesPerEpoch - 1) return;
  const upd: Record<string, Tensor> = { [LR]: scalar(lr), [STEP]: scalar(run.pos.step + 1) };
  for (const p of trainable) {
    const mean = gradSum.get(p)!.map((v) => v / acc.micro);
    upd[gradName(p)] = { dtype: "f32", shape: run.shapes.get(p)!, data: mean };
  }
  await (await run.updateExe!).run(upd, []);
  acc.micro = 0;
  acc.gradSum = undefined;
  run.pos = { step: run.pos.step + 1, epoch, batch: batchIndex + 1 };
  run.emit({ kind: "step", epoch, step: run.pos.step, stepInEpoch: stepInEpoch(run, batchIndex), loss: out.loss.data[0] });
}

/**
 * Loss and metrics over a held-out split in eval mode (dropout off, running
 * statistics), on the parameters the backend holds now. The eval graph is
 * lowered once and compiled once per batch size, however often it runs.
 */
export class Evaluator {
  private lowered?: ReturnType<typeof lowerTrain>;
  private exes?: PerBatchSize;
  constructor(
    private readonly spec: TrainSpec,
    private readonly backend: Backend,
    /** Evaluate with the EMA weights of these parameters (`ema.<param>`), swapped in for the run. */
    private readonly emaParams?: readonly string[],
  ) {}

  async run(split: Split, fields: Record<string, FieldSpec>): Promise<{ loss: number; metrics: Record<string, number> }> {
    if (!this.emaParams?.length) return this.runHere(split, fields);
    const b = this.backend;
    const own = new Map<string, Tensor>();
    for (const p of this.emaParams) own.set(p, copyTensor(await b.getState(p)));
    for (const p of this.emaParams) b.setState(p, copyTensor(await b.getState(emaName(p))));
    try {
      return await this.runHere(split, fields);
    } finally {
      for (const [p, t] of own) b.setState(p, t);
    }
  }

  private async runHere(split: Split, fields: Record<string, FieldSpec>): Promise<{ loss: number; metrics: Record<string, number> }> {
    this.lowered ??= lowerTrain(this.spec, { mode: "eval" });
    const lowered = this.lowered;
    this.exes ??= new PerBatchSize(lowered.graph, lowered.batchDim, this.backend);
    const names = ["loss", ...lowered.metrics];
    const sums: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (const batch of batches(split, fields, { batchSize: this.spec.batch, shuffle: false })) {
      const exe = await this.exes.get(batch.size);
      const feeds = feedBatch(batch, lowered.dataInputs, lowered.graph);
      // randn/rand in the model: a fixed stream per batch, so the held-out figures are reproducible.
      if (lowered.seedInput) feeds[lowered.seedInput] = scalar(mixSeed(this.spec.seed ?? 0, batch.index, 0x7e57) | 0, "i32");
      let out: Record<string, Tensor>;
      try {
        out = await exe.run(feeds, names);
      } catch (e) {
        if (e instanceof IndexOutOfRange) throw new UserError(`held-out evaluation, batch ${batch.index + 1}: ${e.message}`, 1);
        throw e;
      }
      // Loss and metrics are batch means: weight them by the batch's size.
      for (const n of names) sums[n] += out[n].data[0] * batch.size;
    }
    const n = split.size;
    return { loss: sums.loss / n, metrics: Object.fromEntries(lowered.metrics.map((m) => [m, sums[m] / n])) };
  }
}

/** A tensor with its own copy of the data (the backend's state is never aliased). */
function copyTensor(t: Tensor): Tensor {
  return { ...t, shape: [...t.shape], data: t.data.slice() } as Tensor;
}
