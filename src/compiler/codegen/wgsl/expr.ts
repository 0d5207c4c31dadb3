// Scalar expression trees: the body of an elementwise kernel, of a matmul/conv
// epilogue and of a reduction prologue. Each interior node is a WGSL template
// (`max({0}, 0.0f)`) taken from the op record's `wgsl` slot, so codegen knows
// no op by name. Emission shares repeated subexpressions (`let` per distinct
// node), so `x * sigmoid(x)` loads x once.

import { literal, type Scalar } from "./kernel";

export type Expr =
  /** Input `input` of the kernel at the current element (broadcast as needed). */
  | { kind: "load"; input: number }
  /** The matmul/conv accumulator, in an epilogue. */
  | { kind: "acc" }
  /** The value of an earlier reduction stage of the current row. */
  | { kind: "reduced"; stage: number }
  /** The current element's coordinate (u32) along an axis of the iteration shape. */
  | { kind: "index"; axis: number }
  | { kind: "const"; value: number; type: Scalar }
  | { kind: "call"; template: string; args: Expr[]; type: Scalar };

export const load = (input: number): Expr => ({ kind: "load", input });
export const acc = (): Expr => ({ kind: "acc" });
export const reduced = (stage: number): Expr => ({ kind: "reduced", stage });
export const index = (axis: number): Expr => ({ kind: "index", axis });
export const constant = (value: number, type: Scalar = "f32"): Expr => ({
  kind: "const",
  value,
  type,
});
export const call = (template: string, type: Scalar, ...args: Expr[]): Expr => ({
  kind: "call",
  template,
  args,
  type,
});

/** Every leaf of the given kinds reachable from `e` (for binding analysis). */
export function leaves(e: Expr, out: Expr[] = []): Expr[] {
  if (e.kind === "call") for (const a of e.args) leaves(a, out);
  else out.push(e);
  return out;
}

export function substitute(template: string, args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => {
    const a = args[Number(i)];
    if (a === undefined) throw new Error(`template ${template} has no argument ${i}`);
    return a;
  });
}

/**
 * Emits `let` lines for expressions. `leaf` turns a non-call, non-const node
 * into WGSL (e.g. a load with its index math); the emitter binds it once.
 */
export class ExprEmitter {
  readonly lines: string[] = [];
  private readonly byKey = new Map<string, string>();
  private count = 0;

  constructor(
    private readonly leaf: (e: Expr) => string,
    private readonly prefix = "v",
  ) {}

  emit(e: Expr): string {
    if (e.kind === "const") return literal(e.value, e.type);
    let key: string;
    let code: string;
    if (e.kind === "call") {
      const args = e.args.map((a) => this.emit(a));
      code = substitute(e.template, args);
      key = `${e.template}|${args.join(",")}`;
    } else {
      code = this.leaf(e);
      key = `${e.kind}|${code}`;
    }
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const name = `${this.prefix}${this.count++}`;
    this.lines.push(`let ${name} = ${code};`);
    this.byKey.set(key, name);
    return name;
  }
}
