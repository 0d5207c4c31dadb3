/// <reference lib="dom" />
// The demo page's script: compile what is in the text area, train a few steps
// on synthetic data, draw the loss. Built with the library by
// scripts/build-browser.ts (dist/browser/demo.js).

import { compileModel, trainInBrowser, type BackendName } from "../../src/browser/index";

const EXAMPLE = `model SimpleNet {
  input  x: f32[batch, 784]
  output logits = x -> Linear(128) -> ReLU -> Linear(10)
}

train SimpleNet {
  data      = mnist(train: 512, test: 128)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam(lr: 1e-3)
  batch     = 32
  epochs    = 10
  metrics   = [accuracy(logits, data.label)]
  seed      = 42
}
`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const source = $<HTMLTextAreaElement>("source");
const log = $<HTMLPreElement>("log");
const chart = $<HTMLCanvasElement>("chart");
source.value = EXAMPLE;

function draw(losses: number[]): void {
  const g = chart.getContext("2d")!;
  g.clearRect(0, 0, chart.width, chart.height);
  if (losses.length < 2) return;
  const max = Math.max(...losses);
  const min = Math.min(0, ...losses);
  g.beginPath();
  losses.forEach((l, i) => {
    const x = (i / (losses.length - 1)) * (chart.width - 10) + 5;
    const y = chart.height - 5 - ((l - min) / (max - min || 1)) * (chart.height - 10);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  });
  g.stroke();
}

$<HTMLButtonElement>("train").onclick = async () => {
  const button = $<HTMLButtonElement>("train");
  button.disabled = true;
  log.textContent = "";
  const program = compileModel(source.value);
  if (!program.ok) {
    log.textContent = program.errors;
    button.disabled = false;
    return;
  }
  const losses: number[] = [];
  const t0 = performance.now();
  try {
    const r = await trainInBrowser(program, {
      steps: Number($<HTMLInputElement>("steps").value),
      backend: $<HTMLSelectElement>("backend").value as BackendName,
      onEvent: (e) => {
        if (e.kind === "start") log.textContent += `${e.trainSize} synthetic samples, ${e.stepsPerEpoch} steps per epoch\n`;
        if (e.kind === "step" && e.loss !== undefined) {
          losses.push(e.loss);
          draw(losses);
          log.textContent = log.textContent!.split("\n")[0] + `\nstep ${e.step}: loss ${e.loss.toFixed(4)}`;
        }
      },
    });
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    log.textContent += `\n${r.steps} steps on ${r.backend.description} in ${secs} s`;
    if (r.test) log.textContent += `\ntest loss ${r.test.loss.toFixed(4)} ${JSON.stringify(r.test.metrics)}`;
    r.backend.dispose();
  } catch (e) {
    log.textContent += `\nerror: ${(e as Error).message}`;
  }
  button.disabled = false;
};
