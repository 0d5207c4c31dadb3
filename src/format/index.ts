// `format(text, path)`: the one canonical layout of a .dlnet file, printed from
// the AST and the comments the lexer kept aside, with \n line ends. A file with syntax errors is
// not formatted (its diagnostics are returned and the text is left alone).
// The result is checked before it is returned: it must parse to the same AST
// (spans aside) with the same comments in the same order, else the formatter
// has a bug and says so instead of changing the program.

import { printer, type builders } from "prettier/doc";

type Doc = builders.Doc;
import { hasErrors, InternalError, type Diagnostic } from "../compiler/diagnostics";
import { SourceFile } from "../compiler/source";
import { parse, printAst, type Program } from "../compiler/syntax/index";
import { attachComments, type Comment } from "./comments";
import { printProgram } from "./printer";

export interface FormatOptions {
  /** Lines longer than this are broken where the layout allows (default 80). */
  printWidth?: number;
  /** Re-parse the output and compare ASTs (default true; the Prettier plugin's own check may turn it off). */
  verify?: boolean;
}

export interface FormatResult {
  /** The formatted text, or the input unchanged when it has syntax errors. */
  text: string;
  diagnostics: Diagnostic[];
  /** Whether `text` differs from the input. */
  changed: boolean;
}

export const DEFAULT_PRINT_WIDTH = 80;

/** The layout of a parsed program as a Prettier document (used by the Prettier plugin too). */
export function formatDoc(program: Program, comments: readonly Comment[], text: string, printWidth = DEFAULT_PRINT_WIDTH): Doc {
  const map = attachComments(program, comments, text);
  const doc = printProgram(program, { text, comments: map, printWidth });
  const lost = [...map.values()].flatMap((c) => [...c.leading, ...c.trailing, ...c.dangling]).filter((c) => !c.printed);
  if (lost.length) throw new InternalError(`formatter dropped a comment at offset ${lost[0].span.start}: ${lost[0].text}`);
  return doc;
}

export function format(text: string, path: string, options: FormatOptions = {}): FormatResult {
  const file = new SourceFile(path, text);
  const parsed = parse(file);
  if (hasErrors(parsed.diagnostics)) return { text, diagnostics: parsed.diagnostics, changed: false };
  const printWidth = options.printWidth ?? DEFAULT_PRINT_WIDTH;
  const doc = formatDoc(parsed.program, parsed.comments, text, printWidth);
  const out = printer.printDocToString(doc, {
    printWidth,
    tabWidth: 2,
    useTabs: false,
  }).formatted;
  const formatted = stripTrailingSpaces(out);
  if (options.verify !== false) verifySameProgram(file, parsed.program, parsed.comments, formatted);
  return { text: formatted, diagnostics: parsed.diagnostics, changed: formatted !== text };
}

function stripTrailingSpaces(s: string): string {
  return s.replace(/[ \t]+$/gm, "");
}

/** The AST as text without spans: two programs are the same program when these are equal. */
export function astShape(program: Program, file: SourceFile): string {
  return printAst(program, file).replace(/ \d+:\d+-\d+:\d+$/gm, "");
}

function verifySameProgram(before: SourceFile, program: Program, comments: readonly Comment[], formatted: string): void {
  const after = new SourceFile(before.path, formatted);
  const reparsed = parse(after);
  if (hasErrors(reparsed.diagnostics)) {
    throw new InternalError(`formatter output does not parse: ${reparsed.diagnostics[0].message}`);
  }
  if (astShape(program, before) !== astShape(reparsed.program, after)) {
    throw new InternalError("formatter output parses to a different program");
  }
  const texts = (cs: readonly Comment[]) => cs.map((c) => c.text.replace(/[ \t]*\r?\n/g, "\n").trimEnd()).join("\n");
  if (texts(comments) !== texts(reparsed.comments)) throw new InternalError("formatter output changed the comments");
}
