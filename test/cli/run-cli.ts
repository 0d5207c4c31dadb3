// Runs the CLI as a user does (`node bin/dlnet.js …` from the project root),
// or in-process through `main(argv, ctx)` when a test needs a fake terminal.

import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { CliContext } from "../../src/cli/command";
import { main } from "../../src/cli/main";

export const ROOT = resolve(__dirname, "../..");
const BIN = resolve(ROOT, "bin/dlnet.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function dlnet(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((res, rej) => {
    const env = { ...process.env, NO_COLOR: "", FORCE_COLOR: "", DLNET_DEBUG: "", ...opts.env };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", rej);
    child.on("close", (code) => res({ code, stdout, stderr }));
  });
}

export async function dlnetInProcess(
  args: string[],
  opts: Partial<Omit<CliContext, "stdout" | "stderr">> = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t) },
    env: {},
    cwd: ROOT,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...opts,
  });
  return { code, stdout, stderr };
}
