// The verbs, in the order `dlnet --help` lists them. Adding a verb: write
// commands/NAME.ts exporting a `Command` and list it here with its summary.
//
// Each verb's module is imported only when that verb runs (or its --help is
// asked for): `dlnet check` or `dlnet --version` then never transpile and load
// the WebGPU, ONNX or training code of other verbs, and a broken import in one
// verb cannot take down another (`dlnet lsp` keeps working while export.ts is
// being edited). test/cli checks that these summaries match the modules'.

import type { CommandEntry } from "../command";

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "check",
    summary: "report errors and warnings in .dlnet files",
    load: async () => (await import("./check")).checkCommand,
  },
  {
    name: "compile",
    summary: "print the AST, tensor IR, training IR or WGSL kernels of a model",
    load: async () => (await import("./compile")).compileCommand,
  },
  {
    name: "train",
    summary: "train a model as its train block says; write a safetensors checkpoint",
    load: async () => (await import("./train")).trainCommand,
  },
  {
    name: "run",
    summary: "run a model on inputs from a JSON file with trained weights",
    load: async () => (await import("./run")).runCommand,
  },
  {
    name: "sample",
    summary: "generate text with a trained character-level model (greedy or sampled)",
    load: async () => (await import("./sample")).sampleCommand,
  },
  {
    name: "export",
    summary: "export a model to ONNX (or its training step), or model and training to PyTorch",
    load: async () => (await import("./export")).exportCommand,
  },
  {
    name: "graph",
    summary: "draw a model as an SVG graph (layers, shapes on the edges, parameter counts)",
    load: async () => (await import("./graph")).graphCommand,
  },
  {
    name: "playground",
    summary: "serve the playground: edit, check, draw and train a model in the browser",
    load: async () => (await import("./playground")).playgroundCommand,
  },
  {
    name: "fmt",
    summary: "format .dlnet files (print, --check or --write)",
    load: async () => (await import("./fmt")).fmtCommand,
  },
  {
    name: "lsp",
    summary: "start the language server (for editors)",
    load: async () => (await import("./lsp")).lspCommand,
  },
];
