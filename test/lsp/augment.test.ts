// The editor on `augment FIELD = [...]`: the checker's diagnostics with their
// ranges and quick fix, the transforms offered inside the list, hover and
// signature help on a transform.

import { describe, expect, it } from "vitest";
import { memoryHost } from "../../src/compiler/check/program";
import { analyze } from "../../src/lsp/analysis";
import { codeActions } from "../../src/lsp/features/code-actions";
import { completion } from "../../src/lsp/features/completion";
import { toLspDiagnostics } from "../../src/lsp/features/diagnostics";
import { hover } from "../../src/lsp/features/hover";
import { signatureHelp } from "../../src/lsp/features/signature-help";

const text = (augment: string) => `model Net {
  input  x: f32[batch, 784]
  output logits = x -> Linear(10)
}
train Net {
  data      = mnist(train: 100, test: 20)
  augment image = ${augment}
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam()
}
`;

function open(augment: string) {
  const t = text(augment);
  return { t, a: analyze("/w/main.dlnet", t, memoryHost({ "/w/main.dlnet": t })) };
}

describe("augment in the editor", () => {
  it("reports the checker's diagnostics at the transform, with the did-you-mean fix", () => {
    const { a } = open("[crop(40, padding: 4), hflp(0.5)]");
    const diags = toLspDiagnostics(a);
    expect(diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character])).toEqual([
      ["DL4010", 6, 19, 39],
      ["DL4003", 6, 41, 45],
    ]);
    const actions = codeActions(a, { textDocument: { uri: "file:///w/main.dlnet" }, range: diags[1].range, context: { diagnostics: [diags[1]] } });
    expect(JSON.stringify(actions)).toContain('"newText":"hflip"');
  });

  it("offers the transforms in the list, and shows a transform's signature and doc", () => {
    const { t, a } = open("[crop(28, padding: 4), ]");
    const at = t.indexOf(", ]") + 2;
    const names = completion(a, at).map((c) => c.label);
    expect(names).toEqual(expect.arrayContaining(["crop", "hflip", "vflip", "noise", "view"]));
    const h = JSON.stringify(hover(a, t.indexOf("crop(") + 1));
    expect(h).toContain("crop(size: ints, padding: ints = 0, fill: float = 0)");
    expect(h).toContain("RandomCrop");
    const sig = signatureHelp(a, t.indexOf("padding"));
    expect(sig?.signatures[0].label).toBe("crop(size: ints, padding: ints = 0, fill: float = 0)");
    // At a statement start: the setting (again: one per field), as a snippet.
    const setting = completion(a, t.indexOf("  feed") + 2).find((c) => c.label === "augment");
    expect(setting?.insertText).toBe("augment ${1:image} = [$0]");
  });
});
