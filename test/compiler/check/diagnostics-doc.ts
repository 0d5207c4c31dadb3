// Generates docs/diagnostics.md from the catalogue, an explanation per code,
// and real compiler output for each example (the diagnostic test cases), so
// the reference cannot drift from what the compiler says.

import { CATALOGUE } from "../../../src/compiler/diagnostics";
import { renderDiagnostics } from "../../../src/compiler/check";
import { SETTINGS } from "../../../src/compiler/check/train";
import { CASES } from "./diagnostic-cases";
import { checkSources } from "./helpers";

const EXPLAIN: Record<string, string> = {
  DL1001: "The lexer met a character that starts no token (`$`, `#`, a stray unicode symbol).",
  DL1002: "A string literal has no closing quote before the end of the line.",
  DL1003: "A `/*` comment is never closed.",
  DL1004: "The parser expected something else here; the message lists what would fit. The parser recovers and keeps going.",
  DL1005: "An opening bracket `(`, `[` or `{` is never closed.",
  DL1006: "A number literal is malformed (`1e`, `0x` forms are not supported).",
  DL1007: "The file is not text (binary or invalid UTF-8).",
  DL1008: "An expression is nested deeper than the compiler accepts (256 levels).",
  DL2001: "A name is not a binding, input, hyperparameter, dim name, layer, op or built-in in scope, or it is used before the statement that defines it. Unknown dtypes, initialisers, freeze targets and members of a named layer (`tok.wieght`, listing its real parameters) are reported with this code too. The message suggests the closest known name, with a quick fix.",
  DL2002: "A name is defined twice in the same scope: two bindings in a body, two layers in a file, a name imported from two files, two `grad` rules for one argument, or two instances given the same name with `as`.",
  DL2003: "A pipe stage or callee names no layer, function or op. Suggests the closest built-in or user name.",
  DL2004: "A call passes a keyword its callee does not take (PyTorch's names are used: `out_features`, `kernel_size` — with short aliases such as `kernel`, `heads`). Suggests the closest argument name.",
  DL2005: "A required argument, hyperparameter, input or operand is missing.",
  DL2006: "More positional arguments, inputs or operands than the callee takes, or one argument given twice.",
  DL2007: "An `import` names a file that cannot be read. Paths are relative to the importing file's folder.",
  DL2008: "Files import each other in a cycle. Declarations still resolve; the cycle is reported at the import that closes it.",
  DL2009: "A `train` block names a model that does not exist.",
  DL2010: "A binding is never read. (Outputs and inputs are not reported.)",
  DL2011: "A hyperparameter is used neither in the body nor in a dimension.",
  DL2012: "A name hides another one: a binding with a hyperparameter's name, a layer with a built-in's name, a local declaration with an imported one.",
  DL3001: "Shapes disagree: a layer's expected input against what flows in, a user layer's declared input type against the caller's tensor (names like `B`, `T` bind to the caller's dims; hyperparameters must equal their values), `@` contraction sizes, `repeat` of a layer that changes the shape, a loss that is not a scalar, a grad rule of the wrong shape. The message names the stage, both shapes and the dimension that disagrees.",
  DL3002: "A layer or function needs a different number of dimensions (Conv2d wants `[B, C, H, W]`).",
  DL3003: "Element types disagree: `Embedding` wants i32 indices, activations want floats, arithmetic wants one dtype (number literals adopt the tensor's dtype; a fractional literal cannot meet an i32 tensor).",
  DL3004: "Two shapes cannot be broadcast (NumPy rules: align from the right; sizes must be equal or 1; a symbolic dim equals only itself).",
  DL3005: "A value has the wrong type for where it goes: a hyperparameter (`int`, `float`, `bool`, `string`), a built-in's argument, a repeat count, a train setting (`batch` must be an int >= 1).",
  DL3006: "A compile-time expression cannot be evaluated: int division that is not exact (`d / heads` with 100 / 3), division by zero, a parameter whose shape stays symbolic, a parameter read as a value (`fc.weight`) before its layer is applied (its shape depends on the input), recursive layers.",
  DL3007: "An output declared with a type (`output y: f32[batch, 10] = …`) computes a different type.",
  DL3008: "An index, slice or axis is outside the tensor's dimensions (`x[:, 800]` on `[batch, 784]`, `softmax(dim: 2)` on a matrix).",
  DL3009: "A layer is used where a tensor is needed (`x + Linear(10)`), a tensor where a layer or compile-time value is needed, `as`/`repeat` on something that is not a layer constructor, or a member of something that has none (`Linear(10).weight`: name the instance first).",
  DL3010: "The checker itself failed on this declaration (a bug in dlnet; please report it with the file). The other declarations are still checked.",
  DL4001: "A train block lacks `data`, `loss` or `optimizer`.",
  DL4002: `A train block sets an unknown key. Known: ${SETTINGS.join(", ")}.`,
  DL4003: "Unknown data source (`mnist`, `csv`, `text`, `tensors`), optimizer (`SGD`, `Adam`, `AdamW`, `RMSProp`) or schedule (`constant`, `step`, `cosine`, `linear`, `warmup`), an unknown augmentation in `augment FIELD = [...]` (`crop`, `hflip`, `vflip`, `noise`, `view`), or a data file that cannot be read.",
  DL4004: "A `feed` names no model input, a model input has no feed, or the field's per-sample shape does not fit the input (symbolic dims bind; equal element counts reshape).",
  DL4005: "A data field does not exist (mnist has `image` and `label`; csv `features` and `label`; text `tokens` and `targets`), or a CSV column named in `features:`/`label:` is missing from the header.",
  DL4006: "A trainable parameter does not influence the loss (for example a layer that only feeds an output the loss ignores), so it would never change. Freeze it or use it.",
  DL4007: "The last layer of a model output is a dropout: at inference it does nothing, in training it only perturbs the loss.",
  DL4010: "An `augment FIELD = [...]` does not fit its field: the field is not f32, its [C, H, W] image layout is not known (a flat field needs `view(C, H, W)` first; mnist's image is known to be 1×28×28), a `view` holds a different number of values or is not first, a crop window is larger than the padded image or differs from the image's size (held-out data is not cropped), a flip probability is outside [0, 1] or a noise std is negative.",
  DL4008: "The `init` weights file is not a `.safetensors`/`.onnx` file or cannot be read (later stages report a mismatch of names or shapes with this code too).",
  DL5001: "The compiled model exceeds the device's limits (buffer sizes, bindings); reported by code generation.",
  DL5002: "Something in the model has no ONNX equivalent; reported by ONNX export.",
  DL5004: "`dlnet export --pytorch` cannot write this construct as PyTorch code: an instance or parameter named like an attribute every torch.nn.Module has (`forward`, `training`, `eval`, `to`, `type`, ...) or a Python keyword, or a reshape that leaves more than one symbolic size to infer. Rename the instance (`Linear(10) as head`) or state the sizes. Nothing is written.",
};

/** Small syntax-error programs, shown with the parser's real output. */
const SYNTAX: Record<string, string> = {
  DL1001: "model Net {\n  input x: f32[batch, 4]\n  output y = x $ 2\n}\n",
  DL1002: "import \"blocks.dlnet\n",
  DL1003: "model Net { /* never closed\n",
  DL1004: "model Net {\n  input x: f32[batch, 4]\n  output y = x -> -> relu\n}\n",
  DL1005: "model Net {\n  input x: f32[batch, 4\n",
};

export function generateDiagnosticsDoc(): string {
  const out: string[] = [
    "# Diagnostics",
    "",
    "Every message of the dlnet compiler has a stable code. Codes by phase: 1xxx syntax,",
    "2xxx names, 3xxx shapes and types, 4xxx training, 5xxx code generation and export.",
    "Each entry shows a program and the compiler's output for it, rendered as",
    "`dlnet check` prints it (`file:line:col code severity message`, the line, carets).",
    "",
    "_Generated by test/compiler/check/diagnostics-doc.test.ts from the catalogue in",
    "src/compiler/diagnostics.ts; regenerate with `UPDATE_BASELINES=1 npx vitest run test/compiler/check`._",
    "",
  ];
  for (const [code, entry] of Object.entries(CATALOGUE)) {
    out.push(`## ${code} — ${entry.summary} (${entry.severity})`, "", EXPLAIN[code] ?? entry.summary, "");
    const cases = CASES.filter((c) => c.code === code);
    const programs = cases.length ? cases.map((c) => c.files) : SYNTAX[code] ? [{ "main.dlnet": SYNTAX[code] }] : [];
    for (const files of programs) {
      for (const [name, text] of Object.entries(files)) out.push("```dlnet", `// ${name}`, text.trimEnd(), "```", "");
      const r = checkSources(files);
      const shown = r.diagnostics.filter((d) => d.code === code);
      out.push("```text", renderDiagnostics(shown, r.files).trimEnd(), "```", "");
    }
  }
  return out.join("\n");
}
