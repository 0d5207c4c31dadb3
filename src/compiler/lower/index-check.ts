// Computed indices checked where they are used: an Embedding's token ids,
// index_select's and gather's indices, one_hot's, cross_entropy's and nll's
// labels go through check_index (ir/ops/gather.ts) unless they come straight
// from an input, which the host checks before any backend sees it
// (ir/index-checks.ts). The check names the call and its source position.

import { checkIndex, type Node } from "../ir/builder";
import type { Lowering } from "./context";
import { checkedOnHost } from "../ir/index-checks";
import type { Dim } from "../ir/types";
import { placeOf, type Span } from "../source";

/** `idx`, checked against [0, size) (or `allowed`, an ignore_index) when the host does not check it. */
export function checkedIndex(cx: Lowering, idx: Node, size: Dim, what: string, call: string, at: { file: string; span: Span }, allowed: number | null = null): Node {
  if (checkedOnHost(idx, size)) return idx;
  return checkIndex(idx, size, what, `${call} at ${placeOf(cx.sources, at.file, at.span.start)}`, allowed);
}

/** What labels index: "the 3 classes". */
export const classesOf = (logits: Node): { size: Dim; what: string } => {
  const c = logits.shape[logits.shape.length - 1];
  return { size: c, what: `the ${String(c)} classes` };
};
