// `dlnet graph FILE [--model NAME] -o model.svg`: the model drawn as a graph
// (layers as written, shapes on the edges, parameter counts), laid out by
// dagre. Without -o the SVG goes to stdout.

import { resolve } from "node:path";
import { writeFileAtomic } from "../../runtime/checkpoint/safetensors";
import { graphSvg } from "../../pictures/graph-svg";
import { formatCount, modelGraph, textOfFiles } from "../../pictures/model-graph";
import { EXIT, stringOption, type Command } from "../command";
import { loadChecked } from "../frontend";
import { modelOf } from "../pick-name";

export const graphCommand: Command = {
  name: "graph",
  summary: "draw a model as an SVG graph (layers, shapes on the edges, parameter counts)",
  usage: "dlnet graph FILE [--model NAME] [-o OUT.svg]",
  details:
    "Built-in layers are one box each, labelled as written with their instance\n" +
    "path and parameter count; user layers are drawn through; repeat(n, L) is one\n" +
    "box. Edges carry the tensor type. Without -o the SVG is printed.",
  options: {
    model: { type: "string", valueName: "NAME", help: "the model to draw (default: the file's only one)" },
    out: { type: "string", short: "o", valueName: "OUT.svg", help: "the SVG file to write" },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const path = args.positionals[0];
    const loaded = loadChecked(path, ctx);
    if (typeof loaded === "number") return loaded;
    const model = modelOf(loaded, stringOption(args, "model"), path, ctx);
    if (typeof model === "number") return model;
    const graph = modelGraph(model, textOfFiles(loaded.check.files));
    const svg = graphSvg(graph);
    const out = stringOption(args, "out");
    if (out === undefined) {
      ctx.stdout.write(svg);
      return EXIT.ok;
    }
    writeFileAtomic(resolve(ctx.cwd, out), new TextEncoder().encode(svg));
    const layers = graph.nodes.filter((n) => n.kind === "layer" || n.kind === "block").length;
    ctx.stdout.write(`wrote ${out}: ${model.name}, ${layers} layers, ${formatCount(graph.params)} parameters\n`);
    return EXIT.ok;
  },
};
