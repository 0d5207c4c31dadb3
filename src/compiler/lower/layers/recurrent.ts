// RNN, LSTM, GRU, batch-first, as loops: per layer and direction, the input
// projection of all steps is one matmul, then a `scan` (autodiff/scan.ts)
// runs the cell (ir/ops/rnn-cell.ts) once per step from the given initial
// state (h0/c0, torch's [layers·directions, B, hidden]) or zeros; the final
// states (h_n, c_n, same layout) are the scans' last steps run; the reverse direction of a bidirectional layer is the same
// scan run from the last step to the first, and the two directions' outputs
// are concatenated on the feature axis (forward first), as PyTorch. Between
// layers, `dropout` applies in training (not after the last layer). The
// sequence length may stay symbolic: the scan is exported to ONNX as a Scan
// (the reverse one with scan_input_directions = 1), and unrolled only where a
// backend needs it.

import { concat, full, reshape, sliceAxis, type Node } from "../../ir/builder";
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
  return (cx, inst, x0, e) => {
    if (!x0) throw new InternalError(`${cell} applied to nothing`);
    const B = x0.shape[0];
    const hs = inst.args.hidden_size as number;
    const act = inst.args.nonlinearity === "relu" ? "relu" : "tanh";
    const layers = (inst.args.num_layers as number | undefined) ?? 1;
    const directions = inst.args.bidirectional === true ? ["", "_reverse"] : [""];
    const p = (inst.args.dropout as number | undefined) ?? 0;
    const lstm = cell === "LSTM";
    // Initial states [layers·directions, B, hidden] (torch's layout), zeros when not given.
    const given = (name: string) => (e.extra?.[name] ? cx.lower(e.extra[name]) : undefined);
    const [h0, c0] = [given("h0"), given("c0")];
    const initOf = (s: Node | undefined, k: number) => (s ? reshape(sliceAxis(s, 0, k, k + 1), [B, hs]) : full([B, hs], 0));
    const finals: { h: Node[]; c: Node[] } = { h: [], c: [] };
    let seq: Node = x0;
    for (let l = 0; l < layers; l++) {
      const outs = directions.map((suffix, d) => {
        const k = l * directions.length + d;
        const w = weights(cx, inst, l, suffix);
        const xp = linear(seq, w.wih, w.bih); // [B, T, G·h]
        // LSTM carries [h | c]; the others h.
        const init = lstm ? (h0 || c0 ? concat([initOf(h0, k), initOf(c0, k)], 1) : full([B, 2 * hs], 0)) : initOf(h0, k);
        const ys = scan(init, xp, w.consts, "rnn_cell", cell === "RNN" ? { cell, act } : { cell }, suffix !== "");
        // The final state is the state after the last step run: t = T-1 forward, t = 0 backward.
        const last = reshape(suffix ? sliceAxis(ys, 1, 0, 1) : sliceAxis(ys, 1, -1), [B, lstm ? 2 * hs : hs]);
        finals.h.push(lstm ? sliceAxis(last, 1, 0, hs) : last);
        if (lstm) finals.c.push(sliceAxis(last, 1, hs));
        return lstm ? sliceAxis(ys, -1, 0, hs) : ys;
      });
      seq = outs.length === 1 ? outs[0] : concat(outs, 2);
      if (l < layers - 1) seq = dropoutIn(cx, seq, p, inst.path, `l${l}`);
    }
    const stack = (xs: Node[]) => concat(xs.map((x) => reshape(x, [1, B, hs])), 0);
    cx.setStates(e, lstm ? { h_n: stack(finals.h), c_n: stack(finals.c) } : { h_n: stack(finals.h) });
    return seq;
  };
}

export const RNN = lowers(L.RNN, recurrent("RNN"));
export const LSTM = lowers(L.LSTM, recurrent("LSTM"));
export const GRU = lowers(L.GRU, recurrent("GRU"));
