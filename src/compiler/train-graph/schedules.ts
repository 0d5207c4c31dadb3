// Learning-rate schedules, evaluated on the host: the training graph takes
// `lr` as a scalar input, so a schedule never changes the compiled graph.

export type Schedule =
  | { kind: "constant"; warmup?: number }
  /** StepLR: × gamma every `stepSize` updates (the host converts epochs to updates). */
  | { kind: "step"; stepSize: number; gamma?: number; warmup?: number }
  /** Cosine annealing from the base lr to `minLr` over the updates after warmup. */
  | { kind: "cosine"; warmup?: number; minLr?: number }
  /** Linear decay from the base lr to `endLr` over the updates after warmup. */
  | { kind: "linear"; warmup?: number; endLr?: number };

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
  }
}
