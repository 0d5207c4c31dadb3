// forked(): `python3 args…` runs forked from one Python that imported torch once (python.ts has the
// rest). Apart from python.ts so that test/setup/after-file.ts can stop the server after
// every test file without importing python.ts, which starts Python to see whether torch is there.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PyResult } from "./python";

/** Debian's Python, with python3-torch (scripts/install-pytorch.sh). */
export const PYTHON = "/usr/bin/python3";

/** The Python of `forked()`: imports torch and numpy once, then for each request (a JSON line on stdin:
 * id, args, cwd, env, out, err) forks a child that runs `python3 args…` as the interpreter would — a script
 * as `__main__` with its folder first on sys.path, or `-c code` — with stdout and stderr to the files `out`
 * and `err` and stdin from /dev/null; a JSON line {id, code} answers when the child has exited. The
 * children run at the same time when asked at once (two DDP ranks). */
const FORK_SERVER = String.raw`
import json, os, runpy, select, sys, traceback
import numpy, torch  # the slow imports, done once; every child inherits them

def child(req):
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(os.open(req["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(req["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        os.chdir(req["cwd"])
        os.environ.update(req["env"])
        args = req["args"]
        if args[0] == "-c":
            sys.argv = ["-c", *args[2:]]
            sys.path[0] = ""
            exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
        else:
            sys.argv = list(args)
            sys.path[0] = os.path.dirname(os.path.abspath(args[0]))
            runpy.run_path(args[0], run_name="__main__")
        code = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)

running = {}
stdin = sys.stdin.buffer
pending = b""
open_ = True
while open_ or running:
    ready, _, _ = select.select([stdin] if open_ else [], [], [], 0.02)
    if ready:
        chunk = os.read(stdin.fileno(), 1 << 16)
        if not chunk:
            open_ = False
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            req = json.loads(line)
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                child(req)
            running[pid] = req["id"]
    while running:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            break
        print(json.dumps({"id": running.pop(pid), "code": os.waitstatus_to_exitcode(status)}), flush=True)
`;

let server: { child: ChildProcessWithoutNullStreams; dir: string; stderr: string; waiting: Map<number, (code: number | null) => void> } | undefined;
let nextRun = 0;

function startServer(): NonNullable<typeof server> {
  const env = { ...process.env, OMP_NUM_THREADS: "1", PYTHONDONTWRITEBYTECODE: "1" };
  const s = { child: spawn(PYTHON, ["-c", FORK_SERVER], { env }), dir: mkdtempSync(join(tmpdir(), "dlnet-pyfork-")), stderr: "", waiting: new Map<number, (code: number | null) => void>() };
  s.child.stderr.on("data", (d) => (s.stderr += d));
  s.child.stdin.on("error", () => {}); // a server gone: its close below answers the runs
  createInterface({ input: s.child.stdout }).on("line", (line) => {
    const { id, code } = JSON.parse(line) as { id: number; code: number };
    s.waiting.get(id)?.(code);
    s.waiting.delete(id);
  });
  // A server that ends (or never started) answers every run still waiting: exit null, its own stderr added.
  const fail = () => {
    if (server === s) server = undefined;
    for (const done of s.waiting.values()) done(null);
    s.waiting.clear();
  };
  s.child.on("close", fail);
  s.child.on("error", (e) => ((s.stderr += `${PYTHON}: ${e.message}\n`), fail()));
  return s;
}

/**
 * Stops the server, if one runs, and waits for it (its CPU then counts as this process's). After every
 * test file (test/setup/after-file.ts): a worker runs file after file, and a file's Python is its own.
 */
export async function stopForkServer(): Promise<void> {
  const s = server;
  if (!s) return;
  server = undefined;
  // End of input: the server exits once its children have.
  if (s.child.exitCode === null && s.child.signalCode === null) await new Promise((res) => (s.child.once("close", res), s.child.stdin.end()));
  rmSync(s.dir, { recursive: true, force: true });
}

/** Runs `python3 args…` like python() — each run its own process with its own exit code, stdout and
 * stderr — but forked from one Python that imported torch once: about 2 s of CPU saved on every run
 * after the first. The server starts on the first call and stops after the test file (stopForkServer). */
export function forked(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<PyResult> {
  const s = (server ??= startServer());
  const id = nextRun++;
  const out = join(s.dir, `${id}.out`);
  const err = join(s.dir, `${id}.err`);
  const read = (f: string) => {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  return new Promise((res) => {
    s.waiting.set(id, (code) => res({ code, stdout: read(out), stderr: read(err) + (code === null ? `\n--- python fork server\n${s.stderr}` : "") }));
    s.child.stdin.write(`${JSON.stringify({ id, args, cwd: opts.cwd ?? process.cwd(), env: opts.env ?? {}, out, err })}\n`);
  });
}
