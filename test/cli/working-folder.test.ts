// The CLI's working folder is its context's `cwd`, not the process's: an
// editor, the playground and the doc-snippet test call `main` in process with
// another folder. A train block's data file and `init` weights, named relative
// to the .dlnet file, must be found from that folder by train, sample and
// export --pytorch (they were looked up from the process's folder).

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dlnetInProcess, ROOT } from "./run-cli";

let dir: string;
beforeAll(() => {
  // A folder name the repository does not have, so nothing resolves by chance from the process's folder.
  dir = mkdtempSync(join(tmpdir(), "dlnet-cwd-"));
  mkdirSync(join(dir, "proj/data"), { recursive: true });
  const lines = readFileSync(join(ROOT, "examples/data/reverse.txt"), "utf8").split("\n").slice(0, 80);
  writeFileSync(join(dir, "proj/data/reverse.txt"), lines.join("\n") + "\n");
  const model = readFileSync(join(ROOT, "examples/reverse.dlnet"), "utf8");
  writeFileSync(join(dir, "proj/rev.dlnet"), model);
  const init = model.replace(/(\n\s*seed\s*=\s*1)/, '$1\n  init = "first.safetensors"');
  expect(init).not.toBe(model);
  writeFileSync(join(dir, "proj/rev_init.dlnet"), init);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("relative file names in a train block resolve against the CLI's working folder", () => {
  it("train reads the data file and init weights; sample and export --pytorch read them too", async () => {
    expect(existsSync(join(process.cwd(), "proj"))).toBe(false);
    const first = await dlnetInProcess(["train", "proj/rev.dlnet", "--steps", "1", "--backend", "cpu", "--out", "proj/first.safetensors"], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const second = await dlnetInProcess(["train", "proj/rev_init.dlnet", "--steps", "1", "--backend", "cpu", "--out", "second.safetensors"], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(join(dir, "second.safetensors"))).toBe(true);
    const sample = await dlnetInProcess(["sample", "proj/rev.dlnet", "--weights", "proj/first.safetensors", "--prompt", "0571|", "--tokens", "5"], { cwd: dir });
    expect(sample.code, sample.stderr).toBe(0);
    const exported = await dlnetInProcess(["export", "proj/rev_init.dlnet", "--pytorch", "out"], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(join(dir, "out/init.safetensors"))).toBe(true);
    expect(existsSync(join(dir, "out/data.safetensors"))).toBe(true);
  });

  it("a missing init file is reported by the name the train block gives", async () => {
    copyFileSync(join(dir, "proj/rev_init.dlnet"), join(dir, "proj/rev_missing.dlnet"));
    writeFileSync(join(dir, "proj/rev_missing.dlnet"), readFileSync(join(dir, "proj/rev_missing.dlnet"), "utf8").replace("first.safetensors", "absent.safetensors"));
    const r = await dlnetInProcess(["train", "proj/rev_missing.dlnet", "--steps", "1", "--backend", "cpu"], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("'proj/absent.safetensors' does not exist");
  });
});
