// The train block's vocabulary: data sources (with the per-sample types of
// their fields), optimizers and learning-rate schedules, each one record with
// PyTorch's argument names.

import type { DType, TensorType } from "../tensor-type";
import type { ArgSpec, Args } from "./registry";

export interface DataSourceDef {
  readonly kind: "data";
  readonly name: string;
  readonly doc: string;
  readonly args: readonly ArgSpec[];
  /**
   * Per-sample field types (no batch dim), or undefined when they cannot be
   * known without the file. `fileText` is the head of the data file as the
   * checker read it (a CSV's first line, a safetensors JSON header; hosts
   * without partial reads give the whole text, where both are found too).
   */
  fields(args: Args, fileText?: string): Record<string, TensorType> | undefined;
  /**
   * The image layout [C, H, W] of fields stored flat (mnist's image is 784
   * values, a 1×28×28 image), for augmentation. Fields of rank 3 are [C, H, W]
   * and of rank 2 [H, W] (one channel) by their shape; others need `view(...)`.
   */
  readonly layouts?: Readonly<Record<string, readonly [number, number, number]>>;
}

/** An image augmentation of the train block's `augment FIELD = [...]` (torchvision's transforms). */
export interface AugmentDef {
  readonly kind: "augment";
  readonly name: string;
  readonly doc: string;
  readonly args: readonly ArgSpec[];
}

export interface OptimizerDef {
  readonly kind: "optimizer";
  readonly name: string;
  readonly doc: string;
  readonly args: readonly ArgSpec[];
}

export interface ScheduleDef {
  readonly kind: "schedule";
  readonly name: string;
  readonly doc: string;
  readonly args: readonly ArgSpec[];
}

export const DATA_SOURCES: readonly DataSourceDef[] = [
  {
    kind: "data",
    name: "mnist",
    doc: "Handwritten digits from the `mnist` package: image f32[784] in [0, 1], label i32[] in 0..9.",
    args: [
      { name: "train", kind: "int", default: 8000, doc: "training samples" },
      { name: "test", kind: "int", default: 2000, doc: "held-out samples for metrics" },
      { name: "digits", kind: "ints", doc: "keep only these digits (labels stay 0..9), e.g. [0, 1, 2, 3, 4]" },
    ],
    fields: () => ({ image: { dtype: "f32", shape: [784] }, label: { dtype: "i32", shape: [] } }),
    layouts: { image: [1, 28, 28] },
  },
  {
    kind: "data",
    name: "csv",
    doc: "Rows of a CSV file with a header: `features` f32[n] (the listed columns, default all but the label) and `label` (i32[] when `classes` is given, else f32[]).",
    args: [
      { name: "path", kind: "string", required: true },
      { name: "features", kind: "strings" },
      { name: "label", kind: "string", required: true },
      { name: "classes", kind: "int", doc: "number of classes: the label is an i32 class index" },
      { name: "test", kind: "float", default: 0.2, doc: "fraction held out for metrics" },
    ],
    fields(a, text) {
      const header = text === undefined ? undefined : csvHeader(text);
      const listed = a.features as readonly string[] | undefined;
      const n = listed ? listed.length : header ? header.filter((h) => h !== a.label).length : "features";
      return {
        features: { dtype: "f32", shape: [n] },
        label: { dtype: a.classes !== undefined ? "i32" : "f32", shape: [] },
      };
    },
  },
  {
    kind: "data",
    name: "text",
    doc: "Character-level tokens of a text file: tokens i32[context] and targets i32[context] (the next characters).",
    args: [
      { name: "path", kind: "string", required: true },
      { name: "context", kind: "int", default: 64 },
      { name: "test", kind: "float", default: 0.1, doc: "fraction held out for metrics" },
    ],
    fields: (a) => ({
      tokens: { dtype: "i32", shape: [a.context as number] },
      targets: { dtype: "i32", shape: [a.context as number] },
    }),
  },
  {
    kind: "data",
    name: "tensors",
    doc: "Tensors of a safetensors file; each tensor's first dimension indexes samples, its name is the field.",
    args: [
      { name: "path", kind: "string", required: true },
      { name: "test", kind: "float", default: 0, doc: "fraction in [0, 1) or count held out for metrics (not with train/ and test/ tensors)" },
    ],
    fields: (_a, text) => (text === undefined ? undefined : safetensorsFields(text)),
  },
];

/** The column names of a CSV's first line. */
export function csvHeader(text: string): string[] {
  return (text.split(/\r?\n/, 1)[0] ?? "").split(",").map((h) => h.trim());
}

/** As the data loader reads them: floats widen or narrow to f32, integers and booleans become i32. */
const ST_DTYPES: Record<string, DType> = {
  F64: "f32", F32: "f32", F16: "f32", BF16: "f32",
  I64: "i32", I32: "i32", U8: "i32", BOOL: "i32",
};

/**
 * Per-sample fields of a safetensors file: its JSON header (after the 8-byte
 * length) maps names to dtype and shape; dim 0 indexes samples.
 */
export function safetensorsFields(text: string): Record<string, TensorType> | undefined {
  const start = text.indexOf("{");
  if (start < 0 || start > 8) return undefined;
  let depth = 0;
  let inString = false;
  let end = -1;
  for (let i = start; i < text.length && end < 0; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) end = i;
  }
  if (end < 0) return undefined;
  let header: Record<string, { dtype?: string; shape?: number[] }>;
  try {
    header = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  // Tensors named train/NAME and test/NAME are the two splits of field NAME (the loader strips the prefix).
  const names = Object.keys(header).filter((n) => n !== "__metadata__");
  const split = names.some((n) => n.startsWith("train/") || n.startsWith("test/"));
  const out: Record<string, TensorType> = {};
  for (const name of names) {
    const t = header[name];
    if (split && !name.startsWith("train/")) continue;
    if (!t || !Array.isArray(t.shape) || t.shape.length < 1) continue;
    const dtype = ST_DTYPES[t.dtype ?? ""];
    if (dtype) out[split ? name.slice("train/".length) : name] = { dtype, shape: t.shape.slice(1) };
  }
  return out;
}

const lr = (d: number): ArgSpec => ({ name: "lr", kind: "float", default: d, doc: "learning rate" });
const wd = (d: number): ArgSpec => ({ name: "weight_decay", kind: "float", default: d });
const adamArgs = (decay: number): ArgSpec[] => [
  lr(1e-3),
  { name: "betas", kind: "floats", doc: "[beta1, beta2]; or give beta1 / beta2" },
  { name: "beta1", kind: "float", default: 0.9 },
  { name: "beta2", kind: "float", default: 0.999 },
  { name: "eps", kind: "float", default: 1e-8 },
  wd(decay),
];

export const OPTIMIZERS: readonly OptimizerDef[] = [
  {
    kind: "optimizer",
    name: "SGD",
    doc: "Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay.",
    args: [lr(0.01), { name: "momentum", kind: "float", default: 0 }, { name: "dampening", kind: "float", default: 0 }, { name: "nesterov", kind: "bool", default: false }, wd(0)],
  },
  { kind: "optimizer", name: "Adam", doc: "Adam (L2 weight decay added to the gradient).", args: adamArgs(0) },
  { kind: "optimizer", name: "AdamW", doc: "Adam with decoupled weight decay.", args: adamArgs(0.01) },
  {
    kind: "optimizer",
    name: "RMSProp",
    doc: "RMSProp (torch.optim.RMSprop).",
    args: [lr(0.01), { name: "alpha", kind: "float", default: 0.99 }, { name: "eps", kind: "float", default: 1e-8 }, { name: "momentum", kind: "float", default: 0 }, wd(0)],
  },
];

const warm: ArgSpec = { name: "warmup", kind: "int", default: 0, doc: "steps of linear warmup from 0" };

export const SCHEDULES: readonly ScheduleDef[] = [
  { kind: "schedule", name: "constant", doc: "The optimizer's lr throughout (after warmup).", args: [warm] },
  {
    kind: "schedule",
    name: "step",
    doc: "Multiply lr by gamma every step_size steps.",
    args: [{ name: "step_size", kind: "int", required: true }, { name: "gamma", kind: "float", default: 0.1 }, warm],
  },
  { kind: "schedule", name: "cosine", doc: "Cosine decay from lr to min_lr over the run.", args: [warm, { name: "min_lr", kind: "float", default: 0 }] },
  { kind: "schedule", name: "linear", doc: "Linear decay from lr to end_lr over the run.", args: [warm, { name: "end_lr", kind: "float", default: 0 }] },
  { kind: "schedule", name: "warmup", doc: "Linear warmup over `steps`, then constant.", args: [{ name: "steps", kind: "int", required: true }] },
  {
    kind: "schedule",
    name: "multistep",
    doc: "Multiply lr by gamma at each milestone (optimizer steps), like MultiStepLR.",
    args: [{ name: "milestones", kind: "ints", required: true }, { name: "gamma", kind: "float", default: 0.1 }, warm],
  },
  {
    kind: "schedule",
    name: "onecycle",
    doc: "OneCycleLR over the run: from lr / div_factor up to the optimizer's lr at pct_start, then down to lr / div_factor / final_div_factor (the lr only: momentum is not cycled).",
    args: [
      { name: "pct_start", kind: "float", default: 0.3 },
      { name: "div_factor", kind: "float", default: 25 },
      { name: "final_div_factor", kind: "float", default: 1e4 },
      { name: "anneal_strategy", kind: "string", default: "cos", doc: "cos or linear" },
      { name: "three_phase", kind: "bool", default: false },
    ],
  },
  {
    kind: "schedule",
    name: "plateau",
    doc:
      "ReduceLROnPlateau: after each epoch, the held-out figure `monitor` (the validation split's, else the test split's) is compared with the best so far; " +
      "after more than `patience` epochs without an improvement beyond `threshold`, lr is multiplied by `factor` (not below `min_lr`), then `cooldown` epochs pass before counting again.",
    args: [
      { name: "factor", kind: "float", default: 0.1, doc: "multiplies lr on a plateau (< 1)" },
      { name: "patience", kind: "int", default: 10, doc: "epochs without improvement tolerated" },
      { name: "threshold", kind: "float", default: 1e-4, doc: "the least change that counts as an improvement" },
      { name: "threshold_mode", kind: "string", default: "rel", doc: "rel (a fraction of the best) or abs" },
      { name: "cooldown", kind: "int", default: 0, doc: "epochs after a reduction before bad epochs count again" },
      { name: "min_lr", kind: "float", default: 0, doc: "lr never goes below this" },
      { name: "eps", kind: "float", default: 1e-8, doc: "a reduction smaller than this is skipped" },
      { name: "mode", kind: "string", default: "min", doc: "min (lower is better, a loss) or max (an accuracy)" },
      { name: "monitor", kind: "string", default: "loss", doc: "loss, or the name of a metric" },
    ],
  },
];

/**
 * `augment image = [crop(28, padding: 4), hflip(0.5), noise(0.1)]`: applied in
 * order to each training sample (never to validation or test data), with
 * draws from the train block's seed, the epoch and the sample.
 */
export const AUGMENTS: readonly AugmentDef[] = [
  {
    kind: "augment",
    name: "crop",
    doc:
      "RandomCrop(size, padding, fill): pad the image by `padding` (one number for every side, [left/right, top/bottom] or [left, top, right, bottom]) with `fill`, " +
      "then cut a size×size (or [h, w]) window at a uniformly drawn position. The window must be the image's own size (held-out data is not cropped), so `padding` is what lets the image shift.",
    args: [
      { name: "size", kind: "ints", required: true, doc: "the window: h = w, or [h, w]" },
      { name: "padding", kind: "ints", default: 0, doc: "pixels added around the image before cropping" },
      { name: "fill", kind: "float", default: 0, doc: "value of the added pixels" },
    ],
  },
  {
    kind: "augment",
    name: "hflip",
    doc: "RandomHorizontalFlip(p): mirror the image left to right with probability p.",
    args: [{ name: "p", kind: "float", default: 0.5, doc: "probability of a flip" }],
  },
  {
    kind: "augment",
    name: "vflip",
    doc: "RandomVerticalFlip(p): mirror the image top to bottom with probability p.",
    args: [{ name: "p", kind: "float", default: 0.5, doc: "probability of a flip" }],
  },
  {
    kind: "augment",
    name: "noise",
    doc: "Additive Gaussian noise: every value gets mean + std·N(0, 1) added (not clipped).",
    args: [
      { name: "std", kind: "float", required: true, doc: "standard deviation of the noise" },
      { name: "mean", kind: "float", default: 0 },
    ],
  },
  {
    kind: "augment",
    name: "view",
    doc: "Not a transform: declares the [C, H, W] layout of a field stored flat (a `tensors` or `csv` field of 784 values: `view(1, 28, 28)`). Only first in the list; needless when the source knows the layout (mnist's image is 1×28×28) or the field is [C, H, W] or [H, W].",
    args: [{ name: "shape", kind: "ints", rest: true, required: true, doc: "C, H, W" }],
  },
];

/** A setting of the train block: what it means (editor hover) and how it is written (completion). */
export interface TrainSetting {
  readonly doc: string;
  /** The completion snippet; `NAME = $0` when absent. */
  readonly form?: string;
  /** Written once per target (`feed x`, `metric acc`, `augment image`), so offered again. */
  readonly repeats?: true;
}

/** Every setting a train block knows: the checker's list and the editor's (a name not here is DL4002). */
export const TRAIN_SETTINGS: Readonly<Record<string, TrainSetting>> = {
  data: { doc: "Where samples come from: `mnist(...)`, `csv(path, ...)`, `text(path, context: 64)`, `tensors(path)`." },
  feed: { doc: "`feed x = data.field` binds a model input to a data field.", form: "feed ${1:input} = data.$0", repeats: true },
  loss: { doc: "The scalar to minimise, e.g. `cross_entropy(logits, data.label)`." },
  optimizer: { doc: "`SGD`, `Adam`, `AdamW` or `RMSProp` with their arguments." },
  groups: { doc: 'Parameter groups with their own `lr`/`weight_decay`: `[group("*.bias|*norm*", weight_decay: 0)]` (torch.optim param groups).' },
  schedule: { doc: "Learning-rate schedule: `constant`, `step`, `multistep`, `cosine`, `linear`, `warmup`, `onecycle`, `plateau` (optional)." },
  batch: { doc: "Samples per step." },
  epochs: { doc: "Passes over the training data." },
  metrics: { doc: "A list of metrics reported on the held-out data, e.g. `[accuracy(logits, data.label)]`." },
  metric: { doc: "`metric acc = accuracy(logits, data.label)`: a metric with its own name.", form: "metric ${1:name} = $0", repeats: true },
  seed: { doc: "Seed of the initialisation, the data order, dropout masks, `randn`/`rand` draws and augmentation." },
  clip: { doc: "Clip the global gradient norm to this value." },
  accumulate: { doc: "Sum gradients over this many batches before an update (Caffe's iter_size)." },
  save_every: { doc: "Write a checkpoint every N epochs (`dlnet train --resume` continues from it)." },
  init: { doc: "Load matching parameters by name from a `.safetensors` or `.onnx` file." },
  freeze: { doc: "Parameters (by instance name) kept fixed: `[backbone]`." },
  validate: { doc: "Hold out this fraction (or, as an int, this many samples) of the train split for validation after every epoch." },
  early_stopping: { doc: "`EarlyStopping(patience: 3, min_delta: 0, monitor: \"loss\", mode: \"min\")`: stop after `patience` epochs without a held-out improvement." },
  keep_best: { doc: "`true`: write the best epoch's checkpoint beside `--out` (`Net.best.safetensors`)." },
  ema: { doc: "`ema = 0.999`: keep an exponential moving average of the weights (checkpoints hold it as `ema.<param>`; `dlnet run --ema`)." },
  augment: {
    doc: "`augment image = [crop(28, padding: 4), hflip(0.5), noise(0.1)]`: transforms of a data field's training samples (torchvision's RandomCrop, RandomHorizontalFlip, Gaussian noise).",
    form: "augment ${1:image} = [$0]",
    repeats: true,
  },
};
