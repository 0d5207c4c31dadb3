// ReduceLROnPlateau: dlnet's host-side state machine against torch's own, on
// random loss sequences (improving, flat, noisy, with repeats) and random
// options: the lr after every epoch is torch's.

import { expect, it } from "vitest";
import { Plateau, type PlateauOptions } from "../../../../src/compiler/train-graph/plateau";
import { mulberry32 } from "../../../../src/runtime/data/prng";
import { describeTorch, expectOk, python } from "./python";

describeTorch("plateau against torch.optim.lr_scheduler.ReduceLROnPlateau", () => {
  it("gives torch's lr after every epoch (random losses and options)", async () => {
    const rnd = mulberry32(1717);
    const cases: { lr: number; o: Required<Omit<PlateauOptions, "eps">>; losses: number[] }[] = [];
    for (let k = 0; k < 40; k++) {
      const n = 10 + Math.floor(rnd() * 60);
      let x = 1 + rnd() * 3;
      const losses: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = rnd();
        if (r < 0.3) x *= 0.9 + 0.1 * rnd(); // improves
        else if (r < 0.5) x *= 1 - 1e-5 * rnd(); // below the threshold
        else if (r < 0.8) x *= 1 + 0.05 * rnd(); // worse
        losses.push(r > 0.95 && losses.length ? losses[losses.length - 1] : x);
      }
      cases.push({
        lr: 10 ** (-3 + 2 * rnd()),
        o: {
          mode: rnd() < 0.8 ? "min" : "max",
          factor: 0.1 + 0.8 * rnd(),
          patience: Math.floor(rnd() * 5),
          threshold: rnd() < 0.5 ? 1e-4 : 10 ** (-4 + 3 * rnd()),
          thresholdMode: rnd() < 0.6 ? "rel" : "abs",
          cooldown: Math.floor(rnd() * 3),
          minLr: rnd() < 0.5 ? 0 : 1e-5,
        },
        losses,
      });
    }
    const script = [
      "import json, torch",
      "out = []",
      ...cases.flatMap((c) => [
        `opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=${c.lr})`,
        `sch = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="${c.o.mode}", factor=${c.o.factor}, patience=${c.o.patience}, threshold=${c.o.threshold}, threshold_mode="${c.o.thresholdMode}", cooldown=${c.o.cooldown}, min_lr=${c.o.minLr})`,
        "lrs = []",
        `for v in ${JSON.stringify(c.losses)}:`,
        "    sch.step(v)",
        "    lrs.append(opt.param_groups[0]['lr'])",
        "out.append(lrs)",
      ]),
      "print(json.dumps(out))",
    ].join("\n");
    const r = await python(["-c", script]);
    expectOk(r, "torch ReduceLROnPlateau");
    const want = JSON.parse(r.stdout) as number[][];
    let reductions = 0;
    cases.forEach((c, i) => {
      const p = new Plateau(c.lr, c.o);
      const got = c.losses.map((v) => p.step(v));
      expect(got, `case ${i}: ${JSON.stringify(c.o)}`).toEqual(want[i]);
      reductions += new Set(got).size - 1;
    });
    expect(reductions).toBeGreaterThan(20); // the cases do reduce the lr
  }, 120_000);
});
