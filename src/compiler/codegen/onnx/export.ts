// IR graph -> ONNX model. Composites are exported before expansion where
// ONNX has the op (Gelu, Softmax, LayerNormalization, ...), user ops as
// model-local functions, other composites as their expansion. Parameters
// become initializers named by parameter path (`fc1.weight`); data inputs
// and outputs keep the model's names; a symbolic dim becomes a dim_param. Nothing is dropped silently: a node with
// no ONNX form is a DL5002 diagnostic, and then no bytes are produced.

import { diag, type Diagnostic } from "../../diagnostics";
import type { Span } from "../../source";
import type { Graph, GraphInput } from "../../ir/graph";
import type { Node } from "../../ir/node";
import type { Tensor } from "../../tensor";
import { OnnxEmitter, ONNX_DTYPE, type DimSource } from "./emitter";
import { findFusions } from "./fusions";
import { NodeLowering } from "./lower-nodes";
import { DEFAULT_OPSET, encodeModel, MIN_OPSET, type FunctionSpec, type NodeSpec, type TensorData, type ValueSpec } from "./proto";
import "./rules/index";

export interface ExportOptions {
  /** Values of parameters (and persistent state such as running means), by parameter path. */
  params?: ReadonlyMap<string, Tensor>;
  opset?: number;
  /** The graph's name in the model (the .dlnet model's name). */
  name?: string;
  /** Where the diagnostics point (the .dlnet source, the model's declaration): the IR carries no spans. */
  file?: string;
  span?: Span;
}

export interface ExportResult {
  /** The serialized ModelProto; empty when there are error diagnostics. */
  bytes: Uint8Array;
  diagnostics: Diagnostic[];
}

/** Protobuf's limit on one message (the whole model, weights included). */
export const MAX_PROTO_BYTES = 2 ** 31 - 2 ** 20;

/** Newest opset exportOnnx accepts (the default); older ones back to MIN_OPSET work too. */
export const MAX_OPSET = DEFAULT_OPSET;

export function exportOnnx(graph: Graph, opts: ExportOptions = {}): ExportResult {
  const opset = opts.opset ?? DEFAULT_OPSET;
  const file = opts.file ?? "<model>";
  const at = opts.span ?? { start: 0, end: 0 };
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string) => diagnostics.push(diag("DL5002", message, file, at));
  if (!Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    fail(`ONNX opset ${opset} is not supported: dlnet exports opsets ${MIN_OPSET} to ${MAX_OPSET}`);
    return { bytes: new Uint8Array(0), diagnostics };
  }
  const params = opts.params ?? new Map<string, Tensor>();
  // ONNX names each value once. A training graph's state outputs reuse their
  // inputs' names (the trainer copies one into the other): export the inference graph.
  for (const o of graph.outputs) {
    const i = graph.inputs.find((x) => x.name === o.name);
    if (i && i.node !== o.node) fail(`output '${o.name}' has the name of an input (a training graph's state update?); export the inference graph`);
  }
  if (diagnostics.length > 0) return { bytes: new Uint8Array(0), diagnostics };

  // Inputs: parameters and state with a value are initializers, the rest graph inputs.
  const initializers = new Map<string, TensorData>();
  const inputs: GraphInput[] = [];
  for (const i of graph.inputs) {
    const value = i.role === "data" ? undefined : params.get(i.name);
    if (!value) {
      inputs.push(i);
      continue;
    }
    const t = initializerData(i, value);
    if (typeof t === "string") fail(t);
    else initializers.set(i.name, t);
  }
  const dimSources = new Map<string, DimSource>();
  for (const i of inputs) {
    i.node.shape.forEach((d, axis) => {
      if (typeof d === "string" && !dimSources.has(d)) dimSources.set(d, { value: i.name, axis });
    });
  }
  const e = new OnnxEmitter(opset, dimSources, [...graph.inputs.map((i) => i.name), ...graph.outputs.map((o) => o.name)]);
  const names = new Map<Node, string>(graph.inputs.map((i) => [i.node, i.name]));
  const lowering = new NodeLowering(e, names, fail);

  const order = graph.nodes();
  const fusions = findFusions(order, new Set(graph.outputs.map((o) => o.node)));
  for (const n of order) {
    if (fusions.absorbed.has(n)) continue;
    const f = fusions.at.get(n);
    if (f) names.set(n, f(e, (m) => names.get(m)!));
    else lowering.emitNode(n);
  }
  if (diagnostics.length > 0) return { bytes: new Uint8Array(0), diagnostics };

  // Outputs keep the model's names: rename the producing node's output when
  // it is private to this output, else add an Identity.
  const outputs: ValueSpec[] = [];
  for (const o of graph.outputs) {
    const v = names.get(o.node)!;
    const inputName = graph.inputs.some((i) => i.name === v);
    const claimed = outputs.some((p) => p.name === v) || graph.outputs.some((p) => p !== o && p.name === v);
    if (v !== o.name && (inputName || claimed || !e.renameOutput(v, o.name))) {
      e.nodes.push({ op: "Identity", inputs: [v], outputs: [o.name] });
    } else if (v !== o.name) {
      for (const [k, name] of names) if (name === v) names.set(k, o.name);
    }
    outputs.push({ name: o.name, dtype: ONNX_DTYPE[o.node.dtype], shape: o.node.shape });
  }

  // Keep data inputs always (a user feeds them); drop other inputs and
  // initializers that nothing reads (the seed of a dropout exported as identity).
  const read = valuesRead(e.nodes);
  for (const o of graph.outputs) read.add(o.name);
  const graphInputs: ValueSpec[] = inputs
    .filter((i) => i.role === "data" || read.has(i.name))
    .map((i) => ({ name: i.name, dtype: ONNX_DTYPE[i.node.dtype], shape: i.node.shape }));
  for (const name of [...initializers.keys()]) if (!read.has(name)) initializers.delete(name);
  // One protobuf message holds at most 2 GiB; larger models need ONNX external data (not written yet).
  const weightBytes = [...initializers.values()].reduce((a, t) => a + t.data.byteLength, 0);
  if (weightBytes >= MAX_PROTO_BYTES) {
    fail(`the weights take ${(weightBytes / 2 ** 30).toFixed(2)} GiB; an ONNX file holds at most 2 GiB and external weight files are not supported yet`);
    return { bytes: new Uint8Array(0), diagnostics };
  }

  const bytes = encodeModel({
    graphName: opts.name ?? "main",
    opset,
    inputs: graphInputs,
    outputs,
    nodes: e.nodes,
    initializers,
    functions: [...lowering.functions.values()].filter((f): f is FunctionSpec => f !== null),
  });
  return { bytes, diagnostics };
}

/** Every value name the nodes read, inside subgraphs (Scan bodies read outer values) too. */
function valuesRead(nodes: readonly NodeSpec[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    for (const i of n.inputs) into.add(i);
    for (const a of Object.values(n.attrs ?? {})) if (a.type === "graph") valuesRead(a.value.nodes, into);
  }
  return into;
}

/** A parameter's host tensor as an initializer, checked against the graph's type for it. */
function initializerData(i: GraphInput, t: Tensor): TensorData | string {
  const shape = i.node.shape;
  if (t.shape.length !== shape.length || t.shape.some((d, k) => d !== shape[k])) {
    return `the value of '${i.name}' has shape [${t.shape.join(", ")}], the graph expects [${shape.join(", ")}]`;
  }
  const dtype = i.node.dtype;
  if (dtype === "f32") return { dtype: "f32", dims: t.shape.slice(), data: t.data instanceof Float32Array ? t.data : Float32Array.from(t.data) };
  if (dtype === "i32") return { dtype: "i32", dims: t.shape.slice(), data: t.data instanceof Int32Array ? t.data : Int32Array.from(t.data) };
  return { dtype: "bool", dims: t.shape.slice(), data: Uint8Array.from(t.data, (v) => (v ? 1 : 0)) };
}
