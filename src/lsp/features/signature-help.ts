// Signature help inside a call: the built-in's or user layer's parameters,
// the active one found from the tokens (positional index, or its keyword).

import type { SignatureHelp, SignatureInformation } from "vscode-languageserver";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
import { builtinNamed, signatureOf, type Signature } from "../builtins";
import { cursorContext } from "../cursor";
import { userDecls } from "../roles";

function userSignature(d: A.LayerDecl | A.OpDecl, text: string): Signature {
  if (d.kind === "Op") {
    const params = d.params.map((p) => ({ label: p.name, name: p.name }));
    return { label: `${d.name.name}(${params.map((p) => p.label).join(", ")})`, params, doc: "op" };
  }
  const params = d.hparams.map((h) => ({ label: text.slice(h.span.start, h.span.end).replace(/\s+/g, " "), name: h.name.name }));
  return { label: `${d.name.name}(${params.map((p) => p.label).join(", ")})`, params, doc: d.isModel ? "model" : "layer" };
}

export function signatureHelp(a: Analysis, offset: number): SignatureHelp | null {
  const call = cursorContext(a.file, offset).call;
  if (!call) return null;
  let sig: Signature | undefined;
  let active = call.index;
  const builtin = builtinNamed(call.callee);
  if (builtin) {
    sig = signatureOf(builtin);
    if (builtin.kind === "function") {
      // A piped function's first tensor operand is the value coming down the pipe.
      if (call.piped) active = call.index + 1;
    } else if (builtin.kind === "layer" && builtin.positional && !call.keyword) {
      // Positional layouts differ by count: `Linear(out)` vs `Linear(in, out)`.
      const layout = builtin.positional.find((l) => l.length > call.positionalBefore) ?? builtin.positional[builtin.positional.length - 1];
      const name = layout[Math.min(call.positionalBefore, layout.length - 1)];
      active = sig.params.findIndex((p) => p.name === name);
    }
  } else {
    const programs = [...a.files.values()];
    const d = userDecls([a.program, ...programs.map((f) => f.program)]).get(call.callee);
    if (!d) return null;
    const text = programs.find((f) => f.program.decls.includes(d as A.Decl))?.file.text ?? a.file.text;
    sig = userSignature(d, text);
  }
  if (call.keyword) {
    const k = sig.params.findIndex((p) => p.name === call.keyword);
    if (k >= 0) active = k;
  }
  const info: SignatureInformation = {
    label: sig.label,
    documentation: sig.doc,
    parameters: sig.params.map((p) => ({ label: p.label, ...(p.doc ? { documentation: p.doc } : {}) })),
  };
  return { signatures: [info], activeSignature: 0, activeParameter: Math.max(0, Math.min(active, sig.params.length - 1)) };
}
