// Completion, by what the tokens before the cursor say is expected: keyword
// arguments inside a call, data fields after `data.`, train settings and
// their vocabularies in a train block, dtypes after `:`, statement keywords
// at a statement start, and otherwise everything an expression can name
// (bindings and hyperparameters in scope, built-in and user layers, functions).

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from "vscode-languageserver";
import { showType } from "../../compiler/tensor-type";
import { AUGMENT_DEFS, DATA, FUNCTIONS, OPTIMIZER_DEFS, SCHEDULE_DEFS, TRAIN_SETTINGS, type ArgValue, type Args } from "../../compiler/layers/index";
import { DTYPES } from "../../../grammar/tokens";
import type * as A from "../../compiler/syntax/ast";
import type { Analysis } from "../analysis";
import { allBuiltins, argLabel, builtinNamed, requiredArgs, signatureOf, type AnyBuiltin } from "../builtins";
import { cursorContext, type CursorContext } from "../cursor";
import { userDecls } from "../roles";
import { walk } from "../nodes";
import { HPARAM_TYPES } from "../../../grammar/textmate-vocab";

const snippet = (label: string, kind: CompletionItemKind, insertText: string, detail?: string, doc?: string): CompletionItem => ({
  label,
  kind,
  insertText,
  insertTextFormat: InsertTextFormat.Snippet,
  ...(detail ? { detail } : {}),
  ...(doc ? { documentation: { kind: MarkupKind.Markdown, value: doc } } : {}),
});
const plain = (label: string, kind: CompletionItemKind, detail?: string, doc?: string): CompletionItem => ({
  label,
  kind,
  ...(detail ? { detail } : {}),
  ...(doc ? { documentation: { kind: MarkupKind.Markdown, value: doc } } : {}),
});

function builtinItem(def: AnyBuiltin, piped: boolean): CompletionItem {
  const req = requiredArgs(def);
  const sig = signatureOf(def);
  const kind = def.kind === "layer" ? CompletionItemKind.Class : def.kind === "function" ? CompletionItemKind.Function : CompletionItemKind.Constructor;
  let args = req.map((a, i) => `\${${i + 1}:${a.name}}`);
  if (def.kind === "function" && !piped) args = [`\${1:x}`, ...req.map((a, i) => `${a.name}: \${${i + 2}:${a.name}}`)];
  else if (def.kind === "function") args = req.map((a, i) => `${a.name}: \${${i + 1}:${a.name}}`);
  const bare = args.length === 0 && (def.kind === "layer" || (def.kind === "function" && piped));
  return snippet(def.name, kind, bare ? def.name : `${def.name}(${args.join(", ") || "$1"})`, sig.label, def.doc);
}

function userItem(d: A.LayerDecl | A.OpDecl): CompletionItem {
  if (d.kind === "Op") {
    const ps = d.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(", ");
    return snippet(d.name.name, CompletionItemKind.Function, `${d.name.name}(${ps})`, `op ${d.name.name}(${d.params.map((p) => p.name).join(", ")})`);
  }
  const req = d.hparams.filter((h) => !h.default);
  const detail = `${d.isModel ? "model" : "layer"} ${d.name.name}(${d.hparams.map((h) => h.name.name + (h.type ? `: ${h.type.name}` : "")).join(", ")})`;
  const insert = req.length ? `${d.name.name}(${req.map((h, i) => `\${${i + 1}:${h.name.name}}`).join(", ")})` : d.name.name;
  return snippet(d.name.name, d.isModel ? CompletionItemKind.Class : CompletionItemKind.Struct, insert, detail);
}

/** Names readable at `offset` inside a layer, model or op: hyperparameters, then statements above. */
function namesInScope(a: Analysis, decl: A.Decl | undefined, offset: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  if (decl?.kind === "Layer") {
    for (const h of decl.hparams) out.push(plain(h.name.name, CompletionItemKind.TypeParameter, `hyperparameter${h.type ? `: ${h.type.name}` : ""}`));
    for (const s of decl.body) {
      if (s.span.start >= offset) break;
      // The statement being written does not see its own name: the one around the
      // cursor, or the last one before it while it is still broken (`y = h -> |`).
      if (offset <= s.span.end) continue;
      const next = decl.body[decl.body.indexOf(s) + 1];
      if ((!next || next.span.start >= offset) && [...walk(s)].some((n) => n.kind === "Error")) continue;
      const t = a.typeOf(s.name) ?? (s.kind === "Bind" || s.kind === "Output" ? a.typeOf(s.value) : a.typeOf(s.type));
      out.push(plain(s.name.name, CompletionItemKind.Variable, t ? showType(t) : s.kind.toLowerCase()));
    }
  } else if (decl?.kind === "Op") {
    for (const p of decl.params) out.push(plain(p.name, CompletionItemKind.Variable, "operand"));
    out.push(plain("dy", CompletionItemKind.Variable, "incoming gradient"));
  }
  return out;
}

/** A train block's model: its inputs and outputs, as the loss and metrics name them. */
function modelNames(a: Analysis, model: string | undefined, user: Map<string, A.LayerDecl | A.OpDecl>): CompletionItem[] {
  const d = model ? user.get(model) : undefined;
  if (!d || d.kind !== "Layer") return [];
  return d.body
    .filter((s) => s.kind === "Output" || s.kind === "Input")
    .map((s) => {
      const t = a.typeOf(s.name) ?? (s.kind === "Output" ? a.typeOf(s.value) : undefined);
      return plain(s.name.name, CompletionItemKind.Variable, t ? `${s.kind.toLowerCase()}: ${showType(t)}` : s.kind.toLowerCase());
    });
}

/** The fields of the train block's `data = source(...)`, from the registry and the literal arguments. */
export function dataFields(trainDecl: A.TrainDecl | undefined): { name: string; type?: string }[] {
  const data = trainDecl?.settings.find((s) => s.key.name === "data")?.value;
  if (!data || data.kind !== "Call" || data.callee.kind !== "Name") return [];
  const def = DATA.get(data.callee.name);
  if (!def) return [];
  const args: Record<string, ArgValue | undefined> = {};
  def.args.forEach((s) => (args[s.name] = s.default));
  let pos = 0;
  for (const arg of data.args) {
    const v = literal(arg.value);
    const name = arg.name ? def.args.find((s) => s.name === arg.name!.name || s.aliases?.includes(arg.name!.name))?.name : def.args[pos++]?.name;
    if (name !== undefined) args[name] = v;
  }
  const fields = def.fields(args as Args);
  return fields ? Object.entries(fields).map(([name, t]) => ({ name, type: showType(t) })) : [];
}

function literal(e: A.Expr): ArgValue | undefined {
  if (e.kind === "Number" || e.kind === "String" || e.kind === "Bool") return e.value;
  if (e.kind === "Unary" && e.operand.kind === "Number") return e.op === "-" ? -e.operand.value : e.operand.value;
  if (e.kind === "List") {
    const items = e.items.map(literal);
    return items.every((x) => x !== undefined) ? (items as ArgValue[]) : undefined;
  }
  return undefined;
}

const TRAIN_VOCAB: Record<string, () => AnyBuiltin[]> = {
  data: () => [...DATA.values()],
  optimizer: () => [...OPTIMIZER_DEFS.values()],
  schedule: () => [...SCHEDULE_DEFS.values()],
  loss: () => [...FUNCTIONS.values()].filter((f) => f.category === "loss"),
  metrics: () => [...FUNCTIONS.values()].filter((f) => f.category === "metric"),
};

export function completion(a: Analysis, offset: number): CompletionItem[] {
  const ctx: CursorContext = cursorContext(a.file, offset);
  const programs = [...a.files.values()].map((f) => f.program);
  const user = userDecls([a.program, ...programs]);
  const decl = a.program.decls.find((d) => d.span.start <= offset && offset <= d.span.end) ??
    a.program.decls.find((d) => d.kind !== "Train" && d.name.name === ctx.blockName);
  const trainDecl = a.program.decls.find((d): d is A.TrainDecl => d.kind === "Train" && d.model.name === ctx.blockName);
  const { prev, prev2 } = ctx;

  // `data.` in a train block: the data source's fields.
  if (prev?.kind === "Dot") {
    if (prev2?.text === "data") return dataFields(trainDecl).map((f) => plain(f.name, CompletionItemKind.Field, f.type));
    return [];
  }
  // `input x: ` / `param w: ` / `output y: `: a dtype. `(d: `: a hyperparameter type.
  if (prev?.kind === "Colon" && !ctx.call) {
    if (ctx.block === "top" || (prev2?.kind === "Identifier" && decl?.kind === "Layer" && decl.hparams.some((h) => h.name.name === prev2.text) && offset < (decl.body[0]?.span.start ?? Infinity)))
      return HPARAM_TYPES.map((t) => plain(t, CompletionItemKind.TypeParameter, "hyperparameter type"));
    return DTYPES.map((t) => snippet(t, CompletionItemKind.TypeParameter, `${t}[$1]`, "dtype"));
  }
  if (ctx.statementStart && !ctx.call) {
    if (ctx.block === "top")
      return [
        snippet("layer", CompletionItemKind.Keyword, "layer ${1:Name}(${2}) {\n\tinput ${3:x}: f32[${4:B}, ${5:d}]\n\toutput ${6:y} = $3$0\n}", "a reusable layer"),
        snippet("model", CompletionItemKind.Keyword, "model ${1:Name} {\n\tinput ${2:x}: f32[${3:batch}, ${4:784}]\n\toutput ${5:logits} = $2$0\n}", "a network"),
        snippet("op", CompletionItemKind.Keyword, "op ${1:name}(${2:x}) = $0", "a differentiable primitive"),
        snippet("train", CompletionItemKind.Keyword, "train ${1:Model} {\n\tdata      = ${2:mnist()}\n\tloss      = $3\n\toptimizer = ${4:Adam(lr: 1e-3)}\n\tepochs    = ${5:1}\n}", "how to train a model"),
        snippet("import", CompletionItemKind.Keyword, 'import "${1:file.dlnet}"', "reuse another file's layers and ops"),
      ];
    if (ctx.block === "train") {
      const present = new Set(trainDecl?.settings.map((s) => s.key.name));
      return Object.entries(TRAIN_SETTINGS)
        .filter(([k, s]) => s.repeats || !present.has(k))
        .map(([k, s]) => snippet(k, CompletionItemKind.Property, s.form ?? `${k} = $0`, "train setting", s.doc));
    }
    if (ctx.block === "op") return [snippet("grad", CompletionItemKind.Keyword, "grad ${1:x} = $0", "derivative of an operand")];
    return [
      snippet("input", CompletionItemKind.Keyword, "input ${1:x}: f32[$2]", "an input tensor"),
      snippet("output", CompletionItemKind.Keyword, "output ${1:y} = $0", "an output"),
      snippet("param", CompletionItemKind.Keyword, "param ${1:w}: f32[$2] = ${3:xavier}", "a learnable tensor"),
    ];
  }

  const items: CompletionItem[] = [];
  const call = ctx.call;
  if (call?.atArgStart || (call && !call.keyword && ctx.word)) {
    const def = builtinNamed(call.callee);
    const u = user.get(call.callee);
    const names = def ? def.args.map((s) => ({ name: s.name, detail: argLabel(s), doc: s.doc })) : u?.kind === "Layer" ? u.hparams.map((h) => ({ name: h.name.name, detail: h.type?.name ?? "", doc: undefined })) : [];
    for (const n of names) if (!call.given.includes(n.name)) items.push({ ...snippet(`${n.name}:`, CompletionItemKind.Property, `${n.name}: $0`, n.detail, n.doc), sortText: `0${n.name}` });
  }
  // After `optimizer =`, `data =`, …: that setting's vocabulary first.
  const settingKey = ctx.block === "train" && prev?.kind === "Equals" && prev2?.kind === "Identifier" ? prev2.text : undefined;
  if (settingKey && TRAIN_VOCAB[settingKey]) return [...items, ...TRAIN_VOCAB[settingKey]().map((d) => builtinItem(d, false))];
  // In `augment image = [crop(28), |`: the transforms (outside a transform's own arguments).
  if (ctx.block === "train" && !call && /^\s*augment\s+\w+\s*=/.test(a.file.text.slice(a.file.text.lastIndexOf("\n", offset - 1) + 1, offset)))
    return [...items, ...[...AUGMENT_DEFS.values()].map((d) => builtinItem(d, false))];

  const piped = prev?.kind === "Arrow";
  if (ctx.block === "train") {
    items.push(...modelNames(a, ctx.blockName, user), plain("data", CompletionItemKind.Variable, "the data source's fields"));
    items.push(...[...FUNCTIONS.values()].filter((f) => f.category === "loss" || f.category === "metric").map((d) => builtinItem(d, false)));
    return items;
  }
  items.push(...namesInScope(a, decl, offset));
  for (const d of user.values()) if (d !== decl && !(d.kind === "Layer" && d.isModel)) items.push(userItem(d));
  for (const d of allBuiltins()) if (d.kind === "layer" || d.kind === "function") items.push(builtinItem(d, piped));
  if (!piped) items.push(snippet("repeat", CompletionItemKind.Keyword, "repeat(${1:n}, ${2:Layer})", "n copies of a layer, each with its own weights"));
  items.push(plain("true", CompletionItemKind.Constant), plain("false", CompletionItemKind.Constant));
  return items;
}
