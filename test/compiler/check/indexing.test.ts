// gather / index_select / x[idx], permute, einsum and the casts: what the
// checker accepts and what it says about bad uses (values are checked against
// PyTorch in test/compiler/lower/vocab-torch.test.ts).

import { describe, expect, it } from "vitest";
import { checkSources } from "./helpers";

const net = (out: string) =>
  `model Net {\n  input x: f32[batch, 5, 4]\n  input l: i32[batch, 3]\n  input i: i32[batch, 5, 2]\n  output y = ${out}\n}\n`;

const errors = (out: string) =>
  checkSources(net(out))
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);

const typeOf = (out: string) => {
  const r = checkSources(net(out));
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  const t = r.elaborate("Net")!.outputs[0].type;
  return `${t.dtype}[${t.shape.join(", ")}]`;
};

describe("indexing by integer tensors", () => {
  it("x[idx] replaces the indexed dim by the index's shape", () => {
    expect(typeOf("x[l]")).toBe("f32[batch, 3, 5, 4]");
    expect(typeOf("x[:, l[0]]")).toBe("f32[batch, 3, 4]");
    expect(typeOf("x[..., 1:3, l]")).toBe("f32[batch, 2, batch, 3]");
    expect(typeOf("index_select(x, -1, l[0])")).toBe("f32[batch, 5, 3]");
    expect(typeOf("gather(x, 2, i)")).toBe("f32[batch, 5, 2]");
    expect(typeOf("x -> gather(1, i)")).toBe("f32[batch, 5, 2]");
  });

  it("refuses float and bool indices, two tensor indices, and an int mixed with a tensor", () => {
    expect(errors("x[f32(l)]")).toEqual(["DL3003 an index tensor must be i32, found f32: use i32(idx)"]);
    expect(errors("x[:, x[0, 0] > 0.0]")[0]).toMatch(/^DL3003 an index tensor must be i32, found bool: a bool mask would select a data-dependent number of elements/);
    expect(errors("x[l, l]")).toEqual(["DL3009 only one tensor index is allowed; index one dim at a time (x[i][:, j])"]);
    expect(errors("x[0, :, l]")).toEqual(["DL3009 an int index and a tensor index together are ambiguous; index in two steps (x[0][:, idx])"]);
  });

  it("gather needs an i32 index of x's rank that fits in x", () => {
    expect(errors("gather(x, 1, l)")[0]).toMatch(/^DL3002 gather\(x, 1, l\): index \[batch, 3\] must have the rank of x \[batch, 5, 4\]/);
    expect(errors("gather(x, 1, f32(i))")[0]).toMatch(/^DL3003 .*needs an i32 index tensor but receives f32/);
    expect(errors("gather(x, 1, concat(i, i, i, dim: 2))")[0]).toMatch(/index \[batch, 5, 6\] is larger than x \[batch, 5, 4\] in dimension 2/);
    expect(errors("gather(x, 3, i)")[0]).toMatch(/^DL3008 .*dim 3 is out of range/);
  });
});

describe("permute, einsum, casts", () => {
  it("permute takes a permutation of every dim", () => {
    expect(typeOf("permute(x, 2, 0, 1)")).toBe("f32[4, batch, 5]");
    expect(typeOf("x -> permute([0, -1, 1])")).toBe("f32[batch, 4, 5]");
    expect(errors("permute(x, 0, 1)")[0]).toMatch(/^DL3008 .*dims \(0, 1\) are not a permutation of the 3 dims of \[batch, 5, 4\]/);
    expect(errors("permute(x, 0, 1, 1)")[0]).toMatch(/not a permutation/);
  });

  it("einsum checks its equation against the operands", () => {
    expect(typeOf('einsum("bij,bkj->bik", x, x)')).toBe("f32[batch, 5, 5]");
    expect(typeOf('einsum("bij,bij", x, x)')).toBe("f32[]");
    expect(typeOf('einsum("bij", x)')).toBe("f32[batch, 5, 4]");
    expect(errors('einsum("bij,bjk->bik", x, x)')[0]).toMatch(/'j' is 4 in operand 0 but 5 in operand 1 \[batch, 5, 4\]/);
    expect(errors('einsum("ij,jk->ik", x, x)')[0]).toMatch(/operand 0 'ij' names 2 dims but is \[batch, 5, 4\]/);
    expect(errors('einsum("...ij->...ji", x)')[0]).toMatch(/ellipsis\) is not supported/);
    expect(errors('einsum("bii->bi", x)')[0]).toMatch(/'i' appears twice in 'bii'/);
    expect(errors('einsum("bij,bij->bz", x, x)')[0]).toMatch(/output letter 'z' is in no operand/);
    expect(errors('einsum("bij->bi", x, x)')[0]).toMatch(/the equation has 1 operand but 2 tensors are given/);
    expect(errors('einsum("bij->bi", l)')[0]).toMatch(/^DL3002|^DL3003/);
  });

  it("casts are f32, i32, bool; torch's methods point to them", () => {
    expect(typeOf("f32(l)")).toBe("f32[batch, 3]");
    expect(typeOf("x -> i32")).toBe("i32[batch, 5, 4]");
    expect(typeOf("bool(l)")).toBe("bool[batch, 3]");
    expect(errors("l.float()")[0]).toMatch(/^DL3009 a tensor has no member '\.float' .*; casts are functions: f32\(x\) or x -> f32/);
    expect(errors("x.long()")[0]).toMatch(/casts are functions: i32\(x\)/);
    expect(errors("x.permute(0, 2, 1)")[0]).toMatch(/call it as a function: permute\(x, …\)/);
  });
});
