// dlnet's learning-rate schedules against torch.optim.lr_scheduler itself: the
// lr of every optimizer step (OneCycleLR, MultiStepLR, StepLR) over random
// configurations, in double precision as both compute them. The lr dlnet feeds
// the step graph is this number rounded to f32 (train-step.test.ts trains with
// them against train.py).

import { expect, it } from "vitest";
import { lrAt, type Schedule } from "../../../../src/compiler/train-graph/schedules";
import { mulberry32 } from "../../../../src/runtime/data/prng";
import { describeTorch, expectOk, python } from "./python";

interface Config {
  lr: number;
  total: number;
  schedule: Schedule;
  /** The same schedule as a torch constructor call on `opt`. */
  torch: string;
}

function configs(): Config[] {
  const rnd = mulberry32(17);
  const out: Config[] = [];
  for (let k = 0; k < 24; k++) {
    const lr = 10 ** (-4 + 3 * rnd());
    const total = 5 + Math.floor(rnd() * 200);
    const pct = 0.05 + 0.9 * rnd();
    const div = 1 + 50 * rnd();
    const fin = 10 ** (1 + 4 * rnd());
    const anneal = rnd() < 0.5 ? "cos" : "linear";
    const three = rnd() < 0.3;
    // Three phases need room for each (torch divides by the phase lengths).
    if (!three || pct * total >= 3)
      out.push({
        lr, total,
        schedule: { kind: "onecycle", pctStart: pct, divFactor: div, finalDivFactor: fin, anneal, threePhase: three },
        torch: `torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=${lr}, total_steps=${total}, pct_start=${pct}, anneal_strategy="${anneal}", div_factor=${div}, final_div_factor=${fin}, three_phase=${three ? "True" : "False"}, cycle_momentum=False)`,
      });
    const milestones = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Math.floor(rnd() * total)))].sort((a, b) => a - b);
    const gamma = 0.05 + 0.9 * rnd();
    out.push({ lr, total, schedule: { kind: "multistep", milestones, gamma }, torch: `torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[${milestones.join(", ")}], gamma=${gamma})` });
    const stepSize = 1 + Math.floor(rnd() * 20);
    out.push({ lr, total, schedule: { kind: "step", stepSize, gamma }, torch: `torch.optim.lr_scheduler.StepLR(opt, step_size=${stepSize}, gamma=${gamma})` });
  }
  return out;
}

describeTorch("schedules against torch.optim.lr_scheduler", () => {
  it("gives torch's lr at every optimizer step (OneCycleLR, MultiStepLR, StepLR; random configurations)", async () => {
    const cs = configs();
    expect(cs.filter((c) => c.schedule.kind === "onecycle").length).toBeGreaterThan(15);
    const script = [
      "import json, torch",
      "out = []",
      ...cs.flatMap((c) => [
        `opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=${c.lr})`,
        `sch = ${c.torch}`,
        "lrs = []",
        `for _ in range(${c.total}):`,
        "    lrs.append(opt.param_groups[0]['lr'])",
        "    opt.step()",
        "    sch.step()",
        "out.append(lrs)",
      ]),
      "print(json.dumps(out))",
    ].join("\n");
    const r = await python(["-c", script]);
    expectOk(r, "torch schedules");
    const want = JSON.parse(r.stdout) as number[][];
    cs.forEach((c, i) => {
      for (let s = 0; s < c.total; s++) {
        const got = lrAt(c.lr, c.schedule, s, c.total);
        expect(Math.abs(got - want[i][s]), `${c.torch} at step ${s}`).toBeLessThanOrEqual(1e-12 * c.lr);
      }
    });
  }, 120_000);
});
