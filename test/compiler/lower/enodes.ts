// Hand-built elaborated trees for lowering tests: what the checker produces
// for one built-in layer or function, using the registry's own shape rules
// and parameter declarations (so paths, shapes and inits are the real ones).

import type {
  BuiltinInstance, ECall, EApply, EInput, ENode, ModelInstance, ParamInfo, UserLayerInstance,
} from "../../../src/compiler/check/elaborated";
import type { TensorType } from "../../../src/compiler/tensor-type";
import { FUNCTIONS, LAYERS, isShapeError, type Args } from "../../../src/compiler/layers/index";
import type { LayerDecl } from "../../../src/compiler/syntax/ast";

const span = { start: 0, end: 0 };
const file = "test.dlnet";

export function inp(name: string, dtype: TensorType["dtype"], shape: TensorType["shape"]): EInput {
  return { kind: "input", name, type: { dtype, shape }, file, span };
}

export class Builder {
  readonly params: ParamInfo[] = [];
  private counters = new Map<string, number>();

  /** A built-in layer applied to `x` (or nullary), with args by name, through the registry's rules. */
  layer(name: string, args: Args, x: ENode | undefined, path?: string): EApply {
    const def = LAYERS.get(name);
    if (!def) throw new Error(`no layer ${name}`);
    const full: Record<string, unknown> = {};
    for (const s of def.args) full[s.name] = s.default;
    Object.assign(full, args);
    const r = def.infer(x?.type, full as Args, { display: name });
    if (isShapeError(r)) throw new Error(r.error);
    const snake = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();
    const k = this.counters.get(snake) ?? 0;
    this.counters.set(snake, k + 1);
    const p = path ?? `${snake}_${k}`;
    const params: ParamInfo[] = def.params(r.args).map((d) => ({
      path: `${p}.${d.name}`,
      name: d.name,
      owner: p,
      shape: d.shape as number[],
      dtype: d.dtype,
      init: d.init,
      buffer: d.buffer === true,
      file,
      span,
    }));
    this.params.push(...params);
    const inst: BuiltinInstance = { kind: "builtin", path: p, name: p, file, span, applications: 1, def, args: r.args, params };
    return { kind: "apply", instance: inst, input: x, type: r.type, file, span };
  }

  /** The same instance applied again (shared weights). */
  reapply(a: EApply, x: ENode): EApply {
    const inst = a.instance as BuiltinInstance;
    inst.applications++;
    const r = inst.def.infer(x.type, inst.args, { display: inst.def.name });
    if (isShapeError(r)) throw new Error(r.error);
    return { kind: "apply", instance: inst, input: x, type: r.type, file, span };
  }

  call(name: string, xs: ENode[], options: Args = {}): ECall {
    const fn = FUNCTIONS.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    const full: Record<string, unknown> = {};
    for (const s of fn.args) full[s.name] = s.default;
    Object.assign(full, options);
    const r = fn.infer(xs.map((x) => x.type), full as Args, { display: name });
    if (isShapeError(r)) throw new Error(r.error);
    return { kind: "call", fn, args: xs, options: full as Args, type: r.type, file, span };
  }

  model(inputs: EInput[], outputs: Record<string, ENode>): ModelInstance {
    const decl = { kind: "Layer", isModel: true, name: { name: "M" }, hparams: [], body: [] } as unknown as LayerDecl;
    const root: UserLayerInstance = {
      kind: "user", path: "", name: "", file, span, applications: 1, decl, declFile: file, hparams: {}, children: new Map(), params: [],
    };
    return {
      name: "M",
      file,
      decl,
      hparams: {},
      inputs: inputs.map((i) => ({ name: i.name, type: i.type, span })),
      outputs: Object.entries(outputs).map(([name, value]) => ({ name, type: value.type, value, span })),
      bindings: new Map(),
      root,
      instances: new Map(),
      parameters: this.params,
      sources: new Map(),
    };
  }
}

export { file, span };
