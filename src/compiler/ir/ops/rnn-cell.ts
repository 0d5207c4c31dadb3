// One time step of a recurrent layer, as a composite: the body that a `scan`
// (autodiff/scan.ts) runs once per step. PyTorch's gate layouts and formulas:
//   RNN:  h' = act(x + W_hh h + b_hh)
//   LSTM: rows i, f, g, o:  c' = σ(f)·c + σ(i)·tanh(g),  h' = σ(o)·tanh(c')
//   GRU:  rows r, z, n:  r = σ(·), z = σ(·), n = tanh(x_n + r·(W_hn h + b_hn)),
//         h' = (1 - z)·n + z·h
// where x is this step's input projection W_ih x_t + b_ih (computed for all
// steps at once, outside the loop). The carried state is h, or [h | c] for
// LSTM (a scan carries one tensor). Rows (the batch) are independent, which
// is what a scan's derivative relies on.

import { add, concat, matmul, mul, relu, sigmoid, sliceAxis, sub, tanh, transpose, type Node } from "../builder";
import { InternalError } from "../../diagnostics";
import { composite } from "./nn";

const gate = (v: Node, k: number, h: number): Node => sliceAxis(v, -1, k * h, (k + 1) * h);

/** inputs: state [R, S], x [R, G·H], W_hh [G·H, H], optional b_hh [G·H]; attrs: cell, act. */
composite("rnn_cell", "one step of an RNN/LSTM/GRU: (state, input projection, W_hh[, b_hh]) -> next state", "variadic", (ins, a) => {
  const [s, x, whh, bhh] = ins;
  if (ins.length < 3 || ins.length > 4) throw new InternalError(`rnn_cell takes 3 or 4 inputs, got ${ins.length}`);
  const hs = whh.shape[1] as number;
  const cell = a.cell;
  const h = cell === "LSTM" ? gate(s, 0, hs) : s;
  const hpm = matmul(h, transpose(whh));
  const hp = bhh ? add(hpm, bhh) : hpm;
  if (cell === "RNN") {
    const pre = add(x, hp);
    return a.act === "relu" ? relu(pre) : tanh(pre);
  }
  if (cell === "LSTM") {
    const g = add(x, hp);
    const i = sigmoid(gate(g, 0, hs));
    const f = sigmoid(gate(g, 1, hs));
    const gg = tanh(gate(g, 2, hs));
    const o = sigmoid(gate(g, 3, hs));
    const c2 = add(mul(f, gate(s, 1, hs)), mul(i, gg));
    return concat([mul(o, tanh(c2)), c2], -1);
  }
  if (cell !== "GRU") throw new InternalError(`rnn_cell of unknown cell '${cell}'`);
  const r = sigmoid(add(gate(x, 0, hs), gate(hp, 0, hs)));
  const z = sigmoid(add(gate(x, 1, hs), gate(hp, 1, hs)));
  const n = tanh(add(gate(x, 2, hs), mul(r, gate(hp, 2, hs))));
  return add(mul(sub(1, z), n), mul(z, h));
}, { defaults: { act: "tanh" } });
