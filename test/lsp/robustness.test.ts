// Broken and half-typed sources never make a feature throw: every request of
// the server is run in-process on truncated, garbled and mutated examples at
// many cursor positions (the server would log such a throw and answer empty;
// here it fails the test).

import { describe, expect, it } from "vitest";
import { analyze, setCheckerErrorHandler } from "../../src/lsp/analysis";
import { codeActions } from "../../src/lsp/features/code-actions";
import { completion } from "../../src/lsp/features/completion";
import { toLspDiagnostics } from "../../src/lsp/features/diagnostics";
import { formatDocument } from "../../src/lsp/features/formatting";
import { hover } from "../../src/lsp/features/hover";
import { inlayHints } from "../../src/lsp/features/inlay-hints";
import { definition, prepareRename, references, rename } from "../../src/lsp/features/navigation";
import { semanticTokens } from "../../src/lsp/features/semantic-tokens";
import { signatureHelp } from "../../src/lsp/features/signature-help";
import { documentSymbols } from "../../src/lsp/features/symbols";
import { documentHighlights, foldingRanges } from "../../src/lsp/features/outline";
import { toPosition } from "../../src/lsp/positions";
import { examples, rng } from "../format/corpus";

const JUNK = ["(", ")", "[", "]", "{", "}", "->", ",", ":", "=", ".", '"', "/*", "//", "\n", "x", "Linear(", "data.", "@", "-", "1e", "\u00e9", "\t"];

function garble(text: string, random: () => number): string {
  const r = random();
  if (r < 0.3) return text.slice(0, Math.floor(random() * text.length)); // typing at the end
  let out = text;
  for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
    const at = Math.floor(random() * out.length);
    out = random() < 0.5 ? out.slice(0, at) + JUNK[Math.floor(random() * JUNK.length)] + out.slice(at) : out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
  }
  return out;
}

describe("language server features on broken text", () => {
  it("never throw, at any cursor position", () => {
    const random = rng(4242);
    const host = { readFile: () => undefined };
    let requests = 0;
    const checkerErrors: string[] = [];
    setCheckerErrorHandler((e) => checkerErrors.push(e instanceof Error ? (e.stack ?? e.message) : String(e)));
    for (const ex of examples()) {
      for (let v = 0; v < 12; v++) {
        const text = v === 0 ? ex.text : garble(ex.text, random);
        const a = analyze(`/tmp/${ex.name}`, text, host);
        const where = `${ex.name} variant ${v}: ${JSON.stringify(text.slice(0, 80))}`;
        expect(() => {
          const diags = toLspDiagnostics(a);
          documentSymbols(a);
          foldingRanges(a);
          semanticTokens(a);
          formatDocument(a);
          inlayHints(a, { start: { line: 0, character: 0 }, end: toPosition(a.file, text.length) });
          codeActions(a, { textDocument: { uri: "file:///x" }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: diags } });
        }, where).not.toThrow();
        for (let k = 0; k < 15; k++) {
          const offset = Math.floor(random() * (text.length + 1));
          expect(() => {
            hover(a, offset);
            completion(a, offset);
            signatureHelp(a, offset);
            definition(a, offset);
            references(a, offset, true, []);
            prepareRename(a, offset);
            documentHighlights(a, offset);
            rename(a, offset, "renamed", []);
          }, `${where} @${offset}`).not.toThrow();
          requests += 8;
        }
      }
    }
    setCheckerErrorHandler(undefined);
    expect(requests).toBeGreaterThan(1000);
    // The server survives a checker crash (syntax-only answers), but it is a bug.
    expect(checkerErrors.slice(0, 3)).toEqual([]);
  });
});
