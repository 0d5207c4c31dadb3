// Elaborating a model: its hyperparameters (defaults or overrides), its body
// in the root scope, then the instance tree and parameter list collected.

import { CheckState, Env, Scope, type FileInfo } from "./context";
import type { ENode, LayerInstance, ModelInstance, ParamInfo, UserLayerInstance } from "./elaborated";
import { bindHParams, evalBody, hvalues } from "./layer-body";
import type { Cx } from "./expr";
import type { TensorType } from "../tensor-type";
import type { CVal } from "./values";
import type { LayerDecl } from "../syntax/ast";
import { suggest } from "../suggest";

export interface ModelOptions {
  readonly overrides?: ReadonlyMap<string, CVal>;
  /** Input types to use instead of the declared ones (checked against them). */
  readonly inputTypes?: ReadonlyMap<string, TensorType>;
  /** Missing hyperparameters become symbols instead of errors (checking a model with no defaults). */
  readonly generic?: boolean;
}

export function elaborateModel(st: CheckState, decl: LayerDecl, file: FileInfo, opts: ModelOptions = {}): ModelInstance | undefined {
  const generic = opts.generic === true;
  const env = new Env(file, generic);
  const root: UserLayerInstance = {
    kind: "user", path: "", name: decl.name.name, file: file.path, span: decl.name.span, applications: 1,
    decl, declFile: file.path, hparams: {}, children: new Map(), params: [],
  };
  const cx: Cx = { st, env, scope: new Scope("", root.children) };
  const errorsBefore = st.errorsSeen;
  for (const k of opts.overrides?.keys() ?? []) {
    if (!decl.hparams.some((h) => h.name.name === k)) {
      const sug = suggest(k, decl.hparams.map((h) => h.name.name));
      st.report("DL2004", `model ${decl.name.name} has no hyperparameter '${k}'${sug ? `; did you mean '${sug}'?` : ""}`, file.path, decl.name.span);
    }
  }
  const cvals = bindHParams(st, decl, env, new Map(), opts.overrides);
  if (!generic) {
    for (const hp of decl.hparams) {
      if (cvals.get(hp.name.name) === undefined && !hp.default)
        st.report("DL2005", `model ${decl.name.name} needs a value for hyperparameter '${hp.name.name}' (give it a default)`, file.path, hp.name.span);
    }
  }
  const body = evalBody(cx, decl, undefined, undefined, root, opts.inputTypes);
  for (const [name, o] of body.outputs) {
    const last = lastApplied(o.node);
    if (last && last.instance.kind === "builtin" && last.instance.def.dropout)
      st.report("DL4007", `output '${name}' ends with ${last.instance.def.name}, which does nothing at inference and only adds noise to the training loss; drop it or move it before the last layer`, last.file, last.span);
  }
  Object.assign(root, { hparams: hvalues(cvals) });
  if (st.errorsSeen > errorsBefore || generic) return undefined;
  const instances = new Map<string, LayerInstance>();
  const parameters: ParamInfo[] = [];
  const seen = new Set<string>();
  const walk = (inst: LayerInstance) => {
    if (instances.has(inst.path) && inst.path !== "") return;
    instances.set(inst.path, inst);
    const own = inst.kind === "builtin" || inst.kind === "user" ? inst.params : [];
    for (const p of own) if (!seen.has(p.path)) (seen.add(p.path), parameters.push(p));
    if (inst.kind !== "builtin") for (const c of inst.children.values()) if (c.path.startsWith(inst.path)) walk(c);
  };
  walk(root);
  return {
    name: decl.name.name,
    file: file.path,
    decl,
    hparams: root.hparams,
    inputs: body.inputs.map((i) => ({ name: i.name, type: i.type, span: i.span })),
    outputs: [...body.outputs].map(([name, o]) => ({ name, type: o.node.type, value: o.node, span: o.span })),
    bindings: body.bindings,
    root,
    instances,
    parameters,
    sources: new Map([...st.files].map(([path, f]) => [path, f.source])),
  };
}

/** The layer application an output ends with, looking through user layers and pipe-layers. */
function lastApplied(n: ENode): Extract<ENode, { kind: "apply" }> | undefined {
  let cur: ENode | undefined = n;
  while (cur && cur.kind === "apply") {
    if (!cur.body) return cur;
    cur = cur.body;
  }
  return undefined;
}
