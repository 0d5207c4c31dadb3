// Compile-time control flow: `if cond { a } else { b }` chooses a branch from
// hyperparameters and sizes (only the branch taken is shape-checked and built;
// the other is checked for names), and `repeat(w in [...], L(w))` stacks one
// copy per item, the copies free to change the shape. Checked by the shapes and
// parameters they produce, and by the reference backend running the result.

import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/compiler/check";
import { checkSources, codes } from "./helpers";

function clean(src: string): CheckResult {
  const r = checkSources(src);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r;
}

const BLOCK = `
layer Block(width: int, stride: int = 1) {
  input x: f32[batch, channels, h, w]
  y = x -> Conv2d(width, kernel: 3, stride: stride, padding: 1)
  shortcut = if stride != 1 or channels != width {
    x -> Conv2d(width, kernel: 1, stride: stride) as proj
  } else {
    x
  }
  output out = y + shortcut
}
`;

/** Parameter paths and shapes of model Net, sorted. */
function params(r: CheckResult): string[] {
  return r.elaborate("Net")!.parameters.map((p) => `${p.path} [${p.shape.join(",")}]`).sort();
}

describe("if", () => {
  it("adds a projection only where the block changes stride or width", () => {
    const r = clean(`${BLOCK}
model Net {
  input x: f32[batch, 4, 8, 8]
  output y = x -> Block(4) as same -> Block(8) as wider -> Block(8, stride: 2) as down
}`);
    expect(params(r)).toEqual([
      "down.conv2d_0.bias [8]", "down.conv2d_0.weight [8,8,3,3]", "down.proj.bias [8]", "down.proj.weight [8,8,1,1]",
      "same.conv2d_0.bias [4]", "same.conv2d_0.weight [4,4,3,3]",
      "wider.conv2d_0.bias [8]", "wider.conv2d_0.weight [8,4,3,3]", "wider.proj.bias [8]", "wider.proj.weight [8,4,1,1]",
    ]);
    const t = r.elaborate("Net")!.outputs[0].type;
    expect(t.shape).toEqual(["batch", 8, 4, 4]);
  });

  it("does not shape-check the branch not taken, but resolves its names", () => {
    // With stride 1 and equal widths, the projection branch would be fine anyway; here the
    // branch not taken is ill-shaped (x @ x on a 4-d tensor of non-square sizes) and must stay silent.
    const src = (cond: string) => `
model Net(p: bool = ${cond}) {
  input x: f32[batch, 3, 5]
  output y = if p { x @ x } else { x * 2.0 }
}`;
    expect(clean(src("false")).elaborate("Net")!.outputs[0].type.shape).toEqual(["batch", 3, 5]);
    expect(codes(checkSources(src("true")))).toEqual(["DL3001"]);
    const unknown = checkSources(`model Net {\n  input x: f32[b, 4]\n  output y = if 1 == 1 { x } else { x -> Lineer(4) }\n}`);
    expect(unknown.diagnostics.map((d) => d.message)).toEqual(["unknown layer or function 'Lineer'; did you mean 'Linear'?"]);
  });

  it("chooses layers as well as tensors, and chains else-if", () => {
    const r = clean(`
model Net(act: string = "gelu") {
  input x: f32[b, 4]
  f = if act == "relu" { ReLU } else if act == "gelu" { GELU } else { Tanh }
  output y = x -> Linear(6) -> f
}`);
    const m = r.elaborate("Net")!;
    expect(JSON.stringify(m.outputs[0].value)).toContain("GELU");
    expect(JSON.stringify(m.outputs[0].value)).not.toContain("ReLU");
  });

  it("refuses a condition that is not a compile-time bool, and mixed branches", () => {
    const msg = (body: string) =>
      checkSources(`model Net(n: int = 2) {\n  input x: f32[b, 4]\n  ${body}\n}`)
        .diagnostics.filter((d) => d.severity === "error")
        .map((d) => `${d.code} ${d.message}`);
    expect(msg("output y = if x > 0.0 { x } else { -x }")).toEqual([
      expect.stringMatching(/^DL3005 'if' chooses at compile time: .*found a tensor.*use where\(cond, a, b\)/),
    ]);
    expect(msg("output y = if n { x } else { x }")).toEqual([expect.stringMatching(/^DL3005 'if' chooses at compile time: .*found the int 2/)]);
    expect(msg("output y = x -> if n == 2 { ReLU } else { x }")[0]).toMatch(/^DL3009 both branches of 'if' must be layers or both tensors/);
    expect(msg("output y = x * if n == 2 and x { 1.0 } else { 2.0 }")[0]).toMatch(/^DL3009 'and' combines compile-time bools/);
  });
});

describe("repeat over a list", () => {
  it("builds one copy per item, each with its own weights, widths growing", () => {
    const r = clean(`${BLOCK}
model Net {
  input x: f32[batch, 4, 8, 8]
  output y = x -> repeat(w in [4, 8, 16], Block(w, stride: if w == 4 { 1 } else { 2 }))
}`);
    const ps = params(r);
    expect(ps).toContain("repeat_0.0.conv2d_0.weight [4,4,3,3]");
    expect(ps).toContain("repeat_0.1.proj.weight [8,4,1,1]");
    expect(ps).toContain("repeat_0.2.conv2d_0.weight [16,8,3,3]");
    expect(ps.filter((p) => p.startsWith("repeat_0.0.proj"))).toEqual([]);
    expect(r.elaborate("Net")!.outputs[0].type.shape).toEqual(["batch", 16, 2, 2]);
  });

  it("says what is wrong with the list", () => {
    const msg = (list: string) => checkSources(`model Net {\n  input x: f32[b, 4]\n  output y = x -> repeat(w in ${list}, Linear(w))\n}`).diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(msg("[]")).toEqual([expect.stringMatching(/^DL3005 repeat over 'w' needs a non-empty list .*found an empty list/)]);
    expect(msg("4")).toEqual([expect.stringMatching(/^DL3005 repeat over 'w' needs a non-empty list .*found the int 4/)]);
    expect(msg("[4, 8]")).toEqual([]);
  });
});
