// Semantic tokens for names only (the TextMate grammar colours keywords,
// literals and comments): what each name is, from roles.ts.

import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
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

/** STYLE as the protocol's numbers: the type's index and the modifiers' bit set. */
const ENCODED = Object.fromEntries(
  Object.entries(STYLE).map(([role, [type, mods]]) => [role, [TYPES.indexOf(type), mods.reduce((m, x) => m | (1 << MODIFIERS.indexOf(x)), 0)]]),
) as Record<Role, [number, number]>;

export function semanticTokens(a: Analysis): SemanticTokens {
  const programs = [...a.files.values()].map((f) => f.program);
  const roles = nameRoles(a.program, userDecls([a.program, ...programs]));
  // Every node with a role is a name of this file's tree (roles.ts sets only Idents and Names).
  const names: A.Node[] = [];
  for (const n of roles.keys()) if ((n.kind === "Ident" || n.kind === "Name") && n.span.end > n.span.start) names.push(n);
  names.sort((x, y) => x.span.start - y.span.start);
  const b = new SemanticTokensBuilder();
  // Names come in offset order: their lines are found by walking forward, not searched for each.
  const starts = a.file.lineStarts;
  let line = 0;
  for (const n of names) {
    const [type, modBits] = ENCODED[roles.get(n)!];
    while (line + 1 < starts.length && starts[line + 1] <= n.span.start) line++;
    b.push(line, n.span.start - starts[line], n.span.end - n.span.start, type, modBits);
  }
  return b.build();
}
