// Flag parsing with node:util parseArgs (strict), turning its errors into one
// line a user can act on: `unknown option '--epoch' (did you mean '--epochs'?)`.
// Node's own messages are long and mention internals, so on a parse error the
// arguments are re-read token by token to name the offending flag precisely.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../compiler/diagnostics";
import type { Command, OptionSpec, ParsedArgs } from "./command";
import { closest } from "./suggest";

/** Every verb accepts `-h/--help`. */
export const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", help: "show this help" };

export function allOptions(cmd: Command): Record<string, OptionSpec> {
  return { ...cmd.options, help: HELP_OPTION };
}

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  const specs = allOptions(cmd);
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, s] of Object.entries(specs)) {
    options[name] = s.short ? { type: s.type, short: s.short } : { type: s.type };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UserError(explainParseError(cmd, specs, options, argv, e));
  }
  const values: ParsedArgs["values"] = {};
  for (const [k, v] of Object.entries(parsed.values)) {
    if (typeof v === "string" || typeof v === "boolean") values[k] = v;
  }
  const args = { values, positionals: parsed.positionals };
  if (values.help === true) return args; // --help wins over any other problem
  validate(cmd, specs, args);
  return args;
}

function validate(cmd: Command, specs: Record<string, OptionSpec>, args: ParsedArgs): void {
  for (const [name, s] of Object.entries(specs)) {
    const v = args.values[name];
    if (typeof v !== "string") continue;
    if (v === "") throw new UserError(`option '--${name}' needs a value`);
    if (s.choices && !s.choices.includes(v)) {
      const hint = closest(v, s.choices);
      throw new UserError(
        `option '--${name}' must be one of ${s.choices.join(", ")}, got '${v}'` +
          (hint ? ` (did you mean '${hint}'?)` : ""),
      );
    }
  }
  const { name, min, max } = cmd.positionals;
  const n = args.positionals.length;
  if (n < min) {
    throw new UserError(`${cmd.name}: missing ${name} (usage: ${cmd.usage})`);
  }
  if (n > max) {
    const extra = args.positionals[max];
    throw new UserError(
      max === 0
        ? `${cmd.name}: unexpected argument '${extra}'`
        : `${cmd.name}: too many arguments: '${extra}' (usage: ${cmd.usage})`,
    );
  }
}

function explainParseError(
  cmd: Command,
  specs: Record<string, OptionSpec>,
  options: NonNullable<ParseArgsConfig["options"]>,
  argv: string[],
  err: unknown,
): string {
  const { tokens = [] } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const spec = specs[t.name];
    if (!spec) {
      const long = Object.keys(specs).map((n) => `--${n}`);
      const hint = t.rawName.startsWith("--") ? closest(t.rawName, long) : undefined;
      return `unknown option '${t.rawName}' ${hint ? `(did you mean '${hint}'?)` : `(see 'dlnet ${cmd.name} --help')`}`;
    }
    const flag = `--${t.name}`;
    if (spec.type === "boolean" && t.value !== undefined) {
      return `option '${flag}' takes no value`;
    }
    if (spec.type === "string") {
      if (t.value === undefined) return `option '${flag}' needs a value (${flag} ${spec.valueName ?? "VALUE"})`;
      if (!t.inlineValue && t.value.startsWith("-")) {
        return `option '${flag}' needs a value, got the flag '${t.value}' (write ${flag}=${t.value} if that is the value)`;
      }
    }
  }
  // Not expected: parseArgs failed in a way the token scan cannot see.
  const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return msg;
}
