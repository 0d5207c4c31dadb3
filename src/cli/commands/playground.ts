// `dlnet playground [--port N] [FILE]`: builds the playground page
// (scripts/build-playground.ts) into a temporary folder and serves it on
// 127.0.0.1 until Ctrl-C (which removes the folder). FILE, if given, is
// opened first in the editor (in place of an example of the same name).

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join, normalize, sep } from "node:path";
import { UserError } from "../../compiler/diagnostics";
import { EXIT, intOption, type Command } from "../command";
import { readSource } from "../../host/files";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".bin": "application/octet-stream",
};

export const playgroundCommand: Command = {
  name: "playground",
  summary: "serve the playground: edit, check, draw and train a model in the browser",
  usage: "dlnet playground [--port N] [FILE]",
  details:
    "Builds the page (a few seconds) and serves it on http://127.0.0.1:PORT/ until\n" +
    "Ctrl-C. The editor opens FILE if given, else examples/mnist_mlp.dlnet; every\n" +
    "file in examples/ is in the picker. Training needs a browser with WebGPU\n" +
    "(Chrome, Edge); without it the page trains on the CPU reference interpreter.\n" +
    "`npm run build:playground` writes the same page as static files.",
  options: {
    port: { type: "string", valueName: "N", help: "port to listen on (default 8765; 0 picks a free one)" },
  },
  positionals: { name: "FILE", min: 0, max: 1 },
  async run(args, ctx) {
    const port = intOption(args, "port", { min: 0 }) ?? 8765;
    if (port > 65535) throw new UserError(`--port must be at most 65535, got ${port}`);
    const path = args.positionals[0];
    const file = path === undefined ? undefined : (() => {
      const r = readSource(path, ctx.cwd);
      if (r.diagnostics.length) throw new UserError(`'${path}' is not a text file`);
      return { name: basename(path), text: r.file.text };
    })();
    // Listen first: a port in use is said at once, not after the build.
    let dir: string | undefined;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      const target = dir === undefined ? "" : join(dir, rel === "/" ? "index.html" : rel);
      try {
        if (dir === undefined || !target.startsWith(dir + sep) || !statSync(target).isFile()) throw new Error("not found");
        res.writeHead(200, { "content-type": TYPES[extname(target)] ?? "application/octet-stream", "cache-control": "no-store" });
        res.end(readFileSync(target));
      } catch {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end(`not found: ${url.pathname}\n`);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", (e: NodeJS.ErrnoException) =>
        reject(new UserError(e.code === "EADDRINUSE" ? `port ${port} is in use: choose another with --port N (0 picks a free one)` : `cannot listen on 127.0.0.1:${port}: ${e.message}`)),
      );
      server.listen(port, "127.0.0.1", () => resolve());
    });
    // Ctrl-C from here on, also during the build, ends with the build folder removed.
    let signalled = false;
    const stopped = new Promise<void>((resolve) => {
      const stop = () => ((signalled = true), resolve());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    const built = mkdtempSync(join(tmpdir(), "dlnet-playground-"));
    const close = () => {
      server.close();
      server.closeAllConnections();
      rmSync(built, { recursive: true, force: true });
    };
    try {
      ctx.stdout.write("building the playground…\n");
      const { buildPlayground } = await import("../../../scripts/build-playground");
      await buildPlayground(built, { file });
    } catch (e) {
      close();
      throw e;
    }
    if (!signalled) {
      dir = built;
      const addr = server.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      ctx.stdout.write(`dlnet playground: http://127.0.0.1:${actual}/ (Ctrl-C to stop)\n`);
    }
    await stopped;
    close();
    return EXIT.ok;
  },
};
