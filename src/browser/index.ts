// dlnet in a web page: the browser bundle's entry (scripts/build-browser.ts
// bundles it to dist/browser/dlnet.js). The same compiler, trainer and WebGPU
// executor as the CLI; only the edges differ. Sources come as strings (an
// in-memory compiler host), data as a Dataset object or generated from the
// train block's fields (synthetic.ts), weights stay in the backend, and the
// device comes from navigator.gpu (device.ts picks it when not in Node).
//
// Nothing here touches the file system, so the same functions also run in
// Node: the browser test runs them there on the CPU reference backend and
// compares with the page's WebGPU numbers.

import type { TrainSpec } from "../compiler/check/elaborated";
import { checkFile, renderDiagnostics, type CheckResult } from "../compiler/check/index";
import { memoryHost } from "../compiler/check/program";
import type { Diagnostic } from "../compiler/diagnostics";
import { initParams } from "../compiler/lower/index";
import { readInputs } from "../cli/tensor-json";
import { RunSession } from "../cli/run-session";
import { CpuBackend, type Backend, type BackendName } from "../runtime/backend";
import type { Dataset } from "../runtime/data/dataset";
import type { Tensor } from "../compiler/tensor";
import { train, type TrainEvent, type TrainResult } from "../runtime/train/trainer";
import { acquireDevice } from "../runtime/webgpu/device";
import { WebGpuBackend } from "../runtime/webgpu/backend";
import { fieldsOf, syntheticDataset, type SyntheticOptions } from "./synthetic";

export { syntheticDataset, fieldsOf, type SyntheticOptions } from "./synthetic";
export { CpuBackend, type Backend, type BackendName } from "../runtime/backend";
export type { Dataset } from "../runtime/data/dataset";
export type { Tensor } from "../compiler/tensor";
export type { TrainEvent, TrainResult } from "../runtime/train/trainer";

export interface CompiledProgram {
  /** No error diagnostics: the models and train blocks can be used. */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics as the CLI prints them (`model.dlnet:3:5 DL3001 error ...` and the source line). */
  readonly errors: string;
  readonly models: readonly string[];
  readonly trains: readonly string[];
  readonly check: CheckResult;
}

export interface CompileOptions {
  /** The entry's file name (default `/model.dlnet`); imports resolve against its folder. */
  file?: string;
  /** Other files by path, for `import "./layers.dlnet"` and text data files (`text("data/x.txt")`). */
  files?: Readonly<Record<string, string>>;
}

/** Parses and checks a .dlnet source held in memory. Never throws on user errors. */
export function compileModel(source: string, o: CompileOptions = {}): CompiledProgram {
  const file = o.file ?? "/model.dlnet";
  const check = checkFile(file, memoryHost({ ...o.files, [file]: source }));
  const diagnostics = check.diagnostics;
  return {
    ok: !diagnostics.some((d) => d.severity === "error"),
    diagnostics,
    errors: renderDiagnostics(diagnostics, check.files),
    models: check.models,
    trains: check.trains,
    check,
  };
}

/**
 * A backend: "webgpu" (navigator.gpu in a browser, Dawn in Node) or "cpu"
 * (the reference interpreter). Throws an Error saying why when WebGPU is missing.
 */
export async function openBackend(kind: BackendName = "webgpu"): Promise<Backend> {
  if (kind === "cpu") return new CpuBackend();
  const gpu = await acquireDevice();
  if ("error" in gpu) throw new Error(gpu.error);
  return new WebGpuBackend(gpu);
}

function programOf(p: CompiledProgram | string): CompiledProgram {
  const program = typeof p === "string" ? compileModel(p) : p;
  if (!program.ok) throw new Error(`the model has errors:\n${program.errors}`);
  return program;
}

function pick(kind: string, names: readonly string[], wanted: string | undefined): string {
  if (wanted !== undefined) {
    if (!names.includes(wanted)) throw new Error(`no ${kind} '${wanted}' (there are: ${names.join(", ") || "none"})`);
    return wanted;
  }
  if (names.length === 0) throw new Error(`the source has no ${kind}`);
  return names[0];
}

export interface BrowserTrainOptions {
  /** The train block (by its model's name); default the first. */
  train?: string;
  /** A backend or its kind (default "webgpu"). The trained weights stay in it. */
  backend?: Backend | BackendName;
  /** The data; default a synthetic dataset with the train block's fields. */
  dataset?: Dataset;
  synthetic?: SyntheticOptions;
  /** Stop after this many optimizer steps. */
  steps?: number;
  /** Overrides the train block's epochs. */
  epochs?: number;
  /** Read the loss back every this many steps (default 1). */
  logEvery?: number;
  /** Skip the held-out evaluation at the end (default false). */
  skipTest?: boolean;
  onEvent?: (e: TrainEvent) => void;
  /** Asked after every step: true stops the run (the held-out evaluation still runs unless skipTest). */
  stop?: () => boolean;
}

export interface BrowserTrainResult extends TrainResult {
  /** Where it ran; holds the trained parameters (for runInBrowser). Dispose it when done. */
  backend: Backend;
  spec: TrainSpec;
  dataset: Dataset;
}

/** Trains a train block of the program; no checkpoints (there are no files), the weights stay in the backend. */
export async function trainInBrowser(p: CompiledProgram | string, o: BrowserTrainOptions = {}): Promise<BrowserTrainResult> {
  const program = programOf(p);
  const name = pick("train block", program.trains, o.train);
  const spec = program.check.elaborateTrain(name);
  if (!spec) throw new Error(`train block '${name}' cannot be compiled`);
  if (spec.init) throw new Error(`train block '${name}': init = "${spec.init}" reads a file, which a browser page cannot; remove it`);
  const dataset = o.dataset ?? syntheticDataset(fieldsOf(spec), { seed: spec.seed ?? 0, ...o.synthetic });
  const backend = typeof o.backend === "object" ? o.backend : await openBackend(o.backend);
  const r = await train({
    spec,
    backend,
    dataset,
    steps: o.steps,
    epochs: o.epochs,
    logEvery: o.logEvery ?? 1,
    skipTest: o.skipTest,
    onEvent: o.onEvent,
    stop: o.stop,
  });
  return { ...r, backend, spec, dataset };
}

/** An input tensor: a shape and its values, flat and row-major. */
export interface InputTensor {
  shape: readonly number[];
  data: ArrayLike<number>;
}

export interface BrowserRunOptions {
  /** The model; default the first. */
  model?: string;
  inputs: Readonly<Record<string, InputTensor>>;
  /** A backend or its kind (default "webgpu"); a trained one (trainInBrowser's) supplies the weights. */
  backend?: Backend | BackendName;
  /** Weights by parameter path; else the backend's, else the seeded default init. */
  weights?: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;
  /** Seed of the default init (when neither weights nor a trained backend give a parameter) and of randn/rand in the model. */
  seed?: number;
}

/** Inference (eval mode: dropout off, BatchNorm on running statistics); returns the model's outputs. */
export async function runInBrowser(p: CompiledProgram | string, o: BrowserRunOptions): Promise<Record<string, Tensor>> {
  const program = programOf(p);
  const name = pick("model", program.models, o.model);
  const declared = program.check.elaborate(name);
  if (!declared) throw new Error(`model '${name}' cannot be compiled`);
  const json = Object.fromEntries(Object.entries(o.inputs).map(([k, t]) => [k, { shape: [...t.shape], data: Array.from(t.data) }]));
  const { feeds, env } = readInputs(json, declared.inputs, "inputs");
  // A backend opened here is ours to dispose; a given one stays the caller's.
  const owned = typeof o.backend !== "object";
  const backend = typeof o.backend === "object" ? o.backend : await openBackend(o.backend);
  try {
    const w = o.weights;
    const given: ReadonlyMap<string, Tensor> = w instanceof Map ? w : new Map(Object.entries((w ?? {}) as Record<string, Tensor>));
    for (const [path, t] of given) backend.setState(path, t);
    const session = new RunSession(program.check, name, backend, {
      seed: o.seed,
      // Parameters neither given nor in the backend: the seeded default init.
      weights: (params) => initParams(params, o.seed ?? 0),
      onDiagnostics: (diagnostics) => {
        throw new Error(`model ${name} cannot run at these input shapes:\n${renderDiagnostics([...diagnostics], program.check.files)}`);
      },
    });
    return await session.run(feeds, { env });
  } finally {
    if (owned) backend.dispose();
  }
}
