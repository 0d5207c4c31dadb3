// examples/tied_gpt.dlnet: a GPT whose output projection is its embedding
// (`h @ tok.weight.T`). Checks clean with ONE tok.weight and no output
// Linear; a short CPU run lowers the loss; the trained checkpoint holds the
// table once, and ONNX Runtime and the exported PyTorch model compute the
// reference's logits from it.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { text } from "../../src/runtime/data/index";
import { checkFile } from "../../src/compiler/check/index";
import { lowerModel } from "../../src/compiler/lower/index";
import { specialize } from "../../src/compiler/ir/graph";
import { exportOnnx } from "../../src/compiler/codegen/onnx/export";
import { onnxInitializers } from "../../src/runtime/onnx/import";
import { runReference } from "../../src/runtime/reference/interpreter";
import { encodeSafetensors, readTensors } from "../../src/runtime/checkpoint/safetensors";
import { fromArray, type Tensor } from "../../src/compiler/tensor";
import { runOrt } from "../compiler/codegen/onnx/ort";
import { describeTorch, expectOk, PY_LOAD, python } from "../compiler/codegen/pytorch/python";
import { dlnetInProcess } from "../cli/run-cli";
import { diskHost } from "../compiler/check/helpers";
import { CpuBackend } from "../../src/runtime/backend";
import { train } from "../../src/runtime/train/trainer";
import { expectChecksClean, ROOT, trainSpecOf } from "./harness";

const FILE = join(ROOT, "examples/tied_gpt.dlnet");

/** The reference's logits and ONE set of trained weights, shared by the parity tests below. */
let trained: { params: Map<string, Tensor>; tokens: Tensor; logits: Tensor } | undefined;

describe("examples/tied_gpt.dlnet", () => {
  it("checks clean", () => expectChecksClean("tied_gpt"));

  it("ties the output projection to the embedding: one tok.weight, no output Linear", () => {
    const m = checkFile(FILE, diskHost()).elaborate("TiedGPT")!;
    const paths = m.parameters.map((p) => p.path);
    expect(paths.filter((p) => p.startsWith("tok."))).toEqual(["tok.weight"]);
    expect(paths.some((p) => /^linear_\d/.test(p))).toBe(false);
    expect(m.outputs[0].type.shape).toEqual(["batch", 32, 96]);
  });

  it("starts learning the sentences in 30 steps (CPU), and its logits come from the trained table", { timeout: 900_000 }, async () => {
    const spec = trainSpecOf("tied_gpt");
    const dataset = text({ path: join(ROOT, "examples/data/sentences.txt"), context: 32, test: 200 });
    const out = join(mkdtempSync(join(tmpdir(), "dlnet-tied-ckpt-")), "TiedGPT.safetensors");
    const result = await train({ spec: { ...spec, batch: 16 }, backend: new CpuBackend(), steps: 30, dataset, logEvery: 1, out, skipTest: true });
    const mean = (xs: { loss: number }[]) => xs.reduce((a, b) => a + b.loss, 0) / xs.length;
    const [first, last] = [mean(result.losses.slice(0, 5)), mean(result.losses.slice(-5))];
    // ln(96) ≈ 4.56 untrained.
    expect(first).toBeGreaterThan(3.5);
    expect(last).toBeLessThan(0.75 * first);
    // The checkpoint holds the table once (and its optimizer state once).
    const saved = readTensors(out).tensors;
    expect([...saved.keys()].filter((k) => !k.startsWith("optim.") && k.includes("tok"))).toEqual(["tok.weight"]);
    expect([...saved.keys()].filter((k) => k.startsWith("optim.tok.weight")).sort()).toEqual(["optim.tok.weight.exp_avg", "optim.tok.weight.exp_avg_sq"]);
    const params = new Map([...saved].filter(([k]) => !k.startsWith("optim.") && !k.startsWith("__")));
    const low = lowerModel(checkFile(FILE, diskHost()).elaborate("TiedGPT")!, { mode: "eval" });
    const ids = Array.from({ length: 2 * 32 }, (_, i) => (i * 7 + 3) % 90);
    const tokens = fromArray(ids, [2, 32], "i32");
    const logits = runReference(specialize(low.graph, { batch: 2 }), { tokens, ...Object.fromEntries(params) }).logits;
    trained = { params, tokens, logits };
  });

  it("exports to ONNX with the table once; ONNX Runtime gives the reference's logits", async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    const low = lowerModel(checkFile(FILE, diskHost()).elaborate("TiedGPT")!, { mode: "eval" });
    const { bytes, diagnostics } = exportOnnx(low.graph, { params: trained!.params, name: "TiedGPT", file: "tied_gpt.dlnet" });
    expect(diagnostics).toEqual([]);
    const inits = onnxInitializers(bytes, "tied_gpt.onnx");
    expect([...inits.keys()].filter((k) => k.includes("tok"))).toEqual(["tok.weight"]);
    const got = (await runOrt(bytes, { tokens: trained!.tokens })).logits;
    let worst = 0;
    for (let i = 0; i < got.data.length; i++) worst = Math.max(worst, Math.abs(got.data[i] - trained!.logits.data[i]) / Math.max(1, Math.abs(trained!.logits.data[i])));
    expect(worst).toBeLessThan(1e-4);
  });
});

describeTorch("examples/tied_gpt.dlnet in PyTorch (export --pytorch)", () => {
  it("model.py loads the trained checkpoint strictly (one tok.weight) and computes the reference's logits", { timeout: 300_000 }, async () => {
    expect(trained, "needs the trained run above").toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "dlnet-tied-"));
    const out = join(dir, "pt");
    const r = await dlnetInProcess(["export", FILE, "--pytorch", out, "--model", "TiedGPT"]);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(join(dir, "weights.safetensors"), encodeSafetensors(trained!.params));
    writeFileSync(join(dir, "tokens.safetensors"), encodeSafetensors(new Map([["tokens", trained!.tokens]])));
    writeFileSync(
      join(dir, "drive.py"),
      PY_LOAD +
        String.raw`
d = sys.argv[1]
io = load(d + "/pt/dlnet_io.py", "dlnet_io")
mod = load(d + "/pt/model.py", "model")
model = mod.TiedGPT().eval()
# One parameter: the output projection IS the embedding.
assert [k for k in model.state_dict() if "tok" in k] == ["tok.weight"], list(model.state_dict())
mod.load_weights(model, io.read_safetensors(d + "/weights.safetensors")[0])
xs, _ = io.read_safetensors(d + "/tokens.safetensors")
with torch.no_grad():
    y = model(torch.from_numpy(xs["tokens"]))
io.write_safetensors(d + "/logits.safetensors", {"logits": y.float()})
`,
    );
    expectOk(await python([join(dir, "drive.py"), dir]), "drive.py");
    const got = readTensors(join(dir, "logits.safetensors")).tensors.get("logits")!;
    expect(got.shape).toEqual(trained!.logits.shape);
    let worst = 0;
    for (let i = 0; i < got.data.length; i++) worst = Math.max(worst, Math.abs(got.data[i] - trained!.logits.data[i]) / Math.max(1, Math.abs(trained!.logits.data[i])));
    expect(worst).toBeLessThan(1e-4);
  });
});
