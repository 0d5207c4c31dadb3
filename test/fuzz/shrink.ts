// A delta-debugging shrinker over a program's source: greedily tries smaller
// variants and keeps one whenever it still fails the same way, until no
// variant does (a 1-minimal program with respect to these edits) or the
// budget runs out. A variant the checker rejects is simply not kept, so
// edits need not know the language's typing rules.
//
// Edits, biggest first:
//   - drop a line (a statement, a train setting, a definition's line);
//   - drop a binding and use its source instead (`h2 = h1 -> X` goes, h2
//     becomes h1 everywhere after it);
//   - drop one stage of a pipe (`a -> X -> Y` becomes `a -> Y`);
//   - drop one term of a sum (`loss = a + b` becomes `loss = a`).

export interface ShrinkOptions {
  /** Stop after this many candidate evaluations. */
  maxTries?: number;
  /** Stop after this many milliseconds. */
  maxMs?: number;
}

/** `fails(source)` is true when a candidate still shows the failure being shrunk. */
export async function shrink(source: string, fails: (s: string) => Promise<boolean>, opts: ShrinkOptions = {}): Promise<{ source: string; tries: number }> {
  const maxTries = opts.maxTries ?? 300;
  const deadline = performance.now() + (opts.maxMs ?? 120_000);
  let best = source;
  let tries = 0;
  let progress = true;
  while (progress && tries < maxTries && performance.now() < deadline) {
    progress = false;
    for (const cand of candidates(best)) {
      if (tries >= maxTries || performance.now() >= deadline) break;
      tries++;
      if (await fails(cand)) {
        best = cand;
        progress = true;
        break;
      }
    }
  }
  return { source: best, tries };
}

/** Smaller variants of `src`, in the order they are tried. */
export function* candidates(src: string): Generator<string> {
  const lines = src.split("\n");
  // The first two lines say how the case was made and declare its data: kept.
  const editable = (i: number) => i >= 2 && lines[i].trim() !== "" && !/^\s*(model|train)\b.*\{\s*$/.test(lines[i]) && lines[i].trim() !== "}";
  const without = (i: number) => [...lines.slice(0, i), ...lines.slice(i + 1)];
  // Bindings replaced by their source.
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*(\w+) = (\(?)(\w+)\b/.exec(lines[i]);
    if (!m || !editable(i)) continue;
    const [, name, , from] = m;
    if (name === from) continue;
    const rest = without(i).map((l, k) => (k >= i ? l.replace(new RegExp(`\\b${name}\\b`, "g"), from) : l));
    yield rest.join("\n");
  }
  for (let i = lines.length - 1; i >= 0; i--) if (editable(i)) yield without(i).join("\n");
  // Whole definitions (op/layer blocks).
  for (let i = 0; i < lines.length; i++) {
    if (!/^(op|layer) /.test(lines[i])) continue;
    let j = i;
    if (lines[i].trimEnd().endsWith("{")) while (j < lines.length && lines[j] !== "}") j++;
    yield [...lines.slice(0, i), ...lines.slice(j + 1)].join("\n");
  }
  for (let i = 0; i < lines.length; i++) {
    if (!editable(i)) continue;
    const parts = splitTop(lines[i], " -> ");
    for (let k = 1; k < parts.length; k++) {
      yield [...lines.slice(0, i), [...parts.slice(0, k), ...parts.slice(k + 1)].join(" -> "), ...lines.slice(i + 1)].join("\n");
    }
    const terms = splitTop(lines[i], " + ");
    for (let k = 1; k < terms.length; k++) {
      yield [...lines.slice(0, i), [...terms.slice(0, k), ...terms.slice(k + 1)].join(" + "), ...lines.slice(i + 1)].join("\n");
    }
  }
}

/** Splits at `sep` outside parentheses and brackets. */
function splitTop(line: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (depth === 0 && line.startsWith(sep, i)) {
      out.push(line.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(line.slice(start));
  return out;
}
