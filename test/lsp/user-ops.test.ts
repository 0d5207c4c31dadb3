// Two open documents that each define an op of the same name, through the
// real server over JSON-RPC (issue 12): each document is checked against its
// own op, hovers show its own signature, and a mistake in one is reported in
// that one only.

import { expect, it } from "vitest";
import { HoverRequest, type MarkupContent } from "vscode-languageserver-protocol/node";
import { positionOf, tempWorkspace } from "./client";

const ws = tempWorkspace("dlnet-lsp-ops-");

const write = ws.file;

const A = `op scale(x) = x * 2.0

model A {
  input x: f32[batch, 4]
  output y = scale(x)
}
`;
const B = `op scale(x, w) = x * w + 3.0

model B {
  input x: f32[batch, 4]
  output y = scale(x, x)
}
`;

async function hoverAt(uri: string, text: string, needle: string): Promise<string> {
  const h = await ws.client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, 1) });
  return (h?.contents as MarkupContent | undefined)?.value ?? "";
}

it("two open files defining different ops of one name: each is checked and hovered with its own", async () => {
  const a = write("a.dlnet", A);
  const b = write("b.dlnet", B);
  const aFirst = ws.client.diagnostics(a.uri);
  const bFirst = ws.client.diagnostics(b.uri);
  await ws.client.open(a.path, a.text);
  await ws.client.open(b.path, b.text);
  expect(await aFirst).toEqual([]);
  expect(await bFirst).toEqual([]);
  expect(await hoverAt(a.uri, A, "scale(x)\n")).toContain("scale(x)");
  expect(await hoverAt(a.uri, A, "scale(x)\n")).not.toContain("w");
  expect(await hoverAt(b.uri, B, "scale(x, x)")).toContain("scale(x, w)");

  // a calls scale with two operands: wrong for a's op, right for b's.
  const wrong = A.replace("output y = scale(x)", "output y = scale(x, x)");
  const errors = ws.client.diagnostics(a.uri, (d) => d.length > 0);
  await ws.client.change(a.uri, wrong);
  const aDiags = await errors;
  expect(aDiags.length).toBe(1);
  expect(aDiags[0].range.start.line).toBe(4);
  expect(aDiags[0].message).toContain("scale");
  // b, edited after a (a blank line), is still checked against its own op.
  const bAgain = ws.client.diagnostics(b.uri);
  await ws.client.change(b.uri, B + "\n");
  expect(await bAgain).toEqual([]);
  expect(await hoverAt(b.uri, B, "scale(x, x)")).toContain("scale(x, w)");
});
