// Verbs are loaded only when invoked: the command table's summaries agree with
// the modules', and a process that runs one verb never loads another verb's
// module or back end (start-up time; a broken import in one verb cannot take
// down another). Modules loaded are observed with a Node resolve/load hook.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index";
import { ROOT } from "./run-cli";

const HOOKS = `export async function load(url, context, next) {
  if (url.startsWith("file:")) process.stderr.write("LOADED " + url + "\\n");
  return next(url, context);
}`;
const REGISTER = `import { register } from "node:module";
register(${JSON.stringify("data:text/javascript," + encodeURIComponent(HOOKS))});`;

/** The project files (relative to the root) that `dlnet ARGS` loads, and its exit code. */
function loaded(args: string[]): Promise<{ code: number | null; files: string[] }> {
  return new Promise((res, rej) => {
    const child = spawn(
      process.execPath,
      ["--import", "data:text/javascript," + encodeURIComponent(REGISTER), join(ROOT, "bin/dlnet.js"), ...args],
      { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", rej);
    child.on("close", (code) => {
      const prefix = "file://" + ROOT + "/";
      const files = [...err.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1].replace(prefix, ""));
      res({ code, files });
    });
  });
}

const BACK_ENDS = /^(src\/runtime\/|src\/compiler\/codegen\/|src\/format\/|node_modules\/(webgpu|onnx|protobufjs|lodash-es|prettier)\/)/;

describe("lazy verbs", () => {
  it("each table entry names and summarises the module it loads", async () => {
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(cmd.summary).toBe(entry.summary);
    }
  });

  it("--version and --help load no verb", async () => {
    for (const args of [["--version"], ["--help"]]) {
      const r = await loaded(args);
      expect(r.code).toBe(0);
      expect(r.files).toContain("src/cli/main.ts");
      expect(r.files.filter((f) => f.startsWith("src/cli/commands/") && f !== "src/cli/commands/index.ts")).toEqual([]);
      expect(r.files.filter((f) => f.startsWith("src/compiler/check/"))).toEqual([]);
    }
  });

  it("check loads only its own verb and the front end", async () => {
    const r = await loaded(["check", "examples/mnist_mlp.dlnet"]);
    expect(r.code).toBe(0);
    expect(r.files.filter((f) => f.startsWith("src/cli/commands/"))).toEqual(["src/cli/commands/index.ts", "src/cli/commands/check.ts"]);
    expect(r.files).toContain("src/compiler/check/index.ts");
    expect(r.files.filter((f) => BACK_ENDS.test(f))).toEqual([]);
  });

  it("lsp does not depend on other verbs' modules", async () => {
    // stdin closed: the server starts, sees the editor gone, and stops.
    const r = await loaded(["lsp", "--stdio"]);
    expect(r.files).toContain("src/lsp/server.ts");
    expect(r.files.filter((f) => f.startsWith("src/cli/commands/"))).toEqual(["src/cli/commands/index.ts", "src/cli/commands/lsp.ts"]);
    expect(r.files.filter((f) => /^src\/(runtime|compiler\/codegen)\//.test(f))).toEqual([]);
  });
});
