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
//
// B has the same problem the other way round: the GEMM's lanes read
// different columns n at one k, which are consecutive when B is stored
// [.., K, N] but 4 KiB apart when it is read through a transpose of a
// [.., N, K] tensor (a Linear layer's weight): at 1024³ with A transposed,
// 20.7 GFLOP/s per worker CPU second with B as it is against 12.5 read
// transposed (under load ~10). Such a B is stored as the product sees it.
//
// Each copy moves one operand once per product of M·N·K multiply-adds, so it
// is only made when the product is large in the other two dimensions.
//
// A B computed from parameters alone (an inference session's Linear weight,
// a frozen layer's) is stored [.., K, N] whatever the sizes: its copy is a
// fixed value (ir/graph.ts fixedValues), made once per weight upload, and the
// GEMM then reads B as vec4 along n. Batch-256 MLP inference's first product
// (256×128×784, B = Wᵀ): 30.1 against 25.1 GFLOP/s per worker CPU second,
// median 1.58 against 1.79 ms (bench/gemm-variants.ts
// '256,128,784:broadcast:{"transB":true}' '256,128,784:broadcast').

import { makeNode, isOp, type Node } from "../../ir/node";
import { fixedValues, rewrite, type Graph } from "../../ir/graph";

/** Row strides (in f32 values) that alias: a multiple of 4 KiB. */
const ALIAS_STRIDE = 1024;
/** Rows and columns below which a product keeps its operand as it is (the copy would cost more than it saves). */
const MIN_ROWS = 256;
const MIN_COLS = 256;

const swapLastTwo = (rank: number) => [...Array(rank - 2).keys(), rank - 1, rank - 2];

/** Whether `x` is a permute that moves its input's last (contiguous) axis away from the end. */
function movesLast(x: Node): boolean {
  return isOp(x, "permute") && x.attrs.perm[x.shape.length - 1] !== x.shape.length - 1;
}

/**
 * The graph with aliasing operands stored in the layout the GEMM reads
 * across lanes, and those copies (which fusion must store, not recompute in
 * the product's loads).
 */
export function packOperands(graph: Graph, fixed: ReadonlySet<Node> = fixedValues(graph)): { graph: Graph; stored: Set<Node> } {
  const stored = new Set<Node>();
  const out = rewrite(graph, (n, ins) => {
    if (!isOp(n, "matmul")) return undefined;
    const [a, b] = ins;
    if (movesLast(b) && fixed.has(b)) stored.add(b);
    const [M, K] = a.shape.slice(-2) as number[];
    const N = n.shape[n.shape.length - 1] as number;
    if (K % ALIAS_STRIDE !== 0 || M < MIN_ROWS || N < MIN_COLS) return undefined;
    // B read through a transpose: stored [.., K, N].
    if (movesLast(b)) stored.add(b);
    // A read as stored, [.., M, K] (one read through a transpose is contiguous along m already).
    if (movesLast(a)) return undefined;
    const perm = swapLastTwo(a.shape.length);
    const t = makeNode("permute", [a], { perm });
    stored.add(t);
    return makeNode("matmul", [makeNode("permute", [t], { perm }), b]);
  });
  return { graph: out, stored };
}
