// Train blocks: the model exists, the data source and its fields, feeds that
// match the model's inputs per sample, loss and metrics over model outputs
// and data fields (scalars), optimizer and schedule with PyTorch's argument
// names, and the plain settings (batch, epochs, seed, clip, accumulate,
// save_every, init, freeze).

import type { Span } from "../source";
import type { Expr, LayerDecl, Setting, TrainDecl } from "../syntax/ast";
import { bindArgs, type ArgInput, type KeywordInput } from "../layers/args";
import { AUGMENT_DEFS, csvHeader, DATA, OPTIMIZER_DEFS, SCHEDULE_DEFS, TRAIN_SETTINGS, type ArgSpec, type Args } from "../layers";
import { CheckState, Env, LaterNames, Scope, type FileInfo } from "./context";
import type { AugmentSpec, DataSpec, ENode, ModelInstance, ParamGroup, TrainSpec } from "./elaborated";
import { checkAugments } from "./augment";
import { callArgs, namedCall } from "./call-args";
import { evalExpr, tensorValue, type Cx } from "./expr";
import { reportArgProblems } from "./apply";
import { elaborateModel } from "./model";
import { probeDataFile } from "./data-files";
import { resolveImport, type CompilerHost } from "./program";
import { type Dim } from "../dims";
import { showShape, showType, type TensorType } from "../tensor-type";
import { suggest } from "../suggest";
import { describe, toArg, UNKNOWN, type Value } from "./values";

/** Every setting a train block knows (the registry's TRAIN_SETTINGS; docs/diagnostics.md lists them). */
export const SETTINGS = Object.keys(TRAIN_SETTINGS);
const REQUIRED = ["data", "loss", "optimizer"];

type Code = Parameters<CheckState["report"]>[0];
type Model = { decl: LayerDecl; file: FileInfo };

/** What every part of checkTrain reads: the state, the block, its file, its model, and the error reporter. */
interface TrainCx {
  st: CheckState;
  cx: Cx;
  decl: TrainDecl;
  file: FileInfo;
  path: string;
  model: Model | undefined;
  err: (code: Code, msg: string, span: Span, fix?: { span: Span; text: string }) => void;
}

export function checkTrain(st: CheckState, decl: TrainDecl, file: FileInfo, model: Model | undefined, host: CompilerHost): TrainSpec | undefined {
  const path = file.path;
  const t: TrainCx = {
    st, decl, file, path, model,
    cx: { st, env: new Env(file, false), scope: new Scope("", undefined) },
    err: (code, msg, span, fix) =>
      st.report(code, msg, path, span, fix ? { fixes: [{ message: `Replace with '${fix.text}'`, file: path, span: fix.span, newText: fix.text }] } : {}),
  };
  const { cx, err } = t;
  const errorsBefore = st.errorsSeen;

  const { byKey, feeds, named, augments } = sortSettings(t);
  for (const k of REQUIRED) if (!byKey.has(k)) err("DL4001", `train ${decl.model.name} needs a '${k}' setting`, decl.model.span);
  linkModel(t);

  const data = byKey.get("data") ? checkData(cx, byKey.get("data")!, host) : undefined;
  const augment: AugmentSpec[] = checkAugments(cx, augments, data);

  // The model as declared, for its inputs.
  const base = model ? elaborateQuiet(st, model) : undefined;
  const batchDim: Dim = base?.inputs[0]?.type.shape[0] ?? "batch";
  const dataValue: Value = { k: "data", fields: data?.fields, batch: batchDim };
  const { inputTypes, feedList, fed } = checkFeeds(t, feeds, base, dataValue);

  // The model with its inputs bound to the data's sizes.
  let trained: ModelInstance | undefined;
  if (model && base) {
    const saved = st.record;
    st.record = false;
    trained = elaborateModel(st, model.decl, model.file, { inputTypes });
    st.record = saved;
  }

  const lenv = lossEnv(t, trained, fed, batchDim, dataValue);
  const lcx: Cx = { st, env: lenv, scope: new Scope("", undefined) };
  checkNamedValues(t, lcx, named);
  const { loss, metrics } = checkLossAndMetrics(t, lcx, byKey);
  for (const s of named) {
    const b = lenv.names.get(s.key.name);
    if (b && b.ident === s.key && !b.used) st.report("DL2010", `'${s.key.name}' is never used (a named value in a train block is for the loss or a metric)`, path, s.key.span);
  }

  const optimizer = byKey.get("optimizer") ? strip(namedCall(cx, byKey.get("optimizer")!.value, "optimizer", OPTIMIZER_DEFS)) : undefined;
  if (optimizer?.args.betas !== undefined && (optimizer.args.betas as readonly number[]).length !== 2)
    err("DL3005", `betas must be a list of two numbers`, byKey.get("optimizer")!.value.span);
  const schedule = byKey.get("schedule") ? strip(namedCall(cx, byKey.get("schedule")!.value, "schedule", SCHEDULE_DEFS)) : undefined;
  // (Metric names only when the model and loss checked: otherwise the metrics are not known.)
  const metricNames = trained && loss ? metrics.map((m) => m.name) : undefined;
  if (schedule) checkScheduleArgs(cx, schedule, byKey.get("schedule")!.value.span, metricNames);

  const { batch, epochs, seed, accumulate, saveEvery, clip, init } = checkPlainSettings(t, byKey, host);
  const { freeze, frozenParams } = checkFreeze(cx, byKey.get("freeze"), trained ?? base);

  const groups = checkGroups(cx, byKey.get("groups"), trained, new Set(frozenParams), optimizer?.args.lr);
  const { validate, earlyStopping, keepBest, ema } = checkHeldOut(t, byKey, metricNames);

  if (trained && loss) warnNoGradient(st, trained, loss, new Set(frozenParams));
  if (st.errorsSeen > errorsBefore || !trained || !loss || !data || !optimizer) return undefined;
  return {
    decl, file: path, model: trained, batchDim: String(batchDim), data, feeds: feedList, loss, metrics, optimizer,
    ...(schedule ? { schedule } : {}), batch, epochs, ...(seed !== undefined ? { seed } : {}), ...(clip !== undefined ? { clip } : {}),
    accumulate, ...(saveEvery !== undefined ? { saveEvery } : {}), ...(init ? { init } : {}), freeze, frozenParams, groups,
    ...(validate !== undefined ? { validate } : {}), ...(earlyStopping ? { earlyStopping } : {}), ...(keepBest ? { keepBest } : {}), ...(ema !== undefined ? { ema } : {}),
    ...(augment.length ? { augment } : {}),
  };
}

/**
 * Settings by key (feeds and metrics are many). Any other `name = expr` is a named
 * value for the loss and metrics, unless it looks like a misspelt setting that is missing.
 */
function sortSettings({ decl, err }: TrainCx): { byKey: Map<string, Setting>; feeds: Setting[]; named: Setting[]; augments: Setting[] } {
  const byKey = new Map<string, Setting>();
  const feeds: Setting[] = [];
  const named: Setting[] = [];
  const augments: Setting[] = [];
  const keys = new Set(decl.settings.map((s) => s.key.name));
  for (const s of decl.settings) {
    const k = s.key.name;
    if (s.target && k !== "feed" && k !== "metric" && k !== "augment") {
      err("DL4002", `'${k} ${s.target.name} = ...' is not a train setting (only 'feed NAME = ...', 'metric NAME = ...' and 'augment FIELD = ...' name a target)`, s.key.span);
      continue;
    }
    if (k === "augment") {
      augments.push(s);
      continue;
    }
    if (!SETTINGS.includes(k)) {
      const sug = suggest(k, SETTINGS);
      if (sug && !keys.has(sug) && sug !== "metric") {
        err("DL4002", `unknown train setting '${k}'; did you mean '${sug}'?`, s.key.span, { span: s.key.span, text: sug });
        continue;
      }
      named.push(s);
      continue;
    }
    if (k === "feed" || k === "metric") feeds.push(s);
    else if (byKey.has(k)) err("DL2002", `'${k}' is already set in this train block`, s.key.span);
    else byKey.set(k, s);
  }
  return { byKey, feeds, named, augments };
}

/** `train Net { ... }`: the model exists (DL2009 with a suggestion) and the name links to it. */
function linkModel({ st, decl, file, path, model, err }: TrainCx): void {
  if (!model) {
    const sug = suggest(decl.model.name, [...file.globals.values()].filter((g) => g.kind === "layer" && g.decl.isModel).map((g) => g.decl.name.name));
    err("DL2009", `no model named '${decl.model.name}'${sug ? `; did you mean '${sug}'?` : ""}`, decl.model.span, sug ? { span: decl.model.span, text: sug } : undefined);
  } else st.link(decl.model, { file: model.file.path, span: model.decl.name.span }, path);
}

/** `feed x = data.image`: each feed names a model input and a data field whose per-sample type fits it. */
function checkFeeds(t: TrainCx, feeds: readonly Setting[], base: ModelInstance | undefined, dataValue: Value) {
  const { st, cx, decl, file, path, model, err } = t;
  const inputTypes = new Map<string, TensorType>();
  const feedList: TrainSpec["feeds"][number][] = [];
  const fed = new Map<string, ENode>();
  for (const f of feeds) {
    if (!f.target || f.key.name !== "feed") continue;
    const target = f.target;
    const input = base?.inputs.find((i) => i.name === target.name);
    if (base && !input) {
      const sug = suggest(target.name, base.inputs.map((i) => i.name));
      err("DL4004", `model ${decl.model.name} has no input '${target.name}'${sug ? `; did you mean '${sug}'?` : ""} (inputs: ${base.inputs.map((i) => i.name).join(", ")})`, target.span, sug ? { span: target.span, text: sug } : undefined);
    }
    // Linked to the input's name, as its other uses are (references and rename cover `feed x`).
    const declared = model?.decl.body.find((b) => b.kind === "Input" && b.name.name === target.name);
    if (input && declared) st.link(target, { file: model!.file.path, span: declared.name.span }, path);
    const v = evalExpr({ ...cx, env: dataEnv(file, dataValue) }, f.value);
    if (f.value.kind !== "Member" || v.k !== "tensor" || v.node.kind !== "data") {
      if (v.k !== "unknown") err("DL4004", `feed ${target.name} must be a data field such as data.image, found ${describe(v)}`, f.value.span);
      continue;
    }
    const field = v.node.field;
    fed.set(target.name, v.node);
    const sample = v.node.type.shape.slice(1);
    if (!input) {
      feedList.push({ input: target.name, field, fieldShape: sample, inputShape: sample });
      continue;
    }
    const want = input.type;
    const bound = bindSample(want, sample) ?? sameCount(want.shape.slice(1), sample);
    feedList.push({ input: target.name, field, fieldShape: sample, inputShape: bound ?? sample });
    if (!bound || v.node.type.dtype !== want.dtype) {
      err("DL4004", `feed ${target.name}: data.${field} is ${showType({ dtype: v.node.type.dtype, shape: sample })} per sample, but input '${target.name}' is ${showType(want)} (${showShape(want.shape.slice(1))} per sample)`, f.value.span);
      continue;
    }
    inputTypes.set(target.name, { dtype: want.dtype, shape: [want.shape[0], ...bound] });
  }
  if (base) {
    const attempted = new Set(feeds.filter((f) => f.key.name === "feed").map((f) => f.target?.name));
    for (const i of base.inputs) if (!attempted.has(i.name)) err("DL4004", `model input '${i.name}' is not fed: add 'feed ${i.name} = data.<field>'`, decl.model.span);
  }
  return { inputTypes, feedList, fed };
}

/** The names the loss and metrics see: model outputs, model inputs (their feeds), data fields, the batch size and the model by its name. */
function lossEnv({ file, path, model }: TrainCx, trained: ModelInstance | undefined, fed: ReadonlyMap<string, ENode>, batchDim: Dim, dataValue: Value): Env {
  const lenv = dataEnv(file, dataValue);
  // Names link to the model's statements (go-to-definition from the loss to the output).
  const stmtIdent = (name: string) => model?.decl.body.find((b) => b.name.name === name)?.name;
  for (const o of trained?.outputs ?? []) {
    const value = tensorValue({ kind: "output", name: o.name, type: o.type, file: path, span: o.span });
    lenv.names.set(o.name, { kind: "output", value, ident: stmtIdent(o.name), file: model!.file.path, used: true });
  }
  // A model input read by the loss is the input as the model sees it: `feed x = data.image`
  // reshapes [batch, 784] to x's [batch, 1, 28, 28], and `mse(recon, x)` compares with that.
  for (const [name, node] of fed) {
    const input = trained?.inputs.find((i) => i.name === name);
    const value = tensorValue(input ? { kind: "input", name, type: input.type, file: node.file, span: node.span } : node);
    lenv.names.set(name, { kind: "input", value, ident: stmtIdent(name), file: model?.file.path ?? path, used: true });
  }
  // The batch dim's name (`batch`) as a size, for reshapes in the loss.
  if (typeof batchDim === "string" && !lenv.names.has(batchDim))
    lenv.names.set(batchDim, { kind: "dim", value: { k: "const", c: { t: "sym", v: batchDim } }, file: path, used: true });
  if (model && !trained) lenv.names.clear(), lenv.names.set("data", { kind: "bind", value: dataValue, file: path, used: true });
  // An output or input of a model that failed to check (already reported) is known but
  // unknown-valued, so the loss gets no knock-on "unknown name".
  for (const b of model?.decl.body ?? [])
    if ((b.kind === "Output" || b.kind === "Input") && !lenv.names.has(b.name.name))
      lenv.names.set(b.name.name, { kind: b.kind === "Output" ? "output" : "input", value: UNKNOWN, ident: b.name, file: model!.file.path, used: true });
  // The model by its name: `VAE.logits` (an output), `VAE.mu` (any tensor binding of its
  // body, read by the loss but not exported), `VAE.x` (an input: its feed), `VAE.fc.weight`.
  if (model) {
    const fields = new Map<string, Value>();
    for (const [name, node] of trained?.bindings ?? []) fields.set(name, tensorValue(node));
    for (const [name, b] of lenv.names) if (b.kind === "output" || b.kind === "input") fields.set(name, b.value);
    // Its layers by name, for their parameters (`sum(Net.fc.weight * Net.fc.weight)` as an L2 term).
    for (const [name, inst] of trained?.root.children ?? []) if (!fields.has(name)) fields.set(name, { k: "inst", inst });
    // Bindings of a model that failed to check are known but unknown-valued (no knock-on errors).
    if (!trained) for (const b of model.decl.body) if (!fields.has(b.name.name)) fields.set(b.name.name, UNKNOWN);
    lenv.names.set(model.decl.name.name, { kind: "bind", value: { k: "model", name: model.decl.name.name, fields }, file: path, used: true });
  }
  return lenv;
}

const settingName = (s: Setting): string => s.key.name;

/** Named values (`ce = cross_entropy(VAE.logits, data.label)`), in order: each may use the ones above it. */
function checkNamedValues({ st, path, model, err }: TrainCx, lcx: Cx, named: readonly Setting[]): void {
  const lenv = lcx.env;
  const later = new LaterNames(named, settingName);
  lenv.pending = later;
  for (let i = 0; i < named.length; i++) {
    const s = named[i];
    const name = s.key.name;
    later.reach(i);
    const prior = lenv.names.get(name);
    if (prior) {
      err("DL2002", `'${name}' is already defined in this train block${prior.kind === "output" || prior.kind === "input" ? ` (the model's ${prior.kind})` : ""}`, s.key.span);
      continue;
    }
    st.define(s.key, path);
    const v = model ? evalExpr(lcx, s.value) : UNKNOWN;
    if (v.k === "tensor") st.setType(s.key, v.node.type);
    else if (v.k !== "unknown" && v.k !== "const") err("DL3009", `'${name}' must be a tensor (a named value for the loss or a metric), found ${describe(v)}`, s.value.span);
    lenv.names.set(name, { kind: "bind", value: v, ident: s.key, file: path, used: !!lenv.usedEarly?.has(name) });
  }
  lenv.pending = undefined;
}

/** `loss = ...`, `metrics = [...]` and `metric NAME = ...`: scalar f32 tensors, metrics in source order. */
function checkLossAndMetrics({ st, decl, file, path, model, err }: TrainCx, lcx: Cx, byKey: ReadonlyMap<string, Setting>): { loss: ENode | undefined; metrics: { name: string; value: ENode }[] } {
  const scalar = (e: Expr, what: string): ENode | undefined => {
    const v = evalExpr(lcx, e);
    if (v.k === "unknown") return undefined;
    if (v.k !== "tensor") {
      err("DL3009", `${what} must be a scalar tensor, found ${describe(v)}`, e.span);
      return undefined;
    }
    if (v.node.type.shape.length !== 0 || v.node.type.dtype === "bool" || v.node.type.dtype === "i32") {
      err("DL3001", `${what} must be a scalar f32[] (e.g. cross_entropy(logits, data.label)), found ${showType(v.node.type)}`, e.span);
      return undefined;
    }
    return v.node;
  };
  const lossSetting = byKey.get("loss");
  const loss = lossSetting && model ? scalar(lossSetting.value, "the loss") : undefined;
  const metrics: { name: string; value: ENode }[] = [];
  for (const ms of model ? decl.settings : []) {
    if (ms.key.name === "metric" && ms.target) {
      const name = ms.target.name;
      if (metrics.some((m) => m.name === name) || name === "loss") {
        err("DL2002", `a metric named '${name}' is already defined in this train block`, ms.target.span);
        continue;
      }
      st.define(ms.target, path);
      const n = scalar(ms.value, `metric '${name}'`);
      if (n) (st.setType(ms.target, n.type), metrics.push({ name, value: n }));
    } else if (ms === byKey.get("metrics")) {
      const items = ms.value.kind === "List" ? ms.value.items : [ms.value];
      for (const m of items) {
        const n = scalar(m, "a metric");
        if (n) metrics.push({ name: metricName(m, metrics.map((x) => x.name), file.source.slice(m.span)), value: n });
      }
    }
  }
  return { loss, metrics };
}

/** The plain settings: batch, epochs, seed, accumulate, save_every (ints), clip (a positive number), init (a weights file). */
function checkPlainSettings({ st, cx, path, err }: TrainCx, byKey: ReadonlyMap<string, Setting>, host: CompilerHost) {
  const int = (k: string, min: number, dflt?: number) => {
    const s = byKey.get(k);
    if (!s) return dflt;
    const v = evalExpr(cx, s.value);
    if (v.k === "const" && v.c.t === "int" && v.c.v >= min) return v.c.v;
    if (v.k !== "unknown") err("DL3005", `${k} must be an int >= ${min}, found ${describe(v)}`, s.value.span);
    return dflt;
  };
  const batch = int("batch", 1, 32)!;
  const epochs = int("epochs", 1, 1)!;
  const seed = int("seed", 0);
  const accumulate = int("accumulate", 1, 1)!;
  const saveEvery = int("save_every", 1);
  let clip: number | undefined;
  const cs = byKey.get("clip");
  if (cs) {
    const v = evalExpr(cx, cs.value);
    if (v.k === "const" && (v.c.t === "int" || v.c.t === "float") && v.c.v > 0) clip = v.c.v;
    else if (v.k !== "unknown") err("DL3005", `clip must be a positive number, found ${describe(v)}`, cs.value.span);
  }
  let init: string | undefined;
  const is = byKey.get("init");
  if (is) {
    const v = evalExpr(cx, is.value);
    if (v.k === "const" && v.c.t === "string") {
      init = resolveImport(path, v.c.v);
      if (!/\.(safetensors|onnx)$/i.test(init)) err("DL4008", `init must name a .safetensors or .onnx file, found "${v.c.v}"`, is.value.span);
      // A weights file that does not exist yet (made by another run: pre-training) is
      // a warning here; `dlnet train` refuses to start without it.
      else {
        // Only whether it is there: the weights are read by `dlnet train`, not on every keystroke.
        const probe = probeDataFile(host, init, "any");
        if (!probe.ok && probe.problem === "does not exist")
          st.report("DL4009", `weights file '${v.c.v}' does not exist yet (looked for ${init}); training needs it`, path, is.value.span);
        else if (!probe.ok) err("DL4008", `init: '${v.c.v}' ${probe.problem} (${init})`, is.value.span);
      }
    } else if (v.k !== "unknown") err("DL3005", `init must be a file path string, found ${describe(v)}`, is.value.span);
  }
  return { batch, epochs, seed, accumulate, saveEvery, clip, init };
}

/** The values a schedule's arguments must have beyond their types (torch raises on these). */
function checkScheduleArgs(cx: Cx, s: { name: string; args: Args }, span: Span, metricNames: readonly string[] | undefined): void {
  const a = s.args as Record<string, unknown>;
  const bad = (msg: string) => cx.st.report("DL3005", `${s.name}: ${msg}`, cx.env.file.path, span);
  if (s.name === "multistep") {
    const m = (a.milestones as number[] | undefined) ?? [];
    if (m.some((x, i) => !Number.isInteger(x) || x < 0 || (i > 0 && x <= m[i - 1]))) bad(`milestones must be increasing non-negative step numbers, found [${m.join(", ")}]`);
  }
  if (s.name === "onecycle") {
    const pct = a.pct_start as number;
    if (!(pct > 0 && pct < 1)) bad(`pct_start must be between 0 and 1, found ${pct}`);
    if (a.anneal_strategy !== "cos" && a.anneal_strategy !== "linear") bad(`anneal_strategy must be "cos" or "linear", found "${String(a.anneal_strategy)}"`);
    for (const k of ["div_factor", "final_div_factor"]) if (!((a[k] as number) > 0)) bad(`${k} must be positive, found ${String(a[k])}`);
  }
  if (s.name === "plateau") {
    // torch: "Factor should be < 1.0", and the modes it knows.
    if (!((a.factor as number) > 0 && (a.factor as number) < 1)) bad(`factor must be between 0 and 1, found ${String(a.factor)}`);
    if (a.threshold_mode !== "rel" && a.threshold_mode !== "abs") bad(`threshold_mode must be "rel" or "abs", found "${String(a.threshold_mode)}"`);
    for (const k of ["patience", "cooldown"]) if (!((a[k] as number) >= 0)) bad(`${k} must be >= 0, found ${String(a[k])}`);
    for (const k of ["threshold", "min_lr", "eps"]) if (!((a[k] as number) >= 0)) bad(`${k} must be >= 0, found ${String(a[k])}`);
    checkMonitor(a, metricNames, bad);
  }
}

/** `monitor` ("loss" or a metric's name) and `mode` of plateau and EarlyStopping. */
function checkMonitor(a: Record<string, unknown>, metricNames: readonly string[] | undefined, bad: (msg: string) => void): void {
  if (a.mode !== "min" && a.mode !== "max") bad(`mode must be "min" or "max", found "${String(a.mode)}"`);
  const monitor = String(a.monitor);
  // (Not when the model or the loss failed to check: the metrics are not known.)
  if (metricNames && monitor !== "loss" && !metricNames.includes(monitor)) {
    const sug = suggest(monitor, ["loss", ...metricNames]);
    bad(`monitor must be "loss" or a metric of this train block (${["loss", ...metricNames].join(", ")}), found "${monitor}"${sug ? `; did you mean "${sug}"?` : ""}`);
  }
}

/** `early_stopping = EarlyStopping(patience: 5, min_delta: 1e-3)`, with PyTorch Lightning's argument names. */
const EARLY_STOPPING: ReadonlyMap<string, { name: string; args: readonly ArgSpec[] }> = new Map([
  [
    "EarlyStopping",
    {
      name: "EarlyStopping",
      args: [
        { name: "patience", kind: "int", default: 3, doc: "epochs without improvement before the run stops" },
        { name: "min_delta", kind: "float", default: 0, doc: "the least change that counts as an improvement" },
        { name: "monitor", kind: "string", default: "loss", doc: "loss, or the name of a metric" },
        { name: "mode", kind: "string", default: "min", doc: "min (lower is better) or max" },
      ],
    },
  ],
]);

/** `validate`, `early_stopping = EarlyStopping(...)` and `keep_best` (what uses held-out data after each epoch), and `ema`. */
function checkHeldOut({ cx, err }: TrainCx, byKey: ReadonlyMap<string, Setting>, metricNames: readonly string[] | undefined): Pick<TrainSpec, "validate" | "earlyStopping" | "keepBest" | "ema"> {
  let validate: number | undefined;
  const vs = byKey.get("validate");
  if (vs) {
    const v = evalExpr(cx, vs.value);
    if (v.k === "const" && ((v.c.t === "float" && v.c.v > 0 && v.c.v < 1) || (v.c.t === "int" && v.c.v >= 1))) validate = v.c.v;
    else if (v.k !== "unknown") err("DL3005", `validate must be a fraction of the train split in (0, 1) such as 0.1, or a whole number of samples, found ${describe(v)}`, vs.value.span);
  }
  const es = byKey.get("early_stopping");
  const stopping = es ? strip(namedCall(cx, es.value, "early_stopping", EARLY_STOPPING)) : undefined;
  let earlyStopping: TrainSpec["earlyStopping"];
  if (stopping && es) {
    const a = stopping.args as Record<string, unknown>;
    const bad = (msg: string) => err("DL3005", `EarlyStopping: ${msg}`, es.value.span);
    if (!((a.patience as number) >= 1)) bad(`patience must be >= 1, found ${String(a.patience)}`);
    if (!((a.min_delta as number) >= 0)) bad(`min_delta must be >= 0, found ${String(a.min_delta)}`);
    checkMonitor(a, metricNames, bad);
    earlyStopping = { patience: a.patience as number, minDelta: a.min_delta as number, monitor: String(a.monitor), mode: a.mode === "max" ? "max" : "min" };
  }
  let ema: number | undefined;
  const em = byKey.get("ema");
  if (em) {
    const v = evalExpr(cx, em.value);
    if (v.k === "const" && v.c.t === "float" && v.c.v > 0 && v.c.v < 1) ema = v.c.v;
    else if (v.k !== "unknown") err("DL3005", `ema must be a decay between 0 and 1 such as 0.999, found ${describe(v)}`, em.value.span);
  }
  let keepBest: boolean | undefined;
  const kb = byKey.get("keep_best");
  if (kb) {
    const v = evalExpr(cx, kb.value);
    if (v.k === "const" && v.c.t === "bool") keepBest = v.c.v;
    else if (v.k !== "unknown") err("DL3005", `keep_best must be true or false, found ${describe(v)}`, kb.value.span);
  }

  return { ...(validate !== undefined ? { validate } : {}), ...(earlyStopping ? { earlyStopping } : {}), ...(keepBest ? { keepBest } : {}), ...(ema !== undefined ? { ema } : {}) };
}

const GROUP_ARGS: readonly ArgSpec[] = [
  { name: "params", kind: "strings", rest: true, required: true, doc: "parameter path globs: * any text, ? one character, | between alternatives" },
  { name: "lr", kind: "float", doc: "this group's learning rate (the schedule scales it like the optimizer's)" },
  { name: "weight_decay", kind: "float", doc: "this group's weight decay" },
];

/** `*.bias|*norm*` as a whole-path regular expression: `*` any text (dots included), `?` one character. */
function globRegex(glob: string): RegExp {
  const alt = glob.split("|").map((g) => g.replace(/[.+^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, "."));
  return new RegExp(`^(?:${alt.join("|")})$`);
}

/**
 * `groups = [group("*.bias", "*norm*", weight_decay: 0), group("head.*", lr: 1e-2)]`:
 * torch.optim parameter groups by path glob. A parameter belongs to the first group
 * that matches it; the rest keep the optimizer's own settings (the last group).
 */
function checkGroups(cx: Cx, s: Setting | undefined, model: ModelInstance | undefined, frozen: ReadonlySet<string>, baseLr: unknown): TrainSpec["groups"] {
  const out: ParamGroup[] = [];
  if (!s) return out;
  const path = cx.env.file.path;
  const trainable = (model?.parameters ?? []).filter((p) => !p.buffer && !frozen.has(p.path)).map((p) => p.path);
  const taken = new Set<string>();
  const items = s.value.kind === "List" ? s.value.items : [s.value];
  for (const it of items) {
    if (it.kind !== "Call" || it.callee.kind !== "Name" || it.callee.name !== "group") {
      cx.st.report("DL4003", `groups lists parameter groups such as group("*.bias", weight_decay: 0)`, path, it.span);
      continue;
    }
    const c = callArgs(cx, it);
    const r = bindArgs("group", GROUP_ARGS, undefined, c.positional, c.keywords, it.span);
    reportArgProblems(cx, r.problems);
    if (r.problems.length || r.unknown.size) continue;
    const patterns = (r.args.params as readonly string[]).filter((p) => typeof p === "string");
    if (!patterns.length) {
      cx.st.report("DL2005", `group needs at least one parameter path glob, e.g. group("*.bias", weight_decay: 0)`, path, it.span);
      continue;
    }
    if (typeof r.args.lr === "number" && baseLr === 0)
      cx.st.report("DL3005", `a group lr needs a non-zero optimizer lr (the schedule scales each group's lr by group lr / optimizer lr)`, path, it.span);
    for (const k of ["lr", "weight_decay"] as const) {
      const v = r.args[k];
      if (typeof v === "number" && !(v >= 0)) cx.st.report("DL3005", `group ${k} must be >= 0, found ${v}`, path, it.span);
    }
    const params: string[] = [];
    for (const glob of patterns) {
      for (const alt of glob.split("|")) {
        const re = globRegex(alt);
        const hits = trainable.filter((p) => re.test(p));
        if (model && hits.length === 0) {
          const shown = trainable.slice(0, 8).join(", ") + (trainable.length > 8 ? `, … (${trainable.length})` : "");
          cx.st.report("DL2001", `group pattern '${alt}' matches no trainable parameter of ${model.name} (parameters: ${shown})`, path, it.span);
        }
        for (const p of hits) if (!taken.has(p)) (taken.add(p), params.push(p));
      }
    }
    out.push({
      patterns,
      params: trainable.filter((p) => params.includes(p)),
      ...(typeof r.args.lr === "number" ? { lr: r.args.lr } : {}),
      ...(typeof r.args.weight_decay === "number" ? { weightDecay: r.args.weight_decay } : {}),
    });
  }
  return out;
}

/** DL4006: trainable parameters the loss does not depend on (not frozen), one warning per instance. */
function warnNoGradient(st: CheckState, model: ModelInstance, loss: ENode, frozen: ReadonlySet<string>): void {
  const reached = new Set<string>();
  const seen = new Set<ENode>();
  const outputs = new Map(model.outputs.map((o) => [o.name, o.value]));
  const visit = (n: ENode | undefined): void => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    switch (n.kind) {
      case "output":
        return visit(outputs.get(n.name));
      case "param":
        reached.add(n.param.path);
        return;
      case "apply":
        if (n.instance.kind === "builtin") for (const p of n.instance.params) reached.add(p.path);
        visit(n.input);
        Object.values(n.extra ?? {}).forEach(visit);
        visit(n.body);
        return;
      case "call":
        return n.args.forEach(visit);
      case "op":
        return n.args.forEach(visit);
      case "neg":
        return visit(n.operand);
      case "binary":
        visit(n.left);
        return visit(n.right);
      case "index":
        return visit(n.object);
      case "state":
        return visit(n.of);
      default:
        return;
    }
  };
  visit(loss);
  const warned = new Set<string>();
  for (const p of model.parameters) {
    if (p.buffer || reached.has(p.path) || frozen.has(p.path) || warned.has(p.owner)) continue;
    warned.add(p.owner);
    const inst = model.instances.get(p.owner);
    const what = inst && inst.path ? `'${inst.path}'` : `param '${p.name}'`;
    st.report("DL4006", `${what} never receives a gradient: the loss does not depend on it (freeze it or use it)`, p.file, p.span);
  }
}

function dataEnv(file: FileInfo, data: Value): Env {
  const env = new Env(file, false);
  env.names.set("data", { kind: "bind", value: data, file: file.path, used: true });
  return env;
}

function elaborateQuiet(st: CheckState, model: { decl: LayerDecl; file: FileInfo }): ModelInstance | undefined {
  const sub = new CheckState();
  for (const [k, f] of st.files) sub.files.set(k, f);
  sub.record = false;
  return elaborateModel(sub, model.decl, model.file, {});
}

/** Per-sample dims of a field matched to an input's dims after the batch; symbols bind. */
function bindSample(input: TensorType, sample: readonly Dim[]): Dim[] | undefined {
  const want = input.shape.slice(1);
  if (want.length !== sample.length) return undefined;
  const binding = new Map<string, Dim>();
  const out: Dim[] = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const s = sample[i];
    if (typeof w === "string" && typeof s === "number") {
      const prior = binding.get(w);
      if (prior !== undefined && prior !== s) return undefined;
      binding.set(w, s);
      out.push(s);
    } else if (w === s) out.push(s);
    else return undefined;
  }
  return out;
}

/** A concrete per-sample shape with as many elements as the field: fed by reshaping. */
function sameCount(want: readonly Dim[], sample: readonly Dim[]): Dim[] | undefined {
  if (!want.every((d) => typeof d === "number") || !sample.every((d) => typeof d === "number")) return undefined;
  const n = (s: readonly Dim[]) => (s as number[]).reduce((a, b) => a * b, 1);
  return n(want) === n(sample) ? [...want] : undefined;
}

function strip<T extends { def: unknown }>(x: T | undefined): Omit<T, "def"> | undefined {
  if (!x) return undefined;
  const { def, ...rest } = x;
  void def;
  return rest;
}

function checkData(cx: Cx, s: Setting, host: CompilerHost): DataSpec | undefined {
  const r = namedCall(cx, s.value, "data source", DATA);
  if (!r) return undefined;
  const path = typeof r.args.path === "string" ? resolveImport(cx.env.file.path, r.args.path) : undefined;
  // Only the header of the file (see data-files.ts): the text() corpus and the weights are not read here.
  const format = r.name === "csv" ? "csv" : r.name === "tensors" ? "safetensors" : "any";
  const probe = path ? probeDataFile(host, path, format) : undefined;
  if (probe && !probe.ok) {
    const msg = probe.problem === "does not exist" ? `cannot read data file '${r.args.path as string}' (looked for ${path})` : `data file '${r.args.path as string}' ${probe.problem} (${path})`;
    cx.st.report("DL4003", msg, cx.env.file.path, s.value.span);
  }
  const head = probe?.ok ? probe.head : undefined;
  const header = r.name === "csv" && head !== undefined ? csvHeader(head) : undefined;
  if (r.name === "csv" && header) {
    for (const col of [r.args.label, ...((r.args.features as readonly string[] | undefined) ?? [])]) {
      if (typeof col === "string" && !header.includes(col))
        cx.st.report("DL4005", `the CSV has no column '${col}' (columns: ${header.join(", ")})`, cx.env.file.path, s.value.span);
    }
  }
  const fields = r.def.fields(path ? { ...r.args, path } : r.args, head);
  if (r.name === "tensors" && head !== undefined && !fields)
    cx.st.report("DL4003", `'${r.args.path as string}' is not a safetensors file (no JSON header)`, cx.env.file.path, s.value.span);
  return { source: r.name, args: path ? { ...r.args, path } : r.args, ...(path ? { path } : {}), ...(fields ? { fields } : {}) };
}

function checkFreeze(cx: Cx, s: Setting | undefined, model: ModelInstance | undefined): { freeze: string[]; frozenParams: string[] } {
  const freeze: string[] = [];
  const frozenParams: string[] = [];
  if (!s) return { freeze, frozenParams };
  const items = s.value.kind === "List" ? s.value.items : [s.value];
  const path = cx.env.file.path;
  for (const it of items) {
    const name = dotted(it);
    if (!name) {
      cx.st.report("DL3005", `freeze lists instance names such as backbone or blocks.0`, path, it.span);
      continue;
    }
    if (!model) continue;
    const params = model.parameters.filter((p) => p.path === name || p.path.startsWith(`${name}.`));
    if (!model.instances.has(name) && params.length === 0) {
      const sug = suggest(name, [...model.instances.keys()].filter((k) => k !== ""));
      cx.st.report("DL2001", `model ${model.name} has no instance '${name}'${sug ? `; did you mean '${sug}'?` : ""}`, path, it.span, {
        fixes: sug ? [{ message: `Replace with '${sug}'`, file: path, span: it.span, newText: sug }] : [],
      });
      continue;
    }
    freeze.push(name);
    for (const p of params) if (!frozenParams.includes(p.path)) frozenParams.push(p.path);
  }
  return { freeze, frozenParams };
}

/** `backbone`, `blocks.0.attn`, or a string "blocks.0" as a dotted path. */
function dotted(e: Expr): string | undefined {
  if (e.kind === "Name") return e.name;
  if (e.kind === "String") return e.value;
  if (e.kind === "Member") {
    const o = dotted(e.object);
    return o ? `${o}.${e.property.name}` : undefined;
  }
  return undefined;
}

/**
 * A metric's name in logs and JSON: the function it calls (`accuracy`), made
 * unique with a suffix (`accuracy_2`); anything else by its source text.
 */
function metricName(e: Expr, taken: readonly string[], text: string): string {
  const base = e.kind === "Call" && e.callee.kind === "Name" ? e.callee.name : text.replace(/\s+/g, " ");
  let name = base;
  for (let k = 2; taken.includes(name); k++) name = `${base}_${k}`;
  return name;
}
