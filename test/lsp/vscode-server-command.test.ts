// Which dlnet the VS Code extension starts (editors/vscode/src/server-command.ts),
// and that the command it picks is a working language server once the
// language client appends `--stdio` (as vscode-languageclient does).

import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serverCommand } from "../../editors/vscode/src/server-command";
import { repoRoot, TestClient } from "./client";

const tmp = mkdtempSync(join(tmpdir(), "dlnet-ext-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ext = "/ext";

describe("the extension's choice of server", () => {
  it("prefers the setting: a .js file on Node, anything else as a command", () => {
    expect(serverCommand({ setting: " /opt/dlnet/bin/dlnet.js ", extraArgs: [], folders: [repoRoot], extensionPath: ext })).toEqual({
      kind: "node", script: "/opt/dlnet/bin/dlnet.js", args: ["lsp"], origin: "setting",
    });
    expect(serverCommand({ setting: "dlnet", extraArgs: ["--verbose"], folders: [], extensionPath: ext })).toEqual({
      kind: "exec", command: "dlnet", args: ["lsp", "--verbose"], origin: "setting",
    });
  });

  it("uses the workspace's installed dlnet, or the workspace when it is a dlnet checkout", () => {
    const project = join(tmp, "project");
    mkdirSync(join(project, "node_modules/dlnet/bin"), { recursive: true });
    writeFileSync(join(project, "node_modules/dlnet/bin/dlnet.js"), "");
    const plain = join(tmp, "plain");
    mkdirSync(plain);
    const starts = () => undefined;
    expect(serverCommand({ setting: "", extraArgs: [], folders: [plain, project], extensionPath: ext, cannotStart: starts })).toMatchObject({
      kind: "node", script: join(project, "node_modules/dlnet/bin/dlnet.js"), origin: "workspace",
    });
    // The checkout itself, probed for real: it starts.
    expect(serverCommand({ setting: "", extraArgs: [], folders: [repoRoot], extensionPath: ext })).toMatchObject({
      kind: "node", script: join(repoRoot, "bin/dlnet.js"), args: ["lsp"], origin: "workspace",
    });
  });

  it("falls back to the bundled server when the workspace's dlnet cannot start (a checkout before npm install)", () => {
    // dlnet's real bin/dlnet.js in a checkout with no node_modules: tsx is missing.
    const fresh = join(tmp, "fresh-checkout");
    mkdirSync(join(fresh, "bin"), { recursive: true });
    mkdirSync(join(fresh, "src/lsp"), { recursive: true });
    writeFileSync(join(fresh, "bin/dlnet.js"), readFileSync(join(repoRoot, "bin/dlnet.js")));
    writeFileSync(join(fresh, "src/lsp/index.ts"), "");
    writeFileSync(join(fresh, "package.json"), '{"type": "module"}');
    const cmd = serverCommand({ setting: "", extraArgs: [], folders: [fresh], extensionPath: ext });
    expect(cmd).toMatchObject({ kind: "node", script: join(ext, "out/server.js"), origin: "bundled" });
    expect((cmd as { skipped?: string[] }).skipped).toHaveLength(1);
    expect((cmd as { skipped: string[] }).skipped[0]).toContain(join(fresh, "bin/dlnet.js"));
    expect((cmd as { skipped: string[] }).skipped[0]).toMatch(/ERR_MODULE_NOT_FOUND|tsx/);
    // A script that runs but is not dlnet is no server either.
    writeFileSync(join(fresh, "bin/dlnet.js"), "");
    expect(serverCommand({ setting: "", extraArgs: [], folders: [fresh], extensionPath: ext })).toMatchObject({ origin: "bundled" });
  });

  it("falls back to the bundled server", () => {
    expect(serverCommand({ setting: "", extraArgs: [], folders: [tmp], extensionPath: ext })).toEqual({
      kind: "node", script: join(ext, "out/server.js"), args: [], origin: "bundled",
    });
  });

  it("starts a working server from the checkout with the client's --stdio appended", async () => {
    const cmd = serverCommand({ setting: "", extraArgs: [], folders: [repoRoot], extensionPath: ext });
    expect(cmd.kind).toBe("node");
    const client = new TestClient([(cmd as { script: string }).script, ...cmd.args, "--stdio"]);
    try {
      const init = await client.initialize(repoRoot);
      expect(init.serverInfo?.name).toBe("dlnet");
    } finally {
      await client.close();
    }
  });
});
