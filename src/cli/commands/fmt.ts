// `dlnet fmt [--check|--write] FILE|DIR...`: the canonical layout of .dlnet
// files; a folder stands for the .dlnet files under it.

import { writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { UserError } from "../../compiler/diagnostics";
import { format } from "../../format/index";
import { boolOption, EXIT, type Command } from "../command";
import { dlnetFilesUnder, readSource, statPath } from "../../host/files";
import { lookupIn, renderDiagnostics, useColor } from "../render";

export const fmtCommand: Command = {
  name: "fmt",
  summary: "format .dlnet files (print, --check or --write)",
  usage: "dlnet fmt [--check|--write] FILE|DIR...",
  details:
    "Without flags the formatted text is printed. --check lists files that are not\n" +
    "formatted and exits 1 if there is any; --write rewrites them in place. A folder\n" +
    "stands for the .dlnet files under it (hidden folders and node_modules skipped).",
  options: {
    check: { type: "boolean", help: "exit 1 when a file is not formatted" },
    write: { type: "boolean", help: "rewrite files in place" },
  },
  positionals: { name: "FILE", min: 1, max: Infinity },
  async run(args, ctx) {
    if (boolOption(args, "check") && boolOption(args, "write")) {
      throw new UserError("fmt: --check and --write cannot be used together");
    }
    const check = boolOption(args, "check");
    const write = boolOption(args, "write");
    let status: number = EXIT.ok;
    const paths = args.positionals.flatMap((p) => (statPath(resolve(ctx.cwd, p))?.kind === "directory" ? dlnetFilesUnder(resolve(ctx.cwd, p)).map((f) => relative(ctx.cwd, f) || f) : [p]));
    for (const path of paths) {
      let loaded;
      try {
        loaded = readSource(path, ctx.cwd);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        ctx.stderr.write(`dlnet: ${e.message}\n`);
        status = EXIT.usage;
        continue;
      }
      const result = loaded.diagnostics.length ? { text: "", diagnostics: loaded.diagnostics, changed: false } : format(loaded.file.text, path);
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      if (errors.length) {
        // A file with syntax errors is never rewritten: report why.
        const color = useColor(ctx.stderrIsTTY, ctx.env);
        ctx.stderr.write(renderDiagnostics(errors, lookupIn([loaded.file]), { color }) + "\n");
        if (status === EXIT.ok) status = EXIT.failure;
        continue;
      }
      if (check) {
        if (result.changed) {
          ctx.stdout.write(`${path}\n`);
          if (status === EXIT.ok) status = EXIT.failure;
        }
      } else if (write) {
        if (result.changed) writeFileSync(resolve(ctx.cwd, path), result.text);
      } else ctx.stdout.write(result.text);
    }
    return status;
  },
};
