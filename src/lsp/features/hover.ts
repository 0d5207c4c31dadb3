// Hover: the type of any binding, input, stage or expression the checker
// typed; a built-in's signature and doc; a user layer's header; a keyword
// argument's or train setting's meaning.

import { MarkupKind, type Hover } from "vscode-languageserver";
import { showType, type TensorType } from "../../compiler/tensor-type";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis, Site } from "../analysis";
import { argLabel, builtinKindLabel, builtinNamed, signatureOf } from "../builtins";
import { TRAIN_SETTINGS } from "../../compiler/layers/index";
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
      const calleeName = call?.callee.kind === "Name" ? call.callee.name : undefined;
      const callee = calleeName ? builtinNamed(calleeName) : undefined;
      const spec = callee?.args.find((x) => x.name === name || x.aliases?.includes(name));
      const hp = calleeName ? user.get(calleeName) : undefined;
      if (spec) parts.push(code(argLabel(spec)), spec.doc ?? `argument of ${callee!.name}`);
      else if (hp?.kind === "Layer") {
        // A user layer's keyword argument is one of its hyperparameters.
        const h = hp.hparams.find((x) => x.name.name === name);
        if (h) parts.push(code(`${hp.isModel ? "model" : "layer"} ${hp.name.name}(… ${sourceOf(a, hp, h)} …)`), "hyperparameter");
      }
    } else if (role === "settingKey") {
      parts.push(code(`${name} = …`), TRAIN_SETTINGS[name]?.doc ?? "train setting");
    } else if (role === "hparam" && parent?.kind === "HParam") {
      parts.push(code(a.file.slice(parent.span)), "hyperparameter (a compile-time value)");
    } else if (role === "hparamRef") {
      const decl = chain.find((n): n is A.LayerDecl => n.kind === "Layer");
      const h = decl?.hparams.find((x) => x.name.name === name);
      if (h) parts.push(code(a.file.slice(h.span)), "hyperparameter (a compile-time value)");
    } else if (role === "feedTarget") {
      // `feed x = …`: the model's input it fills.
      const def = a.definitionOf(leaf);
      const input = def && inputAt(a, def);
      if (input) {
        const t = a.typeOf(input.name) ?? a.typeOf(input.type) ?? a.typeOf(input);
        const model = a.files.get(def.file)!.program.decls.find((d): d is A.LayerDecl => d.kind === "Layer" && d.body.includes(input));
        parts.push(code(`input ${name}: ${t ? showType(t) : a.files.get(def.file)!.file.slice(input.type.span)}`), `the input of model ${model?.name.name} that this feed fills`);
      }
    } else if (role === "dim") {
      parts.push(code(name), "symbolic dimension: a size known when the model runs (the batch, a sequence length)");
    }
    // A layer or function called as a stage: the type after it.
    const t = parent?.kind === "Call" && parent.callee === leaf ? a.typeOf(parent) : typeOfName(a, leaf, parent);
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

/** The input statement whose name is at a definition site. */
function inputAt(a: Analysis, def: Site): A.InputStmt | undefined {
  for (const d of a.files.get(def.file)?.program.decls ?? [])
    if (d.kind === "Layer") for (const s of d.body) if (s.kind === "Input" && s.name.span.start === def.span.start) return s;
  return undefined;
}

/** A binding's type: the name's own, else the value it names. */
function typeOfName(a: Analysis, leaf: A.Node, parent: A.Node | undefined): TensorType | undefined {
  const own = a.typeOf(leaf);
  if (own) return own;
  if (parent && leaf.kind === "Ident") {
    if (parent.kind === "Bind" || parent.kind === "Output") return a.typeOf(parent.value) ?? a.typeOf(parent);
    if (parent.kind === "Input" || parent.kind === "Param") return a.typeOf(parent.type) ?? a.typeOf(parent);
    if (parent.kind === "As") return a.typeOf(parent);
    if (parent.kind === "Member" && parent.property === leaf) return a.typeOf(parent); // `data.label`
  }
  return undefined;
}

/** The source text of a node of a declaration, from whichever loaded file holds it. */
function sourceOf(a: Analysis, d: A.Decl, n: A.Node): string {
  const text = [...a.files.values()].find((f) => f.program.decls.includes(d))?.file.text ?? a.file.text;
  return text.slice(n.span.start, n.span.end).replace(/\s+/g, " ");
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
