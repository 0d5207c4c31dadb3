// Hover: the type of any binding, input, stage or expression the checker
// typed; a built-in's signature and doc; a user layer's header; a keyword
// argument's or train setting's meaning.

import { MarkupKind, type Hover } from "vscode-languageserver";
import { showType, type TensorType } from "../../compiler/check/shapes";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
import { builtinKindLabel, builtinNamed, signatureOf, TRAIN_SETTINGS } from "../builtins";
import { isNameLike, nodeChain } from "../nodes";
import { toRange } from "../positions";
import { nameRoles, userDecls } from "../roles";

const code = (s: string) => "```dlnet\n" + s + "\n```";

export function hover(a: Analysis, offset: number): Hover | null {
  const chain = nodeChain(a.program, offset);
  const leaf = chain[chain.length - 1];
  const parent = chain[chain.length - 2];
  const programs = [...a.files.values()].map((f) => f.program);
  const user = userDecls([a.program, ...programs]);
  const parts: string[] = [];

  if (isNameLike(leaf)) {
    const name = leaf.kind === "Ident" ? leaf.name : leaf.name;
    const role = nameRoles(a.program, user).get(leaf);
    const builtin = builtinNamed(name);
    if ((role === "builtinLayer" || role === "builtinFunction" || role === "builtinTrain") && builtin) {
      const sig = signatureOf(builtin);
      parts.push(code(sig.label), `*${builtinKindLabel(builtin)}* — ${builtin.doc}`);
      const docs = sig.params.filter((p) => p.doc).map((p) => `- \`${p.name}\`: ${p.doc}`);
      if (docs.length) parts.push(docs.join("\n"));
    } else if ((role === "userLayer" || role === "userOp" || role === "layerDecl" || role === "modelDecl" || role === "opDecl" || role === "trainModel") && user.get(name)) {
      parts.push(code(declHeader(user.get(name)!, a)));
    } else if (role === "kwarg") {
      const call = [...chain].reverse().find((n): n is A.CallExpr => n.kind === "Call");
      const callee = call?.callee.kind === "Name" ? builtinNamed(call.callee.name) : undefined;
      const spec = callee?.args.find((x) => x.name === name || x.aliases?.includes(name));
      if (spec) parts.push(code(`${spec.name}: ${spec.kind}${spec.default !== undefined ? ` = ${JSON.stringify(spec.default)}` : ""}`), spec.doc ?? `argument of ${callee!.name}`);
    } else if (role === "settingKey") {
      parts.push(code(`${name} = …`), TRAIN_SETTINGS[name] ?? "train setting");
    } else if (role === "hparam" && parent?.kind === "HParam") {
      parts.push(code(a.file.slice(parent.span)), "hyperparameter (a compile-time value)");
    }
    const t = typeOfName(a, leaf, parent);
    if (t) parts.unshift(code(`${name}: ${showType(t)}`));
    if (!parts.length) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n") }, range: toRange(a.file, leaf.span) };
  }

  // Not on a name: the innermost typed expression (a call, a stage, a bracket).
  for (let i = chain.length - 1; i >= 0; i--) {
    const t = a.typeOf(chain[i]);
    if (t) {
      return {
        contents: { kind: MarkupKind.Markdown, value: code(`${short(a.file.slice(chain[i].span))}: ${showType(t)}`) },
        range: toRange(a.file, chain[i].span),
      };
    }
  }
  return null;
}

/** A binding's type: the name's own, else the value it names. */
function typeOfName(a: Analysis, leaf: A.Node, parent: A.Node | undefined): TensorType | undefined {
  const own = a.typeOf(leaf);
  if (own) return own;
  if (parent && leaf.kind === "Ident") {
    if (parent.kind === "Bind" || parent.kind === "Output") return a.typeOf(parent.value) ?? a.typeOf(parent);
    if (parent.kind === "Input" || parent.kind === "Param") return a.typeOf(parent.type) ?? a.typeOf(parent);
    if (parent.kind === "As") return a.typeOf(parent);
  }
  return undefined;
}

function short(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 60 ? one.slice(0, 57) + "…" : one;
}

/** `layer Block(d: int, heads: int, p: float = 0.1)` as written. */
export function declHeader(d: A.LayerDecl | A.OpDecl, a: Analysis): string {
  const text = [...a.files.values()].find((f) => f.program.decls.includes(d))?.file.text ?? a.file.text;
  if (d.kind === "Op") return `op ${d.name.name}(${d.params.map((p) => p.name).join(", ")})`;
  const hp = d.hparams.map((h) => text.slice(h.span.start, h.span.end).replace(/\s+/g, " ")).join(", ");
  const ios = d.body
    .filter((s): s is A.InputStmt | A.OutputStmt => s.kind === "Input" || s.kind === "Output")
    .map((s) => `  ${s.kind === "Input" ? "input" : "output"} ${s.name.name}${s.type ? ": " + text.slice(s.type.span.start, s.type.span.end) : ""}`);
  return `${d.isModel ? "model" : "layer"} ${d.name.name}${hp ? `(${hp})` : ""}${ios.length ? ` {\n${ios.join("\n")}\n}` : ""}`;
}
