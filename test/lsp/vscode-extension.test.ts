// The VS Code extension: its manifest agrees with the generated grammar and
// language configuration, its bundled server (built here with esbuild) is a
// working language server, and `vsce package` makes a .vsix with everything
// in it (when editors/vscode's own dependencies are installed: `npm install`
// in that folder).

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { HoverRequest, type MarkupContent } from "vscode-languageserver-protocol/node";
import { positionOf, repoRoot, TestClient } from "./client";

const ext = join(repoRoot, "editors/vscode");
const manifest = JSON.parse(readFileSync(join(ext, "package.json"), "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "dlnet-vscode-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Entries of a zip file (name → bytes), from its central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe("VS Code extension", () => {
  it("contributes the dlnet language with the generated grammar and configuration", () => {
    const grammar = JSON.parse(readFileSync(join(repoRoot, "grammar/dlnet.tmLanguage.json"), "utf8"));
    const lang = manifest.contributes.languages[0];
    expect(lang.id).toBe("dlnet");
    expect(lang.extensions).toEqual([".dlnet"]);
    expect(lang.configuration).toBe("./language-configuration.json");
    expect(existsSync(join(ext, lang.icon.light))).toBe(true);
    expect(existsSync(join(ext, manifest.icon))).toBe(true);
    const g = manifest.contributes.grammars[0];
    expect(g).toEqual({ language: "dlnet", scopeName: grammar.scopeName, path: "./syntaxes/dlnet.tmLanguage.json" });
    expect(manifest.contributes.configuration.properties["dlnet.server.path"].type).toBe("string");
  });

  it("bundles a working language server", async () => {
    const { buildServer } = await import("../../editors/vscode/build.mjs");
    const server = join(tmp, "server.js");
    await buildServer(server);
    const client = new TestClient([server, "--stdio"]);
    try {
      const init = await client.initialize(tmp);
      expect(init.capabilities.hoverProvider).toBe(true);
      const text = readFileSync(join(repoRoot, "examples/mnist_mlp.dlnet"), "utf8");
      const uri = await client.open(join(tmp, "m.dlnet"), text);
      expect(await client.diagnostics(uri)).toEqual([]);
      const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "-> ReLU", 4) });
      expect((h!.contents as MarkupContent).value).toContain("ReLU");
      await client.change(uri, text.replace("Linear(10)", "Linear(10"));
      expect((await client.diagnostics(uri, (d) => d.length > 0))[0].code).toMatch(/^DL1/);
    } finally {
      await client.close();
    }
  });

  const vsce = join(ext, "node_modules/.bin/vsce");
  it.skipIf(!existsSync(vsce))("packages a .vsix with the client, the server, the grammar and the configuration", () => {
    const out = join(tmp, "dlnet.vsix");
    execFileSync("node", ["build.mjs"], { cwd: ext, stdio: "pipe" });
    execFileSync(vsce, ["package", "--no-dependencies", "--out", out], { cwd: ext, stdio: "pipe" });
    const files = unzip(readFileSync(out));
    for (const f of ["extension/package.json", "extension/out/extension.js", "extension/out/server.js", "extension/syntaxes/dlnet.tmLanguage.json", "extension/language-configuration.json", "extension/icons/dlnet.png"])
      expect(files.has(f), f).toBe(true);
    expect(files.get("extension/syntaxes/dlnet.tmLanguage.json")!.toString()).toBe(readFileSync(join(repoRoot, "grammar/dlnet.tmLanguage.json"), "utf8"));
    expect([...files.keys()].some((f) => f.includes("node_modules") || f.startsWith("extension/src/"))).toBe(false);
  });
});
