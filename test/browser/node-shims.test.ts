// The browser bundle's `node:path` (src/browser/node-shims/path.ts) must agree
// with Node's own POSIX path functions on the paths the compiler builds
// (import resolution joins an importing file's folder with a relative spec).

import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as shim from "../../src/browser/node-shims/path";
import * as urlShim from "../../src/browser/node-shims/url";

const PATHS = [
  "", ".", "..", "/", "//", "/a", "a", "a/", "/a/b/", "a//b", "./a", "../a", "a/../..", "/../a", "/a/./b/../c",
  "a/b/../../..", "/model.dlnet", "dir/x.dlnet", "x.tar.gz", ".hidden", "/a/.b", "a/b.", "../../x/./y//z/",
];

describe("node:path shim for the browser", () => {
  for (const fn of ["normalize", "dirname", "basename", "extname", "isAbsolute"] as const) {
    it(`${fn} matches path.posix`, () => {
      for (const p of PATHS) expect([p, shim[fn](p)]).toEqual([p, posix[fn](p)]);
    });
  }

  it("join and resolve match path.posix (resolve from the root)", () => {
    for (const a of PATHS) {
      for (const b of ["x.dlnet", "../y.dlnet", "./sub/z.dlnet", "/abs.dlnet", ""]) {
        expect([a, b, shim.join(a, b)]).toEqual([a, b, posix.join(a, b)]);
        expect([a, b, shim.resolve("/", a, b)]).toEqual([a, b, posix.resolve("/", a, b)]);
      }
    }
  });

  it("basename with an extension and relative match path.posix", () => {
    expect(shim.basename("/a/b.dlnet", ".dlnet")).toBe(posix.basename("/a/b.dlnet", ".dlnet"));
    expect(shim.basename(".dlnet", ".dlnet")).toBe(posix.basename(".dlnet", ".dlnet"));
    for (const [a, b] of [["/a/b", "/a/c/d"], ["/a", "/a"], ["/x/y", "/"], ["/", "/q"]]) {
      expect(shim.relative(a, b)).toBe(posix.relative(a, b));
    }
  });

  it("node:url's fileURLToPath and pathToFileURL match Node's for POSIX paths", () => {
    for (const p of ["/model.dlnet", "/a b/c.dlnet", "/x#y?z.dlnet", "/pct%20.dlnet", "/ünï/cödé.dlnet", "/tab\there", "/back\\slash"]) {
      expect([p, urlShim.pathToFileURL(p).href]).toEqual([p, pathToFileURL(p).href]);
      expect([p, urlShim.fileURLToPath(pathToFileURL(p).href)]).toEqual([p, fileURLToPath(pathToFileURL(p).href)]);
    }
    expect(() => urlShim.fileURLToPath("http://x/y")).toThrow(/scheme file/);
  });
});
