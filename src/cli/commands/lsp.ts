// `dlnet lsp --stdio`: the language server, for editors.

import { boolOption, type Command } from "../command";
import { UserError } from "../../compiler/diagnostics";

export const lspCommand: Command = {
  name: "lsp",
  summary: "start the language server (for editors)",
  usage: "dlnet lsp --stdio",
  options: {
    stdio: { type: "boolean", help: "talk LSP over stdin/stdout (the only transport)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args) {
    if (!boolOption(args, "stdio")) throw new UserError("lsp: '--stdio' is required (the only transport)");
    // Loaded on demand: the server's dependencies are not needed by other verbs.
    const { runLspStdio } = await import("../../lsp/index");
    return runLspStdio();
  },
};
