// Headless Chromium driven over the DevTools protocol on a pipe
// (`--remote-debugging-pipe`: fd 3 carries commands in, fd 4 replies out,
// each message JSON followed by a NUL byte). No port, no driver package.
//
// The flags (Debian's chromium 150, no GPU, as root): `--enable-unsafe-webgpu`
// is the one WebGPU needs; without it requestAdapter() returns null. With it
// the adapter is SwiftShader's Vulkan (vendor "google", architecture
// "swiftshader", a fallback adapter), which Chromium ships in
// /usr/lib/chromium/libvk_swiftshader.so: no Mesa needed. `--enable-features=
// Vulkan`, `--use-angle=swiftshader` and `--use-webgpu-adapter=swiftshader`
// change nothing here, and even `--disable-gpu` leaves WebGPU on, so none is
// passed. `--no-sandbox` because CI runs as root. The rest keep a closed
// network quiet (no updates, sync, metrics, QUIC) and leave no state behind
// (a fresh profile folder per launch).

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

export const WEBGPU_FLAGS = ["--enable-unsafe-webgpu"];

export const QUIET_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--disable-default-apps",
  "--disable-extensions",
  "--metrics-recording-only",
  "--disable-breakpad",
  "--disable-dev-shm-usage",
];

/** The Chromium binary: $CHROMIUM when set (undefined if it does not exist), else Debian's package's. */
export function findChromium(): string | undefined {
  const env = process.env.CHROMIUM;
  const candidates = env ? [env] : ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((c) => existsSync(c));
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  method: string;
}

export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = "";
  /** Console lines and uncaught errors of pages, for a failing test's message. */
  readonly log: string[] = [];
  private exited?: string;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding("utf8");
    out.on("data", (chunk: string) => this.receive(chunk));
    proc.on("exit", (code, signal) => {
      this.exited = `chromium exited (${signal ?? code})`;
      for (const p of this.pending.values()) p.reject(new Error(`${this.exited} during ${p.method}`));
      this.pending.clear();
    });
  }

  /** Starts Chromium; `gpuFlags` replaces WEBGPU_FLAGS (to try other sets). */
  static launch(binary: string, gpuFlags: readonly string[] = WEBGPU_FLAGS): Chromium {
    const profile = mkdtempSync(join(tmpdir(), "dlnet-chromium-"));
    const args = [...QUIET_FLAGS, ...gpuFlags, `--user-data-dir=${profile}`, "--remote-debugging-pipe", "about:blank"];
    const proc = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
    const c = new Chromium(proc, profile);
    const err = proc.stderr as Readable;
    err.setEncoding("utf8");
    err.on("data", (s: string) => {
      if (c.log.length < 200) c.log.push(`[stderr] ${s.trimEnd()}`);
    });
    return c;
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf("\0")) >= 0) {
      const msg = JSON.parse(this.buffered.slice(0, end)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
      };
      this.buffered = this.buffered.slice(end + 1);
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p?.resolve(msg.result);
      } else if (msg.method === "Runtime.consoleAPICalled") {
        const args = (msg.params!.args as { value?: unknown; description?: string }[]) ?? [];
        this.log.push(`[console] ${args.map((a) => a.value ?? a.description).join(" ")}`);
      } else if (msg.method === "Runtime.exceptionThrown") {
        const d = msg.params!.exceptionDetails as { exception?: { description?: string }; text: string };
        this.log.push(`[exception] ${d.exception?.description ?? d.text}`);
      }
    }
  }

  /** Sends one DevTools command (to a page's session when `sessionId` is given). */
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.exited}; cannot send ${method}`));
    const id = this.nextId++;
    const msg = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      (this.proc.stdio[3] as Writable).write(msg + "\0");
    });
  }

  /** Opens `url` in a new page; returns its session id once the page has loaded. */
  async open(url: string): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send<{ sessionId: string }>("Target.attachToTarget", { targetId, flatten: true });
    await this.send("Runtime.enable", {}, sessionId);
    await this.send("Page.enable", {}, sessionId);
    await this.send("Page.navigate", { url }, sessionId);
    // Wait for the page's scripts: poll document.readyState (no event plumbing needed).
    for (let i = 0; i < 200; i++) {
      if ((await this.evaluate(sessionId, "document.readyState")) === "complete") return sessionId;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`page ${url} did not finish loading`);
  }

  /** Evaluates an expression in the page, awaiting a promise; returns its JSON value. */
  async evaluate(sessionId: string, expression: string): Promise<unknown> {
    const r = await this.send<{ result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text: string } }>(
      "Runtime.evaluate",
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((r) => this.proc.once("exit", r));
      this.send("Browser.close").catch(() => {});
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}
