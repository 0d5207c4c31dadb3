// Learning-rate schedules, evaluated on the host: the training graph takes
// `lr` as a scalar input, so a schedule never changes the compiled graph.

export type Schedule =
  | { kind: "constant"; warmup?: number }
  /** StepLR: × gamma every `stepSize` updates (the host converts epochs to updates). */
  | { kind: "step"; stepSize: number; gamma?: number; warmup?: number }
  /** Cosine annealing from the base lr to `minLr` over the updates after warmup. */
  | { kind: "cosine"; warmup?: number; minLr?: number }
  /** Linear decay from the base lr to `endLr` over the updates after warmup. */
  | { kind: "linear"; warmup?: number; endLr?: number }
  /** MultiStepLR: × gamma at each milestone (update numbers), after warmup. */
  | { kind: "multistep"; milestones: readonly number[]; gamma?: number; warmup?: number }
  /**
   * OneCycleLR (lr only; momentum is not cycled): the base lr is the peak, reached
   * after pctStart of the run from base/divFactor, then annealed to base/divFactor/finalDivFactor
   * (threePhase: back to the start first, then down).
   */
  | { kind: "onecycle"; pctStart?: number; divFactor?: number; finalDivFactor?: number; anneal?: "cos" | "linear"; threePhase?: boolean; warmup?: undefined };

/**
 * The lr of update number `step` (0-based) out of `totalSteps`. Warmup (any
 * kind) ramps linearly: base · (step+1)/warmup for the first `warmup` updates.
 */
export function lrAt(baseLr: number, schedule: Schedule, step: number, totalSteps: number): number {
  const warmup = schedule.warmup ?? 0;
  if (step < warmup) return (baseLr * (step + 1)) / warmup;
  const t = step - warmup;
  const span = Math.max(1, totalSteps - warmup);
  switch (schedule.kind) {
    case "constant":
      return baseLr;
    case "step":
      return baseLr * Math.pow(schedule.gamma ?? 0.1, Math.floor(t / schedule.stepSize));
    case "cosine": {
      const min = schedule.minLr ?? 0;
      return min + (baseLr - min) * 0.5 * (1 + Math.cos((Math.PI * Math.min(t, span)) / span));
    }
    case "linear": {
      const end = schedule.endLr ?? 0;
      return baseLr + (end - baseLr) * Math.min(1, t / span);
    }
    case "multistep": {
      // torch: gamma ** bisect_right(milestones, t)
      const passed = schedule.milestones.filter((m) => m <= t).length;
      return baseLr * Math.pow(schedule.gamma ?? 0.1, passed);
    }
    case "onecycle":
      return oneCycle(baseLr, schedule, step, totalSteps);
  }
}

/** torch.optim.lr_scheduler.OneCycleLR.get_lr at last_epoch = step, in double precision as torch computes it. */
function oneCycle(maxLr: number, s: Extract<Schedule, { kind: "onecycle" }>, step: number, totalSteps: number): number {
  const pct = s.pctStart ?? 0.3;
  const initial = maxLr / (s.divFactor ?? 25);
  const min = initial / (s.finalDivFactor ?? 1e4);
  const phases = s.threePhase
    ? [
        { end: pct * totalSteps - 1, from: initial, to: maxLr },
        { end: 2 * pct * totalSteps - 2, from: maxLr, to: initial },
        { end: totalSteps - 1, from: initial, to: min },
      ]
    : [
        { end: pct * totalSteps - 1, from: initial, to: maxLr },
        { end: totalSteps - 1, from: maxLr, to: min },
      ];
  const anneal = (from: number, to: number, p: number) =>
    s.anneal === "linear" ? (to - from) * p + from : to + ((from - to) / 2) * (Math.cos(Math.PI * p) + 1);
  let start = 0;
  for (let i = 0; i < phases.length; i++) {
    const ph = phases[i];
    if (step <= ph.end || i === phases.length - 1) return anneal(ph.from, ph.to, (step - start) / (ph.end - start));
    start = ph.end;
  }
  return min;
}
