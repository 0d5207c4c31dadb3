// Central finite differences in float64 on the reference interpreter against
// the IR's reverse-mode gradients. Shared by the registry-wide test and the
// custom-op / training tests.

import { grad } from "../../../src/compiler/autodiff/grad";
import { GraphBuilder, mul, sum, type Node } from "../../../src/compiler/ir/builder";
import type { Graph } from "../../../src/compiler/ir/graph";
import type { DType } from "../../../src/compiler/ir/types";
import { runReference } from "../../../src/runtime/reference/interpreter";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";

export interface ArgSpec {
  shape: number[];
  dtype?: DType;
  /** Fixed values (integer indices, masks); otherwise random. */
  values?: number[];
  /** Range of the random values; `awayFromZero` keeps kinks (relu, abs) out of reach of eps. */
  range?: [number, number];
  awayFromZero?: boolean;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function randomTensor(spec: ArgSpec, r: () => number): Tensor {
  const dtype = spec.dtype ?? "f32";
  if (spec.values) return makeTensor(dtype === "f32" ? "f64" : dtype, spec.shape, spec.values);
  const [lo, hi] = spec.range ?? [-1, 1];
  const n = spec.shape.reduce((p, d) => p * d, 1);
  const vals = Array.from({ length: n }, () => {
    let v = lo + (hi - lo) * r();
    if (spec.awayFromZero && Math.abs(v) < 0.1) v += v < 0 ? -0.1 : 0.1;
    return v;
  });
  return makeTensor("f64", spec.shape, vals);
}

export interface GradCheckResult {
  /** Worst |analytic - numeric| / (atol + rtol·|numeric|) over all checked elements. */
  worst: number;
  checked: number;
  where: string;
}

/**
 * L = Σ f(args) ⊙ R for a random R (so that no gradient vanishes by symmetry);
 * compares dL/darg from grad() with (L(x+h) - L(x-h)) / 2h for every element
 * of every f32 argument.
 */
export function gradCheck(f: (...args: Node[]) => Node, specs: readonly ArgSpec[], seed = 1, h = 1e-6, rtol = 1e-5, atol = 1e-7): GradCheckResult {
  const r = rng(seed);
  const b = new GraphBuilder();
  const args = specs.map((s, i) => b.input(`a${i}`, s.dtype ?? "f32", s.shape));
  const y = f(...args);
  const weight = b.input("r", "f32", y.shape);
  const loss = sum(mul(y, weight));
  b.output("loss", loss);
  const floatArgs = args.filter((a) => a.dtype === "f32");
  const gs = grad(loss, floatArgs);
  gs.forEach((g, i) => b.output(`g${i}`, g));
  const graph = b.build();

  const inputs: Record<string, Tensor> = {};
  specs.forEach((s, i) => (inputs[`a${i}`] = randomTensor(s, r)));
  inputs.r = randomTensor({ shape: y.shape as number[] }, r);
  return compareWithFiniteDifferences(graph, inputs, floatArgs.map((a) => String(a.attrs.name)), h, rtol, atol);
}

/**
 * Compares the graph's `g<i>` outputs (dloss/d input names[i], float64 on the
 * reference) with central differences (L(x+h) - L(x-h)) / 2h of its `loss`
 * output, element by element.
 */
export function compareWithFiniteDifferences(
  graph: Graph,
  inputs: Record<string, Tensor>,
  names: readonly string[],
  h: number,
  rtol: number,
  atol: number,
): GradCheckResult {
  const analytic = runReference(graph, inputs, { f64: true });
  const lossAt = (name: string, k: number, delta: number) => {
    const t = inputs[name];
    const d = Float64Array.from(t.data);
    d[k] += delta;
    return runReference(graph, { ...inputs, [name]: { ...t, dtype: "f64", data: d } }, { f64: true }).loss.data[0];
  };
  let worst = 0;
  let checked = 0;
  let where = "";
  names.forEach((name, gi) => {
    const g = analytic[`g${gi}`].data;
    for (let k = 0; k < g.length; k++) {
      const num = (lossAt(name, k, h) - lossAt(name, k, -h)) / (2 * h);
      const err = Math.abs(g[k] - num) / (atol + rtol * Math.abs(num));
      checked++;
      if (!(err <= worst)) {
        worst = Number.isNaN(err) ? Infinity : err;
        where = `${name}[${k}]: analytic ${g[k]}, numeric ${num}`;
      }
    }
  });
  return { worst, checked, where };
}
