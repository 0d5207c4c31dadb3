// `dlnet lsp --stdio`: the language server, for editors.

import { boolOption, notAvailable, type Command } from "../command";
import { UserError } from "../../compiler/diagnostics";

export const lspCommand: Command = {
  name: "lsp",
  summary: "start the language server (for editors)",
  usage: "dlnet lsp --stdio",
  options: {
    stdio: { type: "boolean", help: "talk LSP over stdin/stdout (the only transport)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, ctx) {
    if (!boolOption(args, "stdio")) throw new UserError("lsp: '--stdio' is required (the only transport)");
    return notAvailable("'lsp'", ctx);
  },
};
