// A CPU profile of a synchronous function through the inspector, folded to
// self time per function: the "what bounds it" of a compile-time number.

import { Session } from "node:inspector/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "./common";

export interface Hotspot {
  fn: string;
  /** The file, relative to the repository (tsx's transpiled positions do not map to lines). */
  at: string;
  /** Share of the sampled self time, percent. */
  selfPct: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

export interface Profile {
  /** Functions by self time. */
  functions: Hotspot[];
  /** Files by self time (`fn` empty). */
  files: Hotspot[];
}

export async function hotspots(f: () => void, reps: number, top = 6): Promise<Profile> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  for (let i = 0; i < reps; i++) f();
  const { profile } = (await session.post("Profiler.stop")) as { profile: { nodes: ProfileNode[] } };
  session.disconnect();
  const self = new Map<string, { fn: string; at: string; hits: number }>();
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    total += hits;
    const { functionName, url } = n.callFrame;
    if (!url || functionName === "(garbage collector)" || functionName === "(program)") {
      const key = functionName || "(native)";
      const e = self.get(key) ?? { fn: key, at: "", hits: 0 };
      e.hits += hits;
      self.set(key, e);
      continue;
    }
    let file = url;
    try {
      file = relative(ROOT, fileURLToPath(url));
    } catch {
      // not a file URL: keep it
    }
    const at = file;
    const key = `${functionName}@${at}`;
    const e = self.get(key) ?? { fn: functionName || "(anonymous)", at, hits: 0 };
    e.hits += hits;
    self.set(key, e);
  }
  const pct = (hits: number) => Math.round((1000 * hits) / total) / 10;
  const byFile = new Map<string, number>();
  for (const e of self.values()) if (e.at) byFile.set(e.at, (byFile.get(e.at) ?? 0) + e.hits);
  return {
    functions: [...self.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, at: e.at, selfPct: pct(e.hits) })),
    files: [...byFile]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([at, hits]) => ({ fn: "", at, selfPct: pct(hits) })),
  };
}
