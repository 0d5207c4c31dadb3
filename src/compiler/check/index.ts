// The check stage's public API: checkFile() loads a program through a host,
// checks every declaration, and answers the questions the language server and
// the lowering ask: types of nodes, definitions and references of names, and
// elaborated models and train blocks (see elaborated.ts).

import { sortDiagnostics, type Diagnostic } from "../diagnostics";
import type { SourceFile, Span } from "../source";
import type { LayerDecl, Node, OpDecl, Program, TrainDecl } from "../syntax/ast";
import { CheckState, Env, Scope, type FileInfo } from "./context";
import type { HValue, ModelInstance, TrainSpec } from "./elaborated";
import { evalBody, bindHParams } from "./layer-body";
import { elaborateModel } from "./model";
import { elaborateOp } from "./op";
import { loadProgram, type CompilerHost, type ParseCache } from "./program";
import type { TensorType } from "../tensor-type";
import { checkTrain } from "./train";
import type { CVal } from "./values";
import type { FunctionDef, LayerDef } from "../layers/registry";

export type { CompilerHost, ParseCache } from "./program";
export { resolveImport } from "./program";
export type * from "./elaborated";
export type { TensorType, DType } from "../tensor-type";
export type { Dim } from "../dims";
export { showShape, showType } from "../tensor-type";
export { renderDiagnostics } from "./render";

export interface CheckResult {
  /** Every diagnostic of every loaded file (syntax and check), sorted by file, offset, code. */
  readonly diagnostics: Diagnostic[];
  /** Every loaded file by path (the entry and what it imports). */
  readonly files: ReadonlyMap<string, { readonly source: SourceFile; readonly program: Program }>;
  /** The entry file's path. */
  readonly entry: string;
  /**
   * The type of an expression, pipe stage (the type after that stage), or the
   * name Ident of an input / binding / output / param / op argument. Inside a
   * user layer: its first instantiation's type (symbolic if never instantiated).
   */
  typeOf(node: Node): TensorType | undefined;
  /** Where the name (a NameRef, a keyword-argument Ident, or a defining Ident) is defined. */
  definitionOf(node: Node): { file: string; span: Span } | undefined;
  /** Every reference to the same definition as `node`, the definition included. */
  referencesOf(node: Node): { file: string; span: Span }[];
  /** The built-in layer or function a name resolved to (hover shows its doc and arguments). */
  builtinOf(node: Node): LayerDef | FunctionDef | undefined;
  /** Models of the entry file, then of imported files, by name. */
  readonly models: readonly string[];
  /** Train blocks (named by their model). */
  readonly trains: readonly string[];
  /**
   * The elaborated model with hyperparameter overrides (undefined when the
   * model does not exist or has errors with these values; see
   * elaborateWithDiagnostics for why).
   */
  elaborate(modelName: string, hparamOverrides?: Readonly<Record<string, HValue>>, options?: ElaborateOptions): ModelInstance | undefined;
  elaborateWithDiagnostics(modelName: string, hparamOverrides?: Readonly<Record<string, HValue>>, options?: ElaborateOptions): { model?: ModelInstance; diagnostics: Diagnostic[] };
  /** The resolved train block for a model (undefined when missing or erroneous). */
  elaborateTrain(trainName: string): TrainSpec | undefined;
}

export interface ElaborateOptions {
  /**
   * Input types to elaborate with instead of the declared ones, checked
   * against them (symbolic dims bind): `{ tokens: { dtype: "i32", shape: ["batch", 64] } }`
   * makes CharLSTM's T concrete.
   */
  readonly inputs?: Readonly<Record<string, TensorType>>;
}

function hvalueToCVal(v: HValue): CVal {
  if (typeof v === "number") return Number.isInteger(v) ? { t: "int", v } : { t: "float", v };
  if (typeof v === "boolean") return { t: "bool", v };
  return { t: "string", v };
}

interface Decls {
  models: Map<string, { decl: LayerDecl; file: FileInfo }>;
  trains: Map<string, { decl: TrainDecl; file: FileInfo }>;
}

function collect(st: CheckState, entry: string): Decls {
  const models = new Map<string, { decl: LayerDecl; file: FileInfo }>();
  const trains = new Map<string, { decl: TrainDecl; file: FileInfo }>();
  const files = [...st.files.values()].sort((a, b) => (a.path === entry ? -1 : b.path === entry ? 1 : 0));
  for (const f of files) {
    for (const d of f.program.decls) {
      if (d.kind === "Layer" && d.isModel && !models.has(d.name.name)) models.set(d.name.name, { decl: d, file: f });
      if (d.kind === "Train") {
        if (trains.has(d.model.name) && trains.get(d.model.name)!.file === f)
          st.report("DL2002", `a train block for '${d.model.name}' is already defined`, f.path, d.model.span);
        else if (!trains.has(d.model.name)) trains.set(d.model.name, { decl: d, file: f });
      }
    }
  }
  return { models, trains };
}

export interface CheckOptions {
  /** Reuse parses of unchanged files across calls (the language server keeps one). */
  readonly parseCache?: ParseCache;
  /** Reuse generic checks of layers across calls (the language server keeps one; see checkLayerCached). */
  readonly layerCache?: LayerCheckCache;
}

/** Generic checks of uninstantiated layers by declaration (see checkLayerCached). */
export type LayerCheckCache = WeakMap<LayerDecl, { readonly globals: string; readonly result: CheckState; readonly tables: () => CheckState }>;

export function checkFile(path: string, host: CompilerHost, options: CheckOptions = {}): CheckResult {
  const st = new CheckState();
  const syntax = loadProgram(st, path, host, options.parseCache);
  const { models, trains } = collect(st, path);
  const defaults = new Map<string, ModelInstance | undefined>();
  for (const f of st.files.values()) {
    for (const d of f.program.decls) if (d.kind !== "Train") st.define(d.name, f.path);
  }
  for (const [name, m] of models) {
    const generic = m.decl.hparams.some((h) => !h.default);
    guarded(st, m.file.path, m.decl.name.span, () => defaults.set(name, elaborateModel(st, m.decl, m.file, { generic })));
  }
  // Layers no model instantiates: check them once with symbolic hyperparameters.
  for (const f of st.files.values()) {
    const globals = options.layerCache && [...f.globals].map(([name, g]) => `${name}:${g.kind}:${g.file}`).join("\n");
    for (const d of f.program.decls) {
      if (d.kind !== "Layer" || d.isModel || st.instantiated.has(d)) continue;
      if (options.layerCache) checkLayerCached(st, d, f, options.layerCache, globals as string);
      else guarded(st, f.path, d.name.span, () => checkLayerGeneric(st, d, f));
    }
  }
  for (const f of st.files.values()) {
    for (const d of f.program.decls) if (d.kind === "Op" && !st.appliedOps.has(d)) guarded(st, f.path, d.name.span, () => checkOpGeneric(st, d, f));
  }
  const trainSpecs = new Map<string, TrainSpec | undefined>();
  for (const [name, t] of trains) guarded(st, t.file.path, t.decl.model.span, () => trainSpecs.set(name, checkTrain(st, t.decl, t.file, models.get(name), host)));
  const syntaxErrorFiles = new Set(syntax.filter((d) => d.severity === "error").map((d) => d.file));
  const diagnostics = sortDiagnostics([...syntax, ...st.diagnostics]);
  const files = new Map([...st.files].map(([k, f]) => [k, { source: f.source, program: f.program }]));

  const elaborateWithDiagnostics = (name: string, overrides?: Readonly<Record<string, HValue>>, options: ElaborateOptions = {}) => {
    const m = models.get(name);
    if (!m) return { diagnostics: [] };
    const sub = new CheckState();
    for (const [k, f] of st.files) sub.files.set(k, f);
    sub.record = false;
    const ov = overrides ? new Map(Object.entries(overrides).map(([k, v]) => [k, hvalueToCVal(v)])) : undefined;
    const inputTypes = options.inputs ? new Map(Object.entries(options.inputs)) : undefined;
    let model: ModelInstance | undefined;
    try {
      model = elaborateModel(sub, m.decl, m.file, { overrides: ov, inputTypes });
    } catch (e) {
      internalError(sub, m.file.path, m.decl.name.span, e);
    }
    const bad = syntaxErrorFiles.size > 0;
    return { model: bad ? undefined : model, diagnostics: sortDiagnostics(sub.diagnostics) };
  };

  return {
    diagnostics,
    files,
    entry: path,
    typeOf: (node) => st.typeOf(node),
    definitionOf: (node) => st.definitionOf(node),
    referencesOf(node) {
      const def = st.definitionOf(node);
      if (!def) return [];
      const uses = st.usesOf(def);
      if (!uses) return [def];
      const seen = new Set<string>();
      const out: { file: string; span: Span }[] = [];
      for (const r of uses) {
        const k = `${r.file}:${r.span.start}:${r.span.end}`;
        if (!seen.has(k)) (seen.add(k), out.push(r));
      }
      return out.sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start);
    },
    models: [...models.keys()],
    trains: [...trains.keys()],
    builtinOf: (node) => st.builtinOf(node),
    elaborate(name, overrides, options) {
      if ((!overrides || Object.keys(overrides).length === 0) && !options?.inputs) {
        if (!defaults.has(name) || syntaxErrorFiles.size > 0) return undefined;
        const d = defaults.get(name);
        if (d) return d;
      }
      return elaborateWithDiagnostics(name, overrides, options).model;
    },
    elaborateWithDiagnostics,
    elaborateTrain: (name) => (syntaxErrorFiles.size > 0 ? undefined : trainSpecs.get(name)),
  };
}

/** A bug in the checker must not take down the editor: report it (DL3010) and go on. */
function guarded(st: CheckState, file: string, span: Span, f: () => void): void {
  try {
    f();
  } catch (e) {
    internalError(st, file, span, e);
  }
}

function internalError(st: CheckState, file: string, span: Span, e: unknown): void {
  const where = e instanceof Error ? (e.stack ?? "").split("\n")[1]?.trim() : "";
  st.report("DL3010", `internal checker error: ${e instanceof Error ? e.message : String(e)}${where ? ` (${where})` : ""}`, file, span);
}

/** No hyperparameter given (a generic check). */
const NO_VALUES: ReadonlyMap<string, CVal | undefined> = new Map();

function checkLayerGeneric(st: CheckState, decl: LayerDecl, file: FileInfo): void {
  const env = new Env(file, true);
  const cx = { st, env, scope: new Scope("", undefined) };
  bindHParams(st, decl, env, NO_VALUES);
  evalBody(cx, decl, undefined, undefined, undefined);
}

/**
 * checkLayerGeneric through a cache: most layers of a big file are checked
 * generically on every keystroke, and an edit leaves most of them alone. The
 * check runs on its own state recording no semantic tables (types,
 * definitions, references: a 1 MB file's would be most of the analysis'
 * allocation and memory, and only hover, navigation and inlay hints read
 * them, a declaration at a time), and is kept when it depended on nothing
 * outside the declaration: no user layer or op applied, no name linked to
 * another declaration. Then it is attached to `st` by reference with its
 * tables made on the first lookup into the declaration (the same check,
 * recording; kept with it). Otherwise it runs again on `st`, recording. A
 * kept check is reused while the declaration is the same AST object (an
 * incremental parse keeps unchanged, unmoved declarations) and the file sees
 * the same global names (`globals`, one line per name: suggestions for
 * unknown names come from them).
 */
function checkLayerCached(st: CheckState, decl: LayerDecl, file: FileInfo, cache: LayerCheckCache, globals: string): void {
  const hit = cache.get(decl);
  if (hit && hit.globals === globals) return st.attach(hit.result, file.path, decl.span, hit.tables);
  const sub = CheckState.unrecorded(st.files, file.path, decl.span);
  guarded(sub, file.path, decl.name.span, () => checkLayerGeneric(sub, decl, file));
  const selfContained = sub.instantiated.size === 0 && sub.appliedOps.size === 0 && !sub.escaped && !sub.diagnostics.some((d) => d.code === "DL3010");
  if (!selfContained) {
    cache.delete(decl);
    guarded(st, file.path, decl.name.span, () => checkLayerGeneric(st, decl, file));
    return;
  }
  let tables: CheckState | undefined;
  const files = st.files;
  const entry = {
    globals,
    result: sub,
    tables: () => {
      if (!tables) {
        tables = new CheckState(files);
        const t = tables;
        guarded(t, file.path, decl.name.span, () => checkLayerGeneric(t, decl, file));
      }
      return tables;
    },
  };
  st.attach(sub, file.path, decl.span, entry.tables);
  cache.set(decl, entry);
}

function checkOpGeneric(st: CheckState, decl: OpDecl, file: FileInfo): void {
  const cx = { st, env: new Env(file, true), scope: new Scope("", undefined) };
  elaborateOp(cx, decl, file.path, decl.params.map(() => ({ dtype: "f32" as const, shape: [] })));
}
