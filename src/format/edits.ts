// The edits that turn a text into its formatted layout, as small as the
// layout change allows, so an editor keeps its cursor, marks and folds: the
// formatter moves whitespace and (almost always) nothing else, so the
// non-whitespace characters of both texts are aligned and each gap of
// whitespace between two of them that differs becomes one edit. What is
// not whitespace and differs (the formatter rewrote a token) is one edit
// from the first differing character to the last.

export interface OffsetEdit {
  /** Offsets in the old text. */
  start: number;
  end: number;
  text: string;
}

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

function nonSpace(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (!isSpace(s[i])) out.push(i);
  return out;
}

/** Edits of `before` (ascending, disjoint) whose application gives `after`. */
export function layoutEdits(before: string, after: string): OffsetEdit[] {
  const a = nonSpace(before);
  const b = nonSpace(after);
  let p = 0;
  while (p < a.length && p < b.length && before[a[p]] === after[b[p]]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && before[a[a.length - 1 - s]] === after[b[b.length - 1 - s]]) s++;
  // Gap k: the text between non-space character k-1 and k (k = 0: the start; k = n: the end).
  const gap = (text: string, idx: number[], k: number): [number, number] => [k === 0 ? 0 : idx[k - 1] + 1, k < idx.length ? idx[k] : text.length];
  const edits: OffsetEdit[] = [];
  const push = (ka: [number, number], kb: [number, number]) => {
    const text = after.slice(kb[0], kb[1]);
    if (before.slice(ka[0], ka[1]) !== text) edits.push({ start: ka[0], end: ka[1], text });
  };
  for (let k = 0; k < p; k++) push(gap(before, a, k), gap(after, b, k));
  // The middle: from gap p to gap (n - s), one edit (a single gap when the characters all agree).
  push([gap(before, a, p)[0], gap(before, a, a.length - s)[1]], [gap(after, b, p)[0], gap(after, b, b.length - s)[1]]);
  for (let k = a.length - s + 1; k <= a.length; k++) push(gap(before, a, k), gap(after, b, k - a.length + b.length));
  return edits;
}

/** `text` with edits (ascending, disjoint) applied. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
