// docs/builtins.md is generated from the registry: it must be up to date, and
// it must name every layer and function the registry holds.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { FUNCTIONS, LAYERS } from "../../src/compiler/layers/index";
import { builtinsMarkdown } from "../../src/docs/builtins";

const path = join(__dirname, "../../docs/builtins.md");

it("docs/builtins.md matches the registry (UPDATE_BASELINES=1 regenerates it)", () => {
  const text = builtinsMarkdown();
  if (process.env.UPDATE_BASELINES) writeFileSync(path, text);
  expect(readFileSync(path, "utf8")).toBe(text);
  for (const name of [...LAYERS.keys(), ...FUNCTIONS.keys()]) expect(text).toContain(`| \`${name}\` |`);
});
