// Comments are not in the AST (the lexer keeps them aside), so the formatter
// hangs each one on a node before printing, the way Prettier does: the
// innermost node whose span encloses the comment decides, and the comment
// becomes a leading or trailing comment of the neighbouring child, or a
// dangling one of the enclosing node when it has no children (`model X { // todo }`).

import type { Span } from "../compiler/source";
import type { Node } from "../compiler/syntax/ast";

export interface Comment {
  span: Span;
  text: string;
}

export interface AttachedComment extends Comment {
  /** Nothing but whitespace before it on its line. */
  ownLine: boolean;
  /** Nothing but whitespace after it on its line. */
  endOfLine: boolean;
  /** A blank line separates it from what follows (the next comment or code). */
  blankAfter: boolean;
  /** A blank line separates it from what precedes it. */
  blankBefore: boolean;
  isBlock: boolean;
  printed?: boolean;
}

export interface NodeComments {
  leading: AttachedComment[];
  trailing: AttachedComment[];
  dangling: AttachedComment[];
}

export type CommentMap = Map<Node, NodeComments>;

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as Node).kind === "string" && typeof (v as Node).span === "object";
}

/** The direct child nodes of a node, in source order. */
export function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "span") continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

const BLANK_LINE = /\n[ \t\f\v\r]*\r?\n/;
const isSpace = (c: string) => c === " " || c === "\t" || c === "\f" || c === "\v";

function describe(c: Comment, text: string, prevEnd: number, nextStart: number): AttachedComment {
  let i = c.span.start - 1;
  while (i >= 0 && isSpace(text[i])) i--;
  const ownLine = i < 0 || text[i] === "\n" || text[i] === "\r";
  let j = c.span.end;
  while (j < text.length && isSpace(text[j])) j++;
  const endOfLine = j >= text.length || text[j] === "\n" || text[j] === "\r";
  return {
    ...c,
    ownLine,
    endOfLine,
    blankBefore: BLANK_LINE.test(text.slice(prevEnd, c.span.start)),
    blankAfter: BLANK_LINE.test(text.slice(c.span.end, nextStart)),
    isBlock: c.text.startsWith("/*"),
  };
}

function entry(map: CommentMap, node: Node): NodeComments {
  let e = map.get(node);
  if (!e) map.set(node, (e = { leading: [], trailing: [], dangling: [] }));
  return e;
}

/** Hang every comment on a node of `root`. */
export function attachComments(root: Node, comments: readonly Comment[], text: string): CommentMap {
  const map: CommentMap = new Map();
  const sorted = [...comments].sort((a, b) => a.span.start - b.span.start);
  const leadingTaken = new Set<Node>();
  const lead = (n: Node, a: AttachedComment) => {
    entry(map, n).leading.push(a);
    leadingTaken.add(n);
  };
  sorted.forEach((c, k) => {
    const prevEnd = k > 0 ? sorted[k - 1].span.end : 0;
    let enclosing: Node = root;
    let preceding: Node | undefined;
    let following: Node | undefined;
    for (;;) {
      const children = childNodes(enclosing);
      const inside = children.find((ch) => ch.span.start <= c.span.start && c.span.end <= ch.span.end && ch.span.start < ch.span.end);
      if (inside && !(inside.span.start === c.span.start && inside.span.end === c.span.end)) {
        enclosing = inside;
        continue;
      }
      preceding = undefined;
      following = undefined;
      for (const ch of blockAware(enclosing, children, c.span.start, text)) {
        if (ch.span.end <= c.span.start) preceding = ch;
        else if (ch.span.start >= c.span.end && !following) following = ch;
      }
      break;
    }
    const nextCommentStart = k + 1 < sorted.length ? sorted[k + 1].span.start : text.length;
    const nextStart = Math.min(following ? following.span.start : text.length, nextCommentStart);
    const a = describe(c, text, Math.max(prevEnd, preceding ? preceding.span.end : 0), nextStart);
    if (following && leadingTaken.has(following)) {
      // An earlier comment of this gap already leads `following`: this one
      // must too, or the two would print in the wrong order.
      lead(following, a);
    } else if (a.ownLine) {
      if (following) lead(following, a);
      else if (preceding) entry(map, preceding).trailing.push(a);
      else entry(map, enclosing).dangling.push(a);
    } else if (a.endOfLine) {
      // `a, // c` trails `a`; `x = // c` or `f( // c` leads what follows.
      if (preceding && (!following || /^[\s,;)\]}]*$/.test(withoutComments(text.slice(preceding.span.end, c.span.start)))))
        entry(map, preceding).trailing.push(a);
      else if (following) lead(following, a);
      else entry(map, enclosing).dangling.push(a);
    } else if (preceding && /^\s*$/.test(withoutComments(text.slice(preceding.span.end, c.span.start)))) {
      // `d: int /* width */,` stays with what it follows.
      entry(map, preceding).trailing.push(a);
    } else if (following) lead(following, a);
    else if (preceding) entry(map, preceding).trailing.push(a);
    else entry(map, enclosing).dangling.push(a);
  });
  return map;
}

/**
 * A declaration's header and its `{ body }` are separate places for a comment:
 * one after the `{` belongs to the body (or dangles in an empty one), never
 * to the last hyperparameter.
 */
function blockAware(node: Node, children: Node[], at: number, text: string): Node[] {
  let header: readonly Node[];
  let body: readonly Node[];
  if (node.kind === "Layer") [header, body] = [[node.name, ...node.hparams], node.body];
  else if (node.kind === "Op") [header, body] = [[node.name, ...node.params, node.body], node.grads];
  else if (node.kind === "Train") [header, body] = [[node.model], node.settings];
  else return children;
  const open = bodyOpen(text, Math.max(...header.map((h) => h.span.end)), node.span.end);
  if (open === undefined) return children;
  return at > open ? [...body] : [...header];
}

/** The offset of the `{` that opens a body, scanning past `)`, `,`, whitespace and comments. */
export function bodyOpen(text: string, from: number, limit: number): number | undefined {
  let i = from;
  while (i < limit) {
    const ch = text[i];
    if (ch === "{") return i;
    if (text.startsWith("//", i)) {
      while (i < limit && text[i] !== "\n") i++;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? limit : end + 2;
    } else if (/[\s(),]/.test(ch)) i++;
    else return undefined;
  }
  return undefined;
}

function withoutComments(gap: string): string {
  return gap.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, " ");
}

/** Where a node starts once its leading comments are counted. */
export function startWithComments(node: Node, map: CommentMap): number {
  const lead = map.get(node)?.leading;
  return lead && lead.length ? Math.min(node.span.start, lead[0].span.start) : node.span.start;
}

/** Whether the source has a blank line between two offsets. */
export function blankLineBetween(text: string, from: number, to: number): boolean {
  return from < to && BLANK_LINE.test(text.slice(from, to));
}
