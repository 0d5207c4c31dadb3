// The typed AST of a .dlnet file. Built from Chevrotain's CST by a visitor
// (cst-to-ast.ts); every node has a span. Recovery: a part the parser could
// not read is an `ErrorExpr` or is left out, so a broken file still yields
// every declaration it can. Nodes are plain immutable data.

import type { Span } from "../source";

export interface NodeBase {
  readonly span: Span;
}

export interface Ident extends NodeBase {
  readonly kind: "Ident";
  readonly name: string;
}

// ---------------------------------------------------------------- top level

export interface Program extends NodeBase {
  readonly kind: "Program";
  /** Path of the file, as given to the parser. */
  readonly file: string;
  readonly imports: readonly ImportDecl[];
  readonly decls: readonly Decl[];
}

export interface ImportDecl extends NodeBase {
  readonly kind: "Import";
  /** The string as written, without quotes. */
  readonly path: string;
  readonly pathSpan: Span;
}

export type Decl = LayerDecl | OpDecl | TrainDecl;

/** `layer Name(hparams) { body }` and `model Name(hparams) { body }`. */
export interface LayerDecl extends NodeBase {
  readonly kind: "Layer";
  readonly isModel: boolean;
  readonly name: Ident;
  readonly hparams: readonly HParam[];
  readonly body: readonly Stmt[];
  /**
   * The parser recovered from a syntax error inside this declaration: its
   * body may miss statements, so the checker says nothing that follows from
   * what is missing (its arity, its output, unused names).
   */
  readonly broken?: true;
}

/** `name: int = 128` — type and default are each optional. */
export interface HParam extends NodeBase {
  readonly kind: "HParam";
  readonly name: Ident;
  /** `int`, `float`, `bool`, `string` as written. */
  readonly type?: Ident;
  readonly default?: Expr;
}

/** `op name(args) = expr { grad x = expr ... }` */
export interface OpDecl extends NodeBase {
  readonly kind: "Op";
  readonly name: Ident;
  readonly params: readonly Ident[];
  readonly body: Expr;
  readonly grads: readonly GradRule[];
}

/** `grad x = expr` inside an op; `dy` names the incoming gradient. */
export interface GradRule extends NodeBase {
  readonly kind: "Grad";
  readonly param: Ident;
  readonly value: Expr;
}

/** `train Model { settings }`; the block is named by its model (`dlnet train --train Model`). */
export interface TrainDecl extends NodeBase {
  readonly kind: "Train";
  readonly model: Ident;
  readonly settings: readonly Setting[];
}

/** `key = value`, or `feed x = data.image` (key `feed`, target `x`). */
export interface Setting extends NodeBase {
  readonly kind: "Setting";
  readonly key: Ident;
  readonly target?: Ident;
  readonly value: Expr;
}

// ---------------------------------------------------------------- statements

export type Stmt = InputStmt | ParamStmt | BindStmt | OutputStmt;

/** `input x: f32[batch, 784]` */
export interface InputStmt extends NodeBase {
  readonly kind: "Input";
  readonly name: Ident;
  readonly type: TensorTypeExpr;
}

/** `param w: f32[d, d] = xavier` */
export interface ParamStmt extends NodeBase {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: TensorTypeExpr;
  readonly init?: Expr;
}

/** `h = expr` */
export interface BindStmt extends NodeBase {
  readonly kind: "Bind";
  readonly name: Ident;
  readonly value: Expr;
}

/** `output y = expr` or `output y: f32[batch, 10] = expr` */
export interface OutputStmt extends NodeBase {
  readonly kind: "Output";
  readonly name: Ident;
  readonly type?: TensorTypeExpr;
  readonly value: Expr;
}

/** `f32[batch, 784]`; dims are expressions (ints, names, `4 * d`). */
export interface TensorTypeExpr extends NodeBase {
  readonly kind: "TensorType";
  readonly dtype: Ident;
  readonly dims: readonly Expr[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLit
  | StringLit
  | BoolLit
  | NameRef
  | ListExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | PipeExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | AsExpr
  | RepeatExpr
  | IfExpr
  | ErrorExpr;

export interface NumberLit extends NodeBase {
  readonly kind: "Number";
  readonly value: number;
  /** Written without `.` or exponent: `128` (an int), not `128.0` or `1e3`. */
  readonly isInt: boolean;
  readonly text: string;
}

export interface StringLit extends NodeBase {
  readonly kind: "String";
  /** Unescaped value. */
  readonly value: string;
}

export interface BoolLit extends NodeBase {
  readonly kind: "Bool";
  readonly value: boolean;
}

export interface NameRef extends NodeBase {
  readonly kind: "Name";
  readonly name: string;
}

export interface ListExpr extends NodeBase {
  readonly kind: "List";
  readonly items: readonly Expr[];
}

/** `( expr )`, kept so spans, hover and the formatter see the brackets. */
export interface ParenExpr extends NodeBase {
  readonly kind: "Paren";
  readonly expr: Expr;
}

export interface UnaryExpr extends NodeBase {
  readonly kind: "Unary";
  readonly op: "-" | "+";
  readonly operand: Expr;
}

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "@" | "**"
  | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "and" | "or";

export interface BinaryExpr extends NodeBase {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * `a -> f -> g`: stages[0] is the source (a tensor, or a layer, which makes the
 * whole pipe a layer), the rest are applied in order. Lowest precedence:
 * `a + b -> f` is `(a + b) -> f`.
 */
export interface PipeExpr extends NodeBase {
  readonly kind: "Pipe";
  readonly stages: readonly Expr[];
}

/** `f(a, b, key: value)`; callee is usually a NameRef but may be any expr (`Dropout(p)(a)`). */
export interface CallExpr extends NodeBase {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: readonly Arg[];
  /** Span of the parenthesised argument list, `(` to `)`. */
  readonly argsSpan: Span;
}

export interface Arg extends NodeBase {
  readonly kind: "Arg";
  /** Keyword arguments: `dim: -1`. */
  readonly name?: Ident;
  readonly value: Expr;
}

/** `data.image` */
export interface MemberExpr extends NodeBase {
  readonly kind: "Member";
  readonly object: Expr;
  readonly property: Ident;
}

/** `x[:, -1]`, `x[..., 0:64]` */
export interface IndexExpr extends NodeBase {
  readonly kind: "Index";
  readonly object: Expr;
  readonly items: readonly IndexItem[];
}

export type IndexItem = Expr | SliceItem | EllipsisItem;

/** `start:end:step`, each part optional. */
export interface SliceItem extends NodeBase {
  readonly kind: "Slice";
  readonly start?: Expr;
  readonly end?: Expr;
  readonly step?: Expr;
}

export interface EllipsisItem extends NodeBase {
  readonly kind: "Ellipsis";
}

/** `Linear(128) as fc1` names an inline layer instance. */
export interface AsExpr extends NodeBase {
  readonly kind: "As";
  readonly expr: Expr;
  readonly name: Ident;
}

/**
 * `repeat(n, Block(d))`: n copies of a layer, each with its own weights.
 * With a variable, `repeat(w in [64, 128], Stage(w))`: one copy per list item,
 * `count` is the list and `layer` is evaluated with the variable bound to the item.
 */
export interface RepeatExpr extends NodeBase {
  readonly kind: "Repeat";
  readonly variable?: Ident;
  readonly count: Expr;
  readonly layer: Expr;
}

/** `if cond { then } else { otherwise }`: chosen at compile time (`else if` is an IfExpr in `otherwise`). */
export interface IfExpr extends NodeBase {
  readonly kind: "If";
  readonly cond: Expr;
  readonly then: Expr;
  readonly otherwise: Expr;
}

/** Where the parser recovered from a missing or broken expression. */
export interface ErrorExpr extends NodeBase {
  readonly kind: "Error";
}

export type Node =
  | Program
  | ImportDecl
  | Decl
  | HParam
  | GradRule
  | Setting
  | Stmt
  | TensorTypeExpr
  | Expr
  | Arg
  | SliceItem
  | EllipsisItem
  | Ident;
