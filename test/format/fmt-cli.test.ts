// `dlnet fmt` run as a user runs it (a spawned CLI): print, --check, --write,
// and a file with syntax errors reported and left alone.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { format } from "../../src/format/index";
import { root } from "./corpus";

const dir = mkdtempSync(join(tmpdir(), "dlnet-fmt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dlnet = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin/dlnet.js"), "fmt", ...args], { cwd: dir, encoding: "utf8" });

const MESSY = "model M {  input x: f32[b,4]\n\n\n output y = x->ReLU }\n";
const CLEAN = format(MESSY, "m.dlnet").text;

describe("dlnet fmt", () => {
  it("prints the formatted text", () => {
    writeFileSync(join(dir, "p.dlnet"), MESSY);
    const r = dlnet("p.dlnet");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CLEAN);
    expect(CLEAN).toBe("model M {\n  input x: f32[b, 4]\n\n  output y = x -> ReLU\n}\n");
    expect(readFileSync(join(dir, "p.dlnet"), "utf8")).toBe(MESSY);
  });

  it("--check lists unformatted files and exits 1; 0 when all are formatted", () => {
    writeFileSync(join(dir, "a.dlnet"), MESSY);
    writeFileSync(join(dir, "b.dlnet"), CLEAN);
    const r = dlnet("--check", "a.dlnet", "b.dlnet");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("a.dlnet\n");
    expect(dlnet("--check", "b.dlnet").status).toBe(0);
  });

  it("checks the .dlnet files under a folder, skipping hidden folders and node_modules", () => {
    const proj = join(dir, "proj");
    for (const d of ["models/deep", ".git", "node_modules/dep"]) mkdirSync(join(proj, d), { recursive: true });
    writeFileSync(join(proj, "top.dlnet"), CLEAN);
    writeFileSync(join(proj, "models/a.dlnet"), MESSY);
    writeFileSync(join(proj, "models/deep/b.dlnet"), MESSY);
    writeFileSync(join(proj, "models/notes.txt"), MESSY);
    writeFileSync(join(proj, ".git/x.dlnet"), MESSY);
    writeFileSync(join(proj, "node_modules/dep/x.dlnet"), MESSY);
    const r = dlnet("--check", "proj");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${join("proj", "models/a.dlnet")}\n${join("proj", "models/deep/b.dlnet")}\n`);
    expect(dlnet("--write", "proj").status).toBe(0);
    expect(dlnet("--check", "proj").status).toBe(0);
    expect(readFileSync(join(proj, "node_modules/dep/x.dlnet"), "utf8")).toBe(MESSY);
  });

  it("--write rewrites only files that change", () => {
    writeFileSync(join(dir, "w.dlnet"), MESSY);
    const r = dlnet("--write", "w.dlnet");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(join(dir, "w.dlnet"), "utf8")).toBe(CLEAN);
  });

  it("reports a file with syntax errors, exits 1 and never rewrites it", () => {
    const broken = "model M {\n  input x: f32[b, 4\n  output y = x\n}\n";
    writeFileSync(join(dir, "bad.dlnet"), broken);
    const r = dlnet("--write", "bad.dlnet");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[DL1\d{3}\]/);
    expect(r.stderr).toContain("bad.dlnet:");
    expect(readFileSync(join(dir, "bad.dlnet"), "utf8")).toBe(broken);
  });

  it("finds the examples in canonical format (`dlnet fmt --check examples`)", () => {
    const r = spawnSync(process.execPath, [join(root, "bin/dlnet.js"), "fmt", "--check", "examples"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout, "run `dlnet fmt --write examples` (or fix the formatter if its layout is worse)").toBe("");
    expect(r.status).toBe(0);
  });

  it("exits 2 for a file that cannot be read", () => {
    const r = dlnet("missing.dlnet");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot read 'missing.dlnet'");
  });
});
