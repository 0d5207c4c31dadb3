// Newer editors unpacked from Debian sid by scripts/fetch-debian-editors.sh
// (Neovim 0.12, Helix, the tree-sitter CLI) for the opt-in tests that try
// docs/editor.md's setups on them. A test runs when its editor is there,
// is skipped otherwise, and fails when DLNET_NEWER_EDITORS=1 asks for the
// editors and they are missing.

import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where scripts/fetch-debian-editors.sh puts them. */
export const newerPrefix = process.env.DLNET_EDITORS_PREFIX ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "dlnet/debian-sid");

/** The launcher of `name` (nvim, hx, tree-sitter) in the prefix, or "" when it was not fetched. */
export function newerEditor(name: "nvim" | "hx" | "tree-sitter"): string {
  const path = join(newerPrefix, "bin", name);
  if (existsSync(path)) return path;
  if (process.env.DLNET_NEWER_EDITORS === "1") throw new Error(`DLNET_NEWER_EDITORS=1 but ${path} is missing: run scripts/fetch-debian-editors.sh`);
  return "";
}
