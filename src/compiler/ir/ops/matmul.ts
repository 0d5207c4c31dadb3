// Batched matrix product with broadcast batch dims.

import { InternalError } from "../../diagnostics";
import { matmul, transpose } from "../builder";
import { registerOp } from "../registry";
import { broadcastOrThrow, showShape } from "../types";
import { alloc, broadcastOffsets } from "./ref-util";

// Y = A B: ∂A = dY Bᵀ, ∂B = Aᵀ dY (broadcast batch dims summed back by the driver)
registerOp({
  name: "matmul",
  summary: "[..., m, k] @ [..., k, n] -> [..., m, n], batch dims broadcast",
  category: "matmul",
  arity: 2,
  infer: ([a, b]) => {
    const ra = a.shape.length;
    const rb = b.shape.length;
    if (a.dtype !== "f32" || b.dtype !== "f32" || ra < 2 || rb < 2 || a.shape[ra - 1] !== b.shape[rb - 2]) {
      throw new InternalError(`matmul of ${a.dtype}${showShape(a.shape)} and ${b.dtype}${showShape(b.shape)}`);
    }
    const batch = broadcastOrThrow(a.shape.slice(0, -2), b.shape.slice(0, -2));
    return { dtype: "f32", shape: [...batch, a.shape[ra - 2], b.shape[rb - 1]] };
  },
  ref: ([A, B], a) => {
    const out = alloc(a);
    const r = a.out.shape.length;
    const m = a.out.shape[r - 2];
    const n = a.out.shape[r - 1];
    const k = A.shape[A.shape.length - 1];
    const batchShape = a.out.shape.slice(0, -2);
    const batches = out.data.length / (m * n || 1);
    // Batch offsets of A and B, in matrices.
    const oa = broadcastOffsets(A.shape.slice(0, -2), batchShape);
    const ob = broadcastOffsets(B.shape.slice(0, -2), batchShape);
    const x = A.data;
    const w = B.data;
    const y = out.data;
    const row = new Float64Array(n);
    // Skipping a zero of A is exact when B is finite (0·b = 0), and it pays:
    // MNIST pixels and ReLU outputs are mostly zeros.
    let finite = true;
    for (let i = 0; i < w.length && finite; i++) finite = Number.isFinite(w[i]);
    // i-p-j order: the inner loop walks rows of B and C contiguously.
    for (let bt = 0; bt < batches; bt++) {
      const ba = oa[bt] * m * k;
      const bb = ob[bt] * k * n;
      const bc = bt * m * n;
      for (let i = 0; i < m; i++) {
        row.fill(0);
        for (let p = 0; p < k; p++) {
          const v = x[ba + i * k + p];
          if (v === 0 && finite) continue;
          const wo = bb + p * n;
          for (let j = 0; j < n; j++) row[j] += v * w[wo + j];
        }
        y.set(row, bc + i * n);
      }
    }
    return out;
  },
  vjp: ({ inputs: [A, B], dy }) => [matmul(dy, transpose(B)), matmul(transpose(A), dy)],
});
