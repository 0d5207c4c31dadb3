import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/compiler/diagnostics";
import { writeSafetensors } from "../../../src/runtime/checkpoint/safetensors";
import { csv, mnist, mnistAll, openDataset, parseCsv, tensors, text } from "../../../src/runtime/data";
import { mnistFrom } from "../../../src/runtime/data/mnist";
import { decodeMnistDigits, encodeMnistDigits } from "../../../src/runtime/data/mnist-asset";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-data-"));
  mkdirSync(join(dir, "sub"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("mnist", () => {
  it("holds the package's 10,000 digits, pixels in [0, 1], labels 0..9", () => {
    const all = mnistAll();
    expect(all.size).toBe(10000);
    const { image, label } = all.fields;
    expect(image.length).toBe(10000 * 784);
    let min = Infinity;
    let max = -Infinity;
    for (const v of image) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 1]);
    const counts = new Array(10).fill(0);
    for (const l of label) counts[l]++;
    expect(counts.every((c) => c > 800)).toBe(true);
    // every image has ink
    for (let i = 0; i < 10000; i += 997) expect(image.subarray(i * 784, (i + 1) * 784).some((v) => v > 0.5)).toBe(true);
  });

  it("splits deterministically into disjoint train and test sets with every class in both", () => {
    const a = mnist({ train: 800, test: 200 });
    const b = mnist({ train: 800, test: 200 });
    expect(a.train.fields.image).toEqual(b.train.fields.image);
    expect(a.fields).toEqual({ image: { dtype: "f32", shape: [784] }, label: { dtype: "i32", shape: [] } });
    expect(a.train.size).toBe(800);
    expect(a.test.size).toBe(200);
    // test is the 200 digits after the first 800 of the fixed order: the start of a larger train set's tail
    const big = mnist({ train: 1000, test: 0 });
    expect(a.test.fields.label).toEqual(big.train.fields.label.subarray(800));
    expect(a.test.fields.image).toEqual(big.train.fields.image.subarray(800 * 784));
    for (const s of [a.train, a.test]) expect(new Set(s.fields.label).size).toBe(10);
    const trainCounts = new Array(10).fill(0);
    for (const l of a.train.fields.label) trainCounts[l]++;
    expect(Math.min(...trainCounts)).toBeGreaterThan(60); // stratified: roughly 80 each
  });

  it("uses the defaults of the language (8000 + 2000) and refuses more digits than exist", () => {
    const d = mnist();
    expect([d.train.size, d.test.size]).toEqual([8000, 2000]);
    expect(userError(() => mnist({ train: 9000, test: 2000 }))).toContain("asks for 11000 digits but the mnist package has 10000");
    expect(userError(() => mnist({ train: 10.5 }))).toContain("whole number");
  });

  it("the playground's digits asset (one byte per pixel) decodes to exactly the package's values, and cuts the same splits", () => {
    const all = mnistAll();
    const bytes = encodeMnistDigits(all);
    expect(bytes.length).toBe(4 + 10000 * 785);
    const back = decodeMnistDigits(bytes);
    expect(back.size).toBe(all.size);
    expect(back.fields.label).toEqual(all.fields.label);
    const [a, b] = [all.fields.image as Float32Array, back.fields.image as Float32Array];
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
    expect(differ).toBe(0);
    const [x, y] = [mnist({ train: 900, test: 100, digits: [3, 8] }), mnistFrom(back, { train: 900, test: 100, digits: [3, 8] })];
    expect(y.test.fields.label).toEqual(x.test.fields.label);
    expect(y.train.fields.image).toEqual(x.train.fields.image);
    expect(() => decodeMnistDigits(bytes.subarray(0, bytes.length - 1))).toThrow(/7850003 bytes, expected 7850004 for 10000 digits/);
    expect(() => decodeMnistDigits(new Uint8Array(2))).toThrow(/empty or truncated/);
    // A pixel that is not k/255 to 3 decimals has no byte: encoding refuses rather than round it.
    const odd = { size: 1, fields: { image: new Float32Array(784).fill(0.5), label: Int32Array.of(3) } };
    expect(() => encodeMnistDigits(odd)).toThrow(/pixel 0 \(0.5\) is not k\/255/);
  });
});

describe("csv", () => {
  it("parses RFC 4180 basics: quotes, doubled quotes, commas and line breaks in quotes, CRLF", () => {
    const { rows, lines } = parseCsv('a,b\r\n"x, ""y""",2\r\n"multi\nline",3\n\n4,5');
    expect(rows).toEqual([["a", "b"], ['x, "y"', "2"], ["multi\nline", "3"], ["4", "5"]]);
    expect(lines).toEqual([1, 2, 3, 6]);
    expect(userError(() => parseCsv('a\n"open'))).toContain("never closed");
  });

  it("reads features and a class-name label; relative paths resolve against baseDir", () => {
    const rows = ["w,x,species,y"];
    for (let i = 0; i < 10; i++) rows.push(`${i},${i * 2},"${["setosa", "virginica"][i % 2]}",${i / 10}`);
    writeFileSync(join(dir, "sub", "iris.csv"), rows.join("\n") + "\n");
    const d = csv({ path: "iris.csv", features: ["x", "w"], label: "species", classes: 2, test: 0.2 }, join(dir, "sub"));
    expect(d.fields).toEqual({ features: { dtype: "f32", shape: [2] }, label: { dtype: "i32", shape: [] } });
    expect(d.info.classes).toEqual(["setosa", "virginica"]);
    expect([d.train.size, d.test.size]).toEqual([8, 2]);
    // test rows are evenly spread: rows 2 and 7
    expect([...d.test.fields.features]).toEqual([4, 2, 14, 7]);
    expect([...d.test.fields.label]).toEqual([0, 1]);
    const reg = csv({ path: join(dir, "sub", "iris.csv"), features: ["w"], label: "y", test: 0 });
    expect(reg.fields.label.dtype).toBe("f32");
    expect(reg.train.fields.label[3]).toBeCloseTo(0.3);
  });

  it("takes every other column as features by default and integer labels as class indices", () => {
    writeFileSync(join(dir, "int.csv"), "a,label,b\n1,0,2\n3,2,4\n5,1,6\n7,0,8\n9,1,10\n");
    const d = csv({ path: join(dir, "int.csv"), label: "label", classes: 3, test: 0 });
    expect([...d.train.fields.features]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...d.train.fields.label]).toEqual([0, 2, 1, 0, 1]);
    expect(userError(() => csv({ path: join(dir, "int.csv"), label: "label", classes: 2 }))).toContain("class 2 is outside 0..1");
  });

  it("names the line and column of a bad cell, and unknown columns", () => {
    writeFileSync(join(dir, "bad.csv"), "a,b\n1,2\n3,oops\n");
    expect(userError(() => csv({ path: join(dir, "bad.csv"), label: "b" }))).toContain("line 3, column 'b': 'oops' is not a number");
    expect(userError(() => csv({ path: join(dir, "bad.csv"), label: "c" }))).toContain("no column 'c' (columns: a, b)");
    writeFileSync(join(dir, "ragged.csv"), "a,b\n1,2\n3\n");
    expect(userError(() => csv({ path: join(dir, "ragged.csv"), label: "b" }))).toContain("line 3 has 1 fields");
    expect(userError(() => csv({ path: join(dir, "missing.csv"), label: "b" }))).toContain("no such file");
  });
});

describe("text", () => {
  it("makes char tokens with sorted vocabulary, targets shifted by one, test from the tail", () => {
    const body = "hello world, hello dlnet! ".repeat(4); // 104 chars
    writeFileSync(join(dir, "t.txt"), body);
    const d = text({ path: "t.txt", context: 8, test: 0.25 }, dir);
    const vocab = d.info.vocab as string[];
    expect(vocab).toEqual([...new Set(body)].sort());
    expect(d.fields).toEqual({ tokens: { dtype: "i32", shape: [8] }, targets: { dtype: "i32", shape: [8] } });
    const n = Math.floor((body.length - 1) / 8); // 12 windows
    expect(d.train.size + d.test.size).toBe(n);
    expect(d.test.size).toBe(3);
    const decode = (a: ArrayLike<number>) => Array.from(a, (i) => vocab[i]).join("");
    expect(decode(d.train.fields.tokens.subarray(0, 8))).toBe(body.slice(0, 8));
    expect(decode(d.train.fields.targets.subarray(0, 8))).toBe(body.slice(1, 9));
    expect(decode(d.test.fields.tokens.subarray(0, 8))).toBe(body.slice(72, 80));
  });

  it("counts code points, not UTF-16 units, and refuses too short a text", () => {
    writeFileSync(join(dir, "u.txt"), "a😀b😀a😀");
    const d = text({ path: join(dir, "u.txt"), context: 2, test: 0 });
    expect(d.info.vocab).toEqual(["a", "b", "😀"]);
    expect(d.train.size).toBe(2);
    expect(userError(() => text({ path: join(dir, "u.txt"), context: 6 }))).toContain("too few");
  });
});

describe("tensors", () => {
  it("uses each tensor as a field (first dim = samples), converting dtypes, with an optional even test split", () => {
    const path = join(dir, "d.safetensors");
    writeSafetensors(path, {
      x: { dtype: "f64", shape: [5, 2], data: Float64Array.from({ length: 10 }, (_, i) => i) },
      y: { dtype: "i64", shape: [5], data: BigInt64Array.of(0n, 1n, 2n, 3n, 4n) },
    });
    const d = tensors({ path: "d.safetensors", test: 0.2 }, dir);
    expect(d.fields).toEqual({ x: { dtype: "f32", shape: [2] }, y: { dtype: "i32", shape: [] } });
    expect([...d.test.fields.y]).toEqual([2]);
    expect([...d.train.fields.x]).toEqual([0, 1, 2, 3, 6, 7, 8, 9]);
    expect(tensors({ path }).test.size).toBe(0);
  });

  it("takes train/ and test/ prefixes as explicit splits", () => {
    const path = join(dir, "split.safetensors");
    writeSafetensors(path, {
      "train/x": { dtype: "f32", shape: [3, 1], data: Float32Array.of(1, 2, 3) },
      "train/y": { dtype: "u8", shape: [3], data: Uint8Array.of(0, 1, 0) },
      "test/x": { dtype: "f32", shape: [1, 1], data: Float32Array.of(9) },
      "test/y": { dtype: "u8", shape: [1], data: Uint8Array.of(1) },
    });
    const d = openDataset({ source: "tensors", args: { path: "split.safetensors" } }, dir);
    expect(d.fields).toEqual({ x: { dtype: "f32", shape: [1] }, y: { dtype: "i32", shape: [] } });
    expect([d.train.size, d.test.size]).toEqual([3, 1]);
    expect([...d.test.fields.x]).toEqual([9]);
  });

  it("refuses fields with different sample counts, a missing test/ half, or out-of-range i64", () => {
    const p1 = join(dir, "bad1.safetensors");
    writeSafetensors(p1, {
      a: { dtype: "f32", shape: [2], data: Float32Array.of(1, 2) },
      b: { dtype: "f32", shape: [3], data: Float32Array.of(1, 2, 3) },
    });
    expect(userError(() => tensors({ path: p1 }))).toContain("has 3 samples but 'a' has 2");
    const p2 = join(dir, "bad2.safetensors");
    writeSafetensors(p2, { "train/a": { dtype: "f32", shape: [2], data: Float32Array.of(1, 2) } });
    expect(userError(() => tensors({ path: p2 }))).toContain("needs both 'train/a' and 'test/a'");
    const p3 = join(dir, "bad3.safetensors");
    writeSafetensors(p3, { a: { dtype: "i64", shape: [1], data: BigInt64Array.of(1n << 40n) } });
    expect(userError(() => tensors({ path: p3 }))).toContain("does not fit in i32");
  });
});

describe("openDataset", () => {
  it("dispatches by source name and prefers the checker's resolved path", () => {
    writeFileSync(join(dir, "o.txt"), "abcabcabcabc");
    const d = openDataset({ source: "text", args: { path: "elsewhere/o.txt", context: 3, test: 0 }, path: join(dir, "o.txt") }, "/nonexistent");
    expect(d.train.size).toBe(3);
    expect(userError(() => openDataset({ source: "imagenet", args: {} }, dir))).toContain("unknown data source 'imagenet'");
  });
});
