// When diagnostics are published after edits (src/lsp/server.ts): a burst of
// changes ends with the last version's diagnostics; an edit re-publishes the
// open documents that import the edited one (with its unsaved text) and not
// the ones that do not; an edit of a 2,000-line file gets its diagnostics
// through a re-parse that reuses the unchanged declarations.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigFile, editOf } from "../../bench/lsp.bench";
import { TestClient } from "./client";

let dir: string;
let client: TestClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-lsp-sched-"));
  client = new TestClient();
  await client.initialize(dir);
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

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
    const uri = await client.open(write("burst.dlnet", text), text);
    expect(await client.diagnostics(uri)).toEqual([]);
    // five quick edits, the last one broken: its error must be what stays
    for (let k = 1; k <= 4; k++) void client.change(uri, text.replace("Linear(2)", `Linear(${k + 2})`));
    await client.change(uri, text.replace("Linear(2)", "Linaer(2)"));
    const last = await client.diagnostics(uri, (d) => d.some((x) => x.code === "DL2003"));
    expect(last.map((d) => d.code)).toEqual(["DL2003"]);
  });

  it("re-publishes importers of an edited file, with its unsaved text, and not unrelated files", async () => {
    const blocksUri = await client.open(write("blocks.dlnet", BLOCKS), BLOCKS);
    const mainUri = await client.open(write("main.dlnet", MAIN), MAIN);
    const otherUri = await client.open(write("other.dlnet", OTHER), OTHER);
    expect(await client.diagnostics(blocksUri)).toEqual([]);
    expect(await client.diagnostics(mainUri)).toEqual([]);
    expect(await client.diagnostics(otherUri)).toEqual([]);

    // Renaming the layer in the (unsaved) imported file breaks its importer.
    const mainBroken = client.diagnostics(mainUri, (d) => d.some((x) => x.code === "DL2003"));
    await client.change(blocksUri, BLOCKS.replace("layer Mlp", "layer Mlp2"));
    expect((await mainBroken).map((d) => d.code)).toEqual(["DL2003"]);

    // An edit of a file nobody imports publishes that file only.
    const mainAgain = client.diagnostics(mainUri, () => true, 1500).then(
      () => "published",
      () => "quiet",
    );
    const otherPublished = client.diagnostics(otherUri, (d) => d.length > 0);
    await client.change(otherUri, OTHER.replace("Linear(2)", "Linaer(2)"));
    expect((await otherPublished).map((d) => d.code)).toEqual(["DL2003"]);
    expect(await mainAgain).toBe("quiet");
  });

  it("edits of a 2,000-line file get their diagnostics", async () => {
    const text = bigFile(2000);
    const uri = await client.open(write("big.dlnet", text), text);
    const clean = await client.diagnostics(uri);
    for (let k = 0; k < 4; k++) {
      const got = client.diagnostics(uri);
      await client.change(uri, editOf(text, k));
      expect(await got).toEqual(clean); // width edits change no diagnostic
    }
    // a break in the middle of the file is found, and mended
    const broken = client.diagnostics(uri, (d) => d.some((x) => String(x.code).startsWith("DL1")));
    await client.change(uri, text.replace("Linear(4 * d)", "Linear(4 * d"));
    expect((await broken).filter((x) => String(x.code).startsWith("DL1")).length).toBeGreaterThan(0);
    const mended = client.diagnostics(uri, (d) => d.length === clean.length);
    await client.change(uri, text);
    expect(await mended).toEqual(clean);
  });
});
