// Every model of every example, exported with `dlnet export --pytorch`: the
// PyTorch model (real torch, /usr/bin/python3) loaded with dlnet weights gives
// the outputs of dlnet's reference backend on the same inputs (f32, rel 1e-4).
// The weights are random (initParams) with BatchNorm's running statistics
// moved off their 0/1 start, so eval-mode BatchNorm is really exercised.
// Each example's train block exports too, and its train.py compiles.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkFile, type TensorType } from "../../../../src/compiler/check";
import { isConcreteGraph, specialize } from "../../../../src/compiler/ir/graph";
import { initParams, lowerModel } from "../../../../src/compiler/lower";
import { encodeSafetensors, readTensors } from "../../../../src/runtime/checkpoint/safetensors";
import { runReference } from "../../../../src/runtime/reference/interpreter";
import type { Tensor } from "../../../../src/compiler/tensor";
import type { Node } from "../../../../src/compiler/ir/node";
import { dlnetInProcess, ROOT } from "../../../cli/run-cli";
import { maxRelDiff, randomData } from "../onnx/ort";
import { describeTorch, expectOk, PY_LOAD, python } from "./python";

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".dlnet")).sort();
const host = { readFile: (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) };
const BATCH = 3;
/** A length for symbolic dims other than the batch (CharLSTM's T). */
const OTHER = 7;

interface Case {
  file: string;
  model: string;
  dir: string;
  inputs: string[];
  outputs: readonly string[];
  /** The outputs compared with PyTorch: those no random draw reaches. */
  compared: readonly string[];
  expected: Record<string, Tensor>;
}

const DRIVER = PY_LOAD + String.raw`
for k, c in enumerate(json.load(open(sys.argv[1]))):
    io = load(c["dir"] + "/dlnet_io.py", f"io{k}")
    mod = load(c["dir"] + "/model.py", f"model{k}")
    weights, _ = io.read_safetensors(c["dir"] + "/weights.safetensors")
    xs, _ = io.read_safetensors(c["dir"] + "/inputs.safetensors")
    model = mod.load_weights(getattr(mod, c["model"])(), weights).eval()
    with torch.no_grad():
        y = model(*[torch.from_numpy(xs[n]) for n in c["inputs"]])
    if not isinstance(y, dict):
        y = {c["outputs"][0]: y}
    io.write_safetensors(c["dir"] + "/outputs.safetensors", y)
`;

let dir: string;
const cases: Case[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dlnet-pt-fwd-"));
  let seed = 1;
  for (const file of EXAMPLES) {
    const path = join(ROOT, "examples", file);
    const check = checkFile(path, host);
    for (const name of check.models) {
      const declared = check.elaborate(name)!;
      // Concrete input shapes: the batch, and any other symbolic length.
      const types: Record<string, TensorType> = {};
      const feeds: Record<string, Tensor> = {};
      const env: Record<string, number> = {};
      for (const i of declared.inputs) {
        const shape = i.type.shape.map((d, k) => (typeof d === "number" ? d : (env[d] = k === 0 ? BATCH : OTHER)));
        types[i.name] = { dtype: i.type.dtype, shape };
        const n = shape.reduce((a, b) => a * b, 1);
        feeds[i.name] =
          i.type.dtype === "i32"
            ? { dtype: "i32", shape, data: Int32Array.from(randomData(n, seed++, 0, 10), Math.floor) }
            : { dtype: "f32", shape, data: randomData(n, seed++, 0, 1) };
      }
      const model = check.elaborate(name, undefined, { inputs: types })!;
      const weights = initParams(model.parameters, seed++);
      for (const p of model.parameters) {
        if (p.name === "running_mean") weights.set(p.path, { dtype: "f32", shape: [...p.shape], data: randomData(p.shape[0], seed++, -0.5, 0.5) });
        if (p.name === "running_var") weights.set(p.path, { dtype: "f32", shape: [...p.shape], data: randomData(p.shape[0], seed++, 0.5, 2) });
      }
      const lowered = lowerModel(model, { mode: "eval", dims: env });
      expect(lowered.diagnostics).toEqual([]);
      const graph = specialize(lowered.graph, env);
      expect(isConcreteGraph(graph)).toBe(true);
      const inputs: Record<string, Tensor> = { ...feeds };
      for (const [k, t] of weights) inputs[k] = t;
      // randn/rand draw other numbers in PyTorch: compare the outputs that do not depend on a draw (the VAE's mu, logvar).
      if (lowered.seedInput) inputs[lowered.seedInput] = { dtype: "i32", shape: [], data: Int32Array.of(0) };
      const drawn = new Map<Node, boolean>();
      const isDrawn = (n: Node): boolean => {
        let d = drawn.get(n);
        if (d === undefined) drawn.set(n, (d = n.op === "random_uniform" || n.op === "random_normal" || n.inputs.some(isDrawn)));
        return d;
      };
      const compared = lowered.outputs.filter((o) => !isDrawn(graph.output(o)));
      const expected = runReference(graph, inputs);

      const out = join(dir, `${basename(file, ".dlnet")}-${name}`);
      const r = await dlnetInProcess(["export", path, "--model", name, "--pytorch", out]);
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      writeFileSync(join(out, "weights.safetensors"), encodeSafetensors(weights));
      writeFileSync(join(out, "inputs.safetensors"), encodeSafetensors(new Map(Object.entries(feeds))));
      cases.push({ file, model: name, dir: out, inputs: declared.inputs.map((i) => i.name), outputs: lowered.outputs, compared, expected });
    }
  }
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeTorch("exported PyTorch models against the reference backend", () => {
  it("covers every example's models", () => {
    const files = new Set(cases.map((c) => c.file));
    for (const f of EXAMPLES) if (checkFile(join(ROOT, "examples", f), host).models.length) expect(files).toContain(f);
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it("gives the same outputs (rel 1e-4) for every example model", async () => {
    writeFileSync(join(dir, "driver.py"), DRIVER);
    writeFileSync(join(dir, "cases.json"), JSON.stringify(cases.map(({ expected: _e, ...c }) => c)));
    expectOk(await python([join(dir, "driver.py"), join(dir, "cases.json")]), "driver.py");
    for (const c of cases) {
      const got = readTensors(join(c.dir, "outputs.safetensors")).tensors;
      for (const name of c.compared) {
        const want = c.expected[name];
        const have = got.get(name);
        expect(have?.shape, `${c.file} ${c.model}.${name}`).toEqual(want.shape);
        expect(maxRelDiff(have!.data, want.data), `${c.file} ${c.model}.${name}`).toBeLessThan(1e-4);
      }
    }
  }, 300_000);

  it("exports every example's train block, and train.py compiles", async () => {
    const trains = EXAMPLES.filter((f) => checkFile(join(ROOT, "examples", f), host).trains.length);
    const outs: string[] = [];
    for (const f of trains) {
      const out = join(dir, `train-${basename(f, ".dlnet")}`);
      const r = await dlnetInProcess(["export", join(ROOT, "examples", f), "--pytorch", out]);
      // transfer_finetune's init weights come from another run: a clear message, no folder.
      if (f === "transfer_finetune.dlnet" && !existsSync(join(ROOT, "examples/transfer_pretrained.safetensors"))) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/init: weights file .* does not exist yet/);
        expect(existsSync(out)).toBe(false);
        continue;
      }
      expect(r.stderr, f).not.toMatch(/error/);
      expect(r.code, f).toBe(0);
      for (const name of ["model.py", "train.py", "dlnet_io.py", "data.safetensors", "README.md"]) expect(existsSync(join(out, name)), `${f}: ${name}`).toBe(true);
      outs.push(out);
    }
    const files = outs.flatMap((o) => ["model.py", "train.py", "dlnet_io.py"].map((n) => join(o, n)));
    expectOk(await python(["-c", "import sys\nfor f in sys.argv[1:]: compile(open(f).read(), f, 'exec')", ...files]), "py_compile");
  }, 300_000);
});
