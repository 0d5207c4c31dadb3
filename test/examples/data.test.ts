// The generated data of the examples is what scripts/gen-example-data.ts
// writes (deterministic, so the committed files can be rebuilt bit for bit),
// and each line is one window of the example that reads it.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTensors } from "../../src/runtime/checkpoint/safetensors";
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

  it("tagging.safetensors: 2,000 sequences of 6-12 digits padded with 10; tag 1 on a local peak, 0 elsewhere, -100 on padding", () => {
    const t = readTensors(join(ROOT, "examples/data/tagging.safetensors")).tensors;
    const [tokens, tags] = [t.get("tokens")!, t.get("tags")!];
    expect(tokens.shape).toEqual([2000, 12]);
    expect(tags.shape).toEqual([2000, 12]);
    for (let n = 0; n < 2000; n++) {
      const row = Array.from(tokens.data.slice(n * 12, n * 12 + 12));
      const len = row.indexOf(10) < 0 ? 12 : row.indexOf(10);
      expect(len).toBeGreaterThanOrEqual(6);
      for (let i = 0; i < 12; i++) {
        const want = i >= len ? -100 : row[i] > (i > 0 ? row[i - 1] : -1) && row[i] > (i + 1 < len ? row[i + 1] : -1) ? 1 : 0;
        if (i >= len) expect(row[i]).toBe(10);
        expect(tags.data[n * 12 + i]).toBe(want);
      }
    }
  });

  it("pairs.safetensors: 1,200 pairs of 16-d points; class labels in 0..3; same = 1 exactly when the classes match, for about half", () => {
    const t = readTensors(join(ROOT, "examples/data/pairs.safetensors")).tensors;
    expect(t.get("a")!.shape).toEqual([1200, 16]);
    expect(t.get("b")!.shape).toEqual([1200, 16]);
    expect(t.get("same")!.shape).toEqual([1200, 1]);
    const [ca, cb, same] = [t.get("class_a")!.data, t.get("class_b")!.data, t.get("same")!.data];
    let matches = 0;
    for (let n = 0; n < 1200; n++) {
      expect(ca[n] >= 0 && ca[n] < 4 && cb[n] >= 0 && cb[n] < 4).toBe(true);
      expect(same[n]).toBe(ca[n] === cb[n] ? 1 : 0);
      matches += same[n];
    }
    expect(matches).toBeGreaterThan(500);
    expect(matches).toBeLessThan(700);
  });
});
