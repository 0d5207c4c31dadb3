// The generated data of the examples is what scripts/gen-example-data.ts
// writes (deterministic, so the committed files can be rebuilt bit for bit),
// and each line is one window of the example that reads it.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./harness";

describe("examples/data", () => {
  it("matches the generator's output", () => {
    const r = spawnSync(process.execPath, ["bin/run-ts.js", "scripts/gen-example-data.ts", "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("reverse.txt: 5,000 distinct lines 'dddd|reversed', 10 characters each", () => {
    const lines = readFileSync(join(ROOT, "examples/data/reverse.txt"), "utf8").split("\n").slice(0, -1);
    expect(lines).toHaveLength(5000);
    expect(new Set(lines).size).toBe(5000);
    for (const l of lines) {
      expect(l).toMatch(/^\d{4}\|\d{4}$/);
      expect(l.slice(5)).toBe([...l.slice(0, 4)].reverse().join(""));
    }
  });

  it("addition.txt: 6,000 distinct lines 'aa+bb=ccc' with correct sums, 10 characters each", () => {
    const lines = readFileSync(join(ROOT, "examples/data/addition.txt"), "utf8").split("\n").slice(0, -1);
    expect(lines).toHaveLength(6000);
    expect(new Set(lines).size).toBe(6000);
    for (const l of lines) {
      const m = /^(\d\d)\+(\d\d)=(\d\d\d)$/.exec(l);
      expect(m, l).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(Number(m![3]));
    }
  });
});
