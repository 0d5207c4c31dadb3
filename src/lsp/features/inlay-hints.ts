// Inlay hints: the shape after each stage of a pipe (`x -> Linear(128)
// ‹f32[batch, 128]› -> ReLU …`), from the checker's types.

import { InlayHintKind, type InlayHint, type Range } from "vscode-languageserver";
import { showType } from "../../compiler/tensor-type";
import type { Analysis } from "../analysis";
import { walk } from "../nodes";
import { toOffset, toPosition } from "../positions";

export function inlayHints(a: Analysis, range: Range): InlayHint[] {
  const from = toOffset(a.file, range.start);
  const to = toOffset(a.file, range.end);
  const out: InlayHint[] = [];
  const decls = [...a.program.imports, ...a.program.decls].filter((d) => d.span.end >= from && d.span.start <= to);
  for (const n of decls.flatMap((d) => walk(d))) {
    if (n.kind !== "Pipe" || n.span.end < from || n.span.start > to) continue;
    n.stages.forEach((stage, i) => {
      if (stage.span.end < from || stage.span.end > to) return;
      // The source's type when it is a tensor, then each stage's output.
      const t = a.typeOf(stage);
      if (!t || (i === 0 && stage.kind !== "Name" && stage.kind !== "Paren")) return;
      out.push({ position: toPosition(a.file, stage.span.end), label: showType(t), kind: InlayHintKind.Type, paddingLeft: true });
    });
  }
  return out;
}
