// Every snippet and command in the user docs (README.md, docs/*.md) works as
// written:
// - a block of .dlnet code that declares something checks with no error; a
//   fragment (a binding, a train setting, a pipe) parses inside a model or a
//   train block;
// - every `dlnet …` / `npx dlnet …` command line runs and exits 0, in order,
//   in a scratch folder holding a copy of examples/ (so a `sample` finds the
//   checkpoint the `train` before it wrote), and so does `python3 train.py` of
//   an exported PyTorch package. Training commands are cut to one optimizer
//   step on the CPU backend (`--steps 1 --backend cpu` replace the flags given)
//   and the copied examples read less data (shrinkData): what is checked is
//   that the command line, its files and its flags are right, not how well a
//   minutes-long run trains;
// - a JSON output line shown in docs/cli.md has the keys the CLI prints.
// Each Python run is its own process, forked from one Python that imported
// torch once (forked(), fork-server.ts), as the PyTorch codegen tests run theirs.
// Not run: commands of other tools (npm, node, code, torchrun, shell loops) and
// the long-running `dlnet playground` / `dlnet lsp` (test/cli/playground.test.ts
// and test/lsp run those); a block fenced as ```text (a diagram, a file tree,
// a usage line with placeholders) or in a language other than sh/dlnet.
// docs/diagnostics.md is generated from checked cases (test/compiler/check)
// and docs/builtins.md from the registry (test/docs/builtins.test.ts).

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { forked } from "../compiler/codegen/pytorch/fork-server";
import { afterAll, describe, expect, it } from "vitest";
import { SourceFile } from "../../src/compiler/source";
import { parse } from "../../src/compiler/syntax";
import { checkSources } from "../compiler/check/helpers";
import { dlnetInProcess, ROOT } from "../cli/run-cli";

interface Block {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly text: string;
}

const DOCS = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)].filter(
  (f) => f !== "docs/diagnostics.md" && f !== "docs/builtins.md",
);

function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith("```"); i++) body.push(lines[i]);
    out.push({ file, line: start + 1, lang: open[1], text: body.join("\n") });
  }
  return out;
}

const BLOCKS = DOCS.flatMap(blocksOf);

type Kind = "program" | "fragment" | "commands" | "output" | "skip";

const COMMAND = /^\s*(npx )?dlnet\s/;
/** What the CLI prints (shown after a command): an error, a summary, a JSON line. */
const OUTPUT = /^(error\[|warning\[|dlnet: |wrote |checked |\{"|\[\{)/;

function kindOf(b: Block): Kind {
  if (b.lang !== "" && b.lang !== "sh" && b.lang !== "dlnet") return "skip";
  const first = b.text.split("\n").find((l) => l.trim() && !l.trim().startsWith("//"))?.trim() ?? "";
  if (b.lang === "sh" || COMMAND.test(first)) return "commands";
  if (OUTPUT.test(first)) return "output";
  if (/^(model|layer|op|train|import)\b/.test(first)) return "program";
  return "fragment";
}

function syntaxErrors(text: string): string[] {
  return parse(new SourceFile("snippet.dlnet", text)).diagnostics.map((d) => d.message);
}

describe("dlnet code in the docs", () => {
  const code = BLOCKS.filter((b) => kindOf(b) === "program" || kindOf(b) === "fragment");

  it("finds the snippets", () => {
    expect(code.length).toBeGreaterThan(5);
  });

  for (const b of code) {
    const where = `${b.file}:${b.line}`;
    if (kindOf(b) === "program") {
      // A page builds a program up: a train block may name the model of an earlier block.
      const earlier = code.filter((e) => e.file === b.file && e.line < b.line && kindOf(e) === "program");
      it(`${where} checks with no error (alone, or after the page's earlier blocks)`, () => {
        const errors = (text: string) =>
          checkSources(text, "snippet.dlnet")
            .diagnostics.filter((d) => d.severity === "error")
            .map((d) => `${d.code} ${d.message}`);
        const alone = errors(b.text);
        if (alone.length === 0 || earlier.length === 0) return expect(alone).toEqual([]);
        expect(errors([...earlier.map((e) => e.text), b.text].join("\n"))).toEqual([]);
      });
    } else {
      it(`${where} parses inside a model or a train block`, () => {
        const wrapped = [`model M {\n${b.text}\n}\n`, `train M {\n${b.text}\n}\n`].map(syntaxErrors);
        expect(wrapped.find((errs) => errs.length === 0), `${b.text}\n\n${JSON.stringify(wrapped, null, 1)}`).toEqual([]);
      });
    }
  }
});

/** One shell line as words (double-quoted strings kept whole, `\n` inside them left to the CLI as written). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m; (m = re.exec(line)); ) out.push(m[1] !== undefined ? m[1].replace(/\\"/g, '"') : m[2]);
  return out;
}

/** The train/sample flags a doc command gives, replaced for a one-step CPU run. */
function shortened(args: string[]): string[] {
  if (args[0] !== "train") return args;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (["--steps", "--epochs", "--backend"].includes(args[i])) i++;
    else out.push(args[i]);
  }
  return [...out, "--steps", "1", "--backend", "cpu"];
}

/**
 * The scratch copy of examples/ on less data, so that a command's evaluation
 * (a test split, `sample --exact-match` over every test line) takes seconds:
 * MNIST sources read 64 training and 32 test digits, the text files keep
 * their first 60 lines. The .dlnet files are otherwise as shipped.
 */
function shrinkData(examples: string): void {
  for (const f of readdirSync(examples).filter((f) => f.endsWith(".dlnet"))) {
    const path = join(examples, f);
    writeFileSync(path, readFileSync(path, "utf8").replace(/mnist\(train: \d+, test: \d+/g, "mnist(train: 64, test: 32"));
  }
  for (const f of readdirSync(join(examples, "data")).filter((f) => f.endsWith(".txt"))) {
    const path = join(examples, "data", f);
    writeFileSync(path, readFileSync(path, "utf8").split("\n").slice(0, 60).join("\n") + "\n");
  }
}

describe("commands in the docs", () => {
  const scratch = mkdtempSync(join(tmpdir(), "dlnet-docs-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const byFile = new Map<string, Block[]>();
  const runnable = (b: Block) => b.text.split("\n").some((l) => (COMMAND.test(l) && !/dlnet (playground|lsp)\b/.test(l)) || /^\s*python3 train\.py/.test(l));
  for (const b of BLOCKS.filter((b) => kindOf(b) === "commands" && runnable(b))) byFile.set(b.file, [...(byFile.get(b.file) ?? []), b]);

  for (const [file, blocks] of byFile) {
    it(`${file}: every dlnet command runs`, { timeout: 300_000 }, async () => {
      const home = join(scratch, file.replace(/\W/g, "_"));
      mkdirSync(home, { recursive: true });
      cpSync(join(ROOT, "examples"), join(home, "examples"), { recursive: true });
      shrinkData(join(home, "examples"));
      let cwd = home;
      let ran = 0;
      for (const b of blocks) {
        for (const [k, raw] of b.text.split("\n").entries()) {
          const where = `${file}:${b.line + 1 + k}`;
          const line = raw.replace(/\s+#\s.*$/, "").trim();
          for (const part of line.split(/\s*&&\s*/)) {
            const w = words(part);
            if (w[0] === "cd" && w.length === 2 && !w[1].startsWith("dist")) {
              cwd = w[1] === ".." ? resolve(cwd, "..") : resolve(w[1].startsWith("/") ? join(scratch, w[1]) : join(cwd, w[1]));
              continue;
            }
            if (w[0] === "python3" && (w[1] === "train.py" || w[1] === "-c")) {
              // An exported package's training (cut to one step, as dlnet's own), or a one-line input maker.
              const redirect = w.indexOf(">");
              const given = w.slice(1, redirect < 0 ? undefined : redirect);
              const args = w[1] === "-c" ? given : [...given.filter((a, i) => a !== "--epochs" && given[i - 1] !== "--epochs"), "--steps", "1"];
              const r = await forked(args, { cwd });
              expect(r.code, `${where}: ${part}\n${r.stderr}`).toBe(0);
              if (redirect >= 0) writeFileSync(join(cwd, w[redirect + 1]), r.stdout);
              ran++;
              continue;
            }
            const at = w[0] === "npx" && w[1] === "dlnet" ? 2 : w[0] === "dlnet" ? 1 : -1;
            if (at < 0 || ["playground", "lsp"].includes(w[at])) continue;
            let args = w.slice(at).map((a) => (a.startsWith("/tmp/") ? join(scratch, a) : a));
            const redirect = args.indexOf(">");
            const into = redirect >= 0 ? args[redirect + 1] : undefined;
            if (redirect >= 0) args = args.slice(0, redirect);
            // In process (the CLI's main with this cwd): the same code as `npx dlnet`, without
            // a new Node and a TypeScript load per command; test/cli runs the real binary.
            const r = await dlnetInProcess(shortened(args), { cwd, env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", DLNET_DEBUG: "" } });
            expect(r.code, `${where}: ${part}\n${r.stderr}`).toBe(0);
            if (into) writeFileSync(join(cwd, into), r.stdout);
            ran++;
          }
        }
      }
      expect(ran).toBeGreaterThan(0);
    });
  }
});

describe("PyTorch code in the docs", () => {
  // A ```python block that starts with `# dlnet: examples/X.dlnet` is the PyTorch
  // twin of that example: it runs, and its last line printed is the number of
  // trainable parameters, which must be the dlnet model's.
  const twins = BLOCKS.filter((b) => b.lang === "python" && /^# dlnet: (\S+)/.test(b.text));

  it("finds the PyTorch twins of docs/examples.md", () => {
    expect(twins.filter((b) => b.file === "docs/examples.md").length).toBeGreaterThanOrEqual(3);
  });

  for (const b of twins) {
    const example = /^# dlnet: (\S+)/.exec(b.text)![1];
    it(`${b.file}:${b.line} runs in PyTorch with the parameter count of ${example}`, { timeout: 120_000 }, async () => {
      const r = await forked(["-c", b.text], { cwd: ROOT });
      expect(r.code, r.stderr).toBe(0);
      const printed = Number(r.stdout.trim().split("\n").pop());
      const check = checkSources({ "main.dlnet": readFileSync(join(ROOT, example), "utf8") });
      const model = check.elaborate(check.models[0])!;
      const count = model.parameters.filter((p) => !p.buffer).reduce((n, p) => n + p.shape.reduce((a: number, d) => a * (d as number), 1), 0);
      expect(printed).toBe(count);
    });
  }
});

describe("output shown in the docs", () => {
  it("docs/cli.md's train --json lines have the keys train --json prints", { timeout: 120_000 }, async () => {
    const block = BLOCKS.find((b) => b.file === "docs/cli.md" && b.text.startsWith('{"epoch"'));
    expect(block).toBeDefined();
    const documented = block!.text.split("\n").map((l) => Object.keys(JSON.parse(l)).sort().join(","));
    const dir = mkdtempSync(join(tmpdir(), "dlnet-docs-json-"));
    try {
      const r = await dlnetInProcess(["train", join(ROOT, "examples/mnist_mlp.dlnet"), "--json", "--steps", "2", "--backend", "cpu", "--out", join(dir, "m.safetensors")], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const printed = new Set(r.stdout.trim().split("\n").map((l) => Object.keys(JSON.parse(l)).sort().join(",")));
      for (const keys of documented) expect([...printed], `documented keys ${keys}`).toContain(keys);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
