// The state of one lowering: the graph under construction, the nodes of the
// parameters and buffers, the running-statistics updates BatchNorm makes in
// training, the dropout seed, and the memo that lowers each ENode once
// (ENode trees are DAGs: a binding used twice is one object).

import { diag, InternalError, type Diagnostic, type DiagnosticCode } from "../diagnostics";
import type { BuiltinInstance, EApply, ENode, ParamInfo } from "../check/elaborated";
import type { DType as CheckDType } from "../tensor-type";
import { GraphBuilder, type Node } from "../ir/builder";
import type { InputRole } from "../ir/graph";
import type { OpDecl } from "../syntax/ast";
import type { SourceFile } from "../source";
import { evalShape, type DType, type Dim, type DimEnv, type Shape } from "../ir/types";

export type Mode = "train" | "eval";

/** The name of the dropout seed input (an i32 scalar; role "seed"). */
export const SEED_INPUT = "__seed";

/** The IR has no f16: half-precision tensors are computed in f32. */
export function irDType(d: CheckDType): DType {
  return d === "f16" ? "f32" : d;
}

/** 32-bit FNV-1a of a string: stable salts and init streams from parameter paths. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface StateUpdate {
  /** The `state` graph input (a buffer path, e.g. `batch_norm_0.running_mean`). */
  readonly input: string;
  /** The graph output holding its new value (same name as the input). */
  readonly output: string;
}

/**
 * The user ops of one lowering, as IR op builders: one op per (declaration,
 * operand types), named uniquely within the lowering. It lives here, not in
 * a module-level table, so that two programs never share an op (see
 * custom-op.ts); the lowerings of op bodies share their parent's.
 */
export interface UserOpTable {
  readonly byDecl: Map<OpDecl, Map<string, (...args: Node[]) => Node>>;
  readonly names: Set<string>;
}

export class Lowering {
  readonly gb = new GraphBuilder();
  readonly diagnostics: Diagnostic[] = [];
  private readonly paramNodes = new Map<string, Node>();
  /** Current value of each buffer: the input, or the last update in this step. */
  private readonly bufferNow = new Map<string, Node>();
  private seedNode?: Node;
  /** Model inputs by name. */
  readonly inputs = new Map<string, Node>();
  /** Set by the train lowering: data fields and model outputs in a loss or metric. */
  resolveData?: (field: string, e: ENode) => Node;
  resolveOutput?: (name: string) => Node;
  private readonly applications = new Map<string, number>();
  /** Operands (and dy) of the user ops being expanded, innermost last. */
  private readonly scopes: { args: readonly Node[]; dy?: Node; memo: Map<ENode, Node> }[] = [];
  private readonly memo = new Map<ENode, Node>();
  /** The states (LayerDef.states) each built-in application computed besides its result. */
  private readonly states = new Map<EApply, Readonly<Record<string, Node>>>();

  constructor(
    readonly mode: Mode,
    /** Bindings of symbolic dims applied to every shape (`{T: 64}`). */
    readonly env: DimEnv,
    readonly lowerNode: (cx: Lowering, e: ENode) => Node,
    /** The checked files' texts, for the source positions messages name. */
    readonly sources: ReadonlyMap<string, SourceFile>,
    readonly userOps: UserOpTable = { byDecl: new Map(), names: new Set() },
  ) {}

  get training(): boolean {
    return this.mode === "train";
  }

  /** A shape with the bound symbols evaluated. */
  shape(s: readonly Dim[]): Dim[] {
    return evalShape(s, this.env);
  }

  /** The type of an ENode as an IR shape. */
  shapeOf(e: ENode): Dim[] {
    return this.shape(e.type.shape);
  }

  input(name: string, dtype: DType, shape: Shape, role: InputRole): Node {
    return this.gb.input(name, dtype, this.shape(shape), role);
  }

  declareParam(p: ParamInfo, role: InputRole): Node {
    const existing = this.paramNodes.get(p.path);
    if (existing) return existing;
    const n = this.input(p.path, irDType(p.dtype), p.shape, role);
    this.paramNodes.set(p.path, n);
    if (p.buffer) this.bufferNow.set(p.path, n);
    return n;
  }

  param(path: string): Node {
    const n = this.paramNodes.get(path);
    if (!n) throw new InternalError(`parameter '${path}' was not declared before use`);
    return n;
  }

  /** An instance's optional parameter by its name inside the module (`bias`, `bias_ih_l0`). */
  instParam(inst: BuiltinInstance, name: string): Node | undefined {
    const p = inst.params.find((q) => q.name === name);
    return p ? this.param(p.path) : undefined;
  }

  /** An instance's parameter that its layer always declares (`weight`). */
  weight(inst: BuiltinInstance, name = "weight"): Node {
    const n = this.instParam(inst, name);
    if (!n) throw new InternalError(`${inst.def.name} '${inst.path}' has no parameter '${name}'`);
    return n;
  }

  modelInput(name: string): Node {
    const n = this.inputs.get(name);
    if (!n) throw new InternalError(`model input '${name}' was not declared`);
    return n;
  }

  dataField(field: string, e: ENode): Node {
    if (!this.resolveData) throw new InternalError(`data.${field} outside a train block`);
    return this.resolveData(field, e);
  }

  modelOutput(name: string): Node {
    if (!this.resolveOutput) throw new InternalError(`model output '${name}' referenced outside a train block`);
    return this.resolveOutput(name);
  }

  /** The current value of a buffer (after earlier updates in this step). */
  buffer(path: string): Node {
    const n = this.bufferNow.get(path);
    if (!n) throw new InternalError(`buffer '${path}' was not declared`);
    return n;
  }

  /** Record a buffer's new value; a second application of the same layer updates it again. */
  updateBuffer(path: string, value: Node): void {
    this.buffer(path);
    this.bufferNow.set(path, value);
  }

  /** Buffers whose value changed, with their final node. */
  bufferUpdates(): { path: string; node: Node }[] {
    const out: { path: string; node: Node }[] = [];
    for (const [path, node] of this.bufferNow) if (node !== this.paramNodes.get(path)) out.push({ path, node });
    return out;
  }

  /**
   * The seed input of random numbers, created on first use: Dropout (train
   * mode only) and randn/rand (both modes; the runtime feeds it whenever the
   * graph has it).
   */
  seed(): Node {
    this.seedNode ??= this.gb.input(SEED_INPUT, "i32", [], "seed");
    return this.seedNode;
  }

  get usesSeed(): boolean {
    return this.seedNode !== undefined;
  }

  /**
   * A random-stream salt for one application of a layer: a hash of its path
   * and of how many times it was applied before, so that adding a layer
   * elsewhere does not change the masks of the others.
   */
  salt(path: string, part = ""): number {
    const key = `${path}#${part}`;
    const k = this.applications.get(key) ?? 0;
    this.applications.set(key, k + 1);
    return fnv1a(`${key}@${k}`) & 0x7fffffff;
  }

  report(code: DiagnosticCode, message: string, e: ENode): void {
    this.diagnostics.push(diag(code, message, e.file, e.span));
  }

  lower(e: ENode): Node {
    // Inside a user op the same ENode is lowered again for other operands: one memo per scope.
    const memo = this.scopes.length ? this.scopes[this.scopes.length - 1].memo : this.memo;
    const hit = memo.get(e);
    if (hit) return hit;
    // Operands first, iteratively, so that a deep network (a long repeat) does
    // not lower through one recursion per layer: each rule then finds its
    // operands in the memo.
    const stack: [ENode, boolean][] = [[e, false]];
    while (stack.length) {
      const [n, operandsDone] = stack.pop()!;
      if (memo.has(n)) continue;
      if (operandsDone) {
        memo.set(n, this.lowerNode(this, n));
        continue;
      }
      stack.push([n, true]);
      // Reversed, so operands are lowered left to right (graph inputs appear in source order).
      for (const c of [...operands(n)].reverse()) if (!memo.has(c)) stack.push([c, false]);
    }
    return memo.get(e)!;
  }

  /** Records the states a layer rule computed for its application `e` (`lstm.h_n`). */
  setStates(e: EApply, states: Readonly<Record<string, Node>>): void {
    this.states.set(e, states);
  }

  /** State `name` of the application `e`, lowered first (`lstm.h_n`). */
  stateOf(e: EApply, name: string): Node {
    this.lower(e);
    const n = this.states.get(e)?.[name];
    if (!n) throw new InternalError(`the lowering of ${e.instance.path} gave no state '${name}'`);
    return n;
  }

  /** Operand `index` of the innermost user op being lowered. */
  opArg(index: number): Node {
    const s = this.scopes[this.scopes.length - 1];
    if (!s || !s.args[index]) throw new InternalError(`op operand ${index} outside an op body`);
    return s.args[index];
  }

  /** `dy` of the innermost op grad being lowered. */
  gradIn(): Node {
    const s = this.scopes[this.scopes.length - 1];
    if (!s?.dy) throw new InternalError("dy outside an op grad");
    return s.dy;
  }

  /** Lower an op body (or grad) with its operands (and dy) bound. */
  inOp<T>(args: readonly Node[], dy: Node | undefined, f: () => T): T {
    this.scopes.push({ args, dy, memo: new Map() });
    try {
      return f();
    } finally {
      this.scopes.pop();
    }
  }
}

/** The ENodes a node's lowering reads (user-op bodies are lowered in their own scope). */
export function operands(e: ENode): readonly ENode[] {
  switch (e.kind) {
    case "apply":
      if (e.instance.kind !== "builtin") return e.body ? [e.body] : [];
      return [...(e.input ? [e.input] : []), ...Object.values(e.extra ?? {})];
    case "call":
    case "op":
      return e.args;
    case "neg":
      return [e.operand];
    case "binary":
      return [e.left, e.right];
    case "index":
      return [e.object];
    case "state":
      return [e.of];
    default:
      return [];
  }
}
