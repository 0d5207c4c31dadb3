// Bundles dlnet for a web page with esbuild's JS API:
//   dist/browser/dlnet.js   the library (src/browser/index.ts), an ES module
//   dist/browser/demo.js    the demo page's script (examples/browser/demo.ts)
//   dist/browser/index.html the demo page
// Usage: node bin/run-ts.js scripts/build-browser.ts [OUTDIR]   (or npx tsx ...)
//
// The compiler and runtime import a few Node modules. `node:path` gets a real
// POSIX implementation (the checker resolves imports with it). Every other
// Node built-in, and the `webgpu` package (Dawn, Node only), becomes a stub
// whose exports are functions that throw "... is not available in a browser":
// the browser entry never reaches them (it passes sources, datasets and
// weights in memory), and a path that does fails with a message, not at load.
// The stub's export names are read from the real module at build time, so a
// new `import { x } from "node:fs"` somewhere needs no change here.

import { build, type Plugin } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Packages that only work in Node; the browser gets a throwing stub. */
const NODE_ONLY_PACKAGES = ["webgpu"];

async function exportNames(spec: string): Promise<string[]> {
  if (spec === "webgpu") return ["create", "globals"];
  const mod = (await import(spec)) as Record<string, unknown>;
  return Object.keys(mod).filter((k) => k !== "default" && /^[A-Za-z_$][\w$]*$/.test(k));
}

export function browserShims(): Plugin {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return {
    name: "dlnet-browser-shims",
    setup(b) {
      b.onResolve({ filter: /^(node:)?path(\/posix)?$/ }, () => ({ path: join(root, "src/browser/node-shims/path.ts") }));
      b.onResolve({ filter: /^(node:)?url$/ }, () => ({ path: join(root, "src/browser/node-shims/url.ts") }));
      b.onResolve({ filter: /.*/ }, (args) => {
        if (builtins.has(args.path) || NODE_ONLY_PACKAGES.includes(args.path)) {
          return { path: args.path, namespace: "node-unavailable" };
        }
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "node-unavailable" }, async (args) => {
        const spec = args.path.startsWith("node:") || NODE_ONLY_PACKAGES.includes(args.path) ? args.path : `node:${args.path}`;
        const names = await exportNames(spec);
        const fail = `function unavailable(name) { return function () { throw new Error(${JSON.stringify(spec)} + "." + name + " is not available in a browser"); }; }`;
        const lines = [fail, ...names.map((n) => `export const ${n} = unavailable(${JSON.stringify(n)});`)];
        lines.push(`export default new Proxy({}, { get: (_, k) => unavailable(String(k)) });`);
        return { contents: lines.join("\n"), loader: "js" };
      });
    },
  };
}

export interface BuildResult {
  outdir: string;
  /** The library bundle (an ES module exporting compileModel, trainInBrowser, runInBrowser, ...). */
  library: string;
  /** Bytes of the library bundle. */
  bytes: number;
  warnings: string[];
}

/** The demo imports the library by its source path; in the page it is the sibling bundle. */
function demoUsesLibrary(): Plugin {
  return {
    name: "dlnet-demo-library",
    setup(b) {
      b.onResolve({ filter: /src\/browser\/index$/ }, () => ({ path: "./dlnet.js", external: true }));
    },
  };
}

export interface BuildOptions {
  minify?: boolean;
  /** More page scripts (name → source file), bundled like the demo: importing the library as ./dlnet.js. */
  pages?: Record<string, string>;
}

export async function buildBrowser(outdir = join(root, "dist/browser"), o: BuildOptions = {}): Promise<BuildResult> {
  mkdirSync(outdir, { recursive: true });
  const common = {
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: o.minify ?? false,
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
  } as const;
  const library = join(outdir, "dlnet.js");
  const lib = await build({ ...common, entryPoints: [join(root, "src/browser/index.ts")], outfile: library, plugins: [browserShims()] });
  const demo = await build({
    ...common,
    entryPoints: { demo: join(root, "examples/browser/demo.ts"), ...o.pages },
    outdir,
    plugins: [demoUsesLibrary()],
  });
  copyFileSync(join(root, "examples/browser/index.html"), join(outdir, "index.html"));
  const out = lib.metafile.outputs;
  const key = Object.keys(out).find((k) => resolve(k) === library);
  return {
    outdir,
    library,
    bytes: key ? out[key].bytes : 0,
    warnings: [...lib.warnings, ...demo.warnings].map((w) => `${w.location?.file ?? ""}:${w.location?.line ?? ""} ${w.text}`),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const r = await buildBrowser(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const w of r.warnings) console.warn(`warning: ${w}`);
  console.log(`built ${r.outdir} (dlnet.js ${(r.bytes / 1024).toFixed(0)} KiB) in ${Math.round(performance.now() - t0)} ms`);
}
