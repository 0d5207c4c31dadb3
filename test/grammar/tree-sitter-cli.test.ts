// The tree-sitter grammar with a current tree-sitter CLI (Debian sid's,
// unpacked by scripts/fetch-debian-editors.sh; opt-in, see
// test/newer-editors.ts), and in the editors that load it: `tree-sitter
// generate` (ABI 15, and 14 for older hosts) without conflicts; `tree-sitter
// parse` on every example and fixture with no error, and accepting exactly
// the files the compiler's parser accepts on seeded line edits of them;
// `tree-sitter query` with queries/highlights.scm giving each token of the
// examples the lexer's class; and the compiled parser loaded by Neovim (the
// system's 0.7 and sid's 0.12), whose own query engine colours the same
// tokens the same way. test/grammar/tree-sitter.test.ts checks the grammar
// with tree-sitter 0.13 in every run; this is the current toolchain.

import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYWORDS, type TokenCategory } from "../../grammar/tokens";
import { hasErrors } from "../../src/compiler/diagnostics";
import { SourceFile } from "../../src/compiler/source";
import { parse, tokenize } from "../../src/compiler/syntax/index";
import { editLines, examples, fixtures, rng, type Case } from "../format/corpus";
import { newerEditor } from "../newer-editors";
import { GRAMMAR_DIR } from "./tree-sitter/index";

const ts = newerEditor("tree-sitter");
const newerNvim = newerEditor("nvim");
const systemNvim = spawnSync("sh", ["-c", "command -v nvim"], { encoding: "utf8" }).stdout.trim();

const work = mkdtempSync(join(tmpdir(), "dlnet-ts-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// The CLI's cache (compiled parsers) and config stay in the work folder.
const env = { ...process.env, XDG_CACHE_HOME: join(work, "cache"), XDG_CONFIG_HOME: join(work, "config") };
const grammar = join(work, "tree-sitter-dlnet");
const grammar14 = join(work, "abi14", "tree-sitter-dlnet");

function cli(args: string[], cwd = grammar): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(ts, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28, timeout: 300_000 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes the cases as files under `dir`; their paths. */
function write(dir: string, cases: Case[]): string[] {
  mkdirSync(dir, { recursive: true });
  return cases.map((c, i) => {
    const f = join(dir, `${i}.dlnet`);
    writeFileSync(f, c.text);
    return f;
  });
}

/** Which files `tree-sitter parse` reads without an error node. */
function parsesClean(files: string[]): boolean[] {
  const list = join(work, `paths-${files.length}.txt`);
  writeFileSync(list, files.join("\n"));
  const r = cli(["parse", "--quiet", "--json-summary", "--paths", list]);
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("{\n"))) as { parse_summaries: { file: string; successful: boolean }[] };
  const ok = new Map(json.parse_summaries.map((s) => [s.file, s.successful]));
  return files.map((f) => {
    if (!ok.has(f)) throw new Error(`tree-sitter parse said nothing about ${f}: ${r.stderr}`);
    return ok.get(f)!;
  });
}

const chevrotainAccepts = (text: string) => !hasErrors(parse(new SourceFile("x.dlnet", text)).diagnostics);

/** A highlight capture: name and byte range as [row, column] (columns in bytes). */
interface Capture {
  name: string;
  start: [number, number];
  end: [number, number];
}

/** The highlight captures of each file, from `tree-sitter query --captures`. */
function cliCaptures(files: string[]): Map<string, Capture[]> {
  const list = join(work, `query-paths-${files.length}.txt`);
  writeFileSync(list, files.join("\n"));
  const r = cli(["query", "--captures", join(grammar, "queries/highlights.scm"), "--paths", list]);
  if (r.status !== 0) throw new Error(`tree-sitter query failed: ${r.stderr}`);
  const out = new Map<string, Capture[]>(files.map((f) => [f, []]));
  let current: Capture[] | undefined;
  for (const line of r.stdout.split("\n")) {
    if (out.has(line.trim())) current = out.get(line.trim());
    const m = /^\s+pattern:\s*\d+, capture: \d+ - ([\w.]+), start: \((\d+), (\d+)\), end: \((\d+), (\d+)\)/.exec(line);
    if (m) current!.push({ name: m[1], start: [+m[2], +m[3]], end: [+m[4], +m[5]] });
  }
  return out;
}

/** Each token's colour: the innermost capture around its first byte ("" when none). */
function colourOfTokens(text: string, caps: readonly Capture[]): { token: string; category: TokenCategory; at: string; colour: string }[] {
  const lines = text.split("\n");
  // Positions compare as row * 2^20 + column.
  const at = ([r, c]: [number, number]) => r * 2 ** 20 + c;
  return tokenize(new SourceFile("x.dlnet", text)).map((t) => {
    const head = text.slice(0, t.span.start).split("\n");
    const pos = at([head.length - 1, Buffer.byteLength(head[head.length - 1], "utf8")]);
    let inner: Capture | undefined;
    for (const c of caps) {
      if (!(at(c.start) <= pos && pos < at(c.end))) continue;
      // Innermost: starts last, then ends first; among equals the last one.
      if (!inner || at(c.start) > at(inner.start) || (at(c.start) === at(inner.start) && at(c.end) <= at(inner.end))) inner = c;
    }
    return { token: t.text, category: t.category, at: `${head.length}:${head[head.length - 1].length + 1} ${lines[head.length - 1].trim()}`, colour: inner?.name ?? "" };
  });
}

/** The capture names that mean a lexer class; any other capture is a name's role. */
const CLASS: Record<string, TokenCategory> = {
  keyword: "keyword",
  "constant.builtin": "keyword", // true, false
  number: "number",
  string: "string",
  comment: "comment",
  operator: "operator",
  "punctuation.bracket": "punctuation",
  "punctuation.delimiter": "punctuation",
  "punctuation.special": "punctuation",
};
/** Roles a keyword takes where only a name can stand (`mnist(train: 8000)`, `data.input`). */
const NAME_ROLES = new Set(["property", "variable.parameter"]);

function expectLexerClasses(cases: Case[], captures: (i: number) => Capture[]): Set<string> {
  const seen = new Set<string>();
  cases.forEach((c, i) => {
    for (const t of colourOfTokens(c.text, captures(i))) {
      const where = `${c.name} ${t.at}: '${t.token}' (${t.category}) coloured '${t.colour}'`;
      const cls = Object.hasOwn(CLASS, t.colour) ? CLASS[t.colour] : undefined;
      seen.add(t.colour);
      if (t.category === "identifier") expect(cls, where).toBeUndefined();
      else if (t.category === "keyword" && NAME_ROLES.has(t.colour)) continue;
      else expect(cls, where).toBe(t.category);
    }
  });
  return seen;
}

describe.skipIf(!ts)("tree-sitter-dlnet with Debian sid's tree-sitter CLI (scripts/fetch-debian-editors.sh; opt-in)", () => {
  const cases = [...examples(), ...fixtures()];
  let files: string[];

  let generated: ReturnType<typeof cli>;
  let generated14: ReturnType<typeof cli>;

  beforeAll(() => {
    cpSync(GRAMMAR_DIR, grammar, { recursive: true });
    cpSync(GRAMMAR_DIR, grammar14, { recursive: true });
    files = write(join(work, "cases"), cases);
    generated = cli(["generate"]);
    generated14 = cli(["generate", "--abi", "14"], grammar14);
  }, 300_000);

  it("generates without conflicts or warnings (ABI 15 with tree-sitter.json; ABI 14 on request)", () => {
    expect(generated.stderr).toBe("");
    expect(generated.status).toBe(0);
    expect(readFileSync(join(grammar, "src/parser.c"), "utf8")).toMatch(/#define LANGUAGE_VERSION 15\b/);
    expect(generated14.status, generated14.stderr).toBe(0);
    expect(readFileSync(join(grammar14, "src/parser.c"), "utf8")).toMatch(/#define LANGUAGE_VERSION 14\b/);
  });

  it("parses every example and fixture without an error, and accepts exactly what the compiler accepts on seeded edits", () => {
    expect(cases.length).toBeGreaterThan(10);
    expect(parsesClean(files).map((ok, i) => `${cases[i].name}: ${ok}`)).toEqual(cases.map((c) => `${c.name}: true`));
    const random = rng(20261207);
    const edited: Case[] = [];
    for (const c of cases) for (let k = 0; k < 4; k++) edited.push({ name: `${c.name}#${k}`, text: editLines(editLines(c.text, random), random) });
    const ok = parsesClean(write(join(work, "edited"), edited));
    let accepted = 0;
    let keywordAsName = 0;
    const disagree = edited.filter((c, i) => {
      const compiler = chevrotainAccepts(c.text);
      if (compiler) accepted++;
      if (compiler === ok[i]) return false;
      // As in tree-sitter.test.ts: tree-sitter's keywords are contextual, so a keyword where
      // only a name can stand (`output y = …` in a train block) parses there; the compiler
      // says DL1004 at that keyword.
      const first = parse(new SourceFile("x.dlnet", c.text)).diagnostics[0];
      if (!compiler && ok[i] && first.code === "DL1004" && (KEYWORDS as readonly string[]).includes(c.text.slice(first.span.start, first.span.end))) {
        keywordAsName++;
        return false;
      }
      return true;
    });
    expect(accepted).toBeGreaterThan(edited.length / 5);
    expect(edited.length - accepted).toBeGreaterThan(edited.length / 5);
    expect(keywordAsName).toBeLessThan(edited.length / 20);
    expect(disagree.map((c) => `${c.name}: the compiler ${chevrotainAccepts(c.text) ? "accepts" : "rejects"} it`)).toEqual([]);
  }, 300_000);

  it("tree-sitter query: the highlight queries give each token of the examples the lexer's class", () => {
    const caps = cliCaptures(files);
    const seen = expectLexerClasses(cases, (i) => caps.get(files[i])!);
    for (const c of ["keyword", "type", "type.builtin", "constructor", "function", "variable", "variable.parameter", "property", "number", "string", "comment"]) expect([...seen], c).toContain(c);
  }, 300_000);

  /** Neovim `nvim` with the compiled parser at `so` and the queries on its runtimepath: the captures of each case, by its own query engine. */
  function nvimCaptures(nvim: string, so: string, tag: string): Capture[][] {
    const rtp = join(work, `nvim-${tag}`);
    mkdirSync(join(rtp, "queries/dlnet"), { recursive: true });
    cpSync(join(GRAMMAR_DIR, "queries/highlights.scm"), join(rtp, "queries/dlnet/highlights.scm"));
    const list = join(rtp, "files.txt");
    const out = join(rtp, "out.json");
    writeFileSync(list, files.join("\n"));
    // 0.7: require_language and get_query; 0.9 and later: language.add and query.get.
    const lua = `
vim.opt.runtimepath:prepend(${JSON.stringify(rtp)})
if vim.treesitter.language.add then vim.treesitter.language.add("dlnet", { path = ${JSON.stringify(so)} })
else vim.treesitter.require_language("dlnet", ${JSON.stringify(so)}) end
local query = (vim.treesitter.query.get or vim.treesitter.get_query)("dlnet", "highlights")
local result = {}
for path in io.lines(${JSON.stringify(list)}) do
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  -- Highlighting on, as docs/editor.md says (vim.treesitter.start from 0.8; 0.7: a highlighter on the parser).
  if vim.treesitter.start then vim.treesitter.start(buf, "dlnet") else vim.treesitter.highlighter.new(vim.treesitter.get_parser(buf, "dlnet")) end
  local caps = { { "highlighting", vim.treesitter.highlighter.active[buf] ~= nil and 1 or 0, 0, 0, 0 } }
  local tree = vim.treesitter.get_parser(buf, "dlnet"):parse()[1]
  for id, node in query:iter_captures(tree:root(), buf, 0, -1) do
    local r0, c0, r1, c1 = node:range()
    table.insert(caps, { query.captures[id], r0, c0, r1, c1 })
  end
  table.insert(result, caps)
  vim.cmd("bwipeout!")
end
local f = io.open(${JSON.stringify(out)}, "w")
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qa!")
`;
    writeFileSync(join(rtp, "run.lua"), lua);
    execFileSync(nvim, ["--headless", "--clean", "-c", `luafile ${join(rtp, "run.lua")}`], {
      env: { ...env, XDG_STATE_HOME: rtp, XDG_DATA_HOME: rtp },
      timeout: 120_000,
      stdio: "ignore",
    });
    const raw = JSON.parse(readFileSync(out, "utf8")) as [string, number, number, number, number][][];
    expect(raw.length).toBe(files.length);
    // The first entry of each file: whether the highlighter was active on its buffer.
    for (const caps of raw) expect(caps[0]).toEqual(["highlighting", 1, 0, 0, 0]);
    return raw.map((caps) => caps.slice(1).map(([name, r0, c0, r1, c1]) => ({ name, start: [r0, c0], end: [r1, c1] })));
  }

  /** `tree-sitter build` of the generated parser in `dir`: the shared library's path. */
  function build(dir: string): string {
    const so = join(dir, "dlnet.so");
    const r = cli(["build", "--output", so], dir);
    expect(r.status, r.stderr).toBe(0);
    return so;
  }

  it.skipIf(!newerNvim)("Neovim 0.12 loads the parser (ABI 15) and colours the examples as tree-sitter query does", () => {
    const nv = nvimCaptures(newerNvim, build(grammar), "new");
    const caps = cliCaptures(files);
    expectLexerClasses(cases, (i) => nv[i]);
    const key = (c: Capture) => `${c.name}@${c.start}-${c.end}`;
    files.forEach((f, i) => expect(new Set(nv[i].map(key)), cases[i].name).toEqual(new Set(caps.get(f)!.map(key))));
  }, 300_000);

  it.skipIf(!systemNvim)("Neovim 0.7 (the system's) loads the ABI 14 parser and colours the examples the same way", () => {
    const nv = nvimCaptures(systemNvim, build(grammar14), "sys");
    expectLexerClasses(cases, (i) => nv[i]);
  }, 300_000);
});
