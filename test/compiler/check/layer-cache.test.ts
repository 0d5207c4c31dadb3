// checkFile with a layer cache (what the language server passes) must answer
// exactly as without: every diagnostic, and the type, definition and
// references of every node, over edit sessions of the examples and
// generated files with many layers no model instantiates (their checks make
// those tables only when asked: every node is asked here). Also that it reuses.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile, type CheckResult, type LayerCheckCache, type ParseCache } from "../../../src/compiler/check/index";
import type { Node } from "../../../src/compiler/syntax/ast";
import { walk } from "../../../src/lsp/nodes";
import { unusedLayersFile } from "../../lsp/unused-layers";

const ROOT = join(__dirname, "../../..");
const examples = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".dlnet"))
  .map((f) => [join(ROOT, "examples", f), readFileSync(join(ROOT, "examples", f), "utf8")] as const);

function generated(blocks: number): string {
  // Layers that depend on later ones come first: an edit further down leaves them the same AST objects.
  const out = ["// generated", "layer Uses { input x: f32[b, 8]; output y = x -> Block1(8) -> Unknwn }", "layer Sug { input x: f32[b, 8]; output y = x -> Blok2(8) }"];
  for (let i = 0; i < blocks; i++) {
    out.push(`layer Block${i}(d: int, p: float = 0.1) {`, "  input x: f32[B, T, d]", "  a = x -> LayerNorm -> MultiHeadAttention(heads: 4)", "  h = x + Dropout(p)(a)", "  output y = h -> Linear(4 * d) -> GELU -> Linear(d)", "}");
  }
  out.push("model M { input x: f32[b, 8]; output y = x -> Block0(8) }");
  return out.join("\n");
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
}

/** Everything a result says about a file, comparable across runs (nodes by span). */
function answers(r: CheckResult, path: string): unknown {
  const program = r.files.get(path)?.program;
  const nodes: Node[] = program ? [...walk(program)] : [];
  const at = (n: Node) => `${n.kind}@${n.span.start}-${n.span.end}`;
  return {
    diagnostics: r.diagnostics,
    nodes: nodes.map((n) => [at(n), r.typeOf(n), r.definitionOf(n), r.referencesOf(n), r.builtinOf(n)?.name]),
  };
}

function edit(text: string, rand: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(rand() * lines.length);
  const r = rand();
  if (r < 0.25) lines[at] = lines[at].replace(/(\d+)/, (m) => String(Number(m) + 1));
  else if (r < 0.45) lines[at] = lines[at].replace(/\b([A-Z]\w*)\b/, "$1x"); // a name no longer resolves (or a layer renamed)
  else if (r < 0.6) lines.splice(at, 0, "// note");
  else if (r < 0.75) lines[at] = lines[at].replace(/\bd\b/, "dd");
  else if (r < 0.85) lines.splice(at, 1);
  else lines[at] = lines[at] + " ";
  return lines.join("\n");
}

describe("layer check cache", () => {
  it("answers as a check without it, edit after edit", () => {
    let hits = 0;
    const sources = [...examples, ["/virtual/generated.dlnet", generated(25)] as const, ["/virtual/unused.dlnet", unusedLayersFile(16, 5)] as const];
    for (const [n, [path, start]] of sources.entries()) {
      const rand = seeded(3 + n);
      const parseCache: ParseCache = new Map();
      const layerCache: LayerCheckCache = new WeakMap();
      let text = start;
      for (let k = 0; k < 25; k++) {
        if (k > 0) text = edit(text, rand);
        const host = { readFile: (p: string) => (p === path ? text : (() => { try { return readFileSync(p, "utf8"); } catch { return undefined; } })()) };
        const cached = checkFile(path, host, { parseCache, layerCache });
        const plain = checkFile(path, host);
        expect(answers(cached, path), `${path} edit ${k}`).toEqual(answers(plain, path));
        const program = cached.files.get(path)!.program;
        hits += program.decls.filter((d) => d.kind === "Layer" && layerCache.has(d)).length;
      }
    }
    expect(hits).toBeGreaterThan(200);
  });

  it("re-checks a cached layer when the names its file sees change", () => {
    // Sug's unknown name gets a did-you-mean from the global names: renaming Block2 changes it.
    const path = "/virtual/sug.dlnet";
    const base = generated(4);
    const parseCache: ParseCache = new Map();
    const layerCache: LayerCheckCache = new WeakMap();
    const edits = [base, base.replace("layer Block2(", "layer Other("), base, base.replace("layer Block1(d: int, p: float = 0.1) {\n  input x: f32[B, T, d]", "layer Block1(d: int, p: float = 0.1) {\n  input x: f32[B, T, d, e]")];
    for (const text of edits) {
      const host = { readFile: () => text };
      const cached = checkFile(path, host, { parseCache, layerCache });
      expect(answers(cached, path)).toEqual(answers(checkFile(path, host), path));
    }
    const sug = checkFile(path, { readFile: () => base }, { parseCache, layerCache }).diagnostics.find((d) => d.message.includes("Blok2"));
    expect(sug?.message).toContain("Block2");
  });
});
