// `dlnet playground` as a server, without a browser (test/browser/playground.test.ts
// drives the page): a port in use is said at once; FILE is served first in
// place of the example of the same name, with every other example once; the
// files the page fetches are there and nothing outside the build is; Ctrl-C,
// also during the build, removes the build folder.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dlnet, ROOT } from "./run-cli";

const work = mkdtempSync(join(tmpdir(), "dlnet-playground-cli-"));
/** Servers started here: a failing assertion must not leave one running. */
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      const gone = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await gone;
    }
  }
  rmSync(work, { recursive: true, force: true });
});

/** `dlnet playground ARGS` with its own TMPDIR (so its build folder can be watched). */
function start(args: string[], tmp: string): { child: ChildProcess; output: () => string; waitFor: (re: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [join(ROOT, "bin/dlnet.js"), "playground", ...args], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of [...waiters]) {
      const m = w.re.exec(out);
      if (m) waiters.splice(waiters.indexOf(w), 1), w.resolve(m);
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return {
    child,
    output: () => out,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const m = re.exec(out);
        if (m) return resolve(m);
        waiters.push({ re, resolve });
        child.once("exit", (code) => reject(new Error(`dlnet playground exited (${code}) before printing ${re}:\n${out}`)));
      }),
  };
}

/** The build folders in `tmp` (tsx keeps its cache there too). */
const builds = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith("dlnet-playground-"));

const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once("exit", (code) => r(code))));

/** GET with the path sent as is (no URL normalisation: `/../x` reaches the server). */
function get(port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("dlnet playground", () => {
  it("a port in use is one line and exit 2, before any build", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", () => r()));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await dlnet(["playground", "--port", String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`dlnet: port ${port} is in use: choose another with --port N (0 picks a free one)\n`);
      expect(r.stdout).not.toContain("building");
    } finally {
      taken.close();
    }
  });

  it("serves FILE first in place of the example of the same name, the page's files and nothing outside; Ctrl-C removes the build", async () => {
    const tmp = mkdtempSync(join(work, "tmp-"));
    const mine = join(work, "mnist_mlp.dlnet");
    const text = readFileSync(join(ROOT, "examples/mnist_mlp.dlnet"), "utf8").replace("Linear(128)", "Linear(64)");
    writeFileSync(mine, text);
    const s = start(["--port", "0", mine], tmp);
    const port = Number((await s.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\//))[1]);
    const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".dlnet")).sort();

    const ex = JSON.parse((await get(port, "/examples.json")).body.toString()) as { files: { name: string; text: string }[]; initial: string };
    expect(ex.initial).toBe("mnist_mlp.dlnet");
    expect(ex.files[0]).toEqual({ name: "mnist_mlp.dlnet", text });
    expect(ex.files.map((f) => f.name).sort()).toEqual(examples);
    const page = await get(port, "/");
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<script type="module" src="./playground.js">');
    for (const f of ["playground.js", "lsp-worker.js", "train-worker.js"]) expect((await get(port, `/${f}`)).status).toBe(200);
    // The digits: a u32 count, the labels, 784 bytes per image.
    const digits = await get(port, "/mnist-digits.bin");
    const n = digits.body.readUInt32LE(0);
    expect(n).toBe(10_000);
    expect(digits.body.length).toBe(4 + n * 785);
    for (const p of ["/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json", "/nope.js"]) expect((await get(port, p)).status, p).toBe(404);

    expect(builds(tmp)).toHaveLength(1);
    s.child.kill("SIGINT");
    expect(await exited(s.child)).toBe(0);
    expect(builds(tmp)).toEqual([]);
  }, 120_000);

  it("Ctrl-C during the build ends without serving and removes the build", async () => {
    const tmp = mkdtempSync(join(work, "tmp-"));
    const s = start(["--port", "0"], tmp);
    await s.waitFor(/building the playground/);
    s.child.kill("SIGINT");
    expect(await exited(s.child)).toBe(0);
    expect(s.output()).not.toContain("http://");
    expect(builds(tmp)).toEqual([]);
  }, 120_000);
});
