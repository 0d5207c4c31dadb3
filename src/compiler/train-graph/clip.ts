// Gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_:
//   total = ‖(‖g₁‖, ‖g₂‖, ...)‖₂ = √(Σ g²),  c = min(max_norm / (total + 1e-6), 1),  g ← c·g

import { add, constant, div, minimum, mul, sqrt, sum, type Node } from "../ir/builder";

export function clipGradNorm(grads: readonly Node[], maxNorm: number): { grads: Node[]; totalNorm: Node } {
  let sq: Node | undefined;
  for (const g of grads) {
    const s = sum(mul(g, g));
    sq = sq ? add(sq, s) : s;
  }
  if (!sq) return { grads: [], totalNorm: constant(0) };
  const totalNorm = sqrt(sq);
  const coef = minimum(div(maxNorm, add(totalNorm, 1e-6)), 1);
  return { grads: grads.map((g) => mul(g, coef)), totalNorm };
}
