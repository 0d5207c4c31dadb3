// What an expression evaluates to during checking. The checker is an
// evaluator: compile-time values (hyperparameters, literals) are computed,
// tensors become typed ENodes, layer constructors become templates that are
// instantiated (named) when bound, named with `as`, or applied.

import type { Span } from "../source";
import type { Expr, LayerDecl, OpDecl } from "../syntax/ast";
import type { ArgValue, Args, FunctionDef, LayerDef } from "../layers/registry";
import type { BuiltinInstance, ENode, HValue, LayerInstance } from "./elaborated";
import type { Dim } from "../dims";
import type { TensorType } from "../tensor-type";

/** A compile-time value. `sym` is an int only known symbolically (a dim like `T`, an hparam in a generic check). */
export type CVal =
  | { readonly t: "int"; readonly v: number }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "sym"; readonly v: string }
  | { readonly t: "list"; readonly items: readonly CVal[] };

export type Value =
  | { readonly k: "tensor"; readonly node: ENode }
  | { readonly k: "const"; readonly c: CVal }
  | { readonly k: "layer"; readonly t: Template }
  | { readonly k: "inst"; readonly inst: LayerInstance }
  /** A sub-module of a built-in instance, named by its parameters' prefix: `attn.out_proj`. */
  | { readonly k: "sub"; readonly inst: BuiltinInstance; readonly prefix: string }
  | { readonly k: "fn"; readonly def: FunctionDef }
  | { readonly k: "op"; readonly decl: OpDecl; readonly file: string }
  | { readonly k: "list"; readonly items: readonly Value[] }
  /** `split(x, size, dim)`: pieces picked by indexing. */
  | { readonly k: "split"; readonly node: ENode; readonly axis: number; readonly size: number; readonly count: number }
  /** A train block's `data` (fields by name; undefined fields: any name accepted). */
  | { readonly k: "data"; readonly fields?: Readonly<Record<string, TensorType>>; readonly batch: Dim }
  /** A train block's model by its name (`VAE.mu`): its outputs, inputs and tensor bindings. */
  | { readonly k: "model"; readonly name: string; readonly fields: ReadonlyMap<string, Value> }
  /** Nothing known (an error was reported, or a generic check lacks a value). */
  | { readonly k: "unknown" };

export const UNKNOWN: Value = { k: "unknown" };

/** A layer not yet instantiated: a constructor call, a pipe-layer, a repeat. */
export type Template =
  | {
      readonly k: "builtin";
      readonly def: LayerDef;
      readonly args: Args;
      /** Some argument was not known (error reported): skip the shape rule. */
      readonly incomplete: boolean;
      readonly file: string;
      readonly span: Span;
    }
  | {
      readonly k: "user";
      readonly decl: LayerDecl;
      readonly declFile: string;
      readonly hparams: ReadonlyMap<string, CVal | undefined>;
      readonly file: string;
      readonly span: Span;
    }
  /** A pipe whose source is a layer: applied by evaluating its stages in `env`. */
  | { readonly k: "seq"; readonly stages: readonly Expr[]; readonly env: unknown; readonly file: string; readonly span: Span }
  /**
   * `repeat(n, L)`: n copies of one template, each mapping a shape to itself; or
   * `repeat(w in [..], L(w))`: one template per item (`inners`), shapes may change.
   */
  | { readonly k: "repeat"; readonly count: number; readonly inner: Template; readonly inners?: readonly Template[]; readonly file: string; readonly span: Span };

export function cInt(v: number): CVal {
  return { t: "int", v };
}

/** A compile-time value as a registry argument (symbolic ints stay dim strings). */
export function toArg(c: CVal): ArgValue {
  switch (c.t) {
    case "list":
      return c.items.map(toArg);
    default:
      return c.v;
  }
}

/** Does a compile-time value contain a symbolic int? */
export function hasSym(c: CVal): boolean {
  return c.t === "sym" || (c.t === "list" && c.items.some(hasSym));
}

export function toHValue(c: CVal): HValue | undefined {
  return c.t === "list" || c.t === "sym" ? undefined : c.v;
}

export function cvalToDim(c: CVal): Dim | undefined {
  if (c.t === "int") return c.v;
  if (c.t === "sym") return c.v;
  return undefined;
}

export function dimToCVal(d: Dim): CVal {
  return typeof d === "number" ? cInt(d) : { t: "sym", v: d };
}

export function showCVal(c: CVal): string {
  switch (c.t) {
    case "list":
      return `[${c.items.map(showCVal).join(", ")}]`;
    case "string":
      return JSON.stringify(c.v);
    default:
      return String(c.v);
  }
}

export function typeNameOf(c: CVal): string {
  return c.t === "sym" ? "int" : c.t;
}

/** Describes a value for "found …" messages. */
export function describe(v: Value): string {
  switch (v.k) {
    case "tensor":
      return `a tensor ${v.node.type.dtype}[${v.node.type.shape.join(", ")}]`;
    case "const":
      return `the ${typeNameOf(v.c)} ${showCVal(v.c)}`;
    case "layer":
    case "inst":
    case "sub":
      return "a layer";
    case "fn":
      return `the function '${v.def.name}'`;
    case "op":
      return `the op '${v.decl.name.name}'`;
    case "list":
      return "a list";
    case "split":
      return "the pieces of a split (index them)";
    case "data":
      return "the data source";
    case "model":
      return `the model ${v.name}`;
    case "unknown":
      return "an unknown value";
  }
}

/** snake_case of a type name for instance naming: `MultiHeadAttention` → `multi_head_attention`. */
const snakeCache = new Map<string, string>();
export function snakeCase(name: string): string {
  let s = snakeCache.get(name);
  if (s === undefined) snakeCache.set(name, (s = snake(name)));
  return s;
}

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}
