// The formatter's test corpus: the examples, the fixtures, and mutations of
// them that still parse (respaced with comments between tokens, lines deleted,
// duplicated or swapped, names lengthened so lines must break). Seeded, so a
// failure reproduces.

import { mulberry32 } from "../../src/runtime/data/prng";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasErrors } from "../../src/compiler/diagnostics";
import { SourceFile } from "../../src/compiler/source";
import { parse, tokenize } from "../../src/compiler/syntax/index";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Case {
  name: string;
  text: string;
}

function dlnetFiles(dir: string): Case[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".dlnet"))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
}

export function examples(): Case[] {
  return dlnetFiles(join(root, "examples"));
}

export function fixtures(): Case[] {
  return [...dlnetFiles(join(root, "test/format/fixtures")), ...dlnetFiles(join(root, "test/grammar/fixtures"))].filter(
    (c) => parses(c.text),
  );
}

export function parses(text: string): boolean {
  return !hasErrors(parse(new SourceFile("fuzz.dlnet", text)).diagnostics);
}

/** mulberry32: a small seeded PRNG (the data loader's). */
export const rng = mulberry32;

const SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", " /* c */ "];
/** Comments that end a line go only where the file already had a line break, as people write them. */
const AT_LINE_BREAK = ["\n", " // note\n", "\n// own line\n", "\n\n// after a blank line\n", "\n/* a\n   b */\n"];

/** Every token kept, the space between them replaced (comments added, lines joined or split). */
export function respace(text: string, random: () => number): string {
  const toks = tokenize(new SourceFile("x.dlnet", text));
  let out = "";
  let prevEnd = 0;
  for (const t of toks) {
    if (out) {
      const hadBreak = /\n/.test(text.slice(prevEnd, t.span.start));
      const pool = hadBreak && random() < 0.5 ? AT_LINE_BREAK : SPACES;
      out += pool[Math.floor(random() * pool.length)];
      if (/\/\/[^\n]*$/.test(out)) out += "\n";
    }
    out += t.text;
    prevEnd = t.span.end;
  }
  return out + "\n";
}

export function editLines(text: string, random: () => number): string {
  const lines = text.split("\n");
  const i = Math.floor(random() * lines.length);
  const j = Math.floor(random() * lines.length);
  const r = random();
  if (r < 0.34) lines.splice(i, 1);
  else if (r < 0.67) lines.splice(i, 0, lines[j]);
  else [lines[i], lines[j]] = [lines[j], lines[i]];
  return lines.join("\n");
}

/** Lengthen some names (consistently), so pipes, calls and lists must break. */
export function lengthen(text: string, random: () => number): string {
  const toks = tokenize(new SourceFile("x.dlnet", text));
  const names = [...new Set(toks.filter((t) => t.kind === "Identifier").map((t) => t.text))];
  const chosen = new Set(names.filter(() => random() < 0.3));
  let out = "";
  let at = 0;
  for (const t of toks) {
    out += text.slice(at, t.span.start);
    out += t.kind === "Identifier" && chosen.has(t.text) ? `${t.text}_with_a_rather_long_suffix` : t.text;
    at = t.span.end;
  }
  return out + text.slice(at);
}

/** `count` mutations of each case that still parse without errors. */
export function mutations(cases: Case[], count: number, seed = 1): Case[] {
  const random = rng(seed);
  const out: Case[] = [];
  for (const c of cases) {
    let made = 0;
    for (let attempt = 0; made < count && attempt < count * 6; attempt++) {
      const kind = attempt % 3;
      const text =
        kind === 0 ? respace(c.text, random) : kind === 1 ? editLines(editLines(c.text, random), random) : lengthen(c.text, random);
      if (!parses(text)) continue;
      out.push({ name: `${c.name}#${["respace", "lines", "lengthen"][kind]}${attempt}`, text });
      made++;
    }
  }
  return out;
}
