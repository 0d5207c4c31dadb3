// RNN, LSTM, GRU: batch-first ([B, T, in] → [B, T, hidden], or [B, T,
// 2·hidden] bidirectional: the whole output sequence of the last layer),
// optional initial states (`GRU(32)(x, h0)`, `LSTM(32)(x, h0, c0)`) and the
// final states as members of the applied instance (`gru.h_n`, `lstm.c_n`),
// in torch's [num_layers·directions, B, hidden] layout;
// PyTorch's parameter names and gate layouts (LSTM rows i, f, g, o; GRU rows
// r, z, n; the backward direction's parameters end in `_reverse`), init
// U(±1/sqrt(hidden)).

import { mulDims, shapeEq, type Dim } from "../../dims";
import { showShape, type TensorType } from "../../tensor-type";
import { f32, fail, num, type Args, type LayerDef, type OperandSpec, type ParamDecl, type StateSpec } from "../registry";
import { badSize, firstError, needFloat, needLast, needRank } from "../rules";

function recurrent(name: string, gates: number, doc: string): LayerDef {
  const lstm = name === "LSTM";
  // torch's layout of initial and final states: [num_layers·directions, B, hidden], layer-major, forward first.
  const stateShape = (input: TensorType, a: Args): Dim[] => [
    num(a.num_layers) * (a.bidirectional === true ? 2 : 1),
    input.shape[0],
    a.hidden_size as Dim,
  ];
  const stateDoc = (what: string, s: string) =>
    `${what} [num_layers·directions, B, hidden] (layer-major, forward direction first, as torch)${s}`;
  const states: StateSpec[] = [{ name: "h_n", doc: stateDoc("the final hidden state of every layer and direction", ""), type: (i, a) => ({ dtype: "f32", shape: stateShape(i, a) }) }];
  if (lstm) states.push({ name: "c_n", doc: stateDoc("the final cell state", ""), type: (i, a) => ({ dtype: "f32", shape: stateShape(i, a) }) });
  const operands: OperandSpec[] = [{ name: "h0", positional: true, doc: stateDoc("the initial hidden state", "; default zeros") }];
  if (lstm) operands.push({ name: "c0", positional: true, doc: stateDoc("the initial cell state", "; default zeros") });
  return {
    kind: "layer",
    name,
    doc,
    args: [
      { name: "hidden_size", kind: "dim", required: true },
      { name: "num_layers", kind: "int", default: 1, aliases: ["layers"] },
      { name: "input_size", kind: "dim", doc: "inferred from the last input dimension" },
      { name: "bias", kind: "bool", default: true },
      { name: "bidirectional", kind: "bool", default: false, doc: "a second layer over the reversed sequence; outputs concatenated (forward first)" },
      { name: "dropout", kind: "float", default: 0, doc: "dropout on each layer's output but the last, in training" },
      ...(name === "RNN" ? [{ name: "nonlinearity", kind: "string" as const, default: "tanh" }] : []),
    ],
    operands,
    states,
    infer(input, a, { display, operands: given }) {
      if (!input) return fail(`${display} needs an input`);
      const err = firstError(
        badSize(a.hidden_size, "hidden_size", display),
        needFloat(input, display),
        needRank(input, 3, display, "[B, T, features]"),
        a.input_size !== undefined ? needLast(input, a.input_size as Dim, display) : undefined,
      );
      if (err) return err;
      if (!Number.isInteger(a.num_layers) || (a.num_layers as number) < 1)
        return fail(`${display}: num_layers must be a positive integer`, "DL3005");
      if (!((a.dropout as number) >= 0 && (a.dropout as number) < 1)) return fail(`${display}: dropout must be in [0, 1), found ${String(a.dropout)}`, "DL3005");
      if (a.nonlinearity !== undefined && a.nonlinearity !== "tanh" && a.nonlinearity !== "relu")
        return fail(`${display}: nonlinearity must be "tanh" or "relu"`, "DL3005");
      for (const [k, t] of Object.entries(given ?? {})) {
        const want = stateShape(input, a);
        if (t.dtype !== "f32" || !shapeEq(t.shape, want))
          return fail(`${display}: ${k} must be f32${showShape(want)} ([num_layers·directions, B, hidden], as torch), found ${t.dtype}${showShape(t.shape)}`);
      }
      return {
        type: { dtype: input.dtype, shape: [input.shape[0], input.shape[1], mulDims(a.bidirectional === true ? 2 : 1, a.hidden_size as Dim)] },
        args: { ...a, input_size: input.shape[2] },
      };
    },
    params(a) {
      const h = a.hidden_size as Dim;
      const gh = mulDims(gates, h);
      const b = 1 / Math.sqrt(num(h));
      const init = { kind: "uniform" as const, low: -b, high: b };
      const ps: ParamDecl[] = [];
      const dirs = a.bidirectional === true ? ["", "_reverse"] : [""];
      for (let l = 0; l < num(a.num_layers); l++) {
        const inL = l === 0 ? (a.input_size as Dim) : mulDims(dirs.length, h);
        for (const d of dirs) {
          ps.push(f32(`weight_ih_l${l}${d}`, [gh, inL], init), f32(`weight_hh_l${l}${d}`, [gh, h], init));
          if (a.bias !== false) ps.push(f32(`bias_ih_l${l}${d}`, [gh], init), f32(`bias_hh_l${l}${d}`, [gh], init));
        }
      }
      return ps;
    },
  };
}

export const RNN = recurrent("RNN", 1, "Elman RNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh); batch-first, returns all steps [B, T, hidden] ([B, T, 2·hidden] bidirectional).");
export const LSTM = recurrent("LSTM", 4, "LSTM (gates i, f, g, o); batch-first, returns all steps [B, T, hidden] ([B, T, 2·hidden] bidirectional).");
export const GRU = recurrent("GRU", 3, "GRU (gates r, z, n); batch-first, returns all steps [B, T, hidden] ([B, T, 2·hidden] bidirectional).");
