// Built-in layers as PyTorch: one entry per dlnet layer, giving the torch.nn
// module that holds its parameters (under the same names and layouts dlnet
// uses, so a dlnet checkpoint is a state_dict) and the call that applies it.
// Layers without parameters or state are plain functional calls. The few
// layers torch.nn lacks in 1.13 (RMSNorm, PositionalEmbedding) and BatchNorm
// without `num_batches_tracked` (not part of dlnet's layout) are small
// classes in model.py's preamble (HELPERS).

import type { BuiltinInstance } from "../../check/elaborated";
import type { TensorType } from "../../tensor-type";
import type { ArgValue } from "../../layers/registry";
import { NotExpressible, pyBool, pyFloat, pyInt, pyTuple } from "./python";

export interface LayerCode {
  /** The constructor, when the layer holds parameters or buffers. */
  ctor?: string;
  /**
   * The call: `ref` is the module expression (`self.linear_0`), `x` the input
   * (absent: nullary use), `extra` the other operands by name (LayerDef.operands).
   */
  call(ref: string, x: string | undefined, extra?: Readonly<Record<string, string>>): string;
  /** Helper classes of model.py's preamble it uses. */
  helpers?: readonly HelperName[];
  /**
   * Layers with states (LayerDef.states, `lstm.h_n`): the call's whole result
   * (torch's tuple), and the indexing that picks each part from it ("" the
   * layer's value, else a state's name).
   */
  tuple?: { call(ref: string, x: string | undefined, extra?: Readonly<Record<string, string>>): string; part: Readonly<Record<string, string>> };
}

const ints = (v: ArgValue | undefined, n: number, d: number): string => {
  const list = v === undefined ? Array(n).fill(d) : Array.isArray(v) ? (v as number[]) : Array(n).fill(v as number);
  return list.length === 1 ? pyInt(list[0]) : pyTuple(list.map(pyInt));
};
const num = (v: ArgValue | undefined) => pyFloat(v as number);
const int = (v: ArgValue | undefined) => pyInt(v as number);
const bool = (v: ArgValue | undefined, d: boolean) => pyBool(v === undefined ? d : v === true);

function need(x: string | undefined, inst: BuiltinInstance): string {
  if (x === undefined) throw new NotExpressible(`${inst.def.name} '${inst.path}' is used as a value`, inst.file, inst.span);
  return x;
}

type Rule = (inst: BuiltinInstance, input: TensorType | undefined) => LayerCode;

const fn = (f: (x: string, inst: BuiltinInstance) => string): Rule => (inst) => ({ call: (_r, x) => f(need(x, inst), inst) });

function conv(kind: "Conv1d" | "Conv2d" | "ConvTranspose2d"): Rule {
  return (inst) => {
    const a = inst.args;
    const n = kind === "Conv1d" ? 1 : 2;
    const extra = kind === "ConvTranspose2d" ? `, output_padding=${ints(a.output_padding, n, 0)}` : "";
    return {
      ctor:
        `nn.${kind}(${int(a.in_channels)}, ${int(a.out_channels)}, kernel_size=${ints(a.kernel_size, n, 1)}, ` +
        `stride=${ints(a.stride, n, 1)}, padding=${ints(a.padding, n, 0)}${extra}, dilation=${ints(a.dilation, n, 1)}, ` +
        `groups=${int(a.groups ?? 1)}, bias=${bool(a.bias, true)})`,
      call: (r, x) => `${r}(${need(x, inst)})`,
    };
  };
}

function pool(kind: "MaxPool1d" | "AvgPool1d" | "MaxPool2d" | "AvgPool2d"): Rule {
  const n = kind.endsWith("1d") ? 1 : 2;
  const f = `F.${kind.startsWith("Max") ? "max" : "avg"}_pool${n}d`;
  return fn((x, inst) => {
    const a = inst.args;
    const stride = a.stride === undefined ? "" : `, stride=${ints(a.stride, n, 1)}`;
    return `${f}(${x}, ${ints(a.kernel_size, n, 1)}${stride}, padding=${ints(a.padding, n, 0)})`;
  });
}

function instanceNorm(n: 1 | 2): Rule {
  return (inst) => {
    const a = inst.args;
    const ctor = `nn.InstanceNorm${n}d(${int(a.num_features)}, eps=${num(a.eps)}, momentum=${num(a.momentum)}, affine=${bool(a.affine, false)})`;
    return { ctor, call: (r, x) => `${r}(${need(x, inst)})` };
  };
}

function recurrent(kind: "RNN" | "LSTM" | "GRU"): Rule {
  return (inst) => {
    const a = inst.args;
    const act = kind === "RNN" ? `, nonlinearity=${JSON.stringify(a.nonlinearity ?? "tanh")}` : "";
    // torch's (h0, c0) or h0; a missing one of an LSTM's pair is zeros, as dlnet's default.
    const whole = (r: string, x: string | undefined, extra?: Readonly<Record<string, string>>): string => {
      const [h0, c0] = [extra?.h0, extra?.c0];
      if (kind !== "LSTM") return `${r}(${need(x, inst)}${h0 ? `, ${h0}` : ""})`;
      if (!h0 && !c0) return `${r}(${need(x, inst)})`;
      return `${r}(${need(x, inst)}, (${h0 ?? `torch.zeros_like(${c0})`}, ${c0 ?? `torch.zeros_like(${h0})`}))`;
    };
    return {
      // batch_first like dlnet; the output is every step's hidden state.
      ctor:
        `nn.${kind}(${int(a.input_size)}, ${int(a.hidden_size)}, num_layers=${int(a.num_layers ?? 1)}${act}, bias=${bool(a.bias, true)}, batch_first=True` +
        `${a.dropout ? `, dropout=${num(a.dropout)}` : ""}${a.bidirectional === true ? ", bidirectional=True" : ""})`,
      call: (r, x, extra) => `${whole(r, x, extra)}[0]`,
      tuple: { call: whole, part: (kind === "LSTM" ? { "": "[0]", h_n: "[1][0]", c_n: "[1][1]" } : { "": "[0]", h_n: "[1]" }) as Record<string, string> },
    };
  };
}

/** BatchNorm (any rank) and BatchNorm1d/2d/3d: torch's module for the input's rank, without num_batches_tracked. */
const batchNormRule: Rule = (inst, input) => {
  const rank = input?.shape.length ?? 4;
  const d = rank <= 3 ? 1 : rank - 2;
  if (d > 3) throw new NotExpressible(`BatchNorm over a rank-${rank} input has no torch.nn module`, inst.file, inst.span);
  const a = inst.args;
  return {
    ctor: `BatchNorm${d}d(${int(a.num_features)}, eps=${num(a.eps)}, momentum=${num(a.momentum)}, affine=${bool(a.affine, true)})`,
    call: (r, x) => `${r}(${need(x, inst)})`,
    helpers: [`BatchNorm${d}d` as HelperName],
  };
};

const RULES: Readonly<Record<string, Rule>> = {
  Linear: (inst) => ({
    ctor: `nn.Linear(${int(inst.args.in_features)}, ${int(inst.args.out_features)}, bias=${bool(inst.args.bias, true)})`,
    call: (r, x) => `${r}(${need(x, inst)})`,
  }),
  Conv1d: conv("Conv1d"),
  Conv2d: conv("Conv2d"),
  ConvTranspose2d: conv("ConvTranspose2d"),
  MaxPool2d: pool("MaxPool2d"),
  AvgPool2d: pool("AvgPool2d"),
  MaxPool1d: pool("MaxPool1d"),
  AvgPool1d: pool("AvgPool1d"),
  AdaptiveAvgPool2d: fn((x, inst) => `F.adaptive_avg_pool2d(${x}, ${ints(inst.args.output_size, 2, 1)})`),
  Upsample: fn((x, inst) => {
    const a = inst.args;
    const how = a.size !== undefined ? `size=${ints(a.size, 2, 1)}` : `scale_factor=${num(a.scale_factor)}`;
    const corners = a.mode === "bilinear" ? `, align_corners=${bool(a.align_corners, false)}` : "";
    return `F.interpolate(${x}, ${how}, mode=${JSON.stringify(a.mode)}${corners})`;
  }),
  GroupNorm: (inst) => ({
    ctor: `nn.GroupNorm(${int(inst.args.num_groups)}, ${int(inst.args.num_channels)}, eps=${num(inst.args.eps)}, affine=${bool(inst.args.affine, true)})`,
    call: (r, x) => `${r}(${need(x, inst)})`,
  }),
  InstanceNorm1d: instanceNorm(1),
  InstanceNorm2d: instanceNorm(2),
  GlobalAvgPool: fn((x) => `${x}.mean(dim=tuple(range(2, ${x}.dim())))`),
  BatchNorm: batchNormRule,
  BatchNorm1d: batchNormRule,
  BatchNorm2d: batchNormRule,
  BatchNorm3d: batchNormRule,
  LayerNorm: (inst) => ({
    ctor: `nn.LayerNorm(${int(inst.args.normalized_shape)}, eps=${num(inst.args.eps)}, elementwise_affine=${bool(inst.args.elementwise_affine, true)})`,
    call: (r, x) => `${r}(${need(x, inst)})`,
  }),
  RMSNorm: (inst) => ({
    ctor: `RMSNorm(${int(inst.args.normalized_shape)}, eps=${num(inst.args.eps)}, elementwise_affine=${bool(inst.args.elementwise_affine, true)})`,
    call: (r, x) => `${r}(${need(x, inst)})`,
    helpers: ["RMSNorm"],
  }),
  Dropout: fn((x, inst) => `F.dropout(${x}, p=${num(inst.args.p)}, training=self.training)`),
  Embedding: (inst) => ({
    ctor: `nn.Embedding(${int(inst.args.num_embeddings)}, ${int(inst.args.embedding_dim)})`,
    // torch indexes with int64; dlnet's tokens are i32.
    call: (r, x) => `${r}(${need(x, inst)}.long())`,
  }),
  PositionalEmbedding: (inst) => ({
    ctor: `PositionalEmbedding(${int(inst.args.num_positions)}, ${int(inst.args.embedding_dim)})`,
    call: (r, x) => (x === undefined ? `${r}()` : `${r}(${x})`),
    helpers: ["PositionalEmbedding"],
  }),
  RNN: recurrent("RNN"),
  LSTM: recurrent("LSTM"),
  GRU: recurrent("GRU"),
  MultiHeadAttention: (inst) => {
    const a = inst.args;
    return {
      ctor:
        `SelfAttention(${int(a.embed_dim)}, ${int(a.num_heads)}, dropout=${num(a.dropout ?? 0)}, bias=${bool(a.bias, true)}, causal=${bool(a.causal, false)}` +
        `${a.kdim !== undefined && a.kdim !== a.embed_dim ? `, kdim=${int(a.kdim)}` : ""}${a.vdim !== undefined && a.vdim !== a.embed_dim ? `, vdim=${int(a.vdim)}` : ""})`,
      call: (r, x, extra = {}) => {
        const kv = extra.key !== undefined ? `, ${extra.key}${extra.value !== undefined ? `, ${extra.value}` : ""}` : "";
        const masks = ["attn_mask", "key_padding_mask"].filter((m) => extra[m] !== undefined).map((m) => `, ${m}=${extra[m]}`);
        return `${r}(${need(x, inst)}${kv}${masks.join("")})`;
      },
      helpers: ["SelfAttention"],
    };
  },
  Flatten: fn((x, inst) => `torch.flatten(${x}, ${int(inst.args.start_dim)}, ${int(inst.args.end_dim)})`),
  ReLU: fn((x) => `torch.relu(${x})`),
  GELU: fn((x) => `F.gelu(${x})`),
  SiLU: fn((x) => `F.silu(${x})`),
  Tanh: fn((x) => `torch.tanh(${x})`),
  Sigmoid: fn((x) => `torch.sigmoid(${x})`),
  Softmax: fn((x, inst) => `torch.softmax(${x}, dim=${int(inst.args.dim)})`),
  LeakyReLU: fn((x, inst) => `F.leaky_relu(${x}, ${num(inst.args.negative_slope)})`),
  ELU: fn((x, inst) => `F.elu(${x}, alpha=${num(inst.args.alpha)})`),
  Softplus: fn((x, inst) => `F.softplus(${x}, beta=${num(inst.args.beta)}, threshold=${num(inst.args.threshold)})`),
  Mish: fn((x) => `F.mish(${x})`),
  Identity: fn((x) => x),
};

/** Reshape needs the checked result type: handled by the expression writer. */
export const SHAPE_LAYERS = new Set(["Reshape"]);

export function layerCode(inst: BuiltinInstance, input: TensorType | undefined): LayerCode {
  const rule = RULES[inst.def.name];
  if (!rule) throw new NotExpressible(`layer ${inst.def.name} has no PyTorch form in this exporter`, inst.file, inst.span);
  return rule(inst, input);
}

export type HelperName = "BatchNorm1d" | "BatchNorm2d" | "BatchNorm3d" | "RMSNorm" | "PositionalEmbedding" | "SelfAttention";

const batchNorm = (d: number) => `
class BatchNorm${d}d(nn.BatchNorm${d}d):
    """nn.BatchNorm${d}d without the num_batches_tracked counter, which dlnet's
    checkpoints do not have (momentum is always a number here)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register_buffer("num_batches_tracked", None)

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # Skip _NormBase's hook, which would add a num_batches_tracked entry.
        nn.Module._load_from_state_dict(self, state_dict, prefix, *args, **kwargs)
`;

/** Preamble classes, in the order they are written. */
export const HELPERS: Readonly<Record<HelperName, string>> = {
  BatchNorm1d: batchNorm(1),
  BatchNorm2d: batchNorm(2),
  BatchNorm3d: batchNorm(3),
  RMSNorm: `
class RMSNorm(nn.Module):
    """x / sqrt(mean(x^2) + eps) * weight over the last dimension."""

    def __init__(self, d, eps=1e-6, elementwise_affine=True):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d)) if elementwise_affine else None

    def forward(self, x):
        y = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return y * self.weight if self.weight is not None else y
`,
  PositionalEmbedding: `
class PositionalEmbedding(nn.Module):
    """A learnable [num_positions, dim] table: the table itself, or x + table[:T]."""

    def __init__(self, num_positions, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(num_positions, dim))
        nn.init.normal_(self.weight, std=0.02)

    def forward(self, x=None):
        if x is None:
            return self.weight
        return x + self.weight[: x.shape[-2]]
`,
  SelfAttention: `
class SelfAttention(nn.MultiheadAttention):
    """Batch-first attention (nn.MultiheadAttention, same parameter names):
    self-attention by default, cross-attention with key (and value); an
    optional causal mask; an attn_mask of [B, T, S] applies to every head."""

    def __init__(self, d, heads, dropout=0.0, bias=True, causal=False, kdim=None, vdim=None):
        super().__init__(d, heads, dropout=dropout, bias=bias, batch_first=True, kdim=kdim, vdim=vdim)
        self.causal = causal

    def forward(self, x, key=None, value=None, attn_mask=None, key_padding_mask=None):
        key = x if key is None else key
        value = key if value is None else value
        mask = attn_mask
        if mask is not None and mask.dim() == 3:
            mask = mask.repeat_interleave(self.num_heads, 0)
        if self.causal:
            causal = torch.ones(x.shape[1], key.shape[1], dtype=torch.bool, device=x.device).triu(1)
            if mask is None:
                mask = causal
            elif mask.dtype == torch.bool:
                mask = mask | causal
            else:
                mask = mask.masked_fill(causal, float("-inf"))
        return super().forward(x, key, value, attn_mask=mask, key_padding_mask=key_padding_mask, need_weights=False)[0]
`,
};
