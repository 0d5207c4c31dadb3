// `dlnet export --pytorch` on bad input: what PyTorch cannot express is a
// DL5004 diagnostic at the construct and nothing is written; an OUT_DIR that
// exists and is not empty is refused without --force (and with it, files of
// other names in it are kept). No torch needed: PyTorch itself is exercised
// in test/compiler/codegen/pytorch.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dlnet, dlnetInProcess } from "./run-cli";

const NET = (name: string) => `model Net {
  input x: f32[batch, 4]
  output y = x -> Linear(8) as ${name} -> ReLU -> Linear(2)
}
`;

let dir: string;
const at = (f: string) => join(dir, f);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-export-pt-"));
  writeFileSync(at("ok.dlnet"), NET("hidden"));
  writeFileSync(at("forward.dlnet"), NET("forward"));
  writeFileSync(at("training.dlnet"), NET("training"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dlnet export --pytorch", () => {
  it("writes model.py and dlnet_io.py for a model without a train block", async () => {
    const r = await dlnetInProcess(["export", at("ok.dlnet"), "--pytorch", at("ok")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*ok: README\.md, dlnet_io\.py, model\.py \(model Net\)\n$/);
    const py = readFileSync(at("ok/model.py"), "utf8");
    expect(py).toContain("self.hidden = nn.Linear(4, 8, bias=True)");
    expect(py).toContain("self.linear_0 = nn.Linear(8, 2, bias=True)");
    expect(readdirSync(at("ok")).sort()).toEqual(["README.md", "dlnet_io.py", "model.py"]);
  });

  it("reports a name PyTorch reserves as DL5004 at the instance, and writes nothing", async () => {
    for (const name of ["forward", "training"]) {
      const r = await dlnet(["export", at(`${name}.dlnet`), "--pytorch", at(`out-${name}`)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error[DL5004]: cannot be expressed in PyTorch:");
      expect(r.stderr).toContain(`'${name}' cannot name a PyTorch submodule or parameter`);
      expect(r.stderr).toContain(`${name}.dlnet:3:19`);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(at(`out-${name}`))).toBe(false);
    }
  });

  it("refuses a non-empty OUT_DIR without --force, and keeps other files with it", async () => {
    mkdirSync(at("busy"));
    writeFileSync(at("busy/notes.txt"), "mine");
    writeFileSync(at("busy/model.py"), "old");
    const r = await dlnet(["export", at("ok.dlnet"), "--pytorch", at("busy")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dlnet: --pytorch .*busy: the folder is not empty; pass --force to write into it/);
    expect(readFileSync(at("busy/model.py"), "utf8")).toBe("old");
    const f = await dlnetInProcess(["export", at("ok.dlnet"), "--pytorch", at("busy"), "--force"]);
    expect(f.code).toBe(0);
    expect(readFileSync(at("busy/model.py"), "utf8")).toContain("class Net(nn.Module):");
    expect(readFileSync(at("busy/notes.txt"), "utf8")).toBe("mine");
    expect(readdirSync(dir).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("accepts an empty OUT_DIR; refuses a file as OUT_DIR and --onnx with --pytorch", async () => {
    mkdirSync(at("empty"));
    expect((await dlnetInProcess(["export", at("ok.dlnet"), "--pytorch", at("empty")])).code).toBe(0);
    writeFileSync(at("afile"), "x");
    const f = await dlnetInProcess(["export", at("ok.dlnet"), "--pytorch", at("afile")]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/exists and is not a folder/);
    const both = await dlnetInProcess(["export", at("ok.dlnet"), "--pytorch", at("x"), "--onnx", at("x.onnx")]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/choose one export per run/);
  });
});
