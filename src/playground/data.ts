// The playground's data: `mnist(...)` from the digits asset (fetched by the
// caller), `text(...)` and `tensors(...)` from the files the build bakes in
// (files.ts), each cut exactly as the CLI's loader cuts it (mnistFrom,
// textFrom, tensorsFrom); any other source
// reads a file the page does not have, so it trains on synthetic data with the
// same fields, and a notice says so.

import type { TrainSpec } from "../compiler/check/elaborated";
import { fieldsOf, syntheticDataset } from "../browser/synthetic";
import type { Dataset, Split } from "../runtime/data/dataset";
import { mnistFrom, type MnistArgs } from "../runtime/data/mnist";
import { textFrom, type TextArgs } from "../runtime/data/text";
import { tensorsFrom, type TensorsArgs } from "../runtime/data/tensors";
import { decodeSafetensors } from "../runtime/checkpoint/safetensors";
import { BINARY_FILE_PREFIX, memoryFileBytes } from "../compiler/check/program";

export async function playgroundDataset(
  spec: TrainSpec,
  files: Readonly<Record<string, string>>,
  digits: () => Promise<Split>,
  notices: string[],
): Promise<Dataset> {
  const { source, args, path } = spec.data;
  if (source === "mnist") return mnistFrom(await digits(), args as MnistArgs);
  const text = path === undefined ? undefined : files[path];
  if (source === "text" && text !== undefined) return textFrom(text, args as unknown as TextArgs);
  if (source === "tensors" && text?.startsWith(BINARY_FILE_PREFIX)) return tensorsFrom(decodeSafetensors(memoryFileBytes(text), path!), args as unknown as TensorsArgs);
  notices.push(`${source}(…) reads a file this page does not have: training on synthetic data with the same fields`);
  return syntheticDataset(fieldsOf(spec), { seed: spec.seed ?? 0 });
}
