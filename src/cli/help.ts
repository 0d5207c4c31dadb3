// `dlnet --help` and `dlnet VERB --help`, generated from the verbs' own specs
// so the help text cannot drift from the flags that are really accepted.

import { allOptions } from "./args";
import type { Command, CommandEntry } from "./command";

export function globalHelp(commands: readonly Pick<CommandEntry, "name" | "summary">[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [
    `dlnet ${version} — a declarative language for deep learning models`,
    "",
    "usage: dlnet COMMAND [options] FILE...",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "options:",
    "  -h, --help     show help (also 'dlnet COMMAND --help')",
    "  -V, --version  print the version",
    "",
    "Exit codes: 0 success, 1 errors in the input, 2 usage or I/O problem, 70 internal error.",
    "Set DLNET_DEBUG=1 to print stack traces of internal errors.",
  ];
  return lines.join("\n") + "\n";
}

export function commandHelp(cmd: Command): string {
  const opts = Object.entries(allOptions(cmd)).map(([name, s]) => {
    const short = s.short ? `-${s.short}, ` : "    ";
    const value = s.type === "string" ? ` ${s.valueName ?? "VALUE"}` : "";
    const choices = s.choices ? ` (${s.choices.join("|")})` : "";
    return { left: `  ${short}--${name}${value}`, right: s.help + choices };
  });
  const width = Math.max(...opts.map((o) => o.left.length));
  const lines = [`usage: ${cmd.usage}`, "", cmd.summary];
  if (cmd.details) lines.push("", cmd.details.trimEnd());
  lines.push("", "options:", ...opts.map((o) => `${o.left.padEnd(width)}  ${o.right}`));
  return lines.join("\n") + "\n";
}
