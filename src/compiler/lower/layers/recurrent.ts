// RNN, LSTM, GRU, batch-first, as loops: per layer and direction, the input
// projection of all steps is one matmul, then a `scan` (autodiff/scan.ts)
// runs the cell (ir/ops/rnn-cell.ts) once per step from a zero state
// (h₀ = c₀ = 0); the reverse direction of a bidirectional layer is the same
// scan run from the last step to the first, and the two directions' outputs
// are concatenated on the feature axis (forward first), as PyTorch. Between
// layers, `dropout` applies in training (not after the last layer). The
// sequence length may stay symbolic: the scan is exported to ONNX as a Scan
// (the reverse one with scan_input_directions = 1), and unrolled only where a
// backend needs it.

import { concat, full, sliceAxis, type Node } from "../../ir/builder";
import { InternalError } from "../../diagnostics";
import { scan } from "../../autodiff/scan";
import type { BuiltinInstance } from "../../check/elaborated";
import type { Lowering } from "../context";
import { lowers, type LayerLowering } from "../rules";
import * as L from "../../layers/builtins";
import { dropoutIn, linear } from "./dense";
import "../../ir/ops/rnn-cell";

type Cell = "RNN" | "LSTM" | "GRU";

/** Layer `l`'s weights in one direction (`suffix` "_reverse" for the backward one, PyTorch's names). */
function weights(cx: Lowering, inst: BuiltinInstance, l: number, suffix: string) {
  const wih = cx.instParam(inst, `weight_ih_l${l}${suffix}`);
  const whh = cx.instParam(inst, `weight_hh_l${l}${suffix}`);
  if (!wih || !whh) throw new InternalError(`${inst.def.name} '${inst.path}' lacks layer ${l}${suffix} weights`);
  const bhh = cx.instParam(inst, `bias_hh_l${l}${suffix}`);
  return { wih, bih: cx.instParam(inst, `bias_ih_l${l}${suffix}`), consts: bhh ? [whh, bhh] : [whh] };
}

function recurrent(cell: Cell): LayerLowering {
  return (cx, inst, x0) => {
    if (!x0) throw new InternalError(`${cell} applied to nothing`);
    const B = x0.shape[0];
    const hs = inst.args.hidden_size as number;
    const act = inst.args.nonlinearity === "relu" ? "relu" : "tanh";
    const layers = (inst.args.num_layers as number | undefined) ?? 1;
    const directions = inst.args.bidirectional === true ? ["", "_reverse"] : [""];
    const p = (inst.args.dropout as number | undefined) ?? 0;
    // LSTM carries [h | c]; the others h.
    const state = cell === "LSTM" ? 2 * hs : hs;
    let seq: Node = x0;
    for (let l = 0; l < layers; l++) {
      const outs = directions.map((suffix) => {
        const w = weights(cx, inst, l, suffix);
        const xp = linear(seq, w.wih, w.bih); // [B, T, G·h]
        const ys = scan(full([B, state], 0), xp, w.consts, "rnn_cell", cell === "RNN" ? { cell, act } : { cell }, suffix !== "");
        return cell === "LSTM" ? sliceAxis(ys, -1, 0, hs) : ys;
      });
      seq = outs.length === 1 ? outs[0] : concat(outs, 2);
      if (l < layers - 1) seq = dropoutIn(cx, seq, p, inst.path, `l${l}`);
    }
    return seq;
  };
}

export const RNN = lowers(L.RNN, recurrent("RNN"));
export const LSTM = lowers(L.LSTM, recurrent("LSTM"));
export const GRU = lowers(L.GRU, recurrent("GRU"));
