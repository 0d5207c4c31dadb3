// A Prettier plugin for .dlnet, so a project that already runs Prettier
// formats its models with the same command. Built to JavaScript by
// `npm run build:prettier-plugin` (scripts/build-prettier-plugin.ts):
//   prettier --plugin=./dist/prettier-plugin.mjs --write "**/*.dlnet"
// It is the dlnet formatter behind Prettier's plugin interface: the parser is
// the compiler's, the printer returns the same document `format()` prints.

import type { Parser, Plugin, Printer, SupportLanguage } from "prettier";
import { hasErrors } from "../compiler/diagnostics";
import { SourceFile } from "../compiler/source";
import { parse, type Program } from "../compiler/syntax/index";
import type { Comment } from "./comments";
import { formatDoc } from "./index";

/** The root Prettier sees: the AST, with the comments under a name Prettier leaves alone. */
interface DlnetRoot {
  type: "dlnet-root";
  program: Program;
  dlnetComments: readonly Comment[];
  text: string;
  start: number;
  end: number;
}

export const languages: SupportLanguage[] = [
  {
    name: "dlnet",
    parsers: ["dlnet"],
    extensions: [".dlnet"],
    vscodeLanguageIds: ["dlnet"],
  },
];

const dlnetParser: Parser<DlnetRoot> = {
  astFormat: "dlnet-ast",
  parse(text, options) {
    const file = new SourceFile((options as { filepath?: string }).filepath ?? "input.dlnet", text);
    const parsed = parse(file);
    const errors = parsed.diagnostics.filter((d) => d.severity === "error");
    if (hasErrors(parsed.diagnostics)) {
      const first = errors[0];
      const at = file.position(first.span.start);
      // Prettier reports a thrown error with `loc` as a syntax error at that place.
      throw Object.assign(new SyntaxError(`${first.code} ${first.message}`), {
        loc: { start: { line: at.line, column: at.column } },
      });
    }
    return { type: "dlnet-root", program: parsed.program, dlnetComments: parsed.comments, text, start: 0, end: text.length };
  },
  locStart: (node) => node.start ?? 0,
  locEnd: (node) => node.end ?? 0,
};

const dlnetPrinter: Printer<DlnetRoot> = {
  print(path, options) {
    const root = path.node;
    return formatDoc(root.program, root.dlnetComments, root.text, options.printWidth);
  },
};

export const parsers = { dlnet: dlnetParser };
export const printers = { "dlnet-ast": dlnetPrinter };

const plugin: Plugin<DlnetRoot> = { languages, parsers, printers };
export default plugin;
