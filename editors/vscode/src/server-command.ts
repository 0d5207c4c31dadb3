// Which dlnet the extension starts, decided from plain inputs so it can be
// tested without VS Code: the `dlnet.server.path` setting, else the
// workspace's own dlnet if it starts (`dlnet.js --version` exits 0: a
// checkout before `npm install` has no tsx and would crash), else the server
// bundled in the extension.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The arguments leave out `--stdio`: vscode-languageclient appends it itself
 * for the stdio transport (so `dlnet.js lsp --stdio` is what runs).
 */
export type ServerCommand =
  /** Run a JavaScript file on Node (VS Code's own, via the language client). */
  | { kind: "node"; script: string; args: string[]; origin: "setting" | "workspace" | "bundled"; skipped?: string[] }
  /** Run a command found on PATH or at a path. */
  | { kind: "exec"; command: string; args: string[]; origin: "setting" };

export interface ServerCommandInput {
  /** `dlnet.server.path` (trimmed; empty when unset). */
  setting: string;
  extraArgs: readonly string[];
  /** Workspace folder paths, in order. */
  folders: readonly string[];
  /** The extension's own folder (holds out/server.js). */
  extensionPath: string;
  exists?: (path: string) => boolean;
  /** Why a workspace's dlnet.js cannot start, or undefined when it can (default: run it with --version). */
  cannotStart?: (script: string) => string | undefined;
}

/**
 * Runs `script --version` on this process's Node (VS Code's Electron as Node,
 * as the language client will run it) and says why it failed, if it did.
 */
export function probeStart(script: string): string | undefined {
  const r = spawnSync(process.execPath, [script, "--version"], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
    encoding: "utf8",
    timeout: 20_000,
  });
  if (r.status === 0 && /^dlnet /.test(r.stdout ?? "")) return undefined;
  if (r.status === 0) return `--version printed ${JSON.stringify((r.stdout ?? "").trim().slice(0, 40))}, not dlnet's version`;
  if (r.error) return r.error.message;
  const line = `${r.stderr ?? ""}`.split("\n").find((l) => /Error|error:/.test(l)) ?? `${r.stderr ?? ""}`.trim().split("\n")[0];
  return r.signal ? `killed by ${r.signal}` : `exit code ${r.status}${line ? `: ${line.trim()}` : ""}`;
}

export function serverCommand(input: ServerCommandInput): ServerCommand {
  const exists = input.exists ?? existsSync;
  const args = ["lsp", ...input.extraArgs];
  const setting = input.setting.trim();
  if (setting) {
    if (/\.[cm]?js$/.test(setting)) return { kind: "node", script: setting, args, origin: "setting" };
    return { kind: "exec", command: setting, args, origin: "setting" };
  }
  const cannotStart = input.cannotStart ?? probeStart;
  const skipped: string[] = [];
  for (const folder of input.folders) {
    // An installed dlnet package, or the folder is a dlnet checkout.
    const installed = join(folder, "node_modules/dlnet/bin/dlnet.js");
    const checkout = join(folder, "bin/dlnet.js");
    const candidates = [exists(installed) ? installed : undefined, exists(checkout) && exists(join(folder, "src/lsp/index.ts")) ? checkout : undefined];
    for (const script of candidates) {
      if (!script) continue;
      const why = cannotStart(script);
      if (!why) return { kind: "node", script, args, origin: "workspace", ...(skipped.length ? { skipped } : {}) };
      skipped.push(`${script} cannot start (${why})`);
    }
  }
  const bundled = join(input.extensionPath, "out", "server.js");
  return { kind: "node", script: bundled, args: [...input.extraArgs], origin: "bundled", ...(skipped.length ? { skipped } : {}) };
}
