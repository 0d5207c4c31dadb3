// `dlnet fmt [--check|--write] FILE...`: the canonical layout of .dlnet files.

import { UserError } from "../../compiler/diagnostics";
import { boolOption, notAvailable, type Command } from "../command";

export const fmtCommand: Command = {
  name: "fmt",
  summary: "format .dlnet files (print, --check or --write)",
  usage: "dlnet fmt [--check|--write] FILE...",
  details:
    "Without flags the formatted text is printed. --check lists files that are not\n" +
    "formatted and exits 1 if there is any; --write rewrites them in place.",
  options: {
    check: { type: "boolean", help: "exit 1 when a file is not formatted" },
    write: { type: "boolean", help: "rewrite files in place" },
  },
  positionals: { name: "FILE", min: 1, max: Infinity },
  async run(args, ctx) {
    if (boolOption(args, "check") && boolOption(args, "write")) {
      throw new UserError("fmt: --check and --write cannot be used together");
    }
    return notAvailable("'fmt'", ctx);
  },
};
