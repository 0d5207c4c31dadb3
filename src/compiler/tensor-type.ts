// The language's tensor types (what the checker and the layer rules speak):
// a dtype and a shape of dims. The arithmetic of the dims themselves is in
// dims.ts, shared with the IR.

import { shapeEq, type Dim } from "./dims";

export type DType = "f32" | "f16" | "i32" | "bool";

export interface TensorType {
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

export const DTYPES: readonly DType[] = ["f32", "f16", "i32", "bool"];

export function tensor(dtype: DType, shape: readonly Dim[]): TensorType {
  return { dtype, shape };
}

export function isFloat(dtype: DType): boolean {
  return dtype === "f32" || dtype === "f16";
}

export function showShape(shape: readonly Dim[]): string {
  return `[${shape.join(", ")}]`;
}

export function showType(t: TensorType): string {
  return `${t.dtype}${showShape(t.shape)}`;
}

export function typeEq(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && shapeEq(a.shape, b.shape);
}
