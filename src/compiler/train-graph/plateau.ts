// ReduceLROnPlateau, evaluated on the host once per epoch with the epoch's
// held-out loss: torch.optim.lr_scheduler.ReduceLROnPlateau's state machine
// (torch 1.13), so the lr sequence is torch's for the same losses. Its state is
// plain numbers, saved in checkpoints so a resumed run continues it.

export interface PlateauOptions {
  mode?: "min" | "max";
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: "rel" | "abs";
  cooldown?: number;
  minLr?: number;
  eps?: number;
}

export interface PlateauState {
  lr: number;
  best: number;
  badEpochs: number;
  cooldownLeft: number;
}

export class Plateau {
  state: PlateauState;
  constructor(
    baseLr: number,
    private readonly o: PlateauOptions = {},
    state?: PlateauState,
  ) {
    this.state = state ?? { lr: baseLr, best: (o.mode ?? "min") === "min" ? Infinity : -Infinity, badEpochs: 0, cooldownLeft: 0 };
  }

  private better(a: number, best: number): boolean {
    const t = this.o.threshold ?? 1e-4;
    const rel = (this.o.thresholdMode ?? "rel") === "rel";
    if ((this.o.mode ?? "min") === "min") return rel ? a < best * (1 - t) : a < best - t;
    return rel ? a > best * (t + 1) : a > best + t;
  }

  /** One epoch's metric (the validation loss); returns the lr for the next epoch. */
  step(metric: number): number {
    const s = this.state;
    if (this.better(metric, s.best)) {
      s.best = metric;
      s.badEpochs = 0;
    } else s.badEpochs++;
    if (s.cooldownLeft > 0) {
      s.cooldownLeft--;
      s.badEpochs = 0;
    }
    if (s.badEpochs > (this.o.patience ?? 10)) {
      const next = Math.max(s.lr * (this.o.factor ?? 0.1), this.o.minLr ?? 0);
      if (s.lr - next > (this.o.eps ?? 1e-8)) s.lr = next;
      s.cooldownLeft = this.o.cooldown ?? 0;
      s.badEpochs = 0;
    }
    return s.lr;
  }
}
