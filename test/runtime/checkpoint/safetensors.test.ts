import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/compiler/diagnostics";
import { makeTensor } from "../../../src/compiler/tensor";
import {
  decodeSafetensors,
  encodeSafetensors,
  halfToFloat,
  readSafetensors,
  readTensors,
  writeSafetensors,
  type StoredTensor,
} from "../../../src/runtime/checkpoint/safetensors";

const dir = mkdtempSync(join(tmpdir(), "dlnet-st-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file built byte by byte from the format's description, not by our writer. */
function handMade(header: unknown, data: number[], pad = ""): Uint8Array {
  const json = Buffer.from(JSON.stringify(header) + pad, "utf8");
  const out = Buffer.alloc(8 + json.length + data.length);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  Buffer.from(data).copy(out, 8 + json.length);
  return out;
}

function le32f(...xs: number[]): number[] {
  const b = Buffer.alloc(4 * xs.length);
  xs.forEach((x, i) => b.writeFloatLE(x, 4 * i));
  return [...b];
}

function expectUserError(fn: () => unknown, ...fragments: string[]): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UserError);
  for (const f of fragments) expect((err as Error).message).toContain(f);
}

const sample = (): Map<string, StoredTensor> =>
  new Map<string, StoredTensor>([
    ["fc1.weight", { dtype: "f32", shape: [2, 3], data: Float32Array.of(1, -2.5, 3, 0.125, 1e-8, -0) }],
    ["fc1.bias", { dtype: "f64", shape: [3], data: Float64Array.of(Math.PI, -1e300, 5e-324) }],
    ["step", { dtype: "i64", shape: [], data: BigInt64Array.of(-(2n ** 62n)) }],
    ["labels", { dtype: "i32", shape: [4], data: Int32Array.of(0, -1, 2 ** 31 - 1, -(2 ** 31)) }],
    ["pixels", { dtype: "u8", shape: [2, 2], data: Uint8Array.of(0, 255, 7, 128) }],
    ["mask", { dtype: "bool", shape: [3], data: Uint8Array.of(1, 0, 1) }],
    ["empty", { dtype: "f32", shape: [0, 4], data: new Float32Array(0) }],
  ]);

describe("safetensors round trip", () => {
  it("keeps names, order, dtypes, shapes, values and metadata", () => {
    const path = join(dir, "rt.safetensors");
    writeSafetensors(path, sample(), { format: "dlnet", epoch: "3" });
    const back = readSafetensors(path);
    expect([...back.tensors.keys()]).toEqual([...sample().keys()]);
    for (const [name, t] of sample()) {
      const r = back.tensors.get(name)!;
      expect(r.dtype).toBe(t.dtype);
      expect(r.shape).toEqual(t.shape);
      expect(r.data.constructor).toBe(t.data.constructor);
      expect([...r.data]).toEqual([...t.data]);
    }
    expect(Object.is(back.tensors.get("fc1.weight")!.data[5], -0)).toBe(true);
    expect(back.metadata).toEqual({ format: "dlnet", epoch: "3" });
  });

  it("writes the layout of the specification: u64 LE length, padded JSON, contiguous data", () => {
    const bytes = Buffer.from(encodeSafetensors(sample(), { a: "b" }));
    const n = Number(bytes.readBigUInt64LE(0));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + n).toString("utf8"));
    expect(header.__metadata__).toEqual({ a: "b" });
    expect(header["fc1.weight"]).toEqual({ dtype: "F32", shape: [2, 3], data_offsets: [0, 24] });
    expect(header["fc1.bias"].data_offsets).toEqual([24, 48]);
    expect(header.mask.dtype).toBe("BOOL");
    expect(bytes.readFloatLE(8 + n + 4)).toBe(-2.5);
    expect(bytes.length).toBe(8 + n + 24 + 24 + 8 + 16 + 4 + 3);
  });

  it("accepts a plain object of tensors", () => {
    const bytes = encodeSafetensors({ w: { dtype: "f32", shape: [1], data: Float32Array.of(7) } });
    expect([...decodeSafetensors(bytes, "x").tensors.get("w")!.data]).toEqual([7]);
  });

  it("refuses to write a tensor whose data does not match its shape or dtype", () => {
    expect(() => encodeSafetensors({ w: { dtype: "f32", shape: [2], data: Float32Array.of(1) } })).toThrow(/shape/);
    expect(() => encodeSafetensors({ w: { dtype: "i32", shape: [1], data: Float32Array.of(1) } })).toThrow(/Float32Array/);
  });
});

describe("safetensors interop with a hand-made file", () => {
  it("reads F32, I64, F16, BF16, BOOL and metadata written from the spec", () => {
    const f16 = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x3555]; // 1, -2, 65504, 2^-24, inf, ~1/3
    const f16Bytes = f16.flatMap((h) => [h & 0xff, h >> 8]);
    const bf16Bytes = [0x80, 0x3f, 0x40, 0xc0]; // 0x3f80 = 1, 0xc040 = -3
    const i64 = Buffer.alloc(16);
    i64.writeBigInt64LE(-5n, 0);
    i64.writeBigInt64LE(1n << 40n, 8);
    const data = [...le32f(0.5, -1.25), ...i64, ...f16Bytes, ...bf16Bytes, 1, 0];
    const header = {
      __metadata__: { format: "pt" },
      a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
      b: { dtype: "I64", shape: [2, 1], data_offsets: [8, 24] },
      h: { dtype: "F16", shape: [6], data_offsets: [24, 36] },
      g: { dtype: "BF16", shape: [2], data_offsets: [36, 40] },
      m: { dtype: "BOOL", shape: [2], data_offsets: [40, 42] },
    };
    const file = decodeSafetensors(handMade(header, data, "   "), "hand.safetensors");
    expect(file.metadata).toEqual({ format: "pt" });
    expect([...file.tensors.get("a")!.data]).toEqual([0.5, -1.25]);
    expect(file.tensors.get("b")).toEqual({ dtype: "i64", shape: [2, 1], data: BigInt64Array.of(-5n, 1n << 40n) });
    const h = file.tensors.get("h")!;
    expect(h.dtype).toBe("f32");
    expect([...h.data].slice(0, 5)).toEqual([1, -2, 65504, 2 ** -24, Infinity]);
    expect(h.data[5]).toBeCloseTo(1 / 3, 3);
    expect([...file.tensors.get("g")!.data]).toEqual([1, -3]);
    expect(file.tensors.get("m")).toEqual({ dtype: "bool", shape: [2], data: Uint8Array.of(1, 0) });
  });

  it("decodes half floats including subnormals and NaN", () => {
    expect(halfToFloat(0x0000)).toBe(0);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(halfToFloat(0x03ff)).toBe(1023 * 2 ** -24);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });
});

describe("safetensors corruption gives a UserError naming the file", () => {
  const good = { x: { dtype: "F32", shape: [2], data_offsets: [0, 8] } };
  const cases: [string, () => Uint8Array, string][] = [
    ["fewer than 8 bytes", () => Uint8Array.of(1, 2, 3), "fewer than the 8-byte header length"],
    [
      "header length beyond the file",
      () => {
        const b = Buffer.from(handMade(good, le32f(1, 2)));
        b.writeBigUInt64LE(1n << 60n, 0);
        return b;
      },
      "larger than the rest of the file",
    ],
    ["invalid JSON", () => handMade("x", []).map((v, i) => (i === 8 ? 0x7b : v)), "not valid JSON"],
    ["a header that is not an object", () => handMade([1, 2], []), "not a JSON object"],
    ["offsets past the data (truncated)", () => handMade(good, le32f(1)), "truncated"],
    [
      "overlapping offsets",
      () =>
        handMade(
          { x: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, y: { dtype: "F32", shape: [1], data_offsets: [4, 8] } },
          le32f(1, 2),
        ),
      "overlap",
    ],
    [
      "byte count that disagrees with dtype × shape",
      () => handMade({ x: { dtype: "F64", shape: [2], data_offsets: [0, 8] } }, le32f(1, 2)),
      "needs 16 bytes",
    ],
    ["an unknown dtype", () => handMade({ x: { dtype: "F8_E4M3", shape: [8], data_offsets: [0, 8] } }, le32f(1, 2)), "unsupported dtype"],
    ["a negative dimension", () => handMade({ x: { dtype: "F32", shape: [-2], data_offsets: [0, 8] } }, le32f(1, 2)), "invalid shape"],
    ["offsets that are not a pair", () => handMade({ x: { dtype: "F32", shape: [2], data_offsets: [0] } }, le32f(1, 2)), "data_offsets"],
    ["reversed offsets", () => handMade({ x: { dtype: "F32", shape: [0], data_offsets: [8, 0] } }, le32f(1, 2)), "end before"],
    ["a non-string metadata value", () => handMade({ __metadata__: { a: 1 } }, []), "not a string"],
    ["an entry that is not an object", () => handMade({ x: 3 }, []), "not an object"],
  ];
  for (const [what, bytes, fragment] of cases) {
    it(what, () => expectUserError(() => decodeSafetensors(bytes(), "bad.safetensors"), "'bad.safetensors'", fragment));
  }

  it("a truncated file on disk", () => {
    const path = join(dir, "cut.safetensors");
    const full = encodeSafetensors(sample());
    writeFileSync(path, full.subarray(0, full.length - 5));
    expectUserError(() => readSafetensors(path), path, "truncated");
  });

  it("a missing file or a folder", () => {
    expectUserError(() => readSafetensors(join(dir, "nope.safetensors")), "no such file");
    expectUserError(() => readSafetensors(dir), "is a directory");
  });
});

describe("atomic writes", () => {
  it("replaces an existing file and leaves no temp file behind", () => {
    const path = join(dir, "atomic.safetensors");
    writeSafetensors(path, { a: { dtype: "f32", shape: [1], data: Float32Array.of(1) } });
    writeSafetensors(path, { b: { dtype: "f32", shape: [1], data: Float32Array.of(2) } });
    expect([...readSafetensors(path).tensors.keys()]).toEqual(["b"]);
    expect(readdirSync(dir).filter((f) => f.includes("atomic"))).toEqual(["atomic.safetensors"]);
  });

  it("fails with a UserError in a folder that does not exist", () => {
    expectUserError(
      () => writeSafetensors(join(dir, "no/such/dir/x.safetensors"), {}),
      "cannot write",
    );
  });

  it("a process killed while writing leaves the old or the new checkpoint, never a broken one", async () => {
    const path = join(dir, "killed.safetensors");
    writeSafetensors(path, { old: { dtype: "f32", shape: [4], data: Float32Array.of(1, 2, 3, 4) } });
    const mod = resolve("src/runtime/checkpoint/safetensors.ts");
    const script = `
      const { writeSafetensors } = await import(${JSON.stringify(mod)});
      const big = new Float32Array(8_000_000).fill(0.5);
      process.stdout.write("go\\n");
      for (let i = 0; ; i++) writeSafetensors(${JSON.stringify(path)}, { ["new" + i]: { dtype: "f32", shape: [big.length], data: big } });
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((res) => child.stdout.once("data", () => res()));
    await new Promise((r) => setTimeout(r, 400));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const back = readSafetensors(path); // must not throw
    const [name] = back.tensors.keys();
    expect(name === "old" || name.startsWith("new")).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).length).toBeGreaterThan(8);
  });
});

describe("runtime tensors", () => {
  it("writes runtime Tensors as they are and reads i64/u8 back as i32", () => {
    const path = join(dir, "runtime.safetensors");
    writeSafetensors(path, {
      w: makeTensor("f32", [2, 2], [1, 2, 3, 4]),
      m: makeTensor("bool", [2], [1, 0]),
      n: { dtype: "i64", shape: [2], data: BigInt64Array.of(-3n, 7n) },
      p: { dtype: "u8", shape: [1], data: Uint8Array.of(200) },
    });
    const { tensors } = readTensors(path);
    expect(tensors.get("w")).toEqual({ dtype: "f32", shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) });
    expect(tensors.get("m")).toEqual({ dtype: "bool", shape: [2], data: Uint8Array.of(1, 0) });
    expect(tensors.get("n")).toEqual({ dtype: "i32", shape: [2], data: Int32Array.of(-3, 7) });
    expect(tensors.get("p")).toEqual({ dtype: "i32", shape: [1], data: Int32Array.of(200) });
    writeSafetensors(path, { big: { dtype: "i64", shape: [1], data: BigInt64Array.of(1n << 33n) } });
    expectUserError(() => readTensors(path), "'big'", "does not fit in i32");
  });
});
