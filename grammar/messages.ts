// Syntax error messages as a user reads them: what was expected, what was
// found (`expected ')' but found 'output'`), tokens named by their text.

import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens";

/** How a token is named in a message: `')'`, `'output'`, `name 'foo'`, `end of file`. */
export function describeToken(tok: IToken): string {
  if (tok.tokenType === EOF) return "end of file";
  const img = tok.image.length > 24 ? tok.image.slice(0, 24) + "…" : tok.image;
  switch (tok.tokenType) {
    case T.Identifier:
      return `name '${img}'`;
    case T.NumberLiteral:
      return `number ${img}`;
    case T.StringLiteral:
      return `string ${img}`;
    default:
      return `'${img}'`;
  }
}

export function describeTokenType(t: TokenType): string {
  if (t === EOF) return "end of file";
  return t.LABEL ?? t.name;
}

/** What a rule stands for when none of its alternatives matched. */
const RULE_MEANING: Record<string, string> = {
  program: "'import', 'layer', 'model', 'op' or 'train'",
  statement: "a statement ('input', 'param', 'output' or 'name = ...')",
  prefixed: "an expression",
  primary: "an expression",
  indexItem: "an index or slice",
  setting: "a train setting ('name = ...')",
};

/** A block's closer is expected after its last item: name the items too. */
const BLOCK_END: Record<string, string> = {
  "layerDecl RCurly": "a statement or '}'",
  "trainDecl RCurly": "a train setting or '}'",
  "opDecl RCurly": "'grad' or '}'",
};

function orList(items: string[]): string {
  const u = [...new Set(items)];
  if (u.length <= 1) return u[0] ?? "something else";
  const shown = u.length > 5 ? [...u.slice(0, 5), "…"] : u;
  return shown.slice(0, -1).join(", ") + " or " + shown[shown.length - 1];
}

/**
 * Messages name what was expected and what was found, as a user reads them.
 * The expected token of each mismatch is also remembered (by the offending
 * token) so the caller can turn a missing closer into DL1005.
 */
export class DlnetMessages implements IParserErrorMessageProvider {
  readonly expectedAt = new WeakMap<IToken, TokenType>();

  buildMismatchTokenMessage(o: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
    this.expectedAt.set(o.actual, o.expected);
    // Only the top level ever waits for the end of the file: say what may start there.
    const what =
      o.expected === EOF
        ? RULE_MEANING.program
        : (BLOCK_END[`${o.ruleName} ${o.expected.name}`] ?? describeTokenType(o.expected));
    return `expected ${what} but found ${describeToken(o.actual)}`;
  }
  buildNotAllInputParsedMessage(o: { firstRedundant: IToken; ruleName: string }): string {
    return `expected ${RULE_MEANING.program} but found ${describeToken(o.firstRedundant)}`;
  }
  buildNoViableAltMessage(o: {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    const what =
      RULE_MEANING[o.ruleName] ??
      orList(o.expectedPathsPerAlt.flatMap((alt) => alt.map((path) => describeTokenType(path[0]))));
    return `expected ${what} but found ${describeToken(o.actual[0])}`;
  }
  buildEarlyExitMessage(o: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
    customUserDescription?: string;
    ruleName: string;
  }): string {
    const what = RULE_MEANING[o.ruleName] ?? orList(o.expectedIterationPaths.map((p) => describeTokenType(p[0])));
    return `expected ${what} but found ${describeToken(o.actual[0])}`;
  }
}
