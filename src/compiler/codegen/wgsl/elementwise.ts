// Elementwise bodies from an expression tree over an iteration shape, inputs
// broadcast to it NumPy-style: the epilogues of the hand-specified matmul and
// conv kernels (matmul.ts, conv.ts's default IO), which the GEMM and conv
// benches use. The pipeline's kernels are emitted from the IR (ir-emit.ts).

import { ExprEmitter, type Expr } from "./expr";
import { broadcastOffset, stridesOf, storageOf, u, type Binding, type Scalar } from "./kernel";

export interface EwInput {
  shape: number[];
  type: Scalar;
}

export interface EwOutput {
  expr: Expr;
  type: Scalar;
}

/** An elementwise computation over `shape`: what a fused chain or an epilogue does. */
export interface Fused {
  shape: number[];
  inputs: EwInput[];
  outputs: EwOutput[];
}

/** WGSL loading input `i` (binding `name`) at the element `flat` of `shape`. */
export function loadInput(name: string, input: EwInput, shape: number[], flat: string): string {
  const v = `${name}[${broadcastOffset(shape, input.shape, flat)}]`;
  return input.type === "bool" ? `(${v} != 0u)` : v;
}

export function storeValue(type: Scalar, v: string): string {
  return type === "bool" ? `select(0u, 1u, ${v})` : v;
}

export function coordinate(shape: number[], axis: number, flat: string): string {
  const st = stridesOf(shape)[axis];
  let c = st === 1 ? flat : `(${flat} / ${u(st)})`;
  if (axis > 0) c = `(${c} % ${u(shape[axis])})`;
  return c;
}

/**
 * Emits the body that computes and stores every output of `f` at `flat`.
 * `inName(i)`/`outName(j)` name the bindings; `acc` is the epilogue's value.
 */
export function emitFusedBody(
  f: Fused,
  flat: string,
  inName: (i: number) => string,
  outName: (j: number) => string,
  accValue?: string,
  prefix = "v",
): string[] {
  const em = new ExprEmitter((e) => {
    switch (e.kind) {
      case "load":
        return loadInput(inName(e.input), f.inputs[e.input], f.shape, flat);
      case "index":
        return coordinate(f.shape, e.axis, flat);
      case "acc":
        if (accValue === undefined) throw new Error("acc outside an epilogue");
        return accValue;
      default:
        throw new Error(`${e.kind} is not valid in an elementwise expression`);
    }
  }, prefix);
  const stores = f.outputs.map((o, j) => {
    const v = em.emit(o.expr);
    return `${outName(j)}[${flat}] = ${storeValue(o.type, v)};`;
  });
  return [...em.lines, ...stores];
}

export function fusedBindings(f: Fused, inPrefix = "in", outPrefix = "out"): Binding[] {
  return [
    ...f.inputs.map((x, i): Binding => ({
      name: `${inPrefix}${i}`,
      type: storageOf(x.type),
      access: "read",
    })),
    ...f.outputs.map((o, j): Binding => ({
      name: `${outPrefix}${j}`,
      type: storageOf(o.type),
      access: "read_write",
    })),
  ];
}
