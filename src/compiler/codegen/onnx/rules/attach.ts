// Attaching ONNX rules to the IR's op records (the `onnx` slot of OpDef, see
// ir/op.ts). Every op is still defined once; this folder only fills the slot
// the IR leaves for it. An op with neither a rule nor an expansion has no ONNX
// form (a test keeps that list empty).

import "../../../ir/ops/index";
import type { OnnxRule } from "../../../ir/op";
import { getOp, hasOp } from "../../../ir/registry";

const attached = new Set<string>();

export function onnxRule(op: string, rule: OnnxRule): void {
  attached.add(op);
  if (hasOp(op)) getOp(op).onnx = rule;
}

/** Op names a rule was written for (a test checks each still exists in the registry). */
export function ruleNames(): string[] {
  return [...attached];
}
