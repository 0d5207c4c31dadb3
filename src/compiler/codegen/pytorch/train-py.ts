// train.py: a train block as a plain PyTorch loop that runs on one process
// (`python train.py`) or under DistributedDataParallel (torchrun, or any
// env:// launcher: MASTER_ADDR, MASTER_PORT, RANK, LOCAL_RANK, WORLD_SIZE).
// What maps to what:
//   data          → data.safetensors beside it (train/NAME, test/NAME: the
//                   samples dlnet's loader produced, so both see the same data)
//   batch         → the global batch: each of N ranks takes batch / N
//   loss, metrics → the same expressions over the model's outputs (expr.ts)
//   optimizer     → torch.optim with the same hyperparameters
//   schedule      → LambdaLR with dlnet's lrAt formula (per optimizer step);
//                   torch's OneCycleLR, MultiStepLR, and ReduceLROnPlateau
//                   (per epoch, on the held-out loss or metric)
//   validate      → val/NAME in data.safetensors: dlnet's validation samples,
//                   the held-out split (else test/NAME)
//   ema           → a hand-written EMA of the trainable weights after each
//                   optimizer step (timm's ModelEmaV2), used for evaluation,
//                   saved as ema.<param> in the checkpoint
//   early_stopping, keep_best → the same rules after each epoch; the best
//                   epoch's checkpoint beside --out (NAME.best.safetensors)
//   clip          → clip_grad_norm_ (dlnet's formula is PyTorch's)
//   accumulate    → k micro-batches, gradients averaged, one step (no_sync between)
//   seed          → torch.manual_seed, DistributedSampler(seed)
//   init, freeze  → weights loaded by name, requires_grad_(False)
//   save_every    → rank 0 writes a dlnet checkpoint (safetensors, dlnet layout)

import type { ENode, TrainSpec } from "../../check/elaborated";
import { optimizerSpec } from "../../train-graph/train-step";
import { stateNames, type OptimizerSpec } from "../../train-graph/optimizers";
import { operands } from "../../lower/context";
import { PyWriter, type Scope } from "./expr";
import type { ModelPy } from "./model-py";
import { NotExpressible, pyBool, pyFloat, pyInt, pyStr } from "./python";

function optimizerCode(o: OptimizerSpec): string {
  switch (o.kind) {
    case "sgd":
      return `torch.optim.SGD(params, lr=${pyFloat(o.lr)}, momentum=${pyFloat(o.momentum ?? 0)}, dampening=${pyFloat(o.dampening ?? 0)}, nesterov=${pyBool(o.nesterov ?? false)}, weight_decay=${pyFloat(o.weightDecay ?? 0)})`;
    case "adam":
    case "adamw": {
      const [b1, b2] = o.betas ?? [0.9, 0.999];
      const cls = o.kind === "adam" ? "Adam" : "AdamW";
      return `torch.optim.${cls}(params, lr=${pyFloat(o.lr)}, betas=(${pyFloat(b1)}, ${pyFloat(b2)}), eps=${pyFloat(o.eps ?? 1e-8)}, weight_decay=${pyFloat(o.weightDecay ?? (o.kind === "adamw" ? 0.01 : 0))})`;
    }
    case "rmsprop":
      return `torch.optim.RMSprop(params, lr=${pyFloat(o.lr)}, alpha=${pyFloat(o.alpha ?? 0.99)}, eps=${pyFloat(o.eps ?? 1e-8)}, weight_decay=${pyFloat(o.weightDecay ?? 0)}, momentum=${pyFloat(o.momentum ?? 0)}, centered=${pyBool(o.centered ?? false)})`;
  }
}

/** The schedule as (kind, warmup, arguments) for lr_factor; step_size defaults to an epoch. */
function scheduleCode(spec: TrainSpec): string {
  const s = spec.schedule;
  const a = (s?.args ?? {}) as Record<string, unknown>;
  const n = (k: string, d: number | null) => (typeof a[k] === "number" ? pyFloat(a[k] as number) : d === null ? "None" : pyFloat(d));
  switch (s?.name) {
    case "step":
      return `{"kind": "step", "warmup": ${n("warmup", 0)}, "step_size": ${n("step_size", null)}, "gamma": ${n("gamma", 0.1)}}`;
    case "cosine":
      return `{"kind": "cosine", "warmup": ${n("warmup", 0)}, "min_lr": ${n("min_lr", 0)}}`;
    case "linear":
      return `{"kind": "linear", "warmup": ${n("warmup", 0)}, "end_lr": ${n("end_lr", 0)}}`;
    case "warmup":
      return `{"kind": "constant", "warmup": ${n("steps", 0)}}`;
    case "multistep":
      return `{"kind": "multistep", "warmup": ${n("warmup", 0)}, "milestones": [${((a.milestones as number[]) ?? []).map(pyInt).join(", ")}], "gamma": ${n("gamma", 0.1)}}`;
    case "plateau":
      return `{"kind": "plateau", "warmup": 0, "factor": ${n("factor", 0.1)}, "patience": ${pyInt((a.patience as number) ?? 10)}, "threshold": ${n("threshold", 1e-4)}, "threshold_mode": ${pyStr(a.threshold_mode === "abs" ? "abs" : "rel")}, "cooldown": ${pyInt((a.cooldown as number) ?? 0)}, "min_lr": ${n("min_lr", 0)}, "eps": ${n("eps", 1e-8)}, "mode": ${pyStr(a.mode === "max" ? "max" : "min")}, "monitor": ${pyStr(typeof a.monitor === "string" ? a.monitor : "loss")}}`;
    case "onecycle":
      return `{"kind": "onecycle", "warmup": 0, "pct_start": ${n("pct_start", 0.3)}, "div_factor": ${n("div_factor", 25)}, "final_div_factor": ${n("final_div_factor", 1e4)}, "anneal_strategy": ${pyStr(a.anneal_strategy === "linear" ? "linear" : "cos")}, "three_phase": ${pyBool(a.three_phase === true)}}`;
    default:
      return `{"kind": "constant", "warmup": ${n("warmup", 0)}}`;
  }
}

/**
 * The model's tensor bindings (not outputs) the loss and metrics read (`VAE.mu`), in
 * the model's order: the exported forward returns them when asked (`return_values=True`).
 */
export function bindingsRead(spec: TrainSpec): string[] {
  const byNode = new Map<ENode, string>();
  for (const [name, node] of spec.model.bindings) if (!byNode.has(node)) byNode.set(node, name);
  const read = new Set<string>();
  const seen = new Set<ENode>();
  const visit = (e: ENode) => {
    if (seen.has(e)) return;
    seen.add(e);
    const name = byNode.get(e);
    if (name !== undefined) return void read.add(name);
    operands(e).forEach(visit);
  };
  [spec.loss, ...spec.metrics.map((m) => m.value)].forEach(visit);
  return [...spec.model.bindings.keys()].filter((n) => read.has(n));
}

/** `def loss_and_metrics(out, batch, model)`: the train block's loss and metrics over outputs, data fields and parameters. */
function lossFunction(spec: TrainSpec, single: boolean, values: readonly string[]): string[] {
  const scope: Scope = {
    // A model input read by the loss: its data field, reshaped as run_model feeds it.
    input: (name, e) => {
      const feed = spec.feeds.find((f) => f.input === name);
      if (!feed) throw new NotExpressible(`the loss refers to model input '${name}', which is not fed`, e.file, e.span);
      return `batch[${pyStr(feed.field)}].reshape(${["-1", ...feed.inputShape.map((d) => pyInt(d as number))].join(", ")})`;
    },
    output: (name) => (single ? "out" : `out[${pyStr(name)}]`),
    data: (field) => `batch[${pyStr(field)}]`,
    // A parameter read by the loss (`Net.fc.weight`): the model's own tensor, so its gradient adds up.
    param: (p) => `model.${p.buffer ? "get_buffer" : "get_parameter"}(${pyStr(p.path)})`,
    module: (inst, e) => {
      throw new NotExpressible(`the loss applies layer '${inst.path}'`, e.file, e.span);
    },
    userCall: () => undefined,
    opCall: (e) => {
      throw new NotExpressible(`the loss applies op '${e.op.name.name}'`, e.file, e.span);
    },
  };
  // The bindings read come from the forward (`values`), like the outputs.
  const w = new PyWriter(scope, new Map(values.map((n) => [spec.model.bindings.get(n)!, `values[${pyStr(n)}]`])), "v");
  const roots: ENode[] = [spec.loss, ...spec.metrics.map((m) => m.value)];
  w.countUses(roots);
  const loss = w.value(spec.loss);
  const metrics = spec.metrics.map((m) => `${pyStr(m.name)}: ${w.value(m.value)}`);
  return [
    "def loss_and_metrics(out, batch, model):",
    `    """The train block's loss and metrics; out is the model's ${single ? "output" : "dict of outputs"}${
      values.length ? " and the dict of the values the loss reads (run_model's pair)" : ""
    }, batch a dict of data fields, model the module (for parameters the loss reads)."""`,
    ...(values.length ? ["    out, values = out"] : []),
    ...w.lines.map((l) => "    " + l),
    `    return ${loss}, {${metrics.join(", ")}}`,
  ];
}

export interface TrainPyOptions {
  /** init = "...": the file name train.py loads, relative to its folder. */
  initFile?: string;
}

export function writeTrainPy(spec: TrainSpec, model: ModelPy, o: TrainPyOptions = {}): string {
  const opt = optimizerSpec(spec.optimizer);
  const single = spec.model.outputs.length === 1;
  const feeds = spec.feeds.map(
    (f) => `    ${pyStr(f.input)}: (${pyStr(f.field)}, (${f.inputShape.map((d) => pyInt(d as number)).join(", ")}${f.inputShape.length === 1 ? "," : ""})),`,
  );
  const inputs = spec.model.inputs.map((i) => `inputs[${pyStr(i.name)}]`).join(", ");
  const trainable = spec.model.parameters.filter((p) => !p.buffer && !spec.frozenParams.includes(p.path));
  const values = bindingsRead(spec);
  return [
    `# train.py, written by \`dlnet export --pytorch\` from ${spec.file.split("/").pop()} (train ${spec.model.name}).`,
    "#   python train.py [--epochs N] [--steps N] [--out CKPT.safetensors]       one process",
    "#   torchrun --nproc_per_node=N train.py [...]                              N ranks (DDP)",
    "# See README.md for the env:// launch without torchrun.",
    "",
    "import argparse",
    "import hashlib",
    "import math",
    "import os",
    "import re",
    "import sys",
    "import time",
    "",
    "import torch",
    "import torch.distributed as dist",
    "import torch.nn.functional as F",
    "from torch.nn.parallel import DistributedDataParallel",
    "from torch.utils.data.distributed import DistributedSampler",
    "",
    "sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))",
    "from dlnet_io import read_safetensors, write_safetensors  # noqa: E402",
    `from model import ${model.className}, load_weights  # noqa: E402`,
    "",
    "HERE = os.path.dirname(os.path.abspath(__file__))",
    `MODEL = ${pyStr(spec.model.name)}`,
    `EPOCHS = ${pyInt(spec.epochs)}`,
    `BATCH = ${pyInt(spec.batch)}  # the global batch: each of N ranks takes BATCH // N`,
    `SEED = ${pyInt(spec.seed ?? 0)}`,
    `ACCUMULATE = ${pyInt(Math.max(1, spec.accumulate))}`,
    `CLIP = ${spec.clip === undefined ? "None" : pyFloat(spec.clip)}`,
    `SAVE_EVERY = ${spec.saveEvery === undefined ? "None" : pyInt(spec.saveEvery)}`,
    `INIT = ${o.initFile === undefined ? "None" : `os.path.join(HERE, ${pyStr(o.initFile)})`}`,
    `FROZEN = [${spec.frozenParams.map(pyStr).join(", ")}]`,
    `SCHEDULE = ${scheduleCode(spec)}`,
    `# early_stopping: (patience, min_delta, monitor, mode) or None; keep_best: write the best held-out epoch's checkpoint.`,
    `EARLY_STOPPING = ${spec.earlyStopping ? `{"patience": ${pyInt(spec.earlyStopping.patience)}, "min_delta": ${pyFloat(spec.earlyStopping.minDelta)}, "monitor": ${pyStr(spec.earlyStopping.monitor)}, "mode": ${pyStr(spec.earlyStopping.mode)}}` : "None"}`,
    `KEEP_BEST = ${pyBool(spec.keepBest === true)}`,
    `EMA = ${spec.ema === undefined ? "None" : pyFloat(spec.ema)}  # ema = decay: the averaged weights, ema.<param> in checkpoints`,
    `# Optimizer state names, as dlnet's checkpoints hold them (optim.<param>.<name>).`,
    `OPTIMIZER_STATE = [${stateNames(opt).map(pyStr).join(", ")}]`,
    "# augment FIELD = [...]: per field, its [C, H, W] layout and transforms (training batches only).",
    `AUGMENT = ${JSON.stringify(spec.augment ?? [])}`,
    "# Model input <- (data field, per-sample shape).",
    "FEEDS = {",
    ...feeds,
    "}",
    "",
    "",
    "# Parameter groups (torch.optim): (parameter names, what the group sets); the rest form the last group.",
    "GROUPS = [",
    ...spec.groups.map(
      (g) => `    ([${g.params.map(pyStr).join(", ")}], {${[
        ...(g.lr !== undefined ? [`"lr": ${pyFloat(g.lr)}`] : []),
        ...(g.weightDecay !== undefined ? [`"weight_decay": ${pyFloat(g.weightDecay)}`] : []),
      ].join(", ")}}),  # ${g.patterns.join(", ")}`,
    ),
    "]",
    "",
    "",
    "def make_optimizer(named):",
    '    """The optimizer over (name, parameter) pairs, in GROUPS\' parameter groups."""',
    "    named = dict(named)",
    "    grouped = {n for names, _ in GROUPS for n in names}",
    '    params = [{"params": [named[n] for n in names if n in named], **opts} for names, opts in GROUPS]',
    '    params = [g for g in params if g["params"]]',
    "    rest = [p for n, p in named.items() if n not in grouped]",
    "    if rest:",
    '        params.append({"params": rest})',
    `    return ${optimizerCode(opt)}`,
    "",
    "",
    ...lossFunction(spec, single, values),
    "",
    "",
    "def run_model(model, batch):",
    '    """The model on a batch: each input from its data field, reshaped to the input\'s shape."""',
    "    inputs = {name: batch[field].reshape(-1, *shape) for name, (field, shape) in FEEDS.items()}",
    `    return model(${inputs}${values.length ? ", return_values=True" : ""})`,
    "",
    "",
    `TRAINABLE = [${trainable.map((p) => pyStr(p.path)).join(", ")}]`,
    "",
    TRAIN_LOOP.trim().replace("__MODEL_CLASS__", model.className),
    "",
  ].join("\n");
}

/** The loop itself: the same for every train block (everything specific is above it). */
const TRAIN_LOOP = String.raw`
def make_scheduler(optimizer, total):
    """torch's own OneCycleLR and MultiStepLR (per optimizer step; momentum not cycled), ReduceLROnPlateau
    (per epoch, on the held-out figures), else dlnet's formula below."""
    s = SCHEDULE
    if s["kind"] == "plateau":
        # min_lr bounds the optimizer's lr; each group's floor scales with its lr, as in dlnet.
        base = optimizer.defaults["lr"]
        return torch.optim.lr_scheduler.ReduceLROnPlateau(
            optimizer, mode=s["mode"], factor=s["factor"], patience=s["patience"], threshold=s["threshold"],
            threshold_mode=s["threshold_mode"], cooldown=s["cooldown"], eps=s["eps"],
            min_lr=[s["min_lr"] * g["lr"] / base if base else s["min_lr"] for g in optimizer.param_groups])
    if s["kind"] == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=[g["lr"] for g in optimizer.param_groups], total_steps=total, pct_start=s["pct_start"],
            anneal_strategy=s["anneal_strategy"], div_factor=s["div_factor"], final_div_factor=s["final_div_factor"],
            three_phase=s["three_phase"], cycle_momentum=False)
    if s["kind"] == "multistep" and not s["warmup"]:
        return torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=s["milestones"], gamma=s["gamma"])
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: lr_factor(step, total))


def lr_factor(step, total):
    """dlnet's schedule (src/compiler/train-graph/schedules.ts) as a multiple of the base lr."""
    s = SCHEDULE
    warmup = s["warmup"]
    if step < warmup:
        return (step + 1) / warmup
    t = step - warmup
    span = max(1, total - warmup)
    base = make_optimizer.base_lr
    if s["kind"] == "step":
        return s["gamma"] ** math.floor(t / s["step_size"])
    if s["kind"] == "cosine":
        lo = s["min_lr"] / base
        return lo + (1 - lo) * 0.5 * (1 + math.cos(math.pi * min(t, span) / span))
    if s["kind"] == "linear":
        end = s["end_lr"] / base
        return 1 + (end - 1) * min(1.0, t / span)
    if s["kind"] == "multistep":
        return s["gamma"] ** sum(1 for m in s["milestones"] if m <= t)
    return 1.0


def load_data(path):
    """train/, test/ and (with validate) val/ fields."""
    tensors, meta = read_safetensors(path)
    splits = {"train": {}, "val": {}, "test": {}}
    for name, a in tensors.items():
        split, field = name.split("/", 1)
        splits[split][field] = torch.from_numpy(a)
    return splits["train"], splits["val"], splits["test"], meta


class Watch:
    """What reads the held-out figures after each epoch (dlnet's src/runtime/train/held-out.ts):
    early stopping as PyTorch Lightning's EarlyStopping, keep_best (strictly better), the plateau scheduler."""

    def __init__(self):
        es = EARLY_STOPPING
        self.es_best = math.inf if (es or {}).get("mode", "min") == "min" else -math.inf
        self.wait = 0
        by = es or ({"monitor": SCHEDULE["monitor"], "mode": SCHEDULE["mode"]} if SCHEDULE["kind"] == "plateau" else {"monitor": "loss", "mode": "min"})
        self.best_by, self.best_mode = by["monitor"], by["mode"]
        self.best = math.inf if self.best_mode == "min" else -math.inf

    def needed(self, has_val):
        return has_val or SCHEDULE["kind"] == "plateau" or EARLY_STOPPING is not None or KEEP_BEST

    def after_epoch(self, r):
        """(new best, stop) for the held-out figures r."""
        best = False
        if KEEP_BEST:
            v = r[self.best_by]
            if (v < self.best) if self.best_mode == "min" else (v > self.best):
                self.best, best = v, True
        stop = False
        es = EARLY_STOPPING
        if es:
            v = r[es["monitor"]]
            if (v < self.es_best - es["min_delta"]) if es["mode"] == "min" else (v > self.es_best + es["min_delta"]):
                self.es_best, self.wait = v, 0
            else:
                self.wait += 1
            stop = self.wait >= es["patience"]
        return best, stop

    def state(self):
        out = {}
        if EARLY_STOPPING:
            out.update({"early_stopping.best": repr(float(self.es_best)), "early_stopping.wait": str(self.wait)})
        if KEEP_BEST:
            out["best.value"] = repr(float(self.best))
        return out


def size_of(split):
    return next(iter(split.values())).shape[0] if split else 0


def take(split, idx, device):
    return {k: v[idx].to(device) for k, v in split.items()}


def augment(batch):
    """AUGMENT on a training batch, per sample: torchvision's RandomCrop(size, padding, fill) (F.pad, then a
    window at a uniformly drawn position), RandomHorizontalFlip / RandomVerticalFlip (flip when rand < p)
    and x + mean + std * randn. torch's generator draws, so the samples differ from dlnet's own run."""
    for a in AUGMENT:
        x = batch[a["field"]]
        n = x.shape[0]
        C, H, W = a["layout"]
        img = x.reshape(n, C, H, W)
        for s in a["steps"]:
            if s["kind"] == "crop":
                left, top, right, bottom = s["padding"]
                h, w = s["size"]
                padded = F.pad(img, (left, right, top, bottom), value=s["fill"])
                ys = torch.randint(0, H + top + bottom - h + 1, (n,)).tolist()
                xs = torch.randint(0, W + left + right - w + 1, (n,)).tolist()
                img = torch.stack([padded[i, :, y:y + h, x0:x0 + w] for i, (y, x0) in enumerate(zip(ys, xs))])
            elif s["kind"] in ("hflip", "vflip"):
                flip = (torch.rand(n) < s["p"]).to(img.device).view(n, 1, 1, 1)
                img = torch.where(flip, img.flip(3 if s["kind"] == "hflip" else 2), img)
            else:
                img = img + (s["mean"] + s["std"] * torch.randn_like(img))
        batch = {**batch, a["field"]: img.reshape(x.shape)}
    return batch


def load_init(model, path, rank):
    """init = / --init: parameters matched by name; others keep their initialization."""
    tensors, _ = read_safetensors(path)
    own = model.state_dict()
    hits = {k: torch.as_tensor(v) for k, v in tensors.items() if k in own and tuple(own[k].shape) == tuple(v.shape)}
    if not hits:
        sys.exit(f"train.py: '{path}' has no tensor that matches a parameter of {MODEL}")
    model.load_state_dict(hits, strict=False)
    if rank == 0:
        print(f"init: {len(hits)} of {len(own)} tensors from {path}", flush=True)


def plateau_state(scheduler, optimizer):
    """ReduceLROnPlateau's state as dlnet's checkpoints hold it (the optimizer's lr, from the first group's)."""
    if SCHEDULE["kind"] != "plateau":
        return {}
    g = optimizer.param_groups[0]
    return {"plateau.lr": repr(optimizer.defaults["lr"] * g["lr"] / g["initial_lr"]), "plateau.best": repr(float(scheduler.best)),
            "plateau.num_bad_epochs": str(scheduler.num_bad_epochs), "plateau.cooldown_counter": str(scheduler.cooldown_counter)}


def save_checkpoint(path, model, optimizer, pos):
    """A dlnet checkpoint: parameters, buffers and optimizer state by dlnet's names."""
    tensors = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    named = dict(model.named_parameters())
    for p in TRAINABLE:
        st = optimizer.state.get(named[p], {})
        for s in OPTIMIZER_STATE:
            v = st.get(s)
            tensors[f"optim.{p}.{s}"] = v.detach().cpu() if v is not None else torch.zeros_like(named[p]).cpu()
    for p, v in (ema_weights.current or {}).items():
        tensors[f"ema.{p}"] = v.detach().cpu()
    meta = {"format": "dlnet-checkpoint/1", "model": MODEL, "seed": SEED, **pos}
    write_safetensors(path, tensors, meta)
    print(f"checkpoint: {path} (step {pos['step']})", flush=True)


class ema_weights:
    """ema = decay: the averaged trainable weights, from the initial ones; after each optimizer step
    ema * decay + weight * (1 - decay) (timm's ModelEmaV2). Evaluation uses them."""
    current = None

    @staticmethod
    def start(model):
        if EMA is not None:
            ema_weights.current = {n: p.detach().clone() for n, p in model.named_parameters() if n in TRAINABLE}

    @staticmethod
    @torch.no_grad()
    def update(model):
        if ema_weights.current is None:
            return
        for n, p in model.named_parameters():
            if n in ema_weights.current:
                ema_weights.current[n].mul_(EMA).add_(p.detach(), alpha=1 - EMA)


@torch.no_grad()
def evaluate(model, split, device):
    """Loss and metrics over a held-out split in eval mode, weighted by batch size (with EMA weights when ema is set)."""
    if ema_weights.current is not None:
        named = dict(model.named_parameters())
        own = {n: named[n].detach().clone() for n in ema_weights.current}
        for n, v in ema_weights.current.items():
            named[n].copy_(v)
        try:
            return _evaluate(model, split, device)
        finally:
            for n, v in own.items():
                named[n].copy_(v)
    return _evaluate(model, split, device)


@torch.no_grad()
def _evaluate(model, split, device):
    model.eval()
    n = size_of(split)
    sums = {}
    for b in range(0, n, BATCH):
        batch = take(split, torch.arange(b, min(n, b + BATCH)), device)
        loss, metrics = loss_and_metrics(run_model(model, batch), batch, model)
        for k, v in {"loss": loss, **metrics}.items():
            sums[k] = sums.get(k, 0.0) + float(v) * (min(n, b + BATCH) - b)
    model.train()
    return {k: v / n for k, v in sums.items()}


def main():
    ap = argparse.ArgumentParser(description=f"Train {MODEL} (exported by dlnet).")
    ap.add_argument("--epochs", type=int, default=EPOCHS, help="epochs (default: the train block's)")
    ap.add_argument("--steps", type=int, default=None, help="stop after this many optimizer steps")
    ap.add_argument("--out", default=f"{MODEL}.safetensors", help="checkpoint to write (dlnet's layout)")
    ap.add_argument("--init", default=None, help="start from these weights (by name) instead of the train block's init")
    ap.add_argument("--data", default=os.path.join(HERE, "data.safetensors"), help="the exported data")
    ap.add_argument("--log-every", type=int, default=50, help="print the loss every this many steps")
    args = ap.parse_args()

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available()
    if world > 1:
        # torchrun or any env:// launcher; nccl needs one GPU per rank, gloo runs on CPU.
        dist.init_process_group(backend="nccl" if cuda else "gloo", init_method="env://")
    device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    if BATCH % world != 0:
        sys.exit(f"train.py: the batch of {BATCH} does not split evenly over {world} ranks")
    per_rank = BATCH // world

    torch.manual_seed(SEED)
    train, val, test, _ = load_data(args.data)
    # The split evaluated after each epoch: dlnet's validation samples, else the test split.
    held_name, held = ("validation", val) if size_of(val) else ("test", test)
    watch = Watch()
    model = __MODEL_CLASS__().to(device)
    init = args.init or INIT
    if init:
        load_init(model, init, rank)
    for name, p in model.named_parameters():
        if name in FROZEN:
            p.requires_grad_(False)
    params = [p for name, p in model.named_parameters() if name in TRAINABLE]
    optimizer = make_optimizer([(name, p) for name, p in model.named_parameters() if name in TRAINABLE])
    make_optimizer.base_lr = optimizer.defaults["lr"]
    for g in optimizer.param_groups:
        g.setdefault("initial_lr", g["lr"])
    ema_weights.start(model)
    net = DistributedDataParallel(model) if world > 1 else model
    torch.manual_seed(SEED + rank)  # dropout masks differ per rank, like the data

    n = size_of(train)
    sampler = DistributedSampler(range(n), num_replicas=world, rank=rank, shuffle=True, seed=SEED, drop_last=False)
    micro_batches = math.ceil(len(sampler) / per_rank)
    steps_per_epoch = math.ceil(micro_batches / ACCUMULATE)
    schedule_steps = args.epochs * steps_per_epoch
    total = min(args.steps if args.steps is not None else schedule_steps, schedule_steps)
    scheduler = make_scheduler(optimizer, schedule_steps)
    plateau = SCHEDULE["kind"] == "plateau"
    evaluate_each_epoch = watch.needed(size_of(val) > 0)
    if evaluate_each_epoch and not size_of(held):
        sys.exit("train.py: this train block evaluates held-out data after each epoch, but data.safetensors has no val/ or test/ split")
    if rank == 0:
        print(f"train {MODEL}: {n} samples, batch {BATCH} ({world} rank{'s' if world > 1 else ''} x {per_rank}), "
              f"{args.epochs} epochs of {steps_per_epoch} steps, on {device}", flush=True)

    step = 0
    epoch = 0
    pos = {"step": 0, "epoch": 0, "batch": 0}
    t0 = time.time()
    while epoch < args.epochs and step < total:
        sampler.set_epoch(epoch)
        order = torch.tensor(list(sampler))
        te = time.time()
        epoch_loss, epoch_metrics, count = 0.0, {}, 0
        micro = 0
        done = 0
        for b in range(micro_batches):
            batch = augment(take(train, order[b * per_rank:(b + 1) * per_rank], device))
            last = micro + 1 == ACCUMULATE or b + 1 == micro_batches
            sync = net.no_sync() if (world > 1 and not last) else _nothing()
            with sync:
                loss, metrics = loss_and_metrics(run_model(net, batch), batch, model)
                loss.backward()
            micro += 1
            epoch_loss += float(loss)
            for k, v in metrics.items():
                epoch_metrics[k] = epoch_metrics.get(k, 0.0) + float(v)
            count += 1
            if not last:
                continue
            if micro > 1:
                for p in params:
                    if p.grad is not None:
                        p.grad /= micro
            if CLIP is not None:
                torch.nn.utils.clip_grad_norm_(params, CLIP)
            optimizer.step()
            ema_weights.update(model)
            if not plateau:
                scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            micro = 0
            step += 1
            done = b + 1
            if rank == 0 and (step % args.log_every == 0 or step == total):
                print(f"step {step}/{total} loss {float(loss):.6f}", flush=True)
            if step >= total:
                break
        # Epoch means over every rank's batches.
        red = torch.tensor([epoch_loss, float(count)] + [epoch_metrics[k] for k in sorted(epoch_metrics)], dtype=torch.float64)
        if world > 1:
            dist.all_reduce(red)
        finished = done >= micro_batches
        if rank == 0:
            ms = "".join(f" {k} {red[2 + i] / red[1]:.4f}" for i, k in enumerate(sorted(epoch_metrics)))
            print(f"epoch {epoch + 1}: loss {red[0] / red[1]:.4f}{ms} ({time.time() - te:.1f} s)", flush=True)
        new_best, stop = False, False
        if finished and evaluate_each_epoch:
            # The held-out figures after each whole epoch (rank 0's, sent to all): ReduceLROnPlateau,
            # keep_best and early stopping decide on them.
            r = evaluate(model, held, device) if rank == 0 else {}
            keys = ["loss"] + sorted(k for k in r if k != "loss") if rank == 0 else []
            v = torch.tensor([r.get(SCHEDULE["monitor"], 0.0) if plateau else 0.0], dtype=torch.float64)
            if world > 1:
                dist.broadcast(v, 0)
            if plateau:
                scheduler.step(float(v))
            if rank == 0:
                new_best, stop = watch.after_epoch(r)
                lr_now = optimizer.defaults["lr"] * optimizer.param_groups[0]["lr"] / optimizer.param_groups[0]["initial_lr"]
                print(f"held-out ({held_name}): " + " ".join(f"{k} {r[k]:.6f}" for k in keys) + f" lr {lr_now:.6g}", flush=True)
            if world > 1:
                flags = torch.tensor([float(stop)], dtype=torch.float64)
                dist.broadcast(flags, 0)
                stop = bool(flags[0])
        if finished:
            epoch += 1
        pos = {"step": step, "epoch": epoch, "batch": 0 if finished else done, **plateau_state(scheduler, optimizer), **watch.state()}
        if rank == 0 and new_best:
            best_path = re.sub(r"\.safetensors$", "", args.out) + ".best.safetensors"
            save_checkpoint(best_path, model, optimizer, pos)
        if stop:
            if rank == 0:
                es = EARLY_STOPPING
                print(f"stopped early after epoch {epoch}: val_{es['monitor']} has not improved by more than {es['min_delta']} for {es['patience']} epochs", flush=True)
            break
        if rank == 0 and SAVE_EVERY and finished and epoch % SAVE_EVERY == 0 and step < total:
            save_checkpoint(args.out, model, optimizer, pos)
        if not finished:
            break
    if rank == 0:
        save_checkpoint(args.out, model, optimizer, {"step": step, "epoch": epoch, "batch": pos["batch"], **plateau_state(scheduler, optimizer), **watch.state()})
        if size_of(test):
            r = evaluate(model, test, device)
            print("test: " + " ".join(f"{k} {v:.4f}" for k, v in r.items()) + f" ({size_of(test)} samples)", flush=True)
        print(f"done: {step} steps in {time.time() - t0:.1f} s", flush=True)
    if world > 1:
        # DDP keeps the replicas' parameters equal: each rank prints a digest to show it.
        # (BatchNorm's running statistics are rank 0's: DDP broadcasts them before each forward.)
        print(f"rank {rank}: parameters sha256 {parameter_digest(model)}", flush=True)
        dist.barrier()
        dist.destroy_process_group()


def parameter_digest(model):
    h = hashlib.sha256()
    for name, p in sorted(model.named_parameters()):
        h.update(name.encode())
        h.update(p.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    main()
`;
