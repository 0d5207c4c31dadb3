// The `wgsl` slot of every IR op record (declaration merging, as ir/op.ts
// describes): elementwise ops get an expression on their argument values;
// every other op names the kernel kind that computes it. Movement ops are
// index math in ir-emit.ts (`kind: "index"`), never kernels of their own.
// The table is typed as a total map over the primitive ops (and scan, which
// stays a loop): tsc rejects a primitive without an entry; an op WGSL cannot
// compute would say so with a NoRule entry and its reason.

import { isOp, type Node, type OpNode } from "../../ir/node";
import type { NoRule } from "../../ir/op";
import type { OpName, PrimOp } from "../../ir/op-attrs";
import { getOp } from "../../ir/registry";
import "../../ir/ops/index";
import { InternalError } from "../../diagnostics";
import "../../autodiff/scan";
import { INDEX_REPORT } from "./index-flag"; // registers scan (its derivative is built by the autodiff driver)

export type KernelKind =
  | "elementwise" // an expression, fused into whatever kernel consumes it
  | "index" // movement and sources: coordinate math, fused likewise
  | "matmul"
  | "conv2d"
  | "conv2d_grad_input"
  | "conv2d_grad_weight"
  | "reduce" // a row kernel stage
  | "argmax"
  | "pool"
  | "scatter_add"
  | "scan"; // a time loop: its body's kernels run once per step (codegen/wgsl/time-loop.ts)

declare module "../../ir/op" {
  interface WgslRule {
    kind: KernelKind;
    /** Elementwise: WGSL computing one element from its arguments' WGSL values. */
    expr?(args: string[], node: Node): string;
    /** Module-scope WGSL functions the expression calls. */
    helpers?: string[];
  }
}

const ERF = `fn erf_approx(x: f32) -> f32 {
  // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
  let t = 1.0f / (1.0f + 0.3275911f * abs(x));
  let y = 1.0f - (((((1.061405429f * t - 1.453152027f) * t) + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t * exp(-x * x);
  return select(-y, y, x >= 0.0f);
}`;

export const PCG = `fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}`;

/** The rule of op K: an expression gets a node of K, its attributes typed. */
export interface WgslRuleOf<K extends OpName> {
  readonly kind: KernelKind;
  expr?(args: string[], node: OpNode<K>): string;
  readonly helpers?: string[];
}
/** The ops WGSL code generation sees: primitives, and scan (a time loop). */
export type WgslOp = PrimOp | "scan";
export type WgslRuleTable = { [K in WgslOp]: WgslRuleOf<K> | NoRule };

const ew = <K extends OpName>(f: (a: string[], n: OpNode<K>) => string, helpers?: string[]): WgslRuleOf<K> => ({
  kind: "elementwise" as const,
  expr: f,
  helpers,
});
const t1 = (tpl: string) => ew((a) => tpl.replace("{0}", a[0]));
const bin = (op: string) => ew((a) => `(${a[0]} ${op} ${a[1]})`);

/** Integer powers are multiplications: WGSL's pow is undefined for negative bases. */
function powExpr(a: string[], n: Node): string {
  const e = n.inputs[1];
  const v = isOp(e, "const") ? e.attrs.value : NaN;
  if (v === 2) return `(${a[0]} * ${a[0]})`;
  if (v === 3) return `(${a[0]} * ${a[0]} * ${a[0]})`;
  if (v === 1) return a[0];
  if (v === 0.5) return `sqrt(${a[0]})`;
  if (v === -1) return `(1.0f / ${a[0]})`;
  if (Number.isInteger(v)) {
    // sign of an odd power follows the base
    const mag = `pow(abs(${a[0]}), ${a[1]})`;
    return v % 2 === 0 ? mag : `(sign(${a[0]}) * ${mag})`;
  }
  return `pow(${a[0]}, ${a[1]})`;
}

function castExpr(a: string[], n: Node): string {
  const from = n.inputs[0].dtype;
  const to = n.dtype;
  if (from === to) return a[0];
  if (to === "bool") return from === "f32" ? `(${a[0]} != 0.0f)` : `(${a[0]} != 0i)`;
  if (from === "bool")
    return to === "f32" ? `select(0.0f, 1.0f, ${a[0]})` : `select(0i, 1i, ${a[0]})`;
  return `${to}(${a[0]})`;
}

const RULES: WgslRuleTable = {
  neg: t1("(-{0})"),
  exp: t1("exp({0})"),
  log: t1("log({0})"),
  sqrt: t1("sqrt({0})"),
  abs: t1("abs({0})"),
  sign: t1("sign({0})"),
  // tanh saturates long before |x| = 15; clamping keeps exp-based lowerings finite.
  tanh: t1("tanh(clamp({0}, -15.0f, 15.0f))"),
  sigmoid: t1("(1.0f / (1.0f + exp(-{0})))"),
  relu: t1("max({0}, 0.0f)"),
  erf: ew((a) => `erf_approx(${a[0]})`, [ERF]),
  detach: t1("{0}"),
  sin: t1("sin({0})"),
  floor: t1("floor({0})"),
  round: t1("round({0})"),
  cos: t1("cos({0})"),
  cast: ew(castExpr),
  add: bin("+"),
  sub: bin("-"),
  mul: bin("*"),
  div: bin("/"),
  pow: ew(powExpr),
  max: ew((a) => `max(${a[0]}, ${a[1]})`),
  min: ew((a) => `min(${a[0]}, ${a[1]})`),
  lt: bin("<"),
  le: bin("<="),
  gt: bin(">"),
  ge: bin(">="),
  eq: bin("=="),
  ne: bin("!="),
  where: ew((a) => `select(${a[2]}, ${a[1]}, ${a[0]})`),
  random_uniform: { kind: "index", helpers: [PCG] },
  input: { kind: "index" },
  const: { kind: "index" },
  iota: { kind: "index" },
  dim_size: { kind: "index" },
  expand: { kind: "index" },
  reshape: { kind: "index" },
  permute: { kind: "index" },
  slice: { kind: "index" },
  pad: { kind: "index" },
  concat: { kind: "index" },
  gather: { kind: "index" },
  // passes the index through; out-of-range values are reported in the flag buffer (ir-emit.ts)
  // (the expression is the value; ir-emit.ts adds the report where the kernel binds the flag)
  check_index: { kind: "elementwise", expr: (a) => a[0], helpers: [INDEX_REPORT] },
  reduce_sum: { kind: "reduce" },
  reduce_max: { kind: "reduce" },
  argmax: { kind: "argmax" },
  matmul: { kind: "matmul" },
  conv2d: { kind: "conv2d" },
  conv2d_grad_input: { kind: "conv2d_grad_input" },
  conv2d_grad_weight: { kind: "conv2d_grad_weight" },
  max_pool2d: { kind: "pool" },
  max_pool2d_grad: { kind: "pool" },
  avg_pool2d: { kind: "pool" },
  avg_pool2d_grad: { kind: "pool" },
  scatter_add: { kind: "scatter_add" },
  scan: { kind: "scan" },
};

for (const [name, rule] of Object.entries(RULES)) if (!("noRule" in rule)) getOp(name).wgsl = rule;

/** The WGSL rule of a node's op; composites must be expanded before codegen. */
export function wgslRule(n: Node): NonNullable<ReturnType<typeof getOp>["wgsl"]> {
  const r = n.def.wgsl;
  if (!r) {
    const entry = Object.entries(RULES).find(([op]) => op === n.op)?.[1];
    const why = entry && "noRule" in entry ? entry.noRule : "composites are expanded before codegen";
    throw new InternalError(`op ${n.op} has no WGSL rule (${why})`);
  }
  return r;
}
