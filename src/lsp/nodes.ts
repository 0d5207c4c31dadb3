// Finding AST nodes by offset, for every request that starts at the cursor.

import type * as A from "../compiler/syntax/ast";
import { childNodes } from "../format/comments";

/** The chain of nodes whose span holds `offset` (end inclusive, so a cursor just after a name finds it), root first. */
export function nodeChain(root: A.Node, offset: number): A.Node[] {
  const chain: A.Node[] = [root];
  for (;;) {
    const last = chain[chain.length - 1];
    const kids = childNodes(last).filter((c) => c.span.start <= offset && offset <= c.span.end && c.span.start < c.span.end);
    if (kids.length === 0) return chain;
    // Prefer a child that holds the offset strictly (`a+b`: the cursor between them belongs to `b`).
    chain.push(kids.find((c) => offset < c.span.end) ?? kids[kids.length - 1]);
  }
}

/** Every node of a tree, parents before children. */
export function* walk(root: A.Node): Generator<A.Node> {
  yield root;
  for (const c of childNodes(root)) yield* walk(c);
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
