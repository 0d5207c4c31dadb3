// Train blocks: named values (`ce = cross_entropy(...)`), the model's bindings read
// by its name (`Vae.mu`, not only outputs, and not exported), named metrics
// (`metric acc = ...`), and the diagnostics around them. The numbers these give
// are checked against PyTorch in test/compiler/codegen/pytorch/train-step.test.ts.

import { describe, expect, it } from "vitest";
import { lowerModel, lowerTrain } from "../../../src/compiler/lower";
import { checkSources, codes } from "./helpers";

const VAE = `model Vae {
  input  x: f32[batch, 784]
  h      = x -> Linear(32) -> ReLU
  mu     = h -> Linear(4)
  logvar = h -> Linear(4)
  z      = mu + exp(0.5 * logvar) * randn_like(mu)
  output recon = z -> Linear(784) -> Sigmoid
}
`;
const train = (body: string) => `${VAE}train Vae {
  data      = mnist(train: 100, test: 20)
  feed x    = data.image
  optimizer = Adam(lr: 1e-3)
${body}
}
`;
const GOOD = train(`  rec       = 784 * bce(Vae.recon, data.image)
  kl        = -0.5 * mean(sum(1 + Vae.logvar - Vae.mu * Vae.mu - exp(Vae.logvar), dim: 1))
  loss      = rec + kl
  metric kl_term = kl
  metrics   = [rec, mean(recon)]`);

describe("train block named values and model bindings", () => {
  it("reads the model's bindings and named values; metrics keep their names in order", () => {
    const r = checkSources(GOOD);
    expect(r.diagnostics).toEqual([]);
    const spec = r.elaborateTrain(r.trains[0])!;
    expect(spec.metrics.map((m) => m.name)).toEqual(["kl_term", "rec", "mean"]);
    // The loss graph reads mu and logvar from the same forward as recon (one Linear each, shared).
    const lowered = lowerTrain(spec);
    expect(lowered.metrics).toEqual(["kl_term", "rec", "mean"]);
    expect(lowered.graph.outputs.map((o) => o.name)).toEqual(["loss", "kl_term", "rec", "mean"]);
    const matmuls = lowered.graph.nodes().filter((n) => n.op === "matmul" || n.op === "gemm" || n.op === "linear");
    expect(matmuls.length).toBe(4);
    // The inference export has the model's outputs only.
    expect(lowerModel(spec.model, { mode: "eval" }).graph.outputs.map((o) => o.name)).toEqual(["recon"]);
  });

  it("names the value a model lacks, with a suggestion", () => {
    const r = checkSources(GOOD.replace("Vae.mu * Vae.mu", "Vae.mu * Vae.muu"));
    expect(codes(r)).toEqual(["DL2001"]);
    expect(r.diagnostics[0].message).toBe("model Vae has no value 'muu'; did you mean 'mu'? (values: h, mu, logvar, z, recon, x)");
  });

  it("warns about a named value nothing uses; a misspelt missing setting stays DL4002", () => {
    const r = checkSources(GOOD.replace("loss      = rec + kl", "loss      = rec + kl\n  unused = kl * 2.0").replace("optimizer = ", "optimzer = "));
    expect(codes(r).sort()).toEqual(["DL2010", "DL4001", "DL4002"]);
    expect(r.diagnostics.find((d) => d.code === "DL4002")!.message).toBe("unknown train setting 'optimzer'; did you mean 'optimizer'?");
    expect(r.diagnostics.find((d) => d.code === "DL2010")!.message).toContain("'unused' is never used");
  });

  it("refuses a value used before its definition, a duplicate name, a duplicate metric and a non-tensor value", () => {
    // Named values are evaluated in order; the settings (loss, metrics) see them all.
    const early = checkSources(GOOD.replace("loss      = rec + kl", "a = b * 2.0\n  b = kl\n  loss = rec + a"));
    expect(codes(early)).toEqual(["DL2001"]);
    expect(early.diagnostics[0].message).toContain("'b'");
    expect(codes(checkSources(GOOD.replace("loss      = rec + kl", "loss      = rec + kl\n  rec = kl")))).toEqual(["DL2002"]);
    expect(codes(checkSources(GOOD.replace("metrics   = [rec, mean(recon)]", "metrics   = [rec, mean(recon)]\n  metric rec = kl")))).toEqual(["DL2002"]);
    expect(codes(checkSources(GOOD.replace("metric kl_term = kl", "metric kl_term = kl\n  metric kl_term = rec")))).toEqual(["DL2002"]);
    expect(codes(checkSources(GOOD.replace("loss      = rec + kl", "loss      = rec + kl\n  layer_value = Vae")))).toContain("DL3009");
    expect(codes(checkSources(GOOD.replace("metric kl_term = kl", "metric kl_term = Vae.h")))).toEqual(["DL3001"]);
  });
});

describe("a model input read by the loss", () => {
  // `feed x = data.image` reshapes [batch, 784] to x's [batch, 1, 28, 28]; the loss's `x` is the
  // input as the model sees it (as in PyTorch, `F.mse_loss(recon, x)`), `data.image` the field.
  const AE = (loss: string) => `model Ae {
  input  x: f32[batch, 1, 28, 28]
  output recon = x -> Conv2d(4, kernel: 3, stride: 2, padding: 1) -> ReLU
    -> ConvTranspose2d(1, kernel: 3, stride: 2, padding: 1, output_padding: 1) -> Sigmoid
}
train Ae {
  data      = mnist(train: 100, test: 20)
  feed x    = data.image
  loss      = ${loss}
  optimizer = Adam(lr: 1e-3)
}
`;
  it("has the input's shape, by its name and as Model.x, and lowers to the fed input", () => {
    for (const loss of ["mse(recon, x)", "mse(recon, Ae.x)", "mse(reshape(recon, [batch, 784]), data.image)"]) {
      const r = checkSources(AE(loss));
      expect(r.diagnostics, loss).toEqual([]);
      const lowered = lowerTrain(r.elaborateTrain(r.trains[0])!);
      // One data input (x, fed from data.image), whatever name the loss used.
      expect(lowered.dataInputs, loss).toEqual([{ input: "x", field: "image" }]);
    }
  });

  it("the field keeps its own shape: comparing it with the image is a shape error at check", () => {
    const r = checkSources(AE("mse(recon, data.image)"));
    expect(codes(r)).toEqual(["DL3001"]);
    expect(r.diagnostics[0].message).toContain("[batch, 1, 28, 28] and [batch, 784]");
  });
});

describe("parameter groups", () => {
  const NET = (groups: string, optimizer = "AdamW(lr: 1e-2, weight_decay: 0.1)") => `model Net {
  input  x: f32[batch, 784]
  output logits = x -> Linear(16) -> LayerNorm -> ReLU -> Linear(10) as head
}
train Net {
  data      = mnist(train: 100, test: 20)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = ${optimizer}
  groups    = ${groups}
}
`;
  it("resolves globs to parameter paths; the first group that matches a parameter has it", () => {
    const r = checkSources(NET(`[group("*.bias|*norm*", weight_decay: 0), group("head.*", lr: 0.05)]`));
    expect(r.diagnostics).toEqual([]);
    const spec = r.elaborateTrain(r.trains[0])!;
    expect(spec.groups).toEqual([
      { patterns: ["*.bias|*norm*"], params: ["linear_0.bias", "layer_norm_0.weight", "layer_norm_0.bias", "head.bias"], weightDecay: 0 },
      { patterns: ["head.*"], params: ["head.weight"], lr: 0.05 },
    ]);
    // Several globs as arguments are the same as one with '|'.
    const two = checkSources(NET(`group("*.bias", "layer_norm_?.weight", weight_decay: 0)`));
    expect(two.elaborateTrain(two.trains[0])!.groups[0].params).toEqual(["linear_0.bias", "layer_norm_0.weight", "layer_norm_0.bias", "head.bias"]);
  });

  it("names a glob that matches nothing, an item that is not a group, a bad argument", () => {
    const none = checkSources(NET(`[group("*.bais", weight_decay: 0)]`));
    expect(codes(none)).toEqual(["DL2001"]);
    expect(none.diagnostics[0].message).toBe("group pattern '*.bais' matches no trainable parameter of Net (parameters: linear_0.weight, linear_0.bias, layer_norm_0.weight, layer_norm_0.bias, head.weight, head.bias)");
    expect(codes(checkSources(NET(`[{params: "*.bias"}]`))).length).toBeGreaterThan(0);
    expect(codes(checkSources(NET(`["*.bias"]`)))).toEqual(["DL4003"]);
    expect(codes(checkSources(NET(`[group("*.bias", momentum: 0.9)]`)))).toEqual(["DL2004"]);
    expect(codes(checkSources(NET(`[group(weight_decay: 0)]`)))).toEqual(["DL2005"]);
    expect(codes(checkSources(NET(`[group("*.bias", lr: -1.0)]`)))).toEqual(["DL3005"]);
    expect(codes(checkSources(NET(`[group("*.bias", lr: 0.1)]`, "SGD(lr: 0.0)")))).toEqual(["DL3005"]);
  });
});

describe("schedule arguments", () => {
  const T = (schedule: string, more = "") => `model Net {
  input  x: f32[batch, 784]
  output logits = x -> Linear(10)
}
train Net {
  data      = mnist(train: 100, test: 20)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = SGD(lr: 0.1)
  schedule  = ${schedule}
${more}
}
`;
  it("accepts onecycle and multistep, and says what is wrong with their arguments", () => {
    expect(codes(checkSources(T(`onecycle(pct_start: 0.25, anneal_strategy: "linear", three_phase: true)`)))).toEqual([]);
    expect(codes(checkSources(T(`multistep(milestones: [10, 20], gamma: 0.5, warmup: 5)`)))).toEqual([]);
    const bad = checkSources(T(`onecycle(pct_start: 1.5, anneal_strategy: "cosine")`));
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      "onecycle: pct_start must be between 0 and 1, found 1.5",
      'onecycle: anneal_strategy must be "cos" or "linear", found "cosine"',
    ]);
    expect(checkSources(T(`multistep(milestones: [20, 10])`)).diagnostics.map((d) => d.message)).toEqual(["multistep: milestones must be increasing non-negative step numbers, found [20, 10]"]);
    expect(codes(checkSources(T(`multistep(gamma: 0.5)`)))).toEqual(["DL2005"]);
  });

  it("accepts plateau on the loss or a metric, and says what is wrong with its arguments", () => {
    expect(codes(checkSources(T(`plateau(factor: 0.5, patience: 2, threshold: 1e-3, threshold_mode: "abs", cooldown: 1, min_lr: 1e-5)`)))).toEqual([]);
    expect(codes(checkSources(T(`plateau(mode: "max", monitor: "accuracy")`, "  metrics = [accuracy(logits, data.label)]")))).toEqual([]);
    const bad = checkSources(T(`plateau(factor: 1.5, mode: "maximum", threshold_mode: "relative", patience: -1, monitor: "acuracy")`, "  metrics = [accuracy(logits, data.label)]"));
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      "plateau: factor must be between 0 and 1, found 1.5",
      'plateau: threshold_mode must be "rel" or "abs", found "relative"',
      "plateau: patience must be >= 0, found -1",
      'plateau: mode must be "min" or "max", found "maximum"',
      'plateau: monitor must be "loss" or a metric of this train block (loss, accuracy), found "acuracy"; did you mean "accuracy"?',
    ]);
    expect(codes(checkSources(T(`plateau(patience: 2.5)`)))).toEqual(["DL3005"]); // an int argument given a float
  });
});

describe("validation, early stopping, keep_best", () => {
  const T = (settings: string) => `model Net {
  input  x: f32[batch, 784]
  output logits = x -> Linear(10)
}
train Net {
  data      = mnist(train: 100, test: 20)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  metrics   = [accuracy(logits, data.label)]
  optimizer = SGD(lr: 0.1)
${settings}
}
`;
  const specOf = (settings: string) => {
    const r = checkSources(T(settings));
    return { r, spec: r.diagnostics.some((d) => d.severity === "error") ? undefined : r.elaborateTrain(r.trains[0]) };
  };
  it("reads validate, EarlyStopping and keep_best into the train spec", () => {
    const { r, spec } = specOf(`  validate = 0.1\n  early_stopping = EarlyStopping(patience: 4, min_delta: 1e-3, monitor: "accuracy", mode: "max")\n  keep_best = true`);
    expect(codes(r)).toEqual([]);
    expect(spec).toMatchObject({ validate: 0.1, earlyStopping: { patience: 4, minDelta: 1e-3, monitor: "accuracy", mode: "max" }, keepBest: true });
    expect(specOf(`  validate = 20\n  early_stopping = EarlyStopping()`).spec).toMatchObject({ validate: 20, earlyStopping: { patience: 3, minDelta: 0, monitor: "loss", mode: "min" } });
  });
  it("says what is wrong with them", () => {
    const msgs = (s: string) => checkSources(T(s)).diagnostics.map((d) => d.message);
    expect(msgs(`  validate = 1.5`)).toEqual(["validate must be a fraction of the train split in (0, 1) such as 0.1, or a whole number of samples, found the float 1.5"]);
    expect(msgs(`  validate = 0`)).toEqual(["validate must be a fraction of the train split in (0, 1) such as 0.1, or a whole number of samples, found the int 0"]);
    expect(msgs(`  early_stopping = EarlyStopping(patience: 0, min_delta: -1.0, monitor: "acuracy")`)).toEqual([
      "EarlyStopping: patience must be >= 1, found 0",
      "EarlyStopping: min_delta must be >= 0, found -1",
      'EarlyStopping: monitor must be "loss" or a metric of this train block (loss, accuracy), found "acuracy"; did you mean "accuracy"?',
    ]);
    expect(codes(checkSources(T(`  early_stopping = Stop(patience: 2)`)))).toEqual(["DL4003"]);
    expect(codes(checkSources(T(`  early_stopping = EarlyStopping(wait: 2)`)))).toEqual(["DL2004"]);
    expect(msgs(`  keep_best = 1`)).toEqual(["keep_best must be true or false, found the int 1"]);
    expect(msgs(`  ema = 1.0`)).toEqual(["ema must be a decay between 0 and 1 such as 0.999, found the float 1"]);
    expect(specOf(`  ema = 0.99`).spec).toMatchObject({ ema: 0.99 });
  });
});
