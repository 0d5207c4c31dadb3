// Rename, references and hover on every use of a name (issue 16, point 3),
// through the real server over JSON-RPC: a model input is also named by
// `feed x` in train blocks; a rename the program would not survive (a
// keyword, an invalid name, a name already there) is refused with a message;
// a rename reaches the workspace files that use the name without being open.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type MarkupContent,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { applyTextEdits, positionOf, TestClient } from "./client";

const MODEL = `model Net(width: int = 16) {
  input x: f32[batch, 784]
  input mask: f32[batch, 784]
  h = x -> Linear(width) -> ReLU
  output logits = h -> Linear(10)
}

train Net {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  feed mask = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.1)
  epochs    = 1
}
`;
// A second file trains the same model: its `feed x` is a use of the input too.
const TRAIN = `import "net.dlnet"

train Net {
  data      = mnist(train: 100, test: 10)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam(lr: 0.001)
  epochs    = 2
}
`;
const BLOCKS = `layer ResBlock(ch: int) {
  input x: f32[B, ch, H, W]
  h = x -> Conv2d(ch, kernel: 3, padding: 1) -> ReLU
  output y = relu(x + h)
}

layer Other {
  input x: f32[B, 4]
  output y = x -> ReLU
}
`;
const USER = `import "../lib/blocks.dlnet"

model Deep {
  input img: f32[batch, 8, 28, 28]
  output y = img -> ResBlock(8) -> ResBlock(ch: 8) -> Flatten -> Linear(10)
}
`;

let dir: string;
let client: TestClient;
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;


const renameAt = (uri: string, position: { line: number; character: number }, newName: string) =>
  client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName }) as Promise<WorkspaceEdit | null>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-lsp-rename-"));
  mkdirSync(join(dir, "lib"));
  mkdirSync(join(dir, "app"));
  mkdirSync(join(dir, "node_modules", "x"), { recursive: true });
  writeFileSync(join(dir, "net.dlnet"), MODEL);
  writeFileSync(join(dir, "train2.dlnet"), TRAIN);
  writeFileSync(join(dir, "lib", "blocks.dlnet"), BLOCKS);
  writeFileSync(join(dir, "app", "user.dlnet"), USER);
  // Not part of the workspace's own files: never edited.
  writeFileSync(join(dir, "node_modules", "x", "dep.dlnet"), USER.replace("../lib/blocks.dlnet", "../../lib/blocks.dlnet"));
  client = new TestClient();
  await client.initialize(dir);
  const first = client.diagnostics(uriOf("net.dlnet"));
  await client.open(join(dir, "net.dlnet"), MODEL);
  expect(await first).toEqual([]);
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("rename", () => {
  it("renames a model input in its feeds, in this file and in a file that is not open", async () => {
    const net = uriOf("net.dlnet");
    for (const at of [positionOf(MODEL, "x: f32"), positionOf(MODEL, "x    = data")]) {
      const edit = await renameAt(net, at, "pixels");
      expect(Object.keys(edit!.changes!).sort()).toEqual([net, uriOf("train2.dlnet")]);
      expect(applyTextEdits(MODEL, edit!.changes![net])).toBe(MODEL.replace("input x:", "input pixels:").replace("h = x ->", "h = pixels ->").replace("feed x    =", "feed pixels    ="));
      expect(applyTextEdits(TRAIN, edit!.changes![uriOf("train2.dlnet")])).toBe(TRAIN.replace("feed x ", "feed pixels "));
    }
  });

  it("finds the feeds among an input's references and hovers a feed with the input's type", async () => {
    const net = uriOf("net.dlnet");
    const refs = await client.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri: net }, position: positionOf(MODEL, "x    = data"), context: { includeDeclaration: true } });
    const where = refs!.map((l) => `${l.uri === net ? "net" : "train2"}:${l.range.start.line}`).sort();
    expect(where).toEqual(["net:1", "net:3", "net:9", "train2:4"]);
    const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: net }, position: positionOf(MODEL, "mask = data") });
    expect((h!.contents as MarkupContent).value).toContain("input mask: f32[batch, 784]");
    expect((h!.contents as MarkupContent).value).toContain("model Net");
  });

  it("refuses a keyword, an invalid name and a name already there, saying why", async () => {
    const net = uriOf("net.dlnet");
    const at = positionOf(MODEL, "x: f32");
    await expect(renameAt(net, at, "train")).rejects.toThrow("'train' is a keyword");
    await expect(renameAt(net, at, "2x")).rejects.toThrow("'2x' is not a valid name");
    await expect(renameAt(net, at, "x-y")).rejects.toThrow("not a valid name");
    await expect(renameAt(net, at, "h")).rejects.toThrow("'h' already exists in model Net");
    await expect(renameAt(net, at, "mask")).rejects.toThrow("'mask' already exists in model Net");
    // Clashing only in the train block that feeds it (a name used there).
    await expect(renameAt(net, at, "logits")).rejects.toThrow("'logits' already exists");
    await expect(renameAt(net, positionOf(MODEL, "width: int"), "batch")).rejects.toThrow("'batch' already exists in model Net");
    await expect(renameAt(net, positionOf(MODEL, "Net("), "Linear")).rejects.toThrow("'Linear' would shadow the built-in layer");
    // A valid one still works from the same place.
    expect((await renameAt(net, at, "x2"))!.changes![net]).toHaveLength(3);
  });

  it("refuses to start on a built-in with a message, and on no name with null", async () => {
    const net = uriOf("net.dlnet");
    const prep = client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: net }, position: positionOf(MODEL, "Linear(width)", 2) });
    await expect(prep).rejects.toThrow("'Linear' is a built-in layer");
    const none = await client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: net }, position: positionOf(MODEL, "784") });
    expect(none).toBeNull();
  });

  it("renames a layer from its declaring file in an importer that is not open (and not in node_modules)", async () => {
    const blocks = await client.open(join(dir, "lib", "blocks.dlnet"), BLOCKS);
    const edit = await renameAt(blocks, positionOf(BLOCKS, "ResBlock", 1), "Residual");
    expect(Object.keys(edit!.changes!).sort()).toEqual([uriOf("app/user.dlnet"), blocks].sort());
    expect(applyTextEdits(BLOCKS, edit!.changes![blocks])).toBe(BLOCKS.replace("layer ResBlock", "layer Residual"));
    expect(applyTextEdits(USER, edit!.changes![uriOf("app/user.dlnet")])).toBe(USER.replaceAll("ResBlock(", "Residual("));
    await expect(renameAt(blocks, positionOf(BLOCKS, "ResBlock", 1), "Other")).rejects.toThrow("'Other' already exists: layer Other in blocks.dlnet");
    // A hyperparameter renames its keyword uses in the importer.
    const hp = await renameAt(blocks, positionOf(BLOCKS, "ch: int"), "channels");
    expect(applyTextEdits(USER, hp!.changes![uriOf("app/user.dlnet")])).toBe(USER.replace("ResBlock(ch: 8)", "ResBlock(channels: 8)"));
  });
});
