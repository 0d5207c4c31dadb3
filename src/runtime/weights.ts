// Weights from a file, by parameter path: a safetensors file (dlnet's
// checkpoints, or a converted PyTorch state dict) or an ONNX model's
// initializers. Used by `init = "..."` in a train block and `dlnet run --weights`.

import { extname } from "node:path";
import { readTensors } from "./checkpoint/safetensors";
import { readOnnxInitializers } from "./onnx/import";
import type { Tensor } from "../compiler/tensor";

export function readWeights(path: string): Map<string, Tensor> {
  if (extname(path).toLowerCase() === ".onnx") return readOnnxInitializers(path);
  return readTensors(path).tensors;
}
