#!/usr/bin/env node
// The `dlnet` command. The sources are TypeScript, loaded through tsx so a
// checkout runs without a build step.
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

register();
// One-file bundles of dependencies whose package entry is hundreds of modules (see the file).
registerHooks("./bundled-deps.mjs", import.meta.url);
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
