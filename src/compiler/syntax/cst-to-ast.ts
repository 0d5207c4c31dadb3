// CST → AST. One visit method per grammar rule (validateVisitor() checks that
// none is missing). The CST may have holes where the parser recovered from an
// error: a missing expression becomes an `Error` expression, a declaration,
// statement or setting without its name is left out (its syntax error has
// already been reported). Nothing here throws on user input.

import type { CstNode, IToken } from "chevrotain";
import { BaseCstVisitor } from "../../../grammar/parser";
import { AS_PRECEDENCE, BINARY_PRECEDENCE, VALID_NUMBER, VALID_STRING } from "../../../grammar/tokens";
import type * as C from "../../../grammar/cst";
import type { Span } from "../source";
import type * as A from "./ast";

/** A token that was really in the text (not invented by recovery). */
function real(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

export function tokSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/** The span of a CST node, from its location or (after recovery) its real tokens. */
export function nodeSpan(node: CstNode): Span | undefined {
  const loc = node.location;
  if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
    return { start: loc.startOffset, end: (loc.endOffset as number) + 1 };
  }
  let start = Infinity;
  let end = -Infinity;
  for (const list of Object.values(node.children)) {
    for (const child of list) {
      const s = "children" in child ? nodeSpan(child) : real(child) ? tokSpan(child) : undefined;
      if (s) {
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
      }
    }
  }
  return start <= end ? { start, end } : undefined;
}

/** Where a missing operand belongs: just after `t` (usually `=` or an operator), else `fallback`. */
function after(t: IToken | undefined, fallback: number): number {
  return real(t) ? t.startOffset + t.image.length : fallback;
}

/** Applies the pending operators that bind at least as tightly as `minPrec`. */
export function reduce(operands: A.Expr[], ops: { op: IToken; prec: number }[], minPrec: number): void {
  while (ops.length && ops[ops.length - 1].prec >= minPrec) {
    const { op } = ops.pop()!;
    const right = operands.pop()!;
    const left = operands.pop()!;
    operands.push(combine(op, left, right));
  }
}

/** `left op right`; a `->` makes a pipe (see pipeOnto). */
function combine(op: IToken, left: A.Expr, right: A.Expr): A.Expr {
  if (op.image === "->" || op.tokenType.name === "Arrow") return pipeOnto(left, right);
  const opSpan = real(op) ? tokSpan(op) : { start: left.span.end, end: left.span.end };
  return { kind: "Binary", op: op.image as A.BinaryOp, opSpan, left, right, span: join(left.span, right.span) };
}

/**
 * `left -> right`: a Pipe on the left (made by the same expression's
 * operators: a parenthesised one is a Paren, so stays whole) gets a stage
 * more. Its stages are a new list of the exact length (one grown in place
 * would reserve 17 slots at its third stage).
 */
export function pipeOnto(left: A.Expr, right: A.Expr): A.Expr {
  let stages: A.Expr[];
  if (left.kind === "Pipe") {
    const n = left.stages.length;
    stages = new Array(n + 1);
    for (let k = 0; k < n; k++) stages[k] = left.stages[k];
    stages[n] = right;
  } else stages = [left, right];
  return { kind: "Pipe", stages, span: join(left.span, right.span) };
}

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function ident(t: IToken | undefined): A.Ident | undefined {
  return real(t) ? { kind: "Ident", name: t.image, span: tokSpan(t) } : undefined;
}

function unescape(body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) =>
    c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c,
  );
}


class AstBuilder extends BaseCstVisitor {
  /** The path the next program is built for (the builder is reused across files). */
  file = "";

  constructor() {
    super();
    this.validateVisitor();
  }

  /** Visits a child node, handing the method the node's span; a hole gives undefined. */
  private sub<R>(node: CstNode | undefined): R | undefined {
    if (!node) return undefined;
    const span = nodeSpan(node);
    if (!span) return undefined;
    return this.visit(node, span) as R | undefined;
  }

  /** An expression, or an empty Error expression at offset `hole` where recovery left a hole. */
  private expr(node: CstNode | undefined, hole: number): A.Expr {
    return this.sub<A.Expr>(node) ?? { kind: "Error", span: { start: hole, end: hole } };
  }

  private many<R>(nodes: CstNode[] | undefined): R[] {
    const out: R[] = [];
    for (const n of nodes ?? []) {
      const r = this.sub<R>(n);
      if (r) out.push(r);
    }
    return out;
  }

  // ------------------------------------------------------------ top level

  program(ctx: C.ProgramCstChildren, span: Span): A.Program {
    const decls = [
      ...this.many<A.Decl>(ctx.layerDecl),
      ...this.many<A.Decl>(ctx.opDecl),
      ...this.many<A.Decl>(ctx.trainDecl),
    ].sort((a, b) => a.span.start - b.span.start);
    return { kind: "Program", file: this.file, imports: this.many(ctx.importDecl), decls, span };
  }

  importDecl(ctx: C.ImportDeclCstChildren, span: Span): A.ImportDecl | undefined {
    const s = ctx.StringLiteral?.[0];
    if (!real(s)) return undefined;
    return { kind: "Import", path: stringValue(s.image), pathSpan: tokSpan(s), span };
  }

  layerDecl(ctx: C.LayerDeclCstChildren, span: Span): A.LayerDecl | undefined {
    const name = ident(ctx.Identifier?.[0]);
    if (!name) return undefined;
    const hparams = this.sub<A.HParam[]>(ctx.hparamList?.[0]) ?? [];
    const body = this.many<A.Stmt>(ctx.statement);
    return { kind: "Layer", isModel: ctx.Model !== undefined, name, hparams, body, span };
  }

  hparamList(ctx: C.HparamListCstChildren): A.HParam[] {
    return this.many(ctx.hparam);
  }

  hparam(ctx: C.HparamCstChildren, span: Span): A.HParam | undefined {
    const name = ident(ctx.name?.[0]);
    if (!name) return undefined;
    const hp: { -readonly [K in keyof A.HParam]: A.HParam[K] } = { kind: "HParam", name, span };
    const type = ident(ctx.type?.[0]);
    if (type) hp.type = type;
    if (ctx.Equals) hp.default = this.expr(ctx.expression?.[0], after(ctx.Equals[0], span.end));
    return hp;
  }

  opDecl(ctx: C.OpDeclCstChildren, span: Span): A.OpDecl | undefined {
    const name = ident(ctx.name?.[0]);
    if (!name) return undefined;
    const params = (ctx.params ?? []).map(ident).filter((p): p is A.Ident => p !== undefined);
    const body = this.expr(ctx.expression?.[0], after(ctx.Equals?.[0], span.end));
    return { kind: "Op", name, params, body, grads: this.many(ctx.gradRule), span };
  }

  gradRule(ctx: C.GradRuleCstChildren, span: Span): A.GradRule | undefined {
    const param = ident(ctx.Identifier?.[0]);
    if (!param) return undefined;
    return { kind: "Grad", param, value: this.expr(ctx.expression?.[0], after(ctx.Equals?.[0], span.end)), span };
  }

  trainDecl(ctx: C.TrainDeclCstChildren, span: Span): A.TrainDecl | undefined {
    const model = ident(ctx.Identifier?.[0]);
    if (!model) return undefined;
    return { kind: "Train", model, settings: this.many(ctx.setting), span };
  }

  setting(ctx: C.SettingCstChildren, span: Span): A.Setting | undefined {
    const key = ident(ctx.key?.[0]);
    if (!key) return undefined;
    const target = ident(ctx.target?.[0]);
    const value = this.expr(ctx.expression?.[0], after(ctx.Equals?.[0], span.end));
    return target ? { kind: "Setting", key, target, value, span } : { kind: "Setting", key, value, span };
  }

  // ------------------------------------------------------------ statements

  statement(ctx: C.StatementCstChildren): A.Stmt | undefined {
    return this.sub(ctx.inputStmt?.[0] ?? ctx.paramStmt?.[0] ?? ctx.outputStmt?.[0] ?? ctx.bindStmt?.[0]);
  }

  inputStmt(ctx: C.InputStmtCstChildren, span: Span): A.InputStmt | undefined {
    const name = ident(ctx.Identifier?.[0]);
    const type = this.sub<A.TensorTypeExpr>(ctx.tensorType?.[0]);
    if (!name || !type) return undefined;
    return { kind: "Input", name, type, span };
  }

  paramStmt(ctx: C.ParamStmtCstChildren, span: Span): A.ParamStmt | undefined {
    const name = ident(ctx.Identifier?.[0]);
    const type = this.sub<A.TensorTypeExpr>(ctx.tensorType?.[0]);
    if (!name || !type) return undefined;
    if (!ctx.Equals) return { kind: "Param", name, type, span };
    return { kind: "Param", name, type, init: this.expr(ctx.expression?.[0], after(ctx.Equals[0], span.end)), span };
  }

  outputStmt(ctx: C.OutputStmtCstChildren, span: Span): A.OutputStmt | undefined {
    const name = ident(ctx.Identifier?.[0]);
    if (!name) return undefined;
    const type = this.sub<A.TensorTypeExpr>(ctx.tensorType?.[0]);
    const value = this.expr(ctx.expression?.[0], after(ctx.Equals?.[0], span.end));
    return type ? { kind: "Output", name, type, value, span } : { kind: "Output", name, value, span };
  }

  bindStmt(ctx: C.BindStmtCstChildren, span: Span): A.BindStmt | undefined {
    const name = ident(ctx.Identifier?.[0]);
    if (!name) return undefined;
    return { kind: "Bind", name, value: this.expr(ctx.expression?.[0], after(ctx.Equals?.[0], span.end)), span };
  }

  tensorType(ctx: C.TensorTypeCstChildren, span: Span): A.TensorTypeExpr | undefined {
    const dtype = ident(ctx.dtype?.[0]);
    if (!dtype) return undefined;
    return { kind: "TensorType", dtype, dims: this.many(ctx.dims), span };
  }

  // ------------------------------------------------------------ expressions

  /**
   * Groups the flat `operand (op operand | as name)*` list by precedence
   * (operator-precedence parsing; all operators left associative). A chain of
   * `->` becomes one Pipe with every stage; `as` wraps everything to its left
   * that binds tighter than `->`.
   */
  expression(ctx: C.ExpressionCstChildren, span: Span): A.Expr {
    const operands: A.Expr[] = [this.expr(ctx.prefixed?.[0], span.start)];
    const ops: { op: IToken; prec: number }[] = [];
    for (const tail of ctx.tail ?? []) {
      const t = tail.children;
      const op = t.operator?.[0];
      if (op) {
        const prec = BINARY_PRECEDENCE[op.image] ?? BINARY_PRECEDENCE["->"];
        reduce(operands, ops, prec);
        ops.push({ op, prec });
        operands.push(this.expr(t.prefixed?.[0], after(op, operands[operands.length - 1].span.end)));
      } else {
        const name = ident(t.name?.[0]);
        if (!name) continue;
        reduce(operands, ops, AS_PRECEDENCE);
        const e = operands.pop()!;
        operands.push({ kind: "As", expr: e, name, span: join(e.span, name.span) });
      }
    }
    reduce(operands, ops, 0);
    return operands[0];
  }

  /** Read by expression (it needs the operands on its left); present for validateVisitor. */
  exprTail(_ctx: C.ExprTailCstChildren, _span: Span): undefined {
    return undefined;
  }

  /** Signs and a chain of `**` (see foldPowers). */
  prefixed(ctx: C.PrefixedCstChildren, span: Span): A.Expr {
    const segments: PowerSegment<IToken>[] = [{ signs: ctx.signs ?? [], operand: this.operand(ctx.signs, ctx.postfix?.[0], span.start) }];
    for (const p of ctx.powers ?? []) {
      const star = p.children.StarStar?.[0];
      const signs = p.children.signs ?? [];
      segments.push({ signs, star, operand: this.operand(signs, p.children.postfix?.[0], after(star, span.end)) });
    }
    return foldPowers(segments, CST_TOKENS);
  }

  /** The operand after `signs` (a hole just after the last sign, else at `start`). */
  private operand(signs: IToken[] | undefined, postfix: CstNode | undefined, start: number): A.Expr {
    return this.expr(postfix, signs?.length ? after(signs[signs.length - 1], start) : start);
  }

  /** Read by prefixed (it needs the whole chain); present for validateVisitor. */
  powerTail(_ctx: C.PowerTailCstChildren, _span: Span): undefined {
    return undefined;
  }

  postfix(ctx: C.PostfixCstChildren, span: Span): A.Expr {
    let e = this.expr(ctx.primary?.[0], span.start);
    for (const s of ctx.suffixes ?? []) {
      const sSpan = nodeSpan(s) ?? { start: e.span.end, end: e.span.end };
      const whole = join(e.span, sSpan);
      if (s.name === "callArgs") {
        e = { kind: "Call", callee: e, args: this.callArgs(s.children, sSpan), argsSpan: sSpan, span: whole };
      } else if (s.name === "member") {
        const property = ident(s.children.property?.[0]);
        if (property) e = { kind: "Member", object: e, property, span: whole };
      } else {
        e = { kind: "Index", object: e, items: this.index(s.children, sSpan), span: whole };
      }
    }
    return e;
  }

  callArgs(ctx: C.CallArgsCstChildren, _span: Span): A.Arg[] {
    return this.many(ctx.arg);
  }

  arg(ctx: C.ArgCstChildren, span: Span): A.Arg {
    const name = ident(ctx.name?.[0]);
    const value = this.expr(ctx.expression?.[0], after(ctx.Colon?.[0], span.start));
    return name ? { kind: "Arg", name, value, span } : { kind: "Arg", value, span };
  }

  /** Built inline by postfix (it needs the object); present for validateVisitor. */
  member(_ctx: C.MemberCstChildren, _span: Span): undefined {
    return undefined;
  }

  index(ctx: C.IndexCstChildren, _span: Span): A.IndexItem[] {
    return this.many(ctx.indexItem);
  }

  indexItem(ctx: C.IndexItemCstChildren, span: Span): A.IndexItem {
    if (ctx.Ellipsis) return { kind: "Ellipsis", span };
    const start = this.sub<A.Expr>(ctx.start?.[0]);
    const tail = ctx.sliceTail?.[0];
    if (!tail) return start ?? { kind: "Error", span };
    const t = tail.children;
    const slice: { -readonly [K in keyof A.SliceItem]: A.SliceItem[K] } = { kind: "Slice", span };
    if (start) slice.start = start;
    const end = this.sub<A.Expr>(t.end?.[0]);
    if (end) slice.end = end;
    const step = this.sub<A.Expr>(t.step?.[0]);
    if (step) slice.step = step;
    return slice;
  }

  /** Built inline by indexItem (it needs the start); present for validateVisitor. */
  sliceTail(_ctx: C.SliceTailCstChildren, _span: Span): undefined {
    return undefined;
  }

  primary(ctx: C.PrimaryCstChildren, span: Span): A.Expr {
    const num = ctx.NumberLiteral?.[0];
    if (num) {
      if (!real(num) || !VALID_NUMBER.test(num.image)) return { kind: "Error", span };
      return { kind: "Number", value: Number(num.image), isInt: /^\d+$/.test(num.image), text: num.image, span };
    }
    const str = ctx.StringLiteral?.[0];
    if (str) return { kind: "String", value: stringValue(str.image), span };
    if (ctx.True) return { kind: "Bool", value: true, span };
    if (ctx.False) return { kind: "Bool", value: false, span };
    const id = ctx.Identifier?.[0];
    if (id) return real(id) ? { kind: "Name", name: id.image, span } : { kind: "Error", span };
    return this.expr(ctx.list?.[0] ?? ctx.paren?.[0] ?? ctx.repeatExpr?.[0] ?? ctx.ifExpr?.[0], span.start);
  }

  list(ctx: C.ListCstChildren, span: Span): A.Expr {
    return { kind: "List", items: this.many(ctx.items), span };
  }

  paren(ctx: C.ParenCstChildren, span: Span): A.Expr {
    return { kind: "Paren", expr: this.expr(ctx.expression?.[0], after(ctx.LParen?.[0], span.end)), span };
  }

  repeatExpr(ctx: C.RepeatExprCstChildren, span: Span): A.Expr {
    const variable = ident(ctx.variable?.[0]);
    const count = this.expr(ctx.count?.[0], after(ctx.In?.[0] ?? ctx.LParen?.[0], span.end));
    const layer = this.expr(ctx.layer?.[0], after(ctx.Comma?.[0], span.end));
    return variable ? { kind: "Repeat", variable, count, layer, span } : { kind: "Repeat", count, layer, span };
  }

  ifExpr(ctx: C.IfExprCstChildren, span: Span): A.Expr {
    const cond = this.expr(ctx.cond?.[0], after(ctx.If?.[0], span.end));
    const then = this.expr(ctx.then?.[0], after(ctx.LCurly?.[0], span.end));
    const otherwise = ctx.elseIf?.[0] ? this.expr(ctx.elseIf[0], after(ctx.Else?.[0], span.end)) : this.expr(ctx.otherwise?.[0], after(ctx.LCurly?.[1], span.end));
    return { kind: "If", cond, then, otherwise, span };
  }
}

/** One `signs operand` of a power chain; `star` is the `**` before it (none for the first). */
export interface PowerSegment<T> {
  signs: readonly T[];
  star?: T;
  operand: A.Expr;
}

/** What foldPowers reads of a token (Chevrotain's, or a token run's index): a sign's kind, and its span when it is in the text (not invented by recovery). */
export interface PowerTokens<T> {
  isPlus(t: T): boolean;
  span(t: T): Span | undefined;
}

/**
 * `s0 p0 ** s1 p1 ** s2 p2` is `s0(p0 ** s1(p1 ** s2(p2)))`: signs wrap the
 * power to their right, `**` groups from the right.
 */
export function foldPowers<T>(segments: readonly PowerSegment<T>[], tokens: PowerTokens<T>): A.Expr {
  let right: A.Expr | undefined;
  for (let i = segments.length - 1; i >= 0; i--) {
    const { signs, operand } = segments[i];
    let e = operand;
    const star = segments[i + 1]?.star;
    if (right && star !== undefined) {
      const opSpan = tokens.span(star) ?? { start: e.span.end, end: e.span.end };
      e = { kind: "Binary", op: "**", opSpan, left: e, right, span: join(e.span, right.span) };
    }
    for (let k = signs.length - 1; k >= 0; k--) {
      const sign = signs[k];
      const start = tokens.span(sign)?.start ?? e.span.start;
      e = { kind: "Unary", op: tokens.isPlus(sign) ? "+" : "-", operand: e, span: { start, end: e.span.end } };
    }
    right = e;
  }
  return right!;
}

/** Chevrotain's tokens, for foldPowers. */
const CST_TOKENS: PowerTokens<IToken> = {
  isPlus: (t) => t.image === "+",
  span: (t) => (real(t) ? tokSpan(t) : undefined),
};

/** The value of a string token: quotes removed (the closing one may be missing), escapes resolved. */
export function stringValue(image: string): string {
  const closed = VALID_STRING.test(image);
  return unescape(image.slice(1, closed ? -1 : undefined));
}

const builder = new AstBuilder();

/** Builds the AST of a whole file from its `program` CST node. */
export function cstToAst(cst: CstNode | undefined, file: string, textLength: number): A.Program {
  const empty: A.Program = { kind: "Program", file, imports: [], decls: [], span: { start: 0, end: textLength } };
  if (!cst) return empty;
  builder.file = file;
  const p = builder.visit(cst, { start: 0, end: textLength }) as A.Program | undefined;
  return p ? { ...p, span: { start: 0, end: textLength } } : empty;
}
