// The language server checks layers no model instantiates its own way (each on
// its own state, without semantic tables until a request needs them, cached
// across edits: checkLayerCached). What it publishes must be what a plain
// `dlnet check` reports, error for error: on open and after edits, on a
// generated file where most layers are unused and many have a mistake.

import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HoverRequest, type Diagnostic, type MarkupContent } from "vscode-languageserver-protocol/node";
import { dlnetInProcess } from "../cli/run-cli";
import { positionOf, tempWorkspace } from "./client";
import { editLayer, seeded, unusedLayersFile } from "./unused-layers";

const ws = tempWorkspace("dlnet-lsp-unused-");

interface Plain {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const SEVERITY = ["", "error", "warning", "info", "hint"];

/** An LSP diagnostic in `dlnet check --json`'s terms (1-based positions). */
function asPlain(d: Diagnostic): Plain {
  const { start, end } = d.range;
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, severity: SEVERITY[d.severity ?? 1], code: String(d.code), message: typeof d.message === "string" ? d.message : (d.message as MarkupContent).value };
}

const key = (d: Plain) => JSON.stringify([d.line, d.column, d.endLine, d.endColumn, d.code, d.severity, d.message]);
const sorted = (ds: Plain[]) => ds.map(key).sort();

async function plainCheck(path: string): Promise<Plain[]> {
  const r = await dlnetInProcess(["check", "--json", path]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Plain[];
}

describe("layers no model instantiates", () => {
  it("publishes what `dlnet check` reports, on open and edit after edit", async () => {
    const path = ws.write("many.dlnet", unusedLayersFile(80, 7));
    let text = readFileSync(path, "utf8");
    const expected = await plainCheck(path);
    // The file exercises what it is meant to: errors and warnings in unused layers.
    expect(expected.filter((d) => d.severity === "error").length).toBeGreaterThan(25);
    expect(expected.filter((d) => d.severity === "warning").length).toBeGreaterThan(3);
    const first = ws.client.diagnostics(`file://${path}`);
    const uri = await ws.client.open(path, text);
    expect(sorted((await first).map(asPlain))).toEqual(sorted(expected));

    // Edits: unchanged layers come from the cache, changed ones are checked again.
    const rand = seeded(11);
    for (let k = 0; k < 5; k++) {
      text = editLayer(text, rand);
      writeFileSync(path, text);
      const want = sorted(await plainCheck(path));
      const got = ws.client.diagnostics(uri, (ds) => JSON.stringify(sorted(ds.map(asPlain))) === JSON.stringify(want), 10_000);
      await ws.client.change(uri, text);
      await expect(got, `edit ${k}`).resolves.toBeDefined();
    }

    // Hover inside an unused layer (the last of L0's kind; L0 itself is used): its types are made when asked for.
    const needle = "  h = x -> Linear(d) -> ReLU -> LayerNorm";
    const count = text.split(needle).length - 1;
    expect(count).toBeGreaterThan(1);
    const hover = await ws.client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, needle, 2, count - 1) });
    expect((hover?.contents as MarkupContent).value).toContain("f32[B, 16]");
  });
});
