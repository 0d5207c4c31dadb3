// Optimizer updates as IR, exactly PyTorch's formulas (torch.optim, single-
// tensor path, maximize=False). Each optimizer maps (param, grad, state) to
// (new param, new state) for one parameter; state tensors start at zeros,
// like PyTorch's lazily created buffers.
//
// `step` is the 1-based number of this update (PyTorch's state["step"] after
// its increment) as an f32 scalar input; `lr` is an f32 scalar input set by
// the host from the schedule.

import { add, constant, div, eq, mul, pow, sqrt, sub, where, type Node } from "../ir/builder";

export type OptimizerSpec =
  | { kind: "sgd"; lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
  | { kind: "adam"; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number }
  | { kind: "adamw"; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number }
  | { kind: "rmsprop"; lr: number; alpha?: number; eps?: number; weightDecay?: number; momentum?: number; centered?: boolean };

/** One state tensor per parameter per name, shaped like the parameter. */
export function stateNames(spec: OptimizerSpec): string[] {
  switch (spec.kind) {
    case "sgd":
      return (spec.momentum ?? 0) !== 0 ? ["momentum_buffer"] : [];
    case "adam":
    case "adamw":
      return ["exp_avg", "exp_avg_sq"];
    case "rmsprop":
      return ["square_avg", ...((spec.momentum ?? 0) > 0 ? ["momentum_buffer"] : []), ...(spec.centered ? ["grad_avg"] : [])];
  }
}

/** Graph-input name of a parameter's optimizer state: `optim.<param>.<state>`. */
export const stateInputName = (param: string, state: string) => `optim.${param}.${state}`;

export interface UpdateResult {
  param: Node;
  state: Record<string, Node>;
}

export interface Hyper {
  lr: Node;
  step: Node;
}

/** The update of one parameter `p` with gradient `g` and state tensors `s`. */
export function optimizerStep(spec: OptimizerSpec, p: Node, g: Node, s: Record<string, Node>, h: Hyper): UpdateResult {
  const { lr, step } = h;
  switch (spec.kind) {
    case "sgd": {
      const mu = spec.momentum ?? 0;
      const damp = spec.dampening ?? 0;
      const wd = spec.weightDecay ?? 0;
      // g ← g + λp
      if (wd !== 0) g = add(g, mul(p, wd));
      const state: Record<string, Node> = {};
      if (mu !== 0) {
        // b ← g on the first step, else μb + (1-τ)g
        let buf = add(mul(s.momentum_buffer, mu), mul(g, 1 - damp));
        if (damp !== 0) buf = where(eq(step, 1), g, buf);
        state.momentum_buffer = buf;
        // nesterov: g ← g + μb, else g ← b
        g = spec.nesterov ? add(g, mul(buf, mu)) : buf;
      }
      // p ← p - γg
      return { param: sub(p, mul(lr, g)), state };
    }
    case "adam":
    case "adamw": {
      const [b1, b2] = spec.betas ?? [0.9, 0.999];
      const eps = spec.eps ?? 1e-8;
      const wd = spec.weightDecay ?? (spec.kind === "adamw" ? 0.01 : 0);
      if (spec.kind === "adamw") {
        // decoupled decay: p ← p(1 - γλ)
        if (wd !== 0) p = mul(p, sub(1, mul(lr, wd)));
      } else if (wd !== 0) {
        // L2: g ← g + λp
        g = add(g, mul(p, wd));
      }
      // m ← β₁m + (1-β₁)g (torch: m.lerp_(g, 1-β₁));  v ← β₂v + (1-β₂)g²
      const m = add(s.exp_avg, mul(sub(g, s.exp_avg), 1 - b1));
      const v = add(mul(s.exp_avg_sq, b2), mul(mul(g, g), 1 - b2));
      // bias corrections 1 - βᵗ; p ← p - (γ / bc₁) · m / (√v / √bc₂ + ε)
      const bc1 = sub(1, pow(constant(b1), step));
      const bc2 = sub(1, pow(constant(b2), step));
      const denom = add(div(sqrt(v), sqrt(bc2)), eps);
      const param = sub(p, mul(div(lr, bc1), div(m, denom)));
      return { param, state: { exp_avg: m, exp_avg_sq: v } };
    }
    case "rmsprop": {
      const alpha = spec.alpha ?? 0.99;
      const eps = spec.eps ?? 1e-8;
      const wd = spec.weightDecay ?? 0;
      const mu = spec.momentum ?? 0;
      if (wd !== 0) g = add(g, mul(p, wd));
      const state: Record<string, Node> = {};
      // s ← αs + (1-α)g²
      const sa = add(mul(s.square_avg, alpha), mul(mul(g, g), 1 - alpha));
      state.square_avg = sa;
      let avg: Node;
      if (spec.centered) {
        // ḡ ← ḡ + (1-α)(g - ḡ); avg = √(s - ḡ²) + ε
        const ga = add(s.grad_avg, mul(sub(g, s.grad_avg), 1 - alpha));
        state.grad_avg = ga;
        avg = add(sqrt(sub(sa, mul(ga, ga))), eps);
      } else {
        avg = add(sqrt(sa), eps);
      }
      if (mu > 0) {
        // b ← μb + g/avg; p ← p - γb
        const buf = add(mul(s.momentum_buffer, mu), div(g, avg));
        state.momentum_buffer = buf;
        return { param: sub(p, mul(lr, buf)), state };
      }
      return { param: sub(p, mul(lr, div(g, avg))), state };
    }
  }
}
