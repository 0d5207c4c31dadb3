// The verbs, in the order `dlnet --help` lists them. Adding a verb: write
// commands/NAME.ts exporting a `Command` and list it here.

import type { Command } from "../command";
import { checkCommand } from "./check";
import { compileCommand } from "./compile";
import { exportCommand } from "./export";
import { fmtCommand } from "./fmt";
import { lspCommand } from "./lsp";
import { runCommand } from "./run";
import { sampleCommand } from "./sample";
import { trainCommand } from "./train";

export const COMMANDS: readonly Command[] = [
  checkCommand,
  compileCommand,
  trainCommand,
  runCommand,
  sampleCommand,
  exportCommand,
  fmtCommand,
  lspCommand,
];
