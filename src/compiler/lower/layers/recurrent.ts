// RNN, LSTM, GRU, batch-first, unrolled over the (concrete) sequence length.
// The input projection of all steps is one matmul per layer; each step adds
// the recurrent projection. PyTorch's gate layouts and formulas:
//   RNN:  h' = act(W_ih x + b_ih + W_hh h + b_hh)
//   LSTM: rows i, f, g, o:  c' = σ(f)·c + σ(i)·tanh(g),  h' = σ(o)·tanh(c')
//   GRU:  rows r, z, n:  r = σ(·), z = σ(·), n = tanh(W_in x + b_in + r·(W_hn h + b_hn)),
//         h' = (1 - z)·n + z·h
// h₀ = c₀ = 0, so step 0 skips the W_hh matmul (its value is b_hh alone).

import { add, concat, constant, mul, relu, reshape, sigmoid, sliceAxis, sub, tanh, type Node } from "../../ir/builder";
import { InternalError } from "../../diagnostics";
import type { BuiltinInstance } from "../../check/elaborated";
import type { Lowering } from "../context";
import type { LayerLowering } from "../rules";
import { linear } from "./dense";

type Cell = "RNN" | "LSTM" | "GRU";
const GATES: Record<Cell, number> = { RNN: 1, LSTM: 4, GRU: 3 };

const gate = (v: Node, k: number, h: number): Node => sliceAxis(v, -1, k * h, (k + 1) * h);
const plus = (a: Node, b: Node | undefined): Node => (b ? add(a, b) : a);

interface Weights {
  wih: Node;
  whh: Node;
  bih?: Node;
  bhh?: Node;
}

function weights(cx: Lowering, inst: BuiltinInstance, l: number): Weights {
  const wih = cx.instParam(inst, `weight_ih_l${l}`);
  const whh = cx.instParam(inst, `weight_hh_l${l}`);
  if (!wih || !whh) throw new InternalError(`${inst.def.name} '${inst.path}' lacks layer ${l} weights`);
  return { wih, whh, bih: cx.instParam(inst, `bias_ih_l${l}`), bhh: cx.instParam(inst, `bias_hh_l${l}`) };
}

/** One step: the x-projection of this step, the previous state (undefined at t = 0). */
function step(cell: Cell, act: "tanh" | "relu", w: Weights, xt: Node, h: Node | undefined, c: Node | undefined, hs: number) {
  // The recurrent projection; at t = 0 it is just b_hh (or nothing).
  const hp = h ? linear(h, w.whh, w.bhh) : w.bhh;
  if (cell === "RNN") {
    const pre = plus(xt, hp);
    return { h: act === "relu" ? relu(pre) : tanh(pre) };
  }
  if (cell === "LSTM") {
    const g = plus(xt, hp);
    const i = sigmoid(gate(g, 0, hs));
    const f = sigmoid(gate(g, 1, hs));
    const gg = tanh(gate(g, 2, hs));
    const o = sigmoid(gate(g, 3, hs));
    const c2 = c ? add(mul(f, c), mul(i, gg)) : mul(i, gg);
    return { h: mul(o, tanh(c2)), c: c2 };
  }
  const r = sigmoid(plus(gate(xt, 0, hs), hp && gate(hp, 0, hs)));
  const z = sigmoid(plus(gate(xt, 1, hs), hp && gate(hp, 1, hs)));
  const n = tanh(plus(gate(xt, 2, hs), hp && mul(r, gate(hp, 2, hs))));
  const keep = sub(1, z);
  return { h: h ? add(mul(keep, n), mul(z, h)) : mul(keep, n) };
}

function recurrent(cell: Cell): LayerLowering {
  return (cx, inst, x0, e) => {
    if (!x0) throw new InternalError(`${cell} applied to nothing`);
    const [B, T] = x0.shape;
    const hs = inst.args.hidden_size as number;
    if (typeof T !== "number") {
      cx.report("DL5003", `${cell} is unrolled over the sequence, so its length must be known; '${T}' is symbolic here (a train block binds it from the data, or bind it when compiling)`, e);
      return constant(0, "f32", cx.shapeOf(e));
    }
    const act = inst.args.nonlinearity === "relu" ? "relu" : "tanh";
    const layers = (inst.args.num_layers as number | undefined) ?? 1;
    let seq = x0;
    for (let l = 0; l < layers; l++) {
      const w = weights(cx, inst, l);
      const xp = linear(seq, w.wih, w.bih); // [B, T, G·h]
      let h: Node | undefined;
      let c: Node | undefined;
      const outs: Node[] = [];
      for (let t = 0; t < T; t++) {
        const xt = reshape(sliceAxis(xp, 1, t, t + 1), [B, GATES[cell] * hs]);
        const s = step(cell, act, w, xt, h, c, hs);
        h = s.h;
        c = s.c;
        outs.push(reshape(h, [B, 1, hs]));
      }
      seq = concat(outs, 1);
    }
    return seq;
  };
}

export const RNN = recurrent("RNN");
export const LSTM = recurrent("LSTM");
export const GRU = recurrent("GRU");
