// Random edits of a source text (the parser fuzz tests): characters and
// tokens deleted, inserted, duplicated, swapped; random bytes; the file cut
// short; a line moved. Driven by a seeded generator so a failure reproduces.

import type { SyntaxToken } from "../../../src/compiler/syntax";

const SNIPPETS = [
  "(", ")", "[", "]", "{", "}", "->", "=", ":", ",", ".", "...", "**", "@", "-", "\"", "/*", "*/", "//",
  "model", "layer", "op", "train", "input", "output", "param", "repeat", "as", "grad", "import", "x", "1e-3",
  "\n", " ", ";", "\u0000", "\ufffd", "é", "$", "#", "\\",
];

export function mutate(text: string, toks: SyntaxToken[], rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  let out = text;
  const steps = 1 + Math.floor(rand() * 4);
  for (let s = 0; s < steps; s++) {
    const pos = Math.floor(rand() * (out.length + 1));
    const t = toks.length ? pick(toks) : undefined;
    switch (Math.floor(rand() * 8)) {
      case 0: // delete a character
        out = out.slice(0, pos) + out.slice(pos + 1);
        break;
      case 1: // insert a snippet
        out = out.slice(0, pos) + pick(SNIPPETS) + out.slice(pos);
        break;
      case 2: // delete a token (spans refer to the original text: only on the first step)
        if (t && s === 0) out = out.slice(0, t.span.start) + out.slice(t.span.end);
        break;
      case 3: // duplicate a token
        if (t && s === 0) out = out.slice(0, t.span.end) + " " + t.text + out.slice(t.span.end);
        break;
      case 4: {
        // swap two tokens
        const u = toks.length ? pick(toks) : undefined;
        if (t && u && s === 0 && t.span.end <= u.span.start) {
          out = out.slice(0, t.span.start) + u.text + out.slice(t.span.end, u.span.start) + t.text + out.slice(u.span.end);
        }
        break;
      }
      case 5: {
        // random bytes
        const n = 1 + Math.floor(rand() * 8);
        let bytes = "";
        for (let i = 0; i < n; i++) bytes += String.fromCharCode(Math.floor(rand() * 256));
        out = out.slice(0, pos) + bytes + out.slice(pos);
        break;
      }
      case 6: // cut the file short
        out = out.slice(0, pos);
        break;
      default: {
        // move a chunk of lines
        const lines = out.split("\n");
        const i = Math.floor(rand() * lines.length);
        const [line] = lines.splice(i, 1);
        lines.splice(Math.floor(rand() * (lines.length + 1)), 0, line);
        out = lines.join("\n");
      }
    }
  }
  return out;
}
