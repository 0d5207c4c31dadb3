// The VS Code side of dlnet: a language client that starts `dlnet lsp --stdio`.
// Which dlnet: the `dlnet.server.path` setting, else the workspace's own
// (node_modules/dlnet or a dlnet checkout), else the server bundled in this
// extension, run on VS Code's own Node.

import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type Executable, type LanguageClientOptions, type NodeModule, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** How to start the server, and a line saying which one, for the output channel. */
export function serverOptions(context: vscode.ExtensionContext): { options: ServerOptions; describe: string } {
  const config = vscode.workspace.getConfiguration("dlnet");
  const extra = config.get<string[]>("server.extraArgs", []);
  const configured = config.get<string>("server.path", "").trim();
  const args = ["lsp", "--stdio", ...extra];
  const nodeScript = (script: string): NodeModule => ({ module: script, args, transport: TransportKind.stdio });
  if (configured) {
    if (configured.endsWith(".js")) return { options: nodeScript(configured), describe: `node ${configured}` };
    const exe: Executable = { command: configured, args, transport: TransportKind.stdio };
    return { options: exe, describe: configured };
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const rel of ["node_modules/dlnet/bin/dlnet.js", "bin/dlnet.js"]) {
      const candidate = join(folder.uri.fsPath, rel);
      if (existsSync(candidate) && existsSync(join(folder.uri.fsPath, rel.startsWith("node_modules") ? "node_modules/dlnet/package.json" : "package.json"))) {
        return { options: nodeScript(candidate), describe: `node ${candidate} (workspace)` };
      }
    }
  }
  const bundled = context.asAbsolutePath(join("out", "server.js"));
  return { options: { module: bundled, args: ["--stdio"], transport: TransportKind.stdio }, describe: `${bundled} (bundled)` };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("dlnet", { log: true });
  const { options, describe } = serverOptions(context);
  output.info(`dlnet language server: ${describe}`);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "dlnet" }],
    outputChannel: output,
    middleware: {
      provideInlayHints: (document, range, token, next) =>
        vscode.workspace.getConfiguration("dlnet").get("inlayHints.shapes", true) ? next(document, range, token) : [],
    },
  };
  client = new LanguageClient("dlnet", "dlnet", options, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("dlnet.restartServer", async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
