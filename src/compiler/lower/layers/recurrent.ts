// RNN, LSTM, GRU, batch-first, as loops: per layer, the input projection of
// all steps is one matmul, then a `scan` (autodiff/scan.ts) runs the cell
// (ir/ops/rnn-cell.ts) once per step from a zero state (h₀ = c₀ = 0). The
// sequence length may stay symbolic: the scan is exported to ONNX as a Scan,
// and unrolled only where a backend needs it.

import { full, sliceAxis, type Node } from "../../ir/builder";
import { InternalError } from "../../diagnostics";
import { scan } from "../../autodiff/scan";
import type { BuiltinInstance } from "../../check/elaborated";
import type { Lowering } from "../context";
import type { LayerLowering } from "../rules";
import { linear } from "./dense";
import "../../ir/ops/rnn-cell";

type Cell = "RNN" | "LSTM" | "GRU";

function weights(cx: Lowering, inst: BuiltinInstance, l: number) {
  const wih = cx.instParam(inst, `weight_ih_l${l}`);
  const whh = cx.instParam(inst, `weight_hh_l${l}`);
  if (!wih || !whh) throw new InternalError(`${inst.def.name} '${inst.path}' lacks layer ${l} weights`);
  const bhh = cx.instParam(inst, `bias_hh_l${l}`);
  return { wih, bih: cx.instParam(inst, `bias_ih_l${l}`), consts: bhh ? [whh, bhh] : [whh] };
}

function recurrent(cell: Cell): LayerLowering {
  return (cx, inst, x0) => {
    if (!x0) throw new InternalError(`${cell} applied to nothing`);
    const B = x0.shape[0];
    const hs = inst.args.hidden_size as number;
    const act = inst.args.nonlinearity === "relu" ? "relu" : "tanh";
    const layers = (inst.args.num_layers as number | undefined) ?? 1;
    // LSTM carries [h | c]; the others h.
    const state = cell === "LSTM" ? 2 * hs : hs;
    let seq: Node = x0;
    for (let l = 0; l < layers; l++) {
      const w = weights(cx, inst, l);
      const xp = linear(seq, w.wih, w.bih); // [B, T, G·h]
      const ys = scan(full([B, state], 0), xp, w.consts, "rnn_cell", cell === "RNN" ? { cell, act } : { cell });
      seq = cell === "LSTM" ? sliceAxis(ys, -1, 0, hs) : ys;
    }
    return seq;
  };
}

export const RNN = recurrent("RNN");
export const LSTM = recurrent("LSTM");
export const GRU = recurrent("GRU");
