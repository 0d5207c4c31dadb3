// Small pieces shape rules share: rank and dtype expectations with messages
// that name what was expected and what was found.

import { type Dim } from "../dims";
import { isFloat, showShape, showType, type TensorType } from "../tensor-type";
import { fail, type ArgValue, type ShapeError } from "./registry";

/** `f32` or `f16`, else DL3003. */
export function needFloat(t: TensorType, display: string): ShapeError | undefined {
  if (isFloat(t.dtype)) return undefined;
  return fail(`${display} expects a floating-point tensor but receives ${showType(t)}`, "DL3003");
}

export function needInt(t: TensorType, display: string, what = "indices"): ShapeError | undefined {
  if (t.dtype === "i32") return undefined;
  return fail(`${display} expects ${what} of type i32 but receives ${showType(t)}`, "DL3003");
}

/** Exactly `rank` dims, described by `pattern` like `[B, C, H, W]`. */
export function needRank(t: TensorType, rank: number, display: string, pattern: string): ShapeError | undefined {
  if (t.shape.length === rank) return undefined;
  return fail(
    `${display} expects ${pattern} (rank ${rank}) but receives ${showShape(t.shape)} (rank ${t.shape.length})`,
    "DL3002",
  );
}

export function needMinRank(t: TensorType, rank: number, display: string, pattern: string): ShapeError | undefined {
  if (t.shape.length >= rank) return undefined;
  return fail(
    `${display} expects ${pattern} (rank >= ${rank}) but receives ${showShape(t.shape)} (rank ${t.shape.length})`,
    "DL3002",
  );
}

/** The last dim must be `want`; the message names the pattern, the shape and the dim. */
export function needLast(t: TensorType, want: Dim, display: string): ShapeError | undefined {
  const got = t.shape[t.shape.length - 1];
  if (got === want) return undefined;
  return fail(
    `${display} expects [.., ${want}] but receives ${showShape(t.shape)}: last dimension is ${got}, not ${want}`,
  );
}

/** Dim `axis` (from the left) must be `want`. */
export function needDim(t: TensorType, axis: number, want: Dim, display: string, pattern: string): ShapeError | undefined {
  const got = t.shape[axis];
  if (got === want) return undefined;
  return fail(
    `${display} expects ${pattern} but receives ${showShape(t.shape)}: dimension ${axis} is ${got}, not ${want}`,
  );
}

/** An int-or-pair argument (`kernel: 3` or `kernel: [3, 5]`) as `n` ints. */
export function tuple(v: ArgValue | undefined, n: number, fallback: number): number[] {
  if (Array.isArray(v)) {
    const out = v.map((x) => (typeof x === "number" ? x : fallback));
    while (out.length < n) out.push(out[out.length - 1] ?? fallback);
    return out.slice(0, n);
  }
  return new Array(n).fill(typeof v === "number" ? v : fallback);
}

type Maybe = ShapeError | undefined;

/** The first error of up to eight checks (fixed parameters: a rest list would be an array per shape rule applied). */
export function firstError(a: Maybe, b?: Maybe, c?: Maybe, d?: Maybe, e?: Maybe, f?: Maybe, g?: Maybe, h?: Maybe): ShapeError | undefined {
  return a ?? b ?? c ?? d ?? e ?? f ?? g ?? h;
}

/** A positive size: a number >= 1 or a symbol. */
export function badSize(v: ArgValue | undefined, name: string, display: string): ShapeError | undefined {
  if (typeof v === "string") return undefined;
  if (typeof v === "number" && Number.isInteger(v) && v >= 1) return undefined;
  return fail(`${display}: ${name} must be a positive integer, found ${String(v)}`, "DL3005");
}
