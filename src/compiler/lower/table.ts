// The lowering rule of every built-in layer and function, by registry name.
// A test enumerates the registry and fails when a layer or function has no
// rule here, or a rule names no built-in.

import { FUNCTION_LOWERINGS } from "./functions";
import type { LayerLowering } from "./rules";
import { MultiHeadAttention } from "./layers/attention";
import { AvgPool1d, AvgPool2d, Conv1d, Conv2d, ConvTranspose2d, GlobalAvgPool, MaxPool1d, MaxPool2d } from "./layers/conv";
import { AdaptiveAvgPool2d, Upsample } from "./layers/resample";
import {
  Dropout, ELU, Embedding, Flatten, GELU, Identity, LeakyReLU, Linear, Mish, PositionalEmbedding, ReLU, Reshape, Sigmoid, SiLU, Softmax, Softplus, Tanh,
} from "./layers/dense";
import { BatchNorm, GroupNorm, InstanceNorm, LayerNorm, RMSNorm } from "./layers/norm";
import { GRU, LSTM, RNN } from "./layers/recurrent";

export { FUNCTION_LOWERINGS };

export const LAYER_LOWERINGS: Readonly<Record<string, LayerLowering>> = {
  Linear, Conv1d, Conv2d, ConvTranspose2d, MaxPool2d, AvgPool2d, GlobalAvgPool,
  BatchNorm, LayerNorm, RMSNorm, Dropout, Embedding, PositionalEmbedding,
  RNN, LSTM, GRU, MultiHeadAttention, Flatten, Reshape,
  ReLU, GELU, SiLU, Tanh, Sigmoid, Softmax, LeakyReLU, ELU, Softplus, Mish, Identity,
  MaxPool1d, AvgPool1d, AdaptiveAvgPool2d, Upsample, GroupNorm, InstanceNorm1d: InstanceNorm, InstanceNorm2d: InstanceNorm,
};
