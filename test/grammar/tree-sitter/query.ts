// The part of tree-sitter's query language that queries/highlights.scm uses,
// evaluated on the trees the 0.13 parser prints (0.13 has no query engine):
// node patterns `(type child…)` whose children match direct children in
// order, string patterns `"->"` for anonymous nodes, alternations `[…]`,
// captures `@name`, a final anchor `(parent (child) .)` (the last named
// child), and `#match?` / `#not-match?` predicates in a grouped pattern
// `((pattern) (#match? @capture "regex"))`. Anything else is refused.

import type { TsNode } from "./index";

type Pattern =
  | { kind: "node"; type: string; children: Pattern[]; anchoredLast: boolean; captures: string[] }
  | { kind: "string"; value: string; captures: string[] }
  | { kind: "alternation"; alternatives: Pattern[]; captures: string[] };

interface Predicate {
  name: "match?" | "not-match?";
  capture: string;
  regex: RegExp;
}

export interface Query {
  patterns: { pattern: Pattern; predicates: Predicate[] }[];
}

export function parseQuery(source: string): Query {
  const tokens = [...source.matchAll(/;[^\n]*|"(?:[^"\\]|\\.)*"|[()[\].]|@[\w.]+|#[\w-]+[?!]?|[\w-]+/g)]
    .map((m) => m[0])
    .filter((t) => !t.startsWith(";"));
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    if (i >= tokens.length) throw new Error("query: unexpected end");
    return tokens[i++];
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new Error(`query: expected ${t} but found ${got}`);
  };
  const captures = () => {
    const out: string[] = [];
    while (peek()?.startsWith("@")) out.push(next().slice(1));
    return out;
  };
  const string = (t: string) => JSON.parse(t) as string;
  const pattern = (): Pattern => {
    const t = next();
    if (t.startsWith('"')) return { kind: "string", value: string(t), captures: captures() };
    if (t === "[") {
      const alternatives: Pattern[] = [];
      while (peek() !== "]") alternatives.push(pattern());
      next();
      return { kind: "alternation", alternatives, captures: captures() };
    }
    if (t !== "(") throw new Error(`query: unexpected ${t}`);
    const type = next();
    if (!/^[A-Za-z_]\w*$/.test(type)) throw new Error(`query: unsupported node pattern (${type}`);
    const children: Pattern[] = [];
    let anchoredLast = false;
    while (peek() !== ")") {
      if (peek() === ".") {
        next();
        if (peek() !== ")") throw new Error("query: only a final anchor is supported");
        anchoredLast = true;
        continue;
      }
      children.push(pattern());
    }
    next();
    return { kind: "node", type, children, anchoredLast, captures: captures() };
  };
  const patterns: Query["patterns"] = [];
  while (i < tokens.length) {
    if (tokens[i] === "(" && tokens[i + 1] === "(") {
      // ((pattern) (#predicate @capture "regex")…)
      next();
      const p = pattern();
      const predicates: Predicate[] = [];
      while (peek() === "(") {
        next();
        const name = next();
        if (name !== "#match?" && name !== "#not-match?") throw new Error(`query: unsupported predicate ${name}`);
        const capture = next().slice(1);
        predicates.push({ name: name.slice(1) as Predicate["name"], capture, regex: new RegExp(string(next())) });
        expect(")");
      }
      expect(")");
      patterns.push({ pattern: p, predicates });
    } else patterns.push({ pattern: pattern(), predicates: [] });
  }
  return { patterns };
}

type Bindings = [string, TsNode][];

/** Every way `p` matches `node`, as its captures. */
function matchAt(p: Pattern, node: TsNode): Bindings[] {
  const own = (b: Bindings[]) => b.map((x) => [...p.captures.map((c) => [c, node] as [string, TsNode]), ...x]);
  switch (p.kind) {
    case "string":
      return !node.named && node.type === p.value ? own([[]]) : [];
    case "alternation":
      return own(p.alternatives.flatMap((a) => matchAt(a, node)));
    case "node": {
      if (!node.named || node.type !== p.type) return [];
      const named = node.children.filter((c) => c.named);
      const last = named[named.length - 1];
      // Child patterns match children in order, skipping others between them.
      const from = (pi: number, ci: number): Bindings[] => {
        if (pi === p.children.length) return [[]];
        const out: Bindings[] = [];
        for (let k = ci; k < node.children.length; k++) {
          const child = node.children[k];
          if (p.anchoredLast && pi === p.children.length - 1 && child !== last) continue;
          for (const b of matchAt(p.children[pi], child)) for (const rest of from(pi + 1, k + 1)) out.push([...b, ...rest]);
        }
        return out;
      };
      return own(from(0, 0));
    }
  }
}

/** The captures of every match in a tree: node → capture names (in pattern order). */
export function captures(query: Query, root: TsNode, textOf: (n: TsNode) => string): Map<TsNode, string[]> {
  const out = new Map<TsNode, string[]>();
  const visit = (node: TsNode) => {
    for (const { pattern, predicates } of query.patterns) {
      for (const b of matchAt(pattern, node)) {
        const ok = predicates.every((pr) => {
          const n = b.find(([c]) => c === pr.capture)?.[1];
          return n !== undefined && pr.regex.test(textOf(n)) === (pr.name === "match?");
        });
        if (!ok) continue;
        for (const [c, n] of b) out.set(n, [...(out.get(n) ?? []), c]);
      }
    }
    node.children.forEach(visit);
  };
  visit(root);
  return out;
}
