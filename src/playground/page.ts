/// <reference lib="dom" />
// The playground page: the editor (editor.ts), the examples picker (every
// file in examples/, and the file given to `dlnet playground`), the model
// graph (asked from the language-server worker, drawn by the same code as
// `dlnet graph`) and the training panel (train-panel.ts).

import type { EditorView } from "@codemirror/view";
import type { LSPClient } from "@codemirror/lsp-client";
import { createEditor, DOC_URI } from "./editor";
import type { GraphAnswer } from "./lsp-worker";
import { TrainPanel } from "./train-panel";

interface Examples {
  /** Name shown in the picker → text. */
  files: { name: string; text: string }[];
  /** The one to open first. */
  initial: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function main() {
  const examples = (await (await fetch("./examples.json")).json()) as Examples;
  const picker = $<HTMLSelectElement>("example");
  for (const f of examples.files) picker.append(new Option(f.name, f.name, false, f.name === examples.initial));
  const initial = examples.files.find((f) => f.name === examples.initial) ?? examples.files[0];

  let graphTimer: ReturnType<typeof setTimeout> | undefined;
  const { view, client } = createEditor($("editor"), initial?.text ?? "", () => {
    clearTimeout(graphTimer);
    graphTimer = setTimeout(() => void drawGraph(client), 400);
  });
  picker.onchange = () => {
    const f = examples.files.find((x) => x.name === picker.value);
    if (f) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: f.text } });
  };
  const panel = new TrainPanel(
    {
      train: $("train"),
      stop: $("stop"),
      backend: $("backend"),
      epochs: $("epochs"),
      downloads: [$("dl-onnx"), $("dl-ckpt")],
      notice: $("notice"),
      figures: $("figures"),
      chart: $("chart"),
      metricChart: $("metric-chart"),
    },
    () => view.state.doc.toString(),
  );
  if (!("gpu" in navigator)) {
    $<HTMLSelectElement>("backend").value = "cpu";
    $("notice").className = "notice warn";
    $("notice").textContent =
      "This browser has no WebGPU (navigator.gpu is missing): training runs on the CPU reference interpreter, " +
      "fine for small models (mnist_mlp: a few steps a second). Chrome and Edge have WebGPU; Firefox and Safari behind a setting.";
  }
  (window as unknown as { playground: unknown }).playground = { view, client, run: panel.state, loadedAt: performance.now() };
  await client.initializing;
  await drawGraph(client);
}

async function drawGraph(client: LSPClient) {
  const target = $("graph");
  const note = $("graph-note");
  try {
    client.sync();
    const g = await client.request<{ uri: string }, GraphAnswer>("dlnet/graph", { uri: DOC_URI });
    note.textContent = !g.problem ? "" : g.models.length ? g.problem : `${g.problem}: showing the last model that compiled`;
    if (g.models.length) {
      target.innerHTML = g.models.map((m) => `<figure data-model="${m.name}">${m.svg}</figure>`).join("");
      target.classList.remove("stale");
    } else target.classList.add("stale");
  } catch (e) {
    note.textContent = `no graph: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export type { EditorView };
main().catch((e) => {
  const n = $("notice");
  n.className = "notice error";
  n.textContent = `the playground failed to start: ${e instanceof Error ? e.message : String(e)}`;
});
