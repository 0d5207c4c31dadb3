// Lowerings of gather (torch's), einsum and the casts: compositions of the
// IR's gather, permute, reshape, matmul, sum and cast (no kernel of their own).

import { add, cast, constant, gather, iota, matmul, mul, permute, reshape, sum, type Node } from "../ir/builder";
import type { DType } from "../ir/types";
import { productOf, type Dim } from "../dims";
import type { Einsum } from "../layers/functions/indexing";

/**
 * torch.gather(x, axis, idx): y[p] = x[p with p[axis] := idx[p]]. The element's
 * flat offset in x (Σ coordinate · stride; the coordinate along axis is idx,
 * the others the output position) gathers from x flattened; its gradient is
 * the IR gather's scatter-add. x's dims after the first are fixed (checked).
 */
export function gatherElements(x: Node, axis: number, idx: Node): Node {
  const r = x.shape.length;
  let stride = 1;
  let offset: Node | undefined;
  for (let d = r - 1; d >= 0; d--) {
    const coord = d === axis ? idx : iota(idx.shape, d, "i32");
    const term = stride === 1 ? coord : mul(coord, constant(stride, "i32"));
    offset = offset ? add(term, offset) : term;
    if (d > 0) stride *= x.shape[d] as number;
  }
  return gather(reshape(x, [productOf(x.shape)]), offset!, 0);
}

interface Labeled {
  readonly n: Node;
  readonly l: string;
}

/** Sums the axes whose letters are not in `keep`. */
function sumOut(t: Labeled, keep: string): Labeled {
  const axes = [...t.l].flatMap((c, i) => (keep.includes(c) ? [] : [i]));
  if (!axes.length) return t;
  return { n: sum(t.n, axes), l: [...t.l].filter((c) => keep.includes(c)).join("") };
}

/** Axes of `t` reordered so its letters read `order`. */
function arrange(t: Labeled, order: string): Node {
  return permute(t.n, [...order].map((c) => t.l.indexOf(c)));
}

const dimsOf = (t: Labeled, letters: string): Dim[] => [...letters].map((c) => t.n.shape[t.l.indexOf(c)]);

/**
 * Contracts two operands into the letters of `keep` they hold: shared letters
 * kept are batch dims, shared letters not kept are summed by a matmul, the
 * rest are the matmul's rows (a) and columns (b).
 */
function contract(a: Labeled, b: Labeled, keep: string): Labeled {
  const both = [...a.l].filter((c) => b.l.includes(c));
  const batch = both.filter((c) => keep.includes(c)).join("");
  const inner = both.filter((c) => !keep.includes(c)).join("");
  const rows = [...a.l].filter((c) => !b.l.includes(c)).join("");
  const cols = [...b.l].filter((c) => !a.l.includes(c)).join("");
  const bd = dimsOf(a, batch);
  const [m, k, n] = [productOf(dimsOf(a, rows)), productOf(dimsOf(a, inner)), productOf(dimsOf(b, cols))];
  const A = reshape(arrange(a, batch + rows + inner), [...bd, m, k]);
  const B = reshape(arrange(b, batch + inner + cols), [...bd, k, n]);
  const y = reshape(matmul(A, B), [...bd, ...dimsOf(a, rows), ...dimsOf(b, cols)]);
  return { n: y, l: batch + rows + cols };
}

export function lowerEinsum(xs: readonly Node[], eq: Einsum): Node {
  const later = (k: number) => eq.output + eq.inputs.slice(k + 1).join("");
  const others = (k: number) => eq.output + eq.inputs.filter((_, j) => j !== k).join("");
  let cur = sumOut({ n: xs[0], l: eq.inputs[0] }, others(0));
  for (let k = 1; k < xs.length; k++) {
    const next = sumOut({ n: xs[k], l: eq.inputs[k] }, others(k));
    const keep = later(k);
    cur = contract(sumOut(cur, keep + next.l), next, keep);
  }
  cur = sumOut(cur, eq.output);
  return arrange(cur, eq.output);
}

/** The casts f32(x), i32(x), bool(x). */
export const castLowering = (dtype: DType) => (x: Node): Node => cast(x, dtype);
