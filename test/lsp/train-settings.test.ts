// The editor knows every train setting the checker knows (one table,
// TRAIN_SETTINGS): each is offered at a statement start of a train block
// until written (or again, for the per-target ones), and hovered with its doc.

import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/compiler/check/train";
import { memoryHost } from "../../src/compiler/check/program";
import { analyze } from "../../src/lsp/analysis";
import { completion } from "../../src/lsp/features/completion";
import { hover } from "../../src/lsp/features/hover";

const text = `model Net {
  input  x: f32[batch, 784]
  output logits = x -> Linear(10)
}
train Net {
  data      = mnist(train: 100, test: 20)
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam()
  ema       = 0.999
  metric acc = accuracy(logits, data.label)
}
`;

describe("train settings in the editor", () => {
  const a = analyze("/w/main.dlnet", text, memoryHost({ "/w/main.dlnet": text }));
  const offered = completion(a, text.indexOf("  loss") + 2);

  it("offers every setting the checker accepts that is not written yet, and the per-target ones again", () => {
    const written = ["data", "loss", "optimizer", "ema"];
    expect(SETTINGS).toEqual(expect.arrayContaining(["validate", "early_stopping", "keep_best", "groups", "metric", "augment"]));
    expect(offered.map((c) => c.label).sort()).toEqual(SETTINGS.filter((s) => !written.includes(s)).sort());
    expect(offered.find((c) => c.label === "metric")?.insertText).toBe("metric ${1:name} = $0");
    expect(offered.find((c) => c.label === "feed")?.insertText).toBe("feed ${1:input} = data.$0");
  });

  it("hovers a setting with its doc", () => {
    expect(JSON.stringify(hover(a, text.indexOf("ema") + 1))).toContain("moving average");
  });
});
