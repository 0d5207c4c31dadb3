// What each name in a file is, from the syntax tree and the registry alone:
// a declaration, a hyperparameter, a built-in layer, a keyword argument…
// Semantic tokens colour by it and hover and completion use it to know what
// the cursor is on. Which definition a use refers to is the checker's job
// (Analysis.definitionOf); this only tells kinds apart.

import type * as A from "../compiler/syntax/ast";
import { AUGMENT_DEFS, DATA, FUNCTIONS, LAYERS, OPTIMIZER_DEFS, SCHEDULE_DEFS } from "../compiler/layers/index";

export type Role =
  | "layerDecl" | "modelDecl" | "opDecl"
  | "hparam" | "hparamType" | "hparamRef"
  | "opParam" | "gradParam"
  | "input" | "param" | "bind" | "output" | "asName"
  | "dtype" | "dim"
  | "builtinLayer" | "builtinFunction" | "builtinTrain"
  | "userLayer" | "userOp"
  | "kwarg" | "member" | "settingKey" | "feedTarget" | "trainModel"
  | "local";

/** The user's layers and ops visible in a file (its own and its imports'), by name. */
export type UserDecls = ReadonlyMap<string, A.LayerDecl | A.OpDecl>;

interface Scope {
  hparams: Set<string>;
  locals: Set<string>;
}

export function nameRoles(program: A.Program, user: UserDecls): Map<A.Node, Role> {
  const roles = new Map<A.Node, Role>();
  const set = (n: A.Node | undefined, r: Role) => n && roles.set(n, r);

  const nameRole = (name: string, scope: Scope): Role => {
    if (scope.hparams.has(name)) return "hparamRef";
    if (scope.locals.has(name)) return "local";
    const u = user.get(name);
    if (u) return u.kind === "Op" ? "userOp" : "userLayer";
    if (LAYERS.has(name)) return "builtinLayer";
    if (FUNCTIONS.has(name)) return "builtinFunction";
    if (DATA.has(name) || OPTIMIZER_DEFS.has(name) || SCHEDULE_DEFS.has(name) || AUGMENT_DEFS.has(name)) return "builtinTrain";
    return "local";
  };

  const expr = (e: A.Node | undefined, scope: Scope): void => {
    if (!e) return;
    switch (e.kind) {
      case "Name":
        set(e, nameRole(e.name, scope));
        return;
      case "List":
        return e.items.forEach((x) => expr(x, scope));
      case "Paren":
        return expr(e.expr, scope);
      case "Unary":
        return expr(e.operand, scope);
      case "Binary":
        expr(e.left, scope);
        return expr(e.right, scope);
      case "Pipe":
        return e.stages.forEach((x) => expr(x, scope));
      case "Call":
        expr(e.callee, scope);
        for (const a of e.args) {
          set(a.name, "kwarg");
          expr(a.value, scope);
        }
        return;
      case "Member":
        expr(e.object, scope);
        set(e.property, "member");
        return;
      case "Index":
        expr(e.object, scope);
        return e.items.forEach((x) => expr(x, scope));
      case "Slice":
        expr(e.start, scope);
        expr(e.end, scope);
        return expr(e.step, scope);
      case "As":
        expr(e.expr, scope);
        set(e.name, "asName");
        return;
      case "Repeat": {
        expr(e.count, scope);
        if (!e.variable) return expr(e.layer, scope);
        // The loop variable is a hyperparameter of each copy.
        set(e.variable, "hparam");
        return expr(e.layer, { hparams: new Set([...scope.hparams, e.variable.name]), locals: scope.locals });
      }
      case "If":
        expr(e.cond, scope);
        expr(e.then, scope);
        return expr(e.otherwise, scope);
      default:
        return;
    }
  };

  const tensorType = (t: A.TensorTypeExpr | undefined, scope: Scope) => {
    if (!t) return;
    set(t.dtype, "dtype");
    for (const d of t.dims) {
      if (d.kind === "Name") set(d, scope.hparams.has(d.name) ? "hparamRef" : "dim");
      else expr(d, scope);
    }
  };

  for (const d of program.decls) {
    if (d.kind === "Layer") {
      set(d.name, d.isModel ? "modelDecl" : "layerDecl");
      const scope: Scope = { hparams: new Set(d.hparams.map((h) => h.name.name)), locals: new Set() };
      for (const h of d.hparams) {
        set(h.name, "hparam");
        set(h.type, "hparamType");
        expr(h.default, scope);
      }
      for (const s of d.body) {
        switch (s.kind) {
          case "Input":
            set(s.name, "input");
            tensorType(s.type, scope);
            break;
          case "Param":
            set(s.name, "param");
            tensorType(s.type, scope);
            expr(s.init, scope);
            break;
          case "Bind":
            set(s.name, "bind");
            expr(s.value, scope);
            break;
          case "Output":
            set(s.name, "output");
            tensorType(s.type, scope);
            expr(s.value, scope);
            break;
        }
        scope.locals.add(s.name.name);
      }
    } else if (d.kind === "Op") {
      set(d.name, "opDecl");
      const scope: Scope = { hparams: new Set(), locals: new Set([...d.params.map((p) => p.name), "dy"]) };
      d.params.forEach((p) => set(p, "opParam"));
      expr(d.body, scope);
      for (const g of d.grads) {
        set(g.param, "gradParam");
        expr(g.value, scope);
      }
    } else {
      set(d.model, "trainModel");
      const scope: Scope = { hparams: new Set(), locals: new Set(["data"]) };
      for (const s of d.settings) {
        set(s.key, "settingKey");
        set(s.target, "feedTarget");
        expr(s.value, scope);
      }
    }
  }
  return roles;
}

/** The user's layers and ops of the given programs (a file and its imports). */
export function userDecls(programs: Iterable<A.Program>): Map<string, A.LayerDecl | A.OpDecl> {
  const out = new Map<string, A.LayerDecl | A.OpDecl>();
  for (const p of programs) for (const d of p.decls) if (d.kind !== "Train" && !out.has(d.name.name)) out.set(d.name.name, d);
  return out;
}
