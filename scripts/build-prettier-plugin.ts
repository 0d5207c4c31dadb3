// Builds the Prettier plugin (src/format/prettier-plugin.ts) into one
// JavaScript file, so Prettier loads it as any plugin, by path, on the
// command line or in a .prettierrc (Prettier cannot import .ts):
//   npm run build:prettier-plugin            # → dist/prettier-plugin.mjs
//   prettier --plugin=./dist/prettier-plugin.mjs --write "**/*.dlnet"
// Self-contained (Prettier's small `prettier/doc` module included), so the
// file works wherever it is put; the documents it returns are plain data any
// Prettier 3 prints.

import { build } from "esbuild";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildPrettierPlugin(outfile = join(root, "dist/prettier-plugin.mjs")): Promise<string> {
  await build({
    entryPoints: [join(root, "src/format/prettier-plugin.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildPrettierPlugin(process.argv[2] ? resolve(process.argv[2]) : undefined));
}
