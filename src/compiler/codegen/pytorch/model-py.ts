// model.py: the elaborated model as torch.nn.Modules. The module tree is the
// instance tree, so every parameter's state_dict key is its dlnet path:
//   user layer instance → a class of its own (`class ResBlock(nn.Module)`),
//   a pipe-layer bound to a name → nn.ModuleDict, repeat(n, L) → nn.ModuleList,
//   a built-in layer with parameters → its torch.nn module (layers.ts).
// A user layer's forward is written from its first application (the checker
// inlined it there: the body with the caller's input in place of the layer's
// input); instances whose code comes out the same share a class. User ops
// become Python functions, and torch.autograd.Functions when they have a
// `grad` rule (ops.ts).

import type { EApply, ENode, LayerInstance, ModelInstance, ParamInfo, UserLayerInstance } from "../../check/elaborated";
import type { LayerDecl } from "../../syntax/ast";
import { PyWriter, type Scope } from "./expr";
import { HELPERS, layerCode, type HelperName } from "./layers";
import { OpWriter } from "./ops";
import { indent, isPyKeyword, NotExpressible, pyFloat, pyIdent } from "./python";

/** Attributes every nn.Module has: a child or parameter cannot take these names. */
const MODULE_ATTRS = new Set(
  ("training forward train eval parameters named_parameters buffers named_buffers children named_children modules " +
    "named_modules state_dict load_state_dict to cuda cpu type float double half bfloat16 apply zero_grad " +
    "register_buffer register_parameter add_module get_submodule get_parameter get_buffer requires_grad_ " +
    "share_memory extra_repr register_forward_hook register_forward_pre_hook register_backward_hook " +
    "register_full_backward_hook register_module to_empty ipu xpu get_extra_state set_extra_state dump_patches " +
    "call_super_init T_destination").split(" "),
);

/** Names model.py defines or imports; a user class is renamed rather than shadow them. */
const RESERVED = new Set(["torch", "nn", "F", "math", "Module", "load_weights", ...Object.keys(HELPERS)]);

export interface ModelPy {
  text: string;
  /** The model's class name in model.py. */
  className: string;
}

/** Every instance's first application, found by walking the model's expressions. */
function firstApplications(model: ModelInstance, extra: readonly ENode[]): Map<LayerInstance, EApply> {
  const first = new Map<LayerInstance, EApply>();
  const seen = new Set<ENode>();
  const visit = (e: ENode | undefined) => {
    if (!e || seen.has(e)) return;
    seen.add(e);
    switch (e.kind) {
      case "apply":
        if (!first.has(e.instance)) first.set(e.instance, e);
        visit(e.input);
        Object.values(e.extra ?? {}).forEach(visit);
        visit(e.body);
        e.outputs?.forEach(visit);
        return;
      case "call":
      case "op":
        return e.args.forEach(visit);
      case "neg":
        return visit(e.operand);
      case "binary":
        visit(e.left);
        return visit(e.right);
      case "index":
        return visit(e.object);
      case "state":
        return visit(e.of);
    }
  };
  model.outputs.forEach((o) => visit(o.value));
  extra.forEach(visit);
  return first;
}

/** `h = expr` statements of a layer body, by the span of their value: locals take those names. */
function bindNames(decl: LayerDecl, file: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of decl.body) if (s.kind === "Bind") m.set(`${file}:${s.value.span.start}:${s.value.span.end}`, s.name.name);
  return m;
}

export interface ModelPyOptions {
  /**
   * Tensor bindings of the model body that a train block's loss or metrics read
   * (`VAE.mu`): `forward(..., return_values=True)` returns `(outputs, {name: value})`.
   */
  values?: readonly string[];
}

export function writeModelPy(model: ModelInstance, o: ModelPyOptions = {}): ModelPy {
  const values = (o.values ?? []).map((n) => [n, model.bindings.get(n)!] as const);
  const first = firstApplications(model, values.map(([, e]) => e));
  const classes: string[] = [];
  const classByText = new Map<string, string>();
  const used = new Set(RESERVED);
  const helpers = new Set<HelperName>();
  const ops = new OpWriter(used);

  const checkName = (name: string, inst: { file: string; span: ParamInfo["span"] }) => {
    if (MODULE_ATTRS.has(name) || isPyKeyword(name) || name.startsWith("_"))
      throw new NotExpressible(
        `'${name}' cannot name a PyTorch submodule or parameter (it is ${isPyKeyword(name) ? "a Python keyword" : MODULE_ATTRS.has(name) ? "an attribute of every torch.nn.Module" : "reserved for torch.nn.Module's internals"}); rename it`,
        inst.file,
        inst.span,
      );
  };

  const uniqueClassName = (base: string): string => {
    let n = base;
    for (let k = 2; used.has(n) || isPyKeyword(n); k++) n = `${base}_${k}`;
    used.add(n);
    return n;
  };

  /** The constructor expression of an instance (undefined: no module needed). */
  const ctorOf = (inst: LayerInstance, child: boolean): string | undefined => {
    if (child) checkName(inst.name, inst);
    switch (inst.kind) {
      case "builtin": {
        const app = first.get(inst);
        const lc = layerCode(inst, app?.input?.type);
        lc.helpers?.forEach((h) => helpers.add(h));
        return lc.ctor;
      }
      case "user":
        return `${classFor(inst)}()`;
      case "sequential": {
        const items = [...inst.children.values()].map((c) => [c.name, ctorOf(c, true)] as const).filter(([, v]) => v);
        return `nn.ModuleDict({${items.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")}})`;
      }
      case "repeat":
        // nn.Identity keeps the indices of copies that hold nothing.
        return `nn.ModuleList([${[...inst.children.values()].map((c) => ctorOf(c, false) ?? "nn.Identity()").join(", ")}])`;
    }
  };

  /** The module expression of `inst` seen from the class of `owner`. */
  const moduleRef = (owner: LayerInstance, inst: LayerInstance, at: ENode): string => {
    const chain: LayerInstance[] = [];
    for (let i = inst.path; i !== owner.path; ) {
      const cur = model.instances.get(i);
      if (!cur || (owner.path !== "" && !i.startsWith(owner.path + ".")) || i === "")
        throw new NotExpressible(`'${inst.path}' is used outside the layer that declares it`, at.file, at.span);
      chain.unshift(cur);
      const dot = i.lastIndexOf(".");
      i = dot < 0 ? "" : i.slice(0, dot);
    }
    let ref = "self";
    let parent: LayerInstance = owner;
    for (const c of chain) {
      ref += parent.kind === "repeat" ? `[${c.name}]` : parent.kind === "sequential" ? `[${JSON.stringify(c.name)}]` : `.${c.name}`;
      parent = c;
    }
    return ref;
  };

  /** Can this application be a call of the instance's own class? (One output, an input.) */
  const callable = (e: EApply) => e.instance.kind === "user" && e.input !== undefined && (e.outputs?.size ?? 1) <= 1;

  function scopeOf(owner: LayerInstance): Scope {
    return {
      input: (name) => pyIdent(name),
      param: (p, e) => {
        const o = model.instances.get(p.owner);
        if (!o) throw new NotExpressible(`parameter '${p.path}' has no owner`, e.file, e.span);
        return `${moduleRef(owner, o, e)}.${p.name}`;
      },
      module: (inst, e) => moduleRef(owner, inst, e),
      userCall: (e) => (callable(e) ? moduleRef(owner, e.instance, e) : undefined),
      opCall: (e) => ops.callable(e),
    };
  }

  function forwardLines(
    owner: LayerInstance, decl: LayerDecl, declFile: string, args: readonly [ENode | undefined, string][], results: readonly [string, ENode][],
    extra: readonly (readonly [string, ENode])[] = [],
  ): string[] {
    const names = bindNames(decl, declFile);
    const preset = new Map<ENode, string>();
    for (const [n, v] of args) if (n) preset.set(n, v);
    const w = new PyWriter(scopeOf(owner), preset, "h", (e) => names.get(`${e.file}:${e.span.start}:${e.span.end}`));
    w.countUses([...results, ...extra].map(([, e]) => e));
    const outs = results.map(([n, e]) => [n, w.value(e)] as const);
    const more = extra.map(([n, e]) => [n, w.bind(e)] as const);
    w.helpers.forEach((h) => helpers.add(h));
    const value = outs.length === 1 ? outs[0][1] : `{${outs.map(([n, v]) => `${JSON.stringify(n)}: ${v}`).join(", ")}}`;
    if (!extra.length) return [`def forward(self, ${args.map(([, v]) => v).join(", ")}):`, ...indent([...w.lines, `return ${value}`])];
    return [
      `def forward(self, ${args.map(([, v]) => v).join(", ")}, return_values=False):`,
      ...indent([
        ...w.lines,
        "if return_values:",
        `    return ${value}, {${more.map(([n, v]) => `${JSON.stringify(n)}: ${v}`).join(", ")}}`,
        `return ${value}`,
      ]),
    ];
  }

  function paramLines(params: readonly ParamInfo[]): string[] {
    const lines: string[] = [];
    for (const p of params) {
      checkName(p.name, p);
      lines.push(`self.${p.name} = nn.Parameter(torch.empty(${p.shape.join(", ")}))`);
      lines.push(initLine(`self.${p.name}`, p));
    }
    return lines;
  }

  function classFor(inst: UserLayerInstance): string {
    const app = first.get(inst);
    const init = [...inst.children.values()].flatMap((c) => {
      const v = ctorOf(c, true);
      return v ? [`self.${c.name} = ${v}`] : [];
    });
    init.push(...paramLines(inst.params));
    let fwd: string[] = [];
    if (app && callable(app)) {
      const inputName = inst.decl.body.find((s) => s.kind === "Input")?.name.name ?? "x";
      fwd = forwardLines(inst, inst.decl, inst.declFile, [[app.input, pyIdent(inputName)]], [["y", app.body!]]);
    }
    const doc = `"""layer ${inst.decl.name.name}${hparamText(inst.hparams)} (${inst.declFile.split("/").pop()})"""`;
    const bodyText = [doc, "", "def __init__(self):", ...indent(["super().__init__()", ...init]), ...(fwd.length ? ["", ...fwd] : [])];
    const key = bodyText.join("\n") + "\n@" + inst.decl.name.name;
    const hit = classByText.get(key);
    if (hit) return hit;
    const name = uniqueClassName(inst.decl.name.name);
    classByText.set(key, name);
    classes.push([`class ${name}(nn.Module):`, ...indent(bodyText)].join("\n"));
    return name;
  }

  // The model itself: the root scope, its inputs the forward's arguments.
  const rootInit = [...model.root.children.values()].flatMap((c) => {
    const v = ctorOf(c, true);
    return v ? [`self.${c.name} = ${v}`] : [];
  });
  rootInit.push(...paramLines(model.root.params));
  const inputNodes = new Map<string, ENode>();
  const findInputs = (e: ENode | undefined, seen = new Set<ENode>()) => {
    if (!e || seen.has(e)) return;
    seen.add(e);
    if (e.kind === "input") inputNodes.set(e.name, e);
    if (e.kind === "apply") [e.input, ...Object.values(e.extra ?? {}), e.body, ...(e.outputs?.values() ?? [])].forEach((c) => findInputs(c, seen));
    if (e.kind === "state") findInputs(e.of, seen);
    if (e.kind === "call" || e.kind === "op") e.args.forEach((c) => findInputs(c, seen));
    if (e.kind === "neg") findInputs(e.operand, seen);
    if (e.kind === "binary") [e.left, e.right].forEach((c) => findInputs(c, seen));
    if (e.kind === "index") findInputs(e.object, seen);
  };
  const seenAll = new Set<ENode>();
  model.outputs.forEach((o) => findInputs(o.value, seenAll));
  values.forEach(([, e]) => findInputs(e, seenAll));
  const fwd = forwardLines(
    model.root,
    model.decl,
    model.file,
    model.inputs.map((i) => [inputNodes.get(i.name), pyIdent(i.name)] as const),
    model.outputs.map((o) => [o.name, o.value] as const),
    values,
  );
  const className = uniqueClassName(model.name);
  const ins = model.inputs.map((i) => `${i.name}: ${i.type.dtype}[${i.type.shape.join(", ")}]`).join(", ");
  const outs = model.outputs.map((o) => `${o.name}: ${o.type.dtype}[${o.type.shape.join(", ")}]`).join(", ");
  const rootClass = [
    `class ${className}(nn.Module):`,
    ...indent([
      `"""model ${model.name}${hparamText(model.hparams)}: ${ins} -> ${outs}`,
      ``,
      `forward returns ${model.outputs.length === 1 ? `the output '${model.outputs[0].name}'` : "a dict of the outputs by name"}${
        values.length ? `; with return_values=True, also a dict of the values the train block reads (${values.map(([n]) => n).join(", ")})` : ""
      }.`,
      `"""`,
      "",
      "def __init__(self):",
      ...indent(["super().__init__()", ...rootInit]),
      "",
      ...fwd,
    ]),
  ].join("\n");

  const helperText = (Object.keys(HELPERS) as HelperName[]).filter((h) => helpers.has(h)).map((h) => HELPERS[h].trim());
  const text = [
    `# model.py, written by \`dlnet export --pytorch\` from ${model.file.split("/").pop()} (model ${model.name}).`,
    "# Parameter names and layouts are dlnet's paths: a dlnet checkpoint is a state_dict",
    "# (see load_weights). Works with torch 1.13 and later.",
    "",
    "import math",
    "",
    "import torch",
    "import torch.nn as nn",
    "import torch.nn.functional as F",
    "",
    ...[...helperText, ...ops.definitions(), ...classes, rootClass].flatMap((t) => ["", t, ""]),
    "",
    LOAD_WEIGHTS,
  ].join("\n");
  return { text: text.replace(/\n{4,}/g, "\n\n\n"), className };
}

function hparamText(h: Readonly<Record<string, unknown>>): string {
  const e = Object.entries(h);
  return e.length ? `(${e.map(([k, v]) => `${k}: ${typeof v === "string" ? JSON.stringify(v) : String(v)}`).join(", ")})` : "";
}

/** A user `param`'s init, as dlnet's InitSpec states it. */
function initLine(ref: string, p: ParamInfo): string {
  const i = p.init;
  switch (i.kind) {
    case "zeros":
      return `nn.init.zeros_(${ref})`;
    case "ones":
      return `nn.init.ones_(${ref})`;
    case "uniform":
      return `nn.init.uniform_(${ref}, ${pyFloat(i.low)}, ${pyFloat(i.high)})`;
    case "normal":
      return `nn.init.normal_(${ref}, ${pyFloat(i.mean)}, ${pyFloat(i.std)})`;
    case "kaiming_uniform":
    case "xavier_uniform":
      return `nn.init.uniform_(${ref}, ${pyFloat(-i.bound)}, ${pyFloat(i.bound)})`;
    case "kaiming_normal":
      return `nn.init.normal_(${ref}, 0.0, ${pyFloat(i.std)})`;
  }
}

const LOAD_WEIGHTS = `
def load_weights(model, tensors):
    """Loads dlnet weights (a dict name -> array or tensor, e.g. from
    dlnet_io.read_safetensors) into model; a checkpoint's optimizer state
    (optim.*) is skipped. Strict: every parameter and buffer must be there."""
    state = {k: torch.as_tensor(v) for k, v in tensors.items() if not k.startswith("optim.")}
    model.load_state_dict(state, strict=True)
    return model
`.trim();
