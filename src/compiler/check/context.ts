// Checker state shared by every phase: the loaded files and their top-level
// declarations, the diagnostics sink (deduplicated, since a layer body is
// checked once per instantiation), and the semantic tables the language
// server reads (types, definitions, references). Plus the two environments
// expressions are evaluated in: Env (names) and Scope (where instances go).

import { CATALOGUE, diag, type Diagnostic, type DiagnosticCode, type FixIt, type RelatedInfo, type Severity } from "../diagnostics";
import type { SourceFile, Span } from "../source";
import type { Ident, LayerDecl, Node, OpDecl, Program } from "../syntax/ast";
import type { LayerInstance } from "./elaborated";
import type { FunctionDef, LayerDef } from "../layers/registry";
import type { TensorType } from "../tensor-type";
import type { Value } from "./values";

export interface FileInfo {
  readonly path: string;
  readonly source: SourceFile;
  readonly program: Program;
  /** Declarations visible in this file: its own, then its direct imports'. */
  readonly globals: Map<string, GlobalDef>;
}

export type GlobalDef =
  | { readonly kind: "layer"; readonly decl: LayerDecl; readonly file: string }
  | { readonly kind: "op"; readonly decl: OpDecl; readonly file: string };

export interface DefSite {
  readonly file: string;
  readonly span: Span;
}

/** A name inside a body: what it is bound to and whether it was read. */
export interface LocalBinding {
  readonly kind: "hparam" | "input" | "bind" | "param" | "dim" | "opArg" | "dy" | "output";
  value: Value;
  readonly ident?: Ident;
  readonly file: string;
  used: boolean;
  /** The definition site references link to (the one `define` made, else made on the first reference). */
  site?: DefSite;
}

/**
 * The names a list of statements defines below the one being evaluated: those
 * whose first definition comes after it. Looked up only to word an unknown
 * name's error, so it is a position in the list rather than a set built per body.
 */
export class LaterNames<S> {
  private at = 0;
  constructor(
    private readonly items: readonly S[],
    private readonly nameOf: (s: S) => string,
  ) {}

  /** Evaluation moves to item `i`: its name and those above it are no longer pending. */
  reach(i: number): void {
    this.at = i + 1;
  }

  has(name: string): boolean {
    for (let i = 0; i < this.items.length; i++) if (this.nameOf(this.items[i]) === name) return i >= this.at;
    return false;
  }
}

/** Names of one body being evaluated, in statement order. */
export class Env {
  readonly names = new Map<string, LocalBinding>();
  /** Names the body defines further down (for "used before its definition"). */
  pending: { has(name: string): boolean } | undefined;
  /** Names referenced before their definition (already reported; not "unused"); made on the first. */
  usedEarly: Set<string> | undefined;
  constructor(
    readonly file: FileInfo,
    /** Generic check of a layer nobody instantiates: unknown values are symbolic, no concreteness checks. */
    readonly generic: boolean,
    /** Inside an op body: layers are not allowed. */
    readonly inOp = false,
  ) {}

  lookup(name: string): LocalBinding | undefined {
    return this.names.get(name);
  }
}

/** `${base}_${n}` by base, then n: the same few names (`linear_0`) are made for every application of every layer. */
const numberedNames = new Map<string, string[]>();

function numbered(base: string, n: number): string {
  // Memoised up to a bound (listed in test/architecture.test.ts as allowed module state).
  if (n >= 64) return `${base}_${n}`;
  let names = numberedNames.get(base);
  if (!names) {
    if (numberedNames.size >= 1024) numberedNames.clear();
    numberedNames.set(base, (names = []));
  }
  return (names[n] ??= `${base}_${n}`);
}

/** Where instances created during one application of a container go. */
export class Scope {
  // Made on first use: most scopes (hyperparameter defaults, small bodies) never name an instance.
  /** Automatic names taken so far: how many of each base (a scope sees a few bases: two short lists, no map). */
  private bases: string[] | undefined;
  private counts: number[] | undefined;
  private claimed: Set<string> | undefined;
  constructor(
    readonly path: string,
    readonly children: Map<string, LayerInstance> | undefined,
  ) {}

  /** A fresh automatic name `linear_0`, skipping names already taken in this application. */
  autoName(base: string): string {
    const bases = (this.bases ??= []);
    const counts = (this.counts ??= []);
    let at = bases.indexOf(base);
    if (at < 0) (at = bases.length), bases.push(base), counts.push(0);
    for (;;) {
      const name = numbered(base, counts[at]++);
      if (!this.claimed?.has(name)) return name;
    }
  }

  /** Claims a name for this application; false if it was already claimed (a duplicate). */
  claim(name: string): boolean {
    const claimed = (this.claimed ??= new Set());
    if (claimed.has(name)) return false;
    claimed.add(name);
    return true;
  }

  childPath(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }
}

// Shared empty tables: a generic check of one layer (the language server keeps one per
// layer of a file) usually reports nothing and instantiates nothing, so these are made
// on first write (a 1 MB file: ~9,000 states).
const NO_DIAGNOSTICS: ReadonlyMap<string, Diagnostic> = new Map();
const NO_LAYERS: ReadonlySet<LayerDecl> = new Set();
const NO_OPS: ReadonlySet<OpDecl> = new Set();
/** The tables of a state that does not record: empty, and a write is a bug. */
class NoTable extends Map<never, never> {
  override set(): this {
    throw new Error("a check that does not record wrote a semantic table");
  }
}
const NO_TABLE = new NoTable();
function noTable<K, V>(): Map<K, V> {
  return NO_TABLE as unknown as Map<K, V>;
}

export class CheckState {
  readonly files: Map<string, FileInfo>;
  private diagMap = NO_DIAGNOSTICS;
  /** Whether semantic tables are recorded (off while re-elaborating with overrides). */
  record = true;
  /**
   * Set while not recording: the declaration the check is confined to. A name
   * linked to a definition outside it sets `escaped` (what `references` would
   * show when recording; see checkLayerCached).
   */
  private bounds: { readonly file: string; readonly start: number; readonly end: number } | undefined;
  /** A name was linked outside `bounds`. */
  escaped = false;

  /** `files`: share the loaded files of another state (a check of one declaration on its own state). */
  constructor(files?: Map<string, FileInfo>, recording = true) {
    this.files = files ?? new Map();
    this.record = recording;
    // A state that never records shares empty tables (nothing writes them while `record` is false).
    this.types = recording ? new Map() : noTable();
    this.definitions = recording ? new Map() : noTable();
    this.builtins = recording ? new Map() : noTable();
  }

  /**
   * A state that records no semantic tables, only diagnostics and what was
   * instantiated, for a check confined to the declaration at `span` in
   * `file` (whether a name escaped it: `escaped`).
   */
  static unrecorded(files: Map<string, FileInfo>, file: string, span: Span): CheckState {
    const st = new CheckState(files, false);
    st.bounds = { file, start: span.start, end: span.end };
    return st;
  }
  readonly types: Map<Node, TensorType>;
  readonly definitions: Map<Node, DefSite>;
  /** Names that resolved to a built-in layer or function (for hover docs). */
  readonly builtins: Map<Node, LayerDef | FunctionDef>;
  /**
   * Uses in another file than the one of their definition, with their file
   * (made on the first: a use is almost always in its definition's file).
   */
  private useFiles: Map<Node, string> | undefined;
  /**
   * The reverse of `definitions`: by definition file, then definition offset,
   * every use with its file. Made on the first `usesOf` (only find-references
   * and rename ask), dropped when a link is added.
   */
  private referenceIndex: Map<string, Map<number, { use: Node; file: string }[]>> | undefined;

  /** The uses recorded here of the definition at `start` in `file` (see referenceIndex). */
  private usesAt(file: string, start: number): readonly { use: Node; file: string }[] | undefined {
    if (!this.referenceIndex) {
      const index = new Map<string, Map<number, { use: Node; file: string }[]>>();
      for (const [use, def] of this.definitions) {
        let byStart = index.get(def.file);
        if (!byStart) index.set(def.file, (byStart = new Map()));
        const ref = { use, file: this.useFileOf(use, def) };
        const refs = byStart.get(def.span.start);
        if (refs) refs.push(ref);
        else byStart.set(def.span.start, [ref]);
      }
      this.referenceIndex = index;
    }
    return this.referenceIndex.get(file)?.get(start);
  }

  private useFileOf(use: Node, def: DefSite): string {
    return this.useFiles?.get(use) ?? def.file;
  }
  /** Layer declarations instantiated at least once (shape-checked for real): markInstantiated. */
  instantiated = NO_LAYERS;
  /** Ops applied at least once: markApplied. */
  appliedOps = NO_OPS;

  markInstantiated(decl: LayerDecl): void {
    if (this.instantiated === NO_LAYERS) this.instantiated = new Set();
    (this.instantiated as Set<LayerDecl>).add(decl);
  }

  markApplied(decl: OpDecl): void {
    if (this.appliedOps === NO_OPS) this.appliedOps = new Set();
    (this.appliedOps as Set<OpDecl>).add(decl);
  }

  /** Keeps diagnostic `d` under `key` unless one is kept there already; whether it was new. */
  private keep(key: string, d: Diagnostic): boolean {
    if (this.diagMap.has(key)) return false;
    if (this.diagMap === NO_DIAGNOSTICS) this.diagMap = new Map();
    (this.diagMap as Map<string, Diagnostic>).set(key, d);
    return true;
  }
  /** Errors reported so far, duplicates included (to tell whether one elaboration failed). */
  errorsSeen = 0;
  /** User layers and ops being elaborated (innermost last): recursion is an error, not a hang. */
  readonly active: (LayerDecl | OpDecl)[] = [];
  /** Where the user layers being elaborated were applied (innermost last): a note on errors inside them. */
  readonly sites: { readonly file: string; readonly span: Span; readonly who: string }[] = [];

  report(
    code: DiagnosticCode,
    message: string,
    file: string,
    span: Span,
    extra: { related?: RelatedInfo[]; fixes?: FixIt[]; severity?: Severity } = {},
  ): void {
    const inside = (extra.severity ?? CATALOGUE[code].severity) !== "error" ? [] : this.sites.filter((c) => c.file !== file || c.span.start !== span.start || c.span.end !== span.end);
    if (inside.length) {
      const notes = inside.reverse().map((c) => ({ file: c.file, span: c.span, message: `in ${c.who}, applied here` }));
      extra = { ...extra, related: [...(extra.related ?? []), ...notes] };
    }
    const d = diag(code, message, file, span, extra);
    if (d.severity === "error") this.errorsSeen++;
    const key = `${code}|${file}|${span.start}|${span.end}|${message}`;
    this.keep(key, d);
  }

  get diagnostics(): Diagnostic[] {
    return [...this.diagMap.values()];
  }

  errorCount(): number {
    let n = 0;
    for (const d of this.diagMap.values()) if (d.severity === "error") n++;
    return n;
  }

  setType(node: Node, t: TensorType): void {
    if (this.record && !this.types.has(node)) this.types.set(node, t);
  }

  /** Records that `use` (a NameRef or Ident) refers to `def`. */
  link(use: Node, def: DefSite, useFile: string): void {
    if (!this.record) {
      const b = this.bounds;
      if (b && (def.file !== b.file || def.span.start < b.start || def.span.end > b.end)) this.escaped = true;
      return;
    }
    if (this.definitions.has(use)) return;
    // The first link of a use is kept; the reverse (references) is made when asked for.
    this.definitions.set(use, def);
    if (useFile !== def.file) (this.useFiles ??= new Map()).set(use, useFile);
    this.referenceIndex = undefined;
  }

  /**
   * Adds what `other` recorded (a check run on its own state) as if it had
   * been recorded here: diagnostics deduplicated, first type and definition
   * of a node kept.
   */
  absorb(other: CheckState): void {
    for (const [k, d] of other.diagMap) this.keep(k, d);
    this.errorsSeen += other.errorsSeen;
    this.absorbNames(other);
    for (const [n, t] of other.types) this.setType(n, t);
    for (const d of other.instantiated) this.markInstantiated(d);
    for (const d of other.appliedOps) this.markApplied(d);
  }

  /**
   * Adds only what `other` learnt about names: references, definitions, built-ins,
   * and the diagnostics `keep` accepts (the branch an `if` does not take is
   * checked for names, not for shapes).
   */
  absorbNames(other: CheckState, keep: (d: Diagnostic) => boolean = () => false): void {
    for (const [k, d] of other.diagMap) {
      if (!keep(d) || !this.keep(k, d)) continue;
      if (d.severity === "error") this.errorsSeen++;
    }
    if (this.record) for (const [n, b] of other.builtins) this.builtins.set(n, b);
    for (const [use, def] of other.definitions) this.link(use, def, other.useFileOf(use, def));
  }

  /**
   * Adds a check of one declaration (`span` in `file`) run on its own state
   * and recording nothing outside that declaration: the same as absorb, but
   * its tables are kept by reference, not copied (the language server keeps
   * such checks in its layer cache: a copy would hold every table twice). The
   * lookups below read them: `other`'s own, or when `other` recorded none
   * (CheckState.unrecorded), those of `tables()`, the same check recording,
   * run on the first lookup that falls in the declaration.
   */
  attach(other: CheckState, file: string, span: Span, tables: () => CheckState = () => other): void {
    for (const [k, d] of other.diagMap) this.keep(k, d);
    this.errorsSeen += other.errorsSeen;
    for (const d of other.instantiated) this.markInstantiated(d);
    for (const d of other.appliedOps) this.markApplied(d);
    if (!this.record) return;
    const attached = (this.attached ??= new Map<string, { start: number; end: number; tables: () => CheckState }[]>());
    let list = attached.get(file);
    if (!list) attached.set(file, (list = []));
    list.push({ start: span.start, end: span.end, tables });
    if (list.length > 1 && list[list.length - 2].start > span.start) list.sort((a, b) => a.start - b.start);
  }

  /** Attached checks by file, sorted by start (see attach); made on the first. */
  private attached: Map<string, { start: number; end: number; tables: () => CheckState }[]> | undefined;

  /** The first answer of `get` from the attached checks whose declaration contains `span` (in `file`, or any file). */
  private fromAttached<T>(span: Span, get: (s: CheckState) => T | undefined, file?: string): T | undefined {
    if (!this.attached) return undefined;
    for (const [f, list] of this.attached) {
      if (file !== undefined && f !== file) continue;
      let lo = 0;
      let hi = list.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= span.start) (at = mid), (lo = mid + 1);
        else hi = mid - 1;
      }
      if (at >= 0 && list[at].end >= span.end) {
        const r = get(list[at].tables());
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }

  typeOf(node: Node): TensorType | undefined {
    return this.types.get(node) ?? this.fromAttached(node.span, (s) => s.types.get(node));
  }

  definitionOf(node: Node): DefSite | undefined {
    return this.definitions.get(node) ?? this.fromAttached(node.span, (s) => s.definitions.get(node));
  }

  builtinOf(node: Node): LayerDef | FunctionDef | undefined {
    return this.builtins.get(node) ?? this.fromAttached(node.span, (s) => s.builtins.get(node));
  }

  /** Every recorded use of the definition at `def` (its own state's and an attached check's). */
  usesOf(def: DefSite): DefSite[] | undefined {
    const own = this.usesAt(def.file, def.span.start);
    const other = this.fromAttached(def.span, (s) => s.usesAt(def.file, def.span.start), def.file);
    if (!own && !other) return undefined;
    return [...(own ?? []), ...(other ?? [])].map((r) => ({ file: r.file, span: r.use.span }));
  }

  /** Records a definition site (so it is found by references even when unused). */
  define(ident: Ident, file: string): DefSite {
    const def = { file, span: ident.span };
    this.link(ident, def, file);
    return def;
  }
}
