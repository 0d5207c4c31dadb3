// Data checked against the model before training: every integer field the
// model uses as an index (token ids into an Embedding, labels of
// cross_entropy or one_hot) must lie inside what it indexes. Both splits are
// scanned once on the host, before the first step, so the error is the same
// on every backend, names the field, the sample and the value, and costs the
// device nothing (batches are drawn from these splits, so no step can see a
// value this scan did not).

import { UserError } from "../../compiler/diagnostics";
import { firstOutOfRange, indexChecks } from "../../compiler/ir/index-checks";
import { unflatten } from "../../compiler/ir/ops/gather";
import type { Graph } from "../../compiler/ir/graph";
import { sampleSize, type Dataset } from "../data/dataset";

/** Throws a UserError (exit 1: the input does not fit the model) at the first out-of-range index of either split. */
export function checkDataIndices(dataset: Dataset, graph: Graph, dataInputs: readonly { input: string; field: string }[]): void {
  for (const c of indexChecks(graph)) {
    const feed = dataInputs.find((d) => d.input === c.input);
    if (!feed) continue;
    const spec = dataset.fields[feed.field];
    if (!spec) continue;
    for (const [split, data] of [["train", dataset.train], ["test", dataset.test]] as const) {
      const values = data.fields[feed.field];
      const bad = firstOutOfRange(values, c, spec.shape);
      if (bad < 0) continue;
      const k = sampleSize(spec);
      const sample = Math.floor(bad / k);
      const at = spec.shape.length ? ` at position [${unflatten(bad % k, spec.shape).join(", ")}]` : "";
      throw new UserError(
        `data.${feed.field}: ${split} sample ${sample} holds ${values[bad]}${at}, outside ${c.what} (0 to ${c.size - 1}) that the model indexes with it`,
        1,
      );
    }
  }
}
