// docs/diagnostics.md is generated from the catalogue and real compiler output;
// this keeps it current (UPDATE_BASELINES=1 rewrites it).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { CATALOGUE } from "../../../src/compiler/diagnostics";
import { generateDiagnosticsDoc } from "./diagnostics-doc";
import { ROOT } from "./helpers";

it("docs/diagnostics.md documents every code with the compiler's current output", () => {
  const file = path.join(ROOT, "docs/diagnostics.md");
  const doc = generateDiagnosticsDoc();
  for (const code of Object.keys(CATALOGUE)) expect(doc).toContain(`## ${code} `);
  if (process.env.UPDATE_BASELINES === "1") writeFileSync(file, doc);
  expect(existsSync(file) ? readFileSync(file, "utf8") : "").toBe(doc);
});
