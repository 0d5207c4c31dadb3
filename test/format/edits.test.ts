// layoutEdits: the smallest edits from a text to its formatted layout. The
// oracle is the formatter's own output: applying the edits must give it
// exactly, on the examples, the fixtures and seeded mutations of them; when
// the formatter only moved whitespace, every edit replaces whitespace with
// whitespace; and on random text pairs (tokens changed too) the edits still
// reconstruct the target.

import { describe, expect, it } from "vitest";
import { applyEdits, layoutEdits } from "../../src/format/edits";
import { format } from "../../src/format/index";
import { examples, fixtures, mutations, rng } from "./corpus";

const blank = (s: string) => /^[ \t\r\n]*$/.test(s);

describe("layoutEdits", () => {
  it("reaches the formatted text with whitespace-only edits on the corpus", () => {
    const cases = [...examples(), ...fixtures()];
    const all = [...cases, ...mutations(cases, 30, 16)];
    let changed = 0;
    for (const c of all) {
      const out = format(c.text, c.name).text;
      const edits = layoutEdits(c.text, out);
      expect(applyEdits(c.text, edits), c.name).toBe(out);
      if (out === c.text) expect(edits).toEqual([]);
      else changed++;
      if (out.replace(/\s+/g, "") === c.text.replace(/\s+/g, "")) {
        for (const e of edits) expect(blank(c.text.slice(e.start, e.end)) && blank(e.text), `${c.name}: ${JSON.stringify(e)}`).toBe(true);
      }
      for (let i = 1; i < edits.length; i++) expect(edits[i].start).toBeGreaterThanOrEqual(edits[i - 1].end);
    }
    expect(changed).toBeGreaterThan(20);
  });

  it("reconstructs any target from any text", () => {
    const random = rng(1616);
    const pieces = ["a", "b", "->", "(", ")", " ", "  ", "\n", "\t", "x1", ",", "//c\n"];
    const text = () => Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
    for (let k = 0; k < 2000; k++) {
      const a = text();
      const b = random() < 0.5 ? text() : a.replace(/ /g, random() < 0.5 ? "  " : "").replace(/\n/g, " \n");
      const edits = layoutEdits(a, b);
      expect(applyEdits(a, edits), JSON.stringify([a, b])).toBe(b);
      for (let i = 1; i < edits.length; i++) expect(edits[i].start).toBeGreaterThanOrEqual(edits[i - 1].end);
    }
  });
});
