#!/usr/bin/env node
// The `dlnet` command. The sources are TypeScript, loaded through tsx so a
// checkout runs without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
