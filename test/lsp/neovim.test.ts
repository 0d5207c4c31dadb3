// A real Neovim (Debian's 0.7.2 when installed: `apt install neovim`) runs
// the setup docs/editor.md gives, headless, against `dlnet lsp --stdio` on
// the PATH, and reports what its LSP client got: diagnostics, hover,
// completion (Neovim 0.7 declares no snippet support: plain text comes
// back), formatting applied to the buffer, and a workspace folder added with
// vim.lsp.buf.add_workspace_folder indexed by the server. Skipped when nvim is missing,
// except in CI (.ci/run installs it).
//
// The same run with a newer Neovim and the docs' setup for 0.11 and later
// (vim.lsp.config / vim.lsp.enable): the one scripts/fetch-debian-editors.sh
// unpacks from Debian sid into $DLNET_EDITORS_PREFIX (by default
// ~/.cache/dlnet/debian-sid). Opt-in: skipped when that prefix holds no
// nvim, an error when DLNET_NEWER_EDITORS=1 asks for it.

import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./client";
import { newerEditor } from "../newer-editors";

const nvim = spawnSync("sh", ["-c", "command -v nvim"], { encoding: "utf8" }).stdout.trim();
if (!nvim && process.env.CI === "true") throw new Error("CI=true but Neovim is missing (scripts/install-neovim.sh installs Debian's package)");

const newerNvim = newerEditor("nvim");

/** The Lua block of docs/editor.md that sets Neovim up with `api` (start_client: 0.7 and later; vim.lsp.enable: 0.11 and later). */
function docsSetup(api: string): string {
  const doc = readFileSync(join(repoRoot, "docs/editor.md"), "utf8");
  const blocks = [...doc.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]);
  const setup = blocks.find((b) => b.includes(api));
  if (!setup) throw new Error(`docs/editor.md has no Neovim setup block using ${api}`);
  return setup;
}

const MODEL = `model Net {
  input x: f32[batch, 784]
  h = x -> Linaer(128)
  output y = x ->   Linear(10)
}
`;

// What the headless Neovim does, then writes as JSON to $OUT.
const DRIVE = `
local out = { diagnostics = {}, hover = nil, completion = nil }
local buf = vim.api.nvim_get_current_buf()
-- vim.lsp.get_clients from 0.10 on (buf_get_clients is gone in 0.12).
local function clients() return vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf) end
local ok = vim.wait(30000, function() return next(clients()) ~= nil and #vim.diagnostic.get(buf) > 0 end, 50)
out.attached = ok
out.version = tostring(vim.version())
for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(out.diagnostics, { line = d.lnum, code = d.code, message = d.message }) end
local function at(line, character) return { textDocument = vim.lsp.util.make_text_document_params(), position = { line = line, character = character } } end
for _, res in pairs(vim.lsp.buf_request_sync(buf, "textDocument/hover", at(3, 20), 20000) or {}) do
  if res.result then out.hover = res.result.contents end
end
for _, res in pairs(vim.lsp.buf_request_sync(buf, "textDocument/completion", at(2, 11), 20000) or {}) do
  for _, it in ipairs(res.result and (res.result.items or res.result) or {}) do
    if it.label == "Linear" then out.completion = { insertText = it.insertText, insertTextFormat = it.insertTextFormat } end
  end
end
local fmt = { textDocument = vim.lsp.util.make_text_document_params(), options = { tabSize = 2, insertSpaces = true } }
for id, res in pairs(vim.lsp.buf_request_sync(buf, "textDocument/formatting", fmt, 20000) or {}) do
  vim.lsp.util.apply_text_edits(res.result or {}, buf, vim.lsp.get_client_by_id(id).offset_encoding)
end
out.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\\n")
-- A workspace folder added while running (workspace/didChangeWorkspaceFolders): its layers become workspace symbols.
local function symbols(query)
  local names = {}
  for _, res in pairs(vim.lsp.buf_request_sync(buf, "workspace/symbol", { query = query }, 20000) or {}) do
    for _, s in ipairs(res.result or {}) do table.insert(names, s.name) end
  end
  return names
end
out.before = symbols("ExtraBlock")
vim.lsp.buf.add_workspace_folder(vim.env.EXTRA)
out.after = symbols("ExtraBlock")
local f = io.open(vim.env.OUT, "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-nvim-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `nvim` headless with `setup` as its init.lua on MODEL; what its LSP client got. */
function drive(nvim: string, setup: string) {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "dlnet"), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, "bin/dlnet.js")}" "$@"\n`);
  chmodSync(join(bin, "dlnet"), 0o755);
  writeFileSync(join(dir, "init.lua"), setup);
  writeFileSync(join(dir, "drive.lua"), DRIVE);
  writeFileSync(join(dir, "m.dlnet"), MODEL);
  const extra = `${dir}-extra`;
  rmSync(extra, { recursive: true, force: true });
  mkdirSync(extra);
  writeFileSync(join(extra, "blocks.dlnet"), "layer ExtraBlock {\n  input x: f32[B, 4]\n  output y = x -> ReLU\n}\n");
  const out = join(dir, "out.json");
  rmSync(out, { force: true });
  try {
    execFileSync(nvim, ["--headless", "-u", "init.lua", "-c", "luafile drive.lua", "m.dlnet"], {
      cwd: dir,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, OUT: out, EXTRA: extra, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      timeout: 120_000,
      stdio: "ignore",
    });
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(extra, { recursive: true, force: true });
  }
}

/** What both Neovims must show; `snippets`: whether the client declares snippet support (0.10 and later do). */
function expectWorking(got: ReturnType<typeof drive>, snippets: boolean) {
  expect(got.attached).toBe(true);
  expect(got.diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`).sort()).toEqual(["DL2003@2", "DL2010@2"]);
  expect(got.diagnostics.find((d: { code: string }) => d.code === "DL2003").message).toContain("did you mean 'Linear'");
  expect(got.hover.value).toContain("Linear: f32[batch, 10]");
  expect(got.completion).toEqual(snippets ? { insertText: "Linear(${1:out_features})", insertTextFormat: 2 } : { insertText: "Linear(out_features)", insertTextFormat: 1 });
  expect(got.formatted + "\n").toBe(MODEL.replace("->   Linear", "-> Linear"));
  expect(got.before).toEqual([]);
  expect(got.after).toEqual(["ExtraBlock"]);
}

describe.skipIf(!nvim)("Neovim (the system's) with the documented setup for 0.7 and later", () => {
  it("shows diagnostics, hover, plain-text completion and formats the buffer", () => {
    const got = drive(nvim, docsSetup("start_client"));
    const [major, minor] = got.version.split(".").map(Number);
    expectWorking(got, major > 0 || minor >= 10);
  });
});

describe.skipIf(!newerNvim)("Neovim from Debian sid (scripts/fetch-debian-editors.sh; opt-in) with the documented setups", () => {
  it("the 0.11-and-later setup (vim.lsp.config, vim.lsp.enable): diagnostics, hover, snippet completion, formatting", () => {
    const got = drive(newerNvim, docsSetup("vim.lsp.enable"));
    expect(got.version).toMatch(/^0\.(1[1-9])\./);
    expectWorking(got, true);
  });
  it("the 0.7-and-later setup (vim.lsp.start_client) still works there", () => {
    const got = drive(newerNvim, docsSetup("start_client"));
    expectWorking(got, true);
  });
});
