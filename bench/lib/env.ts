// The machine and the versions a result was measured with.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { adapterSeen, BENCH_DIR, ROOT } from "./common";

function pkgVersion(from: string, name: string): string | undefined {
  try {
    const req = createRequire(join(from, "package.json"));
    // Packages with an `exports` map may hide package.json: walk up from the entry.
    let dir = req.resolve(name);
    for (let i = 0; i < 6; i++) {
      dir = join(dir, "..");
      try {
        const p = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        if (p.name === name) return p.version;
      } catch {
        // keep walking up
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function mesaVersion(): string | undefined {
  try {
    return execFileSync("dpkg-query", ["-W", "-f=${Version}", "mesa-vulkan-drivers"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function environment(): Promise<Record<string, unknown>> {
  const c = cpus();
  return {
    date: new Date().toISOString(),
    cpu: c[0]?.model ?? "unknown",
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    versions: {
      webgpu: pkgVersion(ROOT, "webgpu"),
      mesa: mesaVersion(),
      "onnxruntime-node": pkgVersion(ROOT, "onnxruntime-node"),
      "@tensorflow/tfjs": pkgVersion(BENCH_DIR, "@tensorflow/tfjs"),
      "@tensorflow/tfjs-backend-webgpu": pkgVersion(BENCH_DIR, "@tensorflow/tfjs-backend-webgpu"),
      dlnet: JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version,
      commit: gitCommit(),
    },
    adapter: adapterSeen,
  };
}

function gitCommit(): string | undefined {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8" }).trim();
    return dirty ? `${head} (+ uncommitted changes in src/)` : head;
  } catch {
    return undefined;
  }
}
