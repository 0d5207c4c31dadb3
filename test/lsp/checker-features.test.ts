// The features that stand on the checker, over JSON-RPC with a spawned
// server, on two files where one imports the other: types on hover and as
// inlay hints, definition, references and rename across the import, quick
// fixes from did-you-mean diagnostics, and an unsaved edit of the imported
// file (open in the editor) winning over the disk.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  SignatureHelpRequest,
  ReferencesRequest,
  RenameRequest,
  type CodeAction,
  type Location,
  type MarkupContent,
} from "vscode-languageserver-protocol/node";
import { applyTextEdits, positionOf, TestClient } from "./client";

const BLOCKS = `layer ResBlock(ch: int) {
  input x: f32[B, ch, H, W]
  h = x -> Conv2d(ch, kernel: 3, padding: 1) -> BatchNorm -> ReLU
  output y = relu(x + h)
}
`;
const MODEL = `import "blocks.dlnet"

model Net {
  input x: f32[batch, 1, 28, 28]
  h = x -> Conv2d(8, kernel: 3, padding: 1) -> ResBlock(8)
  output logits = h -> Flatten -> Linear(10)
}
`;

let dir: string;
let client: TestClient;
let blocksUri: string;
let modelUri: string;


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-lsp-check-"));
  writeFileSync(join(dir, "blocks.dlnet"), BLOCKS);
  writeFileSync(join(dir, "model.dlnet"), MODEL);
  client = new TestClient();
  await client.initialize(dir);
  modelUri = await client.open(join(dir, "model.dlnet"), MODEL);
  expect(await client.diagnostics(modelUri)).toEqual([]);
  blocksUri = await client.open(join(dir, "blocks.dlnet"), BLOCKS);
  expect(await client.diagnostics(blocksUri)).toEqual([]);
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("checker-backed features", () => {
  it("hovers a binding with its dtype and shape", async () => {
    const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "h -> Flatten") });
    expect((h!.contents as MarkupContent).value).toContain("h: f32[batch, 8, 28, 28]");
    const stage = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "Flatten", 2) });
    expect((stage!.contents as MarkupContent).value).toContain("Flatten: f32[batch, 6272]");
  });

  it("hovers a user layer used as a stage with its output type and its header from the imported file", async () => {
    const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "ResBlock(8)", 2) });
    const text = (h!.contents as MarkupContent).value;
    expect(text).toContain("ResBlock: f32[batch, 8, 28, 28]");
    expect(text).toContain("layer ResBlock(ch: int) {\n  input x: f32[B, ch, H, W]\n  output y\n}");
  });

  it("highlights a binding's occurrences and folds declarations and long pipes", async () => {
    const hl = await client.conn.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "h -> Flatten") });
    expect(hl!.map((x) => [x.range.start, x.kind])).toEqual([
      [positionOf(MODEL, "h = x"), 3],
      [positionOf(MODEL, "h -> Flatten"), 2],
    ]);
    const folds = await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: modelUri } });
    expect(folds).toContainEqual({ startLine: positionOf(MODEL, "model Net").line, endLine: positionOf(MODEL, "}").line });
  });

  it("completes bindings with their types, hyperparameters in scope and user layers with snippets", async () => {
    const GPT = `layer Block(d: int, heads: int, p: float = 0.1) {
  input x: f32[B, T, d]
  a = x -> LayerNorm
  h = x + Dropout(p)(a)
  output y = h -> 
}

model TinyGPT(vocab: int = 96, d: int = 128) {
  input tokens: i32[batch, 64]
  output logits = tokens -> Embedding(vocab, d) -> Block(d, heads: 4) -> Linear(vocab)
}
`;
    const uri = await client.open(join(dir, "gpt.dlnet"), GPT);
    const items = await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(GPT, "h -> ", 5) });
    const list = Array.isArray(items) ? items : items!.items;
    const byLabel = new Map(list.map((i) => [i.label, i]));
    expect(byLabel.get("a")?.detail).toBe("f32[batch, 64, 128]");
    expect(byLabel.get("h")?.detail).toBe("f32[batch, 64, 128]");
    expect(byLabel.get("p")?.detail).toBe("hyperparameter: float");
    expect(byLabel.get("heads")?.detail).toBe("hyperparameter: int");
    expect(byLabel.has("y")).toBe(false); // not yet bound where the cursor is
    expect(byLabel.get("ResBlock")).toBeUndefined(); // not imported by this file
    const model = await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(GPT, "-> Linear(vocab)", 3) });
    const block = (Array.isArray(model) ? model : model!.items).find((i) => i.label === "Block");
    expect(block?.insertText).toBe("Block(${1:d}, ${2:heads})");
    expect(block?.insertTextFormat).toBe(2);
  });

  it("shows a user layer's hyperparameters as its signature", async () => {
    const s = await client.conn.sendRequest(SignatureHelpRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "ResBlock(8)", 9) });
    expect(s!.signatures[0].label).toBe("ResBlock(ch: int)");
    expect(s!.activeParameter).toBe(0);
  });

  it("hovers a data field with its batched type", async () => {
    const TRAIN = "model Net {\n  input x: f32[batch, 784]\n  output logits = x -> Linear(10)\n}\n\ntrain Net {\n  data = mnist(train: 100, test: 10)\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = SGD(lr: 0.1)\n  epochs = 1\n}\n";
    const uri = await client.open(join(dir, "train.dlnet"), TRAIN);
    const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(TRAIN, "label)", 1) });
    expect((h!.contents as MarkupContent).value).toContain("label: i32[batch]");
  });

  it("shows the shape after each pipe stage as inlay hints", async () => {
    const hints = await client.conn.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: modelUri },
      range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } },
    });
    const at = (needle: string) => hints!.find((x) => x.position.line === positionOf(MODEL, needle).line && x.position.character === positionOf(MODEL, needle, needle.length).character);
    expect(at("Conv2d(8, kernel: 3, padding: 1)")?.label).toBe("f32[batch, 8, 28, 28]");
    expect(at("ResBlock(8)")?.label).toBe("f32[batch, 8, 28, 28]");
    expect(at("Flatten")?.label).toBe("f32[batch, 6272]");
    expect(at("Linear(10)")?.label).toBe("f32[batch, 10]");
  });

  it("goes to a layer's definition in the imported file", async () => {
    const def = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "ResBlock(8)", 3) })) as Location;
    expect(def.uri).toBe(blocksUri);
    expect(def.range).toEqual({ start: positionOf(BLOCKS, "ResBlock"), end: positionOf(BLOCKS, "ResBlock", 8) });
  });

  it("finds references of a binding, with and without its declaration", async () => {
    const pos = positionOf(MODEL, "h = x");
    const all = await client.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri: modelUri }, position: pos, context: { includeDeclaration: true } });
    expect(all!.map((l) => l.range.start)).toEqual([positionOf(MODEL, "h = x"), positionOf(MODEL, "h -> Flatten")]);
    const uses = await client.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri: modelUri }, position: pos, context: { includeDeclaration: false } });
    expect(uses!.map((l) => l.range.start)).toEqual([positionOf(MODEL, "h -> Flatten")]);
  });

  it("finds a layer's uses in the files that import it, from its declaration", async () => {
    const refs = await client.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri: blocksUri }, position: positionOf(BLOCKS, "ResBlock", 2), context: { includeDeclaration: true } });
    const where = refs!.map((l) => `${l.uri === blocksUri ? "blocks" : "model"}:${l.range.start.line}:${l.range.start.character}`).sort();
    const use = positionOf(MODEL, "ResBlock(8)");
    const decl = positionOf(BLOCKS, "ResBlock");
    expect(where).toEqual([`blocks:${decl.line}:${decl.character}`, `model:${use.line}:${use.character}`]);
  });

  it("renames a binding and a layer across files", async () => {
    const prep = await client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "h -> Flatten") });
    expect(prep).toEqual({ start: positionOf(MODEL, "h -> Flatten"), end: positionOf(MODEL, "h -> Flatten", 1) });
    const edit = await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "h -> Flatten"), newName: "hidden" });
    expect(applyTextEdits(MODEL, edit!.changes![modelUri])).toBe(MODEL.replace("h = x", "hidden = x").replace("h -> Flatten", "hidden -> Flatten"));
    const layer = await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "ResBlock(8)", 1), newName: "Residual" });
    expect(applyTextEdits(MODEL, layer!.changes![modelUri])).toBe(MODEL.replace("ResBlock(8)", "Residual(8)"));
    expect(applyTextEdits(BLOCKS, layer!.changes![blocksUri])).toBe(BLOCKS.replace("layer ResBlock", "layer Residual"));
    const bad = client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: modelUri }, position: positionOf(MODEL, "h -> Flatten"), newName: "model" });
    await expect(bad).rejects.toThrow("'model' is a keyword");
  });

  it("offers the did-you-mean fix of a diagnostic as a quick fix that repairs the file", async () => {
    const typo = MODEL.replace("Linear(10)", "Linaer(10)");
    await client.change(modelUri, typo);
    const diags = await client.diagnostics(modelUri, (d) => d.some((x) => x.code === "DL2003"));
    const d = diags.find((x) => x.code === "DL2003")!;
    expect(d.message).toContain("did you mean 'Linear'");
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: modelUri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    expect(actions[0].title).toBe("Replace with 'Linear'");
    expect(actions[0].isPreferred).toBe(true);
    const fixed = applyTextEdits(typo, actions[0].edit!.changes![modelUri]);
    expect(fixed).toBe(MODEL);
    await client.change(modelUri, fixed);
    expect(await client.diagnostics(modelUri, (x) => x.length === 0)).toEqual([]);
  });

  it("checks an import against its unsaved text in the editor, not the disk", async () => {
    await client.change(blocksUri, BLOCKS.replace("layer ResBlock", "layer ResBlock2"));
    const diags = await client.diagnostics(modelUri, (d) => d.length > 0);
    expect(diags.map((x) => x.code)).toContain("DL2003");
    expect(diags.find((x) => x.code === "DL2003")!.message).toContain("ResBlock");
    await client.change(blocksUri, BLOCKS);
    expect(await client.diagnostics(modelUri, (d) => d.length === 0)).toEqual([]);
  });
});
