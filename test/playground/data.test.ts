// The playground's data against the CLI's loader (the oracle): every example's
// train block, compiled as the page compiles it (the editor's document at
// /playground/model.dlnet, the files the build bakes in), gets the same
// dataset in the page as `dlnet train` reads from the disk — mnist from the
// digits asset, text from the baked-in text.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workerFiles } from "../../scripts/build-playground";
import { compileModel } from "../../src/browser/index";
import { openDataset } from "../../src/runtime/data/index";
import { mnistAll } from "../../src/runtime/data/mnist";
import { decodeMnistDigits, encodeMnistDigits } from "../../src/runtime/data/mnist-asset";
import { DOC_PATH } from "../../src/playground/files";
import { playgroundDataset } from "../../src/playground/data";

const ROOT = join(__dirname, "../..");

/** Index of the first differing element (or of the end of the shorter), -1 when equal (toEqual is slow on millions). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.constructor !== b.constructor) return 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}
const files = workerFiles();
const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".dlnet")).sort();

describe("the playground's data", () => {
  it("bakes in every example and the text files of examples/data", () => {
    expect(Object.keys(files).filter((p) => p.endsWith(".dlnet")).sort()).toEqual(examples.map((e) => `/playground/${e}`));
    expect(files["/playground/data/addition.txt"]).toBe(readFileSync(join(ROOT, "examples/data/addition.txt"), "utf8"));
  });

  it("every example with a train block compiles as in the page and gets the CLI loader's dataset", async () => {
    const digits = decodeMnistDigits(encodeMnistDigits(mnistAll()));
    let checked = 0;
    for (const name of examples) {
      const program = compileModel(readFileSync(join(ROOT, "examples", name), "utf8"), { file: DOC_PATH, files });
      expect(program.ok, `${name}: ${program.errors}`).toBe(true);
      for (const t of program.trains) {
        const spec = program.check.elaborateTrain(t)!;
        const notices: string[] = [];
        const page = await playgroundDataset(spec, files, async () => digits, notices);
        expect(notices, name).toEqual([]);
        // The CLI's loader reads the same file from examples/ on disk.
        const path = spec.data.path?.replace(/^\/playground\//, join(ROOT, "examples") + "/");
        const cli = openDataset({ source: spec.data.source, args: spec.data.args, path }, join(ROOT, "examples"));
        expect(page.fields, name).toEqual(cli.fields);
        for (const split of ["train", "test"] as const) {
          expect(page[split].size, `${name} ${split}`).toBe(cli[split].size);
          for (const f of Object.keys(cli.fields)) expect(firstDifference(page[split].fields[f], cli[split].fields[f]), `${name} ${split} ${f}`).toBe(-1);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  }, 120_000);
});
