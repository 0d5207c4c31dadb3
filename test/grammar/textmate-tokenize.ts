// Loads grammar/dlnet.tmLanguage.json into vscode-textmate (with the real
// Oniguruma WASM, as VS Code does) and tokenizes text line by line.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vsctm from "vscode-textmate";
import onig from "vscode-oniguruma";

export interface TmToken {
  line: number;
  /** Offset in the whole text. */
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

const require = createRequire(import.meta.url);
let grammarPromise: Promise<vsctm.IGrammar> | undefined;

export function loadGrammar(grammarText?: string): Promise<vsctm.IGrammar> {
  if (grammarText === undefined && grammarPromise) return grammarPromise;
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  const onigLib = onig.loadWASM(wasm.buffer as ArrayBuffer).catch(() => {}).then(() => ({
    createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
    createOnigString: (s: string) => new onig.OnigString(s),
  }));
  const text = grammarText ?? readFileSync(new URL("../../grammar/dlnet.tmLanguage.json", import.meta.url), "utf8");
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async () => vsctm.parseRawGrammar(text, "dlnet.tmLanguage.json"),
  });
  const p = registry.loadGrammar("source.dlnet").then((g) => {
    if (!g) throw new Error("grammar did not load");
    return g;
  });
  if (grammarText === undefined) grammarPromise = p;
  return p;
}

export async function tokenizeText(text: string, grammar?: vsctm.IGrammar): Promise<TmToken[]> {
  const g = grammar ?? (await loadGrammar());
  const out: TmToken[] = [];
  let stack = vsctm.INITIAL;
  let offset = 0;
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end <= t.startIndex) continue;
      out.push({ line: i + 1, start: offset + t.startIndex, end: offset + end, text: line.slice(t.startIndex, end), scopes: t.scopes });
    }
    stack = r.ruleStack;
    offset += line.length + 1;
  });
  return out;
}

/** One line per non-blank token: `line:col "text" scope scope…` without the root scope. */
export function renderTokens(tokens: TmToken[]): string {
  return tokens
    .filter((t) => t.text.trim() !== "")
    .map((t) => `${t.line} ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(" ") || "-"}`)
    .join("\n") + "\n";
}
