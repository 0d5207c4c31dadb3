// The canonical layout of a .dlnet file, as a Prettier document (the Wadler
// pretty-printer algebra: groups that print flat when they fit, else broken).
// Layout rules: 2-space indent, one statement per line, one blank line between
// declarations, blank lines inside a body kept (at most one), a pipe that does
// not fit broken where the source breaks it (arrows aligned; a line still too
// long gets one stage per line), call
// and list arguments broken one per line when they do not fit, the `=` of
// consecutive train settings aligned. Parentheses are AST nodes, so printing
// the tree as it is reproduces it; the printer never adds or drops brackets.

import { builders, printer } from "prettier/doc";
import type * as A from "../compiler/syntax/ast";
import { BINARY_PRECEDENCE } from "../../grammar/tokens";
import { blankLineBetween, startWithComments, type AttachedComment, type CommentMap } from "./comments";

type Doc = builders.Doc;
const { group, indent, join, line, softline, hardline, lineSuffix, lineSuffixBoundary, breakParent } = builders;

/** Spaces between the longest line of a run of train settings and its aligned comments. */
const COMMENT_GAP = 2;

export interface PrintContext {
  text: string;
  printWidth: number;
  comments: CommentMap;
}

export function printProgram(p: A.Program, ctx: PrintContext): Doc {
  const parts: Doc[] = [];
  const items: A.Node[] = [...p.imports, ...p.decls].sort((a, b) => a.span.start - b.span.start);
  let prev: A.Node | undefined;
  for (const item of items) {
    if (prev) {
      // Imports stay together; declarations are separated by exactly one blank line.
      const blank = item.kind !== "Import" || prev.kind !== "Import";
      parts.push(hardline);
      if (blank) parts.push(hardline);
    }
    parts.push(print(item, ctx));
    prev = item;
  }
  const dangling = printDangling(p, ctx, false);
  if (items.length === 0 && dangling.length === 0) return "";
  return [...parts, dangling, hardline];
}

/** Nodes that print their dangling comments themselves (inside their `{ }`, or a file of comments). */
const OWN_DANGLING = new Set<A.Node["kind"]>(["Program", "Layer", "Op", "Train"]);

/** Print a node with its comments. Every node is printed through here, so no comment is lost. */
export function print(node: A.Node, ctx: PrintContext): Doc {
  const c = ctx.comments.get(node);
  let body = printNode(node, ctx);
  if (!c) return body;
  if (c.dangling.length && !OWN_DANGLING.has(node.kind)) {
    // Inside a node with no child to hang it on (`import /* c */ "x"`, `[ /* c */ ]`): after it.
    body = [body, ...c.dangling.map((d, i) => printTrailing({ ...d, ownLine: false }, i, c.dangling))];
    for (const d of c.dangling) d.printed = true;
  }
  return [...c.leading.map((x) => printLeading(x)), body, ...c.trailing.map(printTrailing)];
}

function commentText(c: AttachedComment): Doc {
  c.printed = true;
  // A multi-line block comment is kept verbatim (line ends as \n, like the
  // rest of the output); it forces its group to break.
  const text = c.text.replace(/\r\n?/g, "\n");
  return text.includes("\n") ? [text, breakParent] : text;
}

function printLeading(c: AttachedComment): Doc {
  // A trailing `// comment` still waiting for the line end must come out
  // first, or it would follow this one (or swallow it).
  const t = [lineSuffixBoundary, commentText(c)];
  if (c.isBlock && !c.endOfLine) return [t, " "];
  return [t, hardline, c.blankAfter ? hardline : ""];
}

function printTrailing(c: AttachedComment, i: number, all: readonly AttachedComment[]): Doc {
  const t = commentText(c);
  // After a trailing `// comment` the next one starts a line of its own.
  const afterLineComment = i > 0 && !all[i - 1].isBlock;
  // Once one comment of the list waits in the line-end buffer, the rest queue behind it.
  const queued = all.slice(0, i).some((p) => p.ownLine || !p.isBlock);
  if (c.ownLine || afterLineComment) return [lineSuffix([hardline, c.blankBefore ? hardline : "", t]), breakParent];
  if (queued) return [lineSuffix([" ", t]), breakParent];
  if (c.isBlock) return [" ", t];
  return [lineSuffixBoundary, lineSuffix([" ", t]), breakParent];
}

/** Comments of a node with nothing to hang them on (an empty body, a file of comments only). */
function printDangling(node: A.Node, ctx: PrintContext, inBlock: boolean): Doc[] {
  const d = ctx.comments.get(node)?.dangling ?? [];
  return d.map((c, i) => [i > 0 || inBlock ? hardline : "", i > 0 && c.blankBefore ? hardline : "", commentText(c)]);
}

/** `{ stmt… }` with one statement per line and the source's blank lines kept (at most one). */
function printBlock(owner: A.Node, items: readonly A.Node[], ctx: PrintContext, printItem = (n: A.Node) => print(n, ctx)): Doc {
  const dangling = printDangling(owner, ctx, true);
  if (items.length === 0) return dangling.length === 0 ? "{}" : ["{", indent(dangling), hardline, "}"];
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    parts.push(hardline);
    if (i > 0 && blankLineBetween(ctx.text, items[i - 1].span.end, startWithComments(item, ctx.comments))) parts.push(hardline);
    parts.push(printItem(item));
  });
  return ["{", indent([...parts, dangling]), hardline, "}"];
}

function list(open: string, items: readonly A.Node[], close: string, ctx: PrintContext): Doc {
  if (items.length === 0) return open + close;
  return group([open, indent([softline, join([",", line], items.map((x) => print(x, ctx)))]), softline, close]);
}

function printNode(n: A.Node, ctx: PrintContext): Doc {
  switch (n.kind) {
    case "Program":
      return printProgram(n, ctx);
    case "Import":
      return ["import ", importPath(n, ctx)];
    case "Layer":
      return [
        n.isModel ? "model " : "layer ",
        print(n.name, ctx),
        n.hparams.length ? list("(", n.hparams, ")", ctx) : "",
        " ",
        printBlock(n, n.body, ctx, alignedKeywords(n.body, ctx)),
      ];
    case "HParam":
      return [print(n.name, ctx), n.type ? [": ", print(n.type, ctx)] : "", n.default ? [" = ", print(n.default, ctx)] : ""];
    case "Op":
      return [
        "op ",
        print(n.name, ctx),
        list("(", n.params, ")", ctx),
        " = ",
        print(n.body, ctx),
        n.grads.length || ctx.comments.get(n)?.dangling.length ? [" ", printBlock(n, n.grads, ctx)] : "",
      ];
    case "Grad":
      return ["grad ", print(n.param, ctx), " = ", print(n.value, ctx)];
    case "Train":
      return ["train ", print(n.model, ctx), " ", printBlock(n, n.settings, ctx, alignedSettings(n.settings, ctx))];
    case "Setting":
      return printSetting(n, ctx, 0);
    case "Input":
    case "Param":
      return printDeclStmt(n, ctx, 0);
    case "Bind":
      return [print(n.name, ctx), " = ", print(n.value, ctx)];
    case "Output":
      return printDeclStmt(n, ctx, 0);
    case "TensorType":
      return [print(n.dtype, ctx), list("[", n.dims, "]", ctx)];
    case "Ident":
      return n.name;
    case "Name":
      return n.name;
    case "Number":
      return n.text;
    case "String":
      return ctx.text.slice(n.span.start, n.span.end);
    case "Bool":
      return n.value ? "true" : "false";
    case "List":
      return list("[", n.items, "]", ctx);
    case "Paren":
      // A bracketed pipe that does not fit opens its bracket on the line and
      // indents the pipe under it (`h + (\n  h -> LayerNorm -> …\n)`).
      if (n.expr.kind === "Pipe") return group(["(", indent([softline, print(n.expr, ctx)]), softline, ")"]);
      return ["(", print(n.expr, ctx), ")"];
    case "Unary":
      return [n.op, print(n.operand, ctx)];
    case "Binary":
      return printBinary(n, ctx);
    case "Pipe":
      return printPipe(n, ctx);
    case "Call":
      return [print(n.callee, ctx), list("(", n.args, ")", ctx)];
    case "Arg":
      return n.name ? [print(n.name, ctx), ": ", print(n.value, ctx)] : print(n.value, ctx);
    case "Member":
      return [print(n.object, ctx), ".", print(n.property, ctx)];
    case "Index":
      return [print(n.object, ctx), list("[", n.items, "]", ctx)];
    case "Slice":
      return [
        n.start ? print(n.start, ctx) : "",
        ":",
        n.end ? print(n.end, ctx) : "",
        n.step ? [":", print(n.step, ctx)] : "",
      ];
    case "Ellipsis":
      return "...";
    case "As":
      return [print(n.expr, ctx), " as ", print(n.name, ctx)];
    case "Repeat":
      return group(["repeat(", indent([softline, n.variable ? [print(n.variable, ctx), " in "] : "", print(n.count, ctx), ",", line, print(n.layer, ctx)]), softline, ")"]);
    case "If":
      return printIf(n, ctx);
    case "Error":
      // The formatter refuses files with syntax errors; keep the text if one gets here.
      return ctx.text.slice(n.span.start, n.span.end);
  }
}

/**
 * `a + b - c` flat, or broken before each operator of the chain (one level of
 * precedence: the operands of a same-precedence, left-nested chain), indented.
 * `**` (right associative) and nested levels print as their own groups.
 */
function printBinary(n: A.BinaryExpr, ctx: PrintContext): Doc {
  if (n.op === "**") return [print(n.left, ctx), " ** ", print(n.right, ctx)];
  const prec = BINARY_PRECEDENCE[n.op];
  const rest: Doc[] = [];
  let left: A.Expr = n;
  // Walk down the left spine while it is the same precedence level and carries no comments of its own.
  while (left.kind === "Binary" && BINARY_PRECEDENCE[left.op] === prec && (left === n || !ctx.comments.has(left))) {
    rest.unshift([line, left.op, " ", print(left.right, ctx)]);
    left = left.left;
  }
  return group([print(left, ctx), indent(rest)]);
}

/** `if c { a } else { b }` on one line, or each branch on its own indented lines; `else if` stays chained. */
function printIf(n: A.IfExpr, ctx: PrintContext): Doc {
  const branch = (e: A.Expr): Doc => ["{", indent([line, print(e, ctx)]), line, "}"];
  const rest: Doc = n.otherwise.kind === "If" && !ctx.comments.has(n.otherwise) ? print(n.otherwise, ctx) : branch(n.otherwise);
  return group(["if ", print(n.cond, ctx), " ", branch(n.then), " else ", rest]);
}

/**
 * `x -> A -> B` flat when it fits; else broken where the source breaks it:
 * the stages written on one line stay on one line (`-> Conv2d(16) -> ReLU ->
 * MaxPool2d(2)`, a block per line) while that line fits, and a line that does
 * not fit gets one `-> stage` per line. A pipe written on one line that does
 * not fit therefore prints one stage per line. Continuation lines are indented.
 */
function printPipe(n: A.PipeExpr, ctx: PrintContext): Doc {
  const [source, ...stages] = n.stages;
  // Runs of stages the source put on one line; the first run starts with the pipe's source.
  const runs: Doc[][] = [[print(source, ctx)]];
  stages.forEach((s, i) => {
    const brokenBefore = ctx.text.slice(n.stages[i].span.end, s.span.start).includes("\n");
    if (brokenBefore) runs.push([]);
    runs[runs.length - 1].push(["-> ", print(s, ctx)]);
  });
  const [first, ...rest] = runs;
  const run = (docs: Doc[]) => group(join(line, docs));
  return group([
    group([first[0], indent(first.slice(1).map((d) => [line, d]))]),
    indent(rest.map((docs) => [line, run(docs)])),
  ]);
}

function importPath(n: A.ImportDecl, ctx: PrintContext): string {
  const raw = ctx.text.slice(n.pathSpan.start, n.pathSpan.end);
  return raw.startsWith('"') ? raw : JSON.stringify(n.path);
}

function settingKey(s: A.Setting): string {
  return s.target ? `${s.key.name} ${s.target.name}` : s.key.name;
}

function printSetting(s: A.Setting, ctx: PrintContext, width: number): Doc {
  const key: Doc = s.target ? [print(s.key, ctx), " ", print(s.target, ctx)] : print(s.key, ctx);
  const pad = " ".repeat(Math.max(0, width - settingKey(s).length));
  return [key, pad, " = ", print(s.value, ctx)];
}

/**
 * Pad the keys of each run of settings not separated by a blank line, so their
 * `=` line up; and line up the end-of-line comments of the run's one-line
 * settings, COMMENT_GAP spaces after the longest of them.
 */
function alignedSettings(settings: readonly A.Setting[], ctx: PrintContext): (n: A.Node) => Doc {
  const keyWidth = new Map<A.Node, number>();
  const commentColumn = new Map<A.Node, number>();
  const flatWidth = new Map<A.Node, number>();
  let run: A.Setting[] = [];
  const flush = () => {
    const w = Math.max(...run.map(settingKey).map((k) => k.length));
    let col = 0;
    for (const s of run) {
      keyWidth.set(s, w);
      const t = alignableComment(s, ctx);
      if (!t) continue;
      const printed = printer.printDocToString(printSetting(s, ctx, w), { printWidth: ctx.printWidth - 2, tabWidth: 2, useTabs: false }).formatted;
      if (printed.includes("\n")) continue;
      flatWidth.set(s, printed.length);
      col = Math.max(col, printed.length + COMMENT_GAP);
    }
    for (const s of run) if (flatWidth.has(s)) commentColumn.set(s, col);
    run = [];
  };
  settings.forEach((s, i) => {
    if (i > 0 && blankLineBetween(ctx.text, settings[i - 1].span.end, startWithComments(s, ctx.comments))) flush();
    run.push(s);
  });
  if (run.length) flush();
  return (n) => {
    const c = ctx.comments.get(n);
    const body = printSetting(n as A.Setting, ctx, keyWidth.get(n) ?? 0);
    if (!c) return body;
    const col = commentColumn.get(n);
    if (col !== undefined) {
      const [t] = c.trailing;
      const pad = " ".repeat(col - flatWidth.get(n)!);
      return [...c.leading.map(printLeading), body, lineSuffix([pad, commentText(t)]), breakParent];
    }
    return [...c.leading.map(printLeading), body, ...c.trailing.map(printTrailing)];
  };
}

/** The one `// comment` at the end of a setting's line, if that is all that trails it. */
function alignableComment(s: A.Setting, ctx: PrintContext): AttachedComment | undefined {
  const t = ctx.comments.get(s)?.trailing;
  return t && t.length === 1 && !t[0].isBlock && !t[0].ownLine ? t[0] : undefined;
}

type KeywordStmt = A.InputStmt | A.ParamStmt | A.OutputStmt;
const STMT_KEYWORD = { Input: "input", Param: "param", Output: "output" } as const;

/** `input x: T`, `param w: T = init`, `output y[: T] = e`, the keyword padded to `width`. */
function printDeclStmt(n: KeywordStmt, ctx: PrintContext, width: number): Doc {
  const kw = STMT_KEYWORD[n.kind].padEnd(width);
  const type: Doc = n.type ? [": ", print(n.type, ctx)] : "";
  const value = n.kind === "Input" ? undefined : n.kind === "Param" ? n.init : n.value;
  return [kw, " ", print(n.name, ctx), type, value ? [" = ", print(value, ctx)] : ""];
}

/**
 * Adjacent `input`/`param`/`output` lines (no blank line or other statement
 * between) pad their keywords to one width, so the names line up:
 * `input  x: …` above `output y = …`.
 */
function alignedKeywords(body: readonly A.Stmt[], ctx: PrintContext): (n: A.Node) => Doc {
  const width = new Map<A.Node, number>();
  let run: KeywordStmt[] = [];
  const flush = () => {
    const w = Math.max(...run.map((s) => STMT_KEYWORD[s.kind].length));
    if (run.length > 1) for (const s of run) width.set(s, w);
    run = [];
  };
  body.forEach((s, i) => {
    const adjacent = i > 0 && !blankLineBetween(ctx.text, body[i - 1].span.end, startWithComments(s, ctx.comments));
    if (!adjacent || s.kind === "Bind") flush();
    if (s.kind !== "Bind") run.push(s);
  });
  flush();
  return (n) => {
    const w = width.get(n);
    if (w === undefined) return print(n, ctx);
    const c = ctx.comments.get(n);
    const body = printDeclStmt(n as KeywordStmt, ctx, w);
    return c ? [...c.leading.map(printLeading), body, ...c.trailing.map(printTrailing)] : body;
  };
}
