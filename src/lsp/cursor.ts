// Where the cursor is, read from the tokens before it rather than the AST, so
// it works in the half-typed text completion and signature help see
// (`x -> Linear(` has no closing bracket yet). The tokens come from the
// compiler's lexer.

import { tokenize, type SyntaxToken } from "../compiler/syntax/index";
import type { SourceFile, Span } from "../compiler/source";

export type Block = "top" | "layer" | "model" | "op" | "train";

export interface CallContext {
  callee: string;
  /** The callee follows `->`: a function's first tensor operand is the piped value. */
  piped: boolean;
  /** 0-based index of the argument the cursor is in. */
  index: number;
  /** Positional arguments before the cursor's. */
  positionalBefore: number;
  /** The keyword of the cursor's argument, when it is `name: …`. */
  keyword?: string;
  /** Keywords already given. */
  given: string[];
  /** The cursor is where an argument starts (after `(` or `,`). */
  atArgStart: boolean;
}

export interface CursorContext {
  /** The identifier being typed, if the cursor touches one. */
  word?: { text: string; span: Span };
  /** The last token before the word (or the cursor). */
  prev?: SyntaxToken;
  prev2?: SyntaxToken;
  block: Block;
  /** The name after the block's keyword (`train Model {`). */
  blockName?: string;
  call?: CallContext;
  /** The cursor starts a new line after a complete statement (or right after `{`). */
  statementStart: boolean;
}

const OPEN = new Set(["LParen", "LBracket"]);
const CLOSE = new Set(["RParen", "RBracket"]);
const DECL = new Map<string, Block>([["Layer", "layer"], ["Model", "model"], ["Op", "op"], ["Train", "train"]]);
/** Tokens after which an expression must continue. */
const CONTINUES = new Set(["Arrow", "Equals", "Colon", "Comma", "LParen", "LBracket", "Plus", "Minus", "Star", "Slash", "Percent", "At", "StarStar", "EqEq", "NotEq", "Less", "LessEq", "Greater", "GreaterEq", "Dot", "As", "Input", "Output", "Param", "Grad"]);

export function cursorContext(file: SourceFile, offset: number): CursorContext {
  const all = tokenize(file).filter((t) => t.category !== "comment");
  let i = all.findIndex((t) => t.span.end >= offset);
  if (i < 0) i = all.length;
  let word: CursorContext["word"];
  // A word the cursor touches (`Lin|` or `Lin|ear`) is being typed, not context.
  const touching = all[i];
  if (touching && touching.span.start <= offset && offset <= touching.span.end && (touching.category === "identifier" || touching.category === "keyword")) {
    word = { text: file.text.slice(touching.span.start, offset), span: touching.span };
  } else if (touching && touching.span.start < offset) i++;
  const before = all.slice(0, i);

  let block: Block = "top";
  let blockName: string | undefined;
  let depth = 0;
  let pendingDecl: Block | undefined;
  let pendingName: string | undefined;
  for (const t of before) {
    if (t.kind === "LCurly") {
      if (depth === 0) [block, blockName] = [pendingDecl ?? "top", pendingName];
      depth++;
    } else if (t.kind === "RCurly") {
      depth = Math.max(0, depth - 1);
      if (depth === 0) [block, blockName, pendingDecl] = ["top", undefined, undefined];
    } else if (depth === 0 && DECL.has(t.kind)) {
      pendingDecl = DECL.get(t.kind);
      pendingName = undefined;
    } else if (depth === 0 && pendingDecl && !pendingName && t.kind === "Identifier") pendingName = t.text;
  }

  const prev = before[before.length - 1];
  const prev2 = before[before.length - 2];
  const lineOf = (o: number) => file.position(o).line;
  const statementStart =
    !prev || prev.kind === "LCurly" || prev.kind === "RCurly" || (lineOf(prev.span.end) < lineOf(offset) && !CONTINUES.has(prev.kind));
  return { word, prev, prev2, block, blockName, call: callContext(before), statementStart };
}

function callContext(before: SyntaxToken[]): CallContext | undefined {
  let depth = 0;
  let commas = 0;
  let segmentStart = before.length;
  const segments: number[] = [];
  for (let k = before.length - 1; k >= 0; k--) {
    const t = before[k];
    if (t.kind === "LCurly" || t.kind === "RCurly") return undefined;
    if (CLOSE.has(t.kind)) depth++;
    else if (OPEN.has(t.kind)) {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (t.kind !== "LParen") return undefined;
      const callee = before[k - 1];
      if (!callee || (callee.kind !== "Identifier" && callee.kind !== "Repeat")) return undefined;
      if (commas === 0) segmentStart = k + 1;
      segments.push(k + 1);
      segments.reverse();
      const starts = segments;
      const given: string[] = [];
      let positionalBefore = 0;
      for (let s = 0; s < starts.length - 1; s++) {
        const a = before[starts[s]];
        const b = before[starts[s] + 1];
        if (a?.kind === "Identifier" && b?.kind === "Colon") given.push(a.text);
        else positionalBefore++;
      }
      const cur = before[segmentStart] && segmentStart < before.length ? before[segmentStart] : undefined;
      const curNext = before[segmentStart + 1];
      const keyword = cur?.kind === "Identifier" && curNext?.kind === "Colon" ? cur.text : undefined;
      return {
        callee: callee.text,
        piped: before[k - 2]?.kind === "Arrow",
        index: commas,
        positionalBefore,
        keyword,
        given,
        atArgStart: segmentStart === before.length,
      };
    } else if (depth === 0 && t.kind === "Comma") {
      commas++;
      segments.push(k + 1);
      if (commas === 1) segmentStart = k + 1;
    }
  }
  return undefined;
}
