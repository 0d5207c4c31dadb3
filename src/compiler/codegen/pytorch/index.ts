// `dlnet export --pytorch`: a checked model (and optionally its train block)
// as a small Python package. This module only writes source text; the CLI
// adds the data file, init weights, and writes the folder. What cannot be
// written as PyTorch is a DL5004 diagnostic at the construct, and then no
// files are produced.

import type { ModelInstance, TrainSpec } from "../../check/elaborated";
import { diag, type Diagnostic } from "../../diagnostics";
import { IO_PY } from "./io-py";
import { writeModelPy } from "./model-py";
import { NotExpressible } from "./python";
import { writeReadme } from "./readme";
import { bindingsRead, writeTrainPy } from "./train-py";

export interface PytorchExport {
  /** File name in OUT_DIR → contents. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
}

export interface PytorchOptions {
  /** The init weights' file name in OUT_DIR, when the train block has `init =`. */
  initFile?: string;
  /** The command that made the export, for the README. */
  command: string;
}

export function exportPytorch(model: ModelInstance, train: TrainSpec | undefined, o: PytorchOptions): PytorchExport {
  const files = new Map<string, string>();
  try {
    const m = writeModelPy(model, { values: train ? bindingsRead(train) : [] });
    files.set("model.py", m.text);
    files.set("dlnet_io.py", IO_PY);
    if (train) files.set("train.py", writeTrainPy(train, m, { initFile: o.initFile }));
    files.set("README.md", writeReadme(model, train, m.className, o.command));
    return { files, diagnostics: [] };
  } catch (err) {
    if (err instanceof NotExpressible) {
      return { files: new Map(), diagnostics: [diag("DL5004", `cannot be expressed in PyTorch: ${err.message}`, err.file, err.span)] };
    }
    throw err;
  }
}
