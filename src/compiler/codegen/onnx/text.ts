// A readable dump of an ONNX model, in the style of onnx.helper.printable_graph:
//
//   graph SimpleNet (
//     %x[FLOAT, batch x 784]
//   ) initializers (
//     %fc1.weight[FLOAT, 784x128]
//   ) {
//     %h = MatMul(%x, %fc1.weight)
//     return %logits
//   }
//
// preceded by a header with the IR version, opsets and producer. Used for the
// golden files test/baselines/*.onnx.txt and by `dlnet export --emit text`,
// so it is deterministic: no byte offsets, no float noise beyond 6 digits.

import {
  decodeModel, dtypeCodeName, modelOpset, onnx, tensorFromProto, toNumber,
  type IAttributeProto, type INodeProto, type ITensorProto, type IValueInfoProto, type ModelProto, type TensorData,
} from "./proto";

/** Tensors with at most this many elements print their values. */
const SMALL_TENSOR = 8;

/** Parse ONNX bytes and print them; a corrupt file throws UserError naming `file`. */
export function onnxToText(bytes: Uint8Array, file = "<onnx>"): string {
  return modelToText(decodeModel(bytes, file));
}

export function modelToText(m: ModelProto): string {
  const lines: string[] = [];
  const opsets = m.opsetImport.map((o) => `${o.domain || "ai.onnx"} ${toNumber(o.version)}`).join(", ");
  lines.push(`ir_version: ${toNumber(m.irVersion)}`);
  lines.push(`opset_import: ${opsets}`);
  if (m.producerName) lines.push(`producer: ${m.producerName}${m.producerVersion ? " " + m.producerVersion : ""}`);
  const g = m.graph!;
  const initializers = g.initializer ?? [];
  const inits = new Set(initializers.map((t) => t.name ?? ""));
  // Initializers that are also listed as inputs (old exporters) print once, as initializers.
  const inputs = (g.input ?? []).filter((v) => !inits.has(v.name ?? ""));
  lines.push(`graph ${g.name || "main"} (`);
  for (const v of inputs) lines.push(`  %${v.name}${valueType(v)}`);
  if (initializers.length > 0) {
    lines.push(`) initializers (`);
    for (const t of initializers) lines.push(`  %${t.name}${tensorType(t)}${smallValues(t)}`);
  }
  lines.push(`) {`);
  for (const n of g.node ?? []) lines.push(nodeText(n));
  lines.push(`  return ${(g.output ?? []).map((v) => `%${v.name}${valueType(v)}`).join(", ")}`);
  lines.push(`}`);
  for (const f of m.functions ?? []) {
    lines.push(`function ${f.domain ? f.domain + "." : ""}${f.name} (${(f.input ?? []).map((i) => `%${i}`).join(", ")}) {`);
    for (const n of f.node ?? []) lines.push(nodeText(n));
    lines.push(`  return ${(f.output ?? []).map((o) => `%${o}`).join(", ")}`);
    lines.push(`}`);
  }
  return lines.join("\n") + "\n";
}

function nodeText(n: INodeProto, indent = "  "): string {
  const attrs = n.attribute?.length ? `[${n.attribute.map(attrText).join(", ")}]` : "";
  const domain = n.domain && n.domain !== "ai.onnx" ? `${n.domain}.` : "";
  const outs = (n.output ?? []).map((o) => `%${o}`).join(", ");
  const ins = (n.input ?? []).map((i) => (i === "" ? "" : `%${i}`)).join(", ");
  const lines = [`${indent}${outs} = ${domain}${n.opType}${attrs}(${ins})`];
  // Subgraphs (Scan's body) follow their node, indented.
  for (const a of n.attribute ?? []) {
    const g = a.g;
    if (a.type !== AT.GRAPH || !g) continue;
    lines.push(`${indent}  graph ${g.name || a.name} (${(g.input ?? []).map((v) => `%${v.name}${valueType(v)}`).join(", ")}) {`);
    for (const m of g.node ?? []) lines.push(nodeText(m, indent + "    "));
    lines.push(`${indent}    return ${(g.output ?? []).map((v) => `%${v.name}${valueType(v)}`).join(", ")}`);
    lines.push(`${indent}  }`);
  }
  return lines.join("\n");
}

function valueType(v: IValueInfoProto): string {
  const t = v.type?.tensorType;
  if (!t) return "[?]";
  const dims = t.shape?.dim?.map((d) => (d.dimParam ? d.dimParam : d.dimValue != null ? String(toNumber(d.dimValue)) : "?"));
  return `[${dtypeCodeName(t.elemType ?? 0)}, ${dims ? showDims(dims) : "?"}]`;
}

function tensorType(t: ITensorProto): string {
  const dims = (t.dims ?? []).map(toNumber);
  return `[${dtypeCodeName(t.dataType ?? 0)}, ${showDims(dims.map(String))}]`;
}

/** `784x128` as printable_graph writes it; `batch x 784` when a dim is symbolic, so names stay readable. */
function showDims(dims: string[]): string {
  if (dims.length === 0) return "scalar";
  return dims.join(dims.every((d) => /^\d+$/.test(d)) ? "x" : " x ");
}

function fmt(v: number | bigint): string {
  if (typeof v === "bigint") return v.toString();
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function valuesOf(t: TensorData): string {
  if (t.dtype === "f16") return `<${t.data.length} half values>`;
  return Array.from(t.data as ArrayLike<number | bigint>, fmt).join(", ");
}

function smallValues(t: ITensorProto): string {
  const d = tensorFromProto(t);
  if (typeof d === "string" || d.data.length > SMALL_TENSOR) return "";
  return ` = [${valuesOf(d)}]`;
}

const AT = onnx.AttributeProto.AttributeType;

function attrText(a: IAttributeProto): string {
  const v = (() => {
    switch (a.type) {
      case AT.INT: return String(toNumber(a.i));
      case AT.FLOAT: return fmt(a.f ?? 0);
      case AT.STRING: return `'${new TextDecoder().decode(a.s ?? new Uint8Array())}'`;
      case AT.INTS: return `[${(a.ints ?? []).map((x) => String(toNumber(x))).join(", ")}]`;
      case AT.FLOATS: return `[${(a.floats ?? []).map(fmt).join(", ")}]`;
      case AT.TENSOR: {
        const t = a.t;
        if (!t) return "<Tensor ?>";
        const d = tensorFromProto(t);
        const vals = typeof d !== "string" && d.data.length <= SMALL_TENSOR ? ` = [${valuesOf(d)}]` : "";
        return `<Tensor${tensorType(t)}${vals}>`;
      }
      case AT.GRAPH: return `<graph ${a.g?.name ?? "?"}>`;
      default: return `<${AT[a.type ?? 0] ?? "?"}>`;
    }
  })();
  return `${a.name} = ${v}`;
}

