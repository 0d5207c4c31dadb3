// A model as a picture-sized graph: the nodes a reader thinks in (inputs,
// layers as written, functions, arithmetic, outputs) and the tensor shape on
// every edge, built from the elaborated model (check/elaborated.ts).
//
// Granularity: a built-in layer is one node, labelled with its constructor as
// written (`Linear(128)`) and its instance path and parameter count. User
// layers and named pipes are inlined in the elaborated tree, so they are drawn
// through (their layers appear); `repeat(n, L)` stays one node (n copies of a
// block would swamp the picture), with the parameters of all its copies.
// Constants are not nodes: `x - 0.1307` is one node `− 0.1307`.

import type { ENode, LayerInstance, ModelInstance } from "../compiler/check/elaborated";
import { showType } from "../compiler/tensor-type";

export interface GraphNode {
  id: string;
  kind: "input" | "output" | "layer" | "block" | "function" | "arith" | "param";
  /** What it is, as written: `Linear(128)`, `relu`, `+`. */
  label: string;
  /** Second line: instance path, parameter count, or a shape. */
  detail?: string;
  /** Trainable parameters it owns (layers and blocks). */
  params?: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** The tensor flowing along it: `f32[batch, 128]`. */
  label: string;
}

export interface ModelGraph {
  name: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Trainable parameters of the whole model (buffers not counted). */
  params: number;
}

/** Source text of a span, for labels (one line, shortened). */
export type TextOf = (file: string, span: { start: number; end: number }) => string | undefined;

const OP_SIGN: Record<string, string> = { "-": "−", "*": "×", "/": "÷" };

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

function short(s: string, max = 34): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > max ? one.slice(0, max - 1) + "…" : one;
}

/** Parameters (not buffers) owned by an instance and everything under it. */
function paramsUnder(model: ModelInstance, inst: LayerInstance): number {
  const prefix = inst.path === "" ? "" : inst.path + ".";
  let n = 0;
  for (const p of model.parameters) if (!p.buffer && (inst.path === "" || p.owner === inst.path || p.owner.startsWith(prefix))) n += p.shape.reduce((a, b) => a * b, 1);
  return n;
}

export function modelGraph(model: ModelInstance, textOf: TextOf): ModelGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Map<ENode, string | null>();
  const inputIds = new Map<string, string>();
  let counter = 0;
  const add = (n: Omit<GraphNode, "id">): string => {
    const id = `n${counter++}`;
    nodes.push({ id, ...n });
    return id;
  };
  const edge = (from: ENode, to: string) => {
    const id = visit(from);
    if (id !== null) edges.push({ from: id, to, label: showType(from.type) });
  };
  const textAt = (e: { file: string; span: { start: number; end: number } }, fallback: string) => short(textOf(e.file, e.span) ?? fallback);
  const constText = (e: ENode): string | undefined => (e.kind === "const" ? String(typeof e.value === "number" ? +e.value.toPrecision(6) : e.value) : undefined);

  /** The graph node standing for an expression (null: a constant, drawn inside its consumer). */
  function visit(e: ENode): string | null {
    const known = ids.get(e);
    if (known !== undefined) return known;
    let id: string | null;
    switch (e.kind) {
      case "const":
        id = null;
        break;
      case "input": {
        // Inputs are shared by name (a user layer's input is substituted by the caller's).
        id = inputIds.get(e.name) ?? add({ kind: "input", label: `input ${e.name}`, detail: showType(e.type) });
        inputIds.set(e.name, id);
        break;
      }
      case "param":
        id = add({ kind: "param", label: `param ${e.param.name}`, detail: `${e.param.path} · ${formatCount(e.param.shape.reduce((a, b) => a * b, 1))}`, params: e.param.shape.reduce((a, b) => a * b, 1) });
        break;
      case "apply": {
        const inst = e.instance;
        if ((inst.kind === "user" || inst.kind === "sequential") && e.body) {
          id = visit(e.body);
          break;
        }
        const params = paramsUnder(model, inst);
        const label = inst.kind === "builtin" ? textAt(inst, inst.def.name) : textAt(inst, `repeat(${inst.kind === "repeat" ? inst.count : ""})`);
        const detail = params ? `${inst.path} · ${formatCount(params)} params` : inst.path;
        id = add({ kind: inst.kind === "builtin" ? "layer" : "block", label, detail, params });
        if (e.input) edge(e.input, id);
        for (const x of Object.values(e.extra ?? {})) edge(x, id);
        break;
      }
      case "state":
        id = add({ kind: "function", label: `.${e.name}` });
        edge(e.of, id);
        break;
      case "call": {
        id = add({ kind: "function", label: e.fn.name });
        for (const a of e.args) edge(a, id);
        break;
      }
      case "op": {
        id = add({ kind: "function", label: e.op.name.name });
        for (const a of e.args) edge(a, id);
        break;
      }
      case "neg":
        id = add({ kind: "arith", label: "−x" });
        edge(e.operand, id);
        break;
      case "binary": {
        const sign = OP_SIGN[e.op] ?? e.op;
        const l = constText(e.left);
        const r = constText(e.right);
        id = add({ kind: "arith", label: r !== undefined ? `${sign} ${r}` : l !== undefined ? `${l} ${sign} x` : sign });
        edge(e.left, id);
        edge(e.right, id);
        break;
      }
      case "index": {
        const whole = textOf(e.file, e.span) ?? "";
        const bracket = whole.lastIndexOf("[");
        id = add({ kind: "arith", label: short(bracket >= 0 ? whole.slice(bracket) : "[…]", 20) });
        edge(e.object, id);
        break;
      }
      default:
        // Train-only leaves (data fields, op operands) never occur in a model's outputs.
        id = add({ kind: "function", label: e.kind });
    }
    ids.set(e, id);
    return id;
  }

  for (const i of model.inputs) inputIds.set(i.name, add({ kind: "input", label: `input ${i.name}`, detail: showType(i.type) }));
  for (const o of model.outputs) {
    const id = add({ kind: "output", label: `output ${o.name}`, detail: showType(o.type) });
    edge(o.value, id);
  }
  return { name: model.name, nodes, edges, params: paramsUnder(model, model.root) };
}

/** Labels read from the checker's own copy of each file. */
export function textOfFiles(files: ReadonlyMap<string, { readonly source: { slice(span: { start: number; end: number }): string } }>): TextOf {
  return (file, span) => files.get(file)?.source.slice(span);
}
