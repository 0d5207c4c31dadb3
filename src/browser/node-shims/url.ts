// `node:url` in a browser: the two functions the language server uses to map
// file URIs to paths (src/lsp/positions.ts), for POSIX paths. Node's rules:
// a path's `%`, `\`, newline, carriage return, tab, `#` and `?` are
// percent-encoded (tested against node:url in test/browser/node-shims.test.ts).

export function fileURLToPath(url: string | URL): string {
  const u = typeof url === "string" ? new URL(url) : url;
  if (u.protocol !== "file:") throw new TypeError(`The URL must be of scheme file: ${u.href}`);
  if (/%2f/i.test(u.pathname)) throw new TypeError("File URL path must not include encoded / characters");
  return decodeURIComponent(u.pathname);
}

export function pathToFileURL(path: string): URL {
  const abs = path.startsWith("/") ? path : `/${path}`;
  const encoded = abs.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/\t/g, "%09");
  const u = new URL("file://");
  u.pathname = encoded;
  return new URL(u.href.replace(/#/g, "%23").replace(/\?/g, "%3F"));
}
