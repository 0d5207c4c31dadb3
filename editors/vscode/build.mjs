// Builds the extension: bundles the client (out/extension.js) and dlnet's
// language server (out/server.js) with esbuild, and copies the grammar and
// language configuration from the repository's grammar/ folder, which is
// where they are generated and tested.
//   node build.mjs            # everything, into this folder
// The server bundle needs only the repository's own dependencies, so tests
// build it alone with buildServer() (the client needs vscode-languageclient,
// installed in this folder by `npm install`).

import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: false, logLevel: "warning" };

/** Bundle src/lsp into one CommonJS file that serves LSP on stdio. */
export async function buildServer(outfile) {
  await build({
    ...common,
    entryPoints: [join(here, "src/server.ts")],
    outfile,
    // The compiler reads import.meta.url to find files next to its sources; in the bundle that is the bundle.
    define: { "import.meta.url": "__dlnet_import_meta_url" },
    banner: { js: 'const __dlnet_import_meta_url = require("url").pathToFileURL(__filename).href;' },
  });
}

export async function buildExtension() {
  rmSync(join(here, "out"), { recursive: true, force: true });
  mkdirSync(join(here, "syntaxes"), { recursive: true });
  copyFileSync(join(repo, "grammar/dlnet.tmLanguage.json"), join(here, "syntaxes/dlnet.tmLanguage.json"));
  copyFileSync(join(repo, "grammar/language-configuration.json"), join(here, "language-configuration.json"));
  await build({ ...common, entryPoints: [join(here, "src/extension.ts")], outfile: join(here, "out/extension.js"), external: ["vscode"] });
  await buildServer(join(here, "out/server.js"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildExtension();
  console.log("built out/extension.js, out/server.js, syntaxes/, language-configuration.json");
}
