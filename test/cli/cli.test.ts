// The `dlnet` command run as a user runs it: exit codes, what lands on stdout
// and stderr, and the --json schema.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dlnet, dlnetInProcess, ROOT } from "./run-cli";

const CLEAN = `model SimpleNet {
  input  x: f32[batch, 784]
  output logits = x -> Linear(128) -> ReLU -> Linear(10)
}
`;
// Line 3 has a pipe stage missing (`-> ->`): a syntax error at a known place.
const BROKEN = `model Broken {
  input  x: f32[batch, 784]
  output y = x -> -> Linear(10)
}
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-cli-"));
  writeFileSync(join(dir, "clean.dlnet"), CLEAN);
  writeFileSync(join(dir, "broken.dlnet"), BROKEN);
  writeFileSync(join(dir, "binary.dlnet"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff, 0xfe]));
  mkdirSync(join(dir, "folder.dlnet"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 1-based line and column of the first occurrence of `needle`, computed independently of dlnet. */
function where(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function expectOneLine(stderr: string): void {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe("dlnet check (spawned)", () => {
  it("exits 0 on a clean file and says so", async () => {
    const r = await dlnet(["check", join(dir, "clean.dlnet")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("checked 1 file: no errors\n");
    expect(r.stderr).toBe("");
  });

  it("exits 1 and draws the error under the source line", async () => {
    const r = await dlnet(["check", "broken.dlnet"], { cwd: dir });
    expect(r.code).toBe(1);
    const at = where(BROKEN, "-> Linear(10)");
    expect(r.stdout).toContain("error[DL1004]: ");
    expect(r.stdout).toContain(` --> broken.dlnet:${at.line}:${at.column}\n`);
    expect(r.stdout).toContain(`${at.line} |   output y = x -> -> Linear(10)\n`);
    expect(r.stdout).toContain(`  | ${" ".repeat(at.column - 1)}^^\n`);
    expect(r.stdout).toMatch(/\n\d+ errors? in 1 file\n$/);
    expect(r.stdout).not.toContain("\x1b["); // not a terminal: no colors
  });

  it("--json prints one array with 1-based positions", async () => {
    const r = await dlnet(["check", "--json", join(dir, "broken.dlnet"), join(dir, "clean.dlnet")]);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(diags)).toBe(true);
    const at = where(BROKEN, "-> Linear(10)");
    expect(diags).toContainEqual({
      file: join(dir, "broken.dlnet"),
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column + 2,
      severity: "error",
      code: "DL1004",
      message: expect.any(String),
    });
    for (const d of diags) {
      expect(Object.keys(d).sort()).toEqual(
        ["code", "column", "endColumn", "endLine", "file", "line", "message", "severity"],
      );
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
  });

  it("--json on clean files prints an empty array", async () => {
    const r = await dlnet(["check", "--json", join(dir, "clean.dlnet")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("checks every example in the repository", async () => {
    const r = await dlnet(["check", "examples/mnist_mlp.dlnet", "examples/tiny_gpt.dlnet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^checked 2 files: no errors/);
  });

  it("a missing file is a one-line usage error, exit 2", async () => {
    const r = await dlnet(["check", "nope.dlnet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("dlnet: cannot read 'nope.dlnet': no such file\n");
  });

  it("a folder is a one-line usage error; other files are still checked", async () => {
    const r = await dlnet(["check", join(dir, "folder.dlnet"), join(dir, "clean.dlnet")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dlnet: cannot read '${join(dir, "folder.dlnet")}': is a directory\n`);
    expect(r.stdout).toBe("checked 1 file: no errors\n");
  });

  it("a binary file is a DL1007 diagnostic, exit 1", async () => {
    const r = await dlnet(["check", "--json", join(dir, "binary.dlnet")]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject([{ code: "DL1007", line: 1, column: 1, severity: "error" }]);
  });
});

describe("usage errors (spawned)", () => {
  it("an unknown flag suggests the right one", async () => {
    const r = await dlnet(["train", "examples/mnist_mlp.dlnet", "--epoch", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("dlnet: unknown option '--epoch' (did you mean '--epochs'?)\n");
    expect(r.stdout).toBe("");
  });

  it("an unknown command suggests the right one", async () => {
    const r = await dlnet(["chek", "x.dlnet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("dlnet: unknown command 'chek' (did you mean 'check'?)\n");
  });

  it("no arguments prints the usage on stderr, exit 2", async () => {
    const r = await dlnet([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("usage: dlnet COMMAND");
    expect(r.stdout).toBe("");
  });

  it("--version prints the package version", async () => {
    const r = await dlnet(["--version"]);
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(r).toEqual({ code: 0, stdout: `dlnet ${version}\n`, stderr: "" });
  });
});

describe("flags (in process)", () => {
  const cases: [string[], string][] = [
    [["train", "f.dlnet", "--epochs"], "dlnet: option '--epochs' needs a value (--epochs N)"],
    [["train", "f.dlnet", "--epochs", "--json"], "dlnet: option '--epochs' needs a value, got the flag '--json'"],
    [["train", "f.dlnet", "--epochs", "0"], "dlnet: option '--epochs' expects a positive integer, got '0'"],
    [["train", "f.dlnet", "--epochs=2.5"], "dlnet: option '--epochs' expects a positive integer, got '2.5'"],
    [["train", "f.dlnet", "--json=yes"], "dlnet: option '--json' takes no value"],
    [["train", "f.dlnet", "--backend", "gpu"], "dlnet: option '--backend' must be one of webgpu, cpu, got 'gpu'"],
    [["train"], "dlnet: train: missing FILE"],
    [["train", "a.dlnet", "b.dlnet"], "dlnet: train: too many arguments: 'b.dlnet'"],
    [["export", "f.dlnet"], "dlnet: export: missing required option '--onnx OUT.onnx'"],
    [["compile", "f.dlnet", "--emit", "llvm"], "dlnet: option '--emit' must be one of ast, ir, ir-train, wgsl"],
    [["run", "f.dlnet", "--inputs", "in.json"], "dlnet: run: missing required option '--weights W'"],
    [["fmt", "--check", "--write", "f.dlnet"], "dlnet: fmt: --check and --write cannot be used together"],
    [["lsp"], "dlnet: lsp: '--stdio' is required"],
    [["check", "-x", "f.dlnet"], "dlnet: unknown option '-x' (see 'dlnet check --help')"],
    [["--zzz"], "dlnet: unknown option '--zzz'"],
    [["train", "missing.dlnet", "--epochs", "2"], "dlnet: cannot read 'missing.dlnet': no such file"],
  ];
  for (const [args, message] of cases) {
    it(args.join(" "), async () => {
      const r = await dlnetInProcess(args);
      expect(r.code).toBe(2);
      expectOneLine(r.stderr);
      expect(r.stderr.startsWith(message)).toBe(true);
      expect(r.stdout).toBe("");
    });
  }

  it("per-verb --help lists the verb's flags and exits 0", async () => {
    const r = await dlnetInProcess(["train", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: dlnet train FILE/);
    for (const flag of ["--epochs N", "--steps N", "--backend NAME", "--out CKPT", "--resume CKPT", "--json", "-h, --help"]) {
      expect(r.stdout).toContain(flag);
    }
    expect((await dlnetInProcess(["help", "train"])).stdout).toBe(r.stdout);
    // --help wins over otherwise invalid arguments
    expect((await dlnetInProcess(["export", "--help"])).code).toBe(0);
  });

  it("global help lists every verb", async () => {
    const r = await dlnetInProcess(["--help"]);
    expect(r.code).toBe(0);
    for (const v of ["check", "compile", "train", "run", "export", "fmt", "lsp"]) expect(r.stdout).toMatch(new RegExp(`\\n  ${v} `));
  });
});

describe("terminal behaviour (in process)", () => {
  it("colors only on a TTY, and never with NO_COLOR", async () => {
    const file = join(dir, "broken.dlnet");
    const tty = await dlnetInProcess(["check", file], { stdoutIsTTY: true });
    expect(tty.stdout).toContain("\x1b[");
    const noColor = await dlnetInProcess(["check", file], { stdoutIsTTY: true, env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\x1b[");
    expect(noColor.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toBe(tty.stdout.replace(/\x1b\[[0-9;]*m/g, ""));
  });

  it("an internal error is one line and exit 70; the stack only with DLNET_DEBUG=1", async () => {
    const boom = { write: () => { throw new TypeError("boom"); } };
    const base = { stderrIsTTY: false, stdoutIsTTY: false, cwd: ROOT };
    let err = "";
    const stderr = { write: (t: string) => void (err += t) };
    const { main } = await import("../../src/cli/main");
    expect(await main(["check", join(dir, "clean.dlnet")], { ...base, stdout: boom, stderr, env: {} })).toBe(70);
    expect(err).toMatch(/^dlnet: internal error: boom .*please report/);
    expectOneLine(err);
    err = "";
    expect(await main(["check", join(dir, "clean.dlnet")], { ...base, stdout: boom, stderr, env: { DLNET_DEBUG: "1" } })).toBe(70);
    expect(err).toMatch(/\n\s+at /);
  });
});

describe("dlnet compile --emit ast", () => {
  it("prints the AST golden baseline of an example (spawned)", async () => {
    const r = await dlnet(["compile", "examples/mnist_mlp.dlnet", "--emit", "ast"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(readFileSync(join(ROOT, "test/baselines/mnist_mlp.ast"), "utf8"));
  });

  it("prints syntax errors on stderr and nothing on stdout, exit 1", async () => {
    const r = await dlnetInProcess(["compile", join(dir, "broken.dlnet"), "--emit", "ast"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[DL1004]");
  });
});

describe("dlnet check runs the checker (in process)", () => {
  beforeAll(() => {
    writeFileSync(
      join(dir, "blocks.dlnet"),
      "layer Mlp(d: int) {\n  input x: f32[B, d]\n  output y = x -> Linaer(d) -> ReLU\n}\n",
    );
    writeFileSync(
      join(dir, "net.dlnet"),
      'import "blocks.dlnet"\n\nmodel Net {\n  input  x: f32[batch, 784]\n  output logits = x -> Linear(784, 128) -> Linear(512, 10) -> Mlp(10)\n}\n',
    );
    writeFileSync(
      join(dir, "warn.dlnet"),
      "model W {\n  input x: f32[batch, 4]\n  spare = x * 2\n  output y = x -> Linear(2)\n}\n",
    );
  });

  it("reports shape errors and errors in imports once, with file and position", async () => {
    const r = await dlnetInProcess(["check", "--json", "net.dlnet", "./blocks.dlnet"], { cwd: dir });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as { file: string; code: string; line: number; column: number }[];
    const net = readFileSync(join(dir, "net.dlnet"), "utf8");
    const at = where(net, "Linear(512, 10)");
    expect(diags.filter((d) => d.code === "DL3001")).toMatchObject([{ file: "net.dlnet", ...at }]);
    expect(diags.filter((d) => d.code === "DL2003")).toMatchObject([{ file: "blocks.dlnet", line: 3, column: 19 }]);
  });

  it("renders the checker's fix-its as help lines", async () => {
    const r = await dlnetInProcess(["check", "blocks.dlnet"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\[DL2003\].*Linaer[^]*\n  = help: .*'Linear'/);
  });

  it("exits 0 with only warnings and counts them", async () => {
    const r = await dlnetInProcess(["check", "warn.dlnet"], { cwd: dir });
    expect(r.stdout).toContain("warning[DL2010]");
    expect(r.stdout).toMatch(/\nchecked 1 file: no errors, 1 warning\n$/);
    expect(r.code).toBe(0);
  });
});
