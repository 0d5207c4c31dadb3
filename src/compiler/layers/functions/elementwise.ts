// Elementwise functions: unary math (relu … abs), softmax-family along a dim,
// and the broadcasting ones (max/min of two tensors, where).

import { broadcastShapes, normAxis } from "../../dims";
import { isFloat, showShape, showType, type DType, type TensorType } from "../../tensor-type";
import { fail, type FunctionDef } from "../registry";
import { needFloat } from "../rules";

function unary(name: string, doc: string, intOk = false, args: FunctionDef["args"] = []): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "elementwise",
    tensors: { min: 1, max: 1 },
    args,
    infer([x], _a, { display }) {
      const err = intOk ? undefined : needFloat(x, display);
      return err ?? { type: x };
    },
  };
}

export const relu = unary("relu", "max(x, 0).", true);
export const gelu = unary("gelu", "x·Φ(x), the exact (erf) GELU.");
export const silu = unary("silu", "x·sigmoid(x).");
export const tanh = unary("tanh", "Hyperbolic tangent.");
export const sigmoid = unary("sigmoid", "1 / (1 + exp(-x)).");
export const exp = unary("exp", "eˣ.");
export const log = unary("log", "Natural logarithm.");
export const sqrt = unary("sqrt", "Square root.");
export const abs = unary("abs", "|x|.", true);
export const sin = unary("sin", "Sine (radians).");
export const cos = unary("cos", "Cosine (radians).");
export const sign = unary("sign", "-1, 0 or 1 by the sign of x.", true);
export const floor = unary("floor", "The largest integer ≤ x (zero gradient).");
export const round = unary("round", "The nearest integer, halves to even like torch.round (zero gradient).");
export const detach = unary("detach", "x, with no gradient flowing back through it (torch's x.detach()).", true);
export const softplus = unary("softplus", "log(1 + exp(beta·x)) / beta; x itself where beta·x > threshold (torch's softplus).", false, [
  { name: "beta", kind: "float", default: 1 },
  { name: "threshold", kind: "float", default: 20 },
]);
export const leaky_relu = unary("leaky_relu", "x where x > 0, else negative_slope·x.", false, [{ name: "negative_slope", kind: "float", default: 0.01 }]);
export const elu = unary("elu", "x where x > 0, else alpha·(exp(x) − 1).", false, [{ name: "alpha", kind: "float", default: 1 }]);
export const mish = unary("mish", "x·tanh(softplus(x)).");
export const clamp = unary("clamp", "x limited to [min, max], like torch.clamp; either bound may be left out: clamp(x, min: 0).", false, [
  { name: "min", kind: "float" },
  { name: "max", kind: "float" },
]);

function alongDim(name: string, doc: string): FunctionDef {
  return {
    kind: "function",
    name,
    doc,
    category: "reduction",
    tensors: { min: 1, max: 1 },
    args: [{ name: "dim", kind: "axis", default: -1 }],
    infer([x], a, { display }) {
      const err = needFloat(x, display);
      if (err) return err;
      if (normAxis(a.dim as number, x.shape.length) === undefined)
        return fail(`${display}: dim ${String(a.dim)} is out of range for ${showShape(x.shape)}`, "DL3008");
      return { type: x };
    },
  };
}

export const softmax = alongDim("softmax", "exp(x) / sum(exp(x)) along dim (default the last).");
export const log_softmax = alongDim("log_softmax", "x - logsumexp(x) along dim (default the last).");

/** Result dtype of combining tensors elementwise: equal dtypes, else an error. */
export function joinDtypes(ts: readonly TensorType[], display: string): DType | { error: string; code: "DL3003" } {
  const d = ts[0].dtype;
  for (const t of ts) {
    if (t.dtype !== d)
      return { error: `${display}: operands have different dtypes, ${showType(ts[0])} and ${showType(t)}`, code: "DL3003" };
  }
  return d;
}

export function broadcastAll(ts: readonly TensorType[], display: string): TensorType | { error: string; code: "DL3004" | "DL3003" } {
  const dt = joinDtypes(ts, display);
  if (typeof dt !== "string") return dt;
  let shape = ts[0].shape;
  for (const t of ts.slice(1)) {
    const r = broadcastShapes(shape, t.shape);
    if ("failure" in r)
      return {
        error: `${display}: shapes ${showShape(shape)} and ${showShape(t.shape)} cannot be broadcast (dimension ${r.failure.axisFromEnd}: ${r.failure.a} vs ${r.failure.b})`,
        code: "DL3004",
      };
    shape = r.shape;
  }
  return { dtype: dt, shape };
}

export const where: FunctionDef = {
  kind: "function",
  name: "where",
  doc: "where(cond, a, b): a where cond is true, else b (broadcasting all three).",
  category: "elementwise",
  tensors: { min: 3, max: 3 },
  args: [],
  scalarOperands: true,
  infer([c, a, b], _args, { display }) {
    if (c.dtype !== "bool") return fail(`${display} expects a bool condition but receives ${showType(c)}`, "DL3003");
    const r = broadcastAll([a, b], display);
    if ("error" in r) return r;
    const all = broadcastShapes(c.shape, r.shape);
    if ("failure" in all) return fail(`${display}: condition ${showShape(c.shape)} cannot be broadcast to ${showShape(r.shape)}`, "DL3004");
    return { type: { dtype: r.dtype, shape: all.shape } };
  },
};

export { isFloat };
