// The .dlnet grammar as a Chevrotain CstParser. Rules carry no semantic
// actions: src/compiler/syntax/cst-to-ast.ts turns the CST into the AST.
// Clean files take a fast path (src/compiler/syntax/clean-parse.ts, the same
// rules by hand, no CST) that defers to this parser at the first error; a rule
// changed here and not there costs speed, and test/compiler/syntax/
// clean-parse.test.ts flags any AST the two disagree on (docs/grammar.md).
//
// There are no newline tokens. Statements stay unambiguous because every
// statement starts with a keyword (`input`, `param`, `output`) or with
// `name =`, and no expression can continue with a bare name: after a complete
// expression, a name always starts the next statement. So an expression may
// span lines (`-> Stage` on the next line continues the pipe) and no
// separator is needed; `;` and `,` are accepted between statements.

import { CstParser, type IOrAlt } from "chevrotain";
import { DlnetMessages } from "./messages";
import * as T from "./tokens";

export { describeToken, describeTokenType, DlnetMessages } from "./messages";

export class DlnetParser extends CstParser {
  readonly messages: DlnetMessages;
  /**
   * Each OR's alternatives, built once: rebuilding the array of closures on
   * every call costs more than the parse itself (esbuild's keepNames wraps
   * each `ALT:` closure in a defineProperty call).
   */
  private readonly alts: IOrAlt<unknown>[][] = [];

  constructor() {
    const messages = new DlnetMessages();
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "onlyOffset", maxLookahead: 3, errorMessageProvider: messages });
    this.messages = messages;
    this.performSelfAnalysis();
  }

  // ------------------------------------------------------------ top level

  program = this.RULE("program", () => {
    this.MANY(() => {
      this.OR((this.alts[0] ??= [
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.layerDecl) },
        { ALT: () => this.SUBRULE(this.opDecl) },
        { ALT: () => this.SUBRULE(this.trainDecl) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]));
    });
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLiteral);
  });

  layerDecl = this.RULE("layerDecl", () => {
    this.OR((this.alts[1] ??= [{ ALT: () => this.CONSUME(T.Layer) }, { ALT: () => this.CONSUME(T.Model) }]));
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.hparamList));
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR2((this.alts[2] ??= [
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.CONSUME(T.Comma) },
      ]));
    });
    this.CONSUME(T.RCurly);
  });

  hparamList = this.RULE("hparamList", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.hparam);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.hparam);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
  });

  /** `d: int = 128` */
  hparam = this.RULE("hparam", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.CONSUME2(T.Identifier, { LABEL: "type" });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression);
    });
  });

  /** `op name(x, y) = expr { grad x = expr ... }` */
  opDecl = this.RULE("opDecl", () => {
    this.CONSUME(T.Op);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.CONSUME2(T.Identifier, { LABEL: "params" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.CONSUME3(T.Identifier, { LABEL: "params" });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
    this.OPTION3(() => {
      this.CONSUME(T.LCurly);
      this.MANY2(() => {
        this.OR((this.alts[3] ??= [
          { ALT: () => this.SUBRULE(this.gradRule) },
          { ALT: () => this.CONSUME(T.Semicolon) },
          { ALT: () => this.CONSUME3(T.Comma) },
        ]));
      });
      this.CONSUME(T.RCurly);
    });
  });

  gradRule = this.RULE("gradRule", () => {
    this.CONSUME(T.Grad);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  /** `train Model { key = expr  feed x = expr ... }` */
  trainDecl = this.RULE("trainDecl", () => {
    this.CONSUME(T.Train);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR((this.alts[4] ??= [
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.CONSUME(T.Comma) },
      ]));
    });
    this.CONSUME(T.RCurly);
  });

  setting = this.RULE("setting", () => {
    this.CONSUME(T.Identifier, { LABEL: "key" });
    this.OPTION(() => this.CONSUME2(T.Identifier, { LABEL: "target" }));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  // ------------------------------------------------------------ statements

  statement = this.RULE("statement", () => {
    this.OR((this.alts[5] ??= [
      { ALT: () => this.SUBRULE(this.inputStmt) },
      { ALT: () => this.SUBRULE(this.paramStmt) },
      { ALT: () => this.SUBRULE(this.outputStmt) },
      { ALT: () => this.SUBRULE(this.bindStmt) },
    ]));
  });

  inputStmt = this.RULE("inputStmt", () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
  });

  paramStmt = this.RULE("paramStmt", () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.tensorType);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression);
    });
  });

  outputStmt = this.RULE("outputStmt", () => {
    this.CONSUME(T.Output);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.tensorType);
    });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  bindStmt = this.RULE("bindStmt", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  /** `f32[batch, 784]`, `f32[]` (a scalar) */
  tensorType = this.RULE("tensorType", () => {
    this.CONSUME(T.Identifier, { LABEL: "dtype" });
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "dims" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, { LABEL: "dims" });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  // ------------------------------------------------------------ expressions

  /**
   * `a -> f as g + b * c ...`: operands and infix operators (and postfix
   * `as name`) in a flat list; cst-to-ast groups them by precedence
   * (tokens.ts BINARY_PRECEDENCE: `->` < `as` < `or` < `and` < comparisons < `+ -` < `* / % @`).
   */
  expression = this.RULE("expression", () => {
    this.SUBRULE(this.prefixed);
    this.MANY(() => this.SUBRULE(this.exprTail, { LABEL: "tail" }));
  });

  exprTail = this.RULE("exprTail", () => {
    this.OR((this.alts[6] ??= [
      {
        ALT: () => {
          this.CONSUME(T.BinaryOp, { LABEL: "operator" });
          this.SUBRULE(this.prefixed);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.As);
          this.CONSUME(T.Identifier, { LABEL: "name" });
        },
      },
    ]));
  });

  /**
   * Signs, then a power: `-x ** 2` is `-(x ** 2)` and `2 ** -1` works, as in
   * Python; `**` is right associative (`a ** b ** c` is `a ** (b ** c)`).
   * Read as a loop, not by recursion, so a long chain cannot exhaust the stack.
   */
  prefixed = this.RULE("prefixed", () => {
    this.MANY(() => this.CONSUME(T.AddOp, { LABEL: "signs" }));
    this.SUBRULE(this.postfix);
    this.MANY2(() => this.SUBRULE(this.powerTail, { LABEL: "powers" }));
  });

  /** `** -y` */
  powerTail = this.RULE("powerTail", () => {
    this.CONSUME(T.StarStar);
    this.MANY(() => this.CONSUME(T.AddOp, { LABEL: "signs" }));
    this.SUBRULE(this.postfix);
  });

  /** Calls, members and indexing, applied left to right. */
  postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR((this.alts[7] ??= [
        { ALT: () => this.SUBRULE(this.callArgs, { LABEL: "suffixes" }) },
        { ALT: () => this.SUBRULE(this.member, { LABEL: "suffixes" }) },
        { ALT: () => this.SUBRULE(this.index, { LABEL: "suffixes" }) },
      ]));
    });
  });

  callArgs = this.RULE("callArgs", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.arg);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.arg);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
  });

  /** `value` or `name: value`; the name may be a keyword (`mnist(train: 8000)`). */
  arg = this.RULE("arg", () => {
    this.OPTION(() => {
      this.CONSUME(T.AnyName, { LABEL: "name" });
      this.CONSUME(T.Colon);
    });
    this.SUBRULE(this.expression);
  });

  member = this.RULE("member", () => {
    this.CONSUME(T.Dot);
    this.CONSUME(T.AnyName, { LABEL: "property" });
  });

  index = this.RULE("index", () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.indexItem);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.indexItem);
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RBracket);
  });

  /** `e`, `...`, or a slice `start:end:step` with each part optional. */
  indexItem = this.RULE("indexItem", () => {
    this.OR((this.alts[8] ??= [
      { ALT: () => this.CONSUME(T.Ellipsis) },
      {
        ALT: () => {
          this.SUBRULE(this.expression, { LABEL: "start" });
          this.OPTION(() => this.SUBRULE(this.sliceTail));
        },
      },
      { ALT: () => this.SUBRULE2(this.sliceTail) },
    ]));
  });

  sliceTail = this.RULE("sliceTail", () => {
    this.CONSUME(T.Colon);
    this.OPTION(() => this.SUBRULE(this.expression, { LABEL: "end" }));
    this.OPTION2(() => {
      this.CONSUME2(T.Colon, { LABEL: "stepColon" });
      this.OPTION3(() => this.SUBRULE2(this.expression, { LABEL: "step" }));
    });
  });

  primary = this.RULE("primary", () => {
    this.OR((this.alts[9] ??= [
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.paren) },
      { ALT: () => this.SUBRULE(this.repeatExpr) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
    ]));
  });

  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "items" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, { LABEL: "items" });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  paren = this.RULE("paren", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  /** `repeat(n, Block(d))`, or over a list: `repeat(w in [64, 128], Stage(w))` */
  repeatExpr = this.RULE("repeatExpr", () => {
    this.CONSUME(T.Repeat);
    this.CONSUME(T.LParen);
    this.OPTION3(() => {
      this.CONSUME(T.Identifier, { LABEL: "variable" });
      this.CONSUME(T.In);
    });
    this.SUBRULE(this.expression, { LABEL: "count" });
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.expression, { LABEL: "layer" });
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RParen);
  });

  /** `if cond { a } else { b }` (`else if` chains): chosen at compile time. */
  ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression, { LABEL: "cond" });
    this.CONSUME(T.LCurly);
    this.SUBRULE2(this.expression, { LABEL: "then" });
    this.CONSUME(T.RCurly);
    this.CONSUME(T.Else);
    this.OR((this.alts[10] ??= [
      { ALT: () => this.SUBRULE(this.ifExpr, { LABEL: "elseIf" }) },
      {
        ALT: () => {
          this.CONSUME2(T.LCurly);
          this.SUBRULE3(this.expression, { LABEL: "otherwise" });
          this.CONSUME2(T.RCurly);
        },
      },
    ]));
  });
}

/** The one parser instance: building it runs the grammar's self-analysis once. */
export const parser = new DlnetParser();
export const BaseCstVisitor = parser.getBaseCstVisitorConstructor();
