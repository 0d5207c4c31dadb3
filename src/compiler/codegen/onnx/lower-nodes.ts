// IR nodes -> ONNX nodes, one at a time: the op's rule when it has one (and
// the opset allows it), else the composite's expansion, else a DL5002. User
// `op`s become ONNX model-local functions (domain `dlnet`), so the exported
// graph shows `swish(x)` as the source does; when a body cannot be written as
// a function it is inlined like any other composite.

import type { OpDef } from "../../ir/op";
import type { Node } from "../../ir/node";
import { NoExpansion, OnnxEmitter, Unsupported, type DimSource } from "./emitter";
import type { FunctionSpec } from "./proto";

export const CUSTOM_DOMAIN = "dlnet";

/** Parameter names of a user op (`user op swish(x)` is how autodiff/custom-op.ts summarizes one). */
function userOpParams(def: OpDef): readonly string[] | undefined {
  return def.expand && def.userParams?.length === def.arity ? def.userParams : undefined;
}

/** Nodes under `roots`, inputs first, not walking past `boundary`. */
export function orderWithin(roots: readonly Node[], boundary: ReadonlySet<Node>): Node[] {
  const seen = new Set<Node>();
  const out: Node[] = [];
  const visit = (n: Node) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (!boundary.has(n)) for (const c of n.inputs) visit(c);
    out.push(n);
  };
  for (const r of roots) visit(r);
  return out;
}

export class NodeLowering {
  /** Model-local functions defined so far, by op name (shared with child lowerings). */
  readonly functions: Map<string, FunctionSpec | null>;

  constructor(
    readonly e: OnnxEmitter,
    readonly names: Map<Node, string>,
    readonly fail: (message: string) => void,
    functions?: Map<string, FunctionSpec | null>,
  ) {
    this.functions = functions ?? new Map();
  }

  private readonly reported = new Set<string>();

  emitNode(n: Node, via?: string): void {
    if (this.names.has(n)) return;
    const { e, names } = this;
    const def = n.def;
    const ins = n.inputs.map((c) => names.get(c)!);
    const rule = def.onnx;
    let why: string | undefined;
    let expandable = Boolean(def.expand);
    if (rule && (rule.minOpset ?? 0) <= e.opset) {
      try {
        names.set(n, rule.emit(e, n, ins));
        return;
      } catch (err) {
        if (!(err instanceof Unsupported)) throw err;
        why = err.message;
        if (err instanceof NoExpansion) expandable = false;
      }
    } else if (rule) {
      why = `ONNX has it from opset ${rule.minOpset}`;
    }
    if (def.expand && expandable) {
      if (this.callFunction(def, n, ins)) return;
      // Export the composite as its primitives (they may be composites too).
      const out = def.expand(n.inputs, n.attrs);
      for (const m of orderWithin([out], new Set(n.inputs))) this.emitNode(m, via ?? n.op);
      names.set(n, names.get(out)!);
      return;
    }
    const key = `${n.op}|${via ?? ""}|${why ?? ""}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      const reason = why ?? "no ONNX operator computes it";
      const inside = via ? ` (inside '${via}')` : "";
      this.fail(`op '${n.op}'${inside} cannot be expressed in ONNX opset ${e.opset}: ${reason}`);
    }
    names.set(n, `<unsupported ${n.op}>`);
  }

  /** A user op as a call of its model-local function; false when it cannot be one. */
  private callFunction(def: OpDef, n: Node, ins: readonly string[]): boolean {
    const params = userOpParams(def);
    // Distinct inputs only: a body built from f(x, x) is not f's general body.
    if (!params || new Set(n.inputs).size !== n.inputs.length) return false;
    if (!this.functions.has(def.name)) this.functions.set(def.name, this.defineFunction(def, n, params));
    if (!this.functions.get(def.name)) return false;
    const [out] = this.e.opN(def.name, ins, 1, undefined, def.name);
    const i = this.e.producer.get(out)!;
    this.e.nodes[i] = { ...this.e.nodes[i], domain: CUSTOM_DOMAIN };
    this.names.set(n, out);
    return true;
  }

  /** The function for a user op from its body at this call site (one IR op per operand types). */
  private defineFunction(def: OpDef, n: Node, params: readonly string[]): FunctionSpec | null {
    const dims = new Map<string, DimSource>();
    n.inputs.forEach((x, k) => x.shape.forEach((d, axis) => {
      if (typeof d === "string" && !dims.has(d)) dims.set(d, { value: params[k], axis });
    }));
    const e = new OnnxEmitter(this.e.opset, dims, [...params, "y"]);
    let failed = false;
    const sub = new NodeLowering(e, new Map(n.inputs.map((x, k) => [x, params[k]])), () => (failed = true), this.functions);
    const out = def.expand!(n.inputs, n.attrs);
    for (const m of orderWithin([out], new Set(n.inputs))) sub.emitNode(m, def.name);
    if (failed) return null;
    const v = sub.names.get(out)!;
    if (params.includes(v) || !e.renameOutput(v, "y")) e.nodes.push({ op: "Identity", inputs: [v], outputs: ["y"] });
    return { name: def.name, domain: CUSTOM_DOMAIN, inputs: params, outputs: ["y"], nodes: e.nodes };
  }
}
