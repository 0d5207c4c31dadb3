// The syntax stage: .dlnet text → tokens → CST → AST with spans.

export { parse, type ParseResult } from "./parser";
export { tokenize, type SyntaxToken, type Comment } from "./lex";
export { printAst } from "./print-ast";
export type * from "./ast";
