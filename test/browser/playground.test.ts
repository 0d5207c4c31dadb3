// The playground as a newcomer uses it, in real headless Chromium driven by
// puppeteer-core: `dlnet playground --port 0` builds and serves the page; the
// page opens mnist_mlp with its graph and shape hints; hover shows a shape; a
// shape error is squiggled with its message; Train runs one epoch on
// navigator.gpu in the training worker while the chart follows the falling
// loss, and mnist_mlp passes 90% on the held-out digits; the downloaded ONNX
// runs in ONNX Runtime (its accuracy on the same digits is the page's) and the
// downloaded checkpoint runs in `dlnet run` on the CPU reference backend to
// the ONNX's logits; Stop ends a run; the page logs no error. Under CI=true a
// missing Chromium fails; elsewhere it skips the file with the reason.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mnist } from "../../src/runtime/data/mnist";
import { runOrt } from "../compiler/codegen/onnx/ort";
import { dlnet, ROOT } from "../cli/run-cli";
import { findChromium, QUIET_FLAGS, WEBGPU_FLAGS } from "./chromium";

const binary = findChromium();
if (!binary && process.env.CI === "true") {
  throw new Error("CI=true but Chromium is missing (scripts/install-chromium.sh installs Debian's package)");
}
const skipReason = binary ? undefined : "Chromium is not installed (scripts/install-chromium.sh, or set CHROMIUM=/path/to/chromium)";
if (skipReason) console.warn(`test/browser/playground skipped: ${skipReason}`);

/** What the page exposes as window.playground.run (src/playground/train-panel.ts RunState). */
interface Run {
  running: boolean;
  steps: number;
  losses: { step: number; loss: number }[];
  epochs: { epoch: number; metrics: Record<string, number> }[];
  test?: { loss: number; metrics: Record<string, number>; samples: number };
  backend?: string;
  error?: string;
  startedAt?: number;
  firstStepAt?: number;
  stepsPerSecond?: number;
}

/** Starts `dlnet playground --port 0` and resolves with the URL it prints. */
function startPlayground(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, "bin/dlnet.js"), "playground", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve({ child, url: m[0] });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`dlnet playground exited (${code}) before serving:\n${out}`)));
  });
}

async function waitForFile(dir: string, name: string, ms = 30_000): Promise<Uint8Array> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    // Chromium writes to NAME.crdownload, then renames.
    if (readdirSync(dir).includes(name)) return readFileSync(join(dir, name));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no download ${name} after ${ms} ms (folder has: ${readdirSync(dir).join(", ") || "nothing"})`);
}

describe.skipIf(!!skipReason)("the playground in headless Chromium", () => {
  const work = mkdtempSync(join(tmpdir(), "dlnet-playground-test-"));
  const downloads = join(work, "downloads");
  const problems: string[] = [];
  let server: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let page: Page;

  const run = () => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { playground: { run: unknown } }).playground.run))) as Promise<Run>;
  /** Screen coordinates of the middle of the `nth` occurrence of `text` in the editor. */
  const coordsOf = (text: string, nth = 0) =>
    page.evaluate(
      (text, nth) => {
        const view = (window as unknown as { playground: { view: import("@codemirror/view").EditorView } }).playground.view;
        const doc = view.state.doc.toString();
        let at = -1;
        for (let i = 0; i <= nth; i++) at = doc.indexOf(text, at + 1);
        if (at < 0) throw new Error(`'${text}' is not in the editor`);
        const c = view.coordsAtPos(at + Math.floor(text.length / 2))!;
        return { x: (c.left + c.right) / 2 + 1, y: (c.top + c.bottom) / 2 };
      },
      text,
      nth,
    );
  const edit = (from: string, to: string) =>
    page.evaluate(
      (from, to) => {
        const view = (window as unknown as { playground: { view: import("@codemirror/view").EditorView } }).playground.view;
        const at = view.state.doc.toString().indexOf(from);
        if (at < 0) throw new Error(`'${from}' is not in the editor`);
        view.dispatch({ changes: { from: at, to: at + from.length, insert: to } });
      },
      from,
      to,
    );

  beforeAll(async () => {
    mkdirSync(downloads);
    server = await startPlayground();
    browser = await puppeteer.launch({
      executablePath: binary,
      headless: true,
      pipe: true,
      args: [...QUIET_FLAGS.filter((f) => !f.startsWith("--headless")), ...WEBGPU_FLAGS],
      userDataDir: join(work, "profile"),
      defaultViewport: { width: 1400, height: 900 },
    });
    const context = await browser.createBrowserContext({ downloadBehavior: { policy: "allow", downloadPath: downloads } });
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn") problems.push(`[console.${m.type()}] ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`[pageerror] ${e instanceof Error ? e.message : String(e)}`));
    page.on("requestfailed", (r) => problems.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`[http ${r.status()}] ${r.url()}`);
    });
    await page.goto(server.url);
    await page.waitForSelector("#graph svg", { timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      const gone = new Promise((r) => server.child.once("exit", r));
      server.child.kill("SIGTERM");
      await gone;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it("opens mnist_mlp with every example to pick, the model's graph and inlay shape hints", async () => {
    const options = await page.$$eval("#example option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".dlnet")).sort();
    expect(options).toEqual(examples);
    expect(await page.$eval("#example", (s) => (s as HTMLSelectElement).value)).toBe("mnist_mlp.dlnet");
    const editorText = await page.evaluate(() => (window as unknown as { playground: { view: import("@codemirror/view").EditorView } }).playground.view.state.doc.toString());
    expect(editorText).toBe(readFileSync(join(ROOT, "examples/mnist_mlp.dlnet"), "utf8"));
    const graph = await page.$eval("#graph", (g) => g.textContent ?? "");
    expect(graph).toContain("SimpleNet");
    expect(graph).toContain("101,770 parameters"); // 784·128 + 128 + 128·10 + 10
    expect(graph).toContain("f32[batch, 128]");
    await page.waitForSelector(".cm-inlay-hint", { timeout: 30_000 });
    const hints = await page.$$eval(".cm-inlay-hint", (hs) => hs.map((h) => h.textContent));
    expect(hints.join(" ")).toContain("f32[batch, 128]");
  });

  it("hover on a name shows its shape", async () => {
    const at = await coordsOf("logits");
    await page.mouse.move(at.x, at.y);
    const tip = await page.waitForSelector(".cm-tooltip-hover", { timeout: 30_000 });
    const text = await tip!.evaluate((t) => t.textContent ?? "");
    expect(text).toContain("logits");
    expect(text).toContain("f32[batch, 10]");
    await page.mouse.move(5, 5);
  });

  it("completion offers the built-in layers as you type", async () => {
    const original = await page.evaluate(() => {
      const view = (window as unknown as { playground: { view: import("@codemirror/view").EditorView } }).playground.view;
      const text = view.state.doc.toString();
      const added = "\nmodel Tmp {\n  input x: f32[batch, 4]\n  output y = x -> ";
      view.dispatch({ changes: { from: text.length, insert: added }, selection: { anchor: text.length + added.length } });
      view.focus();
      return text;
    });
    // LayerNorm is not in the file: the list comes from the language server, not the document's words.
    await page.keyboard.type("Layer");
    const box = await page.waitForSelector(".cm-tooltip-autocomplete", { timeout: 30_000 });
    const items = await box!.$$eval("li", (ls) => ls.map((l) => l.textContent ?? ""));
    expect(items.some((i) => i.startsWith("LayerNorm"))).toBe(true);
    await page.keyboard.press("Escape");
    await page.evaluate((text) => {
      const view = (window as unknown as { playground: { view: import("@codemirror/view").EditorView } }).playground.view;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    }, original);
  });

  it("a shape error is squiggled where it is, with its message, and goes away when fixed", async () => {
    await edit("f32[batch, 784]", "f32[batch, 783]");
    const squiggle = await page.waitForSelector(".cm-lintRange-error", { timeout: 30_000 });
    expect(await squiggle!.evaluate((s) => s.textContent)).toBe("data.image");
    const box = (await squiggle!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = await page.waitForSelector(".cm-tooltip-lint", { timeout: 30_000 });
    expect(await tip!.evaluate((t) => t.textContent)).toContain("data.image is f32[784] per sample, but input 'x' is f32[batch, 783]");
    await page.mouse.move(5, 5);
    await edit("f32[batch, 783]", "f32[batch, 784]");
    await page.waitForFunction(() => !document.querySelector(".cm-lintRange-error"), { timeout: 30_000 });
  });

  it("Train: one epoch on navigator.gpu, the chart follows the falling loss, over 90% on the held-out digits", async () => {
    await page.$eval("#epochs", (e) => ((e as HTMLInputElement).value = "1"));
    await page.click("#train");
    await page.waitForFunction(() => (window as unknown as { playground: { run: Run } }).playground.run.steps >= 60, { timeout: 120_000, polling: 200 });
    const early = await run();
    // Read in one go: the chart is redrawn once a frame, so it may trail the run's state by a frame.
    const chartAtEarly = await page.evaluate(() => ({
      logged: (window as unknown as { playground: { run: Run } }).playground.run.losses.length,
      points: Array.from(document.querySelectorAll("#chart path.series"), (p) => Number(p.getAttribute("data-points"))),
    }));
    expect(early.backend).toMatch(/^webgpu/);
    expect(early.error).toBeUndefined();
    expect(await page.$eval("#stop", (b) => (b as HTMLButtonElement).disabled)).toBe(false);

    await page.waitForFunction(() => !(window as unknown as { playground: { run: Run } }).playground.run.running, { timeout: 180_000, polling: 500 });
    const done = await run();
    expect(done.error).toBeUndefined();
    expect(done.steps).toBe(282); // ceil(9000 / 32): one epoch
    const losses = done.losses.map((l) => l.loss);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(losses.length).toBeGreaterThanOrEqual(50);
    expect(mean(losses.slice(-5))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
    // The chart is redrawn as steps arrive: one point per logged loss.
    const donePoints = await page.$$eval("#chart path.series", (ps) => ps.map((p) => Number(p.getAttribute("data-points"))));
    expect(chartAtEarly.points).toHaveLength(1);
    expect(chartAtEarly.points[0]).toBeGreaterThanOrEqual(Math.min(early.losses.length, chartAtEarly.logged - 5));
    expect(chartAtEarly.points[0]).toBeLessThanOrEqual(chartAtEarly.logged);
    expect(donePoints).toEqual([done.losses.length]);
    expect(donePoints[0]).toBeGreaterThan(chartAtEarly.points[0]);
    expect(done.test?.samples).toBe(1000);
    expect(done.test!.metrics.accuracy).toBeGreaterThan(0.9);
    const figures = await page.$eval("#figures", (f) => f.textContent ?? "");
    expect(figures).toContain(`${(done.test!.metrics.accuracy * 100).toFixed(2)}%`);
  }, 300_000);

  it("the downloaded ONNX runs in ONNX Runtime to the page's accuracy, and the checkpoint in `dlnet run` to the ONNX's logits", async () => {
    const done = await run();
    // The links go live when the run ends (the worker makes both files then).
    for (const id of ["dl-onnx", "dl-ckpt"]) {
      await page.waitForSelector(`#${id}[href^='blob:']:not([aria-disabled])`, { timeout: 30_000 }).catch(async () => {
        throw new Error(`#${id} is not a live link; the page says: ${await page.$eval("#notice", (n) => n.textContent)}`);
      });
    }
    await page.click("#dl-onnx");
    const onnx = await waitForFile(downloads, "SimpleNet.onnx");
    const test = mnist({ train: 9000, test: 1000 }).test;
    const image = test.fields.image as Float32Array;
    const label = test.fields.label as Int32Array;
    const out = await runOrt(onnx, { x: { dtype: "f32", shape: [test.size, 784], data: image } });
    const logits = out.logits.data as Float32Array;
    let right = 0;
    for (let i = 0; i < test.size; i++) {
      const row = logits.subarray(i * 10, i * 10 + 10);
      if (row.indexOf(Math.max(...row)) === label[i]) right++;
    }
    // SwiftShader and ONNX Runtime round differently: a digit on the fence may flip.
    expect(Math.abs(right / test.size - done.test!.metrics.accuracy)).toBeLessThanOrEqual(0.003);

    await page.click("#dl-ckpt");
    const ckpt = await waitForFile(downloads, "SimpleNet.safetensors");
    writeFileSync(join(work, "ckpt.safetensors"), ckpt);
    const n = 8;
    writeFileSync(join(work, "in.json"), JSON.stringify({ x: { shape: [n, 784], data: Array.from(image.subarray(0, n * 784)) } }));
    const r = await dlnet(["run", "examples/mnist_mlp.dlnet", "--weights", join(work, "ckpt.safetensors"), "--inputs", join(work, "in.json"), "--backend", "cpu"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const cpu = JSON.parse(r.stdout) as { logits: { shape: number[]; data: number[] } };
    expect(cpu.logits.shape).toEqual([n, 10]);
    cpu.logits.data.forEach((v, i) => expect(Math.abs(v - logits[i])).toBeLessThanOrEqual(1e-4 + 1e-4 * Math.abs(logits[i])));
  }, 120_000);

  it("Stop ends a run early, and the page stays responsive while it trains", async () => {
    await page.$eval("#epochs", (e) => ((e as HTMLInputElement).value = ""));
    await page.click("#train");
    await page.waitForFunction(() => (window as unknown as { playground: { run: Run } }).playground.run.steps >= 10, { timeout: 120_000, polling: 200 });
    // The main thread answers while the worker trains.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(Date.now() - t0).toBeLessThan(2000);
    await page.click("#stop");
    await page.waitForFunction(() => !(window as unknown as { playground: { run: Run } }).playground.run.running, { timeout: 60_000, polling: 200 });
    const r = await run();
    expect(r.error).toBeUndefined();
    expect(r.steps).toBeLessThan(2820);
    expect(await page.$eval("#notice", (n) => n.textContent)).toMatch(/stopped: \d+ steps/);
  }, 180_000);

  // Training on the text itself: test/playground/data.test.ts (a transformer's first steps take minutes on SwiftShader).
  it("an example's import and a text example's data file are there: no error squiggle", async () => {
    const pick = async (name: string, model: string) => {
      await page.select("#example", name);
      await page.waitForSelector(`#graph figure[data-model="${model}"]`, { timeout: 60_000 });
      // The graph is asked 400 ms after the edit; the diagnostics were published before it.
      expect(await page.$$eval(".cm-lintRange-error", (es) => es.map((e) => e.textContent)), name).toEqual([]);
    };
    await pick("transfer_finetune.dlnet", "DigitsHigh"); // import "transfer_backbone.dlnet"
    await pick("tiny_gpt.dlnet", "Adder"); // text("data/addition.txt", context: 10)
    await page.select("#example", "mnist_mlp.dlnet");
    await page.waitForSelector(`#graph figure[data-model="SimpleNet"]`, { timeout: 60_000 });
  }, 180_000);

  it("logged no console error, failed request or uncaught exception", () => {
    expect(problems).toEqual([]);
  });

  it("without WebGPU (no --enable-unsafe-webgpu: no adapter) the page says so and trains on the CPU reference", async () => {
    const plain = await puppeteer.launch({
      executablePath: binary,
      headless: true,
      pipe: true,
      args: QUIET_FLAGS.filter((f) => !f.startsWith("--headless")),
      userDataDir: join(work, "profile-no-webgpu"),
    });
    try {
      const p = await plain.newPage();
      const errors: string[] = [];
      p.on("pageerror", (e) => errors.push(`[pageerror] ${e instanceof Error ? e.message : String(e)}`));
      await p.goto(server.url);
      await p.waitForSelector("#graph svg", { timeout: 60_000 });
      await p.click("#train");
      await p.waitForFunction(() => (window as unknown as { playground: { run: Run } }).playground.run.steps >= 3, { timeout: 120_000, polling: 200 });
      await p.click("#stop");
      await p.waitForFunction(() => !(window as unknown as { playground: { run: Run } }).playground.run.running, { timeout: 120_000, polling: 200 });
      const r = (await p.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { playground: { run: unknown } }).playground.run)))) as Run;
      expect(r.error).toBeUndefined();
      expect(r.backend).toMatch(/^cpu/);
      expect(r.losses.length).toBeGreaterThanOrEqual(3);
      const notice = await p.$eval("#notice", (n) => n.textContent ?? "");
      expect(notice).toMatch(/WebGPU/);
      expect(notice).toContain("training on the CPU reference interpreter instead");
      expect(errors).toEqual([]);
    } finally {
      await plain.close();
    }
  }, 240_000);
});
