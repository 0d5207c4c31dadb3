// Checking grammar.js without the tree-sitter CLI. The CLI's npm package
// downloads its binary from GitHub on install, which the machines this project
// builds on cannot reach; tree-sitter 0.13 (2018) is the last release whose
// generator is C++ shipped as source on npm (tree-sitter-cli@0.13.16, with its
// runtime in tree-sitter@0.13.23). So: grammar.js is evaluated with the
// tree-sitter DSL (below, the subset grammar.js uses) into grammar.json; the
// 0.13 generator, built from source with the system's g++, turns it into
// parser.c (reporting conflicts and undefined rules as the CLI does); parser.c
// is linked with the 0.13 runtime and a driver that prints the full syntax
// tree of each file. A parser.c of 0.13 has ABI 9, which today's tree-sitter
// hosts do not load: editors generate their own from grammar.js.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";

export const GRAMMAR_DIR = fileURLToPath(new URL("../../../editors/tree-sitter-dlnet/", import.meta.url));
const CHECK_DIR = fileURLToPath(new URL("./", import.meta.url));
const CLI = "tree-sitter-cli@0.13.16";
const RUNTIME = "tree-sitter@0.13.23";

// ---------------------------------------------------------------- the DSL

type Rule = { type: string; [k: string]: unknown };

function normalize(value: unknown): Rule {
  if (value instanceof Error) throw value;
  if (typeof value === "string") return { type: "STRING", value };
  if (value instanceof RegExp || (value && (value as RegExp).constructor?.name === "RegExp")) {
    // \uXXXX as the character itself (tree-sitter 0.13's regex parser has no \u escape).
    return { type: "PATTERN", value: (value as RegExp).source.replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16))) };
  }
  if (value && typeof (value as Rule).type === "string") return value as Rule;
  throw new Error(`grammar.js: not a rule: ${String(value)}`);
}

const precFn = (type: string) => (n: number | unknown, rule?: unknown) =>
  rule === undefined ? { type, value: 0, content: normalize(n) } : { type, value: n, content: normalize(rule) };

function dsl() {
  const prec = Object.assign(precFn("PREC"), { left: precFn("PREC_LEFT"), right: precFn("PREC_RIGHT"), dynamic: precFn("PREC_DYNAMIC") });
  const token = Object.assign((r: unknown) => ({ type: "TOKEN", content: normalize(r) }), {
    immediate: (r: unknown) => ({ type: "IMMEDIATE_TOKEN", content: normalize(r) }),
  });
  const choice = (...xs: unknown[]) => ({ type: "CHOICE", members: xs.map(normalize) });
  return {
    seq: (...xs: unknown[]) => ({ type: "SEQ", members: xs.map(normalize) }),
    choice,
    repeat: (r: unknown) => ({ type: "REPEAT", content: normalize(r) }),
    repeat1: (r: unknown) => ({ type: "REPEAT1", content: normalize(r) }),
    optional: (r: unknown) => choice(r, { type: "BLANK" }),
    blank: () => ({ type: "BLANK" }),
    prec,
    token,
    alias: (r: unknown, v: string | Rule) =>
      typeof v === "string"
        ? { type: "ALIAS", content: normalize(r), named: false, value: v }
        : { type: "ALIAS", content: normalize(r), named: true, value: ((v as { symbol?: Rule }).symbol ?? v).name as string },
    field: () => {
      throw new Error("grammar.js: fields are not used (tree-sitter 0.13, which checks this grammar, has none)");
    },
  };
}

export interface GrammarJson {
  name: string;
  word?: string;
  rules: Record<string, Rule>;
  extras: Rule[];
  conflicts: string[][];
  externals: Rule[];
  inline: string[];
}

/** grammar.js evaluated as the tree-sitter CLI evaluates it: its rules, as grammar.json. */
export function grammarJson(path = join(GRAMMAR_DIR, "grammar.js")): GrammarJson {
  const api = dsl();
  const grammar = (options: Record<string, unknown>): GrammarJson => {
    const ruleFns = options.rules as Record<string, ($: unknown) => unknown>;
    const names = new Set(Object.keys(ruleFns));
    const $ = new Proxy(
      {},
      {
        get(_, name) {
          if (typeof name !== "string") return undefined;
          if (names.has(name)) return { type: "SYMBOL", name };
          // As the CLI does: an undefined name is an error where it is used as a rule, a node name in alias().
          return Object.assign(new ReferenceError(`grammar.js: undefined rule $.${name}`), { symbol: { type: "SYMBOL", name } });
        },
      },
    );
    const rules: Record<string, Rule> = {};
    for (const [name, fn] of Object.entries(ruleFns)) rules[name] = normalize(fn.call($, $));
    const call = (key: string) => (options[key] ? (options[key] as ($: unknown) => unknown[])($) : undefined);
    return {
      name: options.name as string,
      word: options.word ? (call("word") as unknown as { name: string }).name : undefined,
      rules,
      extras: (call("extras") ?? [/\s/]).map(normalize),
      conflicts: ((call("conflicts") ?? []) as { name: string }[][]).map((set) => set.map((s) => s.name)),
      externals: [],
      inline: ((call("inline") ?? []) as { name: string }[]).map((s) => s.name),
    };
  };
  const module = { exports: {} as unknown };
  runInNewContext(readFileSync(path, "utf8"), { ...api, grammar, module, exports: module.exports }, { filename: path });
  return module.exports as GrammarJson;
}

// ---------------------------------------------------------------- tools

function run(cmd: string, args: string[], cwd?: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 4).join(" ")}… failed (${r.status}):\n${r.stderr}`);
}

const cacheRoot = () => join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "dlnet", "tree-sitter-0.13");

/**
 * The 0.13 generator (`generate GRAMMAR.json OUT.c`) and runtime object, built
 * once from the npm packages' sources into ~/.cache/dlnet (about 40 s of CPU).
 */
export function buildTools(): { generate: string; runtime: string; include: string } {
  const root = cacheRoot();
  const generate = join(root, "generate");
  const runtime = join(root, "runtime.o");
  const include = join(root, "rt/package/vendor/tree-sitter/include");
  if (existsSync(generate) && existsSync(runtime)) return { generate, runtime, include };
  const tmp = `${root}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  run("npm", ["pack", CLI, RUNTIME, "--silent", "--pack-destination", tmp], tmp);
  const tgz = readdirSync(tmp).filter((f) => f.endsWith(".tgz"));
  for (const [dir, prefix] of [["cli", "tree-sitter-cli-"], ["rt", "tree-sitter-0"]] as const) {
    mkdirSync(join(tmp, dir));
    run("tar", ["xzf", join(tmp, tgz.find((f) => f.startsWith(prefix))!), "-C", join(tmp, dir)]);
  }
  // The generator: the sources its project.gyp lists for the 'compiler' target.
  const ts = join(tmp, "cli/package/vendor/tree-sitter");
  const gyp = readFileSync(join(ts, "project.gyp"), "utf8");
  const target = gyp.slice(gyp.indexOf("'compiler'"), gyp.indexOf("'target_name'", gyp.indexOf("'compiler'") + 20));
  const sources = [...target.matchAll(/'([\w/.-]+\.cc?)'/g)].map((m) => m[1]);
  const inc = ["include", "src", "externals/utf8proc", "externals/json-parser"].map((d) => `-I${join(ts, d)}`);
  const objs: string[] = [];
  for (const src of sources) {
    const obj = join(tmp, `${src.replace(/\//g, "_")}.o`);
    run(src.endsWith(".cc") ? "g++" : "gcc", [...(src.endsWith(".cc") ? ["-std=c++14"] : []), "-O1", "-w", ...inc, "-c", join(ts, src), "-o", obj]);
    objs.push(obj);
  }
  run("g++", ["-std=c++14", "-O1", "-w", ...inc, join(CHECK_DIR, "generate.cc"), ...objs, "-o", join(tmp, "generate")]);
  // The runtime: one file that includes the others.
  const rt = join(tmp, "rt/package/vendor/tree-sitter");
  run("gcc", ["-O1", "-w", "-std=gnu99", ...["include", "src", "externals/utf8proc"].map((d) => `-I${join(rt, d)}`), "-c", join(rt, "src/runtime/runtime.c"), "-o", join(tmp, "runtime.o")]);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dirname(root), { recursive: true });
  renameSync(tmp, root);
  return { generate, runtime, include };
}

/** A syntax tree as the driver prints it: [type, named, start, end, missing, ...children]. */
export type RawNode = [string, number, number, number, number, ...RawNode[]];
export interface TsNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  missing: boolean;
  children: TsNode[];
}

const toNode = ([type, named, start, end, missing, ...children]: RawNode): TsNode => ({
  type,
  named: !!named,
  start,
  end,
  missing: !!missing,
  children: children.map(toNode),
});

/**
 * grammar.js → grammar.json → parser.c → a parser program in `work`; throws
 * with the generator's message (a conflict, an undefined rule) when it fails.
 */
export function buildParser(work: string, grammarPath = join(GRAMMAR_DIR, "grammar.js")): (files: string[]) => TsNode[] {
  const tools = buildTools();
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, "grammar.json"), JSON.stringify(grammarJson(grammarPath), null, 2));
  run(tools.generate, [join(work, "grammar.json"), join(work, "parser.c")]);
  const exe = join(work, "parse");
  run("gcc", ["-O1", "-w", "-std=gnu99", `-I${tools.include}`, join(work, "parser.c"), join(CHECK_DIR, "parse.c"), tools.runtime, "-o", exe]);
  return (files) => {
    const r = spawnSync(exe, files, { encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`parse failed: ${r.stderr}`);
    return r.stdout
      .trim()
      .split("\n")
      .map((l) => toNode(JSON.parse(l) as RawNode));
  };
}

/** Every node of a tree, depth first. */
export function* walk(n: TsNode): Generator<TsNode> {
  yield n;
  for (const c of n.children) yield* walk(c);
}
