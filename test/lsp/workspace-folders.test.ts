// Workspace folders added and removed while the server runs
// (workspace/didChangeWorkspaceFolders), through the real server over
// JSON-RPC: an added folder's files are indexed (workspace/symbol, references
// and rename reach its files that are not open), a removed folder's are
// dropped; open documents stay checked wherever they are, and their
// diagnostics go when the client closes them.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DidChangeWorkspaceFoldersNotification,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type InitializeResult,
  type Location,
  type SymbolInformation,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { EDITOR_CAPABILITIES, positionOf, TestClient } from "./client";

const BLOCKS = `layer ResBlock(ch: int) {
  input x: f32[B, ch, H, W]
  h = x -> Conv2d(ch, kernel: 3, padding: 1) -> ReLU
  output y = relu(x + h)
}
`;
const MODEL = `import "../lib/blocks.dlnet"

model Net {
  input x: f32[batch, 8, 28, 28]
  output y = x -> ResBlock(8) -> Flatten -> Linear(10)
}
`;

let dir: string;
let client: TestClient;
let init: InitializeResult;
const pathOf = (name: string) => join(dir, name);
const uriOf = (name: string) => pathToFileURL(pathOf(name)).href;
const rel = (uri: string) => uri.slice(pathToFileURL(dir).href.length + 1);
const folder = (name: string) => ({ uri: uriOf(name), name });

const symbols = async () =>
  ((await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: "" })) as SymbolInformation[]).map((s) => `${s.name}@${rel(s.location.uri)}`).sort();
const changeFolders = (added: string[], removed: string[]) =>
  client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: added.map(folder), removed: removed.map(folder) } });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-lsp-folders-"));
  for (const d of ["lib", "app", "other"]) mkdirSync(join(dir, d));
  writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS);
  writeFileSync(pathOf("app/model.dlnet"), MODEL);
  writeFileSync(pathOf("other/mlp.dlnet"), "model Mlp {\n  input x: f32[batch, 4]\n  output y = x -> Linear(2)\n}\n");
  client = new TestClient();
  init = await client.initialize(pathOf("lib"), { ...EDITOR_CAPABILITIES, workspace: { workspaceFolders: true } }, [pathOf("lib")]);
});

afterEach(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("workspace folders", () => {
  it("says it wants folder changes", () => {
    expect(init.capabilities.workspace?.workspaceFolders).toEqual({ supported: true, changeNotifications: true });
  });

  it("indexes an added folder and drops a removed one: workspace symbols, references and rename", async () => {
    expect(await symbols()).toEqual(["ResBlock@lib/blocks.dlnet"]);
    const blocks = await client.open(pathOf("lib/blocks.dlnet"), BLOCKS);
    const at = { textDocument: { uri: blocks }, position: positionOf(BLOCKS, "ResBlock") };
    const refs = async () =>
      ((await client.conn.sendRequest(ReferencesRequest.type, { ...at, context: { includeDeclaration: true } })) as Location[]).map((l) => rel(l.uri)).sort();
    const renamed = async () => Object.keys(((await client.conn.sendRequest(RenameRequest.type, { ...at, newName: "Residual" })) as WorkspaceEdit).changes ?? {}).map(rel).sort();
    // app/ is not a workspace folder yet: its use of ResBlock is unknown.
    expect(await refs()).toEqual(["lib/blocks.dlnet"]);

    await changeFolders(["app", "other"], []);
    expect(await symbols()).toEqual(["Mlp@other/mlp.dlnet", "Net@app/model.dlnet", "ResBlock@lib/blocks.dlnet"]);
    expect(await refs()).toEqual(["app/model.dlnet", "lib/blocks.dlnet"]);
    expect(await renamed()).toEqual(["app/model.dlnet", "lib/blocks.dlnet"]);

    // lib/ removed: blocks.dlnet is still open, so still listed; other/ removed: gone.
    await changeFolders([], ["lib", "other"]);
    expect(await symbols()).toEqual(["Net@app/model.dlnet", "ResBlock@lib/blocks.dlnet"]);
    await client.closeDocument(blocks);
    expect(await symbols()).toEqual(["Net@app/model.dlnet"]);

    await changeFolders([], ["app"]);
    expect(await symbols()).toEqual([]);
  });

  it("takes Neovim 0.7's form of an added folder (removed: [{}])", async () => {
    await client.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [folder("app")], removed: [{} as { uri: string; name: string }] },
    });
    expect(await symbols()).toEqual(["Net@app/model.dlnet", "ResBlock@lib/blocks.dlnet"]);
  });

  it("keeps checking a document open in a removed folder, and clears its diagnostics and those it caused elsewhere when it closes", async () => {
    const model = await client.open(pathOf("app/model.dlnet"), MODEL);
    // An error in lib/blocks.dlnet (not open), found by checking app/model.dlnet.
    writeFileSync(pathOf("lib/blocks.dlnet"), BLOCKS.replace("relu(x + h)", "relu(x + hh)"));
    await changeFolders(["app"], []);
    const broken = `${MODEL}\n`;
    const inBlocks = client.diagnostics(uriOf("lib/blocks.dlnet"), (d) => d.length > 0);
    await client.change(model, broken);
    expect((await inBlocks).length).toBeGreaterThan(0);
    await changeFolders([], ["app", "lib"]);
    // Still open: an edit is still checked.
    const unknown = client.diagnostics(model, (d) => d.some((x) => x.code === "DL2001"));
    await client.change(model, broken.replace("Flatten", "Flaten"));
    expect((await unknown).length).toBeGreaterThan(0);
    const cleared = client.diagnostics(uriOf("lib/blocks.dlnet"), (d) => d.length === 0);
    const clearedModel = client.diagnostics(model, (d) => d.length === 0);
    await client.closeDocument(model);
    expect(await cleared).toEqual([]);
    expect(await clearedModel).toEqual([]);
    expect(await symbols()).toEqual([]);
  });
});
