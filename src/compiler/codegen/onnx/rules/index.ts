// Loads every rule file, attaching the ONNX rules to the op registry.
import "./elementwise";
import "./movement";
import "./compute";
import "./composites";
import "./gradients";
export { ruleNames } from "./attach";
import "./scan";
