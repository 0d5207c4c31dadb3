// Every example checks clean, elaborates to the expected parameters, and its
// train block resolves; plus speed and robustness over example-derived input.

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../../../src/compiler/diagnostics";
import { describe, expect, it } from "vitest";
import { checkFile, renderDiagnostics, type ENode, type ModelInstance } from "../../../src/compiler/check";
import { checkSources, diskHost, ROOT } from "./helpers";

const EXAMPLES = path.join(ROOT, "examples");
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".dlnet")).sort();

function params(m: ModelInstance): string[] {
  return m.parameters.map((p) => `${p.path} [${p.shape.join(", ")}]${p.buffer ? " buffer" : ""}`);
}

function check(name: string) {
  return checkFile(path.join(EXAMPLES, name), diskHost());
}

describe("examples", () => {
  it("exist", () => expect(files.length).toBeGreaterThanOrEqual(5));

  for (const f of files) {
    it(`${f} checks clean and elaborates every model and train block`, () => {
      const r = check(f);
      // The one expected warning: a fine-tuning example's weights are made by
      // running its pre-training example first.
      const pending = (d: Diagnostic) => d.code === "DL4009";
      expect(renderDiagnostics(r.diagnostics.filter((d) => !pending(d)), r.files)).toBe("");
      for (const m of r.models) {
        const e = r.elaborate(m);
        expect(e, m).toBeDefined();
        expect(e!.outputs.length).toBeGreaterThan(0);
        for (const p of e!.parameters) expect(p.shape.every((d) => Number.isInteger(d) && d > 0)).toBe(true);
      }
      for (const t of r.trains) expect(r.elaborateTrain(t), t).toBeDefined();
    });
  }

  it("SimpleNet: linear_0 784→128, linear_1 128→10", () => {
    const m = check("mnist_mlp.dlnet").elaborate("SimpleNet")!;
    expect(params(m)).toEqual(["linear_0.weight [128, 784]", "linear_0.bias [128]", "linear_1.weight [10, 128]", "linear_1.bias [10]"]);
    expect(m.inputs).toMatchObject([{ name: "x", type: { dtype: "f32", shape: ["batch", 784] } }]);
    expect(m.outputs[0].type).toEqual({ dtype: "f32", shape: ["batch", 10] });
    const out = m.outputs[0].value;
    expect(out.kind).toBe("apply");
    const lin = (out as Extract<ENode, { kind: "apply" }>).instance;
    expect(lin.kind === "builtin" && lin.args).toMatchObject({ in_features: 128, out_features: 10, bias: true });
    expect(m.parameters[0].init).toMatchObject({ kind: "kaiming_uniform", fanIn: 784 });
  });

  it("MnistCNN: convs, the residual block's scope, BatchNorm buffers, flatten size", () => {
    const m = check("mnist_cnn.dlnet").elaborate("MnistCNN")!;
    expect(params(m)).toEqual([
      "conv2d_0.weight [16, 1, 3, 3]",
      "conv2d_0.bias [16]",
      "res_block_0.conv2d_0.weight [16, 16, 3, 3]",
      "res_block_0.conv2d_0.bias [16]",
      "res_block_0.batch_norm_0.weight [16]",
      "res_block_0.batch_norm_0.bias [16]",
      "res_block_0.batch_norm_0.running_mean [16] buffer",
      "res_block_0.batch_norm_0.running_var [16] buffer",
      "res_block_0.conv2d_1.weight [16, 16, 3, 3]",
      "res_block_0.conv2d_1.bias [16]",
      "res_block_0.batch_norm_1.weight [16]",
      "res_block_0.batch_norm_1.bias [16]",
      "res_block_0.batch_norm_1.running_mean [16] buffer",
      "res_block_0.batch_norm_1.running_var [16] buffer",
      "conv2d_1.weight [32, 16, 3, 3]",
      "conv2d_1.bias [32]",
      "linear_0.weight [10, 1568]",
      "linear_0.bias [10]",
    ]);
    const rb = m.instances.get("res_block_0")!;
    expect(rb.kind === "user" && rb.hparams).toEqual({ ch: 16 });
  });

  it("TinyGPT: repeat copies with their own weights, attention layout", () => {
    const m = check("tiny_gpt.dlnet").elaborate("TinyGPT")!;
    const p = params(m);
    expect(p.slice(0, 2)).toEqual(["embedding_0.weight [96, 128]", "positional_embedding_0.weight [64, 128]"]);
    expect(p).toContain("repeat_0.3.multi_head_attention_0.in_proj_weight [384, 128]");
    expect(p).toContain("repeat_0.0.multi_head_attention_0.out_proj.weight [128, 128]");
    expect(p).toContain("repeat_0.2.linear_0.weight [512, 128]");
    expect(p.slice(-4)).toEqual(["layer_norm_0.weight [128]", "layer_norm_0.bias [128]", "linear_0.weight [96, 128]", "linear_0.bias [96]"]);
    expect(p.length).toBe(2 + 4 * 12 + 4);
    expect(m.outputs[0].type).toEqual({ dtype: "f32", shape: ["batch", 64, 96] });
    const rep = m.instances.get("repeat_0")!;
    expect(rep.kind).toBe("repeat");
    expect(m.instances.get("repeat_0.1")!.kind).toBe("user");
  });

  it("TinyGPT with overrides", () => {
    const r = check("tiny_gpt.dlnet");
    const m = r.elaborate("TinyGPT", { d: 64, n: 2 })!;
    expect(params(m)).toContain("repeat_0.1.multi_head_attention_0.in_proj_weight [192, 64]");
    expect(m.instances.has("repeat_0.2")).toBe(false);
    // 64 is not divisible into 3 heads... d: 30 with heads 4 fails: 30 % 4 != 0.
    const bad = r.elaborateWithDiagnostics("TinyGPT", { d: 30 });
    expect(bad.model).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.code)).toContain("DL3001");
    const typo = r.elaborateWithDiagnostics("TinyGPT", { dd: 64 });
    expect(typo.model).toBeUndefined();
    expect(typo.diagnostics.map((d) => d.message)).toEqual(["model TinyGPT has no hyperparameter 'dd'; did you mean 'd'?"]);
    expect(r.elaborateWithDiagnostics("TinyGPT", { d: 2.5 }).diagnostics.map((d) => d.code)).toEqual(["DL3005"]);
  });

  it("CharLSTM: LSTM gate layout; the train block binds T to the text context", () => {
    const m = check("char_lstm.dlnet").elaborate("CharLSTM")!;
    expect(params(m)).toEqual([
      "embedding_0.weight [96, 64]",
      "lstm_0.weight_ih_l0 [512, 64]",
      "lstm_0.weight_hh_l0 [512, 128]",
      "lstm_0.bias_ih_l0 [512]",
      "lstm_0.bias_hh_l0 [512]",
      "linear_0.weight [96, 128]",
      "linear_0.bias [96]",
    ]);
    expect(m.outputs[0].type.shape).toEqual(["batch", "T", 96]);
  });

  it("SwishMLP: the op application carries its body and grad", () => {
    const m = check("swish.dlnet").elaborate("SwishMLP")!;
    const seen: ENode[] = [];
    const walk = (n: ENode | undefined): void => {
      if (!n) return;
      seen.push(n);
      if (n.kind === "apply") walk(n.input);
      if (n.kind === "op") n.args.forEach(walk);
    };
    walk(m.outputs[0].value);
    const op = seen.find((n) => n.kind === "op");
    expect(op?.kind === "op" && op.op.name.name).toBe("swish");
    if (op?.kind !== "op") return;
    expect(op.type).toEqual({ dtype: "f32", shape: ["batch", 128] });
    expect(op.body.kind).toBe("binary");
    expect(op.grads[0]?.type).toEqual({ dtype: "f32", shape: ["batch", 128] });
  });

  it("train specs", () => {
    const t = check("mnist_mlp.dlnet").elaborateTrain("SimpleNet")!;
    expect(t.data).toMatchObject({ source: "mnist", args: { train: 9000, test: 1000 } });
    expect(t.feeds).toEqual([{ input: "x", field: "image", fieldShape: [784], inputShape: [784] }]);
    expect(t.loss.type).toEqual({ dtype: "f32", shape: [] });
    expect(t.loss.kind === "call" && t.loss.fn.name).toBe("cross_entropy");
    expect(t.optimizer).toEqual({ name: "Adam", args: { lr: 1e-3, betas: undefined, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0 } });
    expect(t.schedule).toEqual({ name: "cosine", args: { warmup: 100, min_lr: 0 } });
    expect([t.batch, t.epochs, t.seed, t.accumulate]).toEqual([32, 10, 42, 1]);
    expect(t.metrics.map((m) => m.name)).toEqual(["accuracy"]);
    expect(t.batchDim).toBe("batch");
    const cnn = check("mnist_cnn.dlnet").elaborateTrain("MnistCNN")!;
    expect(cnn.feeds).toEqual([{ input: "x", field: "image", fieldShape: [784], inputShape: [1, 28, 28] }]);
  });
});

describe("speed and robustness", () => {
  const sources = files.map((f) => readFileSync(path.join(EXAMPLES, f), "utf8"));

  it("checks a 2,000-line file of renamed example declarations clean (its speed: bench/)", () => {
    // 31 renamed copies of every example's layers, models and ops (train blocks dropped).
    const declared = [...new Set(sources.flatMap((s) => [...s.matchAll(/^(?:model|layer|op)\s+(\w+)/gm)].map((m) => m[1])))];
    const rename = new RegExp(`\\b(${declared.join("|")})\\b`, "g");
    const parts: string[] = [];
    for (let i = 0; i < 31; i++) {
      for (const s of sources) parts.push(s.replace(/^import .*$/gm, "").replace(/train\s+\w+\s*\{[^}]*\}/g, "").replace(rename, `$1_${i}`));
    }
    const text = parts.join("\n");
    expect(text.split("\n").length).toBeGreaterThanOrEqual(1900);
    const r = checkFile("big.dlnet", { readFile: () => text });
    expect(r.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    expect(r.models.length).toBe(31 * sources.reduce((n, x) => n + (x.match(/^model\s/gm)?.length ?? 0), 0));
  });

  it("never throws on random mutations of the examples", () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ["->", "(", ")", "[", "]", ",", ":", "=", "Linear(", "x", "1", "-1", "...", "repeat(", " as ", "@", "+", "{", "}", "input", "output", "layer", "\n", "f32[", "0.5", "dim:", "data.", "\"s\""];
    for (let i = 0; i < 400; i++) {
      let s = sources[rand(sources.length)];
      const edits = 1 + rand(6);
      for (let e = 0; e < edits; e++) {
        const at = rand(s.length + 1);
        const k = rand(3);
        if (k === 0) s = s.slice(0, at) + s.slice(at + 1 + rand(8));
        else if (k === 1) s = s.slice(0, at) + pieces[rand(pieces.length)] + s.slice(at);
        else {
          const from = rand(s.length);
          s = s.slice(0, at) + s.slice(from, from + rand(20)) + s.slice(at);
        }
      }
      const r = checkSources(s);
      for (const m of r.models) r.elaborate(m);
      for (const t of r.trains) r.elaborateTrain(t);
      renderDiagnostics(r.diagnostics, r.files);
    }
  });
});
