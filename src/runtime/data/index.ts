// Data sources by the name a train block uses (`data = mnist(train: 8000)`).
// The checker binds and validates the arguments (src/compiler/layers/
// train-vocab.ts holds their specs); this opens the data.

import { dirname, resolve } from "node:path";
import { UserError } from "../../compiler/diagnostics";
import { csv } from "./csv";
import type { Dataset } from "./dataset";
import { mnist } from "./mnist";
import { tensors } from "./tensors";
import { text } from "./text";

export * from "./dataset";
export { csv, parseCsv } from "./csv";
export { mnist, mnistAll, MNIST_FIELDS } from "./mnist";
export { tensors, tensorsFrom } from "./tensors";
export { text } from "./text";
export { epochOrder, mixSeed, mulberry32, permutation } from "./prng";
export { augmentBatch, augmentSample } from "./augment";

/** What the checker's DataSpec holds: the source's name and its bound arguments. */
export interface DataSourceCall {
  source: string;
  args: Readonly<Record<string, unknown>>;
  /** The file, already resolved (the checker's DataSpec.path); else args.path against baseDir. */
  path?: string;
}

/**
 * Opens a train block's data source. The checker names files relative to the
 * folder it read the .dlnet file from (`cwd`: the CLI's working folder, which
 * need not be the process's).
 */
export function openTrainData(spec: { readonly file: string; readonly data: DataSourceCall }, cwd: string): Dataset {
  const { source, args, path } = spec.data;
  return openDataset({ source, args, path: path === undefined ? undefined : resolve(cwd, path) }, resolve(cwd, dirname(spec.file)));
}

/** Opens a data source; relative paths resolve against `baseDir` (the .dlnet file's folder). */
export function openDataset(call: DataSourceCall, baseDir: string): Dataset {
  const a = { ...call.args, ...(call.path !== undefined ? { path: call.path } : {}) } as Record<string, never>;
  // The checker's path is already joined to the .dlnet file's folder (relative to the working directory): not again.
  if (call.path !== undefined) baseDir = ".";
  switch (call.source) {
    case "mnist":
      return mnist({ train: a.train, test: a.test, digits: a.digits });
    case "csv":
      return csv({ path: a.path, features: a.features, label: a.label, classes: a.classes, test: a.test }, baseDir);
    case "text":
      return text({ path: a.path, context: a.context, test: a.test }, baseDir);
    case "tensors":
      return tensors({ path: a.path, test: a.test }, baseDir);
    default:
      throw new UserError(`unknown data source '${call.source}' (known: mnist, csv, text, tensors)`);
  }
}
