// `dlnet check [--json] FILE...`: report every diagnostic of every file.
// Exit 0 without errors (warnings allowed), 1 with any error, 2 when a file
// cannot be read.

import { hasErrors } from "../../compiler/diagnostics";
import { boolOption, EXIT, type Command } from "../command";
import { analyze } from "../frontend";
import { lookupIn, renderDiagnostics, summaryLine, toJson, useColor } from "../render";

export const checkCommand: Command = {
  name: "check",
  summary: "report errors and warnings in .dlnet files",
  usage: "dlnet check [--json] FILE...",
  details:
    "Text output renders each diagnostic with its source line, then a summary.\n" +
    "--json prints one JSON array of {file, line, column, endLine, endColumn,\n" +
    "severity, code, message}; positions are 1-based, the end just past the span.\n" +
    "Exit code: 0 no errors (warnings allowed), 1 errors, 2 a file cannot be read.",
  options: {
    json: { type: "boolean", help: "print diagnostics as one JSON array" },
  },
  positionals: { name: "FILE", min: 1, max: Infinity },
  async run(args, ctx) {
    const { result, ioErrors } = analyze(args.positionals, ctx.cwd);
    const lookup = lookupIn(result.files);
    const diags = result.diagnostics;
    for (const msg of ioErrors) ctx.stderr.write(`dlnet: ${msg}\n`);
    if (boolOption(args, "json")) {
      ctx.stdout.write(JSON.stringify(diags.map((d) => toJson(d, lookup)), null, 2) + "\n");
    } else {
      const color = useColor(ctx.stdoutIsTTY, ctx.env);
      if (diags.length) ctx.stdout.write(renderDiagnostics(diags, lookup, { color }) + "\n");
      if (result.files.size) ctx.stdout.write(summaryLine(diags, result.files.size) + "\n");
    }
    if (ioErrors.length) return EXIT.usage;
    return hasErrors(diags) ? EXIT.failure : EXIT.ok;
  },
};
