// Keystroke cost independent of the data on disk (issue 16, point 2): the
// checker reads a safetensors header and a CSV's first line, never the whole
// file, and refuses FIFOs and devices instead of blocking on them. Driven
// through the real server over JSON-RPC.

import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, writeSync, ftruncateSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HoverRequest } from "vscode-languageserver-protocol/node";
import { positionOf, tempWorkspace } from "./client";

const ws = tempWorkspace("dlnet-lsp-data-");

const write = ws.write;

/** A safetensors file of `bytes` bytes: a real header, then zeros (sparse on disk, but read as 100 MB). */
function safetensors(name: string, header: object, bytes: number): string {
  const p = join(ws.dir, name);
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  const fd = openSync(p, "w");
  writeSync(fd, len);
  writeSync(fd, json);
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return p;
}

const MB = 1024 * 1024;
const model = (data: string, init: string) => `model M {
  input x: f32[batch, 16]
  output y = x -> Linear(4)
}

train M {
  data      = ${data}
  feed x    = data.x
  loss      = mse(y, data.y)
  optimizer = Adam(lr: 1e-3)
  epochs    = 1
  init      = "${init}"
}
`;

/** Median time from a change to its diagnostics, alternating a clean and a broken version. */
async function editCost(uri: string, text: string, rounds: number): Promise<number[]> {
  const broken = text.replace("epochs    = 1", "epochs    = 0");
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const next = k % 2 === 0 ? broken : text;
    const want = k % 2 === 0 ? 1 : 0;
    const t0 = performance.now();
    const got = ws.client.diagnostics(uri, (d) => d.length === want);
    await ws.client.change(uri, next);
    await got;
    times.push(performance.now() - t0);
  }
  return times;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("data files on every keystroke", () => {
  it("a 100 MB checkpoint, dataset and corpus beside a model cost an edit no more than 2x the same edit without them", async () => {
    const fields = { x: { dtype: "F32", shape: [1000, 16], data_offsets: [0, 64000] }, y: { dtype: "F32", shape: [1000, 4], data_offsets: [64000, 80000] } };
    mkdirSync(join(ws.dir, "big"));
    mkdirSync(join(ws.dir, "small"));
    safetensors("big/ckpt.safetensors", { "fc.weight": { dtype: "F32", shape: [4, 16], data_offsets: [0, 256] } }, 100 * MB);
    safetensors("big/data.safetensors", fields, 100 * MB);
    safetensors("small/ckpt.safetensors", { "fc.weight": { dtype: "F32", shape: [4, 16], data_offsets: [0, 256] } }, 512);
    safetensors("small/data.safetensors", fields, 80_200);
    const text = model(`tensors(path: "data.safetensors")`, "ckpt.safetensors");
    const bigUri = await ws.client.open(write("big/m.dlnet", text), text);
    const smallUri = await ws.client.open(write("small/m.dlnet", text), text);
    expect(await ws.client.diagnostics(bigUri)).toEqual([]);
    expect(await ws.client.diagnostics(smallUri)).toEqual([]);

    // Interleaved rounds, so both see the same machine load.
    const big: number[] = [];
    const small: number[] = [];
    for (let r = 0; r < 4; r++) {
      big.push(...(await editCost(bigUri, text, 4)));
      small.push(...(await editCost(smallUri, text, 4)));
    }
    console.log(`edit -> diagnostics, median of ${big.length}: with 100 MB files ${median(big).toFixed(1)} ms, without ${median(small).toFixed(1)} ms`);
    // 2x, plus 10 ms for timer noise on a shared machine (the whole-file read it replaces took seconds).
    expect(median(big)).toBeLessThan(2 * median(small) + 10);
  });

  it("a 100 MB text() corpus is not read either", async () => {
    mkdirSync(join(ws.dir, "corpus"));
    const fd = openSync(join(ws.dir, "corpus/big.txt"), "w");
    ftruncateSync(fd, 100 * MB);
    closeSync(fd);
    const text = `model M {
  input x: i32[batch, 8]
  output y = x -> Embedding(256, 8) -> Linear(256)
}

train M {
  data      = text(path: "big.txt", context: 8)
  feed x    = data.tokens
  loss      = cross_entropy(y, data.targets)
  optimizer = Adam(lr: 1e-3)
  epochs    = 1
}
`;
    const uri = await ws.client.open(write("corpus/m.dlnet", text), text);
    expect(await ws.client.diagnostics(uri)).toEqual([]);
    const times = await editCost(uri, text, 6);
    expect(median(times)).toBeLessThan(1000);
  });

  it("an import of a FIFO or a device, and a FIFO as data, are answered with diagnostics (the server does not block)", async () => {
    mkdirSync(join(ws.dir, "fifo"));
    execFileSync("mkfifo", [join(ws.dir, "fifo/pipe.dlnet"), join(ws.dir, "fifo/pipe.csv")]);
    const text = `import "pipe.dlnet"
import "/dev/urandom"

model M {
  input x: f32[batch, 3]
  output y = x -> Linear(2)
}

train M {
  data      = csv(path: "pipe.csv", label: "y")
  feed x    = data.features
  loss      = mse(y, data.label)
  optimizer = SGD(lr: 0.1)
}
`;
    const uri = await ws.client.open(write("fifo/m.dlnet", text), text);
    const diags = await ws.client.diagnostics(uri, (d) => d.length >= 3);
    const lines = diags.map((d) => `${d.range.start.line}:${d.code} ${d.message}`);
    expect(lines).toContainEqual(expect.stringMatching(/^0:DL2007 cannot import 'pipe.dlnet': .* is not a regular file/));
    expect(lines).toContainEqual(expect.stringMatching(/^1:DL2007 cannot import '\/dev\/urandom': .* is not a regular file/));
    expect(lines).toContainEqual(expect.stringMatching(/^9:DL4003 data file 'pipe.csv' is not a regular file/));
    // Still answering requests.
    const h = await ws.client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "Linear") });
    expect(JSON.stringify(h)).toContain("Linear");
  });
});
