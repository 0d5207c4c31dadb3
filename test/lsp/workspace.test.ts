// The workspace as the server sees it (issue 16, point 4), through the real
// server over JSON-RPC: files created, changed and deleted on disk reach the
// open documents that import them (workspace/didChangeWatchedFiles, which the
// server registers when the client can watch); closing an unsaved buffer
// re-checks its importers against the disk; workspace/symbol lists the
// layers, models and ops of every .dlnet file; definition on an import's
// string goes to the file.

import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WorkspaceSymbolRequest,
  type Location,
  type SymbolInformation,
} from "vscode-languageserver-protocol/node";
import { EDITOR_CAPABILITIES, positionOf, TestClient } from "./client";

const BLOCKS = `layer ResBlock(ch: int) {
  input x: f32[B, ch, H, W]
  h = x -> Conv2d(ch, kernel: 3, padding: 1) -> ReLU
  output y = relu(x + h)
}

op swish(x) = x * sigmoid(x)
`;
const MODEL = `import "lib/blocks.dlnet"

model Net {
  input x: f32[batch, 8, 28, 28]
  output y = x -> ResBlock(8) -> Flatten -> Linear(10)
}
`;

let dir: string;
let client: TestClient;
const pathOf = (name: string) => join(dir, name);
const uriOf = (name: string) => pathToFileURL(pathOf(name)).href;
const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code).sort();

const watched = (name: string, type: FileChangeType) => client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(name), type }] });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-lsp-ws-"));
  mkdirSync(join(dir, "lib"));
  client = new TestClient();
  await client.initialize(dir, { ...EDITOR_CAPABILITIES, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
});

afterEach(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("workspace", () => {
  it("registers file watching with a client that can, for sources and data files", async () => {
    await expect.poll(() => client.registrations.map((r) => r.method)).toEqual(["workspace/didChangeWatchedFiles"]);
    const globs = (client.registrations[0].registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    expect(globs).toContain("**/*.dlnet");
    expect(globs.some((g) => g.includes("safetensors"))).toBe(true);
  });

  it("re-checks an importer when its import is created, changed and deleted on disk", async () => {
    writeFileSync(pathOf("model.dlnet"), MODEL);
    const missing = client.diagnostics(uriOf("model.dlnet"), (d) => d.length > 0);
    const model = await client.open(pathOf("model.dlnet"), MODEL);
    expect(codes(await missing)).toContain("DL2007");

    let next = client.diagnostics(model, (d) => d.length === 0);
    writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS);
    await watched("lib/blocks.dlnet", FileChangeType.Created);
    expect(await next).toEqual([]);

    next = client.diagnostics(model, (d) => d.length > 0);
    writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS.replace("layer ResBlock", "layer Residual"));
    await watched("lib/blocks.dlnet", FileChangeType.Changed);
    const broken = await next;
    expect(codes(broken)).toEqual(["DL2003"]);
    expect(broken[0].message).toContain("ResBlock");

    next = client.diagnostics(model, (d) => d.some((x) => x.code === "DL2007"));
    unlinkSync(pathOf("lib/blocks.dlnet"));
    await watched("lib/blocks.dlnet", FileChangeType.Deleted);
    await next;
  });

  it("re-checks an importer against the disk when an unsaved buffer of its import is closed", async () => {
    writeFileSync(pathOf("model.dlnet"), MODEL);
    writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS);
    const clean = client.diagnostics(uriOf("model.dlnet"));
    const model = await client.open(pathOf("model.dlnet"), MODEL);
    expect(await clean).toEqual([]);
    const blocks = await client.open(pathOf("lib/blocks.dlnet"), BLOCKS);
    const broken = client.diagnostics(model, (d) => d.length > 0);
    await client.change(blocks, BLOCKS.replace("layer ResBlock", "layer Residual"));
    expect(codes(await broken)).toEqual(["DL2003"]);
    // Closed without saving: the disk still has ResBlock.
    const fixed = client.diagnostics(model, (d) => d.length === 0);
    await client.closeDocument(blocks);
    expect(await fixed).toEqual([]);
  });

  it("lists the workspace's layers, models and ops, open or not, filtered by the query", async () => {
    writeFileSync(pathOf("model.dlnet"), MODEL);
    writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS);
    mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
    writeFileSync(join(dir, "node_modules", "dep", "x.dlnet"), BLOCKS);
    mkdirSync(join(dir, ".hidden"));
    writeFileSync(join(dir, ".hidden", "x.dlnet"), BLOCKS);
    const all = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: "" })) as SymbolInformation[];
    const summary = (xs: SymbolInformation[]) => xs.map((s) => `${s.name}@${s.location.uri.slice(pathToFileURL(dir).href.length + 1)}:${s.location.range.start.line}`).sort();
    expect(summary(all)).toEqual(["Net@model.dlnet:2", "ResBlock@lib/blocks.dlnet:0", "swish@lib/blocks.dlnet:6"]);
    expect(all.find((s) => s.name === "swish")!.containerName).toBe("blocks.dlnet");
    const rb = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: "rb" })) as SymbolInformation[];
    expect(summary(rb)).toEqual(["ResBlock@lib/blocks.dlnet:0"]);
    // A new file is listed once the client reports it.
    writeFileSync(pathOf("lib/more.dlnet"), "layer Rbx {\n  input x: f32[B, 4]\n  output y = x -> ReLU\n}\n");
    await watched("lib/more.dlnet", FileChangeType.Created);
    const again = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: "rb" })) as SymbolInformation[];
    expect(summary(again)).toEqual(["Rbx@lib/more.dlnet:0", "ResBlock@lib/blocks.dlnet:0"]);
  });

  it("goes from an import's string to the file it loads, and nowhere for a missing one", async () => {
    writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS);
    const text = MODEL + 'import "nope.dlnet"\n';
    const model = await client.open(pathOf("model.dlnet"), text);
    const def = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: model }, position: positionOf(text, "blocks.dlnet") })) as Location;
    expect(def).toEqual({ uri: uriOf("lib/blocks.dlnet"), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    const none = await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: model }, position: positionOf(text, "nope") });
    expect(none).toBeNull();
  });
});
