import { describe, expect, it } from "vitest";
import { bar, formatNumber, speed, TrainProgress, type ProgressOptions } from "../../src/cli/progress";

function harness(opts: Partial<ProgressOptions>) {
  let out = "";
  let t = 0;
  const p = new TrainProgress({
    out: { write: (s) => void (out += s) },
    isTTY: false,
    json: false,
    epochs: 2,
    stepsPerEpoch: 4,
    now: () => t,
    ...opts,
  });
  return { p, out: () => out, advance: (ms: number) => void (t += ms) };
}

function runTwoEpochs(h: ReturnType<typeof harness>) {
  for (const e of [1, 2]) {
    h.p.startEpoch(e);
    for (let s = 1; s <= 4; s++) {
      h.advance(500);
      h.p.step(s, 1 / (e * s));
    }
    h.p.endEpoch({ loss: 0.5 / e, metrics: { accuracy: [0.75, 0.875][e - 1] } });
  }
}

describe("progress", () => {
  it("draws a bar proportional to progress", () => {
    expect(bar(0, 10, 10)).toBe("[          ]");
    expect(bar(5, 10, 10)).toBe("[====>     ]");
    expect(bar(10, 10, 10)).toBe("[==========]");
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(1.5e-6)).toBe("1.500e-6");
  });

  it("prints one line per epoch when not a terminal", () => {
    const h = harness({});
    runTwoEpochs(h);
    expect(h.out()).toBe(
      "epoch 1/2: 4 steps, loss 0.5000, accuracy 0.7500, 2.0 step/s, 2.0s\n" +
        "epoch 2/2: 4 steps, loss 0.2500, accuracy 0.8750, 2.0 step/s, 2.0s\n",
    );
  });

  it("rewrites one line on a terminal and keeps each finished epoch", () => {
    const h = harness({ isTTY: true });
    runTwoEpochs(h);
    const lines = h.out().split("\n");
    expect(lines).toHaveLength(3); // two finished epochs and an empty tail
    const frames = lines[0].split("\r\x1b[2K").filter(Boolean);
    expect(frames[0]).toBe("epoch 1/2 [====>               ] 1/4 loss 1.0000 2.0 step/s");
    expect(frames.at(-1)).toBe("epoch 1/2 [====================] 4/4 loss 0.5000 2.0 step/s accuracy 0.7500");
  });

  it("throttles redraws on a terminal", () => {
    const h = harness({ isTTY: true, stepsPerEpoch: 1000 });
    h.p.startEpoch(1);
    for (let s = 1; s <= 1000; s++) {
      h.advance(1);
      h.p.step(s, 0.5);
    }
    const frames = h.out().split("\r\x1b[2K").filter(Boolean).length;
    expect(frames).toBeGreaterThan(5);
    expect(frames).toBeLessThan(20);
  });

  it("prints nothing but JSON lines with --json", () => {
    const h = harness({ json: true, isTTY: true });
    runTwoEpochs(h);
    h.p.note("this is not JSON");
    h.p.event({ event: "done", checkpoint: "out.safetensors" });
    const lines = h.out().trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { event: "epoch", epoch: 1, epochs: 2, steps: 4, loss: 0.5, metrics: { accuracy: 0.75 }, seconds: 2, stepsPerSecond: 2 },
      { event: "epoch", epoch: 2, epochs: 2, steps: 4, loss: 0.25, metrics: { accuracy: 0.875 }, seconds: 2, stepsPerSecond: 2 },
      { event: "done", checkpoint: "out.safetensors" },
    ]);
  });

  it("cuts lines to the terminal width", () => {
    const h = harness({ isTTY: true, columns: 30 });
    h.p.startEpoch(1);
    h.advance(10);
    h.p.step(1, 0.1);
    for (const f of h.out().split("\r\x1b[2K").filter(Boolean)) expect(f.length).toBeLessThan(30);
  });
});

describe("speed", () => {
  it("steps per second from about one a second up; seconds per step below, so a slow run never reads 0.0 step/s", () => {
    expect([speed(12.34), speed(1), speed(0.96)]).toEqual(["12.3 step/s", "1.0 step/s", "1.0 step/s"]);
    expect([speed(0.5), speed(1 / 44.7), speed(0.0001)]).toEqual(["2.0 s/step", "45 s/step", "10000 s/step"]);
    expect(speed(0)).toBe("0.0 step/s");
  });
});
