// Diagnostics that belong to another file (issue 16, point 1), through the
// real server over JSON-RPC: an error the analysis of one document finds in a
// file it imports is published to that file (open or not), and shows in the
// analysed document too, at the call that instantiates the failing layer (or
// the import that loads the file), with relatedInformation pointing at it.

import { describe, expect, it } from "vitest";
import { HoverRequest, type Diagnostic, type MarkupContent } from "vscode-languageserver-protocol/node";
import { positionOf, tempWorkspace } from "./client";

const ws = tempWorkspace("dlnet-lsp-xfile-", { each: true });

const write = ws.file;

const range = (text: string, needle: string, nth = 0) => ({ start: positionOf(text, needle, 0, nth), end: positionOf(text, needle, needle.length, nth) });
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

const layer = (name: string) => `layer ${name} {\n  input x: f32[B, 4]\n  output y = x -> Linear(4)\n}\n`;

describe("diagnostics of other files", () => {
  it("publishes an import cycle to both files when only one is open, and clears it when the cycle is broken", async () => {
    const a = write("a.dlnet", `import "b.dlnet"\n\n${layer("A")}`);
    const b = write("b.dlnet", `import "a.dlnet"\n\n${layer("Bl")}`);
    const inB = ws.client.diagnostics(b.uri, (d) => d.length > 0);
    const inA = ws.client.diagnostics(a.uri, (d) => d.length > 0);
    await ws.client.open(a.path, a.text);
    // The cycle is reported where it closes: b's import of a.
    const bDiags = await inB;
    expect(bDiags.map((d) => [d.code, d.range])).toEqual([["DL2008", range(b.text, '"a.dlnet"')]]);
    expect(bDiags[0].message).toContain("import cycle");
    // In a, at the import that leads there, pointing at it.
    const aDiags = await inA;
    expect(aDiags.map((d) => [d.code, d.range])).toEqual([["DL2008", range(a.text, '"b.dlnet"')]]);
    expect(aDiags[0].message).toContain("b.dlnet:1");
    expect(aDiags[0].relatedInformation?.[0].location).toEqual({ uri: b.uri, range: range(b.text, '"a.dlnet"') });

    // Opening b too: each file shows the cycle once.
    await ws.client.open(b.path, b.text);
    await ws.client.diagnostics(b.uri, (d) => d.length > 0);
    const fixed = b.text.replace('import "a.dlnet"\n', "");
    const bClear = ws.client.diagnostics(b.uri, (d) => d.length === 0);
    const aClear = ws.client.diagnostics(a.uri, (d) => d.length === 0);
    await ws.client.change(b.uri, fixed);
    expect(await bClear).toEqual([]);
    expect(await aClear).toEqual([]);
  });

  it("shows each file's own cycle error once when both are open", async () => {
    const a = write("a.dlnet", `import "b.dlnet"\n\n${layer("A")}`);
    const b = write("b.dlnet", `import "a.dlnet"\n\n${layer("Bl")}`);
    const first = ws.client.diagnostics(a.uri, (d) => d.length > 0);
    await ws.client.open(a.path, a.text);
    await first;
    // b's own analysis reports the cycle in a (a's import of b); a's reports it in b.
    const own = ws.client.diagnostics(a.uri, (d) => d.some((x) => !String(x.message).includes("b.dlnet:")));
    await ws.client.open(b.path, b.text);
    const aDiags = await own;
    expect(codes(aDiags)).toEqual(["DL2008"]);
    expect(aDiags[0].range).toEqual(range(a.text, '"b.dlnet"'));
  });

  it("reports a layer that fails only when instantiated from another file in both files, and hovers the call", async () => {
    const att = write("att.dlnet", "layer Att(h: int) {\n  input x: f32[B, T, 8]\n  output y = x -> MultiHeadAttention(heads: h)\n}\n");
    const m = write("m.dlnet", 'import "att.dlnet"\n\nmodel M {\n  input x: f32[batch, 16, 8]\n  output y = x -> Att(3)\n}\n');
    const inAtt = ws.client.diagnostics(att.uri, (d) => d.length > 0);
    const inM = ws.client.diagnostics(m.uri, (d) => d.length > 0);
    await ws.client.open(m.path, m.text);
    const attDiags = await inAtt;
    expect(attDiags.map((d) => [d.code, d.range])).toEqual([["DL3001", range(att.text, "MultiHeadAttention(heads: h)")]]);
    expect(attDiags[0].message).toContain("not divisible by num_heads = 3");
    const mDiags = await inM;
    expect(mDiags.map((d) => [d.code, d.range])).toEqual([["DL3001", range(m.text, "Att")]]);
    expect(mDiags[0].message).toMatch(/^error in layer Att \(att\.dlnet:3\): .*not divisible by num_heads = 3/);
    expect(mDiags[0].relatedInformation?.[0].location).toEqual({ uri: att.uri, range: range(att.text, "MultiHeadAttention(heads: h)") });

    const h = await ws.client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: m.uri }, position: positionOf(m.text, "Att(3)", 1) });
    expect((h?.contents as MarkupContent | undefined)?.value).toContain("layer Att(h: int)");

    // Opening the layer's file keeps the error there (its own analysis has no instance with h = 3).
    const still = ws.client.diagnostics(att.uri);
    await ws.client.open(att.path, att.text);
    expect(codes(await still)).toEqual(["DL3001"]);
    // A valid instantiation clears both files.
    const attClear = ws.client.diagnostics(att.uri, (d) => d.length === 0);
    const mClear = ws.client.diagnostics(m.uri, (d) => d.length === 0);
    await ws.client.change(m.uri, m.text.replace("Att(3)", "Att(4)"));
    expect(await mClear).toEqual([]);
    expect(await attClear).toEqual([]);
  });

  it("follows the error through a layer that calls the failing one, and clears a closed file's contribution", async () => {
    const att = write("att.dlnet", "layer Att(h: int) {\n  input x: f32[B, T, 8]\n  output y = x -> MultiHeadAttention(heads: h)\n}\n");
    const blk = write("blk.dlnet", 'import "att.dlnet"\n\nlayer Blk(n: int) {\n  input x: f32[B, T, 8]\n  output y = x + Att(n)(x)\n}\n');
    const m = write("m.dlnet", 'import "blk.dlnet"\n\nmodel M {\n  input x: f32[batch, 16, 8]\n  output y = x -> Blk(3)\n}\n');
    const inAtt = ws.client.diagnostics(att.uri, (d) => d.length > 0);
    const inM = ws.client.diagnostics(m.uri, (d) => d.length > 0);
    await ws.client.open(m.path, m.text);
    expect(codes(await inAtt)).toEqual(["DL3001"]);
    const mDiags = await inM;
    expect(mDiags.map((d) => [d.code, d.range])).toEqual([["DL3001", range(m.text, "Blk")]]);
    expect(mDiags[0].message).toMatch(/^error in layer Att \(att\.dlnet:3\)/);
    // Closing the only document that found it clears it from the layer's file.
    const cleared = ws.client.diagnostics(att.uri, (d) => d.length === 0);
    await ws.client.closeDocument(m.uri);
    expect(await cleared).toEqual([]);
  });
});
