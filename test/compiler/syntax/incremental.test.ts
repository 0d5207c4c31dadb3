// Incremental re-parsing (parse(file, previous), what the language server
// does per keystroke) must give exactly the full parse's answer: the AST with
// every span, the diagnostics and comments. Seeded random edit sequences over
// the examples and a generated many-declaration file, broken and fixed again;
// edits that keep a file clean, which take the path that lexes only the edit.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../../src/compiler/source";
import { parse, type ParseResult } from "../../../src/compiler/syntax";
import { reparseEdit } from "../../../src/compiler/syntax/incremental";
import { mulberry32 } from "../../../src/runtime/data/prng";
import { ROOT } from "./baseline";

/** mulberry32 (the data loader's), so a failure reproduces from its seed. */
const prng = mulberry32;

const SNIPPETS = ["a", " ", "\n", "(", ")", "{", "}", "[", "]", "->", ",", ";", "1", "=", ":", "//", "/*", "\"", "layer ", "model ", "op ", "train ", "import \"x.dlnet\"\n", "$"];

const examples = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".dlnet"))
  .map((f) => [f, readFileSync(join(ROOT, "examples", f), "utf8")] as const);

function generated(blocks: number): string {
  const out = ["// generated", ""];
  for (let i = 0; i < blocks; i++) {
    out.push(`layer Block${i}(d: int, p: float = 0.1) {`, "  input x: f32[B, T, d]", "  h = x + Dropout(p)(x -> LayerNorm)", "  output y = h -> Linear(4 * d) -> GELU -> Linear(d)", "}", "");
  }
  out.push("op swish(x) = x * sigmoid(x) { grad x = sigmoid(x) }", "model M { input x: f32[b, 8]; output y = x -> Block0(8) }", "train M { optimizer = Adam(lr: 1e-3) }");
  return out.join("\n");
}

/** Apply `steps` random edits to `start`, re-parsing incrementally after each; returns the mismatches. */
function editSession(name: string, start: string, seed: number, steps: number): { mismatches: string[]; reused: number } {
  const rand = prng(seed);
  const path = `/virtual/${name}`;
  let text = start;
  let previous: ParseResult = parse(new SourceFile(path, text));
  const mismatches: string[] = [];
  let reused = 0;
  for (let k = 0; k < steps; k++) {
    const at = Math.floor(rand() * (text.length + 1));
    const r = rand();
    if (r < 0.45) text = text.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + text.slice(at);
    else if (r < 0.9) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 4));
    else text = start; // fixed again: the next edits start from clean declarations
    const file = new SourceFile(path, text);
    const inc = parse(file, previous);
    const full = parse(file);
    if (!isDeepStrictEqual(inc, full)) mismatches.push(`${name} seed ${seed} step ${k}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`);
    const before = new Set(previous.program.decls);
    reused += inc.program.decls.filter((d) => before.has(d)).length;
    previous = inc;
  }
  return { mismatches, reused };
}

/** Edits that keep a clean file clean (mostly): what typing in a correct file looks like between keystrokes. */
function cleanEdit(text: string, rand: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(rand() * lines.length);
  const r = rand();
  if (r < 0.2) lines.splice(at, 0, "// a comment " + at);
  else if (r < 0.3) lines.splice(at, 0, "");
  else if (r < 0.4) lines[at] = lines[at].replace(/\b([a-z]\w*)\b/, "$1x");
  else if (r < 0.5) lines[at] = lines[at].replace(/(\d+)/, "$1" + Math.floor(rand() * 10));
  else if (r < 0.6) lines[at] = "  " + lines[at];
  else if (r < 0.7) lines[at] = lines[at] + " /* note */";
  else if (r < 0.8) lines.splice(at, 1);
  else if (r < 0.9) lines.splice(at, 0, "layer Extra" + at + " { input x: f32[b, 4]; output y = x -> ReLU }");
  else lines[at] = lines[at].replace(/ /, "  ");
  return lines.join("\n");
}

describe("incremental parse", () => {
  it("lexes only the edit when the file stays clean, with the full parse's answer", () => {
    const mismatches: string[] = [];
    let fast = 0;
    const sources = [...examples, ["generated.dlnet", generated(30)] as const];
    for (const [n, [name, start]] of sources.entries()) {
      const rand = prng(77 + n);
      const path = `/virtual/${name}`;
      let text = start;
      let previous = parse(new SourceFile(path, text));
      for (let k = 0; k < 80; k++) {
        text = cleanEdit(text, rand);
        const file = new SourceFile(path, text);
        const quick = reparseEdit(file, previous);
        const full = parse(file);
        if (quick) {
          fast++;
          if (!isDeepStrictEqual(quick, full)) mismatches.push(`${name} step ${k}`);
        }
        const inc = parse(file, previous);
        if (!isDeepStrictEqual(inc, full)) mismatches.push(`${name} step ${k} (parse with previous)`);
        previous = inc;
      }
    }
    expect(mismatches).toEqual([]);
    expect(fast).toBeGreaterThan(60); // the edits that kept the file clean took the fast path
  });

  it("equals the full parse after every random edit", () => {
    const mismatches: string[] = [];
    let reused = 0;
    for (const [i, [name, text]] of examples.entries()) {
      const r = editSession(name, text, 1000 + i, 60);
      mismatches.push(...r.mismatches);
      reused += r.reused;
    }
    const big = editSession("generated.dlnet", generated(40), 7, 150);
    expect([...mismatches, ...big.mismatches]).toEqual([]);
    // and it did reuse declarations (same objects when the edit did not move them)
    expect(reused + big.reused).toBeGreaterThan(100);
  });

  it("reuses unchanged declarations and shifts the ones an edit moved", () => {
    const path = "/virtual/g.dlnet";
    const text = generated(5);
    const first = parse(new SourceFile(path, text));
    const again = parse(new SourceFile(path, text), first);
    const edited = text.replace("Block2(d: int", "Block2(dim: int");
    const after = parse(new SourceFile(path, edited), again);
    expect(after).toEqual(parse(new SourceFile(path, edited)));
    const i = again.program.decls.findIndex((d) => d.kind === "Layer" && d.name.name === "Block2");
    // before the edit: the very same nodes; the edited one is new; after it: equal but moved by 2
    expect(after.program.decls.slice(0, i)).toEqual(again.program.decls.slice(0, i));
    for (let k = 0; k < i; k++) expect(after.program.decls[k]).toBe(again.program.decls[k]);
    expect(after.program.decls[i]).not.toBe(again.program.decls[i]);
    expect(after.program.decls[i + 1].span.start).toBe(again.program.decls[i + 1].span.start + 2);
  });
});
