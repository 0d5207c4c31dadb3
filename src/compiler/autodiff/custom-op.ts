// User-defined differentiable ops (`op swish(x) = x * sigmoid(x) { grad x = ... }`).
// The body becomes a composite op's expansion; explicit `grad` rules, when
// given, become its vjp (parameters without a rule are differentiated through
// the body). The op record is not registered anywhere: the nodes built by
// the returned function carry it (ir/node.ts), so two definitions of one name
// (two programs, or an edited one) are two ops that never meet.

import { InternalError } from "../diagnostics";
import { input } from "../ir/builder";
import { substitute } from "../ir/graph";
import { makeNode, type Node } from "../ir/node";
import type { OpDef } from "../ir/op";
import { hasOp } from "../ir/registry";
import { gradOrNull } from "./grad";

export interface CustomGradArgs {
  /** Incoming gradient dL/dy (shape of y). */
  dy: Node;
  /** The op's output. */
  y: Node;
  /** The op's arguments by parameter name. */
  args: Readonly<Record<string, Node>>;
}
export type CustomGradRule = (a: CustomGradArgs) => Node;

/**
 * Op `name` with parameters `params` (tensors) whose forward is
 * `body(...args)` built from existing ops. Returns the op's builder function.
 * A grad rule may return a gradient of y's (broadcast) shape; it is summed
 * back to the argument's shape like any other op's.
 */
export function defineCustomOp(
  name: string,
  params: readonly string[],
  body: (...args: Node[]) => Node,
  grads?: Readonly<Record<string, CustomGradRule>>,
): (...args: Node[]) => Node {
  // A built-in's name would make the IR text and the ONNX function ambiguous.
  if (hasOp(name)) throw new InternalError(`custom op '${name}' would shadow the built-in op of that name`);
  for (const p of Object.keys(grads ?? {})) {
    if (!params.includes(p)) throw new InternalError(`grad rule for unknown parameter '${p}' of op ${name}`);
  }
  const expand = (ins: readonly Node[]) => body(...ins);
  const hasRules = grads && Object.keys(grads).length > 0;
  const def: OpDef = {
    name,
    summary: `user op ${name}(${params.join(", ")})`,
    category: "composite",
    userParams: params,
    arity: params.length,
    expand,
    vjp: hasRules
      ? ({ y, inputs, dy }) => {
          const args = Object.fromEntries(params.map((p, i) => [p, inputs[i]]));
          return params.map((p, i) => {
            const rule = grads![p];
            if (rule) return rule({ dy, y, args });
            // No rule for this parameter: through the body, built on stand-in
            // inputs so that builder peepholes (permute∘permute) cannot fold the
            // real input out of the path; then rewritten onto the real inputs.
            if (inputs[i].dtype !== "f32") return null;
            const stand = inputs.map((c, k) => input(`__${name}.${k}`, c.dtype, c.shape));
            const g = gradOrNull(body(...stand), [stand[i]], dy)[0];
            return g ? substitute([g], new Map(stand.map((p, k) => [p, inputs[k]])))[0] : null;
          });
        }
      : undefined,
  };
  return (...args: Node[]) => makeNode(def, args);
}
