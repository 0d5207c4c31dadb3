import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attr, encodeModel, onnx, type TensorData } from "../../../src/compiler/codegen/onnx/proto";
import { onnxToText } from "../../../src/compiler/codegen/onnx/text";
import { UserError } from "../../../src/compiler/diagnostics";
import { halfToFloat, matchParameters, onnxInitializers, readOnnxInitializers } from "../../../src/runtime/onnx/import";
import type { Tensor } from "../../../src/compiler/tensor";

const dir = mkdtempSync(join(tmpdir(), "dlnet-onnx-import-"));

function modelWith(inits: [string, TensorData][]): Uint8Array {
  return encodeModel({
    graphName: "g", opset: 21,
    inputs: [{ name: "x", dtype: "f32", shape: ["batch", 2] }],
    outputs: [{ name: "y", dtype: "f32", shape: ["batch", 2] }],
    nodes: [
      { op: "Identity", inputs: ["x"], outputs: ["h"] },
      { op: "Softmax", inputs: ["h"], outputs: ["y"], attrs: { axis: attr.int(-1), value: attr.tensor({ dtype: "f32", dims: [2], data: Float32Array.of(1, 2) }) } },
    ],
    initializers: new Map(inits),
  });
}

function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("readOnnxInitializers", () => {
  it("reads f32, i64 and f16 initializers by name into host tensors", () => {
    const w = Float32Array.from({ length: 6 }, (_, i) => i * 0.25 - 1);
    const path = join(dir, "ok.onnx");
    writeFileSync(path, modelWith([
      ["fc1.weight", { dtype: "f32", dims: [2, 3], data: w }],
      ["steps", { dtype: "i64", dims: [2], data: BigInt64Array.from([3n, -4n]) }],
      ["half", { dtype: "f16", dims: [3], data: Uint16Array.from([0x3c00, 0xc000, 0x3555]) }],
    ]));
    const got = readOnnxInitializers(path);
    expect([...got.keys()]).toEqual(["fc1.weight", "steps", "half"]);
    expect(got.get("fc1.weight")).toEqual({ dtype: "f32", shape: [2, 3], data: w });
    expect(got.get("steps")).toEqual({ dtype: "i32", shape: [2], data: Int32Array.from([3, -4]) });
    const half = got.get("half")!;
    expect(half.dtype).toBe("f32");
    expect(half.data[0]).toBe(1);
    expect(half.data[1]).toBe(-2);
    expect(half.data[2]).toBeCloseTo(1 / 3, 3);
  });

  it("reads initializers stored as external data beside the model", () => {
    const sub = mkdtempSync(join(dir, "ext-"));
    const values = Float32Array.from([1.5, -2, 3]);
    writeFileSync(join(sub, "weights.bin"), Buffer.concat([Buffer.alloc(8), Buffer.from(values.buffer)]));
    const m = onnx.ModelProto.decode(modelWith([]));
    m.graph!.initializer!.push(onnx.TensorProto.create({
      name: "w", dims: [3], dataType: 1, dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [{ key: "location", value: "weights.bin" }, { key: "offset", value: "8" }, { key: "length", value: "12" }],
    }));
    const path = join(sub, "model.onnx");
    writeFileSync(path, onnx.ModelProto.encode(m).finish());
    expect(readOnnxInitializers(path).get("w")!.data).toEqual(values);
  });

  it("reports a missing file, a corrupt file and a truncated file as UserErrors naming the file", () => {
    expect(userError(() => readOnnxInitializers(join(dir, "nope.onnx")))).toMatch(/nope\.onnx: cannot read ONNX file: no such file/);
    const bytes = modelWith([["w", { dtype: "f32", dims: [64], data: new Float32Array(64) }]]);
    const cut = join(dir, "cut.onnx");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect(userError(() => readOnnxInitializers(cut))).toMatch(/cut\.onnx: ONNX model is truncated or corrupt/);
    const junk = join(dir, "junk.onnx");
    writeFileSync(junk, "PK\u0003\u0004 a zip, not a model");
    expect(userError(() => readOnnxInitializers(junk))).toMatch(/junk\.onnx: not a valid ONNX model/);
  });

  it("reports an initializer whose data does not fill its dims", () => {
    const m = onnx.ModelProto.decode(modelWith([]));
    m.graph!.initializer!.push(onnx.TensorProto.create({ name: "w", dims: [4], dataType: 1, rawData: new Uint8Array(12) }));
    expect(userError(() => onnxInitializers(onnx.ModelProto.encode(m).finish(), "bad.onnx")))
      .toBe("bad.onnx: initializer 'w': raw data has 12 bytes, expected 16 for FLOAT[4]");
  });

  it("checks a tensor's data against its dims before allocating (a crafted huge shape)", () => {
    const m = onnx.ModelProto.decode(modelWith([]));
    m.graph!.initializer!.push(onnx.TensorProto.create({ name: "w", dims: [1e9, 1e9], dataType: 1, rawData: new Uint8Array(8) }));
    expect(userError(() => onnxInitializers(onnx.ModelProto.encode(m).finish(), "big.onnx"))).toBe("big.onnx: initializer 'w': dims [1000000000, 1000000000] are too large");
    const q = onnx.ModelProto.decode(modelWith([]));
    q.graph!.initializer!.push(onnx.TensorProto.create({ name: "w", dims: [1e6, 1e3], dataType: 1, floatData: [1] }));
    expect(userError(() => onnxInitializers(onnx.ModelProto.encode(q).finish(), "big.onnx"))).toMatch(/has 1 values, expected 1000000000/);
  });

  it("decodes half floats exactly", () => {
    expect([0x0000, 0x3c00, 0x7bff, 0x0001, 0xfc00].map(halfToFloat)).toEqual([0, 1, 65504, 2 ** -24, -Infinity]);
    expect(Number.isNaN(halfToFloat(0x7e00))).toBe(true);
  });
});

describe("matchParameters", () => {
  const t = (shape: number[]): Tensor => ({ dtype: "f32", shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
  const expected = new Map<string, number[]>([["fc1.weight", [784, 128]], ["fc1.bias", [128]], ["fc2.weight", [128, 10]], ["fc2.bias", [10]]]);

  it("accepts an exact match", () => {
    const found = new Map([...expected].map(([k, s]) => [k, t(s)] as const));
    const r = matchParameters(expected, found, "w.onnx");
    expect(r.diagnostics).toEqual([]);
    expect([...r.matched.keys()]).toEqual([...expected.keys()]);
  });

  it("reports missing, unexpected (with did-you-mean) and shape mismatches in one list", () => {
    const found = new Map<string, Tensor>([
      ["fc1.weight", t([128, 784])],
      ["fc1.bias", t([128])],
      ["model.fc2.weight", t([128, 10])],
      ["fc_2.bias", t([10])],
      ["head.weight", t([3])],
    ]);
    const r = matchParameters(expected, found, "w.onnx");
    expect(r.missing).toEqual(["fc2.weight", "fc2.bias"]);
    expect(r.unexpected).toEqual(["model.fc2.weight", "fc_2.bias", "head.weight"]);
    expect([...r.matched.keys()]).toEqual(["fc1.bias"]);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([
      "error DL4008 w.onnx: parameter 'fc1.weight' has shape [128, 784], the model expects [784, 128]",
      "error DL4008 w.onnx: no tensor for parameter 'fc2.weight' (did you mean 'model.fc2.weight'?)",
      "error DL4008 w.onnx: no tensor for parameter 'fc2.bias' (did you mean 'fc_2.bias'?)",
      "error DL4008 w.onnx: tensor 'model.fc2.weight' matches no parameter of the model",
      "error DL4008 w.onnx: tensor 'fc_2.bias' matches no parameter of the model",
      "error DL4008 w.onnx: tensor 'head.weight' matches no parameter of the model",
    ]);
  });

  it("makes missing and unexpected names warnings for partial (transfer) loading, shapes stay errors", () => {
    const found = new Map<string, Tensor>([["fc1.weight", t([784, 128])], ["fc1.bias", t([64])], ["extra", t([1])]]);
    const at = { file: "train.dlnet", span: { start: 10, end: 20 } };
    const r = matchParameters(expected, found, "w.onnx", { strict: false, at });
    expect(r.diagnostics.map((d) => d.severity)).toEqual(["error", "warning", "warning", "warning"]);
    expect(r.diagnostics.every((d) => d.file === "train.dlnet" && d.span.start === 10)).toBe(true);
    expect([...r.matched.keys()]).toEqual(["fc1.weight"]);
  });
});

describe("corrupt files (seeded mutations of a real model)", () => {
  it("either reads (and prints) or throws a UserError naming the file, never anything else", () => {
    const good = modelWith([
      ["fc1.weight", { dtype: "f32", dims: [4, 3], data: Float32Array.from({ length: 12 }, (_, i) => i / 7) }],
      ["fc1.bias", { dtype: "f32", dims: [4], data: Float32Array.from([1, 2, 3, 4]) }],
      ["steps", { dtype: "i64", dims: [1], data: BigInt64Array.from([5n]) }],
    ]);
    let s = 12345;
    const rand = (n: number) => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s % n;
    };
    let read = 0;
    let rejected = 0;
    for (let k = 0; k < 1500; k++) {
      const bytes = Uint8Array.from(good);
      const kind = k % 3;
      let mutated: Uint8Array = bytes;
      if (kind === 0) for (let f = 0; f <= rand(4); f++) bytes[rand(bytes.length)] = rand(256);
      else if (kind === 1) mutated = bytes.subarray(0, rand(bytes.length));
      else {
        const at = rand(bytes.length);
        mutated = Uint8Array.from([...bytes.subarray(0, at), rand(256), rand(256), ...bytes.subarray(at)]);
      }
      try {
        onnxInitializers(mutated, "m.onnx");
        onnxToText(mutated, "m.onnx");
        read++;
      } catch (e) {
        if (!(e instanceof UserError)) throw new Error(`mutation ${k} threw ${(e as Error).stack}`);
        expect((e as Error).message.startsWith("m.onnx: ")).toBe(true);
        rejected++;
      }
    }
    expect(read).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
