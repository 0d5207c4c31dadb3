// When diagnostics are published after edits (src/lsp/server.ts): a burst of
// changes ends with the last version's diagnostics; an edit re-publishes the
// open documents that import the edited one (with its unsaved text) and not
// the ones that do not; an edit of a 2,000-line file gets its diagnostics
// through a re-parse that reuses the unchanged declarations.

import { describe, expect, it } from "vitest";
import { bigFile, editOf } from "../../bench/lsp.bench";
import { tempWorkspace } from "./client";

const ws = tempWorkspace("dlnet-lsp-sched-");

const write = ws.write;

const BLOCKS = `layer Mlp(d: int) {
  input x: f32[b, d]
  output y = x -> Linear(d) -> ReLU
}
`;
const MAIN = `import "blocks.dlnet"
model M {
  input x: f32[batch, 8]
  output y = x -> Mlp(8)
}
`;
const OTHER = `model Other {
  input x: f32[batch, 4]
  output y = x -> Linear(2)
}
`;

describe("diagnostics scheduling", () => {
  it("a burst of changes ends with the last version's diagnostics", async () => {
    const text = OTHER.replace("Other", "Burst");
    const uri = await ws.client.open(write("burst.dlnet", text), text);
    expect(await ws.client.diagnostics(uri)).toEqual([]);
    // five quick edits, the last one broken: its error must be what stays
    for (let k = 1; k <= 4; k++) void ws.client.change(uri, text.replace("Linear(2)", `Linear(${k + 2})`));
    await ws.client.change(uri, text.replace("Linear(2)", "Linaer(2)"));
    const last = await ws.client.diagnostics(uri, (d) => d.some((x) => x.code === "DL2003"));
    expect(last.map((d) => d.code)).toEqual(["DL2003"]);
  });

  it("re-publishes importers of an edited file, with its unsaved text, and not unrelated files", async () => {
    const blocksUri = await ws.client.open(write("blocks.dlnet", BLOCKS), BLOCKS);
    const mainUri = await ws.client.open(write("main.dlnet", MAIN), MAIN);
    const otherUri = await ws.client.open(write("other.dlnet", OTHER), OTHER);
    expect(await ws.client.diagnostics(blocksUri)).toEqual([]);
    expect(await ws.client.diagnostics(mainUri)).toEqual([]);
    expect(await ws.client.diagnostics(otherUri)).toEqual([]);

    // Renaming the layer in the (unsaved) imported file breaks its importer.
    const mainBroken = ws.client.diagnostics(mainUri, (d) => d.some((x) => x.code === "DL2003"));
    await ws.client.change(blocksUri, BLOCKS.replace("layer Mlp", "layer Mlp2"));
    expect((await mainBroken).map((d) => d.code)).toEqual(["DL2003"]);

    // An edit of a file nobody imports publishes that file only.
    const mainAgain = ws.client.diagnostics(mainUri, () => true, 1500).then(
      () => "published",
      () => "quiet",
    );
    const otherPublished = ws.client.diagnostics(otherUri, (d) => d.length > 0);
    await ws.client.change(otherUri, OTHER.replace("Linear(2)", "Linaer(2)"));
    expect((await otherPublished).map((d) => d.code)).toEqual(["DL2003"]);
    expect(await mainAgain).toBe("quiet");
  });

  it("edits of a 2,000-line file get their diagnostics", async () => {
    const text = bigFile(2000);
    const uri = await ws.client.open(write("big.dlnet", text), text);
    const clean = await ws.client.diagnostics(uri);
    for (let k = 0; k < 4; k++) {
      const got = ws.client.diagnostics(uri);
      await ws.client.change(uri, editOf(text, k));
      expect(await got).toEqual(clean); // width edits change no diagnostic
    }
    // a break in the middle of the file is found, and mended
    const broken = ws.client.diagnostics(uri, (d) => d.some((x) => String(x.code).startsWith("DL1")));
    await ws.client.change(uri, text.replace("Linear(4 * d)", "Linear(4 * d"));
    expect((await broken).filter((x) => String(x.code).startsWith("DL1")).length).toBeGreaterThan(0);
    const mended = ws.client.diagnostics(uri, (d) => d.length === clean.length);
    await ws.client.change(uri, text);
    expect(await mended).toEqual(clean);
  });
});
