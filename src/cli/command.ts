// The frame every verb plugs into. A verb is one file under commands/ that
// exports a `Command`: its flags (node:util parseArgs options plus help text),
// how many files it takes, and `run`. Parsing, --help, usage errors and exit
// codes are handled once, here and in main.ts, so wiring a verb's back end
// means editing only that verb's file. Verbs are listed as `CommandEntry`s and
// loaded only when invoked (see commands/index.ts), so a verb's file should
// import its heavy back end (WebGPU, ONNX, the trainer) inside `run`.

import { UserError } from "../compiler/diagnostics";

/** Exit codes shared by every verb. */
export const EXIT = {
  ok: 0,
  /** The input has errors (diagnostics), or a run/training failed on user data. */
  failure: 1,
  /** Usage or I/O problem: bad flag, missing file, unreadable weights. */
  usage: 2,
  /** A bug in dlnet (BSD sysexits EX_SOFTWARE). */
  internal: 70,
} as const;

export interface Writer {
  write(text: string): void;
}

/** Where a verb talks to the world; tests can pass their own. */
export interface CliContext {
  stdout: Writer;
  stderr: Writer;
  env: Record<string, string | undefined>;
  /** The folder relative paths on the command line resolve against. */
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder in help: `--epochs N`. */
  valueName?: string;
  help: string;
  /** Allowed values of a string option, checked before `run`. */
  choices?: readonly string[];
}

export interface Command {
  name: string;
  /** One line for `dlnet --help`. */
  summary: string;
  /** `dlnet check [--json] FILE...` */
  usage: string;
  /** Extra paragraphs for `dlnet VERB --help`. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** Positional arguments: their name in messages, and how many. */
  positionals: { name: string; min: number; max: number };
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}

/**
 * A verb as `dlnet --help` lists it, before its module is loaded: the name and
 * summary (checked against the module's own by test/cli) and how to load it.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

// ---------------------------------------------------------------- typed flag access

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function boolOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A whole-number flag (`--epochs 5`), or a usage error naming the flag. */
export function intOption(
  args: ParsedArgs,
  name: string,
  { min = 0 }: { min?: number } = {},
): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    const what = min === 1 ? "a positive integer" : min === 0 ? "a non-negative integer" : `an integer >= ${min}`;
    throw new UserError(`option '--${name}' expects ${what}, got '${v}'`);
  }
  return n;
}

/** A verb whose back end is not written yet: flags are parsed and checked, then this. */
export function notAvailable(what: string, ctx: CliContext): number {
  ctx.stderr.write(`dlnet: ${what} is not available yet in this version of dlnet\n`);
  return EXIT.usage;
}

/** A flag the verb cannot do without (`export --onnx OUT.onnx`). */
export function requiredOption(args: ParsedArgs, cmd: Command, name: string): string {
  const v = stringOption(args, name);
  if (v === undefined) {
    const spec = cmd.options[name];
    throw new UserError(
      `${cmd.name}: missing required option '--${name}${spec?.valueName ? ` ${spec.valueName}` : ""}' (usage: ${cmd.usage})`,
    );
  }
  return v;
}

export const BACKENDS = ["webgpu", "cpu"] as const;
export type Backend = (typeof BACKENDS)[number];
