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
// only the AST (a 2,000-line file: ~60 ms → a few ms), from a token run
// (scan.ts: no object per token).

import type { TokenType } from "chevrotain";
import * as T from "../../../grammar/tokens";
import type { Span } from "../source";
import type * as A from "./ast";
import { foldPowers, join, pipeOnto, stringValue, type PowerSegment, type PowerTokens } from "./cst-to-ast";
import { TOKEN_TYPES, type TokenRun } from "./scan";

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
const NO_SIGNS: readonly number[] = [];
const STMT_FIRST = new Set<TokenType>([T.Input, T.Param, T.Output, T.Identifier]);

/** An operator's text (the AST's `op`): its label without the quotes. */
const OP_TEXT = new Map<TokenType, string>([...BINARY].map((t) => [t, (t.LABEL ?? "").slice(1, -1)]));
/** Precedence of each binary operator token (BINARY_PRECEDENCE by its text, as cst-to-ast's expression()). */
const PRECEDENCE = new Map<TokenType, number>([...BINARY].map((t) => [t, T.BINARY_PRECEDENCE[OP_TEXT.get(t)!] ?? T.BINARY_PRECEDENCE["->"]]));

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
  /** This run's tokens, for foldPowers (by index; all of them are in the text). */
  private readonly powerTokens: PowerTokens<number> = {
    isPlus: (t) => TOKEN_TYPES[this.types[t]] === T.Plus,
    span: (t) => this.span(t),
  };

  /**
   * Where the lists being read (and an expression's operands) gather, each
   * copied off at its exact length when complete: a list pushed into from
   * empty would reserve 17 slots on its second item.
   */
  private readonly stack: unknown[] = [];
  private top = 0;
  /** Pending operators of the expressions being read: token indices and precedences. */
  private readonly ops: number[] = [];
  private readonly precs: number[] = [];
  private opTop = 0;
  private readonly count: number;
  private readonly types: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly text: string;

  constructor(
    run: TokenRun,
    private readonly file: string,
  ) {
    this.count = run.count;
    this.types = run.types;
    this.starts = run.starts;
    this.ends = run.ends;
    this.text = run.text;
  }

  /** The type of token `i + k` (undefined past the end). */
  private peek(k = 0): TokenType | undefined {
    const at = this.i + k;
    return at < this.count ? TOKEN_TYPES[this.types[at]] : undefined;
  }

  /** Takes a token of type `tt` (else gives up); its index. */
  private take(tt: TokenType): number {
    if (this.peek() !== tt) throw GIVE_UP;
    return this.i++;
  }

  /** Takes a token of type `tt` if it is next. */
  private takeIf(tt: TokenType): boolean {
    if (this.peek() !== tt) return false;
    this.i++;
    return true;
  }

  private image(t: number): string {
    return this.text.slice(this.starts[t], this.ends[t]);
  }

  private span(t: number): Span {
    return { start: this.starts[t], end: this.ends[t] };
  }

  private ident(tt: TokenType = T.Identifier): A.Ident {
    const t = this.take(tt);
    return { kind: "Ident", name: this.image(t), span: this.span(t) };
  }

  /** The span from token `from` to the last token taken. */
  private spanFrom(from: number): Span {
    return { start: this.starts[from], end: this.ends[this.i - 1] };
  }

  /** `item (, item)* ,?` up to `close` (not taken), the separator continuing only before an item's first token. */
  private commaList<R>(first: Set<TokenType>, item: () => R, close: TokenType): R[] {
    if (this.peek() === close || !first.has(this.peek()!)) return [];
    const base = this.top;
    this.push(item());
    while (this.peek() === T.Comma && first.has(this.peek(1)!)) {
      this.i++;
      this.push(item());
    }
    this.takeIf(T.Comma);
    return this.listFrom(base);
  }

  /** Pushes onto the stack (`v` is computed first: it may use the stack itself). */
  private push(v: unknown): void {
    this.stack[this.top++] = v;
  }

  /** What was pushed since `base`, as a list of its own, taken off the stack. */
  private listFrom<R>(base: number): R[] {
    const out = this.stack.slice(base, this.top) as R[];
    this.top = base;
    return out;
  }

  // ------------------------------------------------------------ top level

  program(textLength: number): A.Program {
    const imports: A.ImportDecl[] = [];
    const decls: A.Decl[] = [];
    while (this.i < this.count) {
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
    return { kind: "Import", path: stringValue(this.image(s)), pathSpan: this.span(s), span: this.spanFrom(from) };
  }

  /** `{ item* }` where `;` and `,` may separate items; `first` is what starts an item. */
  private block<R>(first: Set<TokenType>, item: () => R): R[] {
    this.take(T.LCurly);
    const base = this.top;
    for (;;) {
      const tt = this.peek()!;
      if (tt === T.Semicolon || tt === T.Comma) this.i++;
      else if (first.has(tt)) this.push(item());
      else break;
    }
    this.take(T.RCurly);
    return this.listFrom(base);
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
    const next = this.peek();
    if (next === undefined || (next !== T.As && !BINARY.has(next))) return first;
    // Operands on the stack from `base`, operators on theirs from `opBase`.
    const base = this.top;
    const opBase = this.opTop;
    this.push(first);
    for (;;) {
      const tt = this.peek();
      if (tt !== undefined && BINARY.has(tt)) {
        const prec = PRECEDENCE.get(tt)!;
        this.reduce(opBase, prec);
        this.ops[this.opTop] = this.i++;
        this.precs[this.opTop++] = prec;
        this.push(this.prefixed());
      } else if (tt === T.As) {
        this.i++;
        const name = this.ident();
        this.reduce(opBase, T.AS_PRECEDENCE);
        const e = this.stack[this.top - 1] as A.Expr;
        this.stack[this.top - 1] = { kind: "As", expr: e, name, span: join(e.span, name.span) };
      } else break;
    }
    this.reduce(opBase, 0);
    const e = this.stack[base] as A.Expr;
    this.top = base;
    return e;
  }

  /** cst-to-ast's reduce(): combines the pending operators above `opBase` that bind at least as tightly as `minPrec`. */
  private reduce(opBase: number, minPrec: number): void {
    while (this.opTop > opBase && this.precs[this.opTop - 1] >= minPrec) {
      const op = this.ops[--this.opTop];
      const right = this.stack[--this.top] as A.Expr;
      const left = this.stack[this.top - 1] as A.Expr;
      this.stack[this.top - 1] = this.combine(op, left, right);
    }
  }

  /** cst-to-ast's combine(): `left op right`; a `->` makes a pipe. */
  private combine(op: number, left: A.Expr, right: A.Expr): A.Expr {
    const tt = TOKEN_TYPES[this.types[op]];
    if (tt === T.Arrow) return pipeOnto(left, right);
    return { kind: "Binary", op: OP_TEXT.get(tt) as A.BinaryOp, opSpan: this.span(op), left, right, span: join(left.span, right.span) };
  }

  private signs(): number[] {
    const out: number[] = [];
    while (SIGN.has(this.peek()!)) out.push(this.i++);
    return out;
  }

  private prefixed(): A.Expr {
    const signs = SIGN.has(this.peek()!) ? this.signs() : NO_SIGNS;
    const operand = this.postfix();
    // The common operand (no sign, no `**`) needs no segments.
    if (signs.length === 0 && this.peek() !== T.StarStar) return operand;
    const segments: PowerSegment<number>[] = [{ signs, operand }];
    while (this.peek() === T.StarStar) {
      const star = this.i++;
      const signs = this.signs();
      segments.push({ signs, star, operand: this.postfix() });
    }
    return foldPowers(segments, this.powerTokens);
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
        const name = this.peek();
        if (name === undefined || !ANY_NAME.has(name)) throw GIVE_UP;
        const property = this.ident(name);
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
    const tt = this.peek()!;
    if (ANY_NAME.has(tt) && this.peek(1) === T.Colon) {
      name = this.ident(tt);
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
    const tt = this.peek();
    if (tt === undefined) throw GIVE_UP;
    switch (tt) {
      case T.NumberLiteral: {
        const text = this.image(this.i);
        return { kind: "Number", value: Number(text), isInt: /^\d+$/.test(text), text, span: this.span(this.i++) };
      }
      case T.StringLiteral:
        return { kind: "String", value: stringValue(this.image(this.i)), span: this.span(this.i++) };
      case T.True:
      case T.False:
        return { kind: "Bool", value: tt === T.True, span: this.span(this.i++) };
      case T.Identifier:
        return { kind: "Name", name: this.image(this.i), span: this.span(this.i++) };
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
export function parseClean(tokens: TokenRun, file: string, textLength: number): A.Program | undefined {
  try {
    return new CleanParser(tokens, file).program(textLength);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
