// The real PyTorch these tests compare against: Debian's /usr/bin/python3
// with python3-torch (scripts/install-pytorch.sh). Without torch the tests
// skip with the reason, except under CI=true, where they must run: there a
// missing torch fails them.

import { spawn, spawnSync } from "node:child_process";
import { describe } from "vitest";
import { PYTHON } from "./fork-server";

export { PYTHON };

function probe(): string | undefined {
  const r = spawnSync(PYTHON, ["-c", "import torch, numpy; print(torch.__version__)"], { encoding: "utf8", timeout: 120_000 });
  if (r.error) return `${PYTHON} cannot run (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} has no torch/numpy (run scripts/install-pytorch.sh as root): ${r.stderr.trim().split("\n").pop()}`;
  return undefined;
}

const missing = probe();
const inCI = process.env.CI === "true";
if (missing && !inCI) console.warn(`skipping the PyTorch tests: ${missing}`);

/** describe() when torch is there (or in CI, where its absence must fail), else describe.skip. */
export const describeTorch: typeof describe = (missing && !inCI ? describe.skip : describe) as typeof describe;

export function requireTorch(): void {
  if (missing) throw new Error(`PyTorch is required here: ${missing}`);
}

/** Python prelude of the test drivers: `load(path, name)` imports a generated
 * module (model.py, dlnet_io.py) from its file; json, sys and torch imported. */
export const PY_LOAD = String.raw`
import importlib.util, json, sys
import torch

def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod
`;

export interface PyResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `python3 args…` (async, so two ranks can run at once). */
export function python(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<PyResult> {
  return new Promise((res, rej) => {
    // One thread per process: the machine is small and the ranks share it.
    const env = { ...process.env, OMP_NUM_THREADS: "1", PYTHONDONTWRITEBYTECODE: "1", ...opts.env };
    const child = spawn(PYTHON, args, { cwd: opts.cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", rej);
    child.on("close", (code) => res({ code, stdout, stderr }));
  });
}

/** Fails with the process's output when it did not exit 0. */
export function expectOk(r: PyResult, what: string): void {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
}

export { forked } from "./fork-server";
