// The language server driven over JSON-RPC by a real client: the CLI is
// spawned as an editor spawns it (`dlnet lsp --stdio`) and every feature is
// asked for on real files in a temporary folder.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type MarkupContent,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { format } from "../../src/format/index";
import { SEMANTIC_LEGEND } from "../../src/lsp/features/semantic-tokens";
import { applyTextEdits, positionOf, repoRoot, tempWorkspace } from "./client";

const MLP = readFileSync(join(repoRoot, "examples/mnist_mlp.dlnet"), "utf8");

const ws = tempWorkspace("dlnet-lsp-");

const write = ws.write;

const labels = (items: CompletionItem[] | { items: CompletionItem[] } | null) => (Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label);
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? "";

describe("language server", () => {
  it("publishes no diagnostics for a clean example, and an error for a broken edit that clears once repaired", async () => {
    const path = write("mlp.dlnet", MLP);
    const uri = await ws.client.open(path, MLP);
    expect(await ws.client.diagnostics(uri)).toEqual([]);
    const broken = MLP.replace("f32[batch, 784]", "f32[batch, 784");
    await ws.client.change(uri, broken);
    const errs = await ws.client.diagnostics(uri, (d) => d.length > 0);
    expect(errs[0].code).toMatch(/^DL1\d{3}$/);
    expect(errs[0].severity).toBe(1);
    expect(errs[0].source).toBe("dlnet");
    await ws.client.change(uri, MLP);
    expect(await ws.client.diagnostics(uri, (d) => d.length === 0)).toEqual([]);
  });

  it("hovers a built-in layer with its signature and doc", async () => {
    const uri = await ws.client.open(write("hover.dlnet", MLP), MLP);
    const h = await ws.client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(MLP, "Linear(128)", 3) });
    expect(hoverText(h)).toContain("Linear(in_features?: dim, out_features: dim, bias: bool = true)");
    expect(hoverText(h)).toContain("*layer*");
    expect(h!.range).toEqual({ start: positionOf(MLP, "Linear(128)"), end: positionOf(MLP, "Linear(128)", 6) });
  });

  it("completes layers after ->, keyword arguments in a call, data fields after data., settings in a train block", async () => {
    const text = MLP.replace("-> ReLU", "-> ").replace("Adam(lr: 1e-3)", "Adam(lr: 1e-3, )");
    const uri = await ws.client.open(write("complete.dlnet", text), text);
    const afterArrow = await ws.client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, "-> ", 3) });
    expect(labels(afterArrow)).toEqual(expect.arrayContaining(["Linear", "ReLU", "Conv2d", "relu", "softmax", "x"]));
    const kw = await ws.client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, "1e-3, ", 6) });
    expect(labels(kw)).toEqual(expect.arrayContaining(["weight_decay:", "eps:"]));
    expect(labels(kw)).not.toContain("lr:");
    const fields = await ws.client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, "data.image", 5) });
    expect(labels(fields).sort()).toEqual(["image", "label"]);
    const opt = await ws.client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, "Adam(", 0) });
    expect(labels(opt)).toEqual(expect.arrayContaining(["SGD", "Adam", "AdamW", "RMSProp"]));
    expect(labels(opt)).not.toContain("Linear");
  });

  it("shows signature help with the active parameter", async () => {
    const text = MLP.replace("Adam(lr: 1e-3)", "Adam(lr: 1e-3, eps: 1e-6)");
    const uri = await ws.client.open(write("sig.dlnet", text), text);
    const s = await ws.client.conn.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: positionOf(text, "eps: 1e-6", 6) });
    expect(s!.signatures[0].label).toMatch(/^Adam\(lr: float = 0.001, /);
    expect(s!.signatures[0].parameters![s!.activeParameter!].label).toBe("eps: float = 1e-8");
    const lin = await ws.client.conn.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: positionOf(text, "Linear(128)", 7) });
    expect(lin!.signatures[0].parameters![lin!.activeParameter!].label).toBe("out_features: dim");
  });

  it("lists document symbols: the model with its statements, the train block with its settings", async () => {
    const uri = await ws.client.open(write("symbols.dlnet", MLP), MLP);
    const syms = (await ws.client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(syms.map((s) => s.name)).toEqual(["SimpleNet", "train SimpleNet"]);
    expect(syms[0].children!.map((c) => c.name)).toEqual(["x", "logits"]);
    expect(syms[1].children!.map((c) => c.name)).toContain("feed x");
  });

  it("classifies names with semantic tokens", async () => {
    const uri = await ws.client.open(write("tokens.dlnet", MLP), MLP);
    const t = await ws.client.conn.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const lines = MLP.split("\n");
    const decoded: { text: string; type: string; mods: string[] }[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < t!.data.length; i += 5) {
      const [dl, dc, len, type, mods] = t!.data.slice(i, i + 5);
      line += dl;
      ch = dl ? dc : ch + dc;
      decoded.push({
        text: lines[line].slice(ch, ch + len),
        type: SEMANTIC_LEGEND.tokenTypes[type],
        mods: SEMANTIC_LEGEND.tokenModifiers.filter((_, b) => mods & (1 << b)),
      });
    }
    expect(decoded).toContainEqual({ text: "SimpleNet", type: "class", mods: ["declaration"] });
    expect(decoded).toContainEqual({ text: "Linear", type: "class", mods: ["defaultLibrary"] });
    expect(decoded).toContainEqual({ text: "cross_entropy", type: "function", mods: ["defaultLibrary"] });
    expect(decoded).toContainEqual({ text: "batch", type: "typeParameter", mods: [] });
    expect(decoded).toContainEqual({ text: "lr", type: "parameter", mods: [] });
  });

  it("formats a document as dlnet fmt does, and not one with syntax errors", async () => {
    const messy = MLP.replace("input  x", "input x").replace(/\n  /g, "\n      ");
    const uri = await ws.client.open(write("fmt.dlnet", messy), messy);
    const edits = (await ws.client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    // Small edits of the whitespace that changed, not the whole document (an editor keeps its marks).
    const formatted = format(messy, "fmt.dlnet").text;
    expect(applyTextEdits(messy, edits)).toBe(formatted);
    expect(edits.length).toBeGreaterThan(3);
    for (const e of edits) expect(e.newText).toMatch(/^\s*$/);
    // A range: only the edits that touch it (the first declaration's lines).
    const declEnd = messy.indexOf("}");
    const lastLine = messy.slice(0, declEnd).split("\n").length - 1;
    const range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: 1 } };
    const part = (await ws.client.conn.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThan(edits.length);
    for (const e of part) expect(e.range.start.line).toBeLessThanOrEqual(lastLine);
    const partly = applyTextEdits(messy, part);
    expect(partly.split("\n").slice(0, lastLine + 1)).toEqual(formatted.split("\n").slice(0, lastLine + 1));
    expect(partly.slice(partly.indexOf("}") + 1)).toBe(messy.slice(declEnd + 1));
    const broken = messy + "\nmodel {";
    const uri2 = await ws.client.open(write("fmt-broken.dlnet", broken), broken);
    expect(await ws.client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uri2 }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it("exits when the editor goes away without saying exit (stdin closed), with code 1", async () => {
    const p = spawn(process.execPath, [join(repoRoot, "bin/dlnet.js"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => p.on("exit", (code) => resolve(code)));
    p.stdin.end();
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 15_000));
    const result = await Promise.race([exited, timeout]);
    if (result === "still running") p.kill();
    expect(result).toBe(1);
  });
});
