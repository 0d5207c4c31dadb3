// The parser's fast path: a recursive-descent reading of the grammar of
// grammar/parser.ts that builds the AST straight from the tokens, for token
// runs without any syntax error. It gives up (undefined) at the first token
// the grammar does not allow there, and then the Chevrotain parser reads the
// same tokens: it stays the grammar of record, and every syntax error, its
// message and its recovery come from it alone.
//
// On a clean file both must give the same AST (the same decisions, taken in
// the same order, over an unambiguous grammar); test/compiler/syntax/clean-parse
// checks that on the examples, their fuzzed mutations and generated programs.
// Chevrotain's CST costs ~5 objects per token and a visitor pass; this builds
// only the AST (a 2,000-line file: ~60 ms → a few ms).

import type { IToken, TokenType } from "chevrotain";
import * as T from "../../../grammar/tokens";
import type { Span } from "../source";
import type * as A from "./ast";
import { foldPowers, join, reduce, stringValue, tokSpan } from "./cst-to-ast";

/** Thrown (never escapes) at the first token the grammar does not allow. */
const GIVE_UP: unique symbol = Symbol("give up");

function inCategory(category: TokenType): Set<TokenType> {
  return new Set(T.allTokens.filter((t) => t.CATEGORIES?.includes(category)));
}
const BINARY = inCategory(T.BinaryOp);
const SIGN = inCategory(T.AddOp);
const ANY_NAME = inCategory(T.AnyName);
/** What may start an expression (FIRST of `expression`). */
const EXPR_FIRST = new Set<TokenType>([
  ...SIGN, T.NumberLiteral, T.StringLiteral, T.True, T.False, T.Identifier, T.LBracket, T.LParen, T.Repeat, T.If,
]);
const ARG_FIRST = new Set<TokenType>([...EXPR_FIRST, ...ANY_NAME]);
const INDEX_FIRST = new Set<TokenType>([...EXPR_FIRST, T.Ellipsis, T.Colon]);
const NO_SIGNS: readonly IToken[] = [];
const STMT_FIRST = new Set<TokenType>([T.Input, T.Param, T.Output, T.Identifier]);

class CleanParser {
  private i = 0;
  // The item readers commaList() and block() call, made once per parser rather than per list.
  private readonly hparamItem = () => this.hparam();
  private readonly statementItem = () => this.statement();
  private readonly identItem = () => this.ident();
  private readonly gradItem = () => this.gradRule();
  private readonly settingItem = () => this.setting();
  private readonly expressionItem = () => this.expression();
  private readonly argItem = () => this.arg();
  private readonly indexEntry = () => this.indexItem();

  constructor(
    private readonly toks: readonly IToken[],
    private readonly file: string,
  ) {}

  private peek(k = 0): TokenType | undefined {
    return this.toks[this.i + k]?.tokenType;
  }

  private take(tt: TokenType): IToken {
    const t = this.toks[this.i];
    if (t === undefined || t.tokenType !== tt) throw GIVE_UP;
    this.i++;
    return t;
  }

  private takeIf(tt: TokenType): IToken | undefined {
    const t = this.toks[this.i];
    if (t === undefined || t.tokenType !== tt) return undefined;
    this.i++;
    return t;
  }

  private ident(tt: TokenType = T.Identifier): A.Ident {
    const t = this.take(tt);
    return { kind: "Ident", name: t.image, span: tokSpan(t) };
  }

  /** The span from token `from` to the last token taken. */
  private spanFrom(from: number): Span {
    const last = this.toks[this.i - 1];
    return { start: this.toks[from].startOffset, end: last.startOffset + last.image.length };
  }

  /** `item (, item)* ,?` up to `close` (not taken), the separator continuing only before an item's first token. */
  private commaList<R>(first: Set<TokenType>, item: () => R, close: TokenType, out: R[] = []): R[] {
    if (this.peek() === close || !first.has(this.peek()!)) return out;
    out.push(item());
    while (this.peek() === T.Comma && first.has(this.peek(1)!)) {
      this.i++;
      out.push(item());
    }
    this.takeIf(T.Comma);
    return out;
  }

  // ------------------------------------------------------------ top level

  program(textLength: number): A.Program {
    const imports: A.ImportDecl[] = [];
    const decls: A.Decl[] = [];
    while (this.i < this.toks.length) {
      switch (this.peek()) {
        case T.Import:
          imports.push(this.importDecl());
          break;
        case T.Layer:
        case T.Model:
          decls.push(this.layerDecl());
          break;
        case T.Op:
          decls.push(this.opDecl());
          break;
        case T.Train:
          decls.push(this.trainDecl());
          break;
        case T.Semicolon:
          this.i++;
          break;
        default:
          throw GIVE_UP;
      }
    }
    return { kind: "Program", file: this.file, imports, decls, span: { start: 0, end: textLength } };
  }

  private importDecl(): A.ImportDecl {
    const from = this.i;
    this.take(T.Import);
    const s = this.take(T.StringLiteral);
    return { kind: "Import", path: stringValue(s.image), pathSpan: tokSpan(s), span: this.spanFrom(from) };
  }

  /** `{ item* }` where `;` and `,` may separate items; `first` is what starts an item. */
  private block<R>(first: Set<TokenType>, item: () => R): R[] {
    this.take(T.LCurly);
    const out: R[] = [];
    for (;;) {
      const tt = this.peek()!;
      if (tt === T.Semicolon || tt === T.Comma) this.i++;
      else if (first.has(tt)) out.push(item());
      else break;
    }
    this.take(T.RCurly);
    return out;
  }

  private layerDecl(): A.LayerDecl {
    const from = this.i;
    const isModel = this.peek() === T.Model;
    this.i++;
    const name = this.ident();
    let hparams: A.HParam[] = [];
    if (this.peek() === T.LParen) {
      this.i++;
      hparams = this.commaList(ID, this.hparamItem, T.RParen);
      this.take(T.RParen);
    }
    const body = this.block(STMT_FIRST, this.statementItem);
    return { kind: "Layer", isModel, name, hparams, body, span: this.spanFrom(from) };
  }

  private hparam(): A.HParam {
    const from = this.i;
    const name = this.ident();
    let type: A.Ident | undefined;
    if (this.takeIf(T.Colon)) type = this.ident();
    let value: A.Expr | undefined;
    if (this.takeIf(T.Equals)) value = this.expression();
    const hp: { -readonly [K in keyof A.HParam]: A.HParam[K] } = { kind: "HParam", name, span: this.spanFrom(from) };
    if (type) hp.type = type;
    if (value) hp.default = value;
    return hp;
  }

  private opDecl(): A.OpDecl {
    const from = this.i;
    this.take(T.Op);
    const name = this.ident();
    this.take(T.LParen);
    const params = this.commaList(ID, this.identItem, T.RParen);
    this.take(T.RParen);
    this.take(T.Equals);
    const body = this.expression();
    const grads = this.peek() === T.LCurly ? this.block(GRAD, this.gradItem) : [];
    return { kind: "Op", name, params, body, grads, span: this.spanFrom(from) };
  }

  private gradRule(): A.GradRule {
    const from = this.i;
    this.take(T.Grad);
    const param = this.ident();
    this.take(T.Equals);
    const value = this.expression();
    return { kind: "Grad", param, value, span: this.spanFrom(from) };
  }

  private trainDecl(): A.TrainDecl {
    const from = this.i;
    this.take(T.Train);
    const model = this.ident();
    const settings = this.block(ID, this.settingItem);
    return { kind: "Train", model, settings, span: this.spanFrom(from) };
  }

  private setting(): A.Setting {
    const from = this.i;
    const key = this.ident();
    const target = this.peek() === T.Identifier ? this.ident() : undefined;
    this.take(T.Equals);
    const value = this.expression();
    const span = this.spanFrom(from);
    return target ? { kind: "Setting", key, target, value, span } : { kind: "Setting", key, value, span };
  }

  // ------------------------------------------------------------ statements

  private statement(): A.Stmt {
    const from = this.i;
    switch (this.peek()) {
      case T.Input: {
        this.i++;
        const name = this.ident();
        this.take(T.Colon);
        const type = this.tensorType();
        return { kind: "Input", name, type, span: this.spanFrom(from) };
      }
      case T.Param: {
        this.i++;
        const name = this.ident();
        this.take(T.Colon);
        const type = this.tensorType();
        if (!this.takeIf(T.Equals)) return { kind: "Param", name, type, span: this.spanFrom(from) };
        const init = this.expression();
        return { kind: "Param", name, type, init, span: this.spanFrom(from) };
      }
      case T.Output: {
        this.i++;
        const name = this.ident();
        const type = this.takeIf(T.Colon) ? this.tensorType() : undefined;
        this.take(T.Equals);
        const value = this.expression();
        const span = this.spanFrom(from);
        return type ? { kind: "Output", name, type, value, span } : { kind: "Output", name, value, span };
      }
      default: {
        const name = this.ident();
        this.take(T.Equals);
        const value = this.expression();
        return { kind: "Bind", name, value, span: this.spanFrom(from) };
      }
    }
  }

  private tensorType(): A.TensorTypeExpr {
    const from = this.i;
    const dtype = this.ident();
    this.take(T.LBracket);
    const dims = this.commaList(EXPR_FIRST, this.expressionItem, T.RBracket);
    this.take(T.RBracket);
    return { kind: "TensorType", dtype, dims, span: this.spanFrom(from) };
  }

  // ------------------------------------------------------------ expressions

  /** Operands and infix operators grouped by precedence, as cst-to-ast's expression(). */
  private expression(): A.Expr {
    const first = this.prefixed();
    // Most expressions (arguments, dims) are one operand: no operator stacks for them.
    const next = this.toks[this.i];
    if (next === undefined || (next.tokenType !== T.As && !BINARY.has(next.tokenType))) return first;
    const operands: A.Expr[] = [first];
    const ops: { op: IToken; prec: number }[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (t !== undefined && BINARY.has(t.tokenType)) {
        this.i++;
        const prec = T.BINARY_PRECEDENCE[t.image] ?? T.BINARY_PRECEDENCE["->"];
        reduce(operands, ops, prec);
        ops.push({ op: t, prec });
        operands.push(this.prefixed());
      } else if (t !== undefined && t.tokenType === T.As) {
        this.i++;
        const name = this.ident();
        reduce(operands, ops, T.AS_PRECEDENCE);
        const e = operands.pop()!;
        operands.push({ kind: "As", expr: e, name, span: join(e.span, name.span) });
      } else break;
    }
    reduce(operands, ops, 0);
    return operands[0];
  }

  private signs(): IToken[] {
    const out: IToken[] = [];
    while (SIGN.has(this.peek()!)) out.push(this.toks[this.i++]);
    return out;
  }

  private prefixed(): A.Expr {
    const signs = SIGN.has(this.peek()!) ? this.signs() : NO_SIGNS;
    const operand = this.postfix();
    // The common operand (no sign, no `**`) needs no segments.
    if (signs.length === 0 && this.peek() !== T.StarStar) return operand;
    const segments: { signs: readonly IToken[]; star?: IToken; operand: A.Expr }[] = [{ signs, operand }];
    for (let star = this.takeIf(T.StarStar); star; star = this.takeIf(T.StarStar)) {
      const signs = this.signs();
      segments.push({ signs, star, operand: this.postfix() });
    }
    return foldPowers(segments);
  }

  private postfix(): A.Expr {
    let e = this.primary();
    for (;;) {
      const from = this.i;
      const tt = this.peek();
      if (tt === T.LParen) {
        this.i++;
        const args = this.commaList(ARG_FIRST, this.argItem, T.RParen);
        this.take(T.RParen);
        const argsSpan = this.spanFrom(from);
        e = { kind: "Call", callee: e, args, argsSpan, span: join(e.span, argsSpan) };
      } else if (tt === T.Dot) {
        this.i++;
        const t = this.toks[this.i];
        if (t === undefined || !ANY_NAME.has(t.tokenType)) throw GIVE_UP;
        const property = this.ident(t.tokenType);
        e = { kind: "Member", object: e, property, span: join(e.span, this.spanFrom(from)) };
      } else if (tt === T.LBracket) {
        this.i++;
        if (!INDEX_FIRST.has(this.peek()!)) throw GIVE_UP;
        const items = this.commaList(INDEX_FIRST, this.indexEntry, T.RBracket);
        this.take(T.RBracket);
        e = { kind: "Index", object: e, items, span: join(e.span, this.spanFrom(from)) };
      } else return e;
    }
  }

  private arg(): A.Arg {
    const from = this.i;
    let name: A.Ident | undefined;
    const t = this.toks[this.i];
    if (ANY_NAME.has(t.tokenType) && this.peek(1) === T.Colon) {
      name = this.ident(t.tokenType);
      this.i++;
    }
    const value = this.expression();
    const span = this.spanFrom(from);
    return name ? { kind: "Arg", name, value, span } : { kind: "Arg", value, span };
  }

  private indexItem(): A.IndexItem {
    const from = this.i;
    if (this.takeIf(T.Ellipsis)) return { kind: "Ellipsis", span: this.spanFrom(from) };
    const start = this.peek() === T.Colon ? undefined : this.expression();
    if (this.peek() !== T.Colon) return start!;
    this.i++;
    const end = EXPR_FIRST.has(this.peek()!) ? this.expression() : undefined;
    const step = this.takeIf(T.Colon) && EXPR_FIRST.has(this.peek()!) ? this.expression() : undefined;
    const slice: { -readonly [K in keyof A.SliceItem]: A.SliceItem[K] } = { kind: "Slice", span: this.spanFrom(from) };
    if (start) slice.start = start;
    if (end) slice.end = end;
    if (step) slice.step = step;
    return slice;
  }

  private primary(): A.Expr {
    const from = this.i;
    const t = this.toks[this.i];
    if (t === undefined) throw GIVE_UP;
    const span = tokSpan(t);
    switch (t.tokenType) {
      case T.NumberLiteral:
        this.i++;
        return { kind: "Number", value: Number(t.image), isInt: /^\d+$/.test(t.image), text: t.image, span };
      case T.StringLiteral:
        this.i++;
        return { kind: "String", value: stringValue(t.image), span };
      case T.True:
      case T.False:
        this.i++;
        return { kind: "Bool", value: t.tokenType === T.True, span };
      case T.Identifier:
        this.i++;
        return { kind: "Name", name: t.image, span };
      case T.LBracket: {
        this.i++;
        const items = this.commaList(EXPR_FIRST, this.expressionItem, T.RBracket);
        this.take(T.RBracket);
        return { kind: "List", items, span: this.spanFrom(from) };
      }
      case T.LParen: {
        this.i++;
        const expr = this.expression();
        this.take(T.RParen);
        return { kind: "Paren", expr, span: this.spanFrom(from) };
      }
      case T.Repeat: {
        this.i++;
        this.take(T.LParen);
        let variable: A.Ident | undefined;
        if (this.peek() === T.Identifier && this.peek(1) === T.In) {
          variable = this.ident();
          this.i++;
        }
        const count = this.expression();
        this.take(T.Comma);
        const layer = this.expression();
        this.takeIf(T.Comma);
        this.take(T.RParen);
        const whole = this.spanFrom(from);
        return variable ? { kind: "Repeat", variable, count, layer, span: whole } : { kind: "Repeat", count, layer, span: whole };
      }
      case T.If:
        return this.ifExpr();
      default:
        throw GIVE_UP;
    }
  }

  /** `if cond { then } else { otherwise }`, `else if` chains nested in `otherwise`. */
  private ifExpr(): A.Expr {
    const from = this.i;
    this.take(T.If);
    const cond = this.expression();
    this.take(T.LCurly);
    const then = this.expression();
    this.take(T.RCurly);
    this.take(T.Else);
    let otherwise: A.Expr;
    if (this.peek() === T.If) otherwise = this.ifExpr();
    else {
      this.take(T.LCurly);
      otherwise = this.expression();
      this.take(T.RCurly);
    }
    return { kind: "If", cond, then, otherwise, span: this.spanFrom(from) };
  }
}

const ID = new Set<TokenType>([T.Identifier]);
const GRAD = new Set<TokenType>([T.Grad]);

/**
 * The AST of `tokens` (a whole file's, or a run of its top-level
 * declarations) when they contain no syntax error; undefined otherwise (the
 * caller then parses them with the Chevrotain parser). The tokens must come
 * from a lexing without errors (every number and string well formed).
 */
export function parseClean(tokens: readonly IToken[], file: string, textLength: number): A.Program | undefined {
  try {
    return new CleanParser(tokens, file).program(textLength);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
