// The ONNX rule table: the parts from every rule file, attached to the IR's
// op records (the `onnx` slot of OpDef, see ir/op.ts). Typed as a total map
// over the primitive ops (rule.ts): a primitive without an entry here does not
// compile. A NoRule entry becomes a rule that reports its reason (DL5002).

import "../../../ir/ops/index";
import "../../../autodiff/scan";
import { getOp } from "../../../ir/registry";
import { Unsupported } from "../emitter";
import { COMPOSITE_RULES } from "./composites";
import { COMPUTE_RULES } from "./compute";
import { ELEMENTWISE_RULES } from "./elementwise";
import { GRADIENT_RULES } from "./gradients";
import { MOVEMENT_RULES } from "./movement";
import type { OnnxRuleTable } from "./rule";
import { SCAN_RULES } from "./scan";

export const ONNX_RULES: OnnxRuleTable = {
  ...ELEMENTWISE_RULES,
  ...MOVEMENT_RULES,
  ...COMPUTE_RULES,
  ...GRADIENT_RULES,
  ...COMPOSITE_RULES,
  ...SCAN_RULES,
};

for (const [name, rule] of Object.entries(ONNX_RULES)) {
  getOp(name).onnx = "noRule" in rule
    ? { emit: () => { throw new Unsupported(rule.noRule); } }
    : rule;
}

/** Op names the table has an entry for (a test checks each still exists in the registry). */
export function ruleNames(): string[] {
  return Object.keys(ONNX_RULES);
}
