// Module-resolution hooks for the bin/ launchers (registered after tsx's).
// Chevrotain's package entry is its many-module build, which pulls in ~640
// lodash-es files; loading them through tsx's loader costs about a second of
// CPU on every `dlnet` start. The package also ships the same version as one
// ES module bundle: resolve "chevrotain" to that instead. Every import of it
// in a process goes through here, so there is still one Chevrotain (one EOF
// token type). Tests (vitest) keep the package entry; the code is the same.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (specifier === "chevrotain" && r.url.endsWith("/chevrotain/lib/src/api.js")) {
    const bundle = new URL("../chevrotain.mjs", r.url);
    if (existsSync(fileURLToPath(bundle))) return { ...r, url: bundle.href, format: "module" };
  }
  return r;
}
