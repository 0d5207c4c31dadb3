// scan (autodiff/scan.ts) -> ONNX Scan: one scan input (axis 1), one state,
// one scan output (axis 1, the states), the direction from `reverse`. The
// body is the body op lowered into a subgraph on two inputs (state, step
// input); the consts are read from the outer graph by name, as ONNX's
// lexical scoping allows. So a recurrent layer exports as a loop and the
// sequence length may stay symbolic.

import { attrsOf, makeNode, type Node } from "../../../ir/node";
import { getOp } from "../../../ir/registry";
import { input } from "../../../ir/builder";
import { bodyAttrs } from "../../../autodiff/scan";
import { NoExpansion, OnnxEmitter, Unsupported, ONNX_DTYPE, type DimSource } from "../emitter";
import { NodeLowering, orderWithin } from "../lower-nodes";
import { attr, type NodeSpec } from "../proto";
import type { OnnxRules } from "./rule";

export const SCAN_RULES = {
  scan: {
    emit: (e, n, ins) => {
      const [init, xs, ...consts] = n.inputs;
      const base = e.fresh("scan");
      const sIn = `${base}_state`;
      const xIn = `${base}_x`;
      const s = input(sIn, "f32", init.shape);
      const x = input(xIn, "f32", [xs.shape[0], xs.shape[2]]);
      const out = makeNode(getOp(n.attrs.body), [s, x, ...consts], bodyAttrs(n.attrs));
      const dims = new Map<string, DimSource>();
      for (const v of [s, x]) v.shape.forEach((d, axis) => typeof d === "string" && !dims.has(d) && dims.set(d, { value: attrsOf(v, "input").name, axis }));
      const sub = new OnnxEmitter(e.opset, dims, [sIn, xIn, ...ins]);
      const problems: string[] = [];
      const names = new Map<Node, string>([[s, sIn], [x, xIn], ...consts.map((c, k): [Node, string] => [c, ins[2 + k]])]);
      const low = new NodeLowering(sub, names, (m) => problems.push(m), new Map());
      for (const m of orderWithin([out], new Set([s, x, ...consts]))) low.emitNode(m, n.attrs.body);
      if (problems.length) {
        const why = `its body ${problems[0]}`;
        throw typeof xs.shape[1] === "number" ? new Unsupported(why) : new NoExpansion(why);
      }
      // Values made in the body get the scan's prefix: a subgraph must not redefine an outer name.
      const local = new Set(sub.nodes.flatMap((m) => m.outputs));
      const ren = (v: string) => (local.has(v) ? `${base}_${v}` : v);
      const nodes: NodeSpec[] = sub.nodes.map((m) => ({ ...m, inputs: m.inputs.map(ren), outputs: m.outputs.map(ren) }));
      const next = ren(low.names.get(out)!);
      const sOut = `${base}_next`;
      const yOut = `${base}_y`;
      nodes.push({ op: "Identity", inputs: [next], outputs: [sOut] }, { op: "Identity", inputs: [next], outputs: [yOut] });
      const f32 = ONNX_DTYPE.f32;
      const body = {
        name: `${base}_body`,
        inputs: [{ name: sIn, dtype: f32, shape: s.shape }, { name: xIn, dtype: f32, shape: x.shape }],
        outputs: [{ name: sOut, dtype: f32, shape: s.shape }, { name: yOut, dtype: f32, shape: s.shape }],
        nodes,
      };
      const dir = n.attrs.reverse ? 1 : 0;
      const [, ys] = e.opN("Scan", [ins[0], ins[1]], 2, {
        body: attr.graph(body),
        num_scan_inputs: attr.int(1),
        scan_input_axes: attr.ints([1]),
        scan_input_directions: attr.ints([dir]),
        scan_output_axes: attr.ints([1]),
        scan_output_directions: attr.ints([dir]),
      }, "scan");
      return ys;
    },
  },
} satisfies OnnxRules;
