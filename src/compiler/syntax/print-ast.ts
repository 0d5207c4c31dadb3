// The AST as indented text: one node per line, `Kind details line:col-line:col`
// (the end column is exclusive), children indented below, labelled where the
// role is not obvious from the kind. Used by `dlnet compile --emit ast` and
// the golden tests, so the format is stable: change it only with the baselines.

import type { SourceFile, Span } from "../source";
import type * as A from "./ast";

export function printAst(program: A.Program, file: SourceFile): string {
  const lines: string[] = [];
  const at = (s: Span) => {
    const a = file.position(s.start);
    const b = file.position(s.end);
    return `${a.line}:${a.column}-${b.line}:${b.column}`;
  };
  const line = (depth: number, label: string | undefined, head: string, span: Span): void => {
    lines.push(`${"  ".repeat(depth)}${label ? label + ": " : ""}${head} ${at(span)}`);
  };
  const q = (s: string) => JSON.stringify(s);

  const tensorType = (d: number, label: string, t: A.TensorTypeExpr) => {
    line(d, label, `TensorType ${t.dtype.name}`, t.span);
    t.dims.forEach((e) => expr(d + 1, undefined, e));
  };

  const expr = (d: number, label: string | undefined, e: A.IndexItem): void => {
    switch (e.kind) {
      case "Number":
        return line(d, label, `Number ${e.text}${e.isInt ? " int" : ""}`, e.span);
      case "String":
        return line(d, label, `String ${q(e.value)}`, e.span);
      case "Bool":
        return line(d, label, `Bool ${e.value}`, e.span);
      case "Name":
        return line(d, label, `Name ${e.name}`, e.span);
      case "Error":
        return line(d, label, "Error", e.span);
      case "Ellipsis":
        return line(d, label, "Ellipsis", e.span);
      case "List":
        line(d, label, `List (${e.items.length})`, e.span);
        return e.items.forEach((x) => expr(d + 1, undefined, x));
      case "Paren":
        line(d, label, "Paren", e.span);
        return expr(d + 1, undefined, e.expr);
      case "Unary":
        line(d, label, `Unary ${e.op}`, e.span);
        return expr(d + 1, undefined, e.operand);
      case "Binary":
        line(d, label, `Binary ${e.op}`, e.span);
        expr(d + 1, "left", e.left);
        return expr(d + 1, "right", e.right);
      case "Pipe":
        line(d, label, `Pipe (${e.stages.length} stages)`, e.span);
        return e.stages.forEach((x) => expr(d + 1, undefined, x));
      case "Call":
        line(d, label, `Call (${e.args.length} args)`, e.span);
        expr(d + 1, "callee", e.callee);
        for (const a of e.args) {
          line(d + 1, undefined, a.name ? `Arg ${a.name.name}:` : "Arg", a.span);
          expr(d + 2, undefined, a.value);
        }
        return;
      case "Member":
        line(d, label, `Member .${e.property.name}`, e.span);
        return expr(d + 1, undefined, e.object);
      case "Index":
        line(d, label, `Index (${e.items.length} items)`, e.span);
        expr(d + 1, "object", e.object);
        return e.items.forEach((x) => expr(d + 1, undefined, x));
      case "Slice":
        line(d, label, "Slice", e.span);
        if (e.start) expr(d + 1, "start", e.start);
        if (e.end) expr(d + 1, "end", e.end);
        if (e.step) expr(d + 1, "step", e.step);
        return;
      case "As":
        line(d, label, `As ${e.name.name}`, e.span);
        return expr(d + 1, undefined, e.expr);
      case "Repeat":
        line(d, label, e.variable ? `Repeat ${e.variable.name} in` : "Repeat", e.span);
        expr(d + 1, e.variable ? "items" : "count", e.count);
        return expr(d + 1, "layer", e.layer);
      case "If":
        line(d, label, "If", e.span);
        expr(d + 1, "cond", e.cond);
        expr(d + 1, "then", e.then);
        return expr(d + 1, "else", e.otherwise);
    }
  };

  const stmt = (d: number, s: A.Stmt) => {
    switch (s.kind) {
      case "Input":
        line(d, undefined, `Input ${s.name.name}`, s.span);
        return tensorType(d + 1, "type", s.type);
      case "Param":
        line(d, undefined, `Param ${s.name.name}`, s.span);
        tensorType(d + 1, "type", s.type);
        if (s.init) expr(d + 1, "init", s.init);
        return;
      case "Output":
        line(d, undefined, `Output ${s.name.name}`, s.span);
        if (s.type) tensorType(d + 1, "type", s.type);
        return expr(d + 1, "value", s.value);
      case "Bind":
        line(d, undefined, `Bind ${s.name.name}`, s.span);
        return expr(d + 1, "value", s.value);
    }
  };

  line(0, undefined, `Program ${q(program.file)}`, program.span);
  for (const i of program.imports) line(1, undefined, `Import ${q(i.path)}`, i.span);
  for (const decl of program.decls) {
    switch (decl.kind) {
      case "Layer":
        line(1, undefined, `${decl.isModel ? "Model" : "Layer"} ${decl.name.name}`, decl.span);
        for (const h of decl.hparams) {
          line(2, undefined, `HParam ${h.name.name}${h.type ? ": " + h.type.name : ""}`, h.span);
          if (h.default) expr(3, "default", h.default);
        }
        decl.body.forEach((s) => stmt(2, s));
        break;
      case "Op":
        line(1, undefined, `Op ${decl.name.name}(${decl.params.map((p) => p.name).join(", ")})`, decl.span);
        expr(2, "body", decl.body);
        for (const g of decl.grads) {
          line(2, undefined, `Grad ${g.param.name}`, g.span);
          expr(3, undefined, g.value);
        }
        break;
      case "Train":
        line(1, undefined, `Train ${decl.model.name}`, decl.span);
        for (const s of decl.settings) {
          line(2, undefined, `Setting ${s.key.name}${s.target ? " " + s.target.name : ""}`, s.span);
          expr(3, undefined, s.value);
        }
        break;
    }
  }
  return lines.join("\n") + "\n";
}
