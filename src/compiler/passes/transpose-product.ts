// (AB)ᵀ = BᵀAᵀ. Autodiff of a Linear layer (y = x Wᵀ) yields dW as the
// transpose of a product; computing BᵀAᵀ instead makes the product's output
// the parameter's own layout, so the optimizer update fuses into the matmul's
// epilogue. Transposed operands cost nothing: matmul loads are index math.

import { permute } from "../ir/builder";
import { rewrite, type Graph } from "../ir/graph";
import { isOp, makeNode } from "../ir/node";

/** True for a permutation that swaps the last two axes and keeps the others. */
function swapsLastTwo(perm: readonly number[]): boolean {
  const r = perm.length;
  return (
    r >= 2 &&
    perm[r - 2] === r - 1 &&
    perm[r - 1] === r - 2 &&
    perm.slice(0, -2).every((p, i) => p === i)
  );
}

export function transposeProducts(graph: Graph): Graph {
  return rewrite(graph, (n, ins) => {
    const [m] = ins;
    if (!isOp(n, "permute") || m.op !== "matmul" || !swapsLastTwo(n.attrs.perm))
      return undefined;
    const [a, b] = m.inputs;
    if (a.shape.length !== m.shape.length || b.shape.length !== m.shape.length) return undefined;
    const { perm } = n.attrs;
    return makeNode("matmul", [permute(b, perm), permute(a, perm)]);
  });
}
