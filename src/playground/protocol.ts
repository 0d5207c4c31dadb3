// Messages between the playground page and its training worker. Plain data
// only (structured clone); bytes travel as transferable ArrayBuffers.

import type { TrainEvent } from "../runtime/train/trainer";

export type Artifact = "onnx" | "safetensors";

export type ToTrainer =
  | { type: "train"; source: string; backend: "webgpu" | "cpu"; epochs?: number; steps?: number }
  | { type: "stop" };

export type FromTrainer =
  | { type: "status"; text: string }
  /** Where it runs, and why it is not where asked (no WebGPU, synthetic data). */
  | { type: "ready"; backend: string; notices: string[]; model: string; data: string; batch: number }
  | { type: "event"; event: Exclude<TrainEvent, { kind: "checkpoint" }> }
  | { type: "done"; steps: number; seconds: number; stopped: boolean; problems: string[] }
  | { type: "error"; message: string }
  /** A download made from the trained weights, sent after every run that took a step. */
  | { type: "file"; what: Artifact; name: string; bytes: ArrayBuffer };
