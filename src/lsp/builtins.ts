// The built-ins as the editor shows them: one lookup over the registry's
// layers, functions and train vocabulary, and their signatures as text
// (`Linear(in_features?: dim, out_features: dim, bias: bool = true)`).

import {
  AUGMENT_DEFS,
  DATA,
  FUNCTIONS,
  LAYERS,
  OPTIMIZER_DEFS,
  SCHEDULE_DEFS,
  type ArgSpec,
  type ArgValue,
  type AugmentDef,
  type DataSourceDef,
  type FunctionDef,
  type LayerDef,
  type OptimizerDef,
  type ScheduleDef,
} from "../compiler/layers/index";

export type AnyBuiltin = LayerDef | FunctionDef | DataSourceDef | OptimizerDef | ScheduleDef | AugmentDef;

export function builtinNamed(name: string): AnyBuiltin | undefined {
  return LAYERS.get(name) ?? FUNCTIONS.get(name) ?? DATA.get(name) ?? OPTIMIZER_DEFS.get(name) ?? SCHEDULE_DEFS.get(name) ?? AUGMENT_DEFS.get(name);
}

export function allBuiltins(): AnyBuiltin[] {
  return [...LAYERS.values(), ...FUNCTIONS.values(), ...DATA.values(), ...OPTIMIZER_DEFS.values(), ...SCHEDULE_DEFS.values(), ...AUGMENT_DEFS.values()];
}

export function showValue(v: ArgValue): string {
  if (Array.isArray(v)) return `[${v.map(showValue).join(", ")}]`;
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

export function argLabel(a: ArgSpec): string {
  if (a.default !== undefined) return `${a.name}: ${a.kind} = ${showValue(a.default)}`;
  return a.required ? `${a.name}: ${a.kind}` : `${a.name}?: ${a.kind}`;
}

export interface SignatureParam {
  label: string;
  doc?: string;
  /** The keyword it binds (tensor operands have none). */
  name?: string;
}

export interface Signature {
  label: string;
  params: SignatureParam[];
  doc: string;
}

/** Names for a function's tensor operands: `x`, or `x1, x2` for several. */
function tensorOperands(f: FunctionDef): SignatureParam[] {
  const n = Math.max(f.tensors.min, Math.min(f.tensors.max, 3));
  const names = n === 1 ? ["x"] : Array.from({ length: n }, (_, i) => `x${i + 1}`);
  if (f.tensors.max > n) names.push("…");
  return names.map((label) => ({ label }));
}

export function signatureOf(def: AnyBuiltin): Signature {
  const params: SignatureParam[] = def.kind === "function" ? tensorOperands(def) : [];
  for (const a of def.args) params.push({ label: argLabel(a), doc: a.doc, name: a.name });
  return { label: `${def.name}(${params.map((p) => p.label).join(", ")})`, params, doc: def.doc };
}

export function builtinKindLabel(def: AnyBuiltin): string {
  switch (def.kind) {
    case "layer":
      return "layer";
    case "function":
      return `function (${def.category})`;
    case "data":
      return "data source";
    case "optimizer":
      return "optimizer";
    case "schedule":
      return "schedule";
    case "augment":
      return "augmentation";
  }
}

/** Arguments a call must give, in positional order (for snippets). */
export function requiredArgs(def: AnyBuiltin): ArgSpec[] {
  if (def.kind === "layer" && def.positional?.length) {
    const shortest = [...def.positional].sort((a, b) => a.length - b.length)[0];
    return shortest.map((n) => def.args.find((a) => a.name === n)!).filter(Boolean);
  }
  return def.args.filter((a) => a.required);
}

