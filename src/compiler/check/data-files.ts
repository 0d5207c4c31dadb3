// What the checker needs from the data and weights files a train block names:
// that they exist, and for a CSV its header line, for safetensors its JSON
// header. Never the whole file: the language server checks on every
// keystroke, and a 600 MB checkpoint read per keystroke costs seconds (and
// more than V8's largest string). A FIFO or a device is refused outright,
// because opening one blocks or never ends.
//
// Hosts backed by a file system implement `stat` and `readBytes`; answers are
// cached by (path, size, mtime), so an unchanged file is probed once. Hosts
// without them (in-memory tests, the browser) hand over the whole text.

import type { CompilerHost, FileStat } from "./program";

export type DataFormat = "csv" | "safetensors" | "any";

export type DataProbe =
  /** `head`: the CSV's first line or the safetensors JSON header (absent for "any"). */
  | { ok: true; head?: string }
  | { ok: false; problem: string };

/** A CSV header longer than this is not a header. */
const MAX_CSV_LINE = 1 << 20;
/** safetensors caps its header at 100 MB; anything larger is not one. */
const MAX_ST_HEADER = 100_000_000;
const CACHE_LIMIT = 128;

const cache = new Map<string, { size: number; mtimeMs: number; probe: DataProbe }>();

/** Why a non-regular path cannot be a data, weights or source file, in a few words. */
export function describeStat(s: FileStat): string | undefined {
  if (s.kind === "directory") return "is a directory";
  if (s.kind === "special") return "is not a regular file (a FIFO, socket or device)";
  return undefined;
}

/** Probe `path` for `format`, reading at most its header. */
export function probeDataFile(host: CompilerHost, path: string, format: DataFormat): DataProbe {
  if (!host.stat || !host.readBytes) {
    const text = host.readFile(path);
    if (text === undefined) return { ok: false, problem: "does not exist" };
    return { ok: true, ...(format === "any" ? {} : { head: text }) };
  }
  const s = host.stat(path);
  if (!s) return { ok: false, problem: "does not exist" };
  const bad = describeStat(s);
  if (bad) return { ok: false, problem: bad };
  const key = `${format}\0${path}`;
  const hit = cache.get(key);
  if (hit && hit.size === s.size && hit.mtimeMs === s.mtimeMs) return hit.probe;
  const probe = readHead(host as Required<CompilerHost>, path, s.size, format);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { size: s.size, mtimeMs: s.mtimeMs, probe });
  return probe;
}

function readHead(host: Required<CompilerHost>, path: string, size: number, format: DataFormat): DataProbe {
  const utf8 = new TextDecoder();
  if (format === "any") return { ok: true };
  if (format === "csv") {
    // Read growing chunks until the first line break (headers are short).
    for (let n = 4096; ; n *= 4) {
      const bytes = host.readBytes(path, 0, Math.min(n, size, MAX_CSV_LINE));
      if (!bytes) return { ok: false, problem: "cannot be read" };
      const nl = bytes.indexOf(10);
      if (nl >= 0 || bytes.length >= size) return { ok: true, head: utf8.decode(nl >= 0 ? bytes.subarray(0, nl) : bytes) };
      if (bytes.length >= MAX_CSV_LINE) return { ok: false, problem: "has no header line (its first line is over 1 MB)" };
    }
  }
  // safetensors: an 8-byte little-endian header length, then that much JSON.
  const notSt = { ok: false, problem: "is not a safetensors file (no JSON header)" } as const;
  if (size < 8) return notSt;
  const lenBytes = host.readBytes(path, 0, 8);
  if (!lenBytes || lenBytes.length < 8) return { ok: false, problem: "cannot be read" };
  const len = Number(new DataView(lenBytes.buffer, lenBytes.byteOffset, 8).getBigUint64(0, true));
  if (len < 2 || len > MAX_ST_HEADER || 8 + len > size) return notSt;
  const header = host.readBytes(path, 8, len);
  if (!header) return { ok: false, problem: "cannot be read" };
  const head = utf8.decode(header);
  return head.trimStart().startsWith("{") ? { ok: true, head } : notSt;
}
