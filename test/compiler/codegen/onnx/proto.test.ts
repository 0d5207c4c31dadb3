import { describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import {
  attr, decodeModel, DEFAULT_OPSET, encodeModel, irVersionForOpset, modelOpset, onnx, tensorFromProto, tensorProto,
  toNumber, type ModelSpec, type TensorData,
} from "../../../../src/compiler/codegen/onnx/proto";
import { onnxToText } from "../../../../src/compiler/codegen/onnx/text";
import { UserError } from "../../../../src/compiler/diagnostics";
import { expectBaseline } from "../../syntax/baseline";
import { maxRelDiff, randomData, runOrt } from "./ort";

const f32 = (dims: number[], seed: number): TensorData => ({ dtype: "f32", dims, data: randomData(dims.reduce((a, b) => a * b, 1), seed) });

/** y = relu(x @ w + b) with a symbolic batch dim, built directly with the proto layer. */
function mlpSpec(opset = DEFAULT_OPSET): ModelSpec {
  return {
    graphName: "Mlp",
    opset,
    inputs: [{ name: "x", dtype: "f32", shape: ["batch", 4] }],
    outputs: [{ name: "y", dtype: "f32", shape: ["batch", 3] }],
    nodes: [
      { op: "MatMul", inputs: ["x", "fc.weight"], outputs: ["h"] },
      { op: "Add", inputs: ["h", "fc.bias"], outputs: ["z"] },
      { op: "Relu", inputs: ["z"], outputs: ["y"] },
    ],
    initializers: new Map([["fc.weight", f32([4, 3], 1)], ["fc.bias", f32([3], 2)]]),
  };
}

function mlpByHand(x: Float32Array, w: Float32Array, b: Float32Array, batch: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < batch; r++)
    for (let j = 0; j < 3; j++) {
      let s = b[j];
      for (let k = 0; k < 4; k++) s += x[r * 4 + k] * w[k * 3 + j];
      out.push(Math.max(0, s));
    }
  return out;
}

describe("ModelProto building", () => {
  it("stamps producer, opset and the IR version of that opset", () => {
    const m = decodeModel(encodeModel(mlpSpec()), "mlp.onnx");
    expect(m.producerName).toBe("dlnet");
    expect(modelOpset(m)).toBe(DEFAULT_OPSET);
    expect(toNumber(m.irVersion)).toBe(irVersionForOpset(DEFAULT_OPSET));
    const dims = m.graph!.input![0].type!.tensorType!.shape!.dim!;
    expect(dims[0].dimParam).toBe("batch");
    expect(toNumber(dims[1].dimValue)).toBe(4);
  });

  it("runs in ONNX Runtime at two batch sizes (symbolic batch as dim_param)", async () => {
    const spec = mlpSpec();
    const bytes = encodeModel(spec);
    const w = spec.initializers.get("fc.weight")!.data as Float32Array;
    const b = spec.initializers.get("fc.bias")!.data as Float32Array;
    for (const batch of [1, 5]) {
      const x = randomData(batch * 4, 10 + batch);
      const { y } = await runOrt(bytes, { x: { dtype: "f32", shape: [batch, 4], data: x } });
      expect(y.shape).toEqual([batch, 3]);
      expect(maxRelDiff(y.data, mlpByHand(x, w, b, batch))).toBeLessThan(1e-5);
    }
  });

  it(`uses opset ${DEFAULT_OPSET}, the newest ONNX Runtime accepts`, async () => {
    await expect(ort.InferenceSession.create(encodeModel(mlpSpec(DEFAULT_OPSET)))).resolves.toBeTruthy();
    // One past it is "under development" for this ONNX Runtime: refused.
    const next = onnx.ModelProto.decode(encodeModel(mlpSpec(DEFAULT_OPSET)));
    next.opsetImport[0].version = DEFAULT_OPSET + 1;
    await expect(ort.InferenceSession.create(onnx.ModelProto.encode(next).finish())).rejects.toThrow(/opset/i);
  });

  it("round-trips tensors of every element type through raw_data", () => {
    const cases: TensorData[] = [
      f32([2, 3], 3),
      { dtype: "f64", dims: [2], data: Float64Array.from([Math.PI, -1e300]) },
      { dtype: "i32", dims: [3], data: Int32Array.from([-2147483648, 0, 2147483647]) },
      { dtype: "i64", dims: [2], data: BigInt64Array.from([-(2n ** 40n), 7n]) },
      { dtype: "bool", dims: [2, 1], data: Uint8Array.from([1, 0]) },
      { dtype: "f16", dims: [1], data: Uint16Array.from([0x3c00]) },
      { dtype: "f32", dims: [], data: Float32Array.from([2.5]) },
      { dtype: "f32", dims: [0, 3], data: new Float32Array(0) },
    ];
    for (const t of cases) {
      const bytes = onnx.TensorProto.encode(tensorProto("t", t)).finish();
      const back = tensorFromProto(onnx.TensorProto.decode(bytes));
      expect(back).toEqual(t);
    }
  });

  it("reads the typed repeated fields other exporters write", () => {
    const p = onnx.TensorProto.create({ dims: [3], dataType: 1, floatData: [1, 2.5, -3] });
    expect(tensorFromProto(p)).toEqual({ dtype: "f32", dims: [3], data: Float32Array.from([1, 2.5, -3]) });
    const q = onnx.TensorProto.create({ dims: [2], dataType: 7, int64Data: [5, -6] });
    expect(tensorFromProto(q)).toEqual({ dtype: "i64", dims: [2], data: BigInt64Array.from([5n, -6n]) });
    expect(tensorFromProto(onnx.TensorProto.create({ dims: [4], dataType: 1, floatData: [1] }))).toMatch(/1 values, expected 4/);
    expect(tensorFromProto(onnx.TensorProto.create({ dims: [1], dataType: 8 }))).toMatch(/STRING is not supported/);
  });
});

describe("decodeModel errors", () => {
  const good = encodeModel(mlpSpec());
  const cases: [string, Uint8Array, RegExp][] = [
    ["empty", new Uint8Array(0), /w\.onnx: not an ONNX model: the file is empty/],
    ["truncated", good.subarray(0, Math.floor(good.length * 0.6)), /w\.onnx: ONNX model is truncated or corrupt/],
    ["text", new TextEncoder().encode("hello, this is not a model\n"), /w\.onnx: not a valid ONNX model/],
    ["zeros", new Uint8Array(64), /w\.onnx: not a valid ONNX model/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects a ${what} file with a UserError naming it`, () => {
      let err: unknown;
      try {
        decodeModel(bytes, "w.onnx");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
    });
  }

  it("never leaks a protobuf exception for any truncation of a real model", () => {
    for (let n = 1; n < good.length; n += 7) {
      try {
        decodeModel(good.subarray(0, n), "w.onnx");
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
      }
    }
  });
});

describe("onnxToText", () => {
  it("prints a model like printable_graph (baseline)", () => {
    const spec = mlpSpec();
    const withAttrs: ModelSpec = {
      ...spec,
      nodes: [
        ...spec.nodes.slice(0, 2),
        { op: "Constant", inputs: [], outputs: ["axes"], attrs: { value: attr.tensor({ dtype: "i64", dims: [1], data: BigInt64Array.from([-1n]) }) } },
        { op: "Softmax", inputs: ["z"], outputs: ["s"], attrs: { axis: attr.int(-1) } },
        { op: "LayerNormalization", inputs: ["s", "fc.bias"], outputs: ["y"], attrs: { epsilon: attr.float(1e-5), axis: attr.int(-1) } },
      ],
    };
    expectBaseline("onnx-proto-mlp.onnx.txt", onnxToText(encodeModel(withAttrs), "mlp.onnx"));
  });
});
