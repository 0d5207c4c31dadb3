// The folder order of docs/architecture.md, kept by reading every import
// statement: a module imports only from its own folder and folders earlier
// in LAYERS. Moving a rule to the wrong folder fails here, not in review.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * Bottom first. `compiler` is the modules at the root of src/compiler (dims,
 * tensor types, tensors, diagnostics, source spans), which every stage uses.
 * ir and autodiff come before lower: the lowering builds IR and a user op's
 * gradient rule is autodiff's, though in the pipeline lower runs first.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["grammar"],
  ["compiler"],
  ["compiler/syntax"],
  ["compiler/layers"],
  ["compiler/check"],
  ["compiler/ir"],
  ["compiler/autodiff"],
  ["compiler/lower"],
  ["compiler/train-graph"],
  ["compiler/passes"],
  ["compiler/codegen"],
  ["runtime"],
  ["host"],
  ["pictures"],
  ["format"],
  ["docs"],
  ["lsp"],
  ["cli"],
  ["browser"],
  ["playground"],
  ["grammar-tools"],
];

/** grammar/'s generators of derived files (TextMate grammar, CST types) read the built-in names: build tools, on top. */
const GRAMMAR_TOOLS = new Set(["generate.ts", "textmate.ts"]);

/** The layer a file belongs to: its folder under src/ (or src/compiler/), or grammar. */
function folderOf(file: string): string | undefined {
  const rel = relative(ROOT, file).split("/");
  if (rel[0] === "grammar") return GRAMMAR_TOOLS.has(rel[1]) ? "grammar-tools" : "grammar";
  if (rel[0] !== "src") return undefined;
  if (rel[1] === "compiler") return rel.length > 3 ? `compiler/${rel[2]}` : "compiler";
  return rel[1];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(f) && !f.endsWith(".d.ts") ? [p] : [];
  });
}

/** Relative import specifiers of a module (static, `export … from`, dynamic). */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;"'`]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) out.push(spec);
  }
  return out;
}

const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));

describe("folder order", () => {
  it("every folder under src/ has a place in the order", () => {
    const folders = new Set([...sources(join(ROOT, "src")), ...sources(join(ROOT, "grammar"))].map(folderOf));
    expect([...folders].filter((f) => f !== undefined && !rank.has(f))).toEqual([]);
  });

  it("each module imports only its own folder and earlier ones", () => {
    const bad: string[] = [];
    for (const file of [...sources(join(ROOT, "src")), ...sources(join(ROOT, "grammar"))]) {
      const from = folderOf(file)!;
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        const to = folderOf(resolve(dirname(file), spec));
        if (to === undefined || to === from) continue;
        if (rank.get(to)! > rank.get(from)!) bad.push(`${relative(ROOT, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("reads the import forms the check relies on", () => {
    const text = `import { a } from "./a";\nimport type { B } from '../b';\nexport { c } from "./c";\nexport * from "./d";\nconst e = await import("./e");\nimport x from "vitest";`;
    expect(importsOf(text)).toEqual(["./a", "../b", "./c", "./d", "./e"]);
  });
});

/**
 * Module-level state the compiler may keep: memos whose answers do not
 * depend on which program asked (a program's own state lives in the objects
 * of its check or lowering). Anything else, e.g. a table of user ops, would be
 * shared by every program in the process (a language server holds several).
 */
const ALLOWED_STATE: Readonly<Record<string, string>> = {
  "src/compiler/ir/node.ts intern": "hash-consing memo, per op record, weakly held",
  "src/compiler/ir/node.ts nextId": "node ids only order nodes",
  "src/compiler/ir/node.ts keyOfAttrs": "canonical key of a node's (frozen) attributes, keyed by them (WeakMap)",
  "src/compiler/ir/registry.ts table": "the built-in ops, filled at module load; a name is defined once",
  "src/compiler/codegen/onnx/rules/attach.ts attached": "names of the built-in ops' ONNX rules, filled at module load",
  "src/compiler/syntax/incremental.ts chunksOf": "memo keyed by a parse result (WeakMap)",
  "src/compiler/syntax/incremental.ts layoutOf": "memo keyed by a parse result (WeakMap)",
  "src/compiler/check/expr.ts displays": "memo keyed by a checked object (WeakMap)",
  "src/compiler/check/apply.ts impls": "side table keyed by a layer instance (WeakMap)",
  "src/compiler/check/expr.ts globalCallees": "memo keyed by a program's global definition (WeakMap)",
  "src/compiler/check/expr.ts builtinCallees": "memo keyed by a built-in's (constant) record",
  "src/compiler/check/context.ts numberedNames": "memo of a pure string function (`linear_0`), bounded",
  "src/compiler/layers/args.ts defaultsOf": "memo keyed by a built-in's (constant) argument specs (WeakMap)",
  "src/compiler/check/values.ts snakeCache": "memo of a pure string function",
  "src/compiler/dims.ts polyMemo": "memo of a pure string function (a dim's polynomial), bounded",
  "src/compiler/dims.ts canonMemo": "memo of a pure string function (a dim's canonical spelling), bounded",
  "src/compiler/dims.ts opMemo": "memo of pure dim arithmetic by operator and operands, bounded",
  "src/compiler/check/data-files.ts cache": "file header probes keyed by (path, size, mtime)",
  "src/compiler/codegen/wgsl/group-kernels.ts stageAxesOf": "memo keyed by an (immutable) IR node (WeakMap)",
};

/** Names of module-level `let`s, and of module-level Maps/Sets that some code writes to. */
export function moduleState(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:export )?let (\w+)/gm)) out.push(m[1]);
  for (const m of text.matchAll(/^(?:export )?const (\w+)\b[^=\n]*= new (?:Map|Set|WeakMap|WeakSet)\b/gm)) {
    if (new RegExp(`\\b${m[1]}\\.(?:set|add|delete|clear)\\(`).test(text)) out.push(m[1]);
  }
  return out;
}

describe("no module-level mutable state in the compiler", () => {
  it("only the listed memos", () => {
    const found = sources(join(ROOT, "src/compiler")).flatMap((f) => moduleState(readFileSync(f, "utf8")).map((n) => `${relative(ROOT, f)} ${n}`));
    expect(found.filter((k) => !(k in ALLOWED_STATE))).toEqual([]);
  });

  it("finds a let, and a written Map but not a constant one", () => {
    const text = `let counter = 0;\nconst table = new Map<string, number>();\nconst FIXED = new Map([["a", 1]]);\nexport function f() { table.set("x", 1); }\n  let local = 1;`;
    expect(moduleState(text)).toEqual(["counter", "table"]);
  });
});
