// Attaching ONNX rules to the IR's op records (the `onnx` slot of OpDef, see
// ir/op.ts) and the reasons for ops that have no ONNX form. Every op is still
// defined once; this folder only fills the slot the IR leaves for it.

import "../../../ir/ops/index";
import type { OnnxRule } from "../../../ir/op";
import { getOp, hasOp } from "../../../ir/registry";

const attached = new Set<string>();
const reasons = new Map<string, string>();

export function onnxRule(op: string, rule: OnnxRule): void {
  attached.add(op);
  if (hasOp(op)) getOp(op).onnx = rule;
}

/** An op with no ONNX form, and why (shown in its DL5002 diagnostic). */
export function noOnnx(op: string, reason: string): void {
  reasons.set(op, reason);
}

export function unsupportedReason(op: string): string | undefined {
  return reasons.get(op);
}

/** Op names a rule was written for (a test checks each still exists in the registry). */
export function ruleNames(): string[] {
  return [...attached];
}

export function noOnnxNames(): string[] {
  return [...reasons.keys()];
}
