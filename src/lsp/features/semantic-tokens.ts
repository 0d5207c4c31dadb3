// Semantic tokens for names only (the TextMate grammar colours keywords,
// literals and comments): what each name is, from roles.ts.

import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
import { walk } from "../nodes";
import { nameRoles, userDecls, type Role } from "../roles";

const TYPES = ["type", "class", "function", "parameter", "variable", "property", "typeParameter", "namespace"] as const;
const MODIFIERS = ["declaration", "defaultLibrary", "readonly"] as const;
type TokenType = (typeof TYPES)[number];
type Modifier = (typeof MODIFIERS)[number];

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

const STYLE: Record<Role, [TokenType, Modifier[]]> = {
  layerDecl: ["type", ["declaration"]],
  modelDecl: ["class", ["declaration"]],
  opDecl: ["function", ["declaration"]],
  hparam: ["parameter", ["declaration", "readonly"]],
  hparamType: ["type", ["defaultLibrary"]],
  hparamRef: ["parameter", ["readonly"]],
  opParam: ["parameter", ["declaration"]],
  gradParam: ["parameter", []],
  input: ["variable", ["declaration"]],
  param: ["variable", ["declaration"]],
  bind: ["variable", ["declaration"]],
  output: ["variable", ["declaration"]],
  asName: ["variable", ["declaration"]],
  dtype: ["type", ["defaultLibrary"]],
  dim: ["typeParameter", []],
  builtinLayer: ["class", ["defaultLibrary"]],
  builtinFunction: ["function", ["defaultLibrary"]],
  builtinTrain: ["function", ["defaultLibrary"]],
  userLayer: ["type", []],
  userOp: ["function", []],
  kwarg: ["parameter", []],
  member: ["property", []],
  settingKey: ["property", ["declaration"]],
  feedTarget: ["variable", []],
  trainModel: ["class", []],
  local: ["variable", []],
};

export function semanticTokens(a: Analysis): SemanticTokens {
  const programs = [...a.files.values()].map((f) => f.program);
  const roles = nameRoles(a.program, userDecls([a.program, ...programs]));
  const names: A.Node[] = [];
  for (const n of walk(a.program)) if ((n.kind === "Ident" || n.kind === "Name") && roles.has(n) && n.span.end > n.span.start) names.push(n);
  names.sort((x, y) => x.span.start - y.span.start);
  const b = new SemanticTokensBuilder();
  for (const n of names) {
    const [type, mods] = STYLE[roles.get(n)!];
    const p = a.file.position(n.span.start);
    const modBits = mods.reduce((m, x) => m | (1 << MODIFIERS.indexOf(x)), 0);
    b.push(p.line - 1, p.column - 1, n.span.end - n.span.start, TYPES.indexOf(type), modBits);
  }
  return b.build();
}
