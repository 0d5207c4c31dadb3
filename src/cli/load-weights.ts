// `--weights W` for run and export: every parameter and buffer of the model
// from a dlnet checkpoint, a safetensors state dict or an .onnx file, matched
// by parameter path. Strict: a missing or extra tensor, or a wrong shape, is
// one error line naming them all (exit 1). A checkpoint's optimizer state
// (`optim.<param>.<state>`) is not part of the model and is skipped; its EMA
// weights (`ema.<param>`, train block `ema = ...`) are skipped too, unless
// `--ema` asks for them in place of the parameters they average.

import { resolve } from "node:path";
import type { ParamInfo } from "../compiler/check/elaborated";
import { UserError } from "../compiler/diagnostics";
import { matchParameters } from "../runtime/onnx/import";
import type { Tensor } from "../compiler/tensor";
import { readWeights } from "../runtime/weights";

export const OPTIMIZER_PREFIX = "optim.";
/** `ema = ...`: the averaged weights in a checkpoint (`ema.<param>`), not the model's own. */
export const EMA_PREFIX = "ema.";

/**
 * A checkpoint's optimizer state (`optim.<param>.<state>`) and EMA weights (`ema.<param>`), for the exported
 * training step to continue from; empty for weights without it.
 */
export function loadOptimizerState(given: string, cwd: string): Map<string, Tensor> {
  return new Map([...readWeights(resolve(cwd, given))].filter(([name]) => name.startsWith(OPTIMIZER_PREFIX) || name.startsWith(EMA_PREFIX)));
}

/**
 * `ema`: each `ema.<param>` of the file replaces `<param>` (the averaged
 * trainable weights; buffers and frozen parameters stay the model's own); a
 * file without any is an error.
 */
export function loadModelWeights(given: string, cwd: string, params: readonly ParamInfo[], model: string, opts: { ema?: boolean } = {}): Map<string, Tensor> {
  const path = resolve(cwd, given);
  const all = readWeights(path);
  const found = new Map([...all].filter(([name]) => !name.startsWith(OPTIMIZER_PREFIX) && !name.startsWith(EMA_PREFIX)));
  if (opts.ema) {
    const averaged = [...all].filter(([name]) => name.startsWith(EMA_PREFIX));
    if (!averaged.length) {
      throw new UserError(
        `--ema: ${given} holds no EMA weights (no 'ema.*' tensors; a checkpoint has them when its train block sets \`ema = ...\`); drop --ema to use the model's own weights`,
        1,
      );
    }
    for (const [name, t] of averaged) {
      const own = name.slice(EMA_PREFIX.length);
      if (!found.has(own)) throw new UserError(`--ema: ${given} has '${name}' but no parameter '${own}' beside it`, 1);
      found.set(own, t);
    }
  }
  const expected = new Map(params.map((p) => [p.path, p.shape]));
  const m = matchParameters(expected, found, given, { strict: true });
  const problems: string[] = [];
  if (m.missing.length) problems.push(`missing ${m.missing.map((n) => `'${n}'`).join(", ")}`);
  if (m.unexpected.length) problems.push(`unexpected ${m.unexpected.map((n) => `'${n}'`).join(", ")}`);
  for (const d of m.diagnostics) {
    if (d.severity === "error" && !/no tensor for|matches no parameter/.test(d.message)) problems.push(d.message.replace(`${given}: `, ""));
  }
  if (problems.length) throw new UserError(`${given} does not fit model ${model}: ${problems.join("; ")}`, 1);
  return m.matched;
}
