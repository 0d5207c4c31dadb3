// The playground's speed against `dlnet train` on the same machine, for
// docs/playground.md (not part of `npm run bench`: it needs Chromium, not
// bench/'s peers). Builds and serves the page (`dlnet playground --port 0`),
// opens it in headless Chromium (puppeteer-core, --enable-unsafe-webgpu) and
// presses Train as soon as the page's script is up, then measures:
//   - page load → first step: navigation start to the first finished step
//     (fetching the page, the digits, compiling the model and the kernels);
//   - steps/s of one epoch of examples/mnist_mlp.dlnet (282 steps of 32),
//     from the trainer's own per-epoch seconds, as `dlnet train --json`
//     reports them;
// then runs `dlnet train examples/mnist_mlp.dlnet --epochs 1 --json` in Node
// (Dawn over the machine's Vulkan); alternates the two --repeat times (a
// shared machine's load moves) and prints each pair with the load average.
//   node bin/run-ts.js bench/playground.ts [--epochs N] [--repeat R]   (defaults 1 and 3; 10 epochs is the file's full run)

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { findChromium, QUIET_FLAGS, WEBGPU_FLAGS } from "../test/browser/chromium";
import { ensureXdg, ROOT } from "./lib/common";

const epochsArg = process.argv.indexOf("--epochs");
const EPOCHS = epochsArg > 0 ? Number(process.argv[epochsArg + 1]) : 1;
if (!Number.isInteger(EPOCHS) || EPOCHS < 1) throw new Error("--epochs takes a whole number ≥ 1");
const repeatArg = process.argv.indexOf("--repeat");
const REPEAT = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 3;
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error("--repeat takes a whole number ≥ 1");

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

function run(args: string[], onLine?: (line: string, child: ReturnType<typeof spawn>) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/dlnet.js"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      for (const l of String(d).split("\n")) if (l) onLine?.(l, child);
    });
    child.stderr!.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 || code === null ? resolve(out) : reject(new Error(`dlnet ${args.join(" ")} exited ${code}:\n${out}`))));
  });
}

interface PageRun {
  adapter: string;
  loadToFirstStep: number;
  trainToFirstStep: number;
  epochs: { step: number; seconds: number; metrics: Record<string, number> }[];
  test?: { metrics: Record<string, number> };
}

/** One cold visit: a fresh browser profile, Train pressed as soon as the page's script is up. */
async function browserRun(url: string): Promise<PageRun> {
  const binary = findChromium();
  if (!binary) throw new Error("Chromium is not installed (scripts/install-chromium.sh, or set CHROMIUM)");
  const profile = mkdtempSync(join(tmpdir(), "dlnet-bench-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: binary,
    headless: true,
    pipe: true,
    args: [...QUIET_FLAGS.filter((f) => !f.startsWith("--headless")), ...WEBGPU_FLAGS],
    userDataDir: profile,
  });
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => "playground" in window, { polling: 20 });
    await page.$eval("#epochs", (e, n) => ((e as HTMLInputElement).value = String(n)), EPOCHS);
    await page.click("#train");
    await page.waitForFunction(() => (window as any).playground.run.steps > 0, { polling: 20, timeout: 120_000 });
    await page.waitForFunction(() => !(window as any).playground.run.running, { polling: 500, timeout: 0 });
    const s = await page.evaluate(() => JSON.parse(JSON.stringify((window as any).playground.run)));
    if (s.error) throw new Error(`the page: ${s.error}`);
    return { adapter: s.backend, loadToFirstStep: s.firstStepAt, trainToFirstStep: s.firstStepAt - s.startedAt, epochs: s.epochs, test: s.test };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function nodeRun(): Promise<{ epochs: { step: number; seconds: number }[]; test?: number }> {
  const ckpt = join(tmpdir(), `dlnet-bench-${process.pid}.safetensors`);
  const out = await run(["train", "examples/mnist_mlp.dlnet", "--epochs", String(EPOCHS), "--json", "--out", ckpt]);
  rmSync(ckpt, { force: true });
  const lines = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  return { epochs: lines.filter((l) => "epoch" in l), test: lines.find((l) => "test_loss" in l)?.test_accuracy };
}

const rate = (es: { step: number; seconds: number }[]) => {
  let prev = 0;
  let seconds = 0;
  for (const e of es) (prev = e.step), (seconds += e.seconds);
  return prev / seconds;
};
const pct = (x?: number) => (x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

ensureXdg();
let serving!: (url: string) => void;
const url = new Promise<string>((r) => (serving = r));
let server: ReturnType<typeof spawn> | undefined;
const served = run(["playground", "--port", "0"], (line, child) => {
  server = child;
  const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(line);
  if (m) serving(m[0]);
});
const rows: { page: PageRun; node: Awaited<ReturnType<typeof nodeRun>>; load: string[] }[] = [];
try {
  for (let i = 0; i < REPEAT; i++) {
    const before = load();
    const page = await browserRun(await url);
    const middle = load();
    const node = await nodeRun();
    rows.push({ page, node, load: [before, middle, load()] });
  }
} finally {
  server?.kill("SIGTERM");
  await served;
}
console.log(`mnist_mlp, ${EPOCHS} epoch${EPOCHS > 1 ? "s" : ""} of 282 steps (batch 32), ${REPEAT} alternating runs, ${new Date().toISOString()}`);
for (const [i, r] of rows.entries()) {
  console.log(
    `run ${i + 1}: load ${r.load.join(" → ")} | Chromium (${r.page.adapter}): page load → first step ${(r.page.loadToFirstStep / 1000).toFixed(1)} s ` +
      `(Train → first step ${(r.page.trainToFirstStep / 1000).toFixed(1)} s), ${rate(r.page.epochs).toFixed(1)} steps/s, test accuracy ${pct(r.page.test?.metrics.accuracy)} | ` +
      `Node dlnet train: ${rate(r.node.epochs).toFixed(1)} steps/s, test accuracy ${pct(r.node.test)}`,
  );
}
console.log(
  `median: page load → first step ${(median(rows.map((r) => r.page.loadToFirstStep)) / 1000).toFixed(1)} s; ` +
    `Chromium ${median(rows.map((r) => rate(r.page.epochs))).toFixed(1)} steps/s; Node ${median(rows.map((r) => rate(r.node.epochs))).toFixed(1)} steps/s`,
);
