// The registry's tables and lookups. Nothing else lists built-ins by hand.

import { AvgPool1d, AvgPool2d, GlobalAvgPool, MaxPool1d, MaxPool2d } from "./builtins/pool";
import { AdaptiveAvgPool2d, Upsample } from "./builtins/resample";
import { Conv1d, Conv2d, ConvTranspose2d } from "./builtins/conv";
import { Embedding, PositionalEmbedding } from "./builtins/embedding";
import { ELU, GELU, Identity, LeakyReLU, Mish, ReLU, Sigmoid, SiLU, Softmax, Softplus, Tanh } from "./builtins/activations";
import { Linear } from "./builtins/linear";
import { BatchNorm, GroupNorm, InstanceNorm1d, InstanceNorm2d, LayerNorm, RMSNorm } from "./builtins/norm";
import { Dropout, Flatten, Reshape } from "./builtins/misc";
import { GRU, LSTM, RNN } from "./builtins/recurrent";
import { MultiHeadAttention } from "./builtins/attention";
import * as elementwise from "./functions/elementwise";
import * as reductions from "./functions/reductions";
import * as losses from "./functions/losses";
import * as random from "./functions/random";
import * as indexing from "./functions/indexing";
import type { FunctionDef, LayerDef } from "./registry";
import { DATA_SOURCES, OPTIMIZERS, SCHEDULES, type DataSourceDef, type OptimizerDef, type ScheduleDef } from "./train-vocab";

export * from "./registry";
export * from "./train-vocab";

const layerList: LayerDef[] = [
  Linear, Conv1d, Conv2d, ConvTranspose2d, MaxPool2d, AvgPool2d, GlobalAvgPool,
  BatchNorm, LayerNorm, RMSNorm, Dropout, Embedding, PositionalEmbedding,
  RNN, LSTM, GRU, MultiHeadAttention, Flatten, Reshape,
  ReLU, GELU, SiLU, Tanh, Sigmoid, Softmax, LeakyReLU, ELU, Softplus, Mish, Identity,
  MaxPool1d, AvgPool1d, AdaptiveAvgPool2d, Upsample, GroupNorm, InstanceNorm1d, InstanceNorm2d,
];

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

