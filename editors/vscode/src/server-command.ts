// Which dlnet the extension starts, decided from plain inputs so it can be
// tested without VS Code: the `dlnet.server.path` setting, else the
// workspace's own dlnet, else the server bundled in the extension.

import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The arguments leave out `--stdio`: vscode-languageclient appends it itself
 * for the stdio transport (so `dlnet.js lsp --stdio` is what runs).
 */
export type ServerCommand =
  /** Run a JavaScript file on Node (VS Code's own, via the language client). */
  | { kind: "node"; script: string; args: string[]; origin: "setting" | "workspace" | "bundled" }
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
}

export function serverCommand(input: ServerCommandInput): ServerCommand {
  const exists = input.exists ?? existsSync;
  const args = ["lsp", ...input.extraArgs];
  const setting = input.setting.trim();
  if (setting) {
    if (/\.[cm]?js$/.test(setting)) return { kind: "node", script: setting, args, origin: "setting" };
    return { kind: "exec", command: setting, args, origin: "setting" };
  }
  for (const folder of input.folders) {
    // An installed dlnet package, or the folder is a dlnet checkout.
    const installed = join(folder, "node_modules/dlnet/bin/dlnet.js");
    if (exists(installed)) return { kind: "node", script: installed, args, origin: "workspace" };
    const checkout = join(folder, "bin/dlnet.js");
    if (exists(checkout) && exists(join(folder, "src/lsp/index.ts"))) return { kind: "node", script: checkout, args, origin: "workspace" };
  }
  return { kind: "node", script: join(input.extensionPath, "out", "server.js"), args: [...input.extraArgs], origin: "bundled" };
}
