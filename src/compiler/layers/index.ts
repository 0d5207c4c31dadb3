// The registry's tables and lookups. Nothing else lists built-ins by hand.

import * as builtins from "./builtins";
import * as elementwise from "./functions/elementwise";
import * as reductions from "./functions/reductions";
import * as losses from "./functions/losses";
import * as random from "./functions/random";
import * as indexing from "./functions/indexing";
import type { FunctionDef, LayerDef } from "./registry";
import { AUGMENTS, DATA_SOURCES, OPTIMIZERS, SCHEDULES, type AugmentDef, type DataSourceDef, type OptimizerDef, type ScheduleDef } from "./train-vocab";

export * from "./registry";
export * from "./train-vocab";

function isLayer(x: unknown): x is LayerDef {
  return typeof x === "object" && x !== null && (x as LayerDef).kind === "layer";
}

/** Every layer builtins/ exports, in name order (docs/builtins.md's order; a namespace's own order depends on the module loader). */
const layerList: LayerDef[] = Object.values(builtins)
  .filter(isLayer)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function isFn(x: unknown): x is FunctionDef {
  return typeof x === "object" && x !== null && (x as FunctionDef).kind === "function";
}

const functionList: FunctionDef[] = [elementwise, reductions, indexing, random, losses].flatMap((m) => Object.values(m).filter(isFn));

function byName<T extends { name: string }>(xs: readonly T[]): ReadonlyMap<string, T> {
  return new Map(xs.map((x) => [x.name, x]));
}

export const LAYERS: ReadonlyMap<string, LayerDef> = byName(layerList);
export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = byName(functionList);
export const DATA: ReadonlyMap<string, DataSourceDef> = byName(DATA_SOURCES);
export const OPTIMIZER_DEFS: ReadonlyMap<string, OptimizerDef> = byName(OPTIMIZERS);
export const SCHEDULE_DEFS: ReadonlyMap<string, ScheduleDef> = byName(SCHEDULES);
export const AUGMENT_DEFS: ReadonlyMap<string, AugmentDef> = byName(AUGMENTS);

