// User `op`s as Python. An op without `grad` rules is a plain function (torch
// differentiates its body, as dlnet does). An op with rules is a
// torch.autograd.Function whose backward is the rules, each gradient summed
// back to its operand's shape (a rule may give the broadcast shape); an
// operand without a rule is differentiated through the body, as in dlnet.
// One definition per op and operand types (the body was elaborated for
// them); definitions that come out the same are written once.

import type { EOpApply, ENode } from "../../check/elaborated";
import { PyWriter, type Scope } from "./expr";
import { indent, isPyKeyword, NotExpressible, pyIdent } from "./python";

const SUM_TO = `
def _sum_to(g, like):
    """A gradient as a tensor shaped like the operand: a broadcast gradient is summed back."""
    g = torch.as_tensor(g, dtype=like.dtype, device=like.device)
    g = g.expand(torch.broadcast_shapes(g.shape, like.shape))
    while g.dim() > like.dim():
        g = g.sum(0)
    for i, n in enumerate(like.shape):
        if n == 1 and g.shape[i] != 1:
            g = g.sum(i, keepdim=True)
    return g
`.trim();

export class OpWriter {
  private readonly defs: string[] = [];
  private readonly byText = new Map<string, string>();
  private readonly byApp = new Map<EOpApply, string>();
  private needSumTo = false;

  constructor(private readonly used: Set<string>) {}

  /** The Python function that applies `e` (`swish`), defined on first use. */
  callable(e: EOpApply): string {
    const hit = this.byApp.get(e);
    if (hit) return hit;
    const name = this.define(e);
    this.byApp.set(e, name);
    return name;
  }

  definitions(): string[] {
    return this.needSumTo ? [SUM_TO, ...this.defs] : this.defs;
  }

  private writeExpr(e: ENode, params: readonly string[], at: ENode, withDy: boolean): { lines: string[]; value: string } {
    const scope: Scope = {
      input: () => {
        throw new NotExpressible("an op body refers to a model input", at.file, at.span);
      },
      param: () => {
        throw new NotExpressible("an op body refers to a parameter", at.file, at.span);
      },
      module: () => {
        throw new NotExpressible("an op body applies a layer", at.file, at.span);
      },
      userCall: () => undefined,
      opArg: (i) => params[i],
      gradIn: withDy ? () => "dy" : undefined,
      opCall: (inner) => this.callable(inner),
    };
    const w = new PyWriter(scope, new Map(), "t");
    w.countUses([e]);
    const value = w.value(e);
    return { lines: w.lines, value };
  }

  private define(e: EOpApply): string {
    const base = e.op.name.name;
    const params = e.op.params.map((p) => pyIdent(p.name));
    const sig = params.join(", ");
    const body = this.writeExpr(e.body, params, e, false);
    const hasRules = e.grads.some((g) => g !== undefined);
    const key = (name: string) => `${name}|${sig}|${body.lines.join(";")}|${body.value}|${e.grads.map((g) => (g ? this.writeExpr(g, params, e, true).value : "-")).join(";")}`;
    const cached = this.byText.get(key(base));
    if (cached) return cached;
    const fname = this.fresh(base);
    const doc = `"""op ${base}(${e.op.params.map((p) => p.name).join(", ")}) from the .dlnet file."""`;
    if (!hasRules) {
      this.defs.push([`def ${fname}(${sig}):`, ...indent([doc, ...body.lines, `return ${body.value}`])].join("\n"));
      this.byText.set(key(base), fname);
      return fname;
    }
    this.needSumTo = true;
    const bodyName = `_${fname}_body`;
    const cls = this.fresh(`${fname.charAt(0).toUpperCase()}${fname.slice(1)}Function`);
    const backward: string[] = [`${sig}, = ctx.saved_tensors`];
    const derived = e.grads.some((g) => g === undefined);
    if (derived) {
      // Operands without a rule: differentiate the body, as dlnet does.
      backward.push(
        "with torch.enable_grad():",
        ...indent([
          `leaves = [a.detach().requires_grad_(a.is_floating_point()) for a in (${sig},)]`,
          `out = ${bodyName}(*leaves)`,
          "auto = torch.autograd.grad(out, [a for a in leaves if a.requires_grad], dy, allow_unused=True)",
          "auto = iter(auto)",
          "auto = [next(auto) if a.requires_grad else None for a in leaves]",
        ]),
      );
    }
    const grads: string[] = [];
    e.grads.forEach((g, i) => {
      if (!g) {
        grads.push(`auto[${i}]`);
        return;
      }
      const r = this.writeExpr(g, params, e, true);
      backward.push(...r.lines, `grad_${params[i]} = _sum_to(${r.value}, ${params[i]})`);
      grads.push(`grad_${params[i]}`);
    });
    backward.push(`return ${grads.join(", ")}`);
    this.defs.push(
      [
        `def ${bodyName}(${sig}):`,
        ...indent([...body.lines, `return ${body.value}`]),
        "",
        "",
        `class ${cls}(torch.autograd.Function):`,
        ...indent([
          `"""op ${base} with the derivative the .dlnet file gives (its \`grad\` rules)."""`,
          "",
          "@staticmethod",
          `def forward(ctx, ${sig}):`,
          ...indent([`ctx.save_for_backward(${sig})`, `return ${bodyName}(${sig})`]),
          "",
          "@staticmethod",
          "def backward(ctx, dy):",
          ...indent(backward),
        ]),
        "",
        "",
        `def ${fname}(${sig}):`,
        ...indent([doc, `return ${cls}.apply(*(a if torch.is_tensor(a) else torch.tensor(a, dtype=torch.get_default_dtype()) for a in (${sig},)))`]),
      ].join("\n"),
    );
    this.byText.set(key(base), fname);
    return fname;
  }

  private fresh(base: string): string {
    let n = base;
    for (let k = 2; this.used.has(n) || isPyKeyword(n); k++) n = `${base}_${k}`;
    this.used.add(n);
    return n;
  }
}
