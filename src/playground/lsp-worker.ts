/// <reference lib="webworker" />
// The language server of `dlnet lsp`, unchanged (src/lsp/server.ts), in a web
// worker: the editor's LSP client talks JSON-RPC to it over postMessage. The
// files it knows are the open buffer and the examples with their text data
// (files.ts); there is no disk here. One request is
// added for the page: `dlnet/graph` draws the document's models as SVG with
// the same code as `dlnet graph`.

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { compileModel } from "../browser/index";
import { startServer } from "../lsp/server";
import { uriToPath } from "../lsp/positions";
import { playgroundFiles } from "./files";
import { graphSvg } from "../pictures/graph-svg";
import { modelGraph, textOfFiles, type ModelGraph } from "../pictures/model-graph";

declare const self: DedicatedWorkerGlobalScope;

export interface GraphAnswer {
  /** One per model that elaborates; empty when the file has errors. */
  models: { name: string; svg: string; params: number; layers: number }[];
  /** Why there is no picture (errors in the file), else undefined. */
  problem?: string;
}

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const ws = startServer(connection, { files: playgroundFiles });

connection.onRequest("dlnet/graph", (p: { uri: string }): GraphAnswer => {
  const doc = ws.documents.get(p.uri);
  if (!doc) return { models: [], problem: "no document" };
  const program = compileModel(doc.getText(), { file: uriToPath(p.uri), files: playgroundFiles });
  const errors = program.diagnostics.filter((d) => d.severity === "error").length;
  const models: GraphAnswer["models"] = [];
  for (const name of program.models) {
    const m = program.check.elaborate(name);
    if (!m) continue;
    const g: ModelGraph = modelGraph(m, textOfFiles(program.check.files));
    models.push({ name, svg: graphSvg(g), params: g.params, layers: g.nodes.filter((n) => n.kind === "layer" || n.kind === "block").length });
  }
  return { models, problem: errors ? `${errors} error${errors > 1 ? "s" : ""} in the file` : program.models.length ? undefined : "no model in the file" };
});
