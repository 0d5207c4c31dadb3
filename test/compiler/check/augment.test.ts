// `augment FIELD = [...]` in a train block: what the checker accepts (the
// transforms with their arguments resolved, the field's image layout) and the
// diagnostic of each way it can be wrong, with its position.

import { describe, expect, it } from "vitest";
import { checkSources } from "./helpers";

const MLP = `model Net {
  input  x: f32[batch, 784]
  output logits = x -> Linear(10)
}
`;
const mnistTrain = (augment: string) => `${MLP}train Net {
  data      = mnist(train: 100, test: 20)
${augment}
  feed x    = data.image
  loss      = cross_entropy(logits, data.label)
  optimizer = Adam()
}
`;

/** A safetensors file as the checker reads it: 8 bytes of length, then the JSON header. */
function safetensors(fields: Record<string, { dtype: string; shape: number[] }>): string {
  let offset = 0;
  const header: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const bytes = v.shape.reduce((a, b) => a * b, 1) * 4;
    header[k] = { ...v, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  return "\u0000".repeat(8) + JSON.stringify(header);
}

const tensorsTrain = (augment: string, shape: number[], feed = "x") => ({
  "main.dlnet": `model Net {
  input  x: f32[batch, ${shape.join(", ")}]
  output logits = x -> Flatten -> Linear(10)
}
train Net {
  data      = tensors("d.safetensors")
${augment}
  feed x    = data.${feed}
  loss      = cross_entropy(logits, data.y)
  optimizer = Adam()
}
`,
  "d.safetensors": safetensors({ x: { dtype: "F32", shape: [10, ...shape] }, y: { dtype: "I64", shape: [10] } }),
});

/** Code, line:column and message of each diagnostic. */
function diags(files: Record<string, string> | string) {
  const r = checkSources(files);
  return r.diagnostics.map((d) => {
    const text = typeof files === "string" ? files : files["main.dlnet"];
    const before = text.slice(0, d.span.start).split("\n");
    return `${d.code} ${before.length}:${before[before.length - 1].length + 1} ${d.message}`;
  });
}

describe("augment in a train block", () => {
  it("resolves torchvision's arguments: crop padding forms, flips, noise; mnist's image is 1×28×28", () => {
    const r = checkSources(mnistTrain("  augment image = [crop(28, padding: [1, 2]), hflip(), vflip(0.25), noise(0.1, mean: 0.5), crop([28, 28], padding: [1, 2, 3, 4], fill: 0.5)]"));
    expect(r.diagnostics).toEqual([]);
    expect(r.elaborateTrain("Net")!.augment).toEqual([
      {
        field: "image",
        layout: [1, 28, 28],
        steps: [
          { kind: "crop", size: [28, 28], padding: [1, 2, 1, 2], fill: 0 },
          { kind: "hflip", p: 0.5 },
          { kind: "vflip", p: 0.25 },
          { kind: "noise", std: 0.1, mean: 0.5 },
          { kind: "crop", size: [28, 28], padding: [1, 2, 3, 4], fill: 0.5 },
        ],
      },
    ]);
    // No augment: nothing in the spec.
    expect(checkSources(mnistTrain("")).elaborateTrain("Net")!.augment).toBeUndefined();
  });

  it("takes the layout from a [C, H, W] or [H, W] field, or from view(...) for a flat one", () => {
    const chw = checkSources(tensorsTrain("  augment x = [crop(8, padding: 1)]", [3, 8, 8]));
    expect(chw.diagnostics).toEqual([]);
    expect(chw.elaborateTrain("Net")!.augment![0].layout).toEqual([3, 8, 8]);
    const hw = checkSources(tensorsTrain("  augment x = [crop([6, 5], padding: 1)]", [6, 5]));
    expect(hw.diagnostics).toEqual([]);
    expect(hw.elaborateTrain("Net")!.augment![0].layout).toEqual([1, 6, 5]);
    const flat = checkSources(tensorsTrain("  augment x = [view(2, 4, 6), hflip(0.5)]", [48]));
    expect(flat.diagnostics).toEqual([]);
    expect(flat.elaborateTrain("Net")!.augment).toEqual([{ field: "x", layout: [2, 4, 6], steps: [{ kind: "hflip", p: 0.5 }] }]);
  });

  it("reports each mistake where it is", () => {
    expect(diags(mnistTrain("  augment image = [crop(40, padding: 4), hflp(0.5), noise(std: 0.1, sigma: 2)]"))).toEqual([
      "DL4010 7:20 crop size 40×40 is larger than the padded image: data.image is 28×28, 36×36 with padding 4",
      "DL4003 7:42 unknown augmentation 'hflp'; did you mean 'hflip'? (crop, hflip, vflip, noise, view)",
      "DL2004 7:69 noise has no argument 'sigma' (arguments: std, mean)",
    ]);
    expect(diags(mnistTrain("  augment image = [crop(24)]"))).toEqual([
      "DL4010 7:20 crop size 24×24 differs from the image's 28×28: training images would be 24×24 while held-out data (never augmented) stays 28×28; crop to 28 and let padding shift the image (torchvision's RandomCrop(28, padding=4))",
    ]);
    expect(diags(mnistTrain("  augment image = [crop(28, padding: [1, 2, 3]), hflip(1.5), noise(-1), crop(28, \"4\")]"))).toEqual([
      "DL4010 7:20 crop padding is an int ≥ 0, [left/right, top/bottom] or [left, top, right, bottom], found [1, 2, 3]",
      "DL4010 7:50 hflip p is a probability in [0, 1], found 1.5",
      "DL4010 7:62 noise std must be ≥ 0, found -1",
      'DL3005 7:82 crop: \'padding\' must be an int or a list of ints, found "4"',
    ]);
    expect(diags(mnistTrain("  augment label = [noise(0.1)]\n  augment imag = [hflip]\n  augment image = [hflip]\n  augment image = [vflip]"))).toEqual([
      "DL4010 7:11 augment transforms images, but data.label is i32[] per sample (an f32 image field is needed)",
      "DL4005 8:11 data has no field 'imag'; did you mean 'image'? (fields: image, label)",
      "DL2002 10:11 'augment image' is already set in this train block",
    ]);
    expect(diags(mnistTrain("  augment = [hflip]"))).toEqual([
      "DL4003 7:3 augment names the data field it transforms: 'augment image = [crop(28, padding: 4), hflip(0.5)]'",
    ]);
    expect(diags(mnistTrain("  augment image = [hflip, 3]"))).toEqual([
      "DL4003 7:27 augment lists transforms such as crop(28, padding: 4), hflip(0.5), noise(0.1) (crop, hflip, vflip, noise, view)",
    ]);
  });

  it("needs a known layout: a flat field without view(...), a view that does not fit or is not first", () => {
    const d = (augment: string, shape: number[]) => diags(tensorsTrain(augment, shape));
    expect(d("  augment x = [hflip(0.5)]", [48])).toEqual([
      "DL4010 7:11 data.x is f32[48] per sample: its image layout is not known; start the list with the layout, e.g. view(1, H, W) or view(C, H, W) for 48 values",
    ]);
    expect(d("  augment x = [view(1, 7, 7), hflip(0.5)]", [48])).toEqual([
      "DL4010 7:16 view(1, 7, 7) holds 49 values but data.x has 48 per sample (f32[48])",
    ]);
    expect(d("  augment x = [hflip(0.5), view(1, 6, 8)]", [48])).toEqual(["DL4010 7:28 view(...) declares the field's layout, so it comes first in the list"]);
    expect(d("  augment x = [view(4, 3, 2, 2)]", [48])).toEqual([
      "DL4010 7:16 view takes the image's C, H, W (or H, W for one channel), each at least 1; found view(4, 3, 2, 2)",
    ]);
    // [H, W] view: one channel.
    expect(d("  augment x = [view(6, 8), crop(6, padding: 1)]", [48])).toEqual([
      "DL4010 7:28 crop size 6×6 differs from the image's 6×8: training images would be 6×6 while held-out data (never augmented) stays 6×8; crop to [6, 8] and let padding shift the image (torchvision's RandomCrop((6, 8), padding=4))",
    ]);
  });

  it("checks the transforms even when the data's fields are not known", () => {
    const files = tensorsTrain("  augment x = [hfilp(0.5)]", [48]);
    delete (files as Record<string, string>)["d.safetensors"];
    const got = diags(files);
    expect(got.some((m) => m.startsWith("DL4003 7:16 unknown augmentation 'hfilp'; did you mean 'hflip'?"))).toBe(true);
  });
});
