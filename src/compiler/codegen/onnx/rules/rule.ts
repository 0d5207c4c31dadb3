// The type of the ONNX rule table: a rule per primitive op (or an explicit
// NoRule with the reason), optional rules for composites that ONNX has as
// one op (the others are exported as their expansion). Each rule file exports
// its part `satisfies OnnxRules`; index.ts joins them into one `OnnxRuleTable`,
// so tsc rejects a primitive without an ONNX entry.

import type { NoRule } from "../../../ir/op";
import type { CompositeOp, OpName, PrimOp } from "../../../ir/op-attrs";
import type { OpNode } from "../../../ir/node";
import type { OnnxEmitter } from "../emitter";

/** The rule of op K: `n` is a node of K, its attributes typed. */
export interface OnnxRuleOf<K extends OpName> {
  /** Oldest opset with the ONNX ops the rule emits; below it a composite is exported expanded. */
  readonly minOpset?: number;
  /** The nodes computing `n` from `ins` (n.inputs' value names); returns the result's name. */
  emit(e: OnnxEmitter, n: OpNode<K>, ins: readonly string[]): string;
}

/** Every primitive has an entry; composites may. */
export type OnnxRuleTable = { [K in PrimOp]: OnnxRuleOf<K> | NoRule } & { [K in CompositeOp]?: OnnxRuleOf<K> };
/** A part of the table (one rule file). */
export type OnnxRules = { [K in OpName]?: OnnxRuleOf<K> | NoRule };
