// Entry point of the `dlnet` command (bin/dlnet.js calls `main`). Owns the
// contract every verb shares: one-line messages on stderr for usage and I/O
// problems (exit 2), never a stack trace unless DLNET_DEBUG=1, and exit 70 for
// a bug in dlnet itself.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UserError } from "../compiler/diagnostics";
import { parseCommandArgs } from "./args";
import { EXIT, type CliContext, type Command } from "./command";
import { COMMANDS } from "./commands/index";
import { commandHelp, globalHelp } from "./help";
import { closest } from "./suggest";

export function version(): string {
  const path = fileURLToPath(new URL("../../package.json", import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

/** The real process's streams and environment. */
export function processContext(): CliContext {
  // A closed pipe (`dlnet check … | head`) is not an error worth a stack trace.
  for (const s of [process.stdout, process.stderr]) {
    s.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
    });
  }
  return {
    stdout: { write: (t) => void process.stdout.write(t) },
    stderr: { write: (t) => void process.stderr.write(t) },
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  try {
    return await dispatch(argv, ctx);
  } catch (e) {
    return reportFailure(e, ctx);
  }
}

async function dispatch(argv: string[], ctx: CliContext): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined) {
    ctx.stderr.write(globalHelp(COMMANDS, version()));
    return EXIT.usage;
  }
  if (verb === "--help" || verb === "-h") {
    ctx.stdout.write(globalHelp(COMMANDS, version()));
    return EXIT.ok;
  }
  if (verb === "help") {
    const cmd = rest[0] === undefined ? undefined : await findCommand(rest[0]);
    ctx.stdout.write(cmd ? commandHelp(cmd) : globalHelp(COMMANDS, version()));
    return EXIT.ok;
  }
  if (verb === "--version" || verb === "-V" || verb === "version") {
    ctx.stdout.write(`dlnet ${version()}\n`);
    return EXIT.ok;
  }
  const cmd = await findCommand(verb);
  const args = parseCommandArgs(cmd, rest);
  if (args.values.help === true) {
    ctx.stdout.write(commandHelp(cmd));
    return EXIT.ok;
  }
  return await cmd.run(args, ctx);
}

/** The verb's command, its module loaded now (only this verb's: see commands/index.ts). */
async function findCommand(verb: string): Promise<Command> {
  const entry = COMMANDS.find((c) => c.name === verb);
  if (entry) return entry.load();
  if (verb.startsWith("-")) {
    throw new UserError(`unknown option '${verb}'; a command comes first (see 'dlnet --help')`);
  }
  const hint = closest(verb, COMMANDS.map((c) => c.name));
  throw new UserError(
    `unknown command '${verb}' ${hint ? `(did you mean '${hint}'?)` : "(see 'dlnet --help')"}`,
  );
}

function reportFailure(e: unknown, ctx: CliContext): number {
  const debug = ctx.env.DLNET_DEBUG === "1";
  if (e instanceof UserError) {
    ctx.stderr.write(`dlnet: ${oneLine(e.message)}\n`);
    if (debug && e.stack) ctx.stderr.write(e.stack + "\n");
    return e.exitCode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  ctx.stderr.write(
    `dlnet: internal error: ${oneLine(msg)} — this is a bug in dlnet, please report it with the command you ran` +
      (debug ? "\n" : " (DLNET_DEBUG=1 shows the stack trace)\n"),
  );
  if (debug && e instanceof Error && e.stack) ctx.stderr.write(e.stack + "\n");
  return EXIT.internal;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
