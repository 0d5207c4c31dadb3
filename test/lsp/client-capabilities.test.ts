// Answers shaped by what the client says it supports (issue 16, point 5):
// a client without snippet support gets plain insert texts, one without
// Markdown gets plain hovers and documentation, one without related
// information or diagnostic tags gets diagnostics without them. Through the
// real server over JSON-RPC, against the same server with an editor's
// capabilities.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompletionRequest, HoverRequest, type CompletionItem, type MarkupContent } from "vscode-languageserver-protocol/node";
import { snippetToText, markdownToText } from "../../src/lsp/client-caps";
import { EDITOR_CAPABILITIES, positionOf, TestClient } from "./client";

const TEXT = `layer Block(d: int, heads: int) {
  input x: f32[B, T, d]
  output y = x -> LayerNorm
}

model Net {
  input x: f32[batch, 16, 32]
  unused = x
  output logits = x -> Block(32, heads: 4) -> 
}
`;

let dir: string;
const clients: Record<"plain" | "editor", TestClient> = {} as never;
const uris: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-lsp-caps-"));
  writeFileSync(join(dir, "m.dlnet"), TEXT);
  for (const [name, caps] of [["plain", {}], ["editor", EDITOR_CAPABILITIES]] as const) {
    const c = (clients[name] = new TestClient());
    const init = await c.initialize(dir, caps);
    expect(init.capabilities.positionEncoding).toBe("utf-16");
    uris[name] = await c.open(join(dir, "m.dlnet"), TEXT);
  }
});

afterAll(async () => {
  for (const c of Object.values(clients)) await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

const completeAt = async (name: "plain" | "editor", needle: string, delta: number): Promise<CompletionItem[]> => {
  const r = await clients[name].conn.sendRequest(CompletionRequest.type, { textDocument: { uri: uris[name] }, position: positionOf(TEXT, needle, delta) });
  return Array.isArray(r) ? r : r!.items;
};

describe("client capabilities", () => {
  it("sends snippets only to a client that supports them, and their plain text to one that does not", async () => {
    for (const [needle, delta] of [["Block(32, heads: 4) -> ", 23], ["  unused", 0], ["heads: 4", 0]] as const) {
      const editor = await completeAt("editor", needle, delta);
      const plain = await completeAt("plain", needle, delta);
      expect(plain.map((i) => i.label)).toEqual(editor.map((i) => i.label));
      expect(editor.some((i) => i.insertTextFormat === 2)).toBe(true);
      for (const [i, p] of plain.entries()) {
        expect(p.insertTextFormat ?? 1).toBe(1);
        const e = editor[i];
        if (e.insertTextFormat === 2) expect(p.insertText).toBe(snippetToText(e.insertText!));
        else expect(p.insertText).toBe(e.insertText);
        if (p.documentation) expect((p.documentation as MarkupContent).kind).toBe("plaintext");
      }
    }
    const linear = (await completeAt("plain", "Block(32, heads: 4) -> ", 23)).find((i) => i.label === "Linear")!;
    expect(linear.insertText).toBe("Linear(out_features)");
  });

  it("hovers in Markdown or plain text as the client asks", async () => {
    const at = positionOf(TEXT, "LayerNorm");
    const md = await clients.editor.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uris.editor }, position: at });
    const plain = await clients.plain.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uris.plain }, position: at });
    expect((md!.contents as MarkupContent).kind).toBe("markdown");
    expect((md!.contents as MarkupContent).value).toContain("```dlnet");
    expect((plain!.contents as MarkupContent).kind).toBe("plaintext");
    expect((plain!.contents as MarkupContent).value).toBe(markdownToText((md!.contents as MarkupContent).value));
    expect((plain!.contents as MarkupContent).value).not.toMatch(/```|\*/);
    expect((plain!.contents as MarkupContent).value).toContain("LayerNorm");
  });

  it("leaves out diagnostic tags and related information a client cannot show", async () => {
    const broken = TEXT.replace("-> \n", "-> Linear(8)\n");
    const got: Record<string, unknown[]> = {};
    for (const name of ["editor", "plain"] as const) {
      const next = clients[name].diagnostics(uris[name], (d) => d.some((x) => x.code === "DL2010"));
      await clients[name].change(uris[name], broken);
      got[name] = await next;
    }
    const unused = (ds: unknown[]) => (ds as { code: string; tags?: number[] }[]).find((d) => d.code === "DL2010")!;
    expect(unused(got.editor).tags).toEqual([1]);
    expect(unused(got.plain).tags).toBeUndefined();
  });
});

describe("snippetToText", () => {
  it("keeps placeholder defaults and drops tab stops, choices and escapes as the snippet grammar says", () => {
    expect(snippetToText("Linear(${1:out_features})")).toBe("Linear(out_features)");
    expect(snippetToText("f32[$1]$0")).toBe("f32[]");
    expect(snippetToText("layer ${1:Name}(${2}) {\n\tinput ${3:x}: f32[${4:B}, ${5:d}]\n\toutput ${6:y} = $3$0\n}")).toBe("layer Name() {\n\tinput x: f32[B, d]\n\toutput y = \n}");
    expect(snippetToText("${1:outer ${2:inner}} ${3|relu,gelu|} \\$x \\}")).toBe("outer inner relu $x }");
    expect(snippetToText("plain text")).toBe("plain text");
  });
});
