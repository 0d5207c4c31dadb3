// Packing a matmul's left operand for CPU adapters, where a row stride of a
// whole multiple of 4 KiB makes the GEMM's reads collide in the cache.
//
// The `cpu` GEMM (gemm-broadcast.ts) reads, at each k, one value from each of
// RM consecutive rows of A. With K a multiple of 1024 those rows sit a
// multiple of 4 KiB apart, so all of them map to the same set of a typical
// 8-way L1 (64 sets of 64 B lines) and evict each other: at 1024³ the product
// ran at 21.9 GFLOP/s per worker CPU second against 30.1 with A stored
// transposed, where the RM values of one k are consecutive (bench/gemm-variants.ts
// '1024,1024,1024' vs '1024,1024,1024:cpu:{"transA":true}'). At K = 512 or 768
// the two were within 8% of each other.
//
// So such a product reads Aᵀ, stored by a kernel of its own: matmul(A, B)
// becomes matmul(permute(T), B) with T = permute(A) stored ([.., K, M]).
// The extra kernel moves M·K values once per product of M·N·K multiply-adds,
// so it is only done when N is large enough to pay for it.

import { makeNode, isOp, type Node } from "../../ir/node";
import { rewrite, type Graph } from "../../ir/graph";

/** Row strides (in f32 values) that alias: a multiple of 4 KiB. */
const ALIAS_STRIDE = 1024;
/** Rows and columns below which a product keeps its operand as it is (the copy would cost more than it saves). */
const MIN_ROWS = 256;
const MIN_COLS = 256;

const swapLastTwo = (rank: number) => [...Array(rank - 2).keys(), rank - 1, rank - 2];

/**
 * The graph with aliasing left operands read transposed, and the transposed
 * copies (which fusion must store, not recompute in the product's loads).
 */
export function packOperands(graph: Graph): { graph: Graph; stored: Set<Node> } {
  const stored = new Set<Node>();
  const out = rewrite(graph, (n, ins) => {
    if (!isOp(n, "matmul")) return undefined;
    const [a, b] = ins;
    const r = a.shape.length;
    const [M, K] = a.shape.slice(-2) as number[];
    const N = n.shape[n.shape.length - 1] as number;
    if (K % ALIAS_STRIDE !== 0 || M < MIN_ROWS || N < MIN_COLS) return undefined;
    // A permute that moves the last axis is not read along k (a transposed operand is read along m already).
    if (isOp(a, "permute") && a.attrs.perm[r - 1] !== r - 1) return undefined;
    const perm = swapLastTwo(r);
    const t = makeNode("permute", [a], { perm });
    stored.add(t);
    return makeNode("matmul", [makeNode("permute", [t], { perm }), b]);
  });
  return { graph: out, stored };
}
