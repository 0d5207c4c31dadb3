// dlnet in a real browser: the bundle (scripts/build-browser.ts) loads in
// headless Chromium, compiles a SimpleNet-like model from source, trains it
// on WebGPU through navigator.gpu (SwiftShader's Vulkan when there is no GPU)
// and runs inference (experiment.ts, bundled as a page script); Node runs the
// same module on the CPU reference backend with the same synthetic data and
// seed, and the numbers must agree to float32 tolerance. The demo page trains
// too. Under CI=true a missing Chromium fails (and so does a page without a
// WebGPU adapter); elsewhere a missing Chromium skips the file with the reason.

import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBrowser } from "../../scripts/build-browser";
import { compileModel, runInBrowser, trainInBrowser } from "../../src/browser/index";
import { CpuBackend } from "../../src/runtime/backend";
import { Chromium, findChromium } from "./chromium";
import { experiment, type Run } from "./experiment";

const binary = findChromium();
if (!binary && process.env.CI === "true") {
  throw new Error("CI=true but Chromium is missing (scripts/install-chromium.sh installs Debian's package)");
}
const skipReason = binary
  ? undefined
  : process.env.CHROMIUM
    ? `CHROMIUM=${process.env.CHROMIUM} does not exist`
    : "Chromium is not installed (scripts/install-chromium.sh, or set CHROMIUM=/path/to/chromium)";
if (skipReason) console.warn(`test/browser skipped: ${skipReason}`);

const SOURCE = `
model SimpleNet {
  input  x: f32[batch, 784]
  output logits = x -> Linear(64) -> ReLU -> Linear(10)
}

train SimpleNet {
  data      = mnist(train: 256, test: 64)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam(lr: 2e-3)
  batch     = 32
  epochs    = 1
  metrics   = [accuracy(logits, data.label)]
  seed      = 7
}
`;
const STEPS = 6;
const SAMPLES = 4;

function close(got: number, want: number, rel: number, abs: number): boolean {
  return Math.abs(got - want) <= rel * Math.abs(want) + abs;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};

/** Serves a folder on 127.0.0.1 (a secure context: navigator.gpu needs one). */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.\/)+/, "");
    try {
      const body = readFileSync(join(dir, path === "/" ? "index.html" : path));
      res.writeHead(200, { "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

describe.skipIf(!!skipReason)("dlnet in headless Chromium (navigator.gpu)", () => {
  const outdir = mkdtempSync(join(tmpdir(), "dlnet-browser-"));
  let browser: Chromium;
  let http: { server: Server; url: string };
  let page: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    const built = await buildBrowser(outdir, { pages: { experiment: fileURLToPath(new URL("./experiment.ts", import.meta.url)) } });
    expect(built.warnings).toEqual([]);
    timings.build = performance.now() - t;
    http = await serve(outdir);
    t = performance.now();
    browser = Chromium.launch(binary!);
    page = await browser.open(`${http.url}/index.html`);
    timings.launch = performance.now() - t;
  });

  afterAll(async () => {
    await browser?.close();
    http?.server.close();
    rmSync(outdir, { recursive: true, force: true });
    console.log(`test/browser timings (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
  });

  const inPage = (expr: string) => browser.evaluate(page, expr).catch((e: Error) => {
    throw new Error(`${e.message}\n${browser.log.join("\n")}`);
  });

  it("has navigator.gpu with an adapter, and the demo page loaded without errors", async () => {
    const info = (await inPage(`(async () => {
      const a = await navigator.gpu?.requestAdapter({ powerPreference: "high-performance" });
      return a ? [a.info.vendor, a.info.architecture].join(" ") : null;
    })()`)) as string | null;
    expect(info, "requestAdapter() returned null: WebGPU is off (see WEBGPU_FLAGS)").not.toBeNull();
    expect(browser.log.filter((l) => l.startsWith("[exception]"))).toEqual([]);
  });

  it("reports a compile error as diagnostics, in the page", async () => {
    const r = (await inPage(`import("./dlnet.js").then((m) => {
      const p = m.compileModel("model M {\\n  input x: f32[batch, 4]\\n  output y = x -> Linear(3) -> Nope\\n}\\n");
      return { ok: p.ok, codes: p.diagnostics.map((d) => d.code), errors: p.errors };
    })`)) as { ok: boolean; codes: string[]; errors: string };
    const node = compileModel("model M {\n  input x: f32[batch, 4]\n  output y = x -> Linear(3) -> Nope\n}\n");
    expect(r.ok).toBe(false);
    expect(r.codes).toEqual(node.diagnostics.map((d) => d.code));
    expect(r.errors).toBe(node.errors);
  });

  it("resolves imports between in-memory files in the page as in Node (the node:path shim)", async () => {
    const files = {
      "/lib/blocks.dlnet": "layer Block {\n  input x: f32[B, 8]\n  output y = x -> Linear(8) -> ReLU\n}\n",
      "/app/other.dlnet": "layer Unused {\n  input x: f32[B, 2]\n  output y = x\n}\n",
    };
    const entry = "/app/./sub/../model.dlnet";
    const source = 'import "../lib/blocks.dlnet"\nimport "./missing.dlnet"\n\nmodel M {\n  input x: f32[batch, 8]\n  output y = x -> Block -> Block\n}\n';
    const args = JSON.stringify({ source, files, entry });
    const r = (await inPage(`import("./dlnet.js").then((m) => {
      const { source, files, entry } = ${args};
      const p = m.compileModel(source, { file: entry, files });
      return { models: p.models, errors: p.errors };
    })`)) as { models: string[]; errors: string };
    const node = compileModel(source, { file: entry, files });
    expect(r.models).toEqual(["M"]);
    // The one error: the missing file, looked for where Node's path.posix puts it.
    expect(r.errors).toContain("cannot find './missing.dlnet' (looked for /app/missing.dlnet)");
    expect(r.errors).toBe(node.errors);
  });

  it("trains on WebGPU and runs inference in the page, matching the CPU reference in Node", async () => {
    const args = { source: SOURCE, steps: STEPS, samples: SAMPLES };
    let t = performance.now();
    const got = (await inPage(`import("./experiment.js").then((m) => m.experiment(${JSON.stringify({ ...args, backend: "webgpu" })}))`)) as Run;
    timings.webgpu = performance.now() - t;
    t = performance.now();
    const want = await experiment({ ...args, backend: "cpu" });
    timings.cpu = performance.now() - t;

    expect(got.adapter).toMatch(/^webgpu/);
    expect(want.adapter).toMatch(/^cpu/);
    expect(got.checksum).toBe(want.checksum); // the same synthetic data in both engines
    expect(got.losses.map((l) => l.step)).toEqual(want.losses.map((l) => l.step));
    expect(got.losses).toHaveLength(STEPS);
    for (let i = 0; i < STEPS; i++) {
      expect(close(got.losses[i].loss, want.losses[i].loss, 1e-3, 0), `step ${i + 1}: ${got.losses[i].loss} vs ${want.losses[i].loss}`).toBe(true);
    }
    // It learned something: the synthetic classes are separable.
    expect(want.losses[STEPS - 1].loss).toBeLessThan(want.losses[0].loss);
    expect(got.logits).toHaveLength(SAMPLES * 10);
    for (let i = 0; i < got.logits.length; i++) {
      expect(close(got.logits[i], want.logits[i], 1e-3, 1e-4), `logit ${i}: ${got.logits[i]} vs ${want.logits[i]}`).toBe(true);
    }
  });

  it("the demo page trains a few steps on WebGPU when its button is clicked", async () => {
    const t = performance.now();
    const text = (await inPage(`(async () => {
      document.getElementById("steps").value = "3";
      document.getElementById("train").click();
      const log = document.getElementById("log");
      for (let i = 0; i < 600 && !/steps on|error:/.test(log.textContent); i++) await new Promise((r) => setTimeout(r, 50));
      return log.textContent;
    })()`)) as string;
    timings.demo = performance.now() - t;
    expect(text).toMatch(/step 3: loss \d+\.\d+/);
    expect(text).toMatch(/3 steps on webgpu/);
  });
});

// A CPU-only check of the same entry in Node, so the file tests something even where Chromium is absent.
describe("the browser entry in Node (CPU reference)", () => {
  it("compiles, trains on synthetic data and runs", async () => {
    const r = await trainInBrowser(SOURCE, { backend: new CpuBackend(), steps: 2, skipTest: true });
    expect(r.losses).toHaveLength(2);
    const out = await runInBrowser(SOURCE, { backend: r.backend, inputs: { x: { shape: [1, 784], data: new Float32Array(784) } } });
    expect(out.logits.shape).toEqual([1, 10]);
  });
});
