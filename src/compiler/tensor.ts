// Host tensors: a dtype, a concrete shape and a flat row-major typed array.
// f64 exists for the reference interpreter's float64 mode (gradient checks):
// there every IR f32 value is held as a Float64Array.

export type TensorDType = "f32" | "f64" | "i32" | "bool";
export type TensorData = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface Tensor {
  readonly dtype: TensorDType;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function allocData(dtype: TensorDType, n: number): TensorData {
  switch (dtype) {
    case "f32":
      return new Float32Array(n);
    case "f64":
      return new Float64Array(n);
    case "i32":
      return new Int32Array(n);
    case "bool":
      return new Uint8Array(n);
  }
}

export function makeTensor(dtype: TensorDType, shape: readonly number[], data?: TensorData | ArrayLike<number>): Tensor {
  const n = sizeOf(shape);
  const out = allocData(dtype, n);
  if (data) {
    if (data.length !== n) throw new RangeError(`tensor of shape [${shape}] needs ${n} values, got ${data.length}`);
    out.set(data as ArrayLike<number>);
  }
  return { dtype, shape: shape.slice(), data: out };
}

export const zeros = (shape: readonly number[], dtype: TensorDType = "f32"): Tensor => makeTensor(dtype, shape);

export function full(shape: readonly number[], value: number, dtype: TensorDType = "f32"): Tensor {
  const t = makeTensor(dtype, shape);
  t.data.fill(value);
  return t;
}

export const scalar = (value: number, dtype: TensorDType = "f32"): Tensor => full([], value, dtype);

/** A tensor from nested arrays or a flat array plus shape. */
export function fromArray(values: ArrayLike<number>, shape: readonly number[], dtype: TensorDType = "f32"): Tensor {
  return makeTensor(dtype, shape, values);
}

/** Same values in another dtype (f32 <-> f64, bool/i32 -> float, ...); i32 truncates toward zero. */
export function castTensor(t: Tensor, dtype: TensorDType): Tensor {
  if (t.dtype === dtype) return t;
  const out = allocData(dtype, t.data.length);
  if (dtype === "i32") for (let i = 0; i < t.data.length; i++) out[i] = Math.trunc(t.data[i]);
  else if (dtype === "bool") for (let i = 0; i < t.data.length; i++) out[i] = t.data[i] !== 0 ? 1 : 0;
  else out.set(t.data);
  return { dtype, shape: t.shape.slice(), data: out };
}

/** Element at a multi-index (tests, debugging). */
export function at(t: Tensor, ...idx: number[]): number {
  const s = stridesOf(t.shape);
  let o = 0;
  for (let i = 0; i < idx.length; i++) o += idx[i] * s[i];
  return t.data[o];
}

