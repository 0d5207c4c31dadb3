// The VS Code side of dlnet: a language client that starts `dlnet lsp --stdio`.
// Which dlnet: the `dlnet.server.path` setting, else the workspace's own
// (node_modules/dlnet or a dlnet checkout) when it starts, else the server
// bundled in this extension, run on VS Code's own Node.

import * as vscode from "vscode";
import { LanguageClient, TransportKind, type Executable, type LanguageClientOptions, type NodeModule, type ServerOptions } from "vscode-languageclient/node";
import { serverCommand } from "./server-command";

let client: LanguageClient | undefined;

/** How to start the server, and a line saying which one, for the output channel. */
export function serverOptions(context: vscode.ExtensionContext): { options: ServerOptions; describe: string } {
  const config = vscode.workspace.getConfiguration("dlnet");
  const cmd = serverCommand({
    setting: config.get<string>("server.path", ""),
    extraArgs: config.get<string[]>("server.extraArgs", []),
    folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    extensionPath: context.extensionPath,
  });
  if (cmd.kind === "exec") {
    const exe: Executable = { command: cmd.command, args: cmd.args, transport: TransportKind.stdio };
    return { options: exe, describe: `${cmd.command} (${cmd.origin})` };
  }
  const mod: NodeModule = { module: cmd.script, args: cmd.args, transport: TransportKind.stdio };
  const skipped = cmd.skipped?.length ? `; skipped: ${cmd.skipped.join("; ")}` : "";
  return { options: mod, describe: `node ${cmd.script} (${cmd.origin})${skipped}` };
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
