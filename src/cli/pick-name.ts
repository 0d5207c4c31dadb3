// Choosing the model or train block a verb works on when the file has several.

import { UserError } from "../compiler/diagnostics";

/** The one model or train block when NAME is not given; otherwise NAME, checked. */
export function pickName(kind: "model" | "train block", names: readonly string[], wanted: string | undefined, flag: string, file: string): string {
  if (wanted !== undefined) {
    if (names.includes(wanted)) return wanted;
    const known = names.length ? `; it has: ${names.join(", ")}` : "";
    throw new UserError(`${file} has no ${kind} '${wanted}'${known}`);
  }
  if (names.length === 1) return names[0];
  if (names.length === 0) throw new UserError(`${file} has no ${kind}`);
  throw new UserError(`${file} has ${names.length} ${kind}s (${names.join(", ")}): choose one with ${flag} NAME`);
}
