/// <reference lib="webworker" />
// The playground's training worker: compiles the editor's text, trains the
// train block on navigator.gpu (or the CPU reference interpreter) with the
// same trainer as `dlnet train`, and streams its events to the page, which
// stays responsive. mnist(...) data comes from the digits asset the page
// serves (mnist-digits.bin), text(...) from the examples' data the build bakes
// in (files.ts); other files the page does not have, so those train on
// synthetic data with the same fields (said so).
// After a run it sends the downloads (ONNX, checkpoint) made from the trained
// backend.

import { compileModel, openBackend, type Backend } from "../browser/index";
import type { TrainSpec } from "../compiler/check/elaborated";
import { decodeMnistDigits } from "../runtime/data/mnist-asset";
import { train } from "../runtime/train/trainer";
import type { Split } from "../runtime/data/dataset";
import { checkpointBytes, onnxBytes } from "./artifacts";
import { DOC_PATH, playgroundFiles } from "./files";
import { playgroundDataset } from "./data";
import type { Artifact, FromTrainer, ToTrainer } from "./protocol";

declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromTrainer, transfer: Transferable[] = []) => self.postMessage(m, transfer);

let digits: Promise<Split> | undefined;
/** The digits asset, fetched once. */
function mnistDigits(): Promise<Split> {
  digits ??= fetch(new URL("./mnist-digits.bin", self.location.href)).then(async (r) => {
    if (!r.ok) throw new Error(`mnist digits: ${r.status} ${r.statusText} fetching mnist-digits.bin`);
    return decodeMnistDigits(new Uint8Array(await r.arrayBuffer()));
  });
  return digits;
}

const datasetFor = (spec: TrainSpec, notices: string[]) =>
  playgroundDataset(spec, playgroundFiles, () => (post({ type: "status", text: "loading the mnist digits…" }), mnistDigits()), notices);

let stopping = false;
let last: { spec: TrainSpec; backend: Backend; steps: number } | undefined;

async function run(m: Extract<ToTrainer, { type: "train" }>): Promise<void> {
  stopping = false;
  last?.backend.dispose();
  last = undefined;
  const program = compileModel(m.source, { file: DOC_PATH, files: playgroundFiles });
  if (!program.ok) throw new Error(`the model has errors:\n${program.errors}`);
  if (!program.trains.length) throw new Error("there is no train block to run: add one (`train Model { … }`)");
  const spec = program.check.elaborateTrain(program.trains[0]);
  if (!spec) throw new Error(`the train block for '${program.trains[0]}' cannot be compiled`);
  if (spec.init) throw new Error(`init = "${spec.init}" reads a weights file, which this page cannot: remove it to train from scratch`);
  const notices: string[] = [];
  let backend: Backend;
  let cpu = m.backend === "cpu";
  try {
    backend = await openBackend(m.backend);
  } catch (e) {
    notices.push(`${e instanceof Error ? e.message : String(e)}: training on the CPU reference interpreter instead (slow)`);
    backend = await openBackend("cpu");
    cpu = true;
  }
  const dataset = await datasetFor(spec, notices);
  const setting = spec.decl.settings.find((s) => s.key.name === "data");
  const data = setting ? m.source.slice(setting.value.span.start, setting.value.span.end) : spec.data.source;
  post({ type: "ready", backend: backend.description, notices, model: spec.model.name, data, batch: spec.batch });
  last = { spec, backend, steps: 0 };
  const r = await train({
    spec,
    backend,
    dataset,
    epochs: m.epochs,
    steps: m.steps,
    // Every step's loss on the CPU (a few steps a second); every 5th on WebGPU, where reading it back costs a sync.
    logEvery: cpu ? 1 : 5,
    onEvent: (event) => {
      if (event.kind !== "checkpoint") post({ type: "event", event });
    },
    stop: () => stopping,
  });
  last.steps = r.steps;
  // The downloads, before "done": the page enables Train again only then.
  const problems: string[] = [];
  if (r.steps > 0) {
    post({ type: "status", text: "making the downloads (ONNX, checkpoint)…" });
    for (const what of ["onnx", "safetensors"] as const) {
      await artifact(what).catch((e) => problems.push(`no ${what} download: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  post({ type: "done", steps: r.steps, seconds: r.seconds, stopped: stopping, problems });
}

/** Made ahead of the click: the page's download links are then plain links (no blocked second download). */
async function artifact(what: Artifact): Promise<void> {
  if (!last) return;
  const { spec, backend, steps } = last;
  const bytes = what === "onnx" ? await onnxBytes(spec, backend) : await checkpointBytes(spec, backend, steps);
  const buf = bytes.slice().buffer;
  post({ type: "file", what, name: `${spec.model.name}.${what}`, bytes: buf }, [buf]);
}

const fail = (err: unknown) => post({ type: "error", message: err instanceof Error ? err.message : String(err) });

self.onmessage = (e: MessageEvent<ToTrainer>) => {
  const m = e.data;
  if (m.type === "stop") stopping = true;
  else if (m.type === "train") run(m).catch(fail);
};
