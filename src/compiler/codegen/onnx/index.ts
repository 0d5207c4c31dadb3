// ONNX: export (IR graph -> ModelProto bytes), the proto layer, the text dump.
export { exportOnnx, MAX_OPSET, type ExportOptions, type ExportResult } from "./export";
export { DEFAULT_OPSET, MIN_OPSET, decodeModel, encodeModel, irVersionForOpset, type TensorData } from "./proto";
export { onnxToText, modelToText } from "./text";
