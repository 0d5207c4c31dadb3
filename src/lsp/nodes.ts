// Finding AST nodes by offset, for every request that starts at the cursor.

import type * as A from "../compiler/syntax/ast";

/** The chain of nodes whose span holds `offset` (end inclusive, so a cursor just after a name finds it), root first. */
export function nodeChain(root: A.Node, offset: number): A.Node[] {
  const chain: A.Node[] = [root];
  for (;;) {
    const last = chain[chain.length - 1];
    const kids = children(last).filter((c) => c.span.start <= offset && offset <= c.span.end && c.span.start < c.span.end);
    if (kids.length === 0) return chain;
    // Prefer a child that holds the offset strictly (`a+b`: the cursor between them belongs to `b`).
    chain.push(kids.find((c) => offset < c.span.end) ?? kids[kids.length - 1]);
  }
}

function isNode(v: unknown): v is A.Node {
  return typeof v === "object" && v !== null && typeof (v as A.Node).kind === "string" && typeof (v as A.Node).span === "object";
}

/** format's childNodes (the direct children in source order) without its per-node allocations: this runs per keystroke. */
function children(node: A.Node): A.Node[] {
  const out: A.Node[] = [];
  const o = node as unknown as Record<string, unknown>;
  for (const key in o) {
    if (key === "span") continue;
    const value = o[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out.length > 1 ? out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end) : out;
}

/**
 * Every node's list, by root. AST nodes are immutable and an edit re-uses
 * the declarations it did not touch (incremental parse), so a declaration's
 * nodes are listed once, not once per request per keystroke.
 */
const listed = new WeakMap<A.Node, readonly A.Node[]>();

/** Every node of a tree, parents before children. */
export function walk(root: A.Node): readonly A.Node[] {
  let out = listed.get(root);
  if (out) return out;
  const list: A.Node[] = [root];
  if (root.kind === "Program") {
    for (const c of children(root)) for (const n of walk(c)) list.push(n);
  } else {
    const visit = (n: A.Node): void => {
      for (const c of children(n)) {
        list.push(c);
        visit(c);
      }
    };
    visit(root);
  }
  listed.set(root, (out = list));
  return out;
}

/** The innermost node of the chain that satisfies `pred`. */
export function innermost<T extends A.Node>(chain: readonly A.Node[], pred: (n: A.Node) => n is T): T | undefined {
  for (let i = chain.length - 1; i >= 0; i--) if (pred(chain[i])) return chain[i] as T;
  return undefined;
}

/** The declaration (layer, model, op, train) a chain is inside. */
export function enclosingDecl(chain: readonly A.Node[]): A.Decl | undefined {
  return chain.find((n): n is A.Decl => n.kind === "Layer" || n.kind === "Op" || n.kind === "Train");
}

export function isNameLike(n: A.Node): n is A.Ident | A.NameRef {
  return n.kind === "Ident" || n.kind === "Name";
}
