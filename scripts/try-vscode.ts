// Tries the VS Code extension in a real VS Code: code-server (VS Code's
// workbench and extension host, fetched by scripts/fetch-code-server.sh)
// installs editors/vscode's .vsix with its own CLI, opens a workspace that is
// a dlnet checkout before `npm install` (bin/dlnet.js and src/ without
// node_modules: its dlnet.js crashes, ERR_MODULE_NOT_FOUND tsx), and headless
// Chromium, driven with puppeteer-core, opens a broken .dlnet there. What it
// checks, from what VS Code itself shows: the extension activated and its
// output channel says it skipped the workspace's dlnet.js and started the
// bundled server; the Problems panel lists the file's diagnostics; the editor
// squiggles the error and shows the shape inlay hints; hovering `Linear`
// shows its shape and signature.
//
//   scripts/fetch-code-server.sh                        # once, ~10 min
//   node bin/run-ts.js scripts/try-vscode.ts [--vsix FILE] [--keep]
//
// --vsix: install this .vsix (default: build editors/vscode/dlnet.vsix with
// what `npm run package` there does, which needs that folder's `npm install`). --keep:
// leave the temporary folder (code-server's logs, a screenshot) and say where.
// Used by test/lsp/vscode-code-server.test.ts (opt-in).

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "puppeteer-core";

const repo = fileURLToPath(new URL("../", import.meta.url));

/** Where scripts/fetch-code-server.sh puts its launcher. */
export function codeServerPath(): string {
  const prefix = process.env.DLNET_CODE_SERVER_PREFIX ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "dlnet/code-server");
  return join(prefix, "bin/code-server");
}

/** The broken model the workspace holds: a misspelt layer (DL2003) and an unused binding (DL2010). */
export const BROKEN = `model Net {
  input x: f32[batch, 784]
  h = x -> Linaer(128)
  output y = x -> Linear(10)
}
`;

export interface VscodeTrial {
  /** `code-server --version`: its version and VS Code's. */
  version: string;
  /** What the extension's output channel (`dlnet`) logged. */
  channel: string;
  /** The rows of the Problems panel. */
  problems: string[];
  /** The editor's lines as shown, inlay hints included. */
  lines: string[];
  /** The hover's text over `Linear`. */
  hover: string;
  /** Milliseconds from loading the page: workbench shown, first squiggle, hover shown. */
  ms: { workbench: number; diagnostics: number; hover: number };
  /** The temporary folder (removed unless keep). */
  work: string;
}

/** What is wrong with a trial: empty when VS Code showed everything the extension should. */
export function verify(t: VscodeTrial): string[] {
  const wrong: string[] = [];
  if (!/dlnet language server: node \S*out\/server\.js \(bundled\)/.test(t.channel)) wrong.push(`the output channel does not say the bundled server started: ${JSON.stringify(t.channel)}`);
  if (!/skipped: \S*bin\/dlnet\.js cannot start \(.*tsx/.test(t.channel)) wrong.push(`the output channel does not say why the workspace's bin/dlnet.js was skipped: ${JSON.stringify(t.channel)}`);
  if (!t.problems.some((p) => p.includes("unknown layer or function 'Linaer'; did you mean 'Linear'?") && p.includes("DL2003") && p.includes("Ln 3, Col 12")))
    wrong.push(`the Problems panel has no DL2003 for 'Linaer' at 3:12: ${JSON.stringify(t.problems)}`);
  if (!t.problems.some((p) => p.includes("'h' is never used") && p.includes("DL2010"))) wrong.push(`the Problems panel has no DL2010 for 'h': ${JSON.stringify(t.problems)}`);
  if (!t.lines.some((l) => l.includes("Linear(10)f32[batch, 10]"))) wrong.push(`no shape inlay hint after Linear(10): ${JSON.stringify(t.lines)}`);
  if (!t.hover.includes("Linear: f32[batch, 10]") || !t.hover.includes("Linear(in_features?: dim, out_features: dim, bias: bool = true)"))
    wrong.push(`the hover over Linear lacks its shape or signature: ${JSON.stringify(t.hover)}`);
  return wrong;
}

/** Builds the extension and packages it into `out` (default editors/vscode/dlnet.vsix); returns its path. */
export function buildVsix(out = join(repo, "editors/vscode/dlnet.vsix")): string {
  const ext = join(repo, "editors/vscode");
  const vsce = join(ext, "node_modules/.bin/vsce");
  if (!existsSync(vsce)) throw new Error("editors/vscode has no node_modules: run `npm install` there (or pass --vsix FILE)");
  execFileSync("node", ["build.mjs"], { cwd: ext, stdio: "pipe" });
  execFileSync(vsce, ["package", "--no-dependencies", "--out", out], { cwd: ext, stdio: "pipe" });
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts code-server on a free port; resolves with its URL. */
function startCodeServer(codeServer: string, args: string[], log: string[]): { proc: ChildProcess; url: Promise<string> } {
  const proc = spawn(codeServer, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      log.push(d.toString());
      const m = /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) resolve(m[1]);
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.on("exit", (code) => reject(new Error(`code-server exited (${code}) before listening:\n${out}`)));
    proc.on("error", reject);
  });
  return { proc, url };
}

/** The text of every element matching `selector` (the editor renders spaces as no-break spaces: plain ones here). */
const texts = (page: Page, selector: string): Promise<string[]> =>
  page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent.replace(/\u00a0/g, " "))`) as Promise<string[]>;

/** The `dlnet` output channel's log file, once it has the line saying which server started. */
async function channelLog(userData: string, until: number): Promise<string> {
  for (;;) {
    const logs = join(userData, "logs");
    for (const session of existsSync(logs) ? readdirSync(logs) : []) {
      for (const host of readdirSync(join(logs, session))) {
        const file = join(logs, session, host, "dlnet.dlnet", "dlnet.log");
        if (existsSync(file)) {
          const text = readFileSync(file, "utf8");
          if (text.includes("dlnet language server:")) return text;
        }
      }
    }
    if (Date.now() > until) return "";
    await sleep(250);
  }
}

export async function tryVscode(opts: { codeServer: string; chromium: string; vsix: string; keep?: boolean; timeoutMs?: number }): Promise<VscodeTrial> {
  const timeout = opts.timeoutMs ?? 120_000;
  const work = mkdtempSync(join(tmpdir(), "dlnet-vscode-"));
  const ws = join(work, "workspace");
  const userData = join(work, "user-data");
  const extensions = join(work, "extensions");
  const common = ["--user-data-dir", userData, "--extensions-dir", extensions, "--config", join(work, "config.yaml")];
  // A dlnet checkout before `npm install`: the extension probes its bin/dlnet.js, which cannot find tsx.
  mkdirSync(ws);
  for (const f of ["bin", "src", "package.json"]) cpSync(join(repo, f), join(ws, f), { recursive: true });
  writeFileSync(join(ws, "broken.dlnet"), BROKEN);
  mkdirSync(join(userData, "User"), { recursive: true });
  writeFileSync(
    join(userData, "User/settings.json"),
    JSON.stringify({
      "workbench.startupEditor": "none",
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "chat.disableAIFeatures": true,
      "extensions.autoCheckUpdates": false,
      "git.enabled": false,
    }),
  );
  const versionOut = execFileSync(opts.codeServer, ["--version", ...common], { encoding: "utf8" });
  const version = versionOut.split("\n").find((l) => /^\d+\.\d+/.test(l)) ?? versionOut.trim();
  execFileSync(opts.codeServer, [...common, "--install-extension", opts.vsix], { stdio: "pipe" });

  const serverLog: string[] = [];
  const { proc, url } = startCodeServer(
    opts.codeServer,
    [...common, "--auth", "none", "--bind-addr", "127.0.0.1:0", "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ws],
    serverLog,
  );
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    const base = await url;
    // Loaded here: the opt-in test imports this file even when it skips.
    const { default: puppeteer } = await import("puppeteer-core");
    browser = await puppeteer.launch({
      executablePath: opts.chromium,
      headless: true,
      pipe: true,
      args: ["--no-sandbox", "--no-first-run", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
      userDataDir: join(work, "chromium"),
      defaultViewport: { width: 1400, height: 900 },
    });
    page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    const t0 = Date.now();
    await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`, { waitUntil: "domcontentloaded" });
    await page.waitForSelector(".monaco-workbench .explorer-folders-view");
    const workbench = Date.now() - t0;
    await (await page.waitForSelector(".explorer-folders-view .monaco-list-row ::-p-text(broken.dlnet)"))!.click();
    await page.waitForSelector(".monaco-editor .squiggly-error");
    const diagnostics = Date.now() - t0;
    // The Problems panel (Ctrl+Shift+M), once it lists both diagnostics.
    await page.keyboard.down("Control");
    await page.keyboard.down("Shift");
    await page.keyboard.press("KeyM");
    await page.keyboard.up("Shift");
    await page.keyboard.up("Control");
    await page
      .waitForFunction(`document.querySelectorAll(".markers-panel .monaco-list-row").length >= 3`, { timeout: 30_000 })
      .catch(() => undefined);
    const problems = await texts(page, ".markers-panel .monaco-list-row");
    // Inlay hints come after the diagnostics: wait for the one after Linear(10).
    await page.waitForFunction(`[...document.querySelectorAll(".monaco-editor .view-line")].some((l) => l.textContent.replace(/\u00a0/g, " ").includes("f32[batch, 10]"))`, { timeout: 30_000 }).catch(() => undefined);
    const lines = await texts(page, ".monaco-editor .view-lines .view-line");
    // Hover `Linear` in `output y = x -> Linear(10)`.
    const spans = await page.$$(".monaco-editor .view-lines .view-line span span");
    for (const s of spans) if ((await s.evaluate((e) => e.textContent)) === "Linear") { await s.hover(); break; }
    await page.waitForFunction(`[...document.querySelectorAll(".monaco-hover")].some((h) => h.textContent.includes("Linear("))`, { timeout: 30_000 }).catch(() => undefined);
    const hover = (await texts(page, ".monaco-hover")).join("\n");
    const hoverMs = Date.now() - t0;
    const channel = await channelLog(userData, Date.now() + 10_000);
    if (opts.keep) await page.screenshot({ path: join(work, "vscode.png") });
    return { version, channel, problems, lines, hover, ms: { workbench, diagnostics, hover: hoverMs }, work };
  } catch (e) {
    if (page && opts.keep) await page.screenshot({ path: join(work, "failed.png") }).catch(() => undefined);
    throw new Error(`${(e as Error).message}\ncode-server's output:\n${serverLog.join("").slice(-2000)}${opts.keep ? `\n(kept ${work})` : ""}`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (proc.pid && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once("exit", r));
      process.kill(-proc.pid, "SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid, "SIGKILL");
    }
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const codeServer = codeServerPath();
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
  const fail = (why: string) => {
    console.error(`try-vscode: ${why}`);
    process.exit(1);
  };
  if (!existsSync(codeServer)) fail(`${codeServer} is missing: run scripts/fetch-code-server.sh`);
  if (!existsSync(chromium)) fail(`${chromium} is missing: run scripts/install-chromium.sh, or set CHROMIUM`);
  try {
    const vsix = arg("--vsix") ?? buildVsix();
    const t = await tryVscode({ codeServer, chromium, vsix, keep: process.argv.includes("--keep") });
    console.log(`code-server ${t.version}`);
    console.log(`output channel 'dlnet':\n  ${t.channel.trim().split("\n").join("\n  ")}`);
    console.log(`Problems panel:\n  ${t.problems.join("\n  ")}`);
    console.log(`editor lines:\n  ${t.lines.join("\n  ")}`);
    console.log(`hover over Linear:\n  ${t.hover.trim().split("\n").join("\n  ")}`);
    console.log(`workbench shown ${t.ms.workbench} ms, first squiggle ${t.ms.diagnostics} ms, hover ${t.ms.hover} ms after loading the page`);
    if (process.argv.includes("--keep")) console.log(`kept ${t.work}`);
    const wrong = verify(t);
    if (wrong.length) fail(wrong.join("\n"));
    console.log("try-vscode: ok");
  } catch (e) {
    fail((e as Error).message);
  }
}
