// Elaborated expressions (ENode DAGs) as Python statements over torch. A
// value used more than once, and every layer application, is bound to a
// local (`h1 = self.linear_0(x)`); everything else is written inline with
// the fewest parentheses Python's precedence allows. What a leaf or a layer
// instance is called depends on where the code goes (a module's forward, an
// op's body, train.py's loss), so a Scope supplies those names.

import type { EApply, ECall, ENode, EOpApply, IndexSel, LayerInstance, ParamInfo } from "../../check/elaborated";
import type { Dim } from "../../dims";
import type { Args } from "../../layers/registry";
import type { TensorType } from "../../tensor-type";
import { operands } from "../../lower/context";
import { layerCode, type HelperName } from "./layers";
import { NotExpressible, pyBool, pyFloat, pyIdent, pyInt, pyTuple } from "./python";

export interface Scope {
  input(name: string, e: ENode): string;
  output?(name: string, e: ENode): string;
  data?(field: string, e: ENode): string;
  opArg?(index: number, e: ENode): string;
  gradIn?(e: ENode): string;
  param(p: ParamInfo, e: ENode): string;
  /** The expression of a layer instance's module (`self.mlp["linear_0"]`). */
  module(inst: LayerInstance, e: ENode): string;
  /** A user-layer application written as a call of its own class (its module), or undefined to inline its body. */
  userCall(e: EApply): string | undefined;
  /** The Python callable of a user op application (`swish` or `Swish.apply`). */
  opCall(e: EOpApply): string;
}

interface Code {
  text: string;
  /** Python precedence: 1 comparison, 2 + -, 3 * / % @, 4 unary -, 5 **, 9 atom/call. */
  prec: number;
}

const atom = (text: string): Code => ({ text, prec: 9 });
const isName = (t: string) => /^[A-Za-z_]\w*$/.test(t);

export class PyWriter {
  readonly lines: string[] = [];
  readonly helpers = new Set<HelperName>();
  private readonly names = new Map<ENode, string>();
  private readonly uses = new Map<ENode, number>();
  /** Applications whose whole result (torch's tuple) is bound, by the local's name (LayerCode.tuple). */
  private readonly tuples = new Map<ENode, string>();
  private counter = 0;

  constructor(
    private readonly scope: Scope,
    /** Nodes already named by the caller (a class's input `x`). */
    preset: ReadonlyMap<ENode, string> = new Map(),
    private readonly prefix = "h",
    /** A source name for a value (the binding `h = …` it came from), if any. */
    private readonly nameFor: (e: ENode) => string | undefined = () => undefined,
  ) {
    for (const [n, v] of preset) {
      this.names.set(n, v);
      this.taken.add(v);
    }
  }

  private readonly taken = new Set<string>(["self", "torch", "nn", "F", "math", "ctx", "dy"]);

  private fresh(e: ENode): string {
    const want = this.nameFor(e);
    if (want !== undefined) {
      let n = pyIdent(want);
      for (let k = 2; this.taken.has(n); k++) n = `${pyIdent(want)}_${k}`;
      this.taken.add(n);
      return n;
    }
    let n: string;
    do n = `${this.prefix}${++this.counter}`;
    while (this.taken.has(n));
    this.taken.add(n);
    return n;
  }

  /** Counts uses below `roots` (call once with every root before writing). */
  countUses(roots: readonly ENode[]): void {
    const visit = (e: ENode) => {
      const n = (this.uses.get(e) ?? 0) + 1;
      this.uses.set(e, n);
      if (n > 1 || this.names.has(e)) return;
      for (const c of this.children(e)) visit(c);
    };
    roots.forEach(visit);
  }

  /** The Python expression of `e`, writing the statements it needs first. */
  value(e: ENode): string {
    return this.code(e).text;
  }

  /** Binds `e` to a fresh local (unless it is one already) and returns its name. */
  bind(e: ENode): string {
    const c = this.code(e);
    if (isName(c.text)) return c.text;
    const name = this.fresh(e);
    this.lines.push(`${name} = ${c.text}`);
    this.names.set(e, name);
    return name;
  }

  /** What `e` reads here: lower's operands, except that a user layer or op
   * the exporter writes as a call reads its input, not its inlined body. */
  private children(e: ENode): readonly ENode[] {
    if (e.kind === "apply" && e.instance.kind !== "builtin" && this.scope.userCall(e) !== undefined) {
      return e.input ? [e.input] : [];
    }
    return operands(e);
  }

  private code(e: ENode): Code {
    const named = this.names.get(e);
    if (named !== undefined) return atom(named);
    const c = this.build(e);
    if (isName(c.text)) return c;
    // Layer applications and named bindings read best as statements of their
    // own; a value used twice must be computed once.
    const shared = (this.uses.get(e) ?? 0) > 1 && e.kind !== "const";
    if (e.kind === "apply" || shared || (this.nameFor(e) !== undefined && e.kind !== "const")) {
      const name = this.fresh(e);
      this.lines.push(`${name} = ${c.text}`);
      this.names.set(e, name);
      return atom(name);
    }
    return c;
  }

  /** Operand text at a minimum precedence (parenthesised below it). */
  private at(e: ENode, prec: number): string {
    const c = this.code(e);
    return c.prec < prec ? `(${c.text})` : c.text;
  }

  private build(e: ENode): Code {
    switch (e.kind) {
      case "input":
        return atom(this.scope.input(e.name, e));
      case "output":
        return atom(this.need(this.scope.output, "a model output")(e.name, e));
      case "data":
        return atom(this.need(this.scope.data, "a data field")(e.field, e));
      case "opArg":
        return atom(this.need(this.scope.opArg, "an op operand")(e.index, e));
      case "gradIn":
        return atom(this.need(this.scope.gradIn, "dy")(e));
      case "param":
        return atom(this.scope.param(e.param, e));
      case "const":
        if (typeof e.value === "boolean") return atom(pyBool(e.value));
        if (e.type.dtype === "i32") return e.value < 0 ? { text: pyInt(e.value), prec: 4 } : atom(pyInt(e.value));
        return e.value < 0 ? { text: pyFloat(e.value), prec: 4 } : atom(pyFloat(e.value));
      case "neg":
        return { text: `-${this.at(e.operand, 4)}`, prec: 4 };
      case "binary":
        return this.binary(e.op, e.left, e.right, e.type);
      case "index":
        return atom(`${this.at(e.object, 9)}[${e.items.map(sel).join(", ")}]`);
      case "apply":
        return this.apply(e);
      case "call":
        return this.call(e);
      case "op":
        return atom(`${this.scope.opCall(e)}(${e.args.map((a) => this.value(a)).join(", ")})`);
      case "state": {
        // The application is written first, its whole result bound (apply() below).
        this.value(e.of);
        const t = this.tuples.get(e.of);
        const inst = e.of.instance;
        const part = inst.kind === "builtin" ? layerCode(inst, e.of.input?.type).tuple?.part[e.name] : undefined;
        if (t === undefined || part === undefined) throw new NotExpressible(`state '${e.name}' of '${inst.path}'`, e.file, e.span);
        return atom(`${t}${part}`);
      }
    }
  }

  private need<T>(f: T | undefined, what: string): T {
    if (!f) throw new Error(`${what} is not defined in this scope`);
    return f;
  }

  private binary(op: string, l: ENode, r: ENode, type: TensorType): Code {
    const isInt = type.dtype === "i32";
    switch (op) {
      case "+":
      case "-":
        return { text: `${this.at(l, 2)} ${op} ${this.at(r, 3)}`, prec: 2 };
      case "*":
      case "@":
        return { text: `${this.at(l, 3)} ${op} ${this.at(r, 4)}`, prec: 3 };
      case "/":
        // dlnet's integer division truncates (C), like the IR; Python's `/` would give floats.
        if (isInt) return atom(`torch.div(${this.value(l)}, ${this.value(r)}, rounding_mode="trunc")`);
        return { text: `${this.at(l, 3)} / ${this.at(r, 4)}`, prec: 3 };
      case "%":
        // dlnet's % is Python's (the sign of the divisor): torch.remainder.
        return atom(`torch.remainder(${this.value(l)}, ${this.value(r)})`);
      case "**":
        if (isInt) return atom(`torch.pow(${this.at(l, 9)}.float(), ${this.value(r)}).to(torch.int32)`);
        return { text: `${this.at(l, 6)} ** ${this.at(r, 4)}`, prec: 5 };
      default: {
        // Comparisons: torch broadcasts and returns bool tensors. Chaining is impossible (operands above prec 1).
        const text = `${this.at(l, 2)} ${op} ${this.at(r, 2)}`;
        const lt = l.kind === "const" && r.kind === "const";
        return lt ? atom(`torch.tensor(${text})`) : { text, prec: 1 };
      }
    }
  }

  private apply(e: EApply): Code {
    const inst = e.instance;
    if (inst.kind !== "builtin") {
      const ref = this.scope.userCall(e);
      if (ref !== undefined) return atom(`${ref}(${e.input ? this.value(e.input) : ""})`);
      if (!e.body) throw new NotExpressible(`layer '${inst.path}' has no body`, e.file, e.span);
      return this.code(e.body);
    }
    if (inst.def.name === "Reshape") {
      const x = this.bind(e.input!);
      return atom(`${x}.reshape(${shapeArgs(e.type.shape, e.input!.type.shape, x, e)})`);
    }
    const lc = layerCode(inst, e.input?.type);
    lc.helpers?.forEach((h) => this.helpers.add(h));
    const x = e.input ? this.value(e.input) : undefined;
    const extra = e.extra && Object.fromEntries(Object.entries(e.extra).map(([k, n]) => [k, this.value(n)]));
    const ref = lc.ctor ? this.scope.module(inst, e) : "";
    if (inst.statesRead && lc.tuple) {
      // Its states are read too (`lstm.h_n`): one call, its whole result bound, each part picked from it.
      let t = pyIdent(`${inst.name}_out`);
      for (let k = 2; this.taken.has(t); k++) t = pyIdent(`${inst.name}_out_${k}`);
      this.taken.add(t);
      this.lines.push(`${t} = ${lc.tuple.call(ref, x, extra)}`);
      this.tuples.set(e, t);
      return atom(`${t}${lc.tuple.part[""]}`);
    }
    return atom(lc.call(ref, x, extra));
  }

  private call(e: ECall): Code {
    const o = e.options;
    const xs = () => e.args.map((a) => this.value(a));
    const x = () => this.at(e.args[0], 9);
    const dims = (): string => {
      const d = o.dim as number[] | number | undefined;
      const list = d === undefined ? [] : Array.isArray(d) ? d : [d];
      return pyTuple(list.map(pyInt));
    };
    const keep = o.keepdim === true ? ", keepdim=True" : "";
    const rank = e.args[0]?.type.shape.length ?? 0;
    const allDims = () => Array.isArray(o.dim) && (o.dim as number[]).length === rank;
    switch (e.fn.name) {
      case "relu":
        return atom(e.type.dtype === "f32" ? `torch.relu(${this.value(e.args[0])})` : `torch.clamp(${this.value(e.args[0])}, min=0)`);
      case "gelu":
        return atom(`F.gelu(${this.value(e.args[0])})`);
      case "silu":
        return atom(`F.silu(${this.value(e.args[0])})`);
      case "tanh":
      case "sigmoid":
      case "exp":
      case "log":
      case "sqrt":
      case "abs":
      case "sin":
      case "cos":
      case "sign":
      case "floor":
      case "round":
        return atom(`torch.${e.fn.name}(${this.value(e.args[0])})`);
      case "detach":
        return atom(`${x()}.detach()`);
      case "softplus":
        return atom(`F.softplus(${this.value(e.args[0])}, beta=${pyFloat(o.beta as number)}, threshold=${pyFloat(o.threshold as number)})`);
      case "leaky_relu":
        return atom(`F.leaky_relu(${this.value(e.args[0])}, ${pyFloat(o.negative_slope as number)})`);
      case "elu":
        return atom(`F.elu(${this.value(e.args[0])}, alpha=${pyFloat(o.alpha as number)})`);
      case "mish":
        return atom(`F.mish(${this.value(e.args[0])})`);
      case "clamp": {
        const lo = typeof o.min === "number" ? `, min=${pyFloat(o.min)}` : "";
        const hi = typeof o.max === "number" ? `, max=${pyFloat(o.max)}` : "";
        return atom(`torch.clamp(${this.value(e.args[0])}${lo}${hi})`);
      }
      case "logsumexp":
        return atom(`torch.logsumexp(${this.value(e.args[0])}, dim=${dims()}${keep})`);
      case "var":
      case "std":
        return atom(`torch.${e.fn.name}(${this.value(e.args[0])}, dim=${dims()}, correction=${pyInt(o.correction as number)}${keep})`);
      case "argmax":
        return atom(`torch.argmax(${this.value(e.args[0])}, dim=${pyInt(o.dim as number)}${keep}).int()`);
      case "cumsum":
        return atom(`torch.cumsum(${this.value(e.args[0])}, dim=${pyInt(o.dim as number)})`);
      case "unsqueeze":
        return atom(`${x()}.unsqueeze(${pyInt(o.dim as number)})`);
      case "stack":
        return atom(`torch.stack([${xs().join(", ")}], dim=${pyInt(o.dim as number)})`);
      case "flip": {
        const d = o.dims as number[] | number;
        return atom(`torch.flip(${this.value(e.args[0])}, ${pyTuple((Array.isArray(d) ? d : [d]).map(pyInt))})`);
      }
      case "tril":
      case "triu":
        return atom(`torch.${e.fn.name}(${this.value(e.args[0])}, ${pyInt(o.diagonal as number)})`);
      case "one_hot":
        return atom(`F.one_hot(${x()}.long(), ${pyInt(o.num_classes as number)}).float()`);
      case "arange": {
        const [start, end] = o.end === undefined ? [0, o.start as number] : [o.start as number, o.end as number];
        return atom(`torch.arange(${pyInt(start)}, ${pyInt(end)}, dtype=torch.int32)`);
      }
      case "randn_like":
      case "rand_like":
        return atom(`torch.${e.fn.name}(${this.value(e.args[0])})`);
      case "softmax":
      case "log_softmax":
        return atom(`torch.${e.fn.name}(${this.value(e.args[0])}, dim=${pyInt(o.dim as number)})`);
      case "where":
        return atom(`torch.where(${xs().join(", ")})`);
      case "sum":
      case "mean":
        if (allDims() && !keep) return atom(`${x()}.${e.fn.name}()`);
        return atom(`${x()}.${e.fn.name}(dim=${dims()}${keep})`);
      case "max":
      case "min": {
        if (e.args.length === 2) return this.extremum(e.fn.name, e.args[0], e.args[1]);
        const f = e.fn.name === "max" ? "amax" : "amin";
        return atom(`torch.${f}(${this.value(e.args[0])}, dim=${dims()}${keep})`);
      }
      case "transpose":
        return atom(`${x()}.transpose(${pyInt(o.dim0 as number)}, ${pyInt(o.dim1 as number)})`);
      case "permute":
        return atom(`${x()}.permute(${((Array.isArray(o.dims) ? o.dims : [o.dims]) as number[]).map(pyInt).join(", ")})`);
      case "gather":
        return atom(`torch.gather(${this.value(e.args[0])}, ${pyInt(o.dim as number)}, ${this.at(e.args[1], 9)}.long())`);
      case "index_select":
        // Advanced indexing takes an index of any rank (torch.index_select only 1-d).
        return atom(`${x()}[${":, ".repeat(o.dim as number)}${this.at(e.args[1], 9)}.long()]`);
      case "einsum":
        return atom(`torch.einsum(${JSON.stringify(String(o.equation))}, ${xs().join(", ")})`);
      case "f32":
        return atom(`${x()}.float()`);
      case "i32":
        return atom(`${x()}.int()`);
      case "bool":
        return atom(`${x()}.bool()`);
      case "concat":
        return atom(`torch.cat([${xs().join(", ")}], dim=${pyInt(o.dim as number)})`);
      case "split": {
        const ax = o.dim as number;
        const pre = Array(ax).fill(":").join(", ");
        return atom(`${x()}[${pre ? pre + ", " : ""}:${pyInt(o.split_size as number)}]`);
      }
      case "reshape": {
        const v = this.bind(e.args[0]);
        return atom(`${v}.reshape(${shapeArgs(e.type.shape, e.args[0].type.shape, v, e)})`);
      }
      case "cross_entropy":
        return atom(crossEntropy(this.value(e.args[0]), this.value(e.args[1]), e.args[0].type, e.args[1].type, o));
      case "mse":
        return atom(`F.mse_loss(${xs().join(", ")}${lossOptions(o)})`);
      case "l1":
        return atom(`F.l1_loss(${xs().join(", ")}${lossOptions(o)})`);
      case "huber":
        return atom(`F.huber_loss(${xs().join(", ")}, delta=${pyFloat(o.delta as number)}${lossOptions(o)})`);
      case "kl_div":
        return atom(`F.kl_div(${xs().join(", ")}, log_target=${o.log_target === true ? "True" : "False"}${lossOptions(o)})`);
      case "bce_with_logits":
        return atom(`F.binary_cross_entropy_with_logits(${xs().join(", ")}${lossOptions(o, "pos_weight")})`);
      case "nll":
        return atom(crossEntropy(this.value(e.args[0]), this.value(e.args[1]), e.args[0].type, e.args[1].type, o, "F.nll_loss"));
      case "bce":
        return atom(`F.${o.logits === true ? "binary_cross_entropy_with_logits" : "binary_cross_entropy"}(${xs().join(", ")}${lossOptions(o, "pos_weight")})`);
      case "accuracy": {
        const [l, y] = xs();
        return atom(`(${l}.argmax(-1) == ${y}.long()).float().mean()`);
      }
    }
    if (e.fn.name === "randn" || e.fn.name === "rand")
      throw new NotExpressible(`${e.fn.name}(shape) has no PyTorch form in this exporter (write ${e.fn.name}_like(x) of a tensor of that shape)`, e.file, e.span);
    throw new NotExpressible(`function ${e.fn.name} has no PyTorch form in this exporter`, e.file, e.span);
  }

  /** Elementwise max/min of two operands; torch.maximum needs tensors, clamp takes a number. */
  private extremum(name: string, a: ENode, b: ENode): Code {
    const bound = name === "max" ? "min" : "max";
    if (b.kind === "const") return atom(`torch.clamp(${this.value(a)}, ${bound}=${this.value(b)})`);
    if (a.kind === "const") return atom(`torch.clamp(${this.value(b)}, ${bound}=${this.value(a)})`);
    return atom(`torch.${name === "max" ? "maximum" : "minimum"}(${this.value(a)}, ${this.value(b)})`);
  }
}

function sel(s: IndexSel): string {
  if (s.kind === "all") return ":";
  if (s.kind === "at") return pyInt(s.index);
  const step = s.step === 1 ? "" : `:${s.step}`;
  return `${s.start === 0 ? "" : pyInt(s.start)}:${s.end === undefined ? "" : pyInt(s.end)}${step}`;
}

/**
 * The target shape of a reshape: concrete sizes as numbers; a symbolic size
 * the source has at the same position is read from it (`x.shape[0]`); one
 * remaining symbolic size is -1. More than one cannot be written.
 */
function shapeArgs(target: readonly Dim[], source: readonly Dim[], src: string, e: ENode): string {
  let free = 0;
  const parts = target.map((d, i) => {
    if (typeof d === "number") return pyInt(d);
    if (source[i] === d) return `${src}.shape[${i}]`;
    free++;
    return "-1";
  });
  if (free > 1) throw new NotExpressible(`reshape to [${target.join(", ")}] leaves more than one size to infer`, e.file, e.span);
  return parts.join(", ");
}

/** A list of numbers as a float tensor of the default dtype (class weights, pos_weight). */
const pyVector = (v: unknown) => `torch.tensor([${(v as number[]).map(pyFloat).join(", ")}], dtype=torch.get_default_dtype())`;

/** `, reduction="sum"` and a tensor option (`, pos_weight=…`) where they differ from torch's defaults. */
function lossOptions(o: Args, vector?: string): string {
  const r = o.reduction === undefined || o.reduction === "mean" ? "" : `, reduction=${JSON.stringify(o.reduction)}`;
  return (vector && o[vector] !== undefined ? `, ${vector}=${pyVector(o[vector])}` : "") + r;
}

/**
 * dlnet's cross_entropy and nll have the class dim last; torch's want it at
 * dim 1, so both are flattened to rows (and a per-position result reshaped back).
 */
function crossEntropy(logits: string, target: string, lt: TensorType, tt: TensorType, o: Args, f = "F.cross_entropy"): string {
  const c = lt.shape[lt.shape.length - 1];
  const classes = typeof c === "number" ? pyInt(c) : `${logits}.shape[-1]`;
  const smoothing = (o.label_smoothing as number | undefined) ?? 0;
  const opts =
    (o.weight === undefined ? "" : `, weight=${pyVector(o.weight)}`) +
    (o.ignore_index === undefined ? "" : `, ignore_index=${pyInt(o.ignore_index as number)}`) +
    (smoothing ? `, label_smoothing=${pyFloat(smoothing)}` : "") +
    lossOptions(o);
  const rows = lt.shape.length === 2 ? logits : `${logits}.reshape(-1, ${classes})`;
  const back = o.reduction === "none" && lt.shape.length !== 2 ? `.reshape(${logits}.shape[:-1])` : "";
  if (tt.dtype === "i32") return `${f}(${rows}, ${target}.reshape(-1).long()${opts})${back}`;
  const trows = tt.shape.length === 2 ? target : `${target}.reshape(-1, ${classes})`;
  return `${f}(${rows}, ${trows}${opts})${back}`;
}

export type { EApply, ECall };
