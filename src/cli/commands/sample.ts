// `dlnet sample FILE --weights CKPT`: generate text with a character-level
// model trained on text(...) (runtime/sample.ts), or measure exact-match
// accuracy on the test split's question/answer lines (--exact-match SEP).

import { resolve } from "node:path";
import { openTrainData } from "../../runtime/data/index";
import { UserError } from "../../compiler/diagnostics";
import { createSampler, exactMatch } from "../../runtime/sample";
import { selectBackend } from "../../runtime/select-backend";
import { readWeights } from "../../runtime/weights";
import { BACKENDS, EXIT, intOption, requiredOption, stringOption, type Command } from "../command";
import { loadChecked } from "../frontend";
import { trainSpecOf } from "../pick-name";

export const sampleCommand: Command = {
  name: "sample",
  summary: "generate text with a trained character-level model (greedy or sampled)",
  usage:
    "dlnet sample FILE --weights CKPT [--train NAME] [--prompt TEXT] [--tokens N] [--temperature T] " +
    "[--seed N] [--exact-match SEP] [--backend cpu|webgpu]",
  details:
    "The model of the train block (whose data must be text(...)) continues --prompt\n" +
    "by --tokens characters (default 100), one forward pass per character. The\n" +
    "vocabulary is rebuilt from the train block's data file, as training built it.\n" +
    "--temperature 0 (the default) picks the most likely character; T > 0 samples\n" +
    "from softmax(logits / T) with --seed. --exact-match SEP instead completes every\n" +
    "test-split line 'question SEP answer' greedily and prints the fraction of\n" +
    "answers reproduced exactly. Runs on the CPU unless --backend webgpu.",
  options: {
    weights: { type: "string", valueName: "CKPT", help: "trained weights (.safetensors checkpoint or .onnx)" },
    train: { type: "string", valueName: "NAME", help: "the train block (named by its model)" },
    prompt: { type: "string", valueName: "TEXT", help: "text to continue (default: a newline)" },
    tokens: { type: "string", valueName: "N", help: "characters to generate (default 100)" },
    temperature: { type: "string", valueName: "T", help: "0 = greedy (default); higher = more random" },
    seed: { type: "string", valueName: "N", help: "seed of the sampling (default 0)" },
    "exact-match": { type: "string", valueName: "SEP", help: "score the test lines' answers after SEP" },
    backend: { type: "string", valueName: "NAME", help: "where to run (default cpu)", choices: BACKENDS },
  },
  positionals: { name: "FILE", min: 1, max: 1 },
  async run(args, ctx) {
    const weightsPath = resolve(ctx.cwd, requiredOption(args, this, "weights"));
    const tokens = intOption(args, "tokens", { min: 0 }) ?? 100;
    const seed = intOption(args, "seed", { min: 0 }) ?? 0;
    const tText = stringOption(args, "temperature") ?? "0";
    const temperature = Number(tText);
    if (!Number.isFinite(temperature) || temperature < 0 || tText.trim() === "") {
      throw new UserError(`option '--temperature' expects a number >= 0, got '${tText}'`);
    }
    const prompt = unescape(stringOption(args, "prompt") ?? "\n");
    const separator = stringOption(args, "exact-match");
    const path = args.positionals[0];
    const loaded = loadChecked(path, ctx);
    if (typeof loaded === "number") return loaded;
    const spec = trainSpecOf(loaded, stringOption(args, "train"), path, ctx);
    if (typeof spec === "number") return spec;
    const weights = readWeights(weightsPath);
    const { backend, notice } = await selectBackend((stringOption(args, "backend") as "cpu" | "webgpu" | undefined) ?? "cpu");
    if (notice) ctx.stderr.write(notice + "\n");
    try {
      const sampler = await createSampler(spec, weights, backend, openTrainData(spec, ctx.cwd));
      if (separator !== undefined) {
        const t0 = performance.now();
        const r = await exactMatch(sampler, unescape(separator));
        const pct = ((100 * r.correct) / r.total).toFixed(2);
        ctx.stdout.write(`exact match: ${r.correct}/${r.total} test answers (${pct}%) in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
        for (const f of r.failures) ctx.stdout.write(`  ${JSON.stringify(f.prompt)} expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.got)}\n`);
        return EXIT.ok;
      }
      const [text] = await sampler.generate([prompt], { tokens, temperature, seed });
      ctx.stdout.write(prompt + text + (text.endsWith("\n") ? "" : "\n"));
    } finally {
      backend.dispose();
    }
    return EXIT.ok;
  },
};

/** `\n` and `\t` typed on a command line mean a newline and a tab. */
function unescape(s: string): string {
  return s.replace(/\\([nt\\])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "\\"));
}
