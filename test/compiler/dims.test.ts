// The one shape algebra (src/compiler/dims.ts): canonical forms checked
// against plain integer arithmetic on random expressions, and the bug that two
// spellings of one product caused between the checker and the IR.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addDims, broadcastShapes, canonDim, convOutDim, convTransposeOutDim, divDims, evalDim, floorDivDims, mulDims,
  productOf, subDims, type Dim,
} from "../../src/compiler/dims";
import { checkSources } from "./check/helpers";
import { rng } from "./lower/harness";
import { dlnetInProcess } from "../cli/run-cli";

type Expr = { k: "sym"; name: string } | { k: "num"; v: number } | { k: "+" | "-" | "*"; a: Expr; b: Expr } | { k: "/"; a: Expr; by: number };

const SYMS = ["B", "H", "W", "T"];

function randomExpr(r: () => number, depth: number): Expr {
  if (depth === 0 || r() < 0.25)
    return r() < 0.6 ? { k: "sym", name: SYMS[Math.floor(r() * SYMS.length)] } : { k: "num", v: Math.floor(r() * 7) };
  const k = (["+", "-", "*", "/"] as const)[Math.floor(r() * 4)];
  if (k === "/") return { k, a: randomExpr(r, depth - 1), by: 1 + Math.floor(r() * 4) };
  return { k, a: randomExpr(r, depth - 1), b: randomExpr(r, depth - 1) };
}

/** The oracle: integer arithmetic with floor division. */
function value(e: Expr, env: Record<string, number>): number {
  switch (e.k) {
    case "sym":
      return env[e.name];
    case "num":
      return e.v;
    case "+":
      return value(e.a, env) + value(e.b, env);
    case "-":
      return value(e.a, env) - value(e.b, env);
    case "*":
      return value(e.a, env) * value(e.b, env);
    case "/":
      return Math.floor(value(e.a, env) / e.by);
  }
}

function build(e: Expr): Dim {
  switch (e.k) {
    case "sym":
      return e.name;
    case "num":
      return e.v;
    case "+":
      return addDims(build(e.a), build(e.b));
    case "-":
      return subDims(build(e.a), build(e.b));
    case "*":
      return mulDims(build(e.a), build(e.b));
    case "/":
      return floorDivDims(build(e.a), e.by);
  }
}

/** The expression as a user writes it, fully parenthesised. */
function text(e: Expr): string {
  switch (e.k) {
    case "sym":
      return e.name;
    case "num":
      return String(e.v);
    case "/":
      return `(${text(e.a)})/${e.by}`;
    default:
      return `(${text(e.a)})${e.k}(${text(e.b)})`;
  }
}

/** Swap the operands of every + and * : the same value, another spelling. */
function commute(e: Expr): Expr {
  switch (e.k) {
    case "+":
    case "*":
      return { k: e.k, a: commute(e.b), b: commute(e.a) };
    case "-":
      return { k: e.k, a: commute(e.a), b: commute(e.b) };
    case "/":
      return { k: e.k, a: commute(e.a), by: e.by };
    default:
      return e;
  }
}

describe("dims: canonical sums and products", () => {
  it("spells equal sums and products one way", () => {
    expect(addDims("T", "T")).toBe("2*T");
    expect(mulDims(mulDims(4, "H"), "W")).toBe(productOf([4, "H", "W"]));
    expect(productOf(["W", 4, "H"])).toBe("4*H*W");
    expect(subDims(addDims("H", 2), "H")).toBe(2);
    expect(canonDim("(4*H)*W")).toBe("4*H*W");
    expect(divDims("4*H*W", "H")).toBe("4*W");
    expect(divDims("T", 2)).toBeUndefined();
    expect(convOutDim("H", 3, 2, 0)).toBe("(H-3)/2+1");
    expect(convOutDim("H", 3, 1, 1)).toBe("H");
    expect(convTransposeOutDim("H", 2, 2, 0, 0)).toBe("2*H");
    expect(broadcastShapes(["B", "(4*H)*W"], ["B", "4*H*W"])).toEqual({ shape: ["B", "(4*H)*W"] });
    expect(broadcastShapes(["B", "H"], ["B", "W"])).toEqual({ failure: { axisFromEnd: -1, a: "H", b: "W" } });
  });

  it("agrees with integer arithmetic on random expressions, and commuted spellings agree", () => {
    const r = rng(12);
    for (let t = 0; t < 400; t++) {
      const e = randomExpr(r, 4);
      const d = build(e);
      expect(canonDim(text(e)), text(e)).toBe(d);
      expect(build(commute(e)), text(e)).toBe(d);
      expect(canonDim(d)).toBe(d); // canonical is a fixed point
      for (let k = 0; k < 3; k++) {
        const env = Object.fromEntries(SYMS.map((s) => [s, 1 + Math.floor(r() * 30)]));
        expect(evalDim(d, env), `${text(e)} = ${d} at ${JSON.stringify(env)}`).toBe(value(e, env) + 0); // + 0: the oracle may give -0
      }
    }
  });
});

describe("the checker and the IR spell a flattened shape the same way", () => {
  const SRC = `model M {
  input x: f32[B, 4, H, W]
  a = x -> Flatten(start_dim: 1, end_dim: 2) -> Flatten
  b = x -> Flatten
  output y = a + b
}
`;
  it("checks clean and compiles to IR", async () => {
    expect(checkSources(SRC).diagnostics).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "dlnet-dims-"));
    try {
      writeFileSync(join(dir, "m.dlnet"), SRC);
      const r = await dlnetInProcess(["compile", join(dir, "m.dlnet"), "--emit", "ir"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("4*H*W");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
