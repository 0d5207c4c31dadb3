// `dlnet graph` and `dlnet train --report` as a user runs them: the files'
// content is read back (node labels, shapes on edges, parameter counts; the
// report's series lengths, labels and figures), not only their existence.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lineChart, niceTicks } from "../../src/pictures/chart";
import type { RunRecord } from "../../src/pictures/report";
import { dlnetInProcess, ROOT } from "../cli/run-cli";

const dir = mkdtempSync(join(tmpdir(), "dlnet-pictures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of every element of a class in an SVG/HTML string, in order. */
const texts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`class="${cls}"[^>]*>([^<]*)<`, "g"))].map((m) => m[1]);

describe("dlnet graph", () => {
  it("draws mnist_mlp: layers as written, instance paths and parameter counts, shapes on the edges", async () => {
    const out = join(dir, "mlp.svg");
    const r = await dlnetInProcess(["graph", "examples/mnist_mlp.dlnet", "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}: SimpleNet, 3 layers, 101,770 parameters\n`);
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(texts(svg, "title")).toEqual(["SimpleNet · 101,770 parameters"]);
    // Top to bottom: input, the standardisation, the layers, the output.
    expect(texts(svg, "label")).toEqual(["input x", "output logits", "Linear(10)", "ReLU", "Linear(128)", "÷ 0.3081", "− 0.1307"].sort((a, b) => svg.indexOf(`>${a}<`) - svg.indexOf(`>${b}<`)));
    expect(texts(svg, "detail")).toContain("linear_0 · 100,480 params");
    expect(texts(svg, "detail")).toContain("linear_1 · 1,290 params");
    expect(texts(svg, "shape").sort()).toEqual(["f32[batch, 10]", "f32[batch, 128]", "f32[batch, 128]", "f32[batch, 784]", "f32[batch, 784]", "f32[batch, 784]"]);
    // Every edge has a route; labels sit top to bottom in data-flow order.
    expect([...svg.matchAll(/class="edge" d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+"/g)]).toHaveLength(6);
    const y = (label: string) => Number(new RegExp(`y="([\\d.]+)"[^>]*>${label}<`).exec(svg)![1]);
    expect(y("input x")).toBeLessThan(y("Linear\\(128\\)"));
    expect(y("Linear\\(128\\)")).toBeLessThan(y("Linear\\(10\\)"));
    expect(y("Linear\\(10\\)")).toBeLessThan(y("output logits"));
  });

  it("a residual block: two edges into `+`; repeat is one box; --model picks; mistakes are one line", async () => {
    const cnn = await dlnetInProcess(["graph", "examples/mnist_cnn.dlnet"]);
    expect(cnn.code).toBe(0);
    const plus = /data-id="(n\d+)"[^]*?>\+</.exec(cnn.stdout)!;
    expect(plus).not.toBeNull();
    const gpt = await dlnetInProcess(["graph", "examples/tiny_gpt.dlnet", "--model", "TinyGPT"]);
    expect(gpt.code).toBe(0);
    expect(texts(gpt.stdout, "label")).toContain("repeat(n, Block(d, heads: 4))");
    expect(texts(gpt.stdout, "detail").some((d) => /^repeat_0 · [\d,]+ params$/.test(d))).toBe(true);
    const two = await dlnetInProcess(["graph", "examples/tiny_gpt.dlnet"]);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe("dlnet: examples/tiny_gpt.dlnet has 2 models (TinyGPT, Adder): choose one with --model NAME\n");
    const none = await dlnetInProcess(["graph", "examples/nope.dlnet"]);
    expect(none.stderr).toBe("dlnet: cannot read 'examples/nope.dlnet': no such file\n");
  });
});

describe("dlnet train --report", () => {
  it("writes curves with one point per logged step and per epoch, the figures and the model", async () => {
    const out = join(dir, "run.html");
    const r = await dlnetInProcess(["train", join(ROOT, "examples/mnist_mlp.dlnet"), "--backend", "cpu", "--epochs", "2", "--steps", "40", "--out", join(dir, "m.safetensors"), "--report", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}\n`);
    const html = readFileSync(out, "utf8");
    const record = JSON.parse(/<script type="application\/json" id="dlnet-run">(.*)<\/script>/.exec(html)![1]) as RunRecord;
    // The CPU backend reads the loss back every step: 40 points; --steps 40 ends in epoch 1 (282 steps/epoch).
    expect(record.losses.map((l) => l.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(record.epochs).toHaveLength(1);
    expect(record.test?.samples).toBe(1000);
    const series = [...html.matchAll(/class="series" data-name="([^"]+)" data-points="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(series).toEqual([["loss", 40], ["loss", 1], ["accuracy", 1]]);
    expect(texts(html, "title")).toEqual(["Training loss", "Loss per epoch", "accuracy per epoch", "SimpleNet · 101,770 parameters"]);
    expect(html).toContain("<span>test accuracy</span>");
    expect(html).toContain("mnist(train: 9000, test: 1000) · batch 32 · cpu");
    // The loss falls over the 40 steps.
    const mean = (xs: { loss: number }[]) => xs.reduce((a, b) => a + b.loss, 0) / xs.length;
    expect(mean(record.losses.slice(-10))).toBeLessThan(mean(record.losses.slice(0, 10)));
  }, 120_000);

  it("ticks are 1, 2 or 5 × 10^k and whole numbers for epochs", () => {
    expect(niceTicks(0.52, 2.31, 5)).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(1, 2, 6, true)).toEqual([1, 2]);
    expect(niceTicks(3, 3)).toEqual([1, 2, 3, 4, 5]);
  });

  it("a percentage axis stays within 0–100% and covers the data, also for a single point", () => {
    const yticks = (svg: string) => [...svg.matchAll(/class="ytick"[^>]*>([^<]*)%</g)].map((m) => Number(m[1]));
    const cases = [[0.672], [1], [1, 1], [0], [0.02, 0.97], [0.5, 0.51], [0.999], [0.31, 0.35, 0.9]];
    for (const ys of cases) {
      const t = yticks(lineChart([{ name: "accuracy", points: ys.map((y, i) => ({ x: i + 1, y })) }], { percent: true }));
      expect(t.length, `${ys}`).toBeGreaterThanOrEqual(2);
      expect(t[0], `${ys}`).toBeGreaterThanOrEqual(0);
      expect(t[t.length - 1], `${ys}`).toBeLessThanOrEqual(100);
      expect(t[0], `${ys}`).toBeLessThanOrEqual(Math.min(...ys) * 100);
      expect(t[t.length - 1], `${ys}`).toBeGreaterThanOrEqual(Math.max(...ys) * 100);
    }
  });
});
