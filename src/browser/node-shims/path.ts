// `node:path` for the browser bundle: the POSIX functions the compiler and the
// runtime import (the checker resolves `import "./x.dlnet"` with them; the
// trainer and data sources name files). Paths in a browser are names in an
// in-memory host, so POSIX rules (`/`, no drive letters) are the whole story.
// scripts/build-browser.ts aliases `node:path` here; nothing imports it directly.

export const sep = "/";
export const delimiter = ":";

export function isAbsolute(p: string): boolean {
  return p.startsWith("/");
}

/** Resolves `.` and `..` segments and repeated slashes, like path.posix.normalize. */
export function normalize(p: string): string {
  if (p === "") return ".";
  const abs = isAbsolute(p);
  const trailing = p.endsWith("/");
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!abs) out.push("..");
    } else out.push(seg);
  }
  let s = (abs ? "/" : "") + out.join("/");
  if (s === "") s = abs ? "/" : ".";
  if (trailing && s !== "/") s += "/";
  return s;
}

export function join(...parts: string[]): string {
  const kept = parts.filter((x) => x !== "");
  return kept.length ? normalize(kept.join("/")) : ".";
}

/** Against "/" (a browser has no working directory). */
export function resolve(...parts: string[]): string {
  let acc = "";
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(acc); i--) {
    if (parts[i]) acc = acc ? `${parts[i]}/${acc}` : parts[i];
  }
  const s = normalize(isAbsolute(acc) ? acc : `/${acc}`);
  return s.length > 1 && s.endsWith("/") ? s.slice(0, -1) : s;
}

export function dirname(p: string): string {
  if (p === "") return ".";
  const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
  if (trimmed === "") return "/";
  const i = trimmed.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  return trimmed.slice(0, i);
}

export function basename(p: string, ext?: string): string {
  const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
  let b = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  if (ext && b.endsWith(ext)) b = b.slice(0, -ext.length);
  return b;
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i <= 0 || b === ".." ? "" : b.slice(i);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
export default posix;
