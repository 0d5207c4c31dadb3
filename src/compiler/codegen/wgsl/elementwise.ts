// Elementwise kernels from an expression tree: one invocation per element of
// the iteration shape; inputs broadcast to it NumPy-style. A fused chain of
// elementwise ops with several results writes them all from one kernel.

import { ExprEmitter, type Expr } from "./expr";
import {
  bindingDecls,
  finishWgsl,
  broadcastOffset,
  grid,
  linearWorkgroupId,
  product,
  stridesOf,
  storageOf,
  u,
  type Binding,
  type Kernel,
  type Scalar,
} from "./kernel";

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

export const WORKGROUP = 64;

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

export function elementwiseKernel(f: Fused, maxPerDim = 65535): Kernel {
  const n = product(f.shape);
  const workgroups = grid(Math.ceil(n / WORKGROUP), maxPerDim);
  const bindings = fusedBindings(f);
  const body = emitFusedBody(
    f,
    "i",
    (i) => `in${i}`,
    (j) => `out${j}`,
  );
  const wgsl = finishWgsl([
    bindingDecls(bindings),
    "",
    `@compute @workgroup_size(${WORKGROUP})`,
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {",
    `  let i = (${linearWorkgroupId(workgroups)}) * ${u(WORKGROUP)} + lid;`,
    `  if (i >= ${u(n)}) { return; }`,
    ...body.map((l) => `  ${l}`),
    "}",
    "",
  ]);
  return { name: `elementwise_${n}`, wgsl, bindings, workgroups };
}
